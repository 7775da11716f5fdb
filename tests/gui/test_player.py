"""The preview player against real previews served by the emulator over HTTP.

Previews reach the player through its PreviewStore (downloaded, then played from the local
file), as in the app.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QUrl, Slot, qVersion
from PySide6.QtMultimedia import QMediaDevices, QMediaPlayer, QVideoFrame
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import ActionRecord, Catalog, Emulator, HumanRecord
from dhbrowser.gui import player as player_module
from dhbrowser.gui.player import (
    IDLE_MESSAGE,
    MULTIMEDIA_MISSING,
    NO_AUDIO_OUTPUT,
    NO_PREVIEW_MESSAGE,
    PreviewPlayer,
    has_audio_output,
)
from dhbrowser.qt.previews import NOT_CACHED_OFFLINE, PreviewStore
from dhbrowser.qt.session import CatalogSession
from tests.emulator_fixtures import client_for
from tests.gui_fixtures import demo_connection
from tests.hostile_media import NOT_A_VIDEO, HostileMedia, Route, hostile_media, take_over

__all__ = ["hostile_media"]  # a fixture this module uses

QT_VERSION = tuple(int(part) for part in qVersion().split(".")[:2])

#: Messages of Qt itself on a headless machine, not of dhbrowser: the offscreen platform
#: cannot propagate size hints, and without a GPU frames are converted on the CPU.
HEADLESS_QT_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"No RHI backend\. Using CPU conversion",
)
pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE)
#: Qt's own warning about the bad media a test serves on purpose.
BAD_MEDIA_WARNING = r"Could not open media\. FFmpeg error description"

FRAME_TIMEOUT_MS = 20_000


class FrameCounter(QObject):
    """Counts the decoded frames that reach a player's sink, as the viewer would see them.

    A QObject with a slot, not a plain object's method: its connection then ends with it.
    """

    def __init__(self, player: PreviewPlayer) -> None:
        super().__init__(player)
        sink = player.video_sink()
        assert sink is not None, "QtMultimedia did not load"
        self.count = 0
        self.first_at: float | None = None
        sink.videoFrameChanged.connect(self._on_frame)

    @Slot(QVideoFrame)
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.count += 1
            if self.first_at is None:
                self.first_at = time.perf_counter()

    def reset(self) -> None:
        self.count = 0
        self.first_at = None


class PositionLog(QObject):
    """Every position a media player reports."""

    def __init__(self, engine: QMediaPlayer) -> None:
        super().__init__(engine)
        self.positions: list[int] = []
        engine.positionChanged.connect(self._on_position)

    @Slot("qlonglong")
    def _on_position(self, position: int) -> None:
        self.positions.append(position)

    def wrapped(self) -> bool:
        """Whether the position ever went back: the video started over."""
        return any(later < earlier for earlier, later in itertools.pairwise(self.positions))


Connect = Callable[[Emulator], None]


@pytest.fixture
def previews(pool: QThreadPool, tmp_path: Path) -> Iterator[PreviewStore]:
    store = PreviewStore(pool, tmp_path / "previews")
    yield store
    store.set_session(None)


@pytest.fixture
def connect(previews: PreviewStore, pool: QThreadPool) -> Iterator[Connect]:
    """Download the player's previews from an emulator (a session of its own)."""
    sessions: list[CatalogSession] = []

    def to(emu: Emulator) -> None:
        session = CatalogSession(demo_connection(emu), pool)
        sessions.append(session)
        previews.set_session(session)

    yield to
    for session in sessions:
        session.close()


@pytest.fixture
def player(qtbot: QtBot, previews: PreviewStore) -> Iterator[PreviewPlayer]:
    widget = PreviewPlayer(previews)
    qtbot.addWidget(widget)
    widget.resize(360, 560)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    # A load still running would be retired and outlive the test (and its emulator).
    qtbot.waitUntil(lambda: not is_loading(widget), timeout=FRAME_TIMEOUT_MS)
    widget.stop()
    widget.close()


def is_loading(player: PreviewPlayer) -> bool:
    engine = player.media_player()
    return engine is not None and engine.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia


