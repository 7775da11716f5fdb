"""Fixtures that open the real main window on a real emulator over loopback HTTP."""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Catalog, Emulator
from dhbrowser.gui.app import drain, worker_pool
from dhbrowser.gui.mainwindow import MainWindow

WindowFactory = Callable[..., MainWindow]


def demo_connection(emulator: Emulator, label: str = "Test demo") -> Connection:
    return Connection(
        label,
        DEMO_APP_ID,
        emulator.base_url,
        Secret(DEMO_SERVER_SECRET),
        is_demo=True,
        trusted_ca=emulator.trusted_ca,
    )


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    pool = worker_pool()
    yield pool
    drain(pool)
    assert pool.activeThreadCount() == 0, (
        f"background work still running after the test:\n{worker_stacks()}"
    )


def settle(pool: QThreadPool, timeout_ms: int = 10_000) -> None:
    """Run the pool's work to its end and deliver its answers, and what those start in turn.

    A test that asserts something did NOT happen does so after this: the work that would
    have made it happen has finished and been handled, whatever the machine's speed.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    idle_rounds = 0
    while idle_rounds < 2:  # twice: an answer's handler may queue a zero-delay timer
        QCoreApplication.processEvents()  # zero-delay timers start their work
        remaining = int((deadline - time.monotonic()) * 1000)
        finished = remaining > 0 and pool.waitForDone(remaining)
        assert finished, f"background work did not finish:\n{worker_stacks()}"
        QCoreApplication.processEvents()  # the finished work's signals are handled
        idle_rounds = idle_rounds + 1 if pool.activeThreadCount() == 0 else 0


def worker_stacks() -> str:
    """Where every thread but the main one is, so a drain that timed out says what it awaited."""
    main = threading.main_thread().ident
    return "\n".join(
        f"thread {ident}:\n" + "".join(traceback.format_stack(frame)[-8:])
        for ident, frame in sys._current_frames().items()
        if ident != main
    )


@pytest.fixture
def synthetic_emulator() -> Iterator[Callable[..., Emulator]]:
    """Start emulators with a synthetic catalog of any size; all are stopped afterwards."""
    started: list[Emulator] = []

    def start(count: int, **options: object) -> Emulator:
        emulator = Emulator(catalog=Catalog.synthetic(count), **options).start()  # type: ignore[arg-type]
        started.append(emulator)
        return emulator

    yield start
    for emulator in started:
        emulator.stop()


@pytest.fixture
def open_window(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path
) -> Iterator[WindowFactory]:
    """Open a main window on an emulator; closed (and its work drained) after the test."""
    windows: list[MainWindow] = []

    def open_on(emulator: Emulator, *, pick_mode: bool = False) -> MainWindow:
        window = MainWindow(pool, tmp_path / "thumbnails", pick_mode=pick_mode)
        qtbot.addWidget(window)
        window.set_connection(demo_connection(emulator))
        window.show()
        windows.append(window)
        return window

    yield open_on
    for window in windows:
        window.close()
