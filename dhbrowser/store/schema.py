"""The catalog database's schema, as a list of migrations applied in order.

`PRAGMA user_version` is the number of migrations a file has had. A file is only ever
moved forward, one migration per transaction, so a kill between two leaves a file at an
earlier version that the next start finishes upgrading. Never edit a published migration:
add the next one.
"""

from __future__ import annotations

#: Each entry upgrades version N to N + 1 (index N). Times are Unix seconds (REAL).
MIGRATIONS: tuple[str, ...] = (
    # 1: the synced catalogs. A catalog is one app: endpoint + AppId. A sync is one complete
    # listing; a human is kept after it leaves the service (its last-known name, portrait and
    # actions), and `sighting` records each unbroken run of syncs it was listed in, so "who
    # was there at sync S" is exact for any S without a row per human per sync.
    """
    CREATE TABLE catalog (
        id INTEGER PRIMARY KEY,
        endpoint TEXT NOT NULL,
        app_id INTEGER NOT NULL,
        UNIQUE (endpoint, app_id)
    );
    CREATE TABLE sync (
        id INTEGER PRIMARY KEY,
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        started_at REAL NOT NULL,
        finished_at REAL NOT NULL,
        human_count INTEGER NOT NULL
    );
    CREATE INDEX sync_by_catalog ON sync (catalog_id, id);
    CREATE TABLE human (
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        human_id TEXT NOT NULL,
        name TEXT NOT NULL,
        avatar_url TEXT NOT NULL,
        is_public INTEGER NOT NULL,
        position INTEGER NOT NULL,
        first_sync INTEGER NOT NULL REFERENCES sync (id),
        last_sync INTEGER NOT NULL REFERENCES sync (id),
        PRIMARY KEY (catalog_id, human_id)
    ) WITHOUT ROWID;
    CREATE TABLE action (
        catalog_id INTEGER NOT NULL,
        human_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        preview_url TEXT NOT NULL,
        PRIMARY KEY (catalog_id, human_id, position),
        FOREIGN KEY (catalog_id, human_id) REFERENCES human (catalog_id, human_id)
    ) WITHOUT ROWID;
    CREATE TABLE sighting (
        catalog_id INTEGER NOT NULL,
        human_id TEXT NOT NULL,
        from_sync INTEGER NOT NULL,
        to_sync INTEGER NOT NULL,
        PRIMARY KEY (catalog_id, human_id, from_sync),
        FOREIGN KEY (catalog_id, human_id) REFERENCES human (catalog_id, human_id)
    ) WITHOUT ROWID;
    """,
    # 2: the user's own data, per catalog. It refers to humans and actions by id and name
    # only (no foreign key to `human`): a favourite whose human left the service, or a label
    # for an action not synced yet, is kept.
    """
    CREATE TABLE favourite (
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        human_id TEXT NOT NULL,
        starred_at REAL NOT NULL,
        PRIMARY KEY (catalog_id, human_id)
    ) WITHOUT ROWID;
    CREATE TABLE action_label (
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        action_name TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (catalog_id, action_name)
    ) WITHOUT ROWID;
    CREATE TABLE human_tag (
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        human_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (catalog_id, human_id, tag)
    ) WITHOUT ROWID;
    CREATE TABLE human_note (
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        human_id TEXT NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (catalog_id, human_id)
    ) WITHOUT ROWID;
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: voices (GetTimbreList) and which voice goes with which human. Public timbres pair
    # with public humans by rule and need no row; `pairing` holds the private timbres bound
    # to one human (GetTimbreList with that DigitalHumanId), as last synced.
    """
    CREATE TABLE voice (
        catalog_id INTEGER NOT NULL REFERENCES catalog (id),
        timbre_id TEXT NOT NULL,
        name TEXT NOT NULL,
        avatar_url TEXT NOT NULL,
        is_public INTEGER NOT NULL,
        first_sync INTEGER NOT NULL REFERENCES sync (id),
        last_sync INTEGER NOT NULL REFERENCES sync (id),
        PRIMARY KEY (catalog_id, timbre_id)
    ) WITHOUT ROWID;
    CREATE TABLE pairing (
        catalog_id INTEGER NOT NULL,
        human_id TEXT NOT NULL,
        timbre_id TEXT NOT NULL,
        PRIMARY KEY (catalog_id, human_id, timbre_id),
        FOREIGN KEY (catalog_id, timbre_id) REFERENCES voice (catalog_id, timbre_id)
    ) WITHOUT ROWID;
    """,
    # 4: a start-up paints the first screenful before the rest (the index gives the present
    # humans in list order without sorting), and search reads one casefolded column per
    # human (name, id and action names) instead of every row of `action`. Rows from earlier
    # versions get an ASCII-lowercased text until the next sync writes the full one.
    """
    CREATE INDEX human_in_list_order ON human (catalog_id, last_sync, position);
    ALTER TABLE human ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
    UPDATE human SET search_text = lower(name || char(10) || human_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
