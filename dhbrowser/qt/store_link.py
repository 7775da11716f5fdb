"""The window's way to the catalog store: every call in a worker, the store opened there.

`StoreLink` opens the store on first use (in a worker: it reads the disk) and runs each
call on the pool, in the order the calls were submitted: two saves of the same note must
reach the disk in the order the user made them, whichever worker starts first. The workers
share a Qt-free `_SharedStore`, never the StoreLink itself.
It records each complete listing the window syncs as the catalog's newest sync, with its
voices listed as `dhbrowser catalog sync` lists them, and says what changed since the sync
before ("3 new, 1 gone since …", a private human first); what the store had to do about
damaged files comes back as `noticeReady`, for a banner.

It also reads the last known catalog for the window to start from (`load`): the first
screenful alone, then all of it with what the last sync added (the "New" badges) and the
humans gone from the service; after each recorded sync the same comes as `changesKnown`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from dhbrowser.api.errors import Cancelled, DhError
from dhbrowser.api.models import DigitalHuman, FetchMode
from dhbrowser.core.connection import Connection
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.store import CatalogStore, StoredHuman, StoreKey
from dhbrowser.store.model import Changes, local_time

if TYPE_CHECKING:
    from dhbrowser.api.client import DigitalHumanClient

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredChanges:
    """What the newest sync of a catalog changed: the ids it added (the "New" badges) and
    every human an earlier sync listed and the newest does not, most recently seen first;
    `favourite_ids` are the user's favourites (kept, flagged when gone)."""

    new_ids: frozenset[str]
    gone: tuple[StoredHuman, ...]
    favourite_ids: frozenset[str]
    synced_at: float | None


@dataclass(frozen=True, slots=True)
class StoredCatalog:
    """The last known catalog of one FetchMode, in list order: its first screenful
    (`changes` None) or all of it."""

    humans: tuple[DigitalHuman, ...]
    synced_at: float | None
    changes: StoredChanges | None = None


class _Queued(Generic[T]):
    """One submitted call and, once some worker has run it, its result or its error."""

    def __init__(self, call: Callable[[CatalogStore], T]) -> None:
        self.call = call
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None

    def answer(self) -> T:
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]  # done, and `call` returned it


class _SharedStore:
    """The catalog store the workers share: opened by the first call that needs it, never
    again once closed. Qt-free, so no worker holds the StoreLink (a QObject).

    Calls run in the order they were queued: the worker of a call first runs every call
    queued before it that no worker has run yet (one worker at a time), so no worker ever
    waits for a task that has not started, and a later save never lands before an earlier
    one."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._store: CatalogStore | None = None
        self._closed = False  # work still queued then must not open the store again
        self._notice = ""  # what opening it did about damaged files, not told yet
        self._queue: deque[_Queued[object]] = deque()
        self._queue_lock = threading.Lock()
        self._running = threading.Lock()  # held by the worker running the queue

    def queue(self, call: Callable[[CatalogStore], T]) -> Callable[[], T]:
        """On the GUI thread: put `call` in line; the returned function, run in a worker,
        runs the line up to `call` and answers what `call` returned (or raises its error)."""
        queued = _Queued(call)
        with self._queue_lock:
            self._queue.append(queued)  # type: ignore[arg-type]  # answered as T below
        return partial(self._run_through, queued)

    def _run_through(self, queued: _Queued[T]) -> T:
        with self._running:
            while not queued.done:
                with self._queue_lock:
                    head = self._queue.popleft()  # `queued` is still in line: never empty
                try:
                    head.result = self.call(head.call)
                except Exception as error:  # re-raised by its own worker
                    head.error = error
                head.done = True
        return queued.answer()

    def call(self, call: Callable[[CatalogStore], T]) -> T:
        """In a worker: `call(store)`, the store opened first if need be."""
        with self._lock:
            if self._closed:
                raise Cancelled("the catalog store is closed")
            if self._store is None:
                self._store = CatalogStore(self._path)
                self._notice = self._store.notice or ""
            store = self._store
        return call(store)

    def take_notice(self) -> str:
        with self._lock:
            notice, self._notice = self._notice, ""
        return notice

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
            self._closed = True
        if store is not None:
            store.close()


class StoreLink(QObject):
    changesReady = Signal(str)  # "3 new, 1 gone since …", "" when nothing changed
    changesKnown = Signal(object)  # StoredChanges of the sync just recorded
    noticeReady = Signal(str)  # what the store did about damaged files
    failed = Signal(str)  # what could not be stored, and why

    def __init__(self, pool: QThreadPool, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._shared = _SharedStore(path)

    def submit(
        self,
        call: Callable[[CatalogStore], T],
        on_done: Callable[[T], None],
        on_error: Callable[[workers.TaskError], None] | None = None,
        *,
        owner: QObject,
        key: Hashable | None = None,
        priority: int = 0,
    ) -> workers.TaskHandle:
        """Run `call(store)` in a worker; the rest as for `workers.run`."""

        def done(result: T) -> None:
            self._tell_notice()
            on_done(result)

        def failed(failure: workers.TaskError) -> None:
            self._tell_notice()
            if on_error is not None:
                on_error(failure)

        return workers.run(
            self._shared.queue(call),
            done,
            failed,
            owner=owner,
            pool=self._pool,
            key=key,
            priority=priority,
        )

    def record(
        self, connection: Connection, humans: list[DigitalHuman], client: DigitalHumanClient
    ) -> None:
        """Store `humans` (the whole catalog, in list order, complete now) as
        `connection`'s newest sync, with the voices `client` lists for them; of two records
        in flight only the newer's changes show."""
        key = StoreKey.of_connection(connection)
        call = partial(_record, key, tuple(humans), time.time(), client)
        self.submit(call, self._on_recorded, self._on_failed, owner=self, key="record")

    def load(
        self,
        key: StoreKey,
        fetch_mode: FetchMode,
        first: int | None,
        on_done: Callable[[StoredCatalog], None],
        on_error: Callable[[workers.TaskError], None],
        *,
        owner: QObject,
    ) -> None:
        """Read `key`'s last known catalog (the first `first` humans, or all with its
        changes) in a worker, ahead of the network work queued with it."""
        call = partial(_load, key, fetch_mode, first)
        self.submit(call, on_done, on_error, owner=owner, priority=3)

    def report_read(self, failure: workers.TaskError) -> None:
        self.failed.emit(
            translate(
                "StoreLink", "The catalog stored on this computer could not be read: {problem}"
            ).format(problem=failure.text)
        )

    def report(self, failure: workers.TaskError) -> None:
        self.failed.emit(
            translate(
                "StoreLink", "Your change could not be saved on this computer: {problem}"
            ).format(problem=failure.text)
        )

    def close(self) -> None:
        """Close the store; call after the pool has drained."""
        self._shared.close()

    def _tell_notice(self) -> None:
        notice = self._shared.take_notice()
        if notice:
            self.noticeReady.emit(notice)

    def _on_recorded(self, summary: tuple[str, StoredChanges]) -> None:
        text, changes = summary
        self.changesKnown.emit(changes)
        self.changesReady.emit(text)

    def _on_failed(self, failure: workers.TaskError) -> None:
        self.failed.emit(
            translate(
                "StoreLink", "The catalog could not be stored on this computer: {problem}"
            ).format(problem=failure.text)
        )


