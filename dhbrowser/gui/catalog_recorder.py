"""Each complete listing the window syncs goes into the catalog store, off the GUI thread.

The window's model already pages through the whole catalog; when it has all of it, the
`CatalogRecorder` stores it as the catalog's newest sync in a worker (opening the store
there the first time) and says what changed since the sync before: "3 new, 1 gone since
…", a private human first. What the store had to do about damaged files comes back as
`noticeReady`, for a banner.
"""

from __future__ import annotations

import threading
import time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.connection import Connection
from dhbrowser.gui import workers
from dhbrowser.store import CatalogStore, StoreKey
from dhbrowser.store.model import local_time


class CatalogRecorder(QObject):
    changesReady = Signal(str)  # "3 new, 1 gone since …", "" when nothing changed
    noticeReady = Signal(str)  # what the store did about damaged files
    failed = Signal(str)  # why the sync could not be stored

    def __init__(self, pool: QThreadPool, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._path = path
        self._store: CatalogStore | None = None
        self._store_lock = threading.Lock()
        self._generation = 0

    def record(self, connection: Connection, humans: list[DigitalHuman]) -> None:
        """Store `humans` (the whole catalog, in list order, complete now) as
        `connection`'s newest sync."""
        self._generation += 1
        key = StoreKey.of_connection(connection)
        work = partial(self._record, key, tuple(humans), time.time())
        workers.start(self._pool, work, self._generation, self._on_recorded, self._on_failed)

    def _record(
        self, key: StoreKey, humans: tuple[DigitalHuman, ...], finished_at: float
    ) -> tuple[str, str]:
        """In a worker: (the change summary, the store's notice if it is new)."""
        notice = ""
        with self._store_lock:
            if self._store is None:
                self._store = CatalogStore(self._path)
                notice = self._store.notice or ""
            store = self._store
        store.record_sync(key, humans, started_at=finished_at, finished_at=finished_at)
        changes = store.changes(key)
        since = "" if changes.since is None else local_time(changes.since.finished_at)
        return changes.summary(since) if since else "", notice

    @Slot(object, object)
    def _on_recorded(self, tag: object, result: object) -> None:
        summary, notice = result if isinstance(result, tuple) else ("", "")
        if notice:
            self.noticeReady.emit(notice)
        if tag == self._generation:
            self.changesReady.emit(summary)

    @Slot(object, object)
    def _on_failed(self, _tag: object, error: object) -> None:
        self.failed.emit(
            f"The catalog could not be stored on this computer: {workers.describe(error)}"
        )

    def close(self) -> None:
        """Close the store; call after the pool has drained."""
        with self._store_lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()
