"""`CatalogStore`: every synced catalog and the user's own data in one SQLite file.

One file in the user data folder, in WAL mode, so readers never wait for the writer and
a second dhbrowser process can read and write the same file safely (writers take turns
through SQLite's own lock; `BEGIN IMMEDIATE` takes it at the start, so no transaction
fails half-way for want of it). Every write is one transaction: a sync is recorded in full
or not at all, whatever kills the process.

A file that SQLite reports as damaged (not a database, malformed) is moved aside, a new
one is made and the user's favourites, labels, tags and notes come back from the JSON
backup written after each change to them; the catalogs come back with the next sync.
`notice` then says what happened, in words the window shows as a banner.

Every read is bounded: by `MAX_HUMANS` rows, and by the limits on what may be written.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from dhbrowser.api.errors import DhError
from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.i18n import N_, _, ngettext
from dhbrowser.store import backup
from dhbrowser.store.model import (
    MAX_ACTIONS,
    MAX_FAVOURITES,
    MAX_HUMANS,
    MAX_LABEL,
    MAX_NOTE,
    MAX_TAG,
    MAX_TAGS,
    MAX_TEXT,
    MAX_VOICES,
    Changes,
    StoredHuman,
    StoreKey,
    SyncRecord,
    Voice,
)
from dhbrowser.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

FILE_NAME = "catalog.sqlite3"
MAX_SYNCS_LISTED = 1000
#: Labels one catalog can hold: far more actions than any catalog has.
MAX_LABELS = 100_000
#: Up to this many humans, their actions are looked up by id rather than in one scan.
FEW_HUMANS = 1000
#: Words of a search beyond these are ignored (each is one more pass over the catalog).
MAX_SEARCH_WORDS = 16
#: How long a write waits for another process's transaction before giving up.
BUSY_SECONDS = 30.0
WAL_RETRY_SECONDS = 0.02
_SQLITE_BUSY = 5
#: SQLite's primary result codes that mean the file itself is damaged.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class StoreError(DhError):
    """The catalog database cannot be used; the message says why and what to do."""


def default_path() -> Path:
    return Path(user_data_dir("dhbrowser", "dhbrowser")) / FILE_NAME


#: SQLite's own words for the damage is_damage finds, shown in the user's language.
DAMAGE_WORDS = (N_("file is not a database"), N_("database disk image is malformed"))


def is_damage(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorcode", 0) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


class CatalogStore:
    """The catalog database. Safe to share between threads: one connection, one lock, so
    every write in this process goes through the same writer, one transaction at a time."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()
        self.backup_path = backup.path_beside(self.path)
        #: What went wrong with the files on disk and what was done, for a banner; or None.
        self.notice: str | None = None
        self._lock = threading.RLock()
        #: Writes by this process (SQLite's data_version counts only the others').
        self._writes = 0
        self._search_cache: dict[StoreKey, tuple[tuple[int, int], list[tuple[str, str]]]] = {}
        self._db = self._open()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> CatalogStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                _(
                    "The catalog database folder {folder} cannot be created ({problem}): "
                    "check its permissions and free space."
                ).format(folder=self.path.parent, problem=error)
            ) from None
        fresh = not self.path.exists()
        try:
            db = self._connect_and_migrate()
        except sqlite3.Error as error:
            if not is_damage(error):
                raise self._unusable(error) from None
            return self._rebuild(error)
        if fresh:
            self._restore_backup(db)
        return db

    def _rebuild(self, damage: sqlite3.Error) -> sqlite3.Connection:
        """Move the damaged file aside and start a new one from the backup; the new
        connection. The catalogs come back with their next sync."""
        moved = self._move_aside()
        log.warning("damaged catalog database moved to %s: %s", moved, damage)
        self.notice = None
        described = str(damage)
        for words in DAMAGE_WORDS:
            described = described.replace(words, _(words))
        self._add_notice(
            _(
                "The catalog database was damaged ({damage}) and has been moved aside to "
                "{moved}. The catalogs come back with the next sync."
            ).format(damage=described, moved=moved.name)
        )
        try:
            db = self._connect_and_migrate()
        except sqlite3.Error as again:
            raise self._unusable(again) from None
        self._restore_backup(db)
        return db

    def _connect_and_migrate(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    _(
                        "The catalog database {path} was made by a newer dhbrowser (schema "
                        "{version}, this one knows {known}): update dhbrowser to use it."
                    ).format(path=self.path, version=version, known=SCHEMA_VERSION)
                )
            _use_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")  # WAL: a crash loses no commit
            db.execute("PRAGMA foreign_keys = ON")
            migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _unusable(self, error: sqlite3.Error) -> StoreError:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF == _SQLITE_BUSY:
            return StoreError(
                _(
                    "The catalog database {path} is held by another program for more than "
                    "{seconds} s: close other dhbrowser windows or commands and try again."
                ).format(path=self.path, seconds=f"{BUSY_SECONDS:.0f}")
            )
        return StoreError(
            _(
                "The catalog database {path} cannot be opened ({problem}): check the folder's "
                "permissions and free space."
            ).format(path=self.path, problem=error)
        )

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{target}{suffix}"))
        return target

    def _restore_backup(self, db: sqlite3.Connection) -> None:
        try:
            document = backup.read(self.backup_path)
        except backup.BackupError as error:
            moved = self.backup_path.with_name(self.backup_path.name + ".unreadable")
            self.backup_path.replace(moved)
            self._add_notice(
                _(
                    "The backup of your favourites, labels, tags and notes could not be read "
                    "({problem}) and was moved aside to {moved}."
                ).format(problem=error, moved=moved.name)
            )
            return
        if document is None:
            return
        with self._lock, _transaction(db):
            restored = backup.restore(db, document)
        if restored:
            self._add_notice(
                ngettext(
                    "Your favourites, labels, tags and notes were restored from the backup "
                    "({count} entry).",
                    "Your favourites, labels, tags and notes were restored from the backup "
                    "({count} entries).",
                    restored,
                ).format(count=restored)
            )

    def _add_notice(self, text: str) -> None:
        self.notice = f"{self.notice} {text}" if self.notice else text

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._guard(), _transaction(self._db):
            self._writes += 1
            yield self._db

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into StoreError, with the remedy in the message."""
        try:
            yield
        except sqlite3.Error as error:
            if not is_damage(error):
                raise StoreError(
                    _("The catalog database could not be used: {problem}.").format(problem=error)
                ) from None
            # Found in use (the file opened, a page did not read): rebuild now, under the
            # lock every caller holds here, and say so; the next call uses the new file.
            with suppress(sqlite3.Error):
                self._db.close()
            self._search_cache.clear()
            self._db = self._rebuild(error)
            raise StoreError(self.notice or _("The catalog database was damaged.")) from None

    def record_sync(
        self,
        key: StoreKey,
        humans: Sequence[DigitalHuman],
        *,
        started_at: float,
        finished_at: float | None = None,
        voices: Sequence[Voice] = (),
        pairings: Mapping[str, Sequence[str]] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> SyncRecord:
        """Store one complete listing of `key`'s catalog, in list order, as its newest sync.

        All or nothing: one transaction. Humans no longer listed are kept (as gone).
        `pairings` maps a human id to the ids of the private timbres bound to it.
        `progress` is told how many humans have been written, every 1000.
        """
        if len(humans) > MAX_HUMANS:
            raise StoreError(
                _("A catalog of more than {count} humans cannot be stored.").format(
                    count=MAX_HUMANS
                )
            )
        finished = time.time() if finished_at is None else finished_at
        with self._write() as db:
            catalog = _catalog_id(db, key)
            previous = db.execute(
                "SELECT max(id) FROM sync WHERE catalog_id = ?", (catalog,)
            ).fetchone()[0]
            sync = db.execute(
                "INSERT INTO sync (catalog_id, started_at, finished_at, human_count) "
                "VALUES (?, ?, ?, 0)",
                (catalog, started_at, finished),
            ).lastrowid
            assert sync is not None
            seen: set[str] = set()
            for human in humans:
                if human.id in seen:
                    continue
                seen.add(human.id)
                _write_human(db, catalog, sync, previous, len(seen) - 1, human)
                if progress is not None and len(seen) % 1000 == 0:
                    progress(len(seen))
            db.execute("UPDATE sync SET human_count = ? WHERE id = ?", (len(seen), sync))
            _write_voices(db, catalog, sync, voices, pairings or {})
        return SyncRecord(sync, started_at, finished, len(seen))

    def set_favourite(self, key: StoreKey, human_id: str, starred: bool) -> None:
        with self._write() as db:
            catalog = _catalog_id(db, key)
            if starred:
                count = db.execute(
                    "SELECT count(*) FROM favourite WHERE catalog_id = ?", (catalog,)
                ).fetchone()[0]
                if count >= MAX_FAVOURITES:
                    raise StoreError(
                        _("At most {count} favourites can be kept.").format(count=MAX_FAVOURITES)
                    )
                db.execute(
                    "INSERT OR IGNORE INTO favourite VALUES (?, ?, ?)",
                    (catalog, _bounded(human_id, MAX_TEXT), time.time()),
                )
            else:
                db.execute(
                    "DELETE FROM favourite WHERE catalog_id = ? AND human_id = ?",
                    (catalog, human_id),
                )
        self._save_backup()

    def import_favourites(self, key: StoreKey, human_ids: Iterable[str], origin: str) -> bool:
        """Add favourites kept elsewhere (QSettings, before the store) once per `origin`;
        returns False, adding nothing, if `origin` was imported before."""
        marker = f"imported:{origin}"
        with self._write() as db:
            if db.execute("SELECT 1 FROM meta WHERE key = ?", (marker,)).fetchone():
                return False
            catalog = _catalog_id(db, key)
            now = time.time()
            rows = [
                (catalog, _bounded(str(human_id), MAX_TEXT), now)
                for human_id, _ in zip(human_ids, range(MAX_FAVOURITES), strict=False)
            ]
            db.executemany("INSERT OR IGNORE INTO favourite VALUES (?, ?, ?)", rows)
            db.execute("INSERT INTO meta VALUES (?, ?)", (marker, str(now)))
        self._save_backup()
        return True

    def set_label(self, key: StoreKey, action_name: str, label: str) -> None:
        """Name an action for people ("802_921474" → "nod"); an empty label removes it."""
        self.import_labels(key, {action_name: label})

    def set_tags(self, key: StoreKey, human_id: str, tags: Iterable[str]) -> None:
        cleaned = sorted({" ".join(tag.split()) for tag in tags} - {""})
        if len(cleaned) > MAX_TAGS or any(len(tag) > MAX_TAG for tag in cleaned):
            raise StoreError(
                _("A human has at most {count} tags of {length} characters each.").format(
                    count=MAX_TAGS, length=MAX_TAG
                )
            )
        with self._write() as db:
            catalog = _catalog_id(db, key)
            db.execute(
                "DELETE FROM human_tag WHERE catalog_id = ? AND human_id = ?", (catalog, human_id)
            )
            db.executemany(
                "INSERT INTO human_tag VALUES (?, ?, ?)",
                [(catalog, _bounded(human_id, MAX_TEXT), tag) for tag in cleaned],
            )
        self._save_backup()

    def set_note(self, key: StoreKey, human_id: str, note: str) -> None:
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise StoreError(_("A note has at most {count} characters.").format(count=MAX_NOTE))
        with self._write() as db:
            catalog = _catalog_id(db, key)
            db.execute(
                "DELETE FROM human_note WHERE catalog_id = ? AND human_id = ?", (catalog, human_id)
            )
            if note:
                db.execute(
                    "INSERT INTO human_note VALUES (?, ?, ?)",
                    (catalog, _bounded(human_id, MAX_TEXT), note),
                )
        self._save_backup()

    def import_labels(self, key: StoreKey, labels: Mapping[str, str]) -> int:
        """Set many labels at once (a team's shared file), all or none; an empty label
        removes one. Returns how many were set or removed."""
        cleaned = {name: " ".join(label.split()) for name, label in labels.items()}
        if len(cleaned) > MAX_LABELS:
            raise StoreError(
                _("At most {count} labels can be kept for a catalog.").format(count=MAX_LABELS)
            )
        too_long = next((name for name, label in cleaned.items() if len(label) > MAX_LABEL), None)
        if too_long is not None:
            raise StoreError(
                _("A label has at most {count} characters (the one for {action} has more).").format(
                    count=MAX_LABEL, action=repr(too_long)
                )
            )
        with self._write() as db:
            catalog = _catalog_id(db, key)
            for action_name, label in cleaned.items():
                db.execute(
                    "DELETE FROM action_label WHERE catalog_id = ? AND action_name = ?",
                    (catalog, action_name),
                )
                if label:
                    db.execute(
                        "INSERT INTO action_label VALUES (?, ?, ?)",
                        (catalog, _bounded(action_name, MAX_TEXT), label),
                    )
        self._save_backup()
        return len(cleaned)

    def _save_backup(self) -> None:
        """Write the user's own data beside the database; a failure costs only the backup."""
        try:
            # Inside a write transaction: another process's backup cannot interleave, so
            # the file always holds the newest data of both.
            with self._write() as db:
                backup.write(self.backup_path, backup.dump(db))
        except (OSError, StoreError) as error:
            log.warning("cannot write the backup of the user's data: %s", error)

    # -- reading ---------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot across several SELECTs, even while another process writes."""
        with self._lock, self._guard(), _transaction(self._db, "BEGIN DEFERRED"):
            yield self._db

    def syncs(self, key: StoreKey) -> list[SyncRecord]:
        """The catalog's syncs, newest first (the latest `MAX_SYNCS_LISTED`)."""
        with self._read() as db:
            rows = db.execute(
                "SELECT sync.id, started_at, finished_at, human_count FROM sync "
                "JOIN catalog ON catalog.id = sync.catalog_id "
                "WHERE endpoint = ? AND app_id = ? ORDER BY sync.id DESC LIMIT ?",
                (key.endpoint, key.app_id, MAX_SYNCS_LISTED),
            ).fetchall()
        return [SyncRecord(*row) for row in rows]

    def latest_sync(self, key: StoreKey) -> SyncRecord | None:
        syncs = self.syncs(key)
        return syncs[0] if syncs else None

    def humans(
        self, key: StoreKey, *, include_gone: bool = False, first: int | None = None
    ) -> list[StoredHuman]:
        """The catalog as last synced, in list order; with `include_gone`, then the humans
        earlier syncs listed and the latest did not, most recently seen first. `first`
        keeps only the first so many (a screenful to paint before the rest)."""
        with self._read() as db:
            catalog, latest = _catalog_and_latest(db, key)
            if catalog is None:
                return []
            order = (
                "ORDER BY h.last_sync = :latest DESC, h.last_sync DESC, h.position"
                if include_gone
                else "AND h.last_sync = :latest ORDER BY h.position"
            )
            limit = MAX_HUMANS if first is None else max(0, min(first, MAX_HUMANS))
            return _stored_humans(db, catalog, latest, order, {}, limit)

    def changes(self, key: StoreKey, since: float | None = None) -> Changes:
        """What the latest sync added and removed relative to the sync before it, or, with
        `since` (Unix seconds), relative to the last sync finished at or before `since`."""
        with self._read() as db:
            catalog = _find_catalog(db, key)
            if catalog is None:
                return Changes(None, None)
            rows = db.execute(
                "SELECT id, started_at, finished_at, human_count FROM sync "
                "WHERE catalog_id = ? ORDER BY id DESC LIMIT 1",
                (catalog,),
            ).fetchall()
            if not rows:
                return Changes(None, None)
            until = SyncRecord(*rows[0])
            if since is None:
                base = db.execute(
                    "SELECT id, started_at, finished_at, human_count FROM sync "
                    "WHERE catalog_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
                    (catalog, until.id),
                ).fetchone()
            else:
                base = db.execute(
                    "SELECT id, started_at, finished_at, human_count FROM sync "
                    "WHERE catalog_id = ? AND finished_at <= ? ORDER BY id DESC LIMIT 1",
                    (catalog, since),
                ).fetchone()
            if base is None or base[0] == until.id:
                return Changes(SyncRecord(*base) if base else None, until)
            baseline = SyncRecord(*base)
            present_at = (
                "EXISTS (SELECT 1 FROM sighting s WHERE s.catalog_id = h.catalog_id "
                "AND s.human_id = h.human_id AND s.from_sync <= {0} AND s.to_sync >= {0})"
            )
            now, then = present_at.format(":until"), present_at.format(":since")
            bounds = {"until": until.id, "since": baseline.id}
            added = _stored_humans(
                db, catalog, until.id, f"AND {now} AND NOT {then} ORDER BY h.position", bounds
            )
            removed = _stored_humans(
                db, catalog, until.id, f"AND {then} AND NOT {now} ORDER BY h.position", bounds
            )
            starred = _favourites(db, catalog)
        gone = tuple(stored for stored in removed if stored.human.id in starred)
        return Changes(baseline, until, tuple(added), tuple(removed), gone)

    def favourites(self, key: StoreKey) -> frozenset[str]:
        with self._read() as db:
            catalog = _find_catalog(db, key)
            return frozenset() if catalog is None else _favourites(db, catalog)

    def labels(self, key: StoreKey) -> dict[str, str]:
        """Action name → the user's label, for this catalog."""
        with self._read() as db:
            rows = db.execute(
                "SELECT action_name, label FROM action_label JOIN catalog ON catalog.id = "
                "catalog_id WHERE endpoint = ? AND app_id = ? ORDER BY action_name LIMIT ?",
                (key.endpoint, key.app_id, MAX_HUMANS),
            ).fetchall()
        return dict(rows)

    def tags(self, key: StoreKey) -> dict[str, tuple[str, ...]]:
        """Human id → its tags, for this catalog."""
        with self._read() as db:
            rows = db.execute(
                "SELECT human_id, tag FROM human_tag JOIN catalog ON catalog.id = catalog_id "
                "WHERE endpoint = ? AND app_id = ? ORDER BY human_id, tag LIMIT ?",
                (key.endpoint, key.app_id, MAX_HUMANS * MAX_TAGS),
            ).fetchall()
        tags: dict[str, list[str]] = {}
        for human_id, tag in rows:
            tags.setdefault(human_id, []).append(tag)
        return {human_id: tuple(values) for human_id, values in tags.items()}

    def notes(self, key: StoreKey) -> dict[str, str]:
        """Human id → the user's note, for this catalog."""
        with self._read() as db:
            rows = db.execute(
                "SELECT human_id, note FROM human_note JOIN catalog ON catalog.id = catalog_id "
                "WHERE endpoint = ? AND app_id = ? LIMIT ?",
                (key.endpoint, key.app_id, MAX_HUMANS),
            ).fetchall()
        return dict(rows)

    def voices(self, key: StoreKey) -> list[Voice]:
        """The catalog's voices as last synced."""
        with self._read() as db:
            rows = db.execute(
                "SELECT timbre_id, v.name, v.avatar_url, v.is_public FROM voice v "
                "JOIN catalog c ON c.id = v.catalog_id WHERE endpoint = ? AND app_id = ? "
                "AND v.last_sync = (SELECT max(id) FROM sync WHERE catalog_id = c.id) "
                "ORDER BY v.name LIMIT ?",
                (key.endpoint, key.app_id, MAX_VOICES),
            ).fetchall()
        return [Voice(row[0], row[1], row[2], bool(row[3])) for row in rows]

    def pairings(self, key: StoreKey) -> dict[str, tuple[str, ...]]:
        """Human id → the private timbres bound to it, as last synced."""
        with self._read() as db:
            rows = db.execute(
                "SELECT human_id, timbre_id FROM pairing JOIN catalog ON catalog.id = "
                "catalog_id WHERE endpoint = ? AND app_id = ? ORDER BY human_id, timbre_id "
                "LIMIT ?",
                (key.endpoint, key.app_id, MAX_VOICES),
            ).fetchall()
        pairs: dict[str, list[str]] = {}
        for human_id, timbre_id in rows:
            pairs.setdefault(human_id, []).append(timbre_id)
        return {human_id: tuple(ids) for human_id, ids in pairs.items()}

    def search(self, key: StoreKey, text: str) -> list[StoredHuman]:
        """The present humans whose name, id, action names or labels, tags or note contain
        every word of `text` (case-insensitive), in list order."""
        if not text.split():
            return self.humans(key)
        found = self.search_ids(key, text)
        with self._read() as db:
            catalog, latest = _catalog_and_latest(db, key)
            if catalog is None:
                return []
            condition = "AND h.human_id IN (SELECT value FROM json_each(:ids)) ORDER BY h.position"
            return _stored_humans(db, catalog, latest, condition, {"ids": json.dumps(found)})

    def search_ids(self, key: StoreKey, text: str) -> list[str]:
        """The ids `search` finds, in list order, without reading the humans: what a view
        filtering its own rows needs at each keystroke."""
        entries = self._search_entries(key)
        for word in text.casefold().split()[:MAX_SEARCH_WORDS]:
            entries = [entry for entry in entries if word in entry[1]]
        return [human_id for human_id, _ in entries]

    def _search_entries(self, key: StoreKey) -> list[tuple[str, str]]:
        """(id, everything search matches, casefolded) of each present human, in list order.
        Built once and kept until this process writes or another one commits (SQLite's
        data_version says so), so a keystroke is a scan of strings in memory."""
        with self._read() as db:
            version = (self._writes, db.execute("PRAGMA data_version").fetchone()[0])
            cached = self._search_cache.get(key)
            if cached is not None and cached[0] == version:
                return cached[1]
            catalog, latest = _catalog_and_latest(db, key)
            rows = _search_rows(db, catalog, latest)
        words = self._user_words(key, rows)
        entries = [
            (human_id, f"{text}\n{words[human_id]}" if human_id in words else text)
            for human_id, text in rows
        ]
        self._search_cache[key] = (version, entries)
        return entries

    def user_search_texts(self, key: StoreKey) -> dict[str, str]:
        """Human id → the user's own words that search matches it by (its actions' labels,
        its tags and note), casefolded; only the present humans that have some. What a view
        searching its own rows adds to their names and ids."""
        with self._read() as db:
            rows = _search_rows(db, *_catalog_and_latest(db, key))
        return self._user_words(key, rows)

    def _user_words(self, key: StoreKey, rows: list[tuple[str, str]]) -> dict[str, str]:
        labels = {name.casefold(): label.casefold() for name, label in self.labels(key).items()}
        tags = self.tags(key)
        notes = self.notes(key)
        words = {}
        for human_id, search_text in rows:
            own = [notes.get(human_id, ""), *tags.get(human_id, ())]
            # search_text is name, id, then one action name per line.
            own += [labels[name] for name in search_text.split("\n")[2:] if name in labels]
            extra = "\n".join(own).casefold()
            if extra.strip():
                words[human_id] = extra
        return words


def _search_rows(
    db: sqlite3.Connection, catalog: int | None, latest: int | None
) -> list[tuple[str, str]]:
    """(id, search_text) of each present human, in list order."""
    if catalog is None:
        return []
    return db.execute(
        "SELECT human_id, search_text FROM human WHERE catalog_id = ? "
        "AND +last_sync = ? ORDER BY position LIMIT ?",
        (catalog, latest, MAX_HUMANS),
    ).fetchall()


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL. Switching needs the file to itself, and SQLite answers BUSY at
    once (without its busy timeout) while another process holds a lock on it, as when two
    dhbrowsers start on a new file together: wait for that one, up to BUSY_SECONDS."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF != _SQLITE_BUSY or time.monotonic() > deadline:
                raise
            log.info("waiting for another process to finish with the catalog database")
            time.sleep(WAL_RETRY_SECONDS)
            continue
        if mode != "wal":
            log.warning("the catalog database stays in %s mode, not WAL", mode)
        return


def migrate(db: sqlite3.Connection) -> int:
    """Bring `db` to SCHEMA_VERSION, one migration per transaction; returns the version.
    The version is read again inside each transaction: another process may be migrating."""
    while True:
        with _transaction(db):
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version >= SCHEMA_VERSION:
                return version
            for statement in _statements(MIGRATIONS[version]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")


def _statements(script: str) -> list[str]:
    """A migration's statements (they contain no ';' of their own)."""
    return [statement.strip() for statement in script.split(";") if statement.strip()]


@contextmanager
def _transaction(db: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    db.execute(begin)
    try:
        yield
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _bounded(text: str, limit: int) -> str:
    return text[:limit]


def _find_catalog(db: sqlite3.Connection, key: StoreKey) -> int | None:
    row = db.execute(
        "SELECT id FROM catalog WHERE endpoint = ? AND app_id = ?", (key.endpoint, key.app_id)
    ).fetchone()
    return None if row is None else int(row[0])


def _catalog_and_latest(db: sqlite3.Connection, key: StoreKey) -> tuple[int | None, int | None]:
    """The catalog's row id and its newest sync's id (None, None: never synced)."""
    catalog = _find_catalog(db, key)
    if catalog is None:
        return None, None
    latest = db.execute("SELECT max(id) FROM sync WHERE catalog_id = ?", (catalog,)).fetchone()[0]
    return catalog, latest


def _catalog_id(db: sqlite3.Connection, key: StoreKey) -> int:
    found = _find_catalog(db, key)
    if found is not None:
        return found
    cursor = db.execute(
        "INSERT INTO catalog (endpoint, app_id) VALUES (?, ?)",
        (_bounded(key.endpoint, MAX_TEXT), key.app_id),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _write_human(
    db: sqlite3.Connection,
    catalog: int,
    sync: int,
    previous: int | None,
    position: int,
    human: DigitalHuman,
) -> None:
    human_id = _bounded(human.id, MAX_TEXT)
    db.execute(
        "INSERT INTO human VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "name = excluded.name, avatar_url = excluded.avatar_url, is_public = excluded.is_public, "
        "position = excluded.position, last_sync = excluded.last_sync, "
        "search_text = excluded.search_text",
        (
            catalog,
            human_id,
            _bounded(human.name, MAX_TEXT),
            _bounded(human.avatar_url, MAX_TEXT),
            human.is_public,
            position,
            sync,
            sync,
            _search_text(human),
        ),
    )
    db.execute("DELETE FROM action WHERE catalog_id = ? AND human_id = ?", (catalog, human_id))
    db.executemany(
        "INSERT INTO action VALUES (?, ?, ?, ?, ?)",
        [
            (
                catalog,
                human_id,
                index,
                _bounded(a.name, MAX_TEXT),
                _bounded(a.preview_url, MAX_TEXT),
            )
            for index, a in enumerate(human.actions[:MAX_ACTIONS])
        ],
    )
    extended = db.execute(
        "UPDATE sighting SET to_sync = ? WHERE catalog_id = ? AND human_id = ? AND to_sync = ?",
        (sync, catalog, human_id, previous),
    ).rowcount
    if not extended:
        db.execute("INSERT INTO sighting VALUES (?, ?, ?, ?)", (catalog, human_id, sync, sync))


def _write_voices(
    db: sqlite3.Connection,
    catalog: int,
    sync: int,
    voices: Sequence[Voice],
    pairings: Mapping[str, Sequence[str]],
) -> None:
    if len(voices) > MAX_VOICES:
        raise StoreError(_("More than {count} voices cannot be stored.").format(count=MAX_VOICES))
    db.executemany(
        "INSERT INTO voice VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "name = excluded.name, avatar_url = excluded.avatar_url, "
        "is_public = excluded.is_public, last_sync = excluded.last_sync",
        [
            (
                catalog,
                _bounded(voice.id, MAX_TEXT),
                _bounded(voice.name, MAX_TEXT),
                _bounded(voice.avatar_url, MAX_TEXT),
                voice.is_public,
                sync,
                sync,
            )
            for voice in voices
        ],
    )
    if voices or pairings:
        db.execute("DELETE FROM pairing WHERE catalog_id = ?", (catalog,))
    db.executemany(
        "INSERT OR IGNORE INTO pairing VALUES (?, ?, ?)",
        [
            (catalog, human_id, timbre_id)
            for human_id, timbre_ids in pairings.items()
            for timbre_id in timbre_ids[:MAX_VOICES]
        ][:MAX_VOICES],
    )


def _search_text(human: DigitalHuman) -> str:
    """What search matches a human by, besides the user's own words about it."""
    names = [human.name, human.id, *(action.name for action in human.actions[:MAX_ACTIONS])]
    return "\n".join(names).casefold()[:MAX_TEXT]


def _favourites(db: sqlite3.Connection, catalog: int) -> frozenset[str]:
    rows = db.execute(
        "SELECT human_id FROM favourite WHERE catalog_id = ? LIMIT ?", (catalog, MAX_FAVOURITES)
    ).fetchall()
    return frozenset(row[0] for row in rows)


def _stored_humans(
    db: sqlite3.Connection,
    catalog: int,
    latest: int | None,
    condition: str,
    parameters: dict[str, Any],
    limit: int = MAX_HUMANS,
) -> list[StoredHuman]:
    """Humans of `catalog` matching `condition` (SQL over `h`, the human table), with
    their actions and first/last sighting times, at most `limit`."""
    rows = db.execute(
        "SELECT h.human_id, h.name, h.avatar_url, h.is_public, first.finished_at, "
        "last.finished_at, h.last_sync FROM human h "
        "JOIN sync first ON first.id = h.first_sync JOIN sync last ON last.id = h.last_sync "
        f"WHERE h.catalog_id = :catalog {condition} LIMIT :limit",
        {"catalog": catalog, "latest": latest, "limit": limit, **parameters},
    ).fetchall()
    actions: dict[str, list[ActionClip]] = {}
    if len(rows) <= FEW_HUMANS:  # a screenful, a search, the changes: look each one up
        found = db.execute(
            "SELECT human_id, name, preview_url FROM action WHERE catalog_id = ? AND human_id "
            "IN (SELECT value FROM json_each(?)) ORDER BY human_id, position LIMIT ?",
            (catalog, json.dumps([row[0] for row in rows]), FEW_HUMANS * MAX_ACTIONS),
        )
    else:  # most of the catalog: one pass over the table is quicker
        found = db.execute(
            "SELECT human_id, name, preview_url FROM action WHERE catalog_id = ? "
            "ORDER BY human_id, position LIMIT ?",
            (catalog, MAX_HUMANS * 20),
        )
    for human_id, name, preview in found:
        actions.setdefault(human_id, []).append(ActionClip(name, preview))
    return [
        StoredHuman(
            DigitalHuman(
                human_id, name, avatar_url, bool(is_public), tuple(actions.get(human_id, ()))
            ),
            first_seen,
            last_seen,
            last_sync == latest,
        )
        for human_id, name, avatar_url, is_public, first_seen, last_seen, last_sync in rows
    ]
