"""The catalog store: syncs, changes between them, the user's own data, and its integrity."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.store import (
    SCHEMA_VERSION,
    CatalogStore,
    StoredHuman,
    StoreError,
    StoreKey,
    Voice,
)
from dhbrowser.store.schema import MIGRATIONS
from tests.store_worker import KEY, humans

ROOT = Path(__file__).resolve().parents[2]
OTHER = StoreKey("https://api.example.invalid", 7)


def human(name: str, *, public: bool = True, actions: tuple[str, ...] = ()) -> DigitalHuman:
    return DigitalHuman(
        f"id-{name}",
        name,
        f"https://media.example.invalid/{name}.jpg",
        public,
        tuple(
            ActionClip(action, f"https://media.example.invalid/{action}.mp4") for action in actions
        ),
    )


ANNA, BEN, CLEO, DANA = human("Anna"), human("Ben"), human("Cleo"), human("Dana", public=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CatalogStore]:
    with CatalogStore(tmp_path / "catalog.sqlite3") as opened:
        yield opened


def ids(stored: Iterable[StoredHuman]) -> list[str]:
    return [item.human.id for item in stored]


# -- syncs and changes --------------------------------------------------------------------


def test_the_latest_sync_is_the_catalog_in_list_order_and_each_app_has_its_own(
    store: CatalogStore,
) -> None:
    store.record_sync(KEY, [ANNA, human("Ben", actions=("idle", "802_921474"))], started_at=1.0)
    store.record_sync(OTHER, [CLEO], started_at=1.0)

    listed = store.humans(KEY)
    assert ids(listed) == ["id-Anna", "id-Ben"]
    assert [action.name for action in listed[1].human.actions] == ["idle", "802_921474"]
    assert ids(store.humans(OTHER)) == ["id-Cleo"]
    assert store.humans(StoreKey("https://elsewhere.invalid", 7)) == []


def test_a_human_the_service_no_longer_lists_is_kept_as_gone_with_its_last_known_details(
    store: CatalogStore,
) -> None:
    first = store.record_sync(KEY, [ANNA, BEN], started_at=1.0, finished_at=10.0)
    store.record_sync(KEY, [ANNA], started_at=2.0, finished_at=20.0)

    assert ids(store.humans(KEY)) == ["id-Anna"]
    everyone = store.humans(KEY, include_gone=True)
    gone = everyone[-1]
    assert (gone.human, gone.present) == (BEN, False)
    assert (gone.first_seen, gone.last_seen) == (first.finished_at, first.finished_at)
    assert (everyone[0].first_seen, everyone[0].last_seen) == (10.0, 20.0)


def test_changes_are_relative_to_the_previous_sync(store: CatalogStore) -> None:
    store.record_sync(KEY, [ANNA, BEN], started_at=1.0, finished_at=10.0)
    store.record_sync(KEY, [ANNA, CLEO], started_at=2.0, finished_at=20.0)
    store.record_sync(KEY, [ANNA, CLEO, DANA], started_at=3.0, finished_at=30.0)

    changes = store.changes(KEY)
    assert changes.since is not None
    assert changes.since.finished_at == 20.0
    assert ids(changes.added) == ["id-Dana"]
    assert ids(changes.removed) == []

    since_first = store.changes(KEY, since=15.0)
    assert ids(since_first.added) == ["id-Cleo", "id-Dana"]
    assert ids(since_first.removed) == ["id-Ben"]


def test_the_first_sync_has_nothing_to_compare_with(store: CatalogStore) -> None:
    assert store.changes(KEY).until is None
    store.record_sync(KEY, [ANNA], started_at=1.0)
    changes = store.changes(KEY)
    assert (changes.since, changes.added, changes.removed) == (None, (), ())
    assert changes.summary("yesterday") == ""


def test_a_human_that_comes_back_is_new_again(store: CatalogStore) -> None:
    store.record_sync(KEY, [ANNA, BEN], started_at=1.0)
    store.record_sync(KEY, [ANNA], started_at=2.0)
    store.record_sync(KEY, [ANNA, BEN], started_at=3.0)
    assert ids(store.changes(KEY).added) == ["id-Ben"]


def test_a_private_human_appearing_is_the_headline(store: CatalogStore) -> None:
    store.record_sync(KEY, [ANNA, BEN], started_at=1.0)
    store.record_sync(KEY, [ANNA, DANA, CLEO], started_at=2.0)

    changes = store.changes(KEY)
    assert ids(changes.private_added) == ["id-Dana"]
    assert changes.summary("1 Dec") == "Your new digital human: Dana. 2 new, 1 gone since 1 Dec"


def test_a_favourite_that_disappears_is_flagged_and_stays_a_favourite(store: CatalogStore) -> None:
    store.record_sync(KEY, [ANNA, BEN], started_at=1.0)
    store.set_favourite(KEY, BEN.id, True)
    store.record_sync(KEY, [ANNA], started_at=2.0)

    changes = store.changes(KEY)
    assert ids(changes.favourites_gone) == ["id-Ben"]
    assert "1 of your favourites gone" in changes.summary("today")
    assert store.favourites(KEY) == {BEN.id}


def test_voices_and_their_pairings_are_those_of_the_latest_sync(store: CatalogStore) -> None:
    public = Voice("tts-warm", "Warm narrator")
    own = Voice("tts-dana", "Dana's voice", is_public=False)
    store.record_sync(
        KEY, [ANNA, DANA], started_at=1.0, voices=[public, own], pairings={DANA.id: [own.id]}
    )
    assert store.voices(KEY) == [own, public]
    assert store.pairings(KEY) == {DANA.id: (own.id,)}

    store.record_sync(KEY, [ANNA], started_at=2.0, voices=[public])
    assert store.voices(KEY) == [public]
    assert store.pairings(KEY) == {}


# -- the user's own data -------------------------------------------------------------------


def test_search_covers_names_ids_action_labels_tags_and_notes(store: CatalogStore) -> None:
    store.record_sync(
        KEY, [ANNA, human("Ben", actions=("802_921474",)), CLEO, DANA], started_at=1.0
    )
    store.set_label(KEY, "802_921474", "nod")
    store.set_tags(KEY, CLEO.id, ["Studio B", " studio  b ", ""])
    store.set_note(KEY, DANA.id, "Trained for the spring campaign")

    assert ids(store.search(KEY, "NOD")) == ["id-Ben"]
    assert ids(store.search(KEY, "studio b")) == ["id-Cleo"]
    assert ids(store.search(KEY, "spring")) == ["id-Dana"]
    assert ids(store.search(KEY, "anna")) == ["id-Anna"]
    assert ids(store.search(KEY, "b nod")) == ["id-Ben"]  # every word, anywhere
    assert ids(store.search(KEY, "%")) == []  # a wildcard is just a character
    assert store.search_ids(KEY, "studio") == ["id-Cleo"]
    assert store.search_ids(KEY, "") == ["id-Anna", "id-Ben", "id-Cleo", "id-Dana"]
    assert store.tags(KEY) == {CLEO.id: ("Studio B", "studio b")}
    store.set_label(KEY, "802_921474", "")
    assert store.labels(KEY) == {}


def test_search_sees_what_another_process_wrote_since_the_last_search(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    # Two connections, as two processes.
    with CatalogStore(path) as here, CatalogStore(path) as there:
        _search_sees_the_other(here, there)


def _search_sees_the_other(here: CatalogStore, there: CatalogStore) -> None:
    here.record_sync(KEY, [ANNA, BEN], started_at=1.0)
    assert here.search_ids(KEY, "presenter") == []
    there.set_note(KEY, BEN.id, "Our presenter")
    assert here.search_ids(KEY, "presenter") == [BEN.id]
    there.record_sync(KEY, [ANNA], started_at=2.0)
    assert here.search_ids(KEY, "") == [ANNA.id]


def test_user_data_over_its_limits_is_refused_in_plain_words(store: CatalogStore) -> None:
    with pytest.raises(StoreError, match="at most 200 characters"):
        store.set_label(KEY, "idle", "x" * 201)
    with pytest.raises(StoreError, match="at most 64 tags"):
        store.set_tags(KEY, ANNA.id, [f"tag {number}" for number in range(65)])


def test_favourites_from_before_the_store_are_imported_once(store: CatalogStore) -> None:
    assert store.import_favourites(KEY, [ANNA.id, BEN.id], origin="qsettings:prod")
    store.set_favourite(KEY, ANNA.id, False)
    assert not store.import_favourites(KEY, [ANNA.id, BEN.id], origin="qsettings:prod")
    assert store.favourites(KEY) == {BEN.id}


# -- schema versions -------------------------------------------------------------------------


def _database_at(path: Path, version: int) -> None:
    """A file as a dhbrowser of schema `version` left it, with data of that version."""
    db = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    if version >= 1:
        db.execute("INSERT INTO catalog VALUES (1, ?, ?)", (KEY.endpoint, KEY.app_id))
        db.execute("INSERT INTO sync VALUES (1, 1, 1.0, 10.0, 1)")
        db.execute(
            "INSERT INTO human (catalog_id, human_id, name, avatar_url, is_public, position, "
            "first_sync, last_sync) VALUES (1, 'id-Anna', 'Anna', 'u', 1, 0, 1, 1)"
        )
        db.execute("INSERT INTO action VALUES (1, 'id-Anna', 0, '802_921474', 'p')")
        db.execute("INSERT INTO sighting VALUES (1, 'id-Anna', 1, 1)")
    if version >= 2:
        db.execute("INSERT INTO favourite VALUES (1, 'id-Anna', 5.0)")
        db.execute("INSERT INTO action_label VALUES (1, '802_921474', 'nod')")
    db.execute(f"PRAGMA user_version = {version}")
    db.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_file_of_every_earlier_version_is_upgraded_with_its_data(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "catalog.sqlite3"
    _database_at(path, version)

    with CatalogStore(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert ids(store.humans(KEY)) == (["id-Anna"] if version >= 1 else [])
        assert store.favourites(KEY) == ({"id-Anna"} if version >= 2 else set())
        assert store.labels(KEY) == ({"802_921474": "nod"} if version >= 2 else {})
        assert ids(store.search(KEY, "ANNA")) == (["id-Anna"] if version >= 1 else [])
        store.record_sync(KEY, [ANNA, BEN], started_at=2.0)
        assert ids(store.changes(KEY).added) == (["id-Ben"] if version >= 1 else [])
        assert store.notice is None


def test_a_file_from_a_newer_dhbrowser_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    _database_at(path, SCHEMA_VERSION)
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer dhbrowser"):
        CatalogStore(path)
    assert path.read_bytes() == before


# -- integrity -------------------------------------------------------------------------------


@pytest.mark.expect_log("WARNING", r"damaged catalog database moved")
def test_a_damaged_file_is_moved_aside_and_the_users_data_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with CatalogStore(path) as store:
        store.record_sync(KEY, [ANNA, BEN], started_at=1.0)
        store.set_favourite(KEY, BEN.id, True)
        store.set_label(KEY, "802_921474", "nod")
        store.set_tags(KEY, ANNA.id, ["lead"])
        store.set_note(KEY, ANNA.id, "our presenter")
    path.write_bytes(b"this is not a database" * 100)

    with CatalogStore(path) as store:
        assert store.notice is not None
        assert "damaged" in store.notice
        assert "restored from the backup" in store.notice
        assert store.humans(KEY) == []  # back with the next sync
        assert store.favourites(KEY) == {BEN.id}
        assert store.labels(KEY) == {"802_921474": "nod"}
        assert store.tags(KEY) == {ANNA.id: ("lead",)}
        assert store.notes(KEY) == {ANNA.id: "our presenter"}
        store.record_sync(KEY, [ANNA, BEN], started_at=2.0)
        assert ids(store.humans(KEY)) == ["id-Anna", "id-Ben"]
    moved = [item.name for item in tmp_path.iterdir() if ".damaged-" in item.name]
    assert moved, "the damaged file was not kept"


@pytest.mark.expect_log("WARNING", r"damaged catalog database moved")
def test_damage_found_while_reading_is_moved_aside_at_once(tmp_path: Path) -> None:
    """The first pages read fine, so the file opens; a page of the catalog does not."""
    path = tmp_path / "catalog.sqlite3"
    with CatalogStore(path) as store:
        store.record_sync(KEY, humans(3000), started_at=1.0)
        store.set_note(KEY, "h-00001", "keep me")
    page_size = 4096
    with path.open("r+b") as file:
        file.seek(page_size * 8)
        file.write(b"\xa5" * page_size * 40)

    with CatalogStore(path) as store:
        assert store.notice is None  # nothing wrong could be seen on opening
        with pytest.raises(StoreError, match=r"damaged .* moved aside"):
            store.humans(KEY)
        assert store.humans(KEY) == []  # the new file, until the next sync
        assert store.notes(KEY) == {"h-00001": "keep me"}
        store.record_sync(KEY, humans(5), started_at=2.0)
        assert len(store.humans(KEY)) == 5
    assert any(".damaged-" in item.name for item in tmp_path.iterdir())


def test_a_deleted_database_starts_again_from_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with CatalogStore(path) as store:
        store.import_favourites(KEY, [ANNA.id], origin="qsettings:prod")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)

    with CatalogStore(path) as store:
        assert store.favourites(KEY) == {ANNA.id}
        # The import is remembered too: it is not repeated over the user's later choices.
        assert not store.import_favourites(KEY, [BEN.id], origin="qsettings:prod")


def test_an_unreadable_backup_is_moved_aside_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    backup = tmp_path / "catalog.user-data.json"
    backup.write_text(json.dumps({"format": "something else"}))

    with CatalogStore(path) as store:
        assert store.notice is not None
        assert "could not be read" in store.notice
    assert (tmp_path / "catalog.user-data.json.unreadable").exists()


def _worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store_worker", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_writer_killed_mid_sync_leaves_the_previous_catalog_whole(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with CatalogStore(path) as store:
        store.record_sync(KEY, humans(300, "old"), started_at=1.0)

    writer = _worker("sync-and-hang", str(path), "4000")
    assert writer.stdout is not None
    line = writer.stdout.readline()  # the worker is inside its transaction now
    os.kill(writer.pid, signal.SIGKILL)
    _, err = writer.communicate(timeout=60)
    assert line == "MIDWAY\n", err
    assert writer.returncode == -signal.SIGKILL

    with CatalogStore(path) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(store.syncs(KEY)) == 1
        assert ids(store.humans(KEY)) == [item.id for item in humans(300, "old")]


def test_opening_waits_for_another_process_that_holds_a_new_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two dhbrowsers starting on a new file together: the second waits for the first."""
    path = tmp_path / "catalog.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)  # a rollback journal, as a new file has
    other.execute("BEGIN IMMEDIATE")
    opened: list[CatalogStore] = []
    opening = threading.Thread(target=lambda: opened.append(CatalogStore(path)))
    with caplog.at_level(logging.INFO, logger="dhbrowser.store.database"):
        opening.start()
        deadline = time.monotonic() + 30
        while opening.is_alive() and "waiting for another process" not in caplog.text:
            assert time.monotonic() < deadline, "the store neither waited nor opened"
            time.sleep(0.01)
        other.execute("COMMIT")
        other.close()
        opening.join(30)
    assert "waiting for another process" in caplog.text
    assert len(opened) == 1
    with opened[0] as store:
        store.record_sync(KEY, [ANNA], started_at=1.0)
        assert ids(store.humans(KEY)) == ["id-Anna"]


def test_two_processes_writing_at_once_lose_nothing_and_corrupt_nothing(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    rounds = 15
    writers = [_worker("write", str(path), tag, str(rounds)) for tag in ("left", "right")]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert (writer.returncode, out) == (0, "DONE\n"), err

    with CatalogStore(path) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(store.syncs(KEY)) == 2 * rounds
        expected = {f"{tag}-{number}" for tag in ("left", "right") for number in range(rounds)}
        assert store.favourites(KEY) == expected
        assert set(store.notes(KEY)) == expected
        backup = json.loads((tmp_path / "catalog.user-data.json").read_text())
        assert set(backup["catalogs"][0]["favourites"]) == expected
        latest = store.latest_sync(KEY)
        assert latest is not None
        assert len(store.humans(KEY)) == latest.human_count
