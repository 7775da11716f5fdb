"""A human's actions as a row of chips under the preview, each with its preview's length.

A QListWidget laid out as a wrapping flow, not a row of buttons: it is one Tab stop whose
arrow keys move between chips, Enter plays, the selection is the action on show, and
screen readers get every chip's name and length from the item roles. A chip shows a
duration only once it is known (read from the downloaded file's header, or from the player),
never an estimate.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from dhbrowser.api.models import ActionClip
from dhbrowser.qt.roles import Counts

#: The preview's length in milliseconds (int), or None while unknown.
DURATION_ROLE = Qt.ItemDataRole.UserRole + 1
#: Whether the action has a preview at all (bool).
HAS_PREVIEW_ROLE = Qt.ItemDataRole.UserRole + 2
#: The action a human's preview opens with (ZEGO's resting loop).
IDLE_ACTION = "idle_action"
CHIP_PADDING = 10
CHIP_SPACING = 3


def first_to_play(actions: tuple[ActionClip, ...]) -> ActionClip | None:
    """The action a human opens with (selected, hovered): its idle loop, else the first with
    a preview, else the first (whose chip then says it has none)."""
    with_preview = [action for action in actions if action.preview_url]
    idle = [action for action in with_preview if action.name == IDLE_ACTION]
    return next(iter(idle or with_preview or actions), None)


def format_duration(milliseconds: int) -> str:
    """A preview's length as a chip shows it: 0:03 (seconds rounded up: 2.2 s is 0:03)."""
    seconds = -(-milliseconds // 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


def spoken_duration(milliseconds: int) -> str:
    """The length as a screen reader says it."""
    seconds = -(-milliseconds // 1000)
    return Counts.tr("%n second(s)", "", seconds)  # type: ignore[arg-type]


class _ChipDelegate(QStyledItemDelegate):
    """Draws an action as a rounded chip: its name, then its length in muted text."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(self._label(index)) + 2 * CHIP_PADDING
        return QSize(width, metrics.height() + 10)

    @staticmethod
    def _label(index: QModelIndex | QPersistentModelIndex) -> str:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        duration = index.data(DURATION_ROLE)
        return f"{text}  {format_duration(duration)}" if isinstance(duration, int) else text

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        palette = option.palette
        state = option.state
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        fill = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Button
        painter.fillPath(outline, palette.color(fill))
        # The keyboard's place: a ring in the text colour, visible on a selected chip too.
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        border = QPalette.ColorRole.Text if focused else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(border), 2.0 if focused else 1.0))
        painter.drawPath(outline)
        has_preview = bool(index.data(HAS_PREVIEW_ROLE))
        ink = (
            QPalette.ColorRole.HighlightedText
            if selected
            else QPalette.ColorRole.ButtonText
            if has_preview
            else QPalette.ColorRole.PlaceholderText
        )
        text_rect = rect.adjusted(CHIP_PADDING - 1.5, 0, -(CHIP_PADDING - 1.5), 0)
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.setPen(palette.color(ink))
        painter.setFont(option.font)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(text_rect, align, name)
        duration = index.data(DURATION_ROLE)
        if isinstance(duration, int):
            painter.setPen(palette.color(ink if selected else QPalette.ColorRole.PlaceholderText))
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
            painter.drawText(text_rect, align, format_duration(duration))
        painter.restore()


class ActionChips(QListWidget):
    """The chips; `fit_height()` makes the list exactly as tall as its wrapped rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(CHIP_SPACING)
        self.setItemDelegate(_ChipDelegate(self))
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)

    def rows_needed(self, width: int) -> int:
        """How many rows the chips wrap into at `width` (the flow's own arithmetic)."""
        rows, used = 1, 0
        spacing = 2 * self.spacing()
        for row in range(self.count()):
            chip = self.sizeHintForIndex(self.model().index(row, 0)).width() + spacing
            if used and used + chip > width:
                rows, used = rows + 1, 0
            used += chip
        return rows

    def fit_height(self, most_rows: int) -> None:
        """As tall as the wrapped rows, at most `most_rows` of them (then it scrolls)."""
        chip = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 10
        rows = max(1, min(self.rows_needed(self.viewport().width() or self.width()), most_rows))
        self.setFixedHeight(rows * (chip + 2 * self.spacing()) + 2 * self.frameWidth())
