"""Hover-to-play on the cards: a dwell, one preview at a time, drawn in the card."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import Emulator
from dhbrowser.gui import player as player_module
from dhbrowser.gui.hover_preview import HOVER_SETTING, HoverPreview
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.roles import HUMAN_ROLE
from tests.gui_fixtures import WindowFactory

TIMEOUT_MS = 20_000


class PaintedFrames:
    """The cards the delegate drew a hover preview's video frame into."""

    def __init__(self, hover: HoverPreview) -> None:
        self.ids: list[str] = []
        self._paint = hover.paint_frame
        hover._delegate.live_portrait = self._record

    def _record(self, human: DigitalHuman, painter: QPainter, area: QRect) -> bool:
        drawn = self._paint(human, painter, area)
        if drawn:
            self.ids.append(human.id)
        return drawn


@pytest.fixture
def window(qtbot: QtBot, open_window: WindowFactory, emulator: Emulator) -> Iterator[MainWindow]:
    window = open_window(emulator)
    window.resize(1180, 760)
    qtbot.waitUntil(
        lambda: window.model.finished and window.proxy.rowCount() > 0, timeout=TIMEOUT_MS
    )
    # The portraits on screen come first: wait for them, so the dwell is the only wait.
    qtbot.waitUntil(lambda: not window.thumbnails.busy, timeout=TIMEOUT_MS)
    yield window
    window.hover_preview.cancel()


def card_centre(window: MainWindow, row: int) -> QPoint:
    return window.view.visualRect(window.proxy.index(row, 0)).center()


def human_at_row(window: MainWindow, row: int) -> DigitalHuman:
    human = window.proxy.index(row, 0).data(HUMAN_ROLE)
    assert isinstance(human, DigitalHuman)
    return human


def playing(hovering: HoverPreview) -> DigitalHuman | None:
    """Whose hover preview plays (a call, so that the checker does not keep an earlier answer)."""
    return hovering.human


def waiting(hovering: HoverPreview) -> bool:
    return hovering.waiting_for_portraits


def hover(window: MainWindow, row: int) -> None:
    """Move the pointer onto the card at `row` (from one pixel beside its centre: Qt drops a
    move to where the pointer already is, as it may be from an earlier test)."""
    centre = card_centre(window, row)
    QTest.mouseMove(window.view.viewport(), centre + QPoint(1, 1))
    QTest.mouseMove(window.view.viewport(), centre)


def test_resting_on_a_card_plays_its_preview_in_the_card(
    qtbot: QtBot, window: MainWindow, artifacts_dir: object
) -> None:
    hovering = window.hover_preview
    painted = PaintedFrames(hovering)
    human = human_at_row(window, 2)

    hover(window, 2)
    assert hovering.dwell.isActive(), "nothing loads before the dwell"
    assert hovering.human is None
    with qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS) as started:
        pass

    assert started.args == [human.id]
    engine = hovering.media_player()
    assert engine is not None
    assert engine.audioOutput() is None, "muted: no sound device is opened"
    assert engine.loops() == QMediaPlayer.Loops.Infinite.value
    qtbot.waitUntil(lambda: human.id in painted.ids, timeout=TIMEOUT_MS)
    assert set(painted.ids) == {human.id}, "only the hovered card shows video"
    window.grab().save(f"{artifacts_dir}/hover-card.png")


def test_leaving_the_card_stops_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    hovering = window.hover_preview
    hover(window, 1)
    qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS).wait()
    engine = hovering.media_player()
    assert engine is not None

    with qtbot.waitSignal(hovering.stopped):
        QCoreApplication.sendEvent(window.view.viewport(), QEvent(QEvent.Type.Leave))

    assert hovering.human is None
    assert engine.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert not hovering.paint_frame(human_at_row(window, 1), QPainter(), QRect(0, 0, 9, 16))


