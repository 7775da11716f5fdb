"""The humans gone from the service: what the catalog store last knew of each.

A human an earlier sync listed and the newest does not is kept in the store, so this
window can list it with its last-known portrait (from the portrait cache), name and id,
when it was last listed, and whether it is one of the user's favourites (kept as a
favourite, flagged here, never dropped). It is filled from `StoredChanges`, which the
store link hands over after the stored catalog is read and after each sync.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.gui.card_delegate import HumanCardDelegate
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.plaintext import plain_tooltip
from dhbrowser.qt.roles import FAVOURITE_ROLE, HUMAN_ROLE
from dhbrowser.qt.store_link import StoredChanges
from dhbrowser.qt.thumbnails import ThumbnailStore
from dhbrowser.store import StoredHuman
from dhbrowser.store.model import local_time

ModelIndex = QModelIndex | QPersistentModelIndex


class GoneModel(QAbstractListModel):
    """Gone humans, favourites first, then the most recently seen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gone: list[StoredHuman] = []
        self._favourites: frozenset[str] = frozenset()

    def set_changes(self, changes: StoredChanges) -> None:
        self.beginResetModel()
        self._favourites = changes.favourite_ids
        self._gone = sorted(
            changes.gone, key=lambda stored: stored.human.id not in self._favourites
        )
        self.endResetModel()

    @property
    def favourites_gone(self) -> int:
        return sum(1 for stored in self._gone if stored.human.id in self._favourites)

    def stored(self, row: int) -> StoredHuman | None:
        return self._gone[row] if 0 <= row < len(self._gone) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._gone)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        stored = self.stored(index.row()) if index.isValid() else None
        if stored is None:
            return None
        human = stored.human
        favourite = human.id in self._favourites
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return human.name
        if role == Qt.ItemDataRole.ToolTipRole:
            flag = (
                translate("GoneModel", "\nOne of your favourites: kept, but gone from the service")
                if favourite
                else ""
            )
            return plain_tooltip(
                translate("GoneModel", "{name}\n{id}\nLast listed {moment}{flag}").format(
                    name=human.name, id=human.id, moment=local_time(stored.last_seen), flag=flag
                )
            )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            gone = translate("GoneModel", "gone, last listed {moment}").format(
                moment=local_time(stored.last_seen)
            )
            return (
                translate("GoneModel", "{gone}, favourite").format(gone=gone) if favourite else gone
            )
        if role == HUMAN_ROLE:
            return human
        if role == FAVOURITE_ROLE:
            return favourite
        return None


class GoneView(QDialog):
    """View → Gone from the service…: the gone humans as cards; their ids can be copied."""

    def __init__(self, thumbnails: ThumbnailStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gone-view")
        self.setWindowTitle(translate("GoneView", "Gone from the service"))
        self.model = GoneModel(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.list = QListView()
        self.list.setAccessibleName(translate("GoneView", "Digital humans gone from the service"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(4)
        self.list.setModel(self.model)
        self.delegate = HumanCardDelegate(thumbnails, self.list)
        self.delegate.set_card_width(144)
        self.list.setItemDelegate(self.delegate)
        self.copy_button = QPushButton(translate("GoneView", "Copy id"))
        self.copy_button.clicked.connect(self.copy_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 460)
        self._update_summary()

    def set_changes(self, changes: StoredChanges) -> None:
        self.model.set_changes(changes)
        self._update_summary()

    def copy_id(self) -> None:
        stored = self.model.stored(self.list.currentIndex().row())
        if stored is not None:
            QGuiApplication.clipboard().setText(stored.human.id)

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        self.copy_button.setEnabled(count > 0)
        if not count:
            self.summary.setText(
                translate(
                    "GoneView", "No digital human has gone from the service since the first sync."
                )
            )
            return
        starred = self.model.favourites_gone
        flagged = (
            " "
            + self.tr(
                "%n of them are among your favourites: kept as favourites, marked ★ here.",
                "",
                starred,
            )
            if starred
            else ""
        )
        self.summary.setText(
            self.tr(
                "%n digital humans are no longer listed by the service; shown as last synced.",
                "",
                count,
            )
            + flagged
        )
