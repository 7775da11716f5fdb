"""The user's place in the grid: the human they chose stays chosen while the view changes.

A search, the ★ filter, a sort or another Show mode rebuilds the rows under the selection.
`PlaceKeeper` remembers the human the user chose (by id) and, after every such change,
selects it again and scrolls it into view when it is still in the result. While it is not,
the first card of the result stands in (so Enter still picks something sensible) without
replacing the user's choice: clearing the search brings the chosen human back.

Only the user's own moves (click, keys) change the choice; the keeper's own selections and
the window's automatic first selection are made through `select_automatically`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QTimer,
)
from PySide6.QtWidgets import QAbstractItemView

from dhbrowser.qt.catalog_model import CatalogFilterModel, CatalogModel, human_at


class PlaceKeeper(QObject):
    def __init__(
        self,
        view: QAbstractItemView,
        proxy: CatalogFilterModel,
        model: CatalogModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._proxy = proxy
        self._model = model
        self._wanted: str | None = None
        self._automatic = 0  # > 0 while a selection change is not the user's
        view.selectionModel().currentChanged.connect(self._on_current_changed)
        proxy.rowsInserted.connect(self._on_rows_inserted)
        # A reset (another Show mode, a fresh first page) clears the selection silently;
        # the choice waits for its row to come back.
        proxy.modelAboutToBeReset.connect(self._begin_automatic)
        proxy.modelReset.connect(self._end_automatic)

    @property
    def wanted(self) -> str | None:
        """The id of the human the user chose last (None: no choice yet)."""
        return self._wanted

    def want(self, human_id: str | None) -> None:
        """Choose `human_id` (a remembered selection): selected now or once its row loads."""
        self._wanted = human_id
        self._restore(human_id, fallback_first=False)

    def change(self, apply: Callable[[], object]) -> None:
        """Apply a change of the rows (filter, search, sort) and keep the place through it."""
        shown = human_at(self._view.currentIndex())
        keep = self._wanted or (shown.id if shown is not None else None)
        with self._automatic_selection():
            apply()
        self._restore(keep, fallback_first=True)

    def select_automatically(self, index: QModelIndex) -> None:
        """Select `index` for the user, without making it their choice."""
        with self._automatic_selection():
            self._view.setCurrentIndex(
                index if isinstance(index, QModelIndex) else QModelIndex(index)
            )

    def index_of(self, human_id: str) -> QModelIndex:
        row = self._model.row_of(human_id)
        if row is None:
            return QModelIndex()
        return self._proxy.index_of_row(row)

    # -- internals ---------------------------------------------------------------------------

    def _restore(self, human_id: str | None, *, fallback_first: bool) -> None:
        """Select `human_id` and scroll to it; when it is not shown (and `fallback_first`),
        the result's first card stands in, or nothing in an empty result."""
        index = self.index_of(human_id) if human_id is not None else QModelIndex()
        if index.isValid():
            if index != self._view.currentIndex():
                self.select_automatically(index)
            self._view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        elif fallback_first and human_id is not None:
            if self._proxy.rowCount() > 0:
                self.select_automatically(self._proxy.index(0, 0))
                self._view.scrollTo(self._proxy.index(0, 0))
            else:
                with self._automatic_selection():
                    self._view.selectionModel().clear()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._automatic == 0:
            human = human_at(current)
            self._wanted = human.id if human is not None else None

    def _on_rows_inserted(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        if self._automatic or self._wanted is None:
            return
        if (human := human_at(self._view.currentIndex())) is None or human.id != self._wanted:
            index = self.index_of(self._wanted)
            if index.isValid():
                self.select_automatically(index)
                # The view lays the new rows out when the loop next runs; scroll after that.
                target = QPersistentModelIndex(index)
                QTimer.singleShot(0, self, lambda: self._scroll_to(target))

    def _scroll_to(self, index: QPersistentModelIndex) -> None:
        if index.isValid() and index == self._view.currentIndex():
            target = self._proxy.index(index.row(), 0)
            self._view.scrollTo(target, QAbstractItemView.ScrollHint.EnsureVisible)

    @contextmanager
    def _automatic_selection(self) -> Iterator[None]:
        self._begin_automatic()
        try:
            yield
        finally:
            self._end_automatic()

    def _begin_automatic(self) -> None:
        self._automatic += 1

    def _end_automatic(self) -> None:
        self._automatic = max(0, self._automatic - 1)
