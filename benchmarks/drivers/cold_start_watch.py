"""The cold-start driver's substitutions: a slower demo emulator, and a window that watches.

`install()` makes `DemoService` start an emulator that answers after 50 ms (over HTTPS
when TLS_FILES_ENV names the certificate files the parent made) and replaces
`dhbrowser.gui.mainwindow.MainWindow` with a subclass that filters its viewport's paints.
Both act where the app itself would: the emulator is imported in the worker that starts it.
The first paint that draws every visible card with its portrait (the thumbnail store says
READY for each) stops the clock the moment it is done: the filter has the view paint it
then and there, so nothing else the event loop has queued can fall inside the measurement
(the bare-window baseline does the same). Then the result is sent and the application
quits, as if the window had been closed.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

import dhbrowser.gui.mainwindow
from benchmarks.drivers.qt_support import visible_indexes
from benchmarks.protocol import TLS_FILES_ENV, emit, spawn_time
from dhbrowser.core.demo import DemoService
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.thumbnails import ThumbState

if TYPE_CHECKING:
    from dhbrowser.emulator import Emulator

API_LATENCY = 0.05
TIMEOUT_MS = 30_000


@dataclass
class Watcher:
    """What the watching window saw: moments (time.time()) and whether it finished."""

    marks: dict[str, float] = field(default_factory=dict)
    done: bool = False


WATCHER = Watcher()


def start_latent_emulator() -> Emulator:
    """The demo's emulator, answering every API request after 50 ms; over HTTPS with the
    certificate in TLS_FILES_ENV, if set (the app then trusts its CA, as DemoService does)."""
    from dhbrowser.emulator import Emulator, EmulatorTls, Faults

    folder = os.environ.get(TLS_FILES_ENV)
    tls = None
    if folder:
        files = Path(folder)
        tls = EmulatorTls.from_files(files / "chain.pem", files / "key.pem", files / "ca.pem")
    return Emulator(faults=Faults(latency=API_LATENCY), tls=tls).start()


class WatchedMainWindow(MainWindow):
    """The main window, with a filter on its card grid's viewport."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        WATCHER.marks["window_built"] = time.time()
        self._paints = PaintFilter(self)
        self.view.viewport().installEventFilter(self._paints)
        QTimer.singleShot(TIMEOUT_MS, self.close)


class PaintFilter(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or "portraits" in WATCHER.marks:
            return False
        marks = WATCHER.marks
        marks.setdefault("first_paint", time.time())
        humans = [human_at(index) for index in visible_indexes(self.window.view)]
        if humans:
            marks.setdefault("first_cards", time.time())
        thumbnails = self.window.thumbnails
        if humans and all(
            human is not None and thumbnails.state(human.id) is ThumbState.READY for human in humans
        ):
            self.window.view.viewportEvent(event)  # paint it now, as the view would next
            marks["portraits"] = time.time()
            QTimer.singleShot(0, lambda: self._report(len(humans)))
            return True
        return False

    def _report(self, cards: int) -> None:
        marks = WATCHER.marks
        from benchmarks.measure import memory_mb  # only now: its statistics import takes time

        start = spawn_time()
        emit(
            {
                "seconds": marks["portraits"] - start,
                "milestones": {name: round(moment - start, 4) for name, moment in marks.items()},
                "visible_cards": cards,
                **memory_mb(),
            }
        )
        WATCHER.done = True
        QCoreApplication.quit()


def install() -> Watcher:
    WATCHER.marks["imported"] = time.time()
    DemoService._start_emulator = staticmethod(start_latent_emulator)  # type: ignore[method-assign]
    dhbrowser.gui.mainwindow.MainWindow = WatchedMainWindow  # type: ignore[misc]
    return WATCHER
