"""A hostile media host against the app's only doors to media: the fetcher, the window's
portraits and previews, Open in player, Save preview, and `dhbrowser --check`.

Every URL the server hands out is followed through the real app paths over real HTTP. A
refused hop must never be contacted (no host lookup of a `.invalid` name, no file read
into the player), and the message must say what happened to whose link.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from dhbrowser.api.errors import ProtocolError, UnsafeUrlError
from dhbrowser.api.media import MAX_REDIRECTS, MediaFetcher
from dhbrowser.emulator import Emulator, HumanRecord
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt import previews as previews_module
from dhbrowser.qt.check import run_check
from tests.gui_fixtures import WindowFactory, demo_connection
from tests.hostile_media import (
    DATA,
    FTP,
    INVALID_HTTP,
    HostileMedia,
    HostLookups,
    host_lookups,
    hostile_media,
    take_over,
)

__all__ = ["host_lookups", "hostile_media"]  # fixtures this module uses

HEADLESS_QT_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"No RHI backend\. Using CPU conversion",
    r"Could not open media\. FFmpeg error description",
)
pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_QT_NOISE)
TIMEOUT_MS = 20_000
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
REFUSED = "an address dhbrowser does not open"
UNREACHABLE = "cannot be reached"


@pytest.fixture
def secret_file(tmp_path: Path, emulator: Emulator) -> Path:
    """A real video on this computer that no server may make the app open."""
    record = previewed(emulator)
    data = emulator.catalog.media(record.actions[0].preview)
    assert data is not None
    path = tmp_path / "private" / "home-video.mp4"
    path.parent.mkdir()
    path.write_bytes(data)
    return path


def refused_targets(secret: Path) -> dict[str, tuple[str, str]]:
    """name: (target URL, the reason the message gives)."""
    return {
        "http-invalid": (INVALID_HTTP, "plain http to another computer"),
        "file": (secret.as_uri(), "a file on this computer"),
        "data": (DATA, "the data: scheme"),
        "ftp": (FTP, "the ftp: scheme"),
    }


TARGET_NAMES = ("http-invalid", "file", "data", "ftp")


def previewed(emulator: Emulator) -> HumanRecord:
    """The first human of the catalog whose first action has a preview."""
    return next(
        record
        for record in emulator.catalog.records()
        if record.actions and record.actions[0].preview
    )


@pytest.fixture
def fetcher() -> Iterator[MediaFetcher]:
    media = MediaFetcher(timeout=5.0)
    yield media
    media.close()


class SourceLog:
    """Every source any QMediaPlayer of the app is given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sources: list[QUrl] = []
        real = QMediaPlayer.setSource

        def recorded(player: QMediaPlayer, source: QUrl) -> None:
            self.sources.append(QUrl(source))
            real(player, source)

        monkeypatch.setattr(QMediaPlayer, "setSource", recorded)

    def given(self) -> list[QUrl]:
        return [source for source in self.sources if not source.isEmpty()]


@pytest.fixture
def source_log(monkeypatch: pytest.MonkeyPatch) -> SourceLog:
    return SourceLog(monkeypatch)


# -- the fetcher: each redirect hop passes the policy before it is contacted ------------------


@pytest.mark.parametrize("status", REDIRECT_STATUSES)
@pytest.mark.parametrize("target", TARGET_NAMES)
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_a_redirect_to_a_refused_address_is_not_followed(
    fetcher: MediaFetcher,
    hostile_media: HostileMedia,
    host_lookups: HostLookups,
    secret_file: Path,
    status: int,
    target: str,
) -> None:
    url, reason = refused_targets(secret_file)[target]
    start = hostile_media.redirect("/portrait.jpg", url, status)

    with pytest.raises(UnsafeUrlError) as refused:
        fetcher.fetch(start, whose="portrait link of Anna")

    assert str(refused.value).startswith(f"The portrait link of Anna redirects to {REFUSED}")
    assert f"({reason})" in str(refused.value)
    assert "Signature" not in str(refused.value), "the signed query is never shown"
    assert host_lookups.invalid() == [], "the refused hop was contacted"
    assert hostile_media.hits == ["/portrait.jpg"]


