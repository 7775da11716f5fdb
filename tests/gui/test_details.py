"""The detail panel on a real session and thumbnail store, against the emulator over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPoint,
    QRect,
    QRectF,
    Qt,
    QThreadPool,
    QUrl,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import Emulator
from dhbrowser.gui.action_chips import DURATION_ROLE
from dhbrowser.gui.details import EMPTY_MESSAGE, MEDIA_MAX_WIDTH, NO_PREVIEW_SUFFIX, DetailPanel
from dhbrowser.gui.player import LOADING_MESSAGE, NO_PREVIEW_MESSAGE, STAGE_MIN_HEIGHT
from dhbrowser.qt.previews import NOT_CACHED_OFFLINE as NOT_CACHED_OFFLINE_MESSAGE
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.thumbnails import ThumbnailStore
from tests.gui_fixtures import demo_connection
from tests.hostile_media import HostileMedia, Route, hostile_media, take_over

__all__ = ["hostile_media"]  # a fixture this module uses

HEADLESS_QT_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"No RHI backend\. Using CPU conversion",
)
pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE)
#: Qt's own warning about the refused link a test serves on purpose.
BAD_MEDIA_WARNING = r"Could not open media\. FFmpeg error description"

TIMEOUT_MS = 20_000

PanelFactory = Callable[[Emulator], DetailPanel]


class FrameCounter(QObject):
    """Counts the decoded frames shown in the panel's player (a QObject: its connection ends with it)."""

    def __init__(self, panel: DetailPanel) -> None:
        super().__init__(panel)
        sink = panel.player.video_sink()
        assert sink is not None, "QtMultimedia did not load"
        self.count = 0
        sink.videoFrameChanged.connect(self._on_frame)

    @Slot(QVideoFrame)
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.count += 1


@pytest.fixture
def open_panel(qtbot: QtBot, pool: QThreadPool, tmp_path: Path) -> Iterator[PanelFactory]:
    """A shown DetailPanel with its own session and thumbnail store on an emulator."""
    opened: list[tuple[DetailPanel, ThumbnailStore, CatalogSession]] = []

    def open_on(emu: Emulator) -> DetailPanel:
        session = CatalogSession(demo_connection(emu), pool)
        store = ThumbnailStore(pool, tmp_path / "thumbnails")
        store.set_session(session)
        panel = DetailPanel(store)
        panel.set_session(session)
        qtbot.addWidget(panel)
        panel.resize(460, 780)
        panel.show()
        qtbot.waitExposed(panel)
        opened.append((panel, store, session))
        return panel

    yield open_on
    for panel, _store, _session in opened:
        # A load still running would be retired and outlive the test (and its emulator).
        qtbot.waitUntil(partial(is_idle_or_loaded, panel), timeout=TIMEOUT_MS)
        panel.show_human(None)
    pool.waitForDone()
    QCoreApplication.processEvents()  # deliver finished portrait loads before shutting down
    for _panel, store, session in opened:
        store.shutdown()
        session.close()


def humans_of(panel: DetailPanel) -> dict[str, DigitalHuman]:
    session = panel._session
    assert session is not None
    return {human.name: human for human in session.client.list_page(0, 20).humans}


def media(panel: DetailPanel) -> QMediaPlayer:
    engine = panel.player.media_player()
    assert engine is not None
    return engine


def wait_portrait(qtbot: QtBot, panel: DetailPanel) -> None:
    qtbot.waitUntil(lambda: panel.stage.has_pixmap and panel.stage.text == "", timeout=TIMEOUT_MS)


def is_idle_or_loaded(panel: DetailPanel) -> bool:
    if not content_built(panel):  # no human was ever shown, so there is no player
        return True
    return media(panel).mediaStatus() != QMediaPlayer.MediaStatus.LoadingMedia


def content_built(panel: DetailPanel) -> bool:
    """Whether the panel has built its content page (and player) beside the empty page."""
    return panel.pages.count() > 1


def info_requests(emu: Emulator) -> int:
    return emu.stats.requests("GetDigitalHumanInfo")