def humans_of(emu: Emulator) -> list[DigitalHuman]:
    with client_for(emu) as client:
        return list(client.list_page(0, 20).humans)


def previews_of(emu: Emulator) -> list[tuple[DigitalHuman, str]]:
    """(human, action name) of every action of the first page that has a preview."""
    return [
        (human, action.name)
        for human in humans_of(emu)
        for action in human.actions
        if action.preview_url
    ]


def first_preview(emu: Emulator, connect: Connect) -> tuple[DigitalHuman, str]:
    """The first preview of `emu`, whose previews the player now downloads."""
    connect(emu)
    return previews_of(emu)[0]


def one_preview_catalog(source: Emulator, video: bytes) -> Catalog:
    """A catalog of one human, with `source`'s first portrait, whose one preview is `video`."""
    real = source.catalog.records()[0]
    portrait = source.catalog.media(real.portrait)
    assert portrait is not None
    broken = HumanRecord(
        "b7d0c6d2-0000-4000-8000-000000000001",
        "Broken Video",
        True,
        real.portrait,
        (ActionRecord("idle_action", "previews/broken.mp4"),),
    )
    return Catalog([broken], {real.portrait: portrait, "previews/broken.mp4": video})


def media(player: PreviewPlayer) -> QMediaPlayer:
    engine = player.media_player()
    assert engine is not None, "QtMultimedia did not load"
    return engine


def test_plays_a_demo_preview_and_frames_reach_the_screen(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, artifacts_dir: Path, connect: Connect
) -> None:
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)

    started = time.perf_counter()
    player.play(human, action)
    assert player.message() == "Loading preview…"
    qtbot.waitUntil(lambda: frames.count >= 5, timeout=FRAME_TIMEOUT_MS)
    assert frames.first_at is not None
    cold_ms = (frames.first_at - started) * 1000

    assert player.is_playing
    assert player.message() == "", "the loading message must give way to the video"
    assert player.title_text == f"Preview · {action}"
    qtbot.waitUntil(lambda: player.position_slider.value() > 0, timeout=FRAME_TIMEOUT_MS)
    assert player.position_slider.maximum() > player.position_slider.value()
    assert player.time_label.text().endswith(f"/ 0:0{media(player).duration() // 1000}")
    player.grab().save(str(artifacts_dir / "preview-player-playing.png"))

    frames.reset()
    started = time.perf_counter()
    player.play(human, action)
    qtbot.waitUntil(lambda: frames.count >= 1, timeout=FRAME_TIMEOUT_MS)
    assert frames.first_at is not None
    replay_ms = (frames.first_at - started) * 1000
    (artifacts_dir / "preview-first-frame.json").write_text(
        json.dumps({"cold_ms": round(cold_ms, 1), "replay_ms": round(replay_ms, 1)})
    )


@pytest.mark.slow
def test_loops_by_default_and_stops_at_the_end_without_loop(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    human, action = first_preview(emulator, connect)
    assert player.loop_button.isChecked()
    assert media(player).loops() == QMediaPlayer.Loops.Infinite.value
    log = PositionLog(media(player))

    player.play(human, action)

    qtbot.waitUntil(log.wrapped, timeout=FRAME_TIMEOUT_MS)  # back at the start: it looped
    assert player.is_playing

    player.loop_button.click()
    assert (player.loop_button.isChecked(), media(player).loops()) == (False, 1)
    qtbot.waitUntil(lambda: not player.is_playing, timeout=FRAME_TIMEOUT_MS)
    assert media(player).mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia


@pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE, r"PulseAudioService", r"pa_context")
def test_muted_by_default_and_the_mute_button_toggles_sound(
    qtbot: QtBot,
    emulator: Emulator,
    player: PreviewPlayer,
    connect: Connect,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not has_audio_output() and QT_VERSION >= (6, 12):
        pytest.skip(
            "no sound output here, and Qt 6.12 crashes creating a QAudioOutput without one "
            "(the app checks first: see the test below)"
        )
    # Qt 6.11 opens an audio output even with no device: pretend there is one.
    monkeypatch.setattr(player_module, "has_audio_output", lambda: True)
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)
    player.play(human, action)
    qtbot.waitUntil(lambda: frames.count >= 1, timeout=FRAME_TIMEOUT_MS)
    assert player.mute_button.isChecked()
    assert player.audio_output() is None, "muted by default opens no audio device at all"

    player.mute_button.click()
    audio = player.audio_output()
    assert not player.mute_button.isChecked()
    assert audio is not None
    assert not audio.isMuted()
    assert media(player).audioOutput() is audio
    assert player.mute_button.toolTip() == "Mute"

    player.mute_button.click()
    assert (player.mute_button.isChecked(), audio.isMuted()) == (True, True)
    assert player.mute_button.toolTip() == "Unmute"


