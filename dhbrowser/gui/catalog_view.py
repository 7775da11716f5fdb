"""The grid of portrait cards: a QListView in icon mode with Ctrl+wheel zoom.

The columns spread over the whole width: the view's grid cell is the card plus an even
share of the spare width (Qt centres each card in its cell), so no band of empty space
piles up on the right.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyleOptionViewItem, QWidget

from dhbrowser.qt.i18n import translate

#: Between two cards (and around them), at least.
CARD_SPACING = 6


class CatalogView(QListView):
    zoomRequested = Signal(int)  # +1 bigger, -1 smaller
    #: The card menu for the card at `index`, to open at the global point (mouse or keyboard).
    cardMenuRequested = Signal(QModelIndex, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalog")
        self.setAccessibleName(translate("CatalogView", "Digital humans"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setIconSize(QSize(160, 284))
        self._columns = 1

    def columns(self) -> int:
        """How many cards fit side by side now."""
        return self._columns

    def relayout(self) -> None:
        """Lay the cards out again after their size changed."""
        self._spread_columns()
        self.doItemsLayout()

    def request_card_menu(self) -> None:
        """The keyboard's context menu (Shift+F10, the Menu key): for the current card."""
        index = self.currentIndex()
        if index.isValid():
            self.scrollTo(index)
            where = self.visualRect(index).center()
            self.cardMenuRequested.emit(index, self.viewport().mapToGlobal(where))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.request_card_menu()
            return
        index = self.indexAt(self.viewport().mapFromGlobal(event.globalPos()))
        if index.isValid():
            self.setCurrentIndex(index)
            self.cardMenuRequested.emit(index, event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._spread_columns()
        return super().viewportEvent(event)

    def _spread_columns(self) -> None:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        card = self.itemDelegate().sizeHint(option, QModelIndex())
        if card.isEmpty():
            return
        width = max(1, self._width_beside_scroll_bar() - CARD_SPACING)
        columns = max(1, width // (card.width() + CARD_SPACING))
        self._columns = columns
        grid = QSize(width // columns, card.height() + CARD_SPACING)
        if grid != self.gridSize():
            self.setGridSize(grid)

    def _width_beside_scroll_bar(self) -> int:
        """The viewport's width once the vertical scroll bar shows, even before it does.

        The room is kept for it from the start: when the second page of a first launch
        made the bar appear, the cells narrowed, the cards moved and changed size, and
        their portraits were loaded again at the new size (QListView had even laid the
        first page out in one column, leaving room for the bar the cells did not leave).
        A scroll bar drawn over the content (transient) takes no room.
        """
        width = self.viewport().width()
        bar = self.verticalScrollBar()
        if bar.isVisible() or self.style().styleHint(
            QStyle.StyleHint.SH_ScrollBar_Transient, None, self
        ):
            return width
        return width - bar.sizeHint().width()  # what QAbstractScrollArea gives the bar

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
