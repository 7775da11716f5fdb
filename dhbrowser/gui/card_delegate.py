"""How one digital human looks in the grid: a rounded card with its portrait, name and facts.

Painting uses only what is already in memory: the portrait comes from `ThumbnailStore`,
which answers at once and loads misses in the background (its `thumbnailChanged` makes the
window repaint the card). Colours derive from the palette, so light and dark themes both
work; only the Public/Private badges and the favourite star have fixed colours (from the
theme module), chosen to stay readable on either.

HiDPI: the pixel ratio is read from the painter on every paint, so after a move to another
screen (the main window repaints the grid on `screenChanged`) the next paint asks the store
for a rendition at the new ratio; until it arrives the old one is drawn scaled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import cos, hypot, radians, sin

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QEvent,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from dhbrowser.api.models import DigitalHuman
from dhbrowser.gui.theme import (
    BADGE_TEXT,
    ERROR_TINT,
    NEW_BADGE,
    PRIVATE_BADGE,
    PUBLIC_BADGE,
    STAR_GOLD,
    mix,
)
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.plaintext import plain_tooltip
from dhbrowser.qt.roles import (
    FAVOURITE_ROLE,
    HUMAN_ROLE,
    NEW_ROLE,
    ModelIndex,
    actions_text,
    visibility_text,
)
from dhbrowser.qt.thumbnails import ThumbnailStore, ThumbState

#: The card widths the size slider steps through, in logical pixels: the only bounds there are.
CARD_WIDTHS = (96, 120, 144, 160, 192, 224, 256, 320)
MIN_CARD_WIDTH = CARD_WIDTHS[0]
MAX_CARD_WIDTH = CARD_WIDTHS[-1]
DEFAULT_CARD_WIDTH = 160

#: The portrait area is 3:4 (width:height). The portraits are 9:16; the full height would
#: make tall cards with few per screen, while 3:4 still shows head and shoulders.
IMAGE_ASPECT = 4 / 3
#: Which part of the surplus height is cut from the top (0 top-aligned, 0.5 centred):
#: portraits have headroom above the face but the interesting part is the upper half.
VERTICAL_BIAS = 0.4

MARGIN = 4  # around the card, inside the item: room for the selection ring
RADIUS = 8.0
UNAVAILABLE = str(QT_TRANSLATE_NOOP("HumanCardDelegate", "Portrait unavailable"))
NEW = str(QT_TRANSLATE_NOOP("HumanCardDelegate", "New"))


def device_pixel_ratio(painter: QPainter) -> float:
    """Device pixels per logical pixel where `painter` draws now.

    The painter's device transform, not the widget's ratio: it is also right when the view is
    rendered into a pixmap of another ratio (a grab for a drag image, a screenshot).
    """
    transform = painter.deviceTransform()
    return hypot(transform.m11(), transform.m12()) or painter.device().devicePixelRatioF()


def fitted_actions_text(count: int, metrics: QFontMetrics, width: int) -> str:
    """The action count where it fits beside the badge, else nothing: never an abbreviation
    (the tooltip and the screen reader's description always say it in full)."""
    text = actions_text(count)
    return text if metrics.horizontalAdvance(text) <= width else ""


def elided_name(name: str, metrics: QFontMetrics, width: int) -> str:
    """A name cut in the middle where it is too long: similar names differ at the end
    ("Nadia Kowalska #07", "Nadia Kowalska #08"), so the end stays."""
    return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)


def cover_source(pixmap: QPixmap, target: QSize) -> QRectF:
    """The part of `pixmap` (in device pixels) that fills `target` without distortion.

    It starts on a whole pixel: when no scaling is needed (the rendition is the card's width)
    QPainter then copies pixels, where a fractional start made it filter every one of them
    (77 µs a card instead of 5).
    """
    width, height = pixmap.width(), pixmap.height()
    scale = max(target.width() / width, target.height() / height)
    source_width = min(width, target.width() / scale)
    source_height = min(height, target.height() / scale)
    x = round((width - source_width) / 2)
    y = round((height - source_height) * VERTICAL_BIAS)
    return QRectF(x, y, source_width, source_height)


@dataclass(frozen=True, slots=True)
class _Fonts:
    name: QFont
    small: QFont
    badge: QFont


@dataclass(frozen=True, slots=True)
class _Layout:
    card: QRect
    image: QRect
    name: QRect
    meta: QRect


