"""Is there a screen to open a window on? Asked before Qt is, because Qt's answer is an abort.

Without a display Qt's xcb plugin prints a misleading hint ("xcb-cursor0 is needed") and
aborts the process (exit 134). The GUI modes ask here first and exit 2 with a plain message.
`--check` never asks: it runs on Qt's offscreen platform, with or without a display.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Mapping

from dhbrowser.i18n import N_

#: Said in the terminal before Qt starts, so through gettext (`_(NO_DISPLAY)`), not Qt.
NO_DISPLAY = N_("no display: run dhbrowser inside a desktop session, or set DISPLAY")


def x_display_opens(display: str) -> bool:
    """Whether the X display accepts a connection, asked the way Qt's xcb plugin connects."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # let Qt try, and say what it lacks
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return int(xcb.xcb_connection_has_error(connection)) == 0
    finally:
        xcb.xcb_disconnect(connection)


def display_problem(environment: Mapping[str, str] = os.environ) -> str | None:
    """NO_DISPLAY when a window cannot open here; None when Qt should try."""
    if environment.get("QT_QPA_PLATFORM") or environment.get("WAYLAND_DISPLAY"):
        return None  # a platform chosen on purpose, or a Wayland session: Qt knows best
    display = environment.get("DISPLAY", "")
    if not display or not x_display_opens(display):
        return NO_DISPLAY
    return None
