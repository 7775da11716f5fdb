"""Keep Qt's multimedia chatter out of the user's terminal, and in the log file.

QtMultimedia and the FFmpeg it drives talk a lot: at start-up which optional libraries
(VA-API, PipeWire) they could not load, at info level each stream's details with the signed
preview URL among them. None of that is for the person at the terminal, and `--pick` and
`--check` have scripts reading their output. So every start (and the tests) routes Qt's
messages through one handler: multimedia categories go to the log file only (stderr sees
them with `-v`), with URLs cut before their query string; everything else keeps its level.
FFmpeg itself writes its warnings straight to stderr, past Qt: once QtMultimedia has loaded
it, a libavutil log callback sends those to the log file too.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import QLoggingCategory, QMessageLogContext, QtMsgType, qInstallMessageHandler

#: QtMultimedia's categories, FFmpeg's own messages included (qt.multimedia.ffmpeg). Their
#: info and debug messages are not even formatted (stream dumps, frame timing); what is left
#: goes to the log file only.
QUIET_CATEGORY = "qt.multimedia"
FILTER_RULES = f"{QUIET_CATEGORY}*.info=false\n{QUIET_CATEGORY}*.debug=false"
#: QtMultimedia's PulseAudio backend warns in Qt's default category, with this prefix, when
#: there is no sound server (a normal computer without sound).
QUIET_PREFIXES = ("PulseAudioService:",)
#: A URL's query string carries its signature: the log keeps only where it pointed.
URL_QUERY = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s?'\"]*)\?[^\s'\"]*", re.IGNORECASE)

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]

#: FFmpeg's own messages ("[h264 @ 0x…] Invalid NAL unit size", the stream dump with the
#: signed URL) bypass Qt and are written to stderr by FFmpeg itself: they get a callback.
AV_LOG_WARNING = 24
FFMPEG_LINE_BYTES = 1024
FFMPEG_LOGGER = "qt.multimedia.ffmpeg.libav"
_FFmpegCallback = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p
)
_ffmpeg_hooks: list[object] = []  # the callback must outlive every FFmpeg thread's use of it


def is_quiet(category: str | None, message: str) -> bool:
    """Whether a message is QtMultimedia's (or FFmpeg's, which reaches us through it)."""
    if category is not None and (
        category == QUIET_CATEGORY or category.startswith(QUIET_CATEGORY + ".")
    ):
        return True
    return message.startswith(QUIET_PREFIXES)


def without_url_queries(text: str) -> str:
    return URL_QUERY.sub(r"\1?…", text)


def logger_for(context: QMessageLogContext) -> logging.Logger:
    category = context.category
    return logging.getLogger("qt" if category in (None, "default") else category)


def log_quietly(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """A quiet category's message: the log file's INFO level, its own level in the text."""
    level = logging.getLevelName(LEVELS.get(msg_type, logging.WARNING)).lower()
    logger_for(context).info("%s: %s", level, without_url_queries(message))


def log_to_python(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Any other Qt message, at its own level (warnings reach stderr, as Qt's default does)."""
    logger_for(context).log(
        LEVELS.get(msg_type, logging.WARNING), "%s", without_url_queries(message)
    )


def pyside_avutil() -> ctypes.CDLL | None:
    """PySide6's FFmpeg libavutil, once QtMultimedia's plugin has loaded it (else None).

    Only a loaded one: loading it ourselves fails (its OpenSSL stubs need the plugin).
    """
    pyside = Path(PySide6.__file__).parent
    patterns = ("libavutil.so.[0-9]*", "avutil-*.dll", "libavutil.*.dylib")
    for folder in (pyside / "Qt" / "lib", pyside, pyside.parent):
        for pattern in patterns:
            for path in sorted(folder.glob(pattern), key=lambda found: len(found.name)):
                try:
                    return ctypes.CDLL(str(path), mode=getattr(os, "RTLD_NOLOAD", 0))
                except OSError:
                    continue
    return None


def route_ffmpeg_messages() -> None:
    """FFmpeg's warnings and errors to the log file (INFO, as Qt Multimedia's), the rest dropped.

    Call right after creating a QMediaPlayer (which loads FFmpeg); later calls do nothing.
    """
    if _ffmpeg_hooks:
        return
    avutil = pyside_avutil()
    if avutil is None:
        return
    logger = logging.getLogger(FFMPEG_LOGGER)

    def on_message(
        context: int | None, level: int, fmt: bytes | None, arguments: int | None
    ) -> None:
        if level > AV_LOG_WARNING or fmt is None:
            return
        line = ctypes.create_string_buffer(FFMPEG_LINE_BYTES)
        print_prefix = ctypes.c_int(1)
        avutil.av_log_format_line2(
            context, level, fmt, arguments, line, FFMPEG_LINE_BYTES, ctypes.byref(print_prefix)
        )
        text = line.value.decode("utf-8", "replace").strip()
        if text:
            logger.info("%s", without_url_queries(text))

    avutil.av_log_format_line2.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
    ]
    avutil.av_log_set_callback.argtypes = [ctypes.c_void_p]
    callback = _FFmpegCallback(on_message)
    _ffmpeg_hooks.extend([avutil, callback])
    avutil.av_log_set_callback(ctypes.cast(callback, ctypes.c_void_p))
    # After Python is gone an FFmpeg thread must not call back into it.
    default = ctypes.cast(avutil.av_log_default_callback, ctypes.c_void_p)
    atexit.register(avutil.av_log_set_callback, default)


def route_qt_messages(others: QtMessageHandler = log_to_python) -> None:
    """Install the rules and the handler; `others` gets every non-multimedia message.

    Call before QtMultimedia loads (before the first QMediaPlayer). The tests pass
    pytest-qt's own handler as `others`, so they see exactly what stderr would.
    """
    QLoggingCategory.setFilterRules(FILTER_RULES)
    route_ffmpeg_messages()

    def handle(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if is_quiet(context.category, message):
            log_quietly(msg_type, context, message)
        else:
            others(msg_type, context, message)

    qInstallMessageHandler(handle)
