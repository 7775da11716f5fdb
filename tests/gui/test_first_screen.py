"""The start-up gate without a window: held work waits for the release (or the budget),
runs once and in order, and work released after a paint runs only once that paint is done."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dhbrowser.gui.first_screen import FirstScreenGate

#: Longer than any test waits: only an explicit release opens the gate.
NEVER_MS = 600_000


class CountingWidget(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


def test_an_open_gate_runs_work_at_once(qtbot: QtBot) -> None:
    gate = FirstScreenGate()
    ran: list[str] = []
    gate.after(lambda: ran.append("now"))
    assert ran == ["now"]


def test_held_work_runs_once_in_order_when_released(qtbot: QtBot) -> None:
    gate = FirstScreenGate()
    ran: list[str] = []
    gate.hold(NEVER_MS)
    gate.after(lambda: ran.append("connect"))
    gate.after(lambda: ran.append("select"))
    assert ran == [], "held work ran before the first screen"
    gate.release()
    assert ran == ["connect", "select"]
    gate.release()  # the budget's timer, later: nothing runs twice
    gate.after(lambda: ran.append("later"))
    assert ran == ["connect", "select", "later"]


def test_the_budget_releases_held_work_when_nothing_else_does(qtbot: QtBot) -> None:
    gate = FirstScreenGate()
    ran: list[str] = []
    gate.hold(1)
    gate.after(lambda: ran.append("connect"))
    qtbot.waitUntil(lambda: ran == ["connect"])
    assert not gate.holding


def test_a_release_after_paint_waits_for_the_widget_to_paint(qtbot: QtBot) -> None:
    widget = CountingWidget()
    qtbot.addWidget(widget)
    gate = FirstScreenGate()
    painted_when_run: list[int] = []
    gate.hold(NEVER_MS)
    gate.after(lambda: painted_when_run.append(widget.paints))
    gate.release_after_paint(widget)
    assert painted_when_run == []
    widget.show()
    qtbot.waitUntil(lambda: painted_when_run != [])
    assert painted_when_run[0] >= 1, "the work ran before the paint it waits for"


def test_dropped_work_never_runs(qtbot: QtBot) -> None:
    gate = FirstScreenGate()
    ran: list[str] = []
    gate.hold(NEVER_MS)
    gate.after(lambda: ran.append("connect"))
    gate.drop()  # the window closed while it waited
    gate.release()
    assert ran == []
