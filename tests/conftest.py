"""Test-wide set-up: headless Qt, throw-away user folders, and no leaked widgets or threads.

QT_QPA_PLATFORM and the XDG folders are set here, before anything imports Qt, so every
test module sees the same environment however pytest orders them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read English, whatever the locale of the machine running them; the tests of the
# Chinese interface ask for it themselves. LANGUAGE comes first for gettext and for Qt's
# QLocale.system().uiLanguages(), which is what dhbrowser's language follows.
os.environ["LANGUAGE"] = "en"
_SANDBOX = Path(tempfile.mkdtemp(prefix="dhbrowser-tests-"))
for _name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_SANDBOX / _name.lower())
os.environ.setdefault("XDG_DATA_HOME", str(_SANDBOX / "xdg_data_home"))
# Test runs must never write to the user's real keyring by accident.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
if os.environ.get("DHBROWSER_TEST_SECRET_SERVICE"):
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"

# Shared fixtures: emulators, the GUI's window and pool, keyring doubles, themes.
pytest_plugins = [
    "tests.emulator_fixtures",
    "tests.gui_fixtures",
    "tests.hostile_server",
    "tests.keyring_doubles",
    "tests.logfail",
    "pytester",
    "tests.portrait_fixtures",
    "tests.theme_palettes",
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def translations_dir() -> Path:
    """The compiled catalogues, built from the sources as `make translations` does (so a
    test never reads a stale or missing .qm)."""
    import subprocess
    import sys

    folder = Path(__file__).resolve().parent.parent / "resources" / "translations"
    built = subprocess.run(
        [sys.executable, str(folder.parent.parent / "packaging" / "translations.py"), "build"],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    return folder


@pytest.fixture(scope="session")
def qapp(qapp: QApplication, translations_dir: Path) -> QApplication:
    """pytest-qt's application, speaking English as dhbrowser's does: with the English
    catalogue, which holds the plural forms ("1 action", "3 actions")."""
    from dhbrowser.i18n import ENGLISH
    from dhbrowser.qt.i18n import install_language

    install_language(qapp, ENGLISH, translations_dir)
    return qapp


@pytest.hookimpl(trylast=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Route Qt's messages as the app does, in front of pytest-qt's capture.

    So the tests see what a user's stderr would: QtMultimedia's chatter (e.g. "Couldn't load
    va-x11 library" on a machine without VA-API) goes to the log, and any other Qt warning
    still fails the test (qt_log_level_fail).
    """
    if not hasattr(item, "qt_log_capture"):
        return
    from PySide6.QtCore import qInstallMessageHandler

    from dhbrowser.qt.qt_logging import route_qt_messages

    captured = qInstallMessageHandler(None)  # pytest-qt's, installed just before this hook
    if captured is not None:
        route_qt_messages(captured)


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests save screenshots for people to look at (build/test-artifacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Fresh settings, cache and log folders for one test."""
    from PySide6.QtCore import QSettings

    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    # Qt reads XDG_CONFIG_HOME once per process: the window's own QSettings (its filter,
    # sort and selection are remembered) would otherwise carry one test's into the next.
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(
            settings_format, QSettings.Scope.UserScope, str(tmp_path / "xdg_config_home")
        )
    return tmp_path


#: How long a thread a test started may take to end once the test is over (it was told to).
THREAD_END_BUDGET_S = 2.0


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Fail a test that leaves a Python thread of its own running (stop servers, join workers)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREAD_END_BUDGET_S
    leaked = [t for t in threading.enumerate() if t not in before and _is_ours(t)]
    for thread in leaked:
        thread.join(max(0.0, deadline - time.monotonic()))
    still_running = [thread for thread in leaked if thread.is_alive()]
    assert not still_running, f"test left threads running: {still_running}"


def _is_ours(thread: threading.Thread) -> bool:
    # Qt's pool threads show up as dummies once they run Python; the pool checks cover them.
    return not isinstance(thread, threading._DummyThread)


@pytest.fixture(autouse=True)
def _no_leaked_widgets(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a Qt test that leaves a top-level widget, a parentless timer or pool work alive.

    Hidden top-level widgets count too (a closed window that was never deleted keeps its
    timers and connections), as do timers started with no owner (napari's checks are the
    model): close widgets or use qtbot.addWidget, give timers a parent or stop them.
    """
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    before = {id(widget) for widget in QApplication.topLevelWidgets()}
    started: weakref.WeakSet[QTimer] = weakref.WeakSet()
    start = QTimer.start

    def tracking_start(timer: QTimer, *args: object) -> None:
        started.add(timer)
        start(timer, *args)

    QTimer.start = tracking_start  # type: ignore[method-assign]
    try:
        yield
    finally:
        QTimer.start = start  # type: ignore[method-assign]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    leaked = [widget for widget in QApplication.topLevelWidgets() if id(widget) not in before]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    live_timers = [
        timer
        for timer in list(started)
        if shiboken6.isValid(timer) and timer.isActive() and timer.parent() is None
    ]
    for timer in live_timers:
        timer.stop()
    global_pool = QThreadPool.globalInstance()
    global_pool_busy = global_pool.activeThreadCount()
    global_pool.waitForDone(2000)
    assert not leaked, f"test left top-level widgets alive: {leaked}"
    assert not live_timers, f"test left timers running that nothing owns: {live_timers}"
    assert not global_pool_busy, "test left work running on the global QThreadPool"
