"""Voices (timbres): the details' Voices section for one human, and the Voices view of all
public voices.

The section lists the voices the selected human can speak with, its bound voices first,
then the public ones if the human is public (ZEGO's web demo pairs them so: a public human
with the public voices, a private human with the voices bound to it). One voice is chosen
per human and remembered in QSettings per connection; until the user chooses, the first
listed is the one the copy actions use.

Everything slow happens in workers: GetTimbreList (through `assets.usable_voices`) and the
pictures, which go through the session's MediaFetcher and the thumbnails' disk cache and are
decoded to a QImage there; the GUI thread only makes the QPixmap. Server text is shown as
plain text; tooltips are escaped.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPoint,
    QRect,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.api.errors import ProtocolError
from dhbrowser.api.models import DigitalHuman, Timbre
from dhbrowser.core.assets import HumanVoices
from dhbrowser.core.disk_cache import DiskCache
from dhbrowser.core.export import drive_by_text_body
from dhbrowser.gui.theme import MutedLabel
from dhbrowser.i18n import _
from dhbrowser.qt.thumbnails import decode_covering

if TYPE_CHECKING:
    from dhbrowser.api.media import MediaFetcher
    from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.imaging import ImageDecodeError
from dhbrowser.qt.plaintext import plain_tooltip
from dhbrowser.qt.roles import ModelIndex

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession

log = logging.getLogger(__name__)


#: A voice's picture is an avatar-sized image; anything this large is not one.
MAX_PICTURE_BYTES = 2 * 1024 * 1024
#: Pixmaps kept in memory (small: 48 px squares), and humans whose voice lists are kept.
PICTURE_CACHE_ENTRIES = 512
VOICE_LISTS_KEPT = 256
SECTION_ICON_PX = 36
CARD_ICON_PX = 96
TIMBRE_ROLE = Qt.ItemDataRole.UserRole + 11
NO_VOICES_PRIVATE = str(
    QT_TRANSLATE_NOOP(
        "VoicesSection",
        "No voices are bound to this private digital human. ZEGOCLOUD pairs a private human with its own voices: ask ZEGOCLOUD to bind one.",
    )
)
NO_VOICES_PUBLIC = str(QT_TRANSLATE_NOOP("VoicesSection", "This app lists no public voices."))
#: The caption's room beside the copy buttons: a common count shows whole, a longer elides.
CAPTION_ROOM = str(QT_TRANSLATE_NOOP("VoicesSection", "Voices (00 public)"))


@dataclass(frozen=True, slots=True)
class _PictureKey:
    timbre_id: str
    url_path: str
    pixels: int


def load_picture(
    fetcher: MediaFetcher, disk: DiskCache | None, timbre: Timbre, pixels: int
) -> QImage:
    """Worker side: the voice's picture as a QImage of `pixels` square (never a QPixmap).

    The URL policy is applied once on each way: here before a cached file is used (a
    refused link stays refused), else by the fetcher on every hop."""
    from dhbrowser.api.urls import check_media_url

    whose = _("voice picture URL")
    owner = f"voice:{timbre.id}"
    target = QSize(pixels, pixels)
    cached = disk.read(owner, timbre.avatar_url) if disk is not None else None
    if cached is not None and disk is not None:
        check_media_url(timbre.avatar_url, whose)
        try:
            return decode_covering(cached, target)
        except ImageDecodeError as error:  # a damaged cache file: fetch the picture again
            log.info("dropping unreadable cached picture of voice %s: %s", timbre.id, error)
            disk.discard(owner, timbre.avatar_url)
    data = fetcher.fetch(timbre.avatar_url, MAX_PICTURE_BYTES, whose)
    try:
        image = decode_covering(data, target)
    except ImageDecodeError as error:  # a DhError, so the worker reports it as a message
        raise ProtocolError(
            translate("voices", "the voice's picture is not an image ({problem})").format(
                problem=error
            )
        ) from None
    if disk is not None:
        disk.write(owner, timbre.avatar_url, data)
    return image


def _copy_timbre_id(timbre: Timbre) -> str:
    """Put the voice's TimbreId on the clipboard; what was copied, for the status bar."""
    QGuiApplication.clipboard().setText(timbre.id)
    return timbre.id