def test_one_hover_preview_at_a_time(qtbot: QtBot, window: MainWindow) -> None:
    hovering = window.hover_preview
    first, second = human_at_row(window, 1), human_at_row(window, 3)
    hover(window, 1)
    qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS).wait()

    with qtbot.waitSignal(hovering.stopped):
        hover(window, 3)  # the first stops at once, before the second's dwell
    assert hovering.human is None
    with qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS) as started:
        pass

    assert started.args == [second.id]
    assert playing(hovering) == second
    assert not hovering.paint_frame(first, QPainter(), QRect(0, 0, 9, 16))


def test_scrolling_the_view_cancels_the_hover(qtbot: QtBot, window: MainWindow) -> None:
    hovering = window.hover_preview
    window.resize(900, 520)  # fewer rows fit: the grid can scroll
    qtbot.waitUntil(lambda: window.view.verticalScrollBar().maximum() > 0, timeout=TIMEOUT_MS)
    hover(window, 0)
    qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS).wait()

    with qtbot.waitSignal(hovering.stopped):
        window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())

    assert hovering.human is None
    hover(window, window.proxy.rowCount() - 1)  # under the pointer now: a new dwell
    assert hovering.dwell.isActive()


def test_the_dwell_waits_for_the_visible_portraits(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    emulator.faults.media_latency = 1.5  # each portrait takes longer than the dwell
    window = open_window(emulator)
    window.resize(1180, 760)
    hovering = window.hover_preview
    thumbnails = window.thumbnails
    qtbot.waitUntil(lambda: window.proxy.rowCount() > 0 and thumbnails.busy, timeout=TIMEOUT_MS)
    hover(window, 1)
    with qtbot.waitSignal(hovering.dwell.timeout, timeout=TIMEOUT_MS):
        pass

    assert thumbnails.busy
    assert hovering.waiting_for_portraits, "its download waits for the portraits on screen"
    with qtbot.waitSignal(thumbnails.loadsFinished, timeout=TIMEOUT_MS):
        pass
    assert not waiting(hovering), "then it starts"
    qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS).wait()
    hovering.cancel()


def test_the_view_menu_turns_hover_previews_off_and_it_is_remembered(
    qtbot: QtBot, window: MainWindow, open_window: WindowFactory, emulator: Emulator
) -> None:
    toggle = window.commands["hover_previews"]
    assert toggle in window.view_menu.actions()
    assert toggle.isCheckable()
    assert toggle.isChecked(), "on by default"

    toggle.trigger()

    hover(window, 1)
    assert not window.hover_preview.dwell.isActive(), "off: no dwell, so nothing loads"
    assert window.settings.value(HOVER_SETTING, True, bool) is False
    window.settings.sync()
    again = open_window(emulator)
    assert not again.commands["hover_previews"].isChecked()


def test_without_a_video_backend_hover_previews_turn_themselves_off(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a machine where QtMultimedia cannot load (no libpulse0): the menu says why."""
    monkeypatch.setattr(player_module, "MULTIMEDIA_IMPORT_ERROR", "libpulse.so.0: not found")
    hovering = window.hover_preview
    toggle = window.commands["hover_previews"]
    hover(window, 1)

    qtbot.waitUntil(lambda: not toggle.isEnabled(), timeout=TIMEOUT_MS)

    assert "libpulse.so.0: not found" in toggle.statusTip()
    assert hovering.human is None
    assert hovering.media_player() is None
    hover(window, 2)
    assert not hovering.dwell.isActive()


def test_a_search_that_hides_the_hovered_card_stops_its_preview(
    qtbot: QtBot, window: MainWindow
) -> None:
    hovering = window.hover_preview
    hovered = human_at_row(window, 1)
    hover(window, 1)
    qtbot.waitSignal(hovering.started, timeout=TIMEOUT_MS).wait()

    with qtbot.waitSignal(hovering.stopped, timeout=TIMEOUT_MS):
        window.search_box.setText(human_at_row(window, 0).name)  # only the first card is left

    assert all(human_at_row(window, row).id != hovered.id for row in range(window.proxy.rowCount()))
    assert playing(hovering) is None
