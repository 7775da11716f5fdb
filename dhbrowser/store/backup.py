"""The user's own data (favourites, labels, tags, notes) as JSON beside the database.

The catalogs can always be synced again; what the user typed cannot. So after every change
to it the whole of it is written here, atomically, and a database that had to be rebuilt
(damaged, or deleted) starts from this file. The file is read with a size cap and every
value is checked before it goes back in.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from dhbrowser.core.files import write_atomic
from dhbrowser.i18n import _
from dhbrowser.store.model import (
    MAX_FAVOURITES,
    MAX_HUMANS,
    MAX_LABEL,
    MAX_NOTE,
    MAX_TAG,
    MAX_TAGS,
    MAX_TEXT,
)

FORMAT = "dhbrowser-user-data"
VERSION = 1
#: Far above what the limits on user data allow for a few catalogs; a larger file is not ours.
MAX_BYTES = 64 * 1024 * 1024


class BackupError(ValueError):
    """The backup file exists but cannot be used."""


def path_beside(database: Path) -> Path:
    return database.with_name(database.stem + ".user-data.json")


def dump(db: sqlite3.Connection) -> dict[str, Any]:
    """Everything the user typed or starred, per catalog, and which imports were done."""
    catalogs: dict[int, dict[str, Any]] = {}
    for catalog_id, endpoint, app_id in db.execute("SELECT id, endpoint, app_id FROM catalog"):
        catalogs[catalog_id] = {
            "endpoint": endpoint,
            "app_id": app_id,
            "favourites": [],
            "labels": {},
            "tags": {},
            "notes": {},
        }
    for catalog_id, human_id in db.execute(
        "SELECT catalog_id, human_id FROM favourite ORDER BY starred_at"
    ):
        catalogs[catalog_id]["favourites"].append(human_id)
    for catalog_id, action_name, label in db.execute("SELECT * FROM action_label"):
        catalogs[catalog_id]["labels"][action_name] = label
    for catalog_id, human_id, tag in db.execute("SELECT * FROM human_tag ORDER BY tag"):
        catalogs[catalog_id]["tags"].setdefault(human_id, []).append(tag)
    for catalog_id, human_id, note in db.execute("SELECT * FROM human_note"):
        catalogs[catalog_id]["notes"][human_id] = note
    kept = [
        entry
        for entry in catalogs.values()
        if entry["favourites"] or entry["labels"] or entry["tags"] or entry["notes"]
    ]
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key LIKE 'imported:%'").fetchall())
    return {
        "format": FORMAT,
        "version": VERSION,
        "written_at": time.time(),
        "imported": meta,
        "catalogs": kept,
    }


def write(path: Path, document: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1).encode())


def read(path: Path) -> dict[str, Any] | None:
    """The backup at `path`, None if there is none; BackupError if it is not a backup."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BackupError(_("cannot read it: {problem}").format(problem=error)) from None
    if len(data) > MAX_BYTES:
        raise BackupError("it is larger than any backup dhbrowser writes")
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(_("it is not JSON: {problem}").format(problem=error)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("it is not a dhbrowser backup")
    if document.get("version") != VERSION:
        raise BackupError(
            _("it is version {found}, not {version}").format(
                found=repr(document.get("version")), version=VERSION
            )
        )
    if not isinstance(document.get("catalogs"), list):
        raise BackupError("its 'catalogs' is not a list")
    return document


def restore(db: sqlite3.Connection, document: dict[str, Any]) -> int:
    """Put a backup's entries into `db` (inside the caller's transaction), skipping any that
    are malformed or over the limits; returns how many went in."""
    restored = 0
    imported = document.get("imported")
    if isinstance(imported, dict):
        for key, value in list(imported.items())[:1000]:
            if isinstance(key, str) and key.startswith("imported:") and isinstance(value, str):
                db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key[:MAX_TEXT], value))
    for entry in document["catalogs"][:MAX_HUMANS]:
        if not isinstance(entry, dict):
            continue
        endpoint, app_id = entry.get("endpoint"), entry.get("app_id")
        if not isinstance(endpoint, str) or not isinstance(app_id, int):
            continue
        db.execute(
            "INSERT OR IGNORE INTO catalog (endpoint, app_id) VALUES (?, ?)",
            (endpoint[:MAX_TEXT], app_id),
        )
        catalog = db.execute(
            "SELECT id FROM catalog WHERE endpoint = ? AND app_id = ?",
            (endpoint[:MAX_TEXT], app_id),
        ).fetchone()[0]
        now = time.time()
        favourites = _strings(entry.get("favourites"), MAX_FAVOURITES, MAX_TEXT)
        for human_id in favourites:
            db.execute("INSERT OR IGNORE INTO favourite VALUES (?, ?, ?)", (catalog, human_id, now))
        labels = _string_map(entry.get("labels"), MAX_LABEL)
        for action_name, label in labels.items():
            db.execute(
                "INSERT OR REPLACE INTO action_label VALUES (?, ?, ?)",
                (catalog, action_name, label),
            )
        tags = entry.get("tags")
        tag_count = 0
        if isinstance(tags, dict):
            for human_id, values in list(tags.items())[:MAX_HUMANS]:
                if isinstance(human_id, str) and human_id:
                    for tag in _strings(values, MAX_TAGS, MAX_TAG):
                        db.execute(
                            "INSERT OR IGNORE INTO human_tag VALUES (?, ?, ?)",
                            (catalog, human_id[:MAX_TEXT], tag),
                        )
                        tag_count += 1
        notes = _string_map(entry.get("notes"), MAX_NOTE)
        for human_id, note in notes.items():
            db.execute(
                "INSERT OR REPLACE INTO human_note VALUES (?, ?, ?)", (catalog, human_id, note)
            )
        restored += len(favourites) + len(labels) + tag_count + len(notes)
    return restored


def _strings(value: object, count: int, length: int) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value[:count] if isinstance(item, str) and 0 < len(item) <= length]


def _string_map(value: object, length: int) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {
        key[:MAX_TEXT]: item
        for key, item in list(value.items())[:MAX_HUMANS]
        if isinstance(key, str) and key and isinstance(item, str) and 0 < len(item) <= length
    }