def _copy_drive_body(timbre: Timbre) -> str:
    """Put a DriveByText body with the voice on the clipboard; what was copied."""
    QGuiApplication.clipboard().setText(drive_by_text_body(timbre))
    return translate("voices", "a DriveByText request body with {id}").format(id=timbre.id)


class VoicePictures(QObject):
    """Voice pictures by (voice, URL path, size), loaded on demand in workers."""

    pictureChanged = Signal(str)  # TimbreId
    linkExpired = Signal(str)  # TimbreId whose signed picture URL was refused: list it again

    def __init__(self, pool: QThreadPool, disk: DiskCache | None, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = pool
        self._disk = disk
        self._session: CatalogSession | None = None
        self._pixmaps: OrderedDict[_PictureKey, QPixmap] = OrderedDict()
        self._loading: set[_PictureKey] = set()
        self._failed: dict[str, str] = {}  # TimbreId -> why
        self._renewed: set[str] = set()  # voices whose expired link was renewed once already

    def set_session(self, session: CatalogSession | None) -> None:
        workers.cancel_all(self)  # the old connection's pictures
        self._session = session
        self._loading.clear()
        self._failed.clear()
        self._renewed.clear()

    def error(self, timbre_id: str) -> str:
        return self._failed.get(timbre_id, "")

    def pixmap(self, timbre: Timbre, logical_px: int, dpr: float) -> QPixmap | None:
        """The picture if it is in memory; otherwise None, and it is loaded in the background."""
        from dhbrowser.api.urls import cache_key_path

        if not timbre.avatar_url:
            return None
        pixels = max(1, round(logical_px * dpr))
        key = _PictureKey(timbre.id, cache_key_path(timbre.avatar_url), pixels)
        found = self._pixmaps.get(key)
        if found is not None:
            self._pixmaps.move_to_end(key)
            return found
        session = self._session
        if session is None or key in self._loading or timbre.id in self._failed:
            return None
        self._loading.add(key)
        workers.run(
            partial(load_picture, session.fetcher, self._disk, timbre, pixels),
            partial(self._on_loaded, key, dpr),
            partial(self._on_failed, key),
            owner=self,
            pool=self._pool,
        )
        return None

    def _on_loaded(self, key: _PictureKey, dpr: float, image: QImage) -> None:
        self._loading.discard(key)
        pixmap = _round(QPixmap.fromImage(image))
        pixmap.setDevicePixelRatio(dpr)
        self._pixmaps[key] = pixmap
        while len(self._pixmaps) > PICTURE_CACHE_ENTRIES:
            self._pixmaps.popitem(last=False)
        self.pictureChanged.emit(key.timbre_id)

    def _on_failed(self, key: _PictureKey, failure: workers.TaskError) -> None:
        from dhbrowser.api.media import MediaExpired

        self._loading.discard(key)
        if isinstance(failure.error, MediaExpired) and key.timbre_id not in self._renewed:
            # A day-old list: the voice's picture URL is renewed by listing it again (once).
            self._renewed.add(key.timbre_id)
            self.linkExpired.emit(key.timbre_id)
            return
        self._failed[key.timbre_id] = failure.text
        self.pictureChanged.emit(key.timbre_id)


class VoiceChoices:
    """The voice chosen for each human, per connection, in QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings
        self._scope = "default"

    def set_scope(self, label: str) -> None:
        # QSettings treats '/' as a group separator; labels are free text.
        self._scope = label.replace("/", "_").replace("\\", "_") or "default"

    def get(self, human_id: str) -> str:
        value = self._settings.value(self._key(human_id), "")
        return value if isinstance(value, str) else ""

    def set(self, human_id: str, timbre_id: str) -> None:
        self._settings.setValue(self._key(human_id), timbre_id)

    def _key(self, human_id: str) -> str:
        safe = human_id.replace("/", "_").replace("\\", "_")
        return f"voices/{self._scope}/{safe}"


def _round(square: QPixmap) -> QPixmap:
    """The picture inside a circle, as avatars are shown (transparent corners)."""
    side = min(square.width(), square.height())
    round_pixmap = QPixmap(side, side)
    round_pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(round_pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(0, 0, side, side)
    painter.setClipPath(clip)
    painter.drawPixmap(0, 0, square)
    painter.end()
    return round_pixmap


def _placeholder(pixels: int, palette: QPalette, dpr: float) -> QPixmap:
    """A neutral disc where a picture is loading or missing."""
    pixmap = QPixmap(round(pixels * dpr), round(pixels * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.color(QPalette.ColorRole.Mid)))
    painter.drawEllipse(1, 1, pixels - 2, pixels - 2)
    painter.end()
    return pixmap


def _tooltip(timbre: Timbre, kind: str, failure: str) -> str:
    lines = [timbre.name, translate("voices", "TimbreId: {id}").format(id=timbre.id), kind]
    if failure:
        lines.append(translate("voices", "Picture: {problem}").format(problem=failure))
    return plain_tooltip("\n".join(lines))


class _VoiceList(QListWidget):
    """Voices as list items with their pictures; shared by the section and the view."""

    def __init__(self, pictures: VoicePictures, icon_px: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._pictures = pictures
        self._icon_px = icon_px
        self.setIconSize(QSize(icon_px, icon_px))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.ask_for_least_height = False
        pictures.pictureChanged.connect(self._on_picture_changed)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.ask_for_least_height:
            hint.setHeight(self.minimumHeight())
        return hint

    def fill(self, voices: Sequence[tuple[Timbre, str]]) -> None:
        self.blockSignals(True)
        self.clear()
        for timbre, kind in voices:
            item = QListWidgetItem(f"{timbre.name}\n{timbre.id}")
            item.setData(TIMBRE_ROLE, timbre)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, timbre.name)
            item.setData(
                Qt.ItemDataRole.AccessibleDescriptionRole,
                translate("voices", "{kind}, TimbreId {id}").format(kind=kind, id=timbre.id),
            )
            self.addItem(item)
            self._set_icon(item)
        self.blockSignals(False)
        if self.ask_for_least_height and self.count():  # two whole voices, not a part of a third
            self.setMinimumHeight(2 * self.sizeHintForRow(0) + 2 * self.frameWidth())

    def timbre_at(self, item: QListWidgetItem | None) -> Timbre | None:
        value = item.data(TIMBRE_ROLE) if item is not None else None
        return value if isinstance(value, Timbre) else None

    def select_id(self, timbre_id: str) -> bool:
        for row in range(self.count()):
            timbre = self.timbre_at(self.item(row))
            if timbre is not None and timbre.id == timbre_id:
                self.setCurrentRow(row)
                return True
        return False

    def _set_icon(self, item: QListWidgetItem) -> None:
        timbre = self.timbre_at(item)
        if timbre is None:
            return
        dpr = self.devicePixelRatioF()
        pixmap = self._pictures.pixmap(timbre, self._icon_px, dpr)
        item.setIcon(QIcon(pixmap or _placeholder(self._icon_px, self.palette(), dpr)))
        item.setToolTip(
            _tooltip(
                timbre, str(item.data(Qt.ItemDataRole.UserRole)), self._pictures.error(timbre.id)
            )
        )

    @Slot(str)
    def _on_picture_changed(self, timbre_id: str) -> None:
        for row in range(self.count()):
            item = self.item(row)
            timbre = self.timbre_at(item)
            if timbre is not None and timbre.id == timbre_id:
                self._set_icon(item)


class VoicesSection(QWidget):
    """The details' Voices: what the selected human can speak with, one of them chosen."""

    voiceChosen = Signal(object)  # Timbre | None, for the human on show
    copied = Signal(str)  # what was copied, for the status bar

    def __init__(
        self, pictures: VoicePictures, choices: VoiceChoices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detail-voices")
        self._pictures = pictures
        self._choices = choices
        self._session: CatalogSession | None = None
        self._human: DigitalHuman | None = None
        self._public: tuple[Timbre, ...] | None = None  # this session's public voices
        self._lists: OrderedDict[str, HumanVoices] = OrderedDict()
        self._generation = 0  # counts the humans shown: a list is shown only for the newest

        self.caption = _ElidedCaption(translate("VoicesSection", "Voices"))
        self.caption.setObjectName("detail-voices-caption")
        self.status = QLabel()
        self.status.setObjectName("detail-voices-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.list = _VoiceList(pictures, SECTION_ICON_PX)
        self.list.setObjectName("detail-voices-list")
        self.list.setAccessibleName(translate("VoicesSection", "Voices"))
        # Two voices at least: the bound one and the next, so that a choice is visible. It
        # asks for no more: the details give it more only when their media have enough.
        self.list.setMinimumHeight(2 * (SECTION_ICON_PX + 8) + 2 * self.list.frameWidth())
        self.list.ask_for_least_height = True
        # Its rows elide; a scroll bar across would take the height of half a voice.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._on_current_changed)
        pictures.linkExpired.connect(self._on_link_expired)
        self.copy_id_button = QToolButton()
        self.copy_id_button.setText(translate("VoicesSection", "Copy TimbreId"))
        self.copy_id_button.setToolTip(
            translate("VoicesSection", "Copy the chosen voice's TimbreId")
        )
        self.copy_id_button.clicked.connect(self.copy_timbre_id)
        self.copy_drive_button = QToolButton()
        self.copy_drive_button.setText(translate("VoicesSection", "Copy DriveByText"))
        self.copy_drive_button.setToolTip(
            translate(
                "VoicesSection", "Copy a DriveByText request body that speaks with the chosen voice"
            )
        )
        self.copy_drive_button.clicked.connect(self.copy_drive_body)
        room = self.caption.fontMetrics().horizontalAdvance(
            translate("VoicesSection", CAPTION_ROOM)
        )
        buttons = (self.copy_id_button, self.copy_drive_button)
        self.header = _WrappingRow(self.caption, room, buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self._say("")

    # -- queries -----------------------------------------------------------------------------

    def chosen(self) -> Timbre | None:
        """The voice the copy actions and `--pick --with-voice` use for the human on show."""
        return self.list.timbre_at(self.list.currentItem()) if self._human is not None else None

    def voices_of(self, human_id: str) -> HumanVoices | None:
        return self._lists.get(human_id)

    def focus_chain(self) -> list[QWidget]:
        """The section's keyboard stops as they read: the copy buttons, then the list."""
        return [self.copy_id_button, self.copy_drive_button, self.list]

    # -- commands ----------------------------------------------------------------------------

    def set_session(self, session: CatalogSession | None) -> None:
        workers.cancel_all(self)  # the old connection's lists
        self._session = session
        self._public = None
        self._lists.clear()
        self._generation += 1
        self._pictures.set_session(session)
        self._choices.set_scope(session.connection.label if session is not None else "")
        human, self._human = self._human, None
        self.show_human(human)

    def show_human(self, human: DigitalHuman | None) -> None:
        if human is not None and self._human is not None and human.id == self._human.id:
            return
        self._human = human
        self._generation += 1
        self.list.fill([])
        self.caption.setText(translate("VoicesSection", "Voices"))
        if human is None:
            self._say("")
            return
        known = self._lists.get(human.id)
        if known is not None:
            self._show(known)
            return
        session = self.session_or_none()
        if session is None:
            self._say(translate("VoicesSection", "Voices load once connected."))
            return
        self._say(translate("VoicesSection", "Loading voices…"))
        self._load(session, human)

    def choose(self, timbre_id: str) -> bool:
        """Choose the voice with this id for the human on show, if it is listed."""
        return self.list.select_id(timbre_id)

    @Slot()
    def copy_timbre_id(self) -> None:
        if (timbre := self.chosen()) is not None:
            self.copied.emit(_copy_timbre_id(timbre))

    @Slot()
    def copy_drive_body(self) -> None:
        if (timbre := self.chosen()) is not None:
            self.copied.emit(_copy_drive_body(timbre))

    def session_or_none(self) -> CatalogSession | None:
        session = self._session
        return None if session is None or session.closed else session

    # -- internals ---------------------------------------------------------------------------

    def _load(self, session: CatalogSession, human: DigitalHuman) -> None:
        from dhbrowser.core.assets import usable_voices

        workers.run(
            partial(usable_voices, session.client, human, self._public),
            partial(self._on_loaded, self._generation),
            partial(self._on_failed, self._generation),
            owner=self,
            pool=session.pool,
        )

    def _show(self, voices: HumanVoices) -> None:
        bound_kind = translate("VoicesSection", "Bound to this human")
        public_kind = translate("VoicesSection", "Public voice")
        rows = [(t, bound_kind) for t in voices.bound]
        rows += [(t, public_kind) for t in voices.public]
        self.list.fill(rows)
        counts = (
            [translate("VoicesSection", "{count} bound").format(count=len(voices.bound))]
            if voices.bound
            else []
        )
        counts += (
            [translate("VoicesSection", "{count} public").format(count=len(voices.public))]
            if voices.public
            else []
        )
        self.caption.setText(
            translate("VoicesSection", "Voices ({counts})").format(
                counts=translate("VoicesSection", ", ").join(counts)
            )
            if counts
            else translate("VoicesSection", "Voices")
        )
        self.caption.setToolTip(plain_tooltip(self.caption.text()))  # whole where it elides
        human = self._human
        public = human is not None and human.is_public
        empty = NO_VOICES_PUBLIC if public else NO_VOICES_PRIVATE
        self._say("" if rows else translate("VoicesSection", empty))
        remembered = self._choices.get(voices.human_id)
        if not (remembered and self.list.select_id(remembered)) and rows:
            self.list.blockSignals(True)
            self.list.setCurrentRow(0)  # the default until the user chooses
            self.list.blockSignals(False)
        self._update_buttons()
        self.voiceChosen.emit(self.chosen())
        log.info("the voices of %s are listed", voices.human_id)  # --with-voice can answer

    def _say(self, text: str) -> None:
        """A message in place of the list ("" shows the list)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.list.setVisible(not text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self.chosen() is not None
        self.copy_id_button.setEnabled(enabled)
        self.copy_drive_button.setEnabled(enabled)

    def _on_loaded(self, generation: int, voices: HumanVoices) -> None:
        """Kept for the human whatever is on show now; shown if it is still that human."""
        if self._public is None and voices.public:
            self._public = voices.public
        self._lists[voices.human_id] = voices
        while len(self._lists) > VOICE_LISTS_KEPT:
            self._lists.popitem(last=False)
        if generation == self._generation and self._human is not None:
            self._show(voices)

    def _on_failed(self, generation: int, failure: workers.TaskError) -> None:
        if generation == self._generation:
            self._say(
                translate("VoicesSection", "The voices could not be loaded: {problem}").format(
                    problem=failure.text
                )
            )

    @Slot(str)
    def _on_link_expired(self, _timbre_id: str) -> None:
        """The lists' picture URLs are stale: list the voices of the human on show again."""
        self._public = None
        self._lists.clear()
        human, self._human = self._human, None
        self.show_human(human)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        timbre = self.list.timbre_at(current)
        if self._human is not None and timbre is not None:
            self._choices.set(self._human.id, timbre.id)
        self._update_buttons()
        self.voiceChosen.emit(timbre)


class _ElidedCaption(MutedLabel):
    """A caption that keeps its whole text (`text()`, the tooltip) and draws what fits,
    elided at the end, so that it never sets the width of the panel it heads."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            self.fontMetrics().horizontalAdvance(translate("VoicesSection", "Voices…")),
            hint.height(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.width()
        )
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            QPalette.ColorRole.WindowText,
        )
        painter.end()


class _WrappingRow(QWidget):
    """A caption with buttons beside it where the width allows; otherwise the buttons wrap
    onto a line under the caption, and in a narrow inspector under each other.

    Whether they wrap depends on the width alone, never on the caption's text (`room` is
    what the caption is given beside the buttons; a longer one elides): a new count in the
    caption then never changes the row's height under a layout that has not caught up.
    """

    SPACING = 6

    def __init__(self, caption: QWidget, room: int, buttons: Sequence[QWidget]) -> None:
        super().__init__()
        self._caption = caption
        self._room = room
        self._buttons = tuple(buttons)
        for widget in (caption, *self._buttons):
            widget.setParent(self)
        # Not Fixed: that would hold it to one line's height (its size hint) when it wraps.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _lines(self, width: int) -> list[tuple[QWidget, ...]]:
        buttons = sum(button.sizeHint().width() for button in self._buttons)
        buttons += self.SPACING * (len(self._buttons) - 1)
        if self._room + self.SPACING + buttons <= width:
            return [(self._caption, *self._buttons)]
        if buttons <= width:
            return [(self._caption,), self._buttons]
        return [(self._caption,), *((button,) for button in self._buttons)]

    @staticmethod
    def _line_height(line: tuple[QWidget, ...]) -> int:
        return max(widget.sizeHint().height() for widget in line)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        lines = self._lines(width)
        return sum(map(self._line_height, lines)) + self.SPACING * (len(lines) - 1)

    def sizeHint(self) -> QSize:
        line = (self._caption, *self._buttons)
        width = self._room + sum(button.sizeHint().width() for button in self._buttons)
        return QSize(width + self.SPACING * len(self._buttons), self._line_height(line))

    def minimumSizeHint(self) -> QSize:
        widths = [widget.minimumSizeHint().width() for widget in (self._caption,)]
        widths += [button.sizeHint().width() for button in self._buttons]
        return QSize(max(widths), self._line_height((self._caption, *self._buttons)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a label changed: it may wrap anew
            self.updateGeometry()
            self._place()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        lines = self._lines(self.width())
        stacked = len(lines) > 2  # one button a line: all as wide as the widest, a column
        widest = max(button.sizeHint().width() for button in self._buttons)
        top = 0
        for line in lines:
            height = self._line_height(line)
            left = 0
            for widget in line:
                width = widest if stacked else widget.sizeHint().width()
                if widget is self._caption:  # the caption takes what the buttons leave
                    others = sum(w.sizeHint().width() + self.SPACING for w in line[1:])
                    width = self.width() - others
                widget.setGeometry(left, top, width, height)
                left += width + self.SPACING
            top += height + self.SPACING


class _VoiceCardDelegate(QStyledItemDelegate):
    """A voice card: its picture, its name and its TimbreId, each line elided to the card."""

    def __init__(self, size: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._size = size

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return self._size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        timbre = index.data(TIMBRE_ROLE)
        if not isinstance(timbre, Timbre):
            return
        palette = option.palette
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(rect).adjusted(3, 3, -3, -3)
        background = palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.AlternateBase
        )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(background)
        painter.drawRoundedRect(card, 8, 8)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        side = CARD_ICON_PX
        if isinstance(icon, QIcon):
            icon.paint(painter, QRect(rect.center().x() - side // 2, rect.top() + 10, side, side))
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        width = rect.width() - 16
        top = rect.top() + side + 16
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        id_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        id_font.setPointSizeF(name_font.pointSizeF() * 0.85)
        for font, line, mode in (
            (name_font, timbre.name, Qt.TextElideMode.ElideRight),
            (id_font, timbre.id, Qt.TextElideMode.ElideMiddle),
        ):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(text)
            painter.drawText(
                QRect(rect.left() + 8, top, width, metrics.lineSpacing() + 4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(line, mode, width),
            )
            top += metrics.lineSpacing() + 2
        painter.restore()


class VoicesView(QWidget):
    """Every public voice of the connection as cards, with search and copy actions."""

    copied = Signal(str)

    def __init__(self, pictures: VoicePictures, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("voices-view")
        self.setWindowTitle(translate("VoicesView", "Voices"))
        self._pictures = pictures
        self._session: CatalogSession | None = None
        pictures.linkExpired.connect(lambda _id: self.set_session(self._session))  # re-list
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(translate("VoicesView", "Search name or TimbreId"))
        self.search_box.setAccessibleName(translate("VoicesView", "Search voices"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._apply_search)
        self.cards = _VoiceList(pictures, CARD_ICON_PX)
        self.cards.setObjectName("voices-cards")
        self.cards.setAccessibleName(translate("VoicesView", "Public voices"))
        # The card grid's arrangement (see CatalogView): icon mode, wrapping, static.
        self.cards.setViewMode(QListView.ViewMode.IconMode)
        self.cards.setResizeMode(QListView.ResizeMode.Adjust)
        self.cards.setMovement(QListView.Movement.Static)
        self.cards.setWrapping(True)
        self.cards.setSpacing(8)
        lines = self.cards.fontMetrics().lineSpacing()
        card = QSize(CARD_ICON_PX + 110, CARD_ICON_PX + 2 * lines + 34)
        self.cards.setGridSize(card)
        self.cards.setItemDelegate(_VoiceCardDelegate(card, self.cards))
        self.cards.setWordWrap(True)
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.cards.customContextMenuRequested.connect(self._show_menu)
        self.cards.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.copy_id_button = QPushButton(translate("VoicesView", "Copy TimbreId"))
        self.copy_id_button.clicked.connect(self.copy_timbre_id)
        self.copy_drive_button = QPushButton(translate("VoicesView", "Copy DriveByText"))
        self.copy_drive_button.clicked.connect(self.copy_drive_body)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.copy_id_button)
        bottom.addWidget(self.copy_drive_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.cards, 1)
        layout.addLayout(bottom)
        self.resize(720, 480)
        self._update_buttons()

    def selected(self) -> Timbre | None:
        return self.cards.timbre_at(self.cards.currentItem())

    def set_session(self, session: CatalogSession | None) -> None:
        workers.cancel_all(self)  # an older listing's answer is of no use now
        self._session = session
        self.cards.fill([])
        self.setWindowTitle(
            translate("VoicesView", "Voices — {label}").format(label=session.connection.label)
            if session
            else translate("VoicesView", "Voices")
        )
        if session is None or session.closed:
            self.status.setText(translate("VoicesView", "Not connected."))
            return
        self.status.setText(translate("VoicesView", "Loading the public voices…"))
        client = session.client
        workers.run(
            lambda: tuple(client.iter_timbres()),
            self._on_loaded,
            self._on_failed,
            owner=self,
            pool=session.pool,
        )

    def select_id(self, timbre_id: str) -> bool:
        """Select (and show, clearing the search) the voice with this id, if it is listed."""
        self.search_box.clear()
        found = self.cards.select_id(timbre_id)
        if found:
            self.cards.scrollToItem(self.cards.currentItem())
        return found

    @Slot()
    def copy_timbre_id(self) -> None:
        if (timbre := self.selected()) is not None:
            self.copied.emit(_copy_timbre_id(timbre))

    @Slot()
    def copy_drive_body(self) -> None:
        if (timbre := self.selected()) is not None:
            self.copied.emit(_copy_drive_body(timbre))

    @Slot(str)
    def _apply_search(self, text: str) -> None:
        needle = text.strip().casefold()
        shown = 0
        for row in range(self.cards.count()):
            item = self.cards.item(row)
            timbre = self.cards.timbre_at(item)
            visible = timbre is not None and (
                not needle or needle in timbre.name.casefold() or needle in timbre.id.casefold()
            )
            item.setHidden(not visible)
            shown += visible
        if needle:
            self.status.setText(
                self.tr("{shown} of %n public voices match", "", self.cards.count()).format(
                    shown=shown
                )
            )
        else:
            self.status.setText(self.tr("%n public voices", "", self.cards.count()))

    def _update_buttons(self) -> None:
        enabled = self.selected() is not None
        self.copy_id_button.setEnabled(enabled)
        self.copy_drive_button.setEnabled(enabled)

    def _show_menu(self, position: QPoint) -> None:
        if self.selected() is None:
            return
        menu = QMenu(self)
        menu.addAction(translate("VoicesView", "Copy TimbreId"), self.copy_timbre_id)
        menu.addAction(translate("VoicesView", "Copy DriveByText body"), self.copy_drive_body)
        menu.exec(self.cards.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _on_loaded(self, voices: tuple[Timbre, ...]) -> None:
        public_kind = translate("VoicesView", "Public voice")
        listed = [(t, public_kind) for t in voices]
        self.cards.fill(listed)
        self._apply_search(self.search_box.text())
        if listed and self.cards.currentRow() < 0:
            self.cards.setCurrentRow(0)
        self._update_buttons()

    def _on_failed(self, failure: workers.TaskError) -> None:
        self.status.setText(
            translate("VoicesView", "The voices could not be loaded: {problem}").format(
                problem=failure.text
            )
        )
