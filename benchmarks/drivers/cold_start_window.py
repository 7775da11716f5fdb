"""The cold-start driver's window: the app's main window, watching its card grid's paints.

The first paint that draws every visible card with its portrait (the thumbnail store says
READY for each) stops the clock the moment it is done: the filter has the view paint it
then and there, so nothing else the event loop has queued can fall inside the measurement
(the bare-window baseline does the same). Then the result is sent and the application
quits, as if the window had been closed. Imported only once the app imported its window.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from benchmarks.drivers.qt_support import visible_indexes
from benchmarks.protocol import emit, spawn_time
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.thumbnails import ThumbState

if TYPE_CHECKING:
    from benchmarks.drivers.cold_start_watch import Watcher
    from dhbrowser.gui.mainwindow import MainWindow

TIMEOUT_MS = 30_000


def watching_window(base: type[MainWindow], watcher: Watcher) -> type[MainWindow]:
    """`base` (the app's MainWindow class), with a filter on its card grid's viewport."""

    class WatchedMainWindow(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            watcher.marks["window_built"] = time.time()
            self._paints = PaintFilter(self, watcher)
            self.view.viewport().installEventFilter(self._paints)
            QTimer.singleShot(TIMEOUT_MS, self.close)

    return WatchedMainWindow


class PaintFilter(QObject):
    def __init__(self, window: MainWindow, watcher: Watcher) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = watcher

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        marks = self.watcher.marks
        if event.type() != QEvent.Type.Paint or "portraits" in marks:
            return False
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
        marks = self.watcher.marks
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
        self.watcher.done = True
        QCoreApplication.quit()
