"""The user's labels for opaque action names ("802_921474" → "nod"), for the catalog on show.

Kept in the catalog store, per catalog; read and written by the store link's workers.
Wherever the window shows an action name it shows `shown(name)`: the label with the real
name beside it, so the real name stays visible (and is what is copied and sent). File →
Export/Import labels writes and reads the same JSON the command line does
(`dhbrowser catalog labels`), so a team can share one file.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dhbrowser.core.files import write_atomic
from dhbrowser.qt import workers
from dhbrowser.qt.roles import Counts
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.store import CatalogStore, StoreKey, labels_file
from dhbrowser.store.model import MAX_LABEL


class ActionLabels(QObject):
    changed = Signal()  # the labels of the catalog on show changed (or another catalog's came)
    done = Signal(str)  # what an import or export did, for the status bar
    failed = Signal(str)  # what could not be done, and why

    def __init__(self, store: StoreLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._key: StoreKey | None = None
        self._labels: dict[str, str] = {}

    def load(self, key: StoreKey) -> None:
        """Use `key`'s labels (read in a worker; `changed` when they are in)."""
        self._key = key
        self._labels = {}
        self.changed.emit()
        self._store.submit(
            partial(_read, key), partial(self._on_labels, key), self._on_failed, owner=self
        )

    def label(self, name: str) -> str:
        return self._labels.get(name, "")

    def shown(self, name: str) -> str:
        """How the window shows action `name`: "nod (802_921474)", or the name alone."""
        label = self._labels.get(name)
        return f"{label} ({name})" if label else name

    def rename(self, name: str, label: str) -> None:
        """Label action `name` for this catalog; an empty label removes it."""
        if self._key is None:
            return
        label = " ".join(label.split())[:MAX_LABEL]
        self._labels = {**self._labels, name: label} if label else self._without(name)
        key = self._key
        call = partial(_set_and_read, key, {name: label})
        self._store.submit(call, partial(self._on_labels, key), self._on_failed, owner=self)
        # Shown at once; what listens and reads the store again (search) queues its read
        # after this write, so it reads the new label.
        self.changed.emit()

    def export_to(self, path: Path) -> None:
        if self._key is not None:
            key = self._key
            self._store.submit(
                partial(_export, key, path), self.done.emit, self._on_failed, owner=self
            )

    def import_from(self, path: Path) -> None:
        if self._key is not None:
            key = self._key
            self._store.submit(
                partial(_import, key, path),
                partial(self._on_imported, key),
                self._on_failed,
                owner=self,
            )

    def _without(self, name: str) -> dict[str, str]:
        return {other: label for other, label in self._labels.items() if other != name}

    def _on_labels(self, key: StoreKey, labels: dict[str, str]) -> None:
        if key == self._key:
            self._labels = labels
            self.changed.emit()

    def _on_imported(self, key: StoreKey, result: tuple[str, dict[str, str]]) -> None:
        text, labels = result
        self._on_labels(key, labels)
        self.done.emit(text)

    def _on_failed(self, failure: workers.TaskError) -> None:
        if isinstance(failure.error, labels_file.LabelsFileError | OSError):
            self.failed.emit(str(failure.error))  # a file the user chose: it names it
        else:
            self._store.report(failure)


def _read(key: StoreKey, store: CatalogStore) -> dict[str, str]:
    return store.labels(key)


def _set_and_read(key: StoreKey, labels: dict[str, str], store: CatalogStore) -> dict[str, str]:
    store.import_labels(key, labels)
    return store.labels(key)


def _export(key: StoreKey, path: Path, store: CatalogStore) -> str:
    labels = store.labels(key)
    write_atomic(path, (labels_file.dumps(labels) + "\n").encode())
    return Counts.tr("Exported %n labels to {path}.", "", len(labels)).format(path=path)  # type: ignore[arg-type]


def _import(key: StoreKey, path: Path, store: CatalogStore) -> tuple[str, dict[str, str]]:
    count = store.import_labels(key, labels_file.read(path))
    done = Counts.tr("Imported %n labels from {path}.", "", count).format(path=path)  # type: ignore[arg-type]
    return done, store.labels(key)
