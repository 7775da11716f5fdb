"""Start-up ordering: work that waits until the first screenful is on the screen.

At start-up the window shows the catalog as last synced. Opening the connection imports
httpx and the demo's emulator, and selecting the first card builds the player
(QtMultimedia): together 80–120 ms on the GUI thread or holding the GIL, which the first
screenful would otherwise wait for. So that work waits here until the gate is released.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget


class AfterNextPaint(QObject):
    """Calls `then` once `widget` has painted and the event loop is idle again.

    Idle alone is not enough: a repaint waits for the platform's update timer, so the loop
    can go idle between the change and its paint.
    """

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QAbstractEventDispatcher.instance().aboutToBlock.connect(
                self._run, Qt.ConnectionType.SingleShotConnection
            )
        return False

    def _run(self) -> None:
        self._then()
        self.deleteLater()


class FirstScreenGate(QObject):
    """Runs work at once, or, while held, in order once released (or the budget passed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The work waiting; None while the gate is open.
        self._waiting: list[Callable[[], object]] | None = None

    @property
    def holding(self) -> bool:
        return self._waiting is not None

    def hold(self, budget_ms: int) -> None:
        """Hold work back until `release`, or for `budget_ms` at most."""
        self._waiting = []
        QTimer.singleShot(budget_ms, self, self.release)

    def after(self, work: Callable[[], object]) -> None:
        """Run `work` now, or when the gate is released."""
        if self._waiting is None:
            work()
        else:
            self._waiting.append(work)

    def release(self) -> None:
        """Open the gate: what waited runs, in the order it came; safe to call twice."""
        waiting, self._waiting = self._waiting, None
        for work in waiting or ():
            work()

    def release_after_paint(self, widget: QWidget) -> None:
        """Release once `widget` has painted what it shows now."""
        AfterNextPaint(widget, self.release)

    def drop(self) -> None:
        """Forget what waits (the window closes): it never runs."""
        self._waiting = None
