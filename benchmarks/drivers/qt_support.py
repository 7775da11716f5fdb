"""What the Qt drivers share: waiting without spinning, the window's visible cards, a heartbeat."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer

from dhbrowser.gui.catalog_view import visible_indexes

__all__ = ["Heartbeat", "visible_indexes", "wait_until"]

#: How often `wait_until` looks at its condition. The event loop sleeps in between, so a
#: waiting driver takes no CPU from the worker threads it is waiting for.
POLL_MS = 5
#: A heartbeat stall longer than this is remembered with the moment it began.
LATE_SECONDS = 0.010


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Run the event loop until `condition()` holds; TimeoutError after `timeout` seconds."""
    if condition():
        return
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    expired = False

    def check() -> None:
        nonlocal expired
        if condition():
            loop.quit()
        elif time.monotonic() > deadline:
            expired = True
            loop.quit()

    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if expired:
        raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}")


class Heartbeat(QObject):
    """A 5 ms timer on the GUI thread that records how late each beat came: a stall meter."""

    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self.stalls: list[float] = []
        self.late: list[tuple[float, float]] = []  # (s since start(), ms) of stalls over 10 ms
        self._started = 0.0
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.stalls = []
        self.late = []
        self._started = self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        """Stop and return the stalls: each interval minus the 5 ms asked for, in seconds."""
        self._timer.stop()
        return self.stalls

    def _beat(self) -> None:
        now = time.perf_counter()
        stall = max(0.0, now - self._last - self.interval)
        self.stalls.append(stall)
        if stall > LATE_SECONDS:
            self.late.append((round(self._last - self._started, 3), round(stall * 1000, 1)))
        self._last = now
