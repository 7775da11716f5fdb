"""Starred digital humans, remembered per profile in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal


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
        stored = self._settings.value(self._key(), [])
        values = stored if isinstance(stored, list) else [stored] if isinstance(stored, str) else []
        self._ids = frozenset(str(value) for value in values)
        self.changed.emit(self._ids)

    def toggle(self, human_id: str) -> bool:
        """Star or unstar `human_id`; returns whether it is now starred."""
        starred = human_id not in self._ids
        self._ids = self._ids | {human_id} if starred else self._ids - {human_id}
        self._settings.setValue(self._key(), sorted(self._ids))
        self._settings.sync()
        self.changed.emit(self._ids)
        return starred

    def _key(self) -> str:
        # QSettings treats '/' as a group separator; profile names are free text.
        safe = self._profile.replace("/", "_").replace("\\", "_") or "default"
        return f"favourites/{safe}"