@pytest.mark.parametrize("status", REDIRECT_STATUSES)
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_a_redirect_deeper_in_a_chain_is_checked_too(
    fetcher: MediaFetcher, hostile_media: HostileMedia, host_lookups: HostLookups, status: int
) -> None:
    hostile_media.redirect("/c", INVALID_HTTP, status)
    hostile_media.redirect("/b", "/c", status)  # relative, as CDNs send them
    start = hostile_media.redirect("/a", hostile_media.url("/b"), status)

    with pytest.raises(UnsafeUrlError, match=f"redirects to {REFUSED}"):
        fetcher.fetch(start)

    assert hostile_media.hits == ["/a", "/b", "/c"]
    assert host_lookups.invalid() == []


@pytest.mark.parametrize("cycle", [("/loop",), ("/ping", "/pong"), ("/1", "/2", "/3")])
def test_a_redirect_loop_ends_after_a_few_hops(
    fetcher: MediaFetcher, hostile_media: HostileMedia, cycle: tuple[str, ...]
) -> None:
    for here, there in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        hostile_media.redirect(here, hostile_media.url(there))

    with pytest.raises(ProtocolError, match=f"redirects more than {MAX_REDIRECTS} times"):
        fetcher.fetch(hostile_media.url(cycle[0]), whose="preview link of Anna / idle")

    assert len(hostile_media.hits) == MAX_REDIRECTS + 1


# -- portraits in the window ----------------------------------------------------------------


def open_on_hostile(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    *,
    avatar: str | None = None,
    preview: str | None = None,
) -> tuple[MainWindow, HumanRecord]:
    """The window on `emulator`, whose first previewed human has these links; it is selected."""
    record = previewed(emulator)
    take_over(
        emulator,
        monkeypatch,
        record.id,
        avatar=avatar,
        previews={record.actions[0].action: preview} if preview is not None else None,
    )
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.row_of(record.id) is not None, timeout=TIMEOUT_MS)
    row = window.model.row_of(record.id)
    assert row is not None
    window.view.setCurrentIndex(window.proxy.index_of_row(row))
    qtbot.waitUntil(lambda: window.details.human is not None, timeout=TIMEOUT_MS)
    return window, record


@pytest.mark.parametrize("status", [302, 307])
@pytest.mark.parametrize("target", TARGET_NAMES)
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_a_portrait_redirected_to_a_refused_address_says_so_in_the_window(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    host_lookups: HostLookups,
    secret_file: Path,
    status: int,
    target: str,
) -> None:
    url, reason = refused_targets(secret_file)[target]
    avatar = hostile_media.redirect("/avatar.jpg", url, status)
    window, record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, avatar=avatar)

    portrait = window.details.stage
    qtbot.waitUntil(lambda: REFUSED in portrait.text, timeout=TIMEOUT_MS)

    assert portrait.text.startswith(f"The portrait link of {record.name} redirects to {REFUSED}")
    assert f"({reason})" in portrait.text
    assert UNREACHABLE not in portrait.text
    assert not portrait.has_pixmap
    assert host_lookups.invalid() == []


# -- previews in the window: only ever a checked download, played from the local file -------


def wait_preview_settled(qtbot: QtBot, window: MainWindow) -> str:
    player = window.details.player
    qtbot.waitUntil(
        lambda: not player.is_fetching and player.message() not in ("", "Loading preview…"),
        timeout=TIMEOUT_MS,
    )
    return player.message()


@pytest.mark.parametrize("target", TARGET_NAMES)
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_a_refused_preview_link_is_never_played(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    host_lookups: HostLookups,
    source_log: SourceLog,
    secret_file: Path,
    target: str,
) -> None:
    url, reason = refused_targets(secret_file)[target]
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=url)

    window.details.actions_list.setCurrentRow(0)
    message = wait_preview_settled(qtbot, window)

    assert message.startswith(f"The preview link is {REFUSED}")
    assert f"({reason})" in message
    assert source_log.given() == [], "QtMultimedia was handed the server's link"
    assert not window.details.player.is_playing
    assert host_lookups.invalid() == []


@pytest.mark.parametrize("status", REDIRECT_STATUSES)
@pytest.mark.parametrize("target", TARGET_NAMES)
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_a_preview_redirected_to_a_refused_address_is_never_played(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    host_lookups: HostLookups,
    source_log: SourceLog,
    secret_file: Path,
    status: int,
    target: str,
) -> None:
    url, reason = refused_targets(secret_file)[target]
    preview = hostile_media.redirect("/preview.mp4", url, status)
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=preview)

    window.details.actions_list.setCurrentRow(0)
    message = wait_preview_settled(qtbot, window)

    assert f"redirects to {REFUSED} ({reason})" in message
    assert UNREACHABLE not in message
    assert all(source.toLocalFile() != str(secret_file) for source in source_log.sources)
    assert source_log.given() == []
    assert hostile_media.hits == ["/preview.mp4"]
    assert host_lookups.invalid() == []


