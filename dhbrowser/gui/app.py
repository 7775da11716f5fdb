"""Start the Qt application, the worker pool and the main window; drain them at exit."""

from __future__ import annotations

import contextlib
import gc
import logging
import signal
import socket
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, QStandardPaths, QThread, QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import dhbrowser
from dhbrowser.api.models import ActionClip, DigitalHuman, FetchMode, Timbre
from dhbrowser.core.demo import DemoService
from dhbrowser.core.files import unwritable
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.qt.i18n import chosen_language, install_language, translate
from dhbrowser.qt.qt_logging import route_qt_messages
from dhbrowser.qt.settings import ProfileSettings
from dhbrowser.resources import resource_path
from dhbrowser.store import default_path

log = logging.getLogger(__name__)

#: How long closing may wait for running work before the process exits anyway. Requests
#: are aborted and keyring waits abandoned on close, so the pool is normally idle in a
#: few milliseconds; the whole close must stay under a second.
SHUTDOWN_BUDGET_MS = 400
#: Signals that close the window as its close button does (its state is saved).
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGINT)
#: Pools whose work outlived the shutdown budget, kept alive (a pool's destructor waits for
#: its work without a bound) until the command ends the process without finalising it.
_abandoned_pools: list[QThreadPool] = []


def application() -> QApplication:
    """The QApplication, created once with the names QSettings and the desktop use."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    route_qt_messages()
    app = QApplication(sys.argv[:1])
    # What start-up imported and built lives as long as the process: exempt it from the
    # cyclic garbage collector, whose full passes over those ~50,000 objects (PySide6's
    # wrappers are slow to traverse) each stalled the GUI thread 25–55 ms while syncing.
    gc.freeze()
    app.setOrganizationName("dhbrowser")
    app.setApplicationName("dhbrowser")
    app.setApplicationDisplayName("dhbrowser")
    app.setApplicationVersion(dhbrowser.__version__)
    app.setDesktopFileName("dhbrowser")
    install_language(app, chosen_language())
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def app_icon() -> QIcon | None:
    try:
        icons = resource_path("icons")
    except FileNotFoundError:
        return None
    icon = QIcon()
    for png in sorted(icons.glob("dhbrowser-*.png")):
        icon.addFile(str(png))
    return None if icon.isNull() else icon


def worker_pool() -> QThreadPool:
    """A pool of our own (not the global one) so shutdown can cancel and drain exactly our work."""
    pool = QThreadPool()
    pool.setMaxThreadCount(max(4, QThread.idealThreadCount() * 2))
    return pool


def cache_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))


def thumbnail_cache_dir() -> Path:
    return cache_dir() / "thumbnails"


def drain(pool: QThreadPool) -> bool:
    """Drop queued work and wait (bounded) for running work; cancelled requests end quickly.

    False if work is still running: the caller must then leave without destroying the
    pool, whose destructor would wait for that work without a bound.
    """
    pool.clear()
    if pool.waitForDone(SHUTDOWN_BUDGET_MS):
        return True
    log.warning("background work still running at exit after %d ms", SHUTDOWN_BUDGET_MS)
    return False


@contextlib.contextmanager
def closing_on_signals(close: Callable[[], object]) -> Iterator[None]:
    """Have SIGTERM and SIGINT call `close` on the GUI thread while the block runs.

    A Python signal handler only runs when the interpreter does, and Qt's event loop may
    sleep in C for ever: the signal's byte on the wakeup socket wakes the loop instead,
    through a QSocketNotifier. Handlers and wakeup fd are put back afterwards.
    """
    wake_reader, wake_writer = socket.socketpair()
    wake_reader.setblocking(False)
    wake_writer.setblocking(False)
    previous_handlers = {number: signal.signal(number, _note_signal) for number in CLOSING_SIGNALS}
    previous_fd = signal.set_wakeup_fd(wake_writer.fileno())
    notifier = QSocketNotifier(wake_reader.fileno(), QSocketNotifier.Type.Read)

    def on_wake() -> None:
        with contextlib.suppress(OSError):
            received = wake_reader.recv(64)
            log.info("closing on signal %s", ", ".join(str(number) for number in received))
        close()

    notifier.activated.connect(on_wake)
    try:
        yield
    finally:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous_handlers.items():
            signal.signal(number, handler)
        wake_reader.close()
        wake_writer.close()


def _note_signal(number: int, _frame: object) -> None:
    """The Python-level handler: the work is done by `closing_on_signals`' notifier."""


@dataclass(frozen=True)
class BrowserOutcome:
    exit_code: int
    picked: tuple[DigitalHuman, ActionClip | None] | None = None
    voice: Timbre | None = None  # the voice picked with the human (`--with-voice`)
    #: Qt ran in this process: the command ends it without finalising the interpreter.
    #: Work that outlived SHUTDOWN_BUDGET_MS would hold that without a bound, and PySide6
    #: (seen with 6.12 on Python 3.13, one exit in about fifteen under load) can crash in
    #: it, destroying Qt objects after Python's own teardown, so the exit code said -11.
    end_without_finalizing: bool = False


def run_browser(
    demo: DemoService,
    settings: ProfileSettings,
    *,
    profile: str | None = None,
    pick_mode: bool = False,
    fetch_mode: FetchMode = FetchMode.ALL,
    notices: Sequence[str] = (),
    with_voice: bool = False,
) -> BrowserOutcome:
    """Open the main window on `profile` (None: the demo catalog) and run until it closes.

    `notices` are start-up's findings about state on disk, shown in a banner with the
    cache's own (a cache folder that cannot be written leaves portraits in memory).
    """
    from dhbrowser.gui.mainwindow import MainWindow

    app = application()
    if (problem := unwritable(cache_dir())) is not None:
        notices = [
            *notices,
            translate("app", "Portraits are cached in memory only: {problem}.").format(
                problem=problem
            ),
        ]
    pool = worker_pool()
    window = MainWindow(
        pool,
        thumbnail_cache_dir(),
        pick_mode=pick_mode,
        catalog_store=default_path(),
    )
    window.require_voice = with_voice
    if with_voice and window.use_button is not None:
        window.use_button.setText(translate("app", "Use this avatar and voice"))
    window.enable_profiles(settings, SecretStore(), demo.connection)
    window.set_fetch_mode(fetch_mode)
    window.switch_profile(profile)
    window.show_storage_notices(notices)
    window.show()
    try:
        with closing_on_signals(window.close):
            log.info("the window is open")
            code = app.exec()
    finally:
        window.shutdown()
        drained = drain(pool)
    if not drained:
        _abandoned_pools.append(pool)  # its work may still use the store: left to exit
    elif window.store_link is not None:
        window.store_link.close()
    return BrowserOutcome(code, window.pick_result, window.pick_voice, end_without_finalizing=True)
