"""Portrait thumbnails against the real emulator over loopback HTTP: sizes, caches, failures.

The emulator serves a catalog built here with full-size 720x1280 JPEG portraits (drawn
with QPainter), so the tests see the real decode-to-card-size path, plus humans whose
"portrait" is garbage, a video, or a decompression bomb. A tiny local HTTP server stands in
for media hosts that misbehave in ways the emulator does not (a 503, a huge declared size).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QThreadPool
from PySide6.QtGui import QColor, QImage, QImageWriter
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.urls import cache_key_path
from dhbrowser.emulator import (
    Emulator,
)
from dhbrowser.qt.imaging import ImageDecodeError, decode_image
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.thumbnails import ThumbState
from tests.gui_fixtures import settle
from tests.portrait_fixtures import (
    BOMB_NAME,
    BROKEN_NAME,
    CARD,
    SIGNAL_TIMEOUT_MS,
    VIDEO_NAME,
    FlakyMediaHost,
    StoreFactory,
    all_humans,
    by_name,
    distinct_colours,
    human_id,
    load,
    media_requests,
    portrait_jpeg,
    portraits,
)

# -- tests ---------------------------------------------------------------------------------


def test_thumbnail_arrives_at_card_size_and_pixel_ratio(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    session = session_for(portrait_emulator)
    store = make_store(session, tmp_path / "thumbnails")
    human = portraits(all_humans(session))[0]
    assert store.state(human.id) is ThumbState.LOADING

    hidpi = load(qtbot, store, human, CARD, 2.0)

    assert hidpi is not None
    assert store.state(human.id) is ThumbState.READY
    assert hidpi.devicePixelRatio() == 2.0
    # A 9:16 portrait covering a 160x213 card at ratio 2: 320 device pixels wide, sharp.
    assert hidpi.width() == 2 * CARD.width()
    assert hidpi.height() >= 2 * CARD.height()
    logical = hidpi.deviceIndependentSize()
    assert logical.width() >= CARD.width()
    assert logical.height() >= CARD.height()
    assert hidpi.width() < 720, "the portrait was decoded at full size for a card"
    assert distinct_colours(hidpi) > 3, "the thumbnail is a blank tile"

    standard = load(qtbot, store, human, CARD, 1.0)
    assert standard is not None
    assert standard.devicePixelRatio() == 1.0
    assert standard.width() == CARD.width()


def test_small_size_changes_reuse_the_same_thumbnail(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
) -> None:
    session = session_for(portrait_emulator)
    store = make_store(session, None)
    human = portraits(all_humans(session))[1]
    first = load(qtbot, store, human, QSize(150, 200))
    before = media_requests(portrait_emulator)

    again = store.pixmap(human, QSize(154, 205), 1.0)

    assert first is not None
    assert again is not None
    assert again.cacheKey() == first.cacheKey()
    assert media_requests(portrait_emulator) == before


def test_memory_stays_within_its_bound_while_loading_many(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
) -> None:
    session = session_for(portrait_emulator)
    one_card = 160 * 285 * 4  # a 9:16 portrait covering 160x213
    limit = 3 * one_card
    store = make_store(session, None, memory_limit_bytes=limit)
    humans = portraits(all_humans(session))
    arrived: list[str] = []
    peaks: list[int] = []

    def on_changed(changed: str) -> None:
        arrived.append(changed)
        peaks.append(store.memory_bytes)

    store.thumbnailChanged.connect(on_changed)
    for human in humans:
        assert store.pixmap(human, CARD, 1.0) is None
    qtbot.waitUntil(lambda: len(arrived) == len(humans), timeout=SIGNAL_TIMEOUT_MS)

    assert all(store.state(human.id) is not ThumbState.FAILED for human in humans)
    assert max(peaks) <= limit
    assert store.memory_bytes <= limit
    kept = [human for human in humans if store.state(human.id) is ThumbState.READY]
    assert len(kept) == 3, "the LRU kept more (or fewer) thumbnails than fit its bound"
    # The most recent answer is kept; an evicted card asks again and gets it back.
    assert store.state(arrived[-1]) is ThumbState.READY
    evicted = next(human for human in humans if store.state(human.id) is ThumbState.LOADING)
    assert load(qtbot, store, evicted) is not None


def test_disk_cache_serves_a_resigned_url_on_the_next_launch(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    cache = tmp_path / "thumbnails"
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[2]
    assert load(qtbot, make_store(session, cache), human) is not None
    downloads = media_requests(portrait_emulator)

    # A day later: yesterday's links are refused and the list hands out re-signed ones.
    portrait_emulator.expire_media_now()
    resigned = session.client.get_info(human.id)
    assert resigned.avatar_url != human.avatar_url
    assert cache_key_path(resigned.avatar_url) == cache_key_path(human.avatar_url)
    next_launch = make_store(session_for(portrait_emulator), cache)
    pixmap = load(qtbot, next_launch, resigned, CARD, 2.0)

    assert pixmap is not None
    assert pixmap.width() == 2 * CARD.width()
    assert media_requests(portrait_emulator) == downloads, "the portrait was downloaded again"


def test_disk_cache_stays_within_its_bound(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    session = session_for(portrait_emulator)
    humans = portraits(all_humans(session))[:6]
    sizes = [len(portrait_jpeg(index)) for index in range(6)]
    limit = int(max(sizes) * 2.5)
    store = make_store(session, tmp_path / "thumbnails", disk_limit_bytes=limit)
    for human in humans:
        assert load(qtbot, store, human) is not None

    disk = store.disk_cache
    assert disk is not None
    assert 0 < disk.size_bytes() <= limit
    assert disk.path_for(humans[-1].id, humans[-1].avatar_url).exists()
    assert not disk.path_for(humans[0].id, humans[0].avatar_url).exists()
    assert not list(disk.directory.glob("*.tmp")), "a temporary file was left behind"


def test_corrupt_cache_file_is_replaced_by_a_fresh_download(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    cache = tmp_path / "thumbnails"
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[3]
    assert load(qtbot, make_store(session, cache), human) is not None
    disk = make_store(session, cache).disk_cache
    assert disk is not None
    cached = disk.path_for(human.id, human.avatar_url)
    cached.write_bytes(b"\x00garbage left by a disk error" * 10)
    downloads = media_requests(portrait_emulator)

    pixmap = load(qtbot, make_store(session, cache), human)

    assert pixmap is not None
    assert distinct_colours(pixmap) > 3
    assert media_requests(portrait_emulator) == downloads + 1
    assert not decode_image(cached.read_bytes()).isNull()


def test_expired_link_is_renewed_once_and_the_portrait_shown(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[4]
    store = make_store(session, tmp_path / "empty-cache")
    portrait_emulator.expire_media_now()
    info_calls = portrait_emulator.stats.requests("GetDigitalHumanInfo")
    refused = portrait_emulator.stats.get("media_403")

    with qtbot.waitSignal(session.humanRefreshed, timeout=SIGNAL_TIMEOUT_MS) as refreshed:
        pixmap = load(qtbot, store, human)

    assert pixmap is not None
    assert distinct_colours(pixmap) > 3
    assert portrait_emulator.stats.requests("GetDigitalHumanInfo") == info_calls + 1
    assert portrait_emulator.stats.get("media_403") == refused + 1
    fresh = refreshed.args[0]
    assert isinstance(fresh, DigitalHuman)
    assert fresh.id == human.id
    assert fresh.avatar_url != human.avatar_url
    # The row updated with the fresh URL finds the same pixmap: no second download.
    downloads = media_requests(portrait_emulator)
    assert store.pixmap(fresh, CARD, 1.0) is not None
    assert media_requests(portrait_emulator) == downloads


def test_expired_link_of_a_deleted_human_fails_once_with_a_message(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
) -> None:
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[5]
    store = make_store(session, None)
    portrait_emulator.expire_media_now()
    portrait_emulator.catalog.remove(human.id)

    assert load(qtbot, store, human) is None

    assert store.state(human.id) is ThumbState.FAILED
    assert "no longer exists" in store.error(human.id)
    requests = portrait_emulator.stats.snapshot()
    for _ in range(20):  # every repaint of the error tile
        assert store.pixmap(human, CARD, 1.0) is None
    settle(store.pool)  # a retry these repaints started would have asked the server by now
    assert portrait_emulator.stats.snapshot() == requests, "a failed portrait was retried"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            BROKEN_NAME,
            "not a readable image",
            # libjpeg says so itself, through Qt's log: expected for a broken JPEG.
            marks=pytest.mark.qt_log_ignore("JPEG datastream contains no image"),
        ),
        (VIDEO_NAME, "not a readable image"),
        (BOMB_NAME, "too large"),
    ],
    ids=["broken-jpeg", "video", "pixel-bomb"],
)
def test_unusable_portrait_fails_with_a_message_and_is_not_cached(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
    name: str,
    message: str,
) -> None:
    session = session_for(portrait_emulator)
    human = by_name(all_humans(session), name)
    store = make_store(session, tmp_path / "thumbnails")

    assert load(qtbot, store, human) is None

    assert store.state(human.id) is ThumbState.FAILED
    assert message in store.error(human.id)
    assert store.error(human.id).startswith("The portrait cannot be shown")
    disk = store.disk_cache
    assert disk is not None
    assert not disk.path_for(human.id, human.avatar_url).exists()


def test_failed_portrait_waits_for_retry_failed(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
) -> None:
    session = session_for(portrait_emulator)
    human = by_name(all_humans(session), VIDEO_NAME)
    store = make_store(session, None)
    assert load(qtbot, store, human) is None
    downloads = media_requests(portrait_emulator)
    for _ in range(20):
        assert store.pixmap(human, CARD, 1.0) is None
    assert media_requests(portrait_emulator) == downloads

    with qtbot.waitSignal(store.thumbnailChanged, timeout=SIGNAL_TIMEOUT_MS):
        store.retry_failed()
    assert store.state(human.id) is ThumbState.LOADING
    assert load(qtbot, store, human) is None

    assert media_requests(portrait_emulator) == downloads + 1
    assert store.state(human.id) is ThumbState.FAILED


@pytest.mark.expect_log("WARNING", r"refused the (portrait|preview|media) link")
def test_plain_http_to_another_host_is_refused_without_network_traffic(
    qtbot: QtBot,
    emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = session_for(emulator)
    store = make_store(session, None)
    connections: list[object] = []
    real_create_connection = socket.create_connection

    def watched(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        connections.append(address)
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", watched)
    human = DigitalHuman(human_id("Plain"), "Plain", "http://media.example.invalid/x.jpg", True)

    assert load(qtbot, store, human) is None

    assert store.state(human.id) is ThumbState.FAILED
    assert "(plain http to another computer)" in store.error(human.id)
    assert connections == []
    assert media_requests(emulator) == 0


def test_human_without_portrait_fails_as_no_portrait(
    qtbot: QtBot,
    emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
) -> None:
    store = make_store(session_for(emulator), None)
    human = DigitalHuman(human_id("Faceless"), "Faceless", "", False)

    assert load(qtbot, store, human) is None

    assert store.state(human.id) is ThumbState.FAILED
    assert store.error(human.id).startswith("No portrait")


def test_oversized_download_is_refused(
    qtbot: QtBot,
    emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    media_host: FlakyMediaHost,
) -> None:
    store = make_store(session_for(emulator), None)
    media_host.routes["/huge.jpg"] = [(200, {"Content-Length": str(300 * 2**20)}, b"")]
    human = DigitalHuman(human_id("Huge"), "Huge", media_host.url("/huge.jpg"), True)

    assert load(qtbot, store, human) is None

    assert store.state(human.id) is ThumbState.FAILED
    assert "too large" in store.error(human.id)


def test_transient_failure_is_retried_by_itself(
    qtbot: QtBot,
    emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    media_host: FlakyMediaHost,
) -> None:
    store = make_store(session_for(emulator), None, transient_retry_delays=(0.05,))
    media_host.routes["/flaky.jpg"] = [
        (503, {}, b"busy"),
        (200, {"Content-Type": "image/jpeg"}, portrait_jpeg(0)),
    ]
    human = DigitalHuman(human_id("Flaky"), "Flaky", media_host.url("/flaky.jpg"), True)
    seen: list[ThumbState] = []

    def on_changed(changed: str) -> None:
        seen.append(store.state(changed))
        store.pixmap(human, CARD, 1.0)  # the card repaints and asks again

    store.thumbnailChanged.connect(on_changed)
    store.pixmap(human, CARD, 1.0)
    qtbot.waitUntil(lambda: ThumbState.READY in seen, timeout=SIGNAL_TIMEOUT_MS)

    assert seen[0] is ThumbState.FAILED
    assert seen[-1] is ThumbState.READY
    assert media_host.hits["/flaky.jpg"] == 2


def test_new_session_cancels_queued_loads_and_drops_late_answers(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    pool: QThreadPool,
) -> None:
    pool.setMaxThreadCount(1)
    old = session_for(portrait_emulator)
    humans = portraits(all_humans(old))[:5]
    store = make_store(old, None)
    portrait_emulator.faults.media_latency = 0.3
    for human in humans:
        store.pixmap(human, CARD, 1.0)
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 1)

    store.set_session(session_for(portrait_emulator))
    with qtbot.assertNotEmitted(store.thumbnailChanged, wait=600):
        pass

    assert media_requests(portrait_emulator) == 1, "queued loads of the old session still ran"
    assert all(store.state(human.id) is ThumbState.LOADING for human in humans)
    portrait_emulator.faults.media_latency = 0.0
    assert load(qtbot, store, humans[0]) is not None


def encoded(image: QImage, image_format: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(image_format.encode())).write(image)
    return bytes(data.data())


# GIF is decoded too, but Qt cannot write one to test with.
@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "BMP"])
def test_raster_portraits_decode_at_the_size_asked_for(image_format: str) -> None:
    photo = QImage(720, 1280, QImage.Format.Format_RGB32)
    photo.fill(QColor("#3a6ea5"))
    image = decode_image(encoded(photo, image_format), QSize(90, 160))
    assert (image.width(), image.height()) == (90, 160)


def test_an_svg_portrait_is_refused_without_asking_every_image_plugin() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="16"><rect width="9" height="16"/></svg>'
    with pytest.raises(ImageDecodeError, match="not a readable image"):
        decode_image(svg)