def test_unmuting_without_a_sound_output_stays_muted_and_says_so(
    qtbot: QtBot,
    emulator: Emulator,
    player: PreviewPlayer,
    connect: Connect,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)
    player.play(human, action)
    qtbot.waitUntil(lambda: frames.count >= 1, timeout=FRAME_TIMEOUT_MS)

    player.mute_button.click()

    assert player.mute_button.isChecked(), "still muted"
    assert player.audio_output() is None, "no QAudioOutput without a device (Qt 6.12 crashes)"
    assert player.mute_button.toolTip() == NO_AUDIO_OUTPUT == "No audio output on this computer"
    assert player.is_playing, "the preview keeps playing, muted"
    frames_before = frames.count
    qtbot.waitUntil(lambda: frames.count > frames_before, timeout=FRAME_TIMEOUT_MS)


def test_space_pauses_and_resumes(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)
    player.play(human, action)
    qtbot.waitUntil(lambda: frames.count >= 2, timeout=FRAME_TIMEOUT_MS)

    player.toggle_play()
    qtbot.waitUntil(lambda: media(player).playbackState() == QMediaPlayer.PlaybackState.PausedState)
    assert player.play_button.toolTip() == "Play (Space)"
    player.toggle_play()
    qtbot.waitUntil(lambda: player.is_playing)
    assert player.play_button.toolTip() == "Pause (Space)"


def test_dragging_the_position_slider_seeks(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)
    player.play(human, action)
    qtbot.waitUntil(
        lambda: frames.count >= 1 and media(player).duration() > 0, timeout=FRAME_TIMEOUT_MS
    )
    player.toggle_play()  # paused, so the position only moves by seeking
    qtbot.waitUntil(lambda: not player.is_playing)
    target = media(player).duration() * 3 // 4

    slider = player.position_slider
    slider.setSliderDown(True)
    slider.setSliderPosition(target)
    slider.setSliderDown(False)

    qtbot.waitUntil(lambda: abs(media(player).position() - target) < 150, timeout=FRAME_TIMEOUT_MS)


@pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE, BAD_MEDIA_WARNING)
def test_an_unplayable_video_shows_the_error_in_the_panel(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    """A preview cut off after a third of its bytes: a message in the panel, no dialog, no crash."""
    whole = emulator.catalog.media(emulator.catalog.records()[0].actions[0].preview)
    assert whole is not None
    catalog = one_preview_catalog(emulator, whole[: len(whole) // 3])
    with Emulator(catalog) as emu:
        human, action = first_preview(emu, connect)
        player.play(human, action)
        qtbot.waitUntil(
            lambda: player.message().startswith("This preview cannot be played"),
            timeout=FRAME_TIMEOUT_MS,
        )

    assert not player.is_playing
    assert player.preview == (human, action), "kept, so Play tries it again"
    assert player.play_button.isEnabled()


@pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE, BAD_MEDIA_WARNING)
def test_a_file_that_is_not_a_video_shows_the_error(
    qtbot: QtBot, small_emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    """An MP4 header followed by random bytes: right type and size, not a video."""
    with Emulator(one_preview_catalog(small_emulator, NOT_A_VIDEO)) as emu:
        human, action = first_preview(emu, connect)
        player.play(human, action)
        qtbot.waitUntil(
            lambda: player.message() not in ("", "Loading preview…"), timeout=FRAME_TIMEOUT_MS
        )

    assert "preview" in player.message()
    assert not player.is_playing


def test_an_expired_link_is_renewed_and_the_preview_plays(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    human, action = first_preview(emulator, connect)
    emulator.expire_media_now()
    frames = FrameCounter(player)

    player.play(human, action)

    qtbot.waitUntil(lambda: frames.count >= 1, timeout=FRAME_TIMEOUT_MS)
    assert emulator.stats.get("media_403") == 1
    assert player.message() == ""


def test_a_link_refused_even_after_renewal_says_so(
    qtbot: QtBot,
    emulator: Emulator,
    player: PreviewPlayer,
    connect: Connect,
    hostile_media: HostileMedia,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hostile_media.routes["/gone.mp4"] = Route(status=403, body=b"403 Forbidden")
    human, action = first_preview(emulator, connect)
    take_over(emulator, monkeypatch, human.id, previews={action: hostile_media.url("/gone.mp4")})
    human = humans_of(emulator)[0]

    player.play(human, action)

    qtbot.waitUntil(lambda: not player.is_fetching, timeout=FRAME_TIMEOUT_MS)
    assert hostile_media.hit_count("/gone.mp4") == 2, "the link, then the renewed link: no more"
    assert player.message().startswith("The preview could not be loaded: its link was refused")
    assert not player.is_playing
    assert player.play_button.isEnabled(), "Play tries again"


def test_a_preview_seen_before_plays_from_the_cache_offline(
    qtbot: QtBot, player: PreviewPlayer, previews: PreviewStore, connect: Connect
) -> None:
    with Emulator() as emu:
        human, action = first_preview(emu, connect)
        frames = FrameCounter(player)
        player.play(human, action)
        qtbot.waitUntil(lambda: frames.count >= 1, timeout=FRAME_TIMEOUT_MS)
        player.stop()
    previews.set_session(None)  # the connection is gone, and so is the server
    frames.reset()

    player.play(human, action)

    qtbot.waitUntil(lambda: frames.count >= 1, timeout=FRAME_TIMEOUT_MS)
    assert player.source_file is not None
    assert player.source_file.parent == previews.cache.directory


def test_a_preview_never_seen_offline_says_it_needs_the_connection(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer
) -> None:
    human, action = previews_of(emulator)[0]  # no session: nothing can be downloaded

    player.play(human, action)

    qtbot.waitUntil(lambda: not player.is_fetching, timeout=FRAME_TIMEOUT_MS)
    assert player.message() == NOT_CACHED_OFFLINE
    assert media(player).source() == QUrl()


def test_the_preview_cache_stays_within_its_bound(
    qtbot: QtBot, emulator: Emulator, pool: QThreadPool, tmp_path: Path
) -> None:
    """Oldest out first: after three previews in room for fewer, the last one is there."""
    chosen = previews_of(emulator)[:3]
    sizes = [
        len(emulator.catalog.media(preview_of(emulator, human, name)) or b"")
        for human, name in chosen
    ]
    limit = sum(sizes) - 1  # all three never fit
    store = PreviewStore(pool, tmp_path / "bounded", limit_bytes=limit)
    session = CatalogSession(demo_connection(emulator), pool)
    store.set_session(session)
    player = PreviewPlayer(store)
    qtbot.addWidget(player)
    try:
        for human, name in chosen:
            player.play(human, name)
            qtbot.waitUntil(lambda: player.source_file is not None, timeout=FRAME_TIMEOUT_MS)
            last = player.source_file
        files = list((tmp_path / "bounded").glob("*.mp4"))
        assert sum(file.stat().st_size for file in files) <= limit
        assert last in files
        assert len(files) < len(chosen)
    finally:
        player.stop()
        session.close()


def preview_of(emulator: Emulator, human: DigitalHuman, action_name: str) -> str:
    """The catalog's media path of `human`'s preview of `action_name`."""
    record = emulator.catalog.get(human.id)
    assert record is not None
    return next(action.preview for action in record.actions if action.action == action_name)


def test_an_action_without_preview_says_so(player: PreviewPlayer) -> None:
    player.play(DigitalHuman("h", "Someone", "", True), "wave_action")

    assert player.message() == NO_PREVIEW_MESSAGE
    assert player.title_text == "Preview · wave_action"
    assert not player.play_button.isEnabled()
    assert media(player).source() == QUrl()


def test_stop_ends_playback_and_releases_the_source(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect
) -> None:
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)
    player.play(human, action)
    qtbot.waitUntil(lambda: frames.count >= 2, timeout=FRAME_TIMEOUT_MS)

    player.stop()

    assert media(player).playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert media(player).source() == QUrl()
    assert player.message() == IDLE_MESSAGE
    # Frames come only from loaded media: once it is unloaded, the ones already posted are
    # delivered and no more can follow.
    qtbot.waitUntil(
        lambda: media(player).mediaStatus() == QMediaPlayer.MediaStatus.NoMedia,
        timeout=FRAME_TIMEOUT_MS,
    )
    QCoreApplication.processEvents()
    count = frames.count
    QCoreApplication.processEvents()
    assert frames.count == count, "frames kept coming after stop()"
    assert media(player).playbackState() == QMediaPlayer.PlaybackState.StoppedState


def test_switching_while_a_preview_downloads_plays_the_new_one(
    qtbot: QtBot, emulator: Emulator, player: PreviewPlayer, connect: Connect, pool: QThreadPool
) -> None:
    """The first download is cancelled; its file never reaches the player."""
    emulator.faults.media_latency = 0.3
    connect(emulator)
    (first, first_action), (second, second_action) = previews_of(emulator)[:2]
    frames = FrameCounter(player)
    player.play(first, first_action)
    assert player.is_fetching

    player.play(second, second_action)

    qtbot.waitUntil(lambda: frames.count >= 2, timeout=FRAME_TIMEOUT_MS)
    assert (player.preview, player.title_text) == (
        (second, second_action),
        f"Preview · {second_action}",
    )
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=FRAME_TIMEOUT_MS)
    assert player.preview == (second, second_action)


def test_closing_the_window_while_a_preview_downloads_cancels_it(
    qtbot: QtBot, emulator: Emulator, connect: Connect, previews: PreviewStore, pool: QThreadPool
) -> None:
    emulator.faults.media_latency = 0.3
    window = QWidget()
    qtbot.addWidget(window)
    player = PreviewPlayer(previews)
    QVBoxLayout(window).addWidget(player)
    window.show()
    human, action = first_preview(emulator, connect)
    player.play(human, action)
    engine = media(player)

    window.close()

    assert not player.is_fetching
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=FRAME_TIMEOUT_MS)
    assert engine.source() == QUrl(), "the download's answer never reached the player"
    window.deleteLater()


def test_closing_the_window_mid_playback_stops_cleanly(
    qtbot: QtBot, emulator: Emulator, connect: Connect, previews: PreviewStore
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    player = PreviewPlayer(previews)
    QVBoxLayout(window).addWidget(player)
    window.show()
    human, action = first_preview(emulator, connect)
    frames = FrameCounter(player)
    player.play(human, action)
    qtbot.waitUntil(lambda: frames.count >= 2, timeout=FRAME_TIMEOUT_MS)

    window.close()

    assert media(player).playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert media(player).source() == QUrl()
    window.deleteLater()
    with qtbot.waitSignal(window.destroyed):
        pass


def test_without_qtmultimedia_the_panel_explains_and_the_rest_works(tmp_path: Path) -> None:
    """A machine without libpulse0 cannot import QtMultimedia; simulate that import failure."""
    script = """
import sys
sys.modules["PySide6.QtMultimedia"] = None  # the import fails as it does without libpulse0
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.gui.player import PreviewPlayer
from dhbrowser.qt.previews import NOT_CACHED_OFFLINE, PreviewStore
app = QApplication([])
player = PreviewPlayer(PreviewStore(QThreadPool(), None))
human = DigitalHuman("h", "Someone", "", True, (ActionClip("idle_action", "https://x.invalid/p"),))
player.play(human, "idle_action")
player.toggle_play()
player.stop()
print(player.available, player.video_sink(), player.message_label.text(), sep="|")
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    available, sink, message = result.stdout.strip().split("|")
    assert (available, sink) == ("False", "None")
    assert message.startswith(MULTIMEDIA_MISSING)
