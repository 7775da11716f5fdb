"""The detail panel: the chosen human's portrait, name, id, visibility, actions and previews.

The portrait comes from the same ThumbnailStore as the cards (one download and disk cache
for both; the card's smaller pixmap stands in while the large one loads). Previews play in
the PreviewPlayer beneath, from the local files of a PreviewStore (which renews an expired
link once through GetDigitalHumanInfo).

The content page, its player and QtMultimedia are built when the first human is shown, not
at start-up: together they cost tens of milliseconds before the window's first paint, for a
panel that only says "Select a digital human" until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.gui.theme import MutedLabel, Tone, badge_style
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.previews import PreviewStore
from dhbrowser.qt.roles import actions_text
from dhbrowser.qt.thumbnails import ThumbnailStore, ThumbState

if TYPE_CHECKING:
    from collections.abc import Callable

    from dhbrowser.gui.voices import VoicesSection
    from dhbrowser.qt.session import CatalogSession

EMPTY_MESSAGE = str(QT_TRANSLATE_NOOP("DetailPanel", "Select a digital human"))
NO_ACTIONS_MESSAGE = str(
    QT_TRANSLATE_NOOP(
        "DetailPanel", "This digital human has no actions, so there is nothing to preview."
    )
)
NO_PREVIEW_SUFFIX = str(QT_TRANSLATE_NOOP("DetailPanel", " (no preview)"))
COPIED_FEEDBACK_MS = 1500
#: The Copy button's two states (English; translated where shown).
COPY_LABELS = (
    str(QT_TRANSLATE_NOOP("DetailPanel", "Copy")),
    str(QT_TRANSLATE_NOOP("DetailPanel", "Copied ✓")),
)

MEDIA_MAX_WIDTH = 300
#: Below this width the panel is a narrow inspector: the portrait (already on the card)
#: gives its room to the preview.
NARROW_WIDTH = 260
#: The action list is as tall as this many whole rows at most (fewer actions: fewer rows),
#: or COMPACT_ACTION_ROWS in a panel lower than COMPACT_HEIGHT, where the media need it.
VISIBLE_ACTION_ROWS = 4
COMPACT_ACTION_ROWS = 2
COMPACT_HEIGHT = 440

#: Portrait aspect (width:height) of the demo and ZEGO's own avatars; the view keeps any aspect.
PORTRAIT_ASPECT = 9 / 16


class PortraitView(QWidget):
    """A portrait drawn whole (aspect kept) in a rounded frame, or a short text in its place."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self._text = ""
        self.setMinimumSize(90, 160)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def text(self) -> str:
        return self._text

    @property
    def has_pixmap(self) -> bool:
        return self._pixmap is not None

    def show_pixmap(self, pixmap: QPixmap | None, text: str = "") -> None:
        """Draw `pixmap` (None: an empty frame) with `text` over it when there is no picture."""
        self._pixmap = pixmap
        self._text = text
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / self._aspect())

    def sizeHint(self) -> QSize:
        return QSize(220, self.heightForWidth(220))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = self.frame_rect()
        clip = QPainterPath()
        clip.addRoundedRect(frame, 8, 8)
        painter.fillPath(clip, self.palette().color(QPalette.ColorRole.AlternateBase))
        if self._pixmap is not None:
            painter.setClipPath(clip)
            painter.drawPixmap(frame.toRect(), self._pixmap)
            painter.setClipping(False)
        elif self._text:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                frame.adjusted(10, 10, -10, -10),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._text,
            )
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawPath(clip)
        painter.end()

    def _aspect(self) -> float:
        if self._pixmap is not None and not self._pixmap.isNull():
            return self._pixmap.width() / self._pixmap.height()
        return PORTRAIT_ASPECT

    def frame_rect(self) -> QRectF:
        """The largest rectangle of the portrait's aspect that fits, centred at the top."""
        aspect = self._aspect()
        width = min(float(self.width() - 1), (self.height() - 1) * aspect)
        height = width / aspect
        return QRectF((self.width() - width) / 2, 0.5, width, height)


