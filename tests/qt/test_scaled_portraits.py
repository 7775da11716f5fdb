"""Portraits kept at card size for the next start (issue 18): used, invalidated, bounded.

A start-up's first screen draws the copies scaled to its cards' device-pixel size instead
of decoding the 720x1280 originals. These tests look at what a card shows on the "next
launch" (a new ThumbnailStore on the same cache folder), so a copy that is not used, a stale
copy shown after the portrait changed, or a damaged copy that breaks the card, all show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QImageWriter, QPixmap
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import Emulator
from dhbrowser.qt.imaging import decode_image
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.thumbnails import ThumbnailStore, bucket_size, decode_covering
from tests.portrait_fixtures import (
    CARD,
    StoreFactory,
    all_humans,
    distinct_colours,
    load,
    media_requests,
    portrait_jpeg,
    portraits,
)

MARKER = QColor(0, 200, 0)


def scaled_files(store: ThumbnailStore) -> list[Path]:
    scaled = store.scaled_cache
    assert scaled is not None
    return sorted(scaled.directory.glob(f"*{scaled.suffix}"))


def jpeg(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    assert writer.write(image), writer.errorString()
    return bytes(buffer.data().data())


def solid(size: QSize, colour: QColor) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(colour)
    return image


def centre(pixmap: QPixmap) -> QColor:
    image = pixmap.toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def close(one: QColor, other: QColor, tolerance: int = 12) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in (
            (one.red(), other.red()),
            (one.green(), other.green()),
            (one.blue(), other.blue()),
        )
    )


def first_launch(
    qtbot: QtBot,
    emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    cache: Path,
    index: int = 0,
) -> tuple[DigitalHuman, ThumbnailStore]:
    human = portraits(all_humans(session_for(emulator)))[index]
    store = make_store(session_for(emulator), cache)
    assert load(qtbot, store, human) is not None
    return human, store


def test_the_next_start_draws_the_copy_made_at_card_size(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    cache = tmp_path / "thumbnails"
    human, store = first_launch(qtbot, portrait_emulator, session_for, make_store, cache)
    [copy] = scaled_files(store)
    target = bucket_size(CARD, 1.0)
    kept = decode_image(copy.read_bytes())
    assert kept.width() == target.width()
    assert kept.height() >= target.height()
    # Mark the copy: a card drawn from it (not from the original) shows the marker.
    copy.write_bytes(jpeg(solid(kept.size(), MARKER)))
    downloads = media_requests(portrait_emulator)

    pixmap = load(qtbot, make_store(None, cache), human)  # no connection yet, as at start-up

    assert pixmap is not None
    assert close(centre(pixmap), MARKER), "the card was decoded from the full-size original"
    assert media_requests(portrait_emulator) == downloads


def test_a_changed_portrait_does_not_show_its_old_copy(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    cache = tmp_path / "thumbnails"
    human, store = first_launch(qtbot, portrait_emulator, session_for, make_store, cache)
    disk = store.disk_cache
    assert disk is not None
    # The portrait changed under the same link (the service replaced the file).
    changed = portrait_jpeg(6)
    disk.path_for(human.id, human.avatar_url).write_bytes(changed)

    pixmap = load(qtbot, make_store(None, cache), human)

    assert pixmap is not None
    expected = QPixmap.fromImage(decode_covering(changed, bucket_size(CARD, 1.0)))
    assert close(centre(pixmap), centre(expected)), "the card shows the portrait before"
    assert len(scaled_files(store)) == 2, "the changed portrait's copy was not made"


@pytest.mark.qt_log_ignore("JPEG datastream contains no image")  # the damaged copy, expected
def test_a_damaged_copy_is_ignored_and_made_again(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    cache = tmp_path / "thumbnails"
    human, store = first_launch(qtbot, portrait_emulator, session_for, make_store, cache)
    [copy] = scaled_files(store)
    target = bucket_size(CARD, 1.0)
    for damage in (
        b"\xff\xd8\xff\xe0 half a JPEG left by a crash" + bytes(64),
        jpeg(solid(QSize(10, 10), MARKER)),  # a readable image of the wrong size
    ):
        copy.write_bytes(damage)

        pixmap = load(qtbot, make_store(None, cache), human)

        assert pixmap is not None
        assert distinct_colours(pixmap) > 3, "the card does not show the portrait"
        assert not close(centre(pixmap), MARKER)
        remade = decode_image(copy.read_bytes())
        assert remade.width() == target.width()
        assert remade.height() >= target.height()


def test_copies_stay_within_their_bound(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    tmp_path: Path,
) -> None:
    session = session_for(portrait_emulator)
    humans = portraits(all_humans(session))[:8]
    probe = make_store(session, tmp_path / "probe")
    assert load(qtbot, probe, humans[0]) is not None
    [one] = scaled_files(probe)
    limit = int(one.stat().st_size * 3.5)
    store = make_store(session, tmp_path / "thumbnails", scaled_limit_bytes=limit)

    for human in humans:
        assert load(qtbot, store, human) is not None

    scaled = store.scaled_cache
    assert scaled is not None
    assert 0 < scaled.size_bytes() <= limit
    assert 1 <= len(scaled_files(store)) < len(humans)