def test_importing_the_panel_loads_neither_the_player_nor_qtmultimedia() -> None:
    """The window imports details.py at start-up; the player's imports wait for the first human."""
    script = (
        "import dhbrowser.gui.details, sys\n"
        "loaded = {'PySide6.QtMultimedia', 'dhbrowser.gui.player'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr


def test_starts_empty_and_asks_for_a_selection(
    emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)

    assert panel.pages.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == EMPTY_MESSAGE
    assert panel.selected_action() is None
    assert not content_built(panel), "the content page waits for the first human"


def test_every_command_works_before_the_first_human(
    emulator: Emulator, open_panel: PanelFactory
) -> None:
    """Nothing needs the content page until a human is shown, then it is built once."""
    panel = open_panel(emulator)  # its session is set already, before any human
    session = panel._session
    assert session is not None
    human = humans_of(panel)["Aiko Tanaka"]
    QGuiApplication.clipboard().setText("something else")

    panel.update_human(human)
    panel.show_human(None)
    panel.toggle_playback()
    panel.play_selected_action()
    panel.copy_id()
    session.humanRefreshed.emit(human)
    session.refreshFailed.emit(human.id, "no reason")
    panel.set_session(None)
    panel.set_session(session)

    assert panel.human is None
    assert panel.selected_action() is None
    assert QGuiApplication.clipboard().text() == "something else"
    assert panel.pages.currentWidget() is panel.empty_label
    assert not content_built(panel)

    panel.show_human(human)
    assert content_built(panel)
    assert panel.pages.currentWidget() is not panel.empty_label
    assert panel.selected_action() == human.actions[0], "its idle action starts at once"
    assert panel.player.message() == LOADING_MESSAGE
    panel.show_human(None)
    panel.show_human(human)
    assert panel.pages.count() == 2, "built once"
    assert panel._session is session


def test_shows_portrait_name_id_badge_and_actions(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory, artifacts_dir: Path
) -> None:
    panel = open_panel(emulator)
    humans = humans_of(panel)
    aiko = humans["Aiko Tanaka"]

    panel.show_human(aiko)

    assert panel.name_label.text() == "Aiko Tanaka"
    assert panel.id_field.text() == aiko.id
    assert panel.id_field.isReadOnly()
    assert panel.badge.text() == "Public"
    listed = [panel.actions_list.item(row).text() for row in range(panel.actions_list.count())]
    assert listed == [action.name for action in aiko.actions]
    assert panel.actions_caption.text() == f"{len(aiko.actions)} actions"
    wait_portrait(qtbot, panel)
    panel.grab().save(str(artifacts_dir / "detail-panel-portrait.png"))

    private = next(human for human in humans.values() if not human.is_public)
    panel.show_human(private)
    assert panel.badge.text() == "Private"
    assert panel.name_label.text() == private.name


def test_selecting_a_human_plays_its_idle_action_muted_over_its_portrait(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory, artifacts_dir: Path
) -> None:
    panel = open_panel(emulator)
    humans = humans_of(panel)
    aiko = humans["Aiko Tanaka"]
    idle = next(action for action in aiko.actions if action.name == "idle_action")
    panel.show_human(aiko)
    wait_portrait(qtbot, panel)  # now in memory, as once its card has painted
    panel.show_human(next(human for human in humans.values() if not human.actions))
    frames = FrameCounter(panel)

    panel.show_human(aiko)

    assert panel.selected_action() == idle
    assert panel.player.message() == LOADING_MESSAGE
    assert panel.stage.has_pixmap, "the portrait is the poster until a frame arrives"
    assert frames.count == 0
    qtbot.waitUntil(lambda: frames.count >= 3 and panel.player.message() == "", timeout=TIMEOUT_MS)
    assert panel.player.is_playing
    assert panel.player.preview == (aiko, idle.name)
    assert panel.player.audio_output() is None, "muted: no audio device is even opened"
    assert media(panel).loops() == QMediaPlayer.Loops.Infinite.value
    panel.grab().save(str(artifacts_dir / "detail-panel-hero.png"))


def test_a_human_without_an_idle_action_plays_its_first_preview(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    human = next(
        human
        for human in humans_of(panel).values()
        if human.actions and all(action.name != "idle_action" for action in human.actions)
    )
    first = next(action for action in human.actions if action.preview_url)

    panel.show_human(human)

    assert panel.selected_action() == first
    qtbot.waitUntil(lambda: panel.player.is_playing, timeout=TIMEOUT_MS)


def test_chips_show_a_duration_only_once_it_is_known(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    aiko = humans_of(panel)["Aiko Tanaka"]
    panel.show_human(aiko)
    chips = panel.actions_list
    qtbot.waitUntil(lambda: chips.item(0).data(DURATION_ROLE) is not None, timeout=TIMEOUT_MS)

    # The demo's previews are 3 s long (tools/generate_catalog.py); the others are unseen.
    assert [chips.item(row).data(DURATION_ROLE) for row in range(chips.count())] == [
        3000,
        *[None] * (chips.count() - 1),
    ]
    assert chips.item(0).data(Qt.ItemDataRole.AccessibleTextRole) == "idle_action, 3 seconds"
    assert chips.item(1).data(Qt.ItemDataRole.AccessibleTextRole) == chips.item(1).text()

    with qtbot.waitSignal(panel.previews.durationKnown):
        chips.setCurrentRow(1)
    assert chips.item(1).data(DURATION_ROLE) == 3000


def test_chips_of_previews_seen_before_show_their_durations_at_once(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    """A second panel on the same preview cache (the next launch) knows them unplayed."""
    first = open_panel(emulator)
    aiko = humans_of(first)["Aiko Tanaka"]
    first.show_human(aiko)
    with qtbot.waitSignal(first.previews.durationKnown, timeout=TIMEOUT_MS):
        first.actions_list.setCurrentRow(2)
    qtbot.waitUntil(lambda: first.player.source_file is not None, timeout=TIMEOUT_MS)

    second = open_panel(emulator)
    second.show_human(aiko)

    chips = second.actions_list
    qtbot.waitUntil(lambda: chips.item(2).data(DURATION_ROLE) == 3000, timeout=TIMEOUT_MS)
    assert second.player.preview == (aiko, "idle_action"), "only the idle action played"
    assert chips.item(1).data(DURATION_ROLE) is None, "never downloaded: unknown"


def test_the_chips_are_one_keyboard_stop_whose_arrows_play(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    aiko = humans_of(panel)["Aiko Tanaka"]
    panel.show_human(aiko)
    chips = panel.actions_list
    assert chips.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert chips.accessibleName() == "Actions"
    assert panel.stage.accessibleName()
    chips.setFocus()

    with qtbot.waitSignal(panel.actionSelected) as selected:
        qtbot.keyClick(chips, Qt.Key.Key_Right)

    assert selected.args == [aiko.actions[1]]
    qtbot.waitUntil(lambda: panel.player.preview == (aiko, aiko.actions[1].name))


def test_the_copy_button_puts_the_id_on_the_clipboard(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    human = humans_of(panel)["Mateo Silva"]
    panel.show_human(human)
    QGuiApplication.clipboard().setText("something else")

    panel.copy_button.click()

    assert QGuiApplication.clipboard().text() == human.id
    assert panel.copy_button.text() == "Copied ✓"


def test_a_human_without_actions_shows_its_portrait_and_no_player(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    lonely = next(human for human in humans_of(panel).values() if not human.actions)

    panel.show_human(lonely)

    wait_portrait(qtbot, panel)
    assert panel.stage.isVisible()
    assert panel.player.message() == ""
    for control in (panel.player.play_button, panel.player.position_slider):
        assert control.isHidden(), "no player controls with nothing to play"
    assert panel.actions_list.isHidden()
    assert not panel.no_actions_label.isHidden()
    assert panel.actions_caption.text() == "No actions"
    panel.play_selected_action()  # Enter with nothing to play: nothing happens
    assert not panel.player.is_playing


def test_selecting_an_action_plays_its_preview(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory, artifacts_dir: Path
) -> None:
    panel = open_panel(emulator)
    human = humans_of(panel)["Aiko Tanaka"]
    panel.show_human(human)
    wait_portrait(qtbot, panel)
    frames = FrameCounter(panel)

    with qtbot.waitSignal(panel.actionSelected) as selected:
        panel.actions_list.setCurrentRow(1)

    assert selected.args == [human.actions[1]]
    assert panel.selected_action() == human.actions[1]
    qtbot.waitUntil(lambda: frames.count >= 8, timeout=TIMEOUT_MS)
    assert panel.player.is_playing
    assert panel.player.title_text == f"Preview · {human.actions[1].name}"
    panel.grab().save(str(artifacts_dir / "detail-panel-playing.png"))


def test_enter_plays_the_first_action_and_space_pauses(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    human = humans_of(panel)["Priya Raman"]
    panel.show_human(human)
    frames = FrameCounter(panel)

    panel.toggle_playback()  # Space with nothing loaded starts the first action
    assert panel.selected_action() == human.actions[0]
    qtbot.waitUntil(lambda: frames.count >= 2, timeout=TIMEOUT_MS)

    panel.toggle_playback()
    qtbot.waitUntil(lambda: media(panel).playbackState() == QMediaPlayer.PlaybackState.PausedState)
    panel.play_selected_action()  # Enter replays the selected action from the start
    qtbot.waitUntil(lambda: panel.player.is_playing, timeout=TIMEOUT_MS)


def test_an_action_without_preview_is_marked_and_says_so(
    emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    human, row = next(
        (human, row)
        for human in humans_of(panel).values()
        for row, action in enumerate(human.actions)
        if not action.preview_url
    )
    panel.show_human(human)

    panel.actions_list.setCurrentRow(row)

    assert panel.actions_list.item(row).text().endswith(NO_PREVIEW_SUFFIX)
    assert panel.player.message() == NO_PREVIEW_MESSAGE
    assert not panel.player.is_playing


def test_switching_human_stops_the_old_preview_at_once(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    humans = humans_of(panel)
    panel.show_human(humans["Aiko Tanaka"])
    frames = FrameCounter(panel)
    panel.play_selected_action()
    qtbot.waitUntil(lambda: frames.count >= 2, timeout=TIMEOUT_MS)

    # To a human without actions, so that no preview of its own starts.
    panel.show_human(next(human for human in humans.values() if not human.actions))

    assert media(panel).playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert media(panel).source() == QUrl()
    assert panel.player.message() == ""
    assert panel.selected_action() is None
    # Frames come only from loaded media: once it is unloaded, the ones already posted are
    # delivered and no more can follow.
    qtbot.waitUntil(
        lambda: media(panel).mediaStatus() == QMediaPlayer.MediaStatus.NoMedia, timeout=TIMEOUT_MS
    )
    QCoreApplication.processEvents()
    count = frames.count
    QCoreApplication.processEvents()
    assert frames.count == count
    assert media(panel).playbackState() == QMediaPlayer.PlaybackState.StoppedState

    panel.show_human(None)
    assert panel.pages.currentWidget() is panel.empty_label


def test_fresh_urls_keep_the_selected_action(emulator: Emulator, open_panel: PanelFactory) -> None:
    panel = open_panel(emulator)
    # An action without preview is selected, so no player reads the links that expire below.
    human, row = next(
        (human, row)
        for human in humans_of(panel).values()
        for row, action in enumerate(human.actions)
        if not action.preview_url and row > 0
    )
    panel.show_human(human)
    panel.actions_list.setCurrentRow(row)
    session = panel._session
    assert session is not None
    emulator.expire_media_now()  # what a day does to the links; then renew them
    fresh = session.client.get_info(human.id)
    assert fresh.actions[0].preview_url != human.actions[0].preview_url

    panel.update_human(fresh)

    assert panel.human == fresh
    assert panel.selected_action() == human.actions[row]
    assert panel.actions_list.currentRow() == row
    assert panel.player.message() == NO_PREVIEW_MESSAGE, "the player was left alone"


@pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE, BAD_MEDIA_WARNING)
def test_an_expired_preview_link_is_renewed_once_and_plays(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    human = humans_of(panel)["Kwame Mensah"]
    panel.show_human(human)
    wait_portrait(qtbot, panel)  # the portrait is in memory: only the preview will refresh
    qtbot.waitUntil(lambda: panel.player.source_file is not None, timeout=TIMEOUT_MS)
    frames = FrameCounter(panel)
    emulator.expire_media_now()
    before = info_requests(emulator)

    panel.actions_list.setCurrentRow(1)  # the idle action plays from its file already

    qtbot.waitUntil(lambda: frames.count >= 3, timeout=TIMEOUT_MS)
    assert info_requests(emulator) == before + 1
    assert emulator.stats.get("media_403") >= 1
    assert panel.player.is_playing
    assert panel.player.preview is not None
    assert panel.player.preview[1] == human.actions[1].name
    assert panel.human is not None
    assert panel.human.actions[1].preview_url != human.actions[1].preview_url, (
        "the panel took the renewed link"
    )


def test_a_link_refused_even_after_renewal_shows_the_error(
    qtbot: QtBot,
    emulator: Emulator,
    open_panel: PanelFactory,
    hostile_media: HostileMedia,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The renewed links are refused too: one renewal only, then the error stays in the panel."""
    hostile_media.routes["/gone.mp4"] = Route(status=403, body=b"403 Forbidden")
    panel = open_panel(emulator)
    aiko = humans_of(panel)["Aiko Tanaka"]
    action = aiko.actions[0].name
    take_over(emulator, monkeypatch, aiko.id, previews={action: hostile_media.url("/gone.mp4")})
    human = humans_of(panel)["Aiko Tanaka"]
    before = info_requests(emulator)

    panel.show_human(human)  # its idle action, action 0, starts at once
    qtbot.waitUntil(
        lambda: panel.player.message().startswith("The preview could not be loaded"),
        timeout=TIMEOUT_MS,
    )

    assert info_requests(emulator) == before + 1
    assert hostile_media.hit_count("/gone.mp4") == 2, "the link and the renewed link, no more"
    assert "its link was refused even after renewing it" in panel.player.message()
    assert not panel.player.is_playing


def test_a_preview_that_failed_offline_loads_once_the_session_is_back(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory
) -> None:
    panel = open_panel(emulator)
    session = panel._session
    aiko = humans_of(panel)["Aiko Tanaka"]
    panel.set_session(None)  # offline: nothing cached to play

    panel.show_human(aiko)
    qtbot.waitUntil(
        lambda: panel.player.message() == NOT_CACHED_OFFLINE_MESSAGE, timeout=TIMEOUT_MS
    )
    frames = FrameCounter(panel)
    panel.set_session(session)

    qtbot.waitUntil(lambda: frames.count >= 2 and panel.player.message() == "", timeout=TIMEOUT_MS)
    assert panel.player.preview == (aiko, "idle_action")


def test_a_preview_whose_download_failed_loads_when_the_service_answers_again(
    qtbot: QtBot,
    emulator: Emulator,
    open_panel: PanelFactory,
    hostile_media: HostileMedia,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the window does when its catalog requests succeed again after an error."""
    whole = emulator.catalog.media(emulator.catalog.records()[0].actions[0].preview)
    assert whole is not None
    hostile_media.routes["/flaky.mp4"] = Route(status=503, body=b"503 Service Unavailable")
    panel = open_panel(emulator)
    panel.action_text = lambda name: f"resting ({name})"  # a label the user gave it
    aiko = humans_of(panel)["Aiko Tanaka"]
    take_over(
        emulator, monkeypatch, aiko.id, previews={"idle_action": hostile_media.url("/flaky.mp4")}
    )
    aiko = humans_of(panel)["Aiko Tanaka"]
    panel.show_human(aiko)
    qtbot.waitUntil(
        lambda: panel.player.message().startswith("The preview could not be loaded"),
        timeout=TIMEOUT_MS,
    )
    panel.retry_failed_preview()  # no change on the server: the same error again
    qtbot.waitUntil(lambda: hostile_media.hit_count("/flaky.mp4") == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: panel.player.message().startswith("The preview could not be loaded"),
        timeout=TIMEOUT_MS,
    )
    hostile_media.serve("/flaky.mp4", whole)
    frames = FrameCounter(panel)

    panel.retry_failed_preview()

    qtbot.waitUntil(lambda: frames.count >= 2 and panel.player.message() == "", timeout=TIMEOUT_MS)
    assert panel.player.title_text == "Preview · resting (idle_action)", "the label is kept"


@pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE, BAD_MEDIA_WARNING)
def test_after_a_preview_error_the_portrait_shows_again(
    qtbot: QtBot,
    emulator: Emulator,
    open_panel: PanelFactory,
    hostile_media: HostileMedia,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A preview cut off after a third of its bytes plays its first frames, then fails."""
    whole = emulator.catalog.media(emulator.catalog.records()[0].actions[0].preview)
    assert whole is not None
    cut = hostile_media.serve("/cut.mp4", whole[: len(whole) // 3])
    panel = open_panel(emulator)
    aiko = humans_of(panel)["Aiko Tanaka"]
    take_over(emulator, monkeypatch, aiko.id, previews={"idle_action": cut})
    panel.prepare()
    frames = FrameCounter(panel)

    panel.show_human(humans_of(panel)["Aiko Tanaka"])
    qtbot.waitUntil(
        lambda: panel.player.message().startswith("This preview cannot be played"),
        timeout=TIMEOUT_MS,
    )
    wait_portrait(qtbot, panel)

    assert frames.count > 0, "its first frames did play"
    assert not panel.stage.paint_video(QPainter(), QRectF()), "no video frame is left"
    assert panel.stage.has_pixmap, "the portrait is drawn instead"


def player_parts(panel: DetailPanel) -> dict[str, QRect]:
    """The player's visible parts, each in the panel's coordinates."""
    player = panel.player
    widgets = {
        "stage": panel.stage,
        "title": player.title,
        "loop": player.loop_button,
        "mute": player.mute_button,
        "play": player.play_button,
        "seek": player.position_slider,
        "time": player.time_label,
    }
    return {
        name: QRect(widget.mapTo(panel, QPoint(0, 0)), widget.size())
        for name, widget in widgets.items()
        if widget.isVisible()
    }


def assert_nothing_over_the_stage(panel: DetailPanel) -> None:
    parts = player_parts(panel)
    assert parts["stage"].height() >= STAGE_MIN_HEIGHT, parts
    for (first, first_rect), (second, second_rect) in combinations(parts.items(), 2):
        assert not first_rect.intersects(second_rect), (first, second, parts)
    assert parts["play"].top() > parts["stage"].bottom(), parts


def test_the_stage_follows_the_panel_height_and_never_goes_under_the_controls(
    qtbot: QtBot, emulator: Emulator, open_panel: PanelFactory, artifacts_dir: Path
) -> None:
    panel = open_panel(emulator)
    panel.show_human(humans_of(panel)["Aiko Tanaka"])
    wait_portrait(qtbot, panel)
    scroller = panel.findChild(QScrollArea, "detail-scroller")
    assert scroller is not None

    panel.resize(460, 300)  # lower than the least stage with the rest of the details
    qtbot.waitUntil(lambda: scroller.verticalScrollBar().isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.stage.height() == STAGE_MIN_HEIGHT, timeout=TIMEOUT_MS)
    assert_nothing_over_the_stage(panel)
    panel.grab().save(str(artifacts_dir / "detail-panel-low.png"))

    panel.resize(460, 1000)  # room: the stage grows to its widest and tallest; nothing scrolls

    def grown() -> bool:
        return (
            panel.stage.width() == MEDIA_MAX_WIDTH
            and panel.stage.height() == panel.stage.heightForWidth(MEDIA_MAX_WIDTH)
            and not scroller.verticalScrollBar().isVisible()
        )

    qtbot.waitUntil(grown, timeout=TIMEOUT_MS)
    assert_nothing_over_the_stage(panel)
    bottom = panel.actions_list.mapTo(scroller.viewport(), QPoint(0, panel.actions_list.height()))
    assert bottom.y() <= scroller.viewport().height(), "the head fits the view"
    panel.grab().save(str(artifacts_dir / "detail-panel-tall.png"))