def test_a_preview_redirected_on_this_computer_plays_from_the_cache(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    source_log: SourceLog,
    tmp_path: Path,
) -> None:
    """Allowed redirects are followed by dhbrowser; FFmpeg only ever gets the local copy."""
    record = previewed(emulator)
    video = emulator.catalog.media(record.actions[0].preview)
    assert video is not None
    hostile_media.serve("/real.mp4", video)
    hostile_media.redirect("/hop.mp4", "/real.mp4", 307)
    start = hostile_media.redirect("/start.mp4", hostile_media.url("/hop.mp4"), 301)
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=start)

    window.details.actions_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.details.player.is_playing, timeout=TIMEOUT_MS)

    sources = source_log.given()
    assert len(sources) == 1, sources
    assert sources[0].isLocalFile(), sources
    played = Path(sources[0].toLocalFile())
    assert played.read_bytes() == video
    assert played.parent == tmp_path / "previews", "the bounded preview cache beside the thumbnails"
    assert hostile_media.hits == ["/start.mp4", "/hop.mp4", "/real.mp4"]

    window.details.player.stop()
    window.details.play_selected_action()  # a replay comes from the cache
    qtbot.waitUntil(lambda: window.details.player.is_playing, timeout=TIMEOUT_MS)
    assert hostile_media.hits == ["/start.mp4", "/hop.mp4", "/real.mp4"]


@pytest.mark.parametrize("kind", ["endless", "declared"])
def test_an_oversize_preview_is_cut_off_with_a_message(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    source_log: SourceLog,
    tmp_path: Path,
    kind: str,
) -> None:
    monkeypatch.setattr(previews_module, "MAX_PREVIEW_BYTES", 2 * 2**20)
    if kind == "endless":
        preview = hostile_media.endless("/huge.mp4")
    else:
        preview = hostile_media.declare("/huge.mp4", 10 * 2**30)
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=preview)

    window.details.actions_list.setCurrentRow(0)
    message = wait_preview_settled(qtbot, window)

    assert message.startswith("The preview could not be loaded: the file is")
    assert source_log.given() == []
    assert not any((tmp_path / "previews").glob("*.mp4")), "no part of it stays in the cache"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><h1>Welcome</h1><img src='file:///etc/passwd'></html>", "text/html"),
        (b"Service temporarily unavailable, please retry\n" * 40, "video/mp4"),
    ],
    ids=["html-page", "text-as-video"],
)
def test_a_preview_that_is_not_a_video_is_reported_from_the_local_copy(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    source_log: SourceLog,
    body: bytes,
    content_type: str,
) -> None:
    preview = hostile_media.serve("/not-a-video.mp4", body, content_type)
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=preview)

    window.details.actions_list.setCurrentRow(0)
    message = wait_preview_settled(qtbot, window)

    assert "cannot be played" in message or "not a playable video" in message
    assert all(source.isLocalFile() for source in source_log.given())
    assert hostile_media.hit_count("/not-a-video.mp4") == 1, "FFmpeg never fetched it itself"


def test_a_preview_that_would_not_play_is_downloaded_again_on_play(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
) -> None:
    """A server that sent an error page once, then the video: Play shows the video."""
    record = previewed(emulator)
    video = emulator.catalog.media(record.actions[0].preview)
    assert video is not None
    preview = hostile_media.serve("/flaky.mp4", b"<html>502 Bad Gateway</html>", "text/html")
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=preview)
    player = window.details.player
    window.details.actions_list.setCurrentRow(0)
    wait_preview_settled(qtbot, window)
    hostile_media.serve("/flaky.mp4", video)

    player.toggle_play()

    qtbot.waitUntil(lambda: player.is_playing, timeout=TIMEOUT_MS)
    assert hostile_media.hit_count("/flaky.mp4") == 2


# -- Open in player and Save preview ----------------------------------------------------------


class OpenedUrls:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.urls: list[QUrl] = []

        def opened(url: QUrl) -> bool:
            self.urls.append(QUrl(url))
            return True

        monkeypatch.setattr(QDesktopServices, "openUrl", opened)