class HumanCardDelegate(QStyledItemDelegate):
    """Paints HUMAN_ROLE items as portrait cards of an adjustable width."""

    starClicked = Signal(QPersistentModelIndex)  # the card whose star toggle was clicked

    def __init__(self, thumbnails: ThumbnailStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self._card_width = DEFAULT_CARD_WIDTH
        #: Draws a live video frame over a card's portrait, True if it did (gui.hover_preview).
        self.live_portrait: Callable[[DigitalHuman, QPainter, QRect], bool] | None = None

    @property
    def card_width(self) -> int:
        return self._card_width

    def set_card_width(self, px: int) -> None:
        """Card width in logical pixels (96..320); the view must re-layout (doItemsLayout)."""
        self._card_width = max(MIN_CARD_WIDTH, min(MAX_CARD_WIDTH, px))

    def image_size(self) -> QSize:
        """The portrait area of a card, logical pixels."""
        return QSize(self._card_width, round(self._card_width * IMAGE_ASPECT))

    # -- geometry ------------------------------------------------------------------------

    def _fonts(self, option: QStyleOptionViewItem) -> _Fonts:
        name = QFont(option.font)
        name.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        if option.font.pointSizeF() > 0:
            small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        else:  # a font sized in pixels (style sheets do that)
            small.setPixelSize(max(9, round(option.font.pixelSize() * 0.88)))
        badge = QFont(small)
        badge.setWeight(QFont.Weight.DemiBold)
        return _Fonts(name, small, badge)

    def _padding(self) -> int:
        return 8 if self._card_width >= 128 else 6

    def _text_height(self, fonts: _Fonts) -> int:
        name_height = QFontMetrics(fonts.name).height()
        meta_height = QFontMetrics(fonts.badge).height() + 4
        return 7 + name_height + 5 + meta_height + 9

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        text_height = self._text_height(self._fonts(option))
        image = self.image_size()
        return QSize(image.width() + 2 * MARGIN, image.height() + text_height + 2 * MARGIN)

    def _layout(self, option: QStyleOptionViewItem, fonts: _Fonts) -> _Layout:
        image_size = self.image_size()
        card = QRect(
            option.rect.x() + MARGIN,
            option.rect.y() + MARGIN,
            image_size.width(),
            image_size.height() + self._text_height(fonts),
        )
        image = QRect(card.topLeft(), image_size)
        padding = self._padding()
        name_height = QFontMetrics(fonts.name).height()
        name = QRect(
            card.x() + padding, image.bottom() + 1 + 7, card.width() - 2 * padding, name_height
        )
        meta = QRect(
            name.x(), name.bottom() + 1 + 5, name.width(), QFontMetrics(fonts.badge).height() + 4
        )
        return _Layout(card, image, name, meta)

    # -- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        human = index.data(HUMAN_ROLE)
        if not isinstance(human, DigitalHuman):
            super().paint(painter, option, index)
            return
        fonts = self._fonts(option)
        layout = self._layout(option, fonts)
        palette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        card_path = QPainterPath()
        card_rect = QRectF(layout.card).adjusted(0.5, 0.5, -0.5, -0.5)
        card_path.addRoundedRect(card_rect, RADIUS, RADIUS)

        background = mix(base, text, 0.035)
        if selected:
            background = mix(base, highlight, 0.16)
        elif hovered:
            background = mix(base, highlight, 0.07)
        painter.fillPath(card_path, background)

        painter.save()
        painter.setClipRect(layout.image)
        self._paint_portrait(painter, human, layout.image, base, text, fonts)
        painter.restore()
        self._round_top_corners(painter, layout.image, card_path, base)
        if index.data(FAVOURITE_ROLE) or hovered:
            self._paint_star(painter, layout.image, bool(index.data(FAVOURITE_ROLE)))
        self._paint_text(painter, human, layout, fonts, text, selected, highlight)
        if index.data(NEW_ROLE):
            self._paint_new(painter, layout.image, fonts)

        if selected:
            border, width = highlight, 2.0
        elif focused:
            border, width = mix(base, highlight, 0.7), 1.5
        elif hovered:
            border, width = mix(base, highlight, 0.55), 1.0
        else:
            border, width = mix(base, text, 0.16), 1.0
        ring = QPainterPath()
        inset = width / 2
        ring.addRoundedRect(
            QRectF(layout.card).adjusted(inset, inset, -inset, -inset), RADIUS, RADIUS
        )
        painter.setPen(QPen(border, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(ring)
        painter.restore()

    def _paint_portrait(
        self,
        painter: QPainter,
        human: DigitalHuman,
        area: QRect,
        base: QColor,
        text: QColor,
        fonts: _Fonts,
    ) -> None:
        pixmap = self._thumbnails.pixmap(human, area.size(), device_pixel_ratio(painter))
        if pixmap is None:
            pixmap = self._thumbnails.stand_in(human)
        if self.live_portrait is not None and self.live_portrait(human, painter, area):
            pass  # the hover preview's frame is the portrait for now
        elif pixmap is not None:
            painter.drawPixmap(QRectF(area), pixmap, cover_source(pixmap, area.size()))
        elif self._thumbnails.state(human.id) is ThumbState.FAILED:
            self._paint_error_tile(painter, area, base, text, fonts)
        else:
            self._paint_placeholder(painter, area, base, text)
        painter.setPen(QPen(mix(base, text, 0.12), 1.0))
        painter.drawLine(
            QPointF(area.left(), area.bottom() + 0.5),
            QPointF(area.right() + 1, area.bottom() + 0.5),
        )

    @staticmethod
    def _round_top_corners(
        painter: QPainter, image: QRect, card_path: QPainterPath, outside: QColor
    ) -> None:
        """Round the portrait's top corners like the card's by painting the view's background
        over them. Clipping the portrait to the card's path gives the same pixels at six times
        the cost: the raster engine then masks every pixel of it (120 µs a card, against 20)."""
        strip = QPainterPath()
        strip.addRect(QRectF(image.x(), image.y(), image.width(), RADIUS + 1))
        painter.fillPath(strip.subtracted(card_path), outside)

    @staticmethod
    def _paint_placeholder(painter: QPainter, area: QRect, base: QColor, text: QColor) -> None:
        """A calm neutral tile with a person silhouette: loading, not broken."""
        painter.fillRect(area, mix(base, text, 0.07))
        figure = mix(base, text, 0.16)
        width = area.width()
        center_x = area.center().x() + 0.5
        head_radius = width * 0.15
        head_y = area.top() + area.height() * 0.38
        silhouette = QPainterPath()
        silhouette.addEllipse(QPointF(center_x, head_y), head_radius, head_radius * 1.1)
        shoulders = QRectF(
            center_x - width * 0.36,
            head_y + head_radius * 1.45,
            width * 0.72,
            area.height() * 0.6,
        )
        silhouette.addRoundedRect(shoulders, width * 0.22, width * 0.22)
        painter.fillPath(silhouette, figure)

    @staticmethod
    def _paint_error_tile(
        painter: QPainter, area: QRect, base: QColor, text: QColor, fonts: _Fonts
    ) -> None:
        """A tinted tile with a broken-picture glyph and a caption: clearly not just loading."""
        painter.fillRect(area, mix(base, ERROR_TINT, 0.13))
        ink = mix(text, ERROR_TINT, 0.55)
        glyph_width = min(area.width() * 0.36, 64.0)
        glyph_height = glyph_width * 0.8
        left = area.center().x() + 0.5 - glyph_width / 2
        top = area.top() + area.height() * 0.42 - glyph_height / 2
        gap = glyph_width * 0.06
        # Two halves of a picture frame, split by a jagged crack and pulled apart.
        crack = [(0.55, 0.0), (0.42, 0.3), (0.6, 0.52), (0.45, 0.78), (0.52, 1.0)]
        left_half = QPolygonF(
            [QPointF(left, top)]
            + [QPointF(left + x * glyph_width - gap, top + y * glyph_height) for x, y in crack]
            + [QPointF(left, top + glyph_height)]
        )
        right_half = QPolygonF(
            [QPointF(left + glyph_width, top)]
            + [QPointF(left + x * glyph_width + gap, top + y * glyph_height) for x, y in crack]
            + [QPointF(left + glyph_width, top + glyph_height)]
        )
        pen = QPen(ink, max(1.5, glyph_width / 28))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(left_half)
        painter.drawPolygon(right_half)
        # A sun and a hill inside the frame: it is recognisably a picture.
        sun = glyph_width * 0.08
        painter.setBrush(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(left + glyph_width * 0.22, top + glyph_height * 0.3), sun, sun)
        hill = QPolygonF(
            [
                QPointF(left + glyph_width * 0.1, top + glyph_height * 0.86),
                QPointF(left + glyph_width * 0.26, top + glyph_height * 0.58),
                QPointF(left + glyph_width * 0.38, top + glyph_height * 0.86),
            ]
        )
        painter.drawPolygon(hill)
        caption = QRect(
            area.left() + 6,
            round(top + glyph_height + 8),
            area.width() - 12,
            QFontMetrics(fonts.small).height() * 2 + 2,
        )
        painter.setFont(fonts.small)
        painter.setPen(mix(text, base, 0.2))
        painter.drawText(
            caption,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            translate("HumanCardDelegate", UNAVAILABLE),
        )

    @staticmethod
    def _star_geometry(image: QRect) -> tuple[QPointF, float]:
        """Centre and radius of the star's disc in the portrait's top-right corner."""
        radius = min(13.0, max(9.0, image.width() * 0.075))
        return QPointF(image.right() + 1 - radius - 6, image.top() + radius + 6), radius

    def star_geometry(self, option: QStyleOptionViewItem) -> tuple[QPointF, float]:
        """Where the star toggle of the card at `option.rect` is (view coordinates)."""
        return self._star_geometry(self._layout(option, self._fonts(option)).image)

    def star_hit(self, option: QStyleOptionViewItem, position: QPointF) -> bool:
        """Whether `position` (view coordinates) is on the card's star toggle."""
        center, radius = self.star_geometry(option)
        offset = position - center
        return hypot(offset.x(), offset.y()) <= radius + 2  # a little slack for the pointer

    @classmethod
    def _paint_star(cls, painter: QPainter, image: QRect, starred: bool) -> None:
        """The favourite toggle: a gold star on a dark disc, readable on any portrait; an
        outlined one (shown on hover) where the human is not starred."""
        center, radius = cls._star_geometry(image)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 110 if starred else 80))
        painter.drawEllipse(center, radius, radius)
        outer, inner = radius * 0.72, radius * 0.3
        points = []
        for corner in range(10):
            length = outer if corner % 2 == 0 else inner
            direction = QPointF(0, -length)
            angle = corner * 36.0
            points.append(center + _rotated(direction, angle))
        if starred:
            painter.setBrush(STAR_GOLD)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("white"), 1.3))
        painter.drawPolygon(QPolygonF(points))

    @staticmethod
    def _paint_new(painter: QPainter, image: QRect, fonts: _Fonts) -> None:
        """The "New" badge of a human the newest sync added, over the portrait's top left."""
        metrics = QFontMetrics(fonts.badge)
        new = translate("HumanCardDelegate", NEW)
        badge = QRect(image.left() + 6, image.top() + 6, metrics.horizontalAdvance(new) + 12, 0)
        badge.setHeight(metrics.height() + 4)
        pill = QPainterPath()
        pill.addRoundedRect(QRectF(badge), badge.height() / 2, badge.height() / 2)
        painter.fillPath(pill, NEW_BADGE)
        painter.setFont(fonts.badge)
        painter.setPen(BADGE_TEXT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, new)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: ModelIndex,
    ) -> bool:
        """A click on the star toggles it, without selecting the card or picking it."""
        kinds = (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )
        if (
            event.type() in kinds
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.star_hit(option, event.position())
        ):
            if event.type() == QEvent.Type.MouseButtonRelease:
                self.starClicked.emit(QPersistentModelIndex(index))
            return True
        return super().editorEvent(event, model, option, index)

    def _paint_text(
        self,
        painter: QPainter,
        human: DigitalHuman,
        layout: _Layout,
        fonts: _Fonts,
        text: QColor,
        selected: bool,
        highlight: QColor,
    ) -> None:
        painter.setFont(fonts.name)
        painter.setPen(text)
        name = elided_name(human.name, QFontMetrics(fonts.name), layout.name.width())
        painter.drawText(
            layout.name, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )

        badge_metrics = QFontMetrics(fonts.badge)
        label = visibility_text(human)
        badge = QRect(
            layout.meta.x(),
            layout.meta.y(),
            badge_metrics.horizontalAdvance(label) + 12,
            layout.meta.height(),
        )
        pill = QPainterPath()
        pill.addRoundedRect(QRectF(badge), badge.height() / 2, badge.height() / 2)
        painter.fillPath(pill, PUBLIC_BADGE if human.is_public else PRIVATE_BADGE)
        painter.setFont(fonts.badge)
        painter.setPen(BADGE_TEXT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

        secondary = mix(text, highlight, 0.25) if selected else QColor(text)
        secondary.setAlphaF(0.7)
        rest = QRect(layout.meta)
        rest.setLeft(badge.right() + 1 + 7)
        painter.setFont(fonts.small)
        painter.setPen(secondary)
        painter.drawText(
            rest,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fitted_actions_text(len(human.actions), QFontMetrics(fonts.small), rest.width()),
        )

    # -- tooltips ------------------------------------------------------------------------

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: ModelIndex,
    ) -> bool:
        """Over a failed portrait the tooltip says why it failed."""
        human = index.data(HUMAN_ROLE)
        if (
            event.type() == QEvent.Type.ToolTip
            and isinstance(human, DigitalHuman)
            and self._thumbnails.state(human.id) is ThumbState.FAILED
        ):
            QToolTip.showText(
                event.globalPos(),
                plain_tooltip(
                    translate(
                        "HumanCardDelegate", "{name}\nPortrait unavailable: {problem}"
                    ).format(name=human.name, problem=self._thumbnails.error(human.id))
                ),
                view,
            )
            return True
        return super().helpEvent(event, view, option, index)


def _rotated(point: QPointF, degrees: float) -> QPointF:
    angle = radians(degrees)
    return QPointF(
        point.x() * cos(angle) - point.y() * sin(angle),
        point.x() * sin(angle) + point.y() * cos(angle),
    )
