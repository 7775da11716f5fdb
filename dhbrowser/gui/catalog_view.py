"""The grid of portrait cards: a QListView in icon mode with Ctrl+wheel zoom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget


class CatalogView(QListView):
    zoomRequested = Signal(int)  # +1 bigger, -1 smaller

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalog")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setIconSize(QSize(160, 284))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.zoomRequested.emit(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)


def visible_indexes(view: QAbstractItemView) -> list[QModelIndex]:
    """The items whose rectangles meet the viewport, in row order.

    A wrapping list lays rows out in reading order, so the visible ones are a run of rows:
    two binary searches find its ends without asking every row of a 10,000-row model.
    """
    model = view.model()
    count = model.rowCount()
    height = view.viewport().height()

    def first_row(predicate: Callable[[int], bool]) -> int:
        low, high = 0, count
        while low < high:
            middle = (low + high) // 2
            if predicate(middle):
                high = middle
            else:
                low = middle + 1
        return low

    start = first_row(lambda row: view.visualRect(model.index(row, 0)).bottom() >= 0)
    end = first_row(lambda row: view.visualRect(model.index(row, 0)).top() >= height)
    return [model.index(row, 0) for row in range(start, end)]