def _record(
    key: StoreKey,
    humans: tuple[DigitalHuman, ...],
    finished_at: float,
    client: DigitalHumanClient,
    store: CatalogStore,
) -> tuple[str, StoredChanges]:
    """In a worker: list the voices as `dhbrowser catalog sync` does, store the sync, return
    what changed since the one before ("" if none). Voices that cannot be listed now do not
    cost the user the catalog: it is stored without them, and the stored ones stay."""
    from dhbrowser.store.sync import list_voices  # httpx: not before the first paint

    try:
        voices, pairings = list_voices(client, humans)
    except DhError as error:
        # Cancelled: the window is closing (its session's work stops), nothing went wrong.
        level = logging.INFO if isinstance(error, Cancelled) else logging.WARNING
        log.log(
            level, "the voices could not be listed; the catalog is stored without them: %s", error
        )
        voices, pairings = [], {}
    store.record_sync(
        key,
        humans,
        started_at=finished_at,
        finished_at=finished_at,
        voices=voices,
        pairings=pairings,
    )
    changes = store.changes(key)
    text = "" if changes.since is None else changes.summary(local_time(changes.since.finished_at))
    return text, _stored_changes(store, key, changes)


def _load(
    key: StoreKey, fetch_mode: FetchMode, first: int | None, store: CatalogStore
) -> StoredCatalog:
    """In a worker: the catalog as last synced, of `fetch_mode`."""
    latest = store.latest_sync(key)
    synced_at = None if latest is None else latest.finished_at
    if first is not None:
        present = [stored.human for stored in store.humans(key, first=first)]
        return StoredCatalog(tuple(_of_mode(present, fetch_mode)), synced_at)
    stored = store.humans(key, include_gone=True)
    present = [entry.human for entry in stored if entry.present]
    changes = _stored_changes(store, key, store.changes(key), stored)
    return StoredCatalog(tuple(_of_mode(present, fetch_mode)), synced_at, changes)


def _stored_changes(
    store: CatalogStore,
    key: StoreKey,
    changes: Changes,
    stored: list[StoredHuman] | None = None,
) -> StoredChanges:
    everyone = store.humans(key, include_gone=True) if stored is None else stored
    new_ids = frozenset(entry.human.id for entry in changes.added) if changes.since else frozenset()
    return StoredChanges(
        new_ids,
        tuple(entry for entry in everyone if not entry.present),
        store.favourites(key),
        None if changes.until is None else changes.until.finished_at,
    )


def _of_mode(humans: list[DigitalHuman], fetch_mode: FetchMode) -> list[DigitalHuman]:
    if fetch_mode == FetchMode.ALL:
        return humans
    public = fetch_mode == FetchMode.PUBLIC
    return [human for human in humans if human.is_public == public]