def test_open_in_player_hands_the_desktop_the_downloaded_file(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = OpenedUrls(monkeypatch)
    window, record = open_on_hostile(qtbot, open_window, emulator, monkeypatch)
    window.details.actions_list.setCurrentRow(0)

    window.human_actions.open_preview.trigger()
    qtbot.waitUntil(lambda: bool(opened.urls), timeout=TIMEOUT_MS)

    assert len(opened.urls) == 1, opened.urls
    assert opened.urls[0].isLocalFile(), opened.urls
    assert Path(opened.urls[0].toLocalFile()).read_bytes() == emulator.catalog.media(
        record.actions[0].preview
    )


@pytest.mark.parametrize("target", ["http-invalid", "file"])
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_open_in_player_and_save_refuse_a_redirected_preview(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    host_lookups: HostLookups,
    secret_file: Path,
    tmp_path: Path,
    target: str,
) -> None:
    opened = OpenedUrls(monkeypatch)
    url, reason = refused_targets(secret_file)[target]
    preview = hostile_media.redirect("/preview.mp4", url)
    window, _record = open_on_hostile(qtbot, open_window, emulator, monkeypatch, preview=preview)
    window.details.actions_list.setCurrentRow(0)
    wait_preview_settled(qtbot, window)  # the player refused it too
    status = window.statusBar()

    window.human_actions.open_preview.trigger()
    qtbot.waitUntil(lambda: REFUSED in status.currentMessage(), timeout=TIMEOUT_MS)
    assert f"({reason})" in status.currentMessage()

    saved = tmp_path / "saved.mp4"
    window.human_actions.save_preview_to(saved)
    qtbot.waitUntil(lambda: "Could not save" in status.currentMessage(), timeout=TIMEOUT_MS)
    assert f"redirects to {REFUSED} ({reason})" in status.currentMessage()

    assert opened.urls == []
    assert not saved.exists()
    assert host_lookups.invalid() == []


# -- dhbrowser --check ------------------------------------------------------------------------


def check(emulator: Emulator) -> tuple[int, dict[str, str], dict[str, Any]]:
    """(exit code, step name: its line, the JSON summary) of one run."""
    out = io.StringIO()
    code = run_check(demo_connection(emulator), out)
    lines = out.getvalue().splitlines()
    steps = {line[2:].split()[0]: line for line in lines[1:-1]}
    return code, steps, json.loads(lines[-1])


def first_of_page(emulator: Emulator) -> HumanRecord:
    """The human `--check` takes its portrait and preview from (the first of the page)."""
    return emulator.catalog.records()[0]


@pytest.mark.parametrize("how", ["direct", "redirect"])
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_check_fails_on_a_file_preview_and_never_plays_it(
    qtbot: QtBot,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    source_log: SourceLog,
    secret_file: Path,
    how: str,
) -> None:
    record = first_of_page(emulator)
    assert record.actions[0].preview
    link = secret_file.as_uri()
    if how == "redirect":
        link = hostile_media.redirect("/preview.mp4", link)
    take_over(emulator, monkeypatch, record.id, previews={record.actions[0].action: link})

    code, steps, summary = check(emulator)

    assert code == 1
    assert steps["preview"].startswith("✗ preview")
    assert f"{REFUSED} (a file on this computer)" in steps["preview"]
    assert summary["preview_frames"] == 0
    assert all(source.toLocalFile() != str(secret_file) for source in source_log.sources)


def test_check_decodes_the_preview_from_a_downloaded_copy(
    qtbot: QtBot, emulator: Emulator, source_log: SourceLog
) -> None:
    code, steps, summary = check(emulator)

    assert code == 0, steps
    assert summary["preview_frames"] >= 1
    sources = source_log.given()
    assert len(sources) == 1, sources
    assert sources[0].isLocalFile(), sources


@pytest.mark.parametrize("target", ["http-invalid", "file", "ftp"])
@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_check_reports_a_refused_portrait_redirect_as_such(
    qtbot: QtBot,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    hostile_media: HostileMedia,
    host_lookups: HostLookups,
    secret_file: Path,
    target: str,
) -> None:
    url, reason = refused_targets(secret_file)[target]
    record = first_of_page(emulator)
    take_over(emulator, monkeypatch, record.id, avatar=hostile_media.redirect("/avatar.jpg", url))

    code, steps, _summary = check(emulator)

    assert code == 1
    assert steps["portrait"].startswith("✗ portrait")
    assert f"portrait link of {record.name} redirects to {REFUSED} ({reason})" in steps["portrait"]
    assert UNREACHABLE not in steps["portrait"]
    assert host_lookups.invalid() == []
