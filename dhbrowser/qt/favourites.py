"""Starred digital humans: in the catalog store, per catalog; in QSettings without a store.

With a store (the app's window), favourites belong to a catalog (endpoint + AppId) and
live in the store, read and written in workers. The first time a catalog is opened with a
store, the favourites QSettings kept for its profile are copied in, once; QSettings is
left as it was, so an older dhbrowser still finds them. Without a store (a window made
without one), QSettings keeps them per profile name, as before.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from dhbrowser.qt import workers
from dhbrowser.store import CatalogStore, StoreKey
from dhbrowser.store.model import MAX_FAVOURITES

if TYPE_CHECKING:
    from dhbrowser.qt.store_link import StoreLink

log = logging.getLogger(__name__)

_GROUP = "favourites"


class Favourites(QObject):
    changed = Signal(frozenset)  # the ids now starred

    def __init__(
        self, settings: QSettings, parent: QObject | None = None, *, store: StoreLink | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._store = store
        self._profile = ""
        self._catalog: StoreKey | None = None
        self._ids: frozenset[str] = frozenset()

    @property
    def ids(self) -> frozenset[str]:
        return self._ids

    def load(self, profile: str, catalog: StoreKey | None = None) -> None:
        """Switch to the favourites of `catalog` (with a store) or of `profile` (without);
        with a store they arrive a moment later, through `changed`."""
        self._profile = profile
        if self._store is None or catalog is None:
            self._catalog = None
            self._ids = frozenset(_stored_ids(self._settings, _key(profile)))
        else:
            self._catalog = catalog
            self._ids = frozenset()
            legacy = _stored_ids(self._settings, _key(profile))
            call = partial(_load_from_store, catalog, legacy, f"qsettings:{_key(profile)}")
            loaded = partial(self._on_loaded, catalog)
            self._store.submit(call, loaded, self._on_failed, owner=self, key="load")
        self.changed.emit(self._ids)

    def toggle(self, human_id: str) -> bool:
        """Star or unstar `human_id`; returns whether it is now starred."""
        starred = human_id not in self._ids
        self._ids = self._ids | {human_id} if starred else self._ids - {human_id}
        if self._store is not None and self._catalog is not None:
            call = partial(_set_in_store, self._catalog, human_id, starred)
            self._store.submit(call, _ignore, self._on_failed, owner=self)
        else:
            self._settings.setValue(_key(self._profile), sorted(self._ids))
            self._settings.sync()
        self.changed.emit(self._ids)
        return starred

    def _on_loaded(self, catalog: StoreKey, ids: frozenset[str]) -> None:
        if catalog != self._catalog:
            return  # favourites of a catalog no longer on show
        self._ids = ids | self._ids  # a star given while loading stays
        self.changed.emit(self._ids)

    def _on_failed(self, failure: workers.TaskError) -> None:
        log.warning("favourites could not be read or saved: %s", failure.error)
        if self._store is not None:
            self._store.report(failure)


def _load_from_store(
    catalog: StoreKey, legacy: list[str], origin: str, store: CatalogStore
) -> frozenset[str]:
    """In a worker: bring QSettings' favourites in (the first time only), then read them."""
    if legacy:
        store.import_favourites(catalog, legacy, origin=origin)
    return store.favourites(catalog)


def _set_in_store(catalog: StoreKey, human_id: str, starred: bool, store: CatalogStore) -> None:
    store.set_favourite(catalog, human_id, starred)


def _ignore(_result: None) -> None:
    """A saved star needs no answer."""


def _stored_ids(settings: QSettings, key: str) -> list[str]:
    stored = settings.value(key, [])
    values = stored if isinstance(stored, list) else [stored] if isinstance(stored, str) else []
    return [str(value) for value in values[:MAX_FAVOURITES]]


def _key(profile: str) -> str:
    # QSettings treats '/' as a group separator; profile names are free text.
    safe = profile.replace("/", "_").replace("\\", "_") or "default"
    return f"{_GROUP}/{safe}"
