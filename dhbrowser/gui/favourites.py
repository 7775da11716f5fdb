"""Starred digital humans, remembered per profile in QSettings, and their move to the store.

The catalog store (dhbrowser.store) keeps favourites per catalog (endpoint + AppId) from now
on; `migrate_favourites` copies what QSettings held into it once per profile, on the first
start with a store, and leaves QSettings as it was, so an older dhbrowser still finds them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QSettings, Signal

from dhbrowser.demo import DEMO_LABEL
from dhbrowser.profiles import Profile
from dhbrowser.store import CatalogStore, StoreKey
from dhbrowser.store.model import MAX_FAVOURITES

_GROUP = "favourites"


class Favourites(QObject):
    changed = Signal(frozenset)  # the ids now starred

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._profile = ""
        self._ids: frozenset[str] = frozenset()

    @property
    def ids(self) -> frozenset[str]:
        return self._ids

    def load(self, profile: str) -> None:
        """Switch to `profile`'s favourites."""
        self._profile = profile
        self._ids = frozenset(_stored_ids(self._settings, _key(profile)))
        self.changed.emit(self._ids)

    def toggle(self, human_id: str) -> bool:
        """Star or unstar `human_id`; returns whether it is now starred."""
        starred = human_id not in self._ids
        self._ids = self._ids | {human_id} if starred else self._ids - {human_id}
        self._settings.setValue(_key(self._profile), sorted(self._ids))
        self._settings.sync()
        self.changed.emit(self._ids)
        return starred


def migrate_favourites(
    settings: QSettings, store: CatalogStore, profiles: Sequence[Profile]
) -> int:
    """Copy each profile's (and the demo's) QSettings favourites into the store, once each;
    returns how many catalogs got favourites now. Favourites of a profile since removed have
    no catalog to go to and stay where they are. Call from a worker: it writes the store."""
    catalogs = {_key(DEMO_LABEL): StoreKey.demo()}
    catalogs.update({_key(profile.name): StoreKey.of_profile(profile) for profile in profiles})
    migrated = 0
    for settings_key, store_key in catalogs.items():
        ids = _stored_ids(settings, settings_key)
        if ids and store.import_favourites(store_key, ids, origin=f"qsettings:{settings_key}"):
            migrated += 1
    return migrated


def _stored_ids(settings: QSettings, key: str) -> list[str]:
    stored = settings.value(key, [])
    values = stored if isinstance(stored, list) else [stored] if isinstance(stored, str) else []
    return [str(value) for value in values[:MAX_FAVOURITES]]


def _key(profile: str) -> str:
    # QSettings treats '/' as a group separator; profile names are free text.
    safe = profile.replace("/", "_").replace("\\", "_") or "default"
    return f"{_GROUP}/{safe}"
