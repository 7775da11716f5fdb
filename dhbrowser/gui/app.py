"""Start the Qt application, the worker pool and the main window; drain them at exit."""

from __future__ import annotations

import gc
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QThread, QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import dhbrowser
from dhbrowser.api.models import Action, DigitalHuman, FetchMode
from dhbrowser.demo import DemoService
from dhbrowser.gui.qt_logging import route_qt_messages
from dhbrowser.remembered import RememberedPages
from dhbrowser.resources import resource_path
from dhbrowser.secrets import SecretStore
from dhbrowser.settings import ProfileSettings

log = logging.getLogger(__name__)

#: How long closing may wait for running downloads before the process exits anyway.
SHUTDOWN_BUDGET_MS = 1500


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


def drain(pool: QThreadPool) -> None:
    """Drop queued work and wait (bounded) for running work; cancelled requests end quickly."""
    pool.clear()
    if not pool.waitForDone(SHUTDOWN_BUDGET_MS):
        log.warning("background work still running at exit after %d ms", SHUTDOWN_BUDGET_MS)


@dataclass(frozen=True)
class BrowserOutcome:
    exit_code: int
    picked: tuple[DigitalHuman, Action | None] | None = None


def run_browser(
    demo: DemoService,
    settings: ProfileSettings,
    *,
    profile: str | None = None,
    pick_mode: bool = False,
    fetch_mode: FetchMode = FetchMode.ALL,
) -> BrowserOutcome:
    """Open the main window on `profile` (None: the demo catalog) and run until it closes."""
    from dhbrowser.gui.mainwindow import MainWindow

    app = application()
    pool = worker_pool()
    window = MainWindow(
        pool,
        thumbnail_cache_dir(),
        pick_mode=pick_mode,
        remembered=RememberedPages(cache_dir() / "first-pages"),
    )
    window.enable_profiles(settings, SecretStore(), demo.connection)
    window.set_fetch_mode(fetch_mode)
    window.switch_profile(profile)
    window.show()
    try:
        code = app.exec()
    finally:
        window.shutdown()
        drain(pool)
    return BrowserOutcome(code, window.pick_result)
