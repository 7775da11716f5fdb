"""A sync: list the whole catalog from the service, then store it in one transaction.

Nothing is written until the last page has arrived, so a failure or a kill during the
listing leaves the store as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from dhbrowser.api.models import DigitalHuman, FetchMode
from dhbrowser.connection import Connection
from dhbrowser.store.database import CatalogStore
from dhbrowser.store.model import MAX_HUMANS, StoreKey, SyncRecord


def sync_catalog(
    store: CatalogStore,
    connection: Connection,
    progress: Callable[[str], None] | None = None,
) -> SyncRecord:
    """List every human of `connection`'s app and record it as the catalog's newest sync.
    Raises the API's DhError (nothing stored) or StoreError. `progress` is told what is
    happening ("Listed 340 digital humans…"), after each page and while storing."""
    started = time.time()
    humans: list[DigitalHuman] = []
    with connection.client() as client:
        for human in client.iter_humans(FetchMode.ALL):
            humans.append(human)
            if len(humans) >= MAX_HUMANS:
                break
            if progress is not None and len(humans) % 20 == 0:
                progress(f"Listed {len(humans)} digital humans…")
    stored = None if progress is None else _storing(progress, len(humans))
    key = StoreKey.of_connection(connection)
    return store.record_sync(key, humans, started_at=started, progress=stored)


def _storing(progress: Callable[[str], None], total: int) -> Callable[[int], None]:
    return lambda written: progress(f"Stored {written} of {total} digital humans…")
