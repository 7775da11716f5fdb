"""A sync: list the whole catalog from the service, then store it in one transaction.

Nothing is written until the last page has arrived, so a failure or a kill during the
listing leaves the store as it was. With the humans come the voices: the public list
(GetTimbreList without a human) and, for each private human, the voices bound to it (one
GetTimbreList each, paced by the app's rate limiter), as `dhbrowser voices` lists them.
The window's own syncs list and store the voices through the same `list_voices`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.models import DigitalHuman, FetchMode
from dhbrowser.core.connection import Connection
from dhbrowser.i18n import _
from dhbrowser.store.database import CatalogStore
from dhbrowser.store.model import MAX_HUMANS, MAX_VOICES, StoreKey, SyncRecord, Voice


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
                progress(_("Listed {count} digital humans…").format(count=len(humans)))
        voices, pairings = list_voices(client, humans, progress)
    stored = None if progress is None else _storing(progress, len(humans))
    key = StoreKey.of_connection(connection)
    return store.record_sync(
        key, humans, started_at=started, voices=voices, pairings=pairings, progress=stored
    )


def list_voices(
    client: DigitalHumanClient,
    humans: Sequence[DigitalHuman],
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Voice], dict[str, list[str]]]:
    """The public voices, then each private human's bound ones, at most MAX_VOICES in all;
    and which voices are bound to which private human."""
    voices: dict[str, Voice] = {}
    for timbre in client.iter_timbres():
        if len(voices) >= MAX_VOICES:
            break
        voices.setdefault(timbre.id, Voice(timbre.id, timbre.name, timbre.avatar_url, True))
    pairings: dict[str, list[str]] = {}
    private = [human for human in humans if not human.is_public]
    for done, human in enumerate(private, 1):
        bound = pairings.setdefault(human.id, [])
        for timbre in client.iter_timbres(human.id):
            if len(voices) >= MAX_VOICES:
                break
            voices.setdefault(timbre.id, Voice(timbre.id, timbre.name, timbre.avatar_url, False))
            bound.append(timbre.id)
        if progress is not None:
            progress(
                _("Listed the voices of {done} of {total} private digital humans…").format(
                    done=done, total=len(private)
                )
            )
    return list(voices.values()), {human_id: ids for human_id, ids in pairings.items() if ids}


def _storing(progress: Callable[[str], None], total: int) -> Callable[[int], None]:
    return lambda written: progress(
        _("Stored {written} of {total} digital humans…").format(written=written, total=total)
    )
