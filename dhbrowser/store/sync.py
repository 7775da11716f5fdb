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
    progress: Callable[[int], None] | None = None,
) -> SyncRecord:
    """List every human of `connection`'s app and record it as the catalog's newest sync.
    Raises the API's DhError (nothing stored) or StoreError. `progress` gets the count
    listed so far, after each page."""
    started = time.time()
    humans: list[DigitalHuman] = []
    with connection.client() as client:
        for human in client.iter_humans(FetchMode.ALL):
            humans.append(human)
            if len(humans) >= MAX_HUMANS:
                break
            if progress is not None and len(humans) % 20 == 0:
                progress(len(humans))
    return store.record_sync(StoreKey.of_connection(connection), humans, started_at=started)