class DetailPanel(QWidget):
    """Everything about one digital human, and the player for its action previews.

    The content widgets (`portrait`, `player`, `actions_list`, …) exist once a human has been
    shown; every public method works before that. `previews` defaults to a store of its own
    beside the thumbnail cache (a "previews" folder next to it).
    """

    actionSelected = Signal(object)  # Action
    renameRequested = Signal(str)  # the action name the user asked to label
    contentBuilt = Signal()  # the content page's widgets exist: the window orders its Tab chain

    def __init__(
        self,
        thumbnails_provider: ThumbnailStore,
        parent: QWidget | None = None,
        voices: Callable[[], VoicesSection] | None = None,
        previews: PreviewStore | None = None,
        notes: Callable[[], QWidget] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detail-panel")
        self._notes_factory = notes  # the user's tags and note, last (gui.human_notes)
        # Beneath the actions, made with the content page; it follows show_human.
        self._voices_factory = voices
        self.voices: VoicesSection | None = None
        self._thumbnails = thumbnails_provider
        disk = thumbnails_provider.disk_cache
        self.previews = previews or PreviewStore(
            thumbnails_provider.pool,
            disk.directory.parent / "previews" if disk is not None else None,
            parent=self,
        )
        self._session: CatalogSession | None = None
        self._human: DigitalHuman | None = None
        #: How an action name is shown: with the user's label (gui.labels) where set.
        self.action_text: Callable[[str], str] = str
        self._portrait_timer = QTimer(self)
        self._portrait_timer.setSingleShot(True)
        self._portrait_timer.setInterval(120)
        self._portrait_timer.timeout.connect(self._refresh_portrait)
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.timeout.connect(self._reset_copy_button)

        self.pages = QStackedWidget()
        self.empty_label = self._build_empty_page()
        self.pages.addWidget(self.empty_label)
        self._content: QWidget | None = None  # built by _content_page() on the first human
        self._portrait_box: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self._thumbnails.thumbnailChanged.connect(self._on_thumbnail_changed)

    # -- building ----------------------------------------------------------------------------

    @staticmethod
    def _build_empty_page() -> QLabel:
        label = _muted_label(translate("DetailPanel", EMPTY_MESSAGE), 1.2)
        label.setObjectName("detail-empty")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def prepare(self) -> None:
        """Build the content page and the player now (the window does when it is idle), so
        the first selection does not pay for them; the empty page stays on show."""
        self._content_page()

    def _content_page(self) -> QWidget:
        """The page that shows a human, built the first time one is shown."""
        if self._content is None:
            content = self._build_content_page()
            # Where even the smallest media do not fit, the page scrolls: never clipped.
            scroller = QScrollArea()
            scroller.setObjectName("detail-scroller")
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QScrollArea.Shape.NoFrame)
            scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroller.setWidget(content)
            # It scrolls only up and down: never narrower than what the page needs.
            scroller.setMinimumWidth(
                content.minimumSizeHint().width() + scroller.verticalScrollBar().sizeHint().width()
            )
            self._content = scroller
            self.pages.addWidget(scroller)
            self._fit_to_size()
            self.contentBuilt.emit()
        return self._content

    def _build_content_page(self) -> QWidget:
        self._build_identity()
        media_row = self._build_media_row()
        self._build_actions_list()

        id_row = QHBoxLayout()
        id_row.setSpacing(6)
        id_row.addWidget(self.id_field, 1)
        id_row.addWidget(self.copy_button)
        content = _FitHeightPage()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        name_row = QHBoxLayout()
        name_row.setSpacing(8)
        name_row.addWidget(self.name_label, 1)
        name_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(name_row)
        layout.addWidget(_caption(translate("DetailPanel", "DigitalHumanId")))
        layout.addLayout(id_row)
        layout.addSpacing(4)
        layout.addLayout(media_row)
        layout.addSpacing(4)
        layout.addWidget(self.actions_caption)
        layout.addWidget(self.actions_list)
        layout.addWidget(self.no_actions_label)
        if self._voices_factory is not None:
            self.voices = self._voices_factory()
            layout.addWidget(self.voices, 1)
            self.voices.show()
            content.tail = self.voices
        if self._notes_factory is not None:
            notes = self._notes_factory()
            layout.addWidget(notes)
            content.tail = content.tail or notes
        layout.addStretch(0)
        return content

    def _build_media_row(self) -> QHBoxLayout:
        """The portrait and the preview player, side by side."""
        # Imported here, not at the top: the player module loads QtMultimedia.
        from dhbrowser.gui.player import HEADER_HEIGHT, SCREEN_MIN_SIZE, PreviewPlayer

        self.portrait = PortraitView()
        self.portrait.setMinimumSize(SCREEN_MIN_SIZE)  # both shrink alike, and stay level
        self.portrait.setObjectName("detail-portrait")
        self.portrait.resized.connect(self._portrait_timer.start)
        self.player = PreviewPlayer(self.previews)
        self.player.setObjectName("detail-player")
        portrait_column = QVBoxLayout()
        portrait_column.setSpacing(4)
        portrait_column.addWidget(self._portrait_caption(HEADER_HEIGHT))
        portrait_column.addWidget(self.portrait, 1)
        portrait_column.addSpacing(HEADER_HEIGHT)  # where the player has its controls
        # Side by side at the same width, so portrait and video line up; past MEDIA_MAX_WIDTH
        # each, the room goes to the actions list rather than to ever larger pictures.
        portrait_box = QWidget()
        portrait_box.setObjectName("detail-portrait-column")
        portrait_box.setLayout(portrait_column)
        self._portrait_box = portrait_box
        portrait_column.setContentsMargins(0, 0, 0, 0)
        for column in (portrait_box, self.player):
            column.setMaximumWidth(MEDIA_MAX_WIDTH)
        media_row = QHBoxLayout()
        media_row.setSpacing(12)
        media_row.addWidget(portrait_box, 1)
        media_row.addWidget(self.player, 1)
        media_row.addStretch(0)
        return media_row

    def _portrait_caption(self, height: int) -> QLabel:
        """ "Portrait", styled like the player's title so both columns start level."""
        caption = QLabel(translate("DetailPanel", "Portrait"))
        caption.setFont(self.player.title.font())
        caption.setFixedHeight(height)
        return caption

    def _build_identity(self) -> None:
        """Name, Public/Private badge, and the id with its Copy button."""
        self.name_label = QLabel()
        self.name_label.setObjectName("detail-name")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)

        self.badge = QLabel()
        self.badge.setObjectName("detail-badge")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)

        self.id_field = QLineEdit()
        self.id_field.setObjectName("detail-id")
        self.id_field.setReadOnly(True)
        self.id_field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.id_field.setToolTip(translate("DetailPanel", "The DigitalHumanId to use in API calls"))
        self.id_field.setAccessibleName(translate("DetailPanel", "DigitalHumanId"))
        self.id_field.setMinimumWidth(60)
        self.copy_button = QPushButton(translate("DetailPanel", COPY_LABELS[0]))
        self.copy_button.setObjectName("detail-copy")
        self.copy_button.setToolTip(
            translate("DetailPanel", "Copy the DigitalHumanId to the clipboard")
        )
        self.copy_button.setAccessibleName(translate("DetailPanel", "Copy DigitalHumanId"))
        self.copy_button.clicked.connect(self.copy_id)
        _fix_width_for(
            self.copy_button, tuple(translate("DetailPanel", text) for text in COPY_LABELS)
        )  # "Copied ✓" does not move the id field

    def _build_actions_list(self) -> None:
        self.actions_caption = _caption(translate("DetailPanel", "Actions"))
        self.actions_list = QListWidget()
        self.actions_list.setObjectName("detail-actions")
        self.actions_list.setAccessibleName(translate("DetailPanel", "Actions"))
        self.actions_list.setSpacing(1)
        self.actions_list.setUniformItemSizes(True)
        self.actions_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.actions_list.setIconSize(QSize(12, 12))
        self.actions_list.setToolTip(
            translate(
                "DetailPanel", "Select an action to play its preview (Enter plays, Space pauses)"
            )
        )
        # Selection, not the current item: Tab into the list makes a row current without
        # selecting it, and that must not start a preview.
        self.actions_list.itemSelectionChanged.connect(self._on_action_changed)
        self.actions_list.itemActivated.connect(self._on_action_activated)
        self.actions_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.actions_list.customContextMenuRequested.connect(self._show_action_menu)
        self.no_actions_label = QLabel(translate("DetailPanel", NO_ACTIONS_MESSAGE))
        self.no_actions_label.setObjectName("detail-no-actions")
        self.no_actions_label.setWordWrap(True)

    # -- queries -----------------------------------------------------------------------------

    @property
    def human(self) -> DigitalHuman | None:
        return self._human

    def selected_action(self) -> ActionClip | None:
        # No human also covers the time before the content page, and its list, exist.
        if self._human is None:
            return None
        selected = self.actions_list.selectedItems()
        if not selected:
            return None
        return self._action_named(str(selected[0].data(Qt.ItemDataRole.UserRole)))

    def focus_chain(self) -> list[QWidget]:
        """The panel's keyboard stops, top to bottom (none before the content page exists)."""
        if self._content is None:
            return []
        return [
            self.name_label,
            self.id_field,
            self.copy_button,
            *self.player.focus_chain(),
            self.actions_list,
            *(self.voices.focus_chain() if self.voices is not None else []),
        ]

    # -- commands ----------------------------------------------------------------------------

    def set_session(self, session: CatalogSession | None) -> None:
        """Download previews through `session` (the connection being browsed) and take its
        fresh links."""
        if self._session is not None:
            self._session.humanRefreshed.disconnect(self._on_human_refreshed)
        self._session = session
        self.previews.set_session(session)
        if session is not None:
            session.humanRefreshed.connect(self._on_human_refreshed)

    def show_human(self, human: DigitalHuman | None) -> None:
        """Show `human` (None: the empty state); the previous human's preview stops at once."""
        if human is not None and self._human is not None and human.id == self._human.id:
            self.update_human(human)
            return
        if human is None and self._content is None:
            return  # nothing was ever shown: the empty page is the only one
        content = self._content_page()
        if self.voices is not None:
            self.voices.show_human(human)
        self.player.stop()
        self._human = human
        self._copied_timer.stop()
        self.copy_button.setText(translate("DetailPanel", COPY_LABELS[0]))
        if human is None:
            self.portrait.show_pixmap(None)
            self.pages.setCurrentWidget(self.empty_label)
            return
        self.name_label.setText(human.name)
        self._show_badge(human.is_public)
        self.id_field.setText(human.id)
        self.id_field.setCursorPosition(0)
        self._fill_actions(human.actions, keep="")
        self.pages.setCurrentWidget(content)
        self._fit_to_size()  # no actions: the portrait alone, no empty player
        self._refresh_portrait()

    def update_human(self, human: DigitalHuman) -> None:
        """Take fresh data for the human on show (re-signed URLs); the selection is kept."""
        if self._human is None or human.id != self._human.id:
            return
        if human == self._human:
            return
        selected = self.selected_action()
        self._human = human
        self.name_label.setText(human.name)
        self._show_badge(human.is_public)
        self._fill_actions(human.actions, keep=selected.name if selected is not None else "")
        self._refresh_portrait()

    @Slot()
    def play_selected_action(self) -> None:
        """Play the selected action's preview, or the first action's if none is selected."""
        if self._human is None or not self._human.actions:
            return
        action = self.selected_action()
        if action is None:
            self.actions_list.setCurrentRow(0)  # selects it: plays it through the selection
            return
        self._play(action)

    @Slot()
    def toggle_playback(self) -> None:
        """Pause or resume the preview; with none loaded yet, start the selected one."""
        if self._content is not None and self.player.preview is not None:
            self.player.toggle_play()
        else:
            self.play_selected_action()

    @Slot()
    def copy_id(self) -> None:
        if self._human is None:
            return
        QGuiApplication.clipboard().setText(self._human.id)
        self.copy_button.setText(translate("DetailPanel", COPY_LABELS[1]))
        self._copied_timer.start(COPIED_FEEDBACK_MS)

    # -- internals ---------------------------------------------------------------------------

    def _action_named(self, name: str) -> ActionClip | None:
        assert self._human is not None
        return next((action for action in self._human.actions if action.name == name), None)

    def _play(self, action: ActionClip) -> None:
        """A play the user asked for."""
        assert self._human is not None
        self.player.play(self._human, action.name, self.action_text(action.name))

    def _show_badge(self, is_public: bool) -> None:
        text, tone = (
            (translate("DetailPanel", "Public"), Tone.PUBLIC)
            if is_public
            else (translate("DetailPanel", "Private"), Tone.PRIVATE)
        )
        self.badge.setText(text)
        self.badge.setToolTip(
            translate("DetailPanel", "A public avatar provided by ZEGOCLOUD")
            if is_public
            else translate("DetailPanel", "This app's own (private) avatar")
        )
        self.badge.setStyleSheet(badge_style(tone))

    def _fill_actions(self, actions: tuple[ActionClip, ...], keep: str) -> None:
        """List `actions`, re-selecting the one named `keep` without replaying it."""
        self.actions_list.blockSignals(True)
        self.actions_list.clear()
        play_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        blank = QPixmap(self.actions_list.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        no_icon = QIcon(blank)  # keeps the names of actions without preview aligned
        for action in actions:
            shown = self.action_text(action.name)
            suffix = "" if action.preview_url else translate("DetailPanel", NO_PREVIEW_SUFFIX)
            item = QListWidgetItem(shown + suffix)
            item.setData(Qt.ItemDataRole.UserRole, action.name)
            if action.preview_url:
                item.setIcon(play_icon)
            else:
                item.setIcon(no_icon)
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.actions_list.addItem(item)
            if action.name == keep:
                self.actions_list.setCurrentItem(item)
        self.actions_list.blockSignals(False)
        self.actions_caption.setText(actions_text(len(actions)))
        self.actions_list.setVisible(bool(actions))
        self.no_actions_label.setVisible(not actions)
        self._fit_action_rows()

    def refresh_action_names(self) -> None:
        """Show the actions' names again (a label changed), keeping the selection."""
        if self._human is not None and self._content is not None:
            selected = self.selected_action()
            self._fill_actions(self._human.actions, selected.name if selected else "")

    @Slot(QPoint)
    def _show_action_menu(self, position: QPoint) -> None:
        item = self.actions_list.itemAt(position)
        if item is None:
            return
        name = str(item.data(Qt.ItemDataRole.UserRole))
        menu = QMenu(self)
        menu.addAction(translate("DetailPanel", "Rename…"), lambda: self.renameRequested.emit(name))
        menu.addAction(
            translate("DetailPanel", "Copy action name"),
            lambda: QGuiApplication.clipboard().setText(name),
        )
        menu.exec(self.actions_list.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _fit_action_rows(self) -> None:
        """Make the list exactly as tall as whole rows: never half an action at the bottom."""
        most = VISIBLE_ACTION_ROWS if self.height() >= COMPACT_HEIGHT else COMPACT_ACTION_ROWS
        rows = max(1, min(self.actions_list.count(), most))
        row_height = self.actions_list.sizeHintForRow(0) if self.actions_list.count() else 0
        row_height = max(row_height, self.actions_list.fontMetrics().height())
        spacing = 2 * self.actions_list.spacing()
        frame = 2 * self.actions_list.frameWidth()
        self.actions_list.setFixedHeight(rows * (row_height + spacing) + frame)

    def _fit_to_size(self) -> None:
        """Narrow: show the preview alone (the card shows the portrait); wide: both. Low:
        fewer action rows, so the media keep some height."""
        if self._portrait_box is not None:
            has_actions = self._human is not None and bool(self._human.actions)
            self.player.setVisible(has_actions)
            self._portrait_box.setVisible(self.width() >= NARROW_WIDTH or not has_actions)
            self._fit_action_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_to_size()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange and self._human is not None:
            self._show_badge(self._human.is_public)  # the theme changed

    @Slot()
    def _refresh_portrait(self) -> None:
        human = self._human
        if human is None:
            return
        size = self.portrait.size()
        pixmap = self._thumbnails.pixmap(human, size, self.portrait.devicePixelRatioF())
        if pixmap is not None:
            self.portrait.show_pixmap(pixmap)
        elif self._thumbnails.state(human.id) == ThumbState.FAILED:
            self.portrait.show_pixmap(None, self._thumbnails.error(human.id))
        else:
            self.portrait.show_pixmap(
                self._thumbnails.stand_in(human), translate("DetailPanel", "Loading portrait…")
            )

    @Slot()
    def _reset_copy_button(self) -> None:
        self.copy_button.setText(translate("DetailPanel", COPY_LABELS[0]))

    @Slot(QListWidgetItem)
    def _on_action_activated(self, _item: QListWidgetItem) -> None:
        self.play_selected_action()

    @Slot(str)
    def _on_thumbnail_changed(self, human_id: str) -> None:
        if self._human is not None and human_id == self._human.id:
            self._refresh_portrait()

    @Slot()
    def _on_action_changed(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        self._play(action)
        self.actionSelected.emit(action)

    @Slot(object)
    def _on_human_refreshed(self, human: object) -> None:
        if isinstance(human, DigitalHuman):
            self.update_human(human)


class _FitHeightPage(QWidget):
    """The content page: as tall as the scroll area shows, its media shrinking to fit.

    Its portrait and video have heights for widths; a QScrollArea would make the page as
    tall as they would like (a 9:16 video 300 px wide is 530 px tall) and scroll. Without a
    height for width of its own, the page takes the area's height and scrolls only when
    even its minimum does not fit.

    Its `tail` (the Voices) gives way first: the rest of the page gets the height it would
    have without it, and the tail, at its least height, goes below, where the page scrolls.
    """

    tail: QWidget | None = None

    def heightForWidth(self, width: int) -> int:
        least = self.minimumSizeHint().height()
        layout, tail, viewport = self.layout(), self.tail, self.parentWidget()
        if layout is None or tail is None or tail.isHidden() or viewport is None:
            return least
        margins = layout.contentsMargins()
        tail_height = tail.heightForWidth(width - margins.left() - margins.right())
        head = layout.heightForWidth(width) - tail_height - layout.spacing()
        return max(least, min(head, viewport.height()) + layout.spacing() + tail_height)


def _fix_width_for(button: QPushButton, labels: tuple[str, ...]) -> None:
    """Give `button` the width of its widest label, so changing the label moves nothing."""
    current = button.text()
    widths = []
    for label in labels:
        button.setText(label)
        widths.append(button.sizeHint().width())
    button.setText(current)
    button.setMinimumWidth(max(widths))


def _caption(text: str) -> QLabel:
    """A small, muted heading above a field."""
    return _muted_label(text, 0.9)


def _muted_label(text: str, scale: float) -> QLabel:
    """A label in muted text, its font scaled by `scale`."""
    label = MutedLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
