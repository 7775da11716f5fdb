"""The window records each complete sync in the catalog store and says what changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Catalog, Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.store import CatalogStore, StoreKey
from tests.gui_fixtures import demo_connection

SYNC_MS = 30_000


@pytest.fixture
def window_on_store(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path
) -> Iterator[tuple[MainWindow, Emulator, Path]]:
    records = Catalog.demo().records()
    emulator = Emulator(Catalog(records[:10], Catalog.demo()._media)).start()
    path = tmp_path / "catalog.sqlite3"
    window = MainWindow(pool, tmp_path / "thumbnails", catalog_store=path)
    qtbot.addWidget(window)
    window.resize(1000, 640)
    yield window, emulator, path
    window.close()
    if window.store_link is not None:
        window.store_link.close()
    emulator.stop()


def test_a_resync_says_what_changed_with_the_private_newcomer_first(
    qtbot: QtBot, window_on_store: tuple[MainWindow, Emulator, Path], artifacts_dir: Path
) -> None:
    window, emulator, path = window_on_store
    assert window.store_link is not None
    with qtbot.waitSignal(window.store_link.changesReady, timeout=SYNC_MS) as first:
        window.set_connection(demo_connection(emulator))
        window.show()
    assert first.args == [""]  # the first sync has nothing to compare with
    assert window.progress_label.text() == "Loaded 10 of 10"

    records = Catalog.demo().records()
    emulator.add_human(
        replace(records[12], id="trained-overnight", name="Our Presenter", public=False)
    )
    emulator.remove_human(records[3].id)
    with qtbot.waitSignal(window.store_link.changesReady, timeout=SYNC_MS) as second:
        window.reload_action.trigger()

    summary = second.args[0]
    assert summary.startswith("Your new digital human: Our Presenter. 1 new, 1 gone since ")
    assert window.progress_label.text() == f"Loaded 10 of 10 · {summary}"
    # Names are the server's text: shown as typed, never as markup.
    assert window.progress_label.textFormat() == Qt.TextFormat.PlainText
    window.grab().save(str(artifacts_dir / "window-store-changes.png"))

    with CatalogStore(path) as store:
        assert len(store.syncs(StoreKey.demo())) == 2
        assert [stored.human.id for stored in store.changes(StoreKey.demo()).removed] == [
            records[3].id
        ]


def test_a_star_given_in_the_window_is_kept_in_the_store_for_its_catalog(
    qtbot: QtBot,
    window_on_store: tuple[MainWindow, Emulator, Path],
    pool: QThreadPool,
) -> None:
    window, emulator, path = window_on_store
    assert window.store_link is not None
    with qtbot.waitSignal(window.store_link.changesReady, timeout=SYNC_MS):
        window.set_connection(demo_connection(emulator))
        window.show()
    human = window.model.humans()[2]
    # (QSettings is the test process's: earlier tests' stars for this label come in too.)
    assert window.favourites.toggle(human.id)
    pool.waitForDone(SYNC_MS)
    with CatalogStore(path) as store:
        assert human.id in store.favourites(StoreKey.demo())
    assert not window.favourites.toggle(human.id)
    pool.waitForDone(SYNC_MS)
    with CatalogStore(path) as store:
        assert human.id not in store.favourites(StoreKey.demo())


@pytest.mark.expect_log("WARNING", r"damaged catalog database moved")
def test_a_damaged_store_is_reported_in_a_banner(
    qtbot: QtBot, window_on_store: tuple[MainWindow, Emulator, Path]
) -> None:
    window, emulator, path = window_on_store
    path.write_bytes(b"not a database at all" * 50)
    assert window.store_link is not None
    with qtbot.waitSignal(window.store_link.noticeReady, timeout=SYNC_MS):
        window.set_connection(demo_connection(emulator))
        window.show()
    assert window.error_banner.isVisible()
    assert "catalog database was damaged" in window.error_banner.label.text()


def test_a_window_sync_stores_the_voices_and_their_pairings_as_catalog_sync_does(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path
) -> None:
    emulator = Emulator(Catalog.demo()).start()
    path = tmp_path / "catalog.sqlite3"
    window = MainWindow(pool, tmp_path / "thumbnails", catalog_store=path)
    qtbot.addWidget(window)
    assert window.store_link is not None
    try:
        with qtbot.waitSignal(window.store_link.changesReady, timeout=SYNC_MS):
            window.set_connection(demo_connection(emulator))
            window.show()
    finally:
        window.close()
        window.store_link.close()
        emulator.stop()

    timbres = Catalog.demo().timbres()
    with CatalogStore(path) as store:
        voices = store.voices(StoreKey.demo())
        pairings = store.pairings(StoreKey.demo())
    assert {voice.id for voice in voices} == {timbre.id for timbre in timbres}
    assert {voice.id for voice in voices if voice.is_public} == {
        timbre.id for timbre in timbres if not timbre.human
    }
    bound: dict[str, set[str]] = {}
    for timbre in timbres:
        if timbre.human:
            bound.setdefault(timbre.human, set()).add(timbre.id)
    assert bound, "the demo binds voices to its private humans"
    assert {human: set(ids) for human, ids in pairings.items()} == bound
