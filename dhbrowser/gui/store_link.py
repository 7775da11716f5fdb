"""The window's way to the catalog store: every call in a worker, the store opened there.

`StoreLink` opens the store on first use (in a worker: it reads the disk) and runs each
call on the pool. It records each complete listing the window syncs as the catalog's
newest sync and says what changed since the sync before ("3 new, 1 gone since …", a
private human first); what the store had to do about damaged files comes back as
`noticeReady`, for a banner.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.connection import Connection
from dhbrowser.gui import workers
from dhbrowser.store import CatalogStore, StoreKey
from dhbrowser.store.model import local_time

StoreCall = Callable[[CatalogStore], object]


class StoreLink(QObject):
    changesReady = Signal(str)  # "3 new, 1 gone since …", "" when nothing changed
    noticeReady = Signal(str)  # what the store did about damaged files
    failed = Signal(str)  # what could not be stored, and why

    def __init__(self, pool: QThreadPool, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._path = path
        self._store: CatalogStore | None = None
        self._store_lock = threading.Lock()
        self._generation = 0

    def submit(
        self,
        call: StoreCall,
        tag: object,
        on_success: Callable[[object, object], None],
        on_failure: Callable[[object, object], None],
    ) -> None:
        """Run `call(store)` in a worker; the callbacks as for `workers.start`."""
        workers.start(self._pool, partial(self._with_store, call), tag, on_success, on_failure)

    def record(self, connection: Connection, humans: list[DigitalHuman]) -> None:
        """Store `humans` (the whole catalog, in list order, complete now) as
        `connection`'s newest sync."""
        self._generation += 1
        call = partial(_record, StoreKey.of_connection(connection), tuple(humans), time.time())
        self.submit(call, self._generation, self._on_recorded, self._on_failed)

    def report(self, error: object) -> None:
        self.failed.emit(
            f"Your change could not be saved on this computer: {workers.describe(error)}"
        )

    def close(self) -> None:
        """Close the store; call after the pool has drained."""
        with self._store_lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()

    def _with_store(self, call: StoreCall) -> object:
        with self._store_lock:
            if self._store is None:
                self._store = CatalogStore(self._path)
                if self._store.notice:
                    self.noticeReady.emit(self._store.notice)  # queued to the GUI thread
            store = self._store
        return call(store)

    @Slot(object, object)
    def _on_recorded(self, tag: object, summary: object) -> None:
        if tag == self._generation and isinstance(summary, str):
            self.changesReady.emit(summary)

    @Slot(object, object)
    def _on_failed(self, _tag: object, error: object) -> None:
        self.failed.emit(
            f"The catalog could not be stored on this computer: {workers.describe(error)}"
        )


def _record(
    key: StoreKey, humans: tuple[DigitalHuman, ...], finished_at: float, store: CatalogStore
) -> str:
    """In a worker: store the sync, return what changed since the one before ("" if none)."""
    store.record_sync(key, humans, started_at=finished_at, finished_at=finished_at)
    changes = store.changes(key)
    return "" if changes.since is None else changes.summary(local_time(changes.since.finished_at))
