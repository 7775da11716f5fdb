"""The detail panel: the chosen human's portrait, name, id, visibility, actions and previews.

The portrait comes from the same ThumbnailStore as the cards (one download and disk cache
for both; the card's smaller pixmap stands in while the large one loads). Previews play in
the PreviewPlayer beneath; a preview whose signed link was refused is retried once with a
fresh link from GetDigitalHumanInfo.

The content page, its player and QtMultimedia are built when the first human is shown, not
at start-up: together they cost tens of milliseconds before the window's first paint, for a
panel that only says "Select a digital human" until then.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal, Slot
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
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.api.models import Action, DigitalHuman
from dhbrowser.gui.thumbnails import ThumbnailStore, ThumbState

if TYPE_CHECKING:
    from collections.abc import Callable

    from dhbrowser.gui.session import CatalogSession
    from dhbrowser.gui.voices import VoicesSection

log = logging.getLogger(__name__)

EMPTY_MESSAGE = "Select a digital human"
NO_ACTIONS_MESSAGE = "This digital human has no actions, so there is nothing to preview."
NO_PREVIEW_SUFFIX = " (no preview)"
REFRESHING_MESSAGE = "The preview could not be loaded; asking the service for a fresh link…"
COPIED_FEEDBACK_MS = 1500

MEDIA_MAX_WIDTH = 300

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
        frame = self._frame_rect()
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

    def _frame_rect(self) -> QRectF:
        """The largest rectangle of the portrait's aspect that fits, centred at the top."""
        aspect = self._aspect()
        width = min(float(self.width() - 1), (self.height() - 1) * aspect)
        height = width / aspect
        return QRectF((self.width() - width) / 2, 0.5, width, height)


class DetailPanel(QWidget):
    """Everything about one digital human, and the player for its action previews.

    The content widgets (`portrait`, `player`, `actions_list`, …) exist once a human has been
    shown; every public method works before that.
    """

    actionSelected = Signal(object)  # Action

    def __init__(
        self,
        thumbnails_provider: ThumbnailStore,
        parent: QWidget | None = None,
        voices: Callable[[], VoicesSection] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detail-panel")
        # Beneath the actions, made with the content page; it follows show_human.
        self._voices_factory = voices
        self.voices: VoicesSection | None = None
        self._thumbnails = thumbnails_provider
        self._session: CatalogSession | None = None
        self._human: DigitalHuman | None = None
        self._retry_used = False  # the one fresh-link retry of the current play was spent
        self._awaiting_refresh = ""  # the action to replay once fresh links arrive
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self._thumbnails.thumbnailChanged.connect(self._on_thumbnail_changed)

    # -- building ----------------------------------------------------------------------------

    @staticmethod
    def _build_empty_page() -> QLabel:
        label = _muted_label(EMPTY_MESSAGE, 1.2)
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
            self._content = self._build_content_page()
            self.pages.addWidget(self._content)
            self.player.previewFailed.connect(self._on_preview_failed)
        return self._content

    def _build_content_page(self) -> QWidget:
        # Imported here, not at the top: the player module loads QtMultimedia.
        from dhbrowser.gui.player import HEADER_HEIGHT, PreviewPlayer

        self._build_identity()
        self.portrait = PortraitView()
        self.portrait.setObjectName("detail-portrait")
        self.portrait.resized.connect(self._portrait_timer.start)
        self.player = PreviewPlayer()
        self.player.setObjectName("detail-player")
        portrait_column = QVBoxLayout()
        portrait_column.setSpacing(4)
        portrait_column.addWidget(self._portrait_caption(HEADER_HEIGHT))
        portrait_column.addWidget(self.portrait, 1)
        portrait_column.addSpacing(HEADER_HEIGHT)  # where the player has its controls
        # Side by side at the same width, so portrait and video line up; past MEDIA_MAX_WIDTH
        # each, the room goes to the actions list rather than to ever larger pictures.
        portrait_box = QWidget()
        portrait_box.setLayout(portrait_column)
        portrait_column.setContentsMargins(0, 0, 0, 0)
        for column in (portrait_box, self.player):
            column.setMaximumWidth(MEDIA_MAX_WIDTH)
        media_row = QHBoxLayout()
        media_row.setSpacing(12)
        media_row.addWidget(portrait_box, 1)
        media_row.addWidget(self.player, 1)
        media_row.addStretch(0)
        self._build_actions_list()

        id_row = QHBoxLayout()
        id_row.setSpacing(6)
        id_row.addWidget(self.id_field, 1)
        id_row.addWidget(self.copy_button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(4)
        layout.addWidget(_caption("DigitalHumanId"))
        layout.addLayout(id_row)
        layout.addSpacing(6)
        layout.addLayout(media_row)
        layout.addSpacing(6)
        layout.addWidget(self.actions_caption)
        layout.addWidget(self.actions_list, 1)
        layout.addWidget(self.no_actions_label)
        if self._voices_factory is not None:
            self.voices = self._voices_factory()
            layout.addWidget(self.voices, 1)
            self.voices.show()
        layout.addStretch(0)
        return content

    def _portrait_caption(self, height: int) -> QLabel:
        """ "Portrait", styled like the player's title so both columns start level."""
        caption = QLabel("Portrait")
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

        self.id_field = QLineEdit()
        self.id_field.setObjectName("detail-id")
        self.id_field.setReadOnly(True)
        self.id_field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.id_field.setToolTip("The DigitalHumanId to use in API calls")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("detail-copy")
        self.copy_button.setToolTip("Copy the DigitalHumanId to the clipboard")
        self.copy_button.clicked.connect(self.copy_id)

    def _build_actions_list(self) -> None:
        self.actions_caption = _caption("Actions")
        self.actions_list = QListWidget()
        self.actions_list.setObjectName("detail-actions")
        self.actions_list.setMinimumHeight((self.actions_list.fontMetrics().height() + 4) * 4)
        self.actions_list.setSpacing(1)
        self.actions_list.setIconSize(QSize(12, 12))
        self.actions_list.setToolTip(
            "Select an action to play its preview (Enter plays, Space pauses)"
        )
        self.actions_list.currentItemChanged.connect(self._on_action_changed)
        self.actions_list.itemActivated.connect(self._on_action_activated)
        self.no_actions_label = QLabel(NO_ACTIONS_MESSAGE)
        self.no_actions_label.setObjectName("detail-no-actions")
        self.no_actions_label.setWordWrap(True)

    # -- queries -----------------------------------------------------------------------------

    @property
    def human(self) -> DigitalHuman | None:
        return self._human

    def selected_action(self) -> Action | None:
        # No human also covers the time before the content page, and its list, exist.
        if self._human is None or self.actions_list.currentRow() < 0:
            return None
        item = self.actions_list.currentItem()
        return self._action_named(str(item.data(Qt.ItemDataRole.UserRole)))

    # -- commands ----------------------------------------------------------------------------

    def set_session(self, session: CatalogSession | None) -> None:
        """Refresh expired preview links through `session` (the connection being browsed)."""
        if self._session is not None:
            self._session.humanRefreshed.disconnect(self._on_human_refreshed)
            self._session.refreshFailed.disconnect(self._on_refresh_failed)
        self._session = session
        self._awaiting_refresh = ""
        if session is not None:
            session.humanRefreshed.connect(self._on_human_refreshed)
            session.refreshFailed.connect(self._on_refresh_failed)

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
        self._retry_used = False
        self._awaiting_refresh = ""
        self._copied_timer.stop()
        self.copy_button.setText("Copy")
        if human is None:
            self.portrait.show_pixmap(None)
            self.pages.setCurrentWidget(self.empty_label)
            return
        self.name_label.setText(human.name)
        self._show_badge(human.is_public)
        self.id_field.setText(human.id)
        self.id_field.setCursorPosition(0)
        self._fill_actions(human.actions, keep="")
        if not human.actions:
            self.player.stop(message="No actions to preview")
        self.pages.setCurrentWidget(content)
        self._refresh_portrait()

    def update_human(self, human: DigitalHuman) -> None:
        """Take fresh data for the human on show (re-signed URLs); the selection is kept."""
        if self._human is None or human.id != self._human.id:
            return
        if human == self._human and not self._awaiting_refresh:
            return
        selected = self.selected_action()
        self._human = human
        self.name_label.setText(human.name)
        self._show_badge(human.is_public)
        self._fill_actions(human.actions, keep=selected.name if selected is not None else "")
        self._refresh_portrait()
        pending, self._awaiting_refresh = self._awaiting_refresh, ""
        action = self._action_named(pending) if pending else None
        if action is not None:
            log.info("replaying preview %s of %s with a fresh link", action.name, human.id)
            self.player.play(action.preview_url, action.name)

    @Slot()
    def play_selected_action(self) -> None:
        """Play the selected action's preview, or the first action's if none is selected."""
        if self._human is None or not self._human.actions:
            return
        action = self.selected_action()
        if action is None:
            self.actions_list.setCurrentRow(0)  # plays it through currentItemChanged
            return
        self._play(action)

    @Slot()
    def toggle_playback(self) -> None:
        """Pause or resume the preview; with none loaded yet, start the selected one."""
        if self._content is not None and self.player.url:
            self.player.toggle_play()
        else:
            self.play_selected_action()

    @Slot()
    def copy_id(self) -> None:
        if self._human is None:
            return
        QGuiApplication.clipboard().setText(self._human.id)
        self.copy_button.setText("Copied ✓")
        self._copied_timer.start(COPIED_FEEDBACK_MS)

    # -- internals ---------------------------------------------------------------------------

    def _action_named(self, name: str) -> Action | None:
        assert self._human is not None
        return next((action for action in self._human.actions if action.name == name), None)

    def _play(self, action: Action) -> None:
        """A play the user asked for: it gets its own one fresh-link retry."""
        self._retry_used = False
        self._awaiting_refresh = ""
        self.player.play(action.preview_url, action.name)

    def _show_badge(self, is_public: bool) -> None:
        text, background, foreground = (
            ("Public", "#dff3e4", "#1b5e20") if is_public else ("Private", "#ece3fb", "#4a2a86")
        )
        self.badge.setText(text)
        self.badge.setToolTip(
            "A public avatar provided by ZEGOCLOUD"
            if is_public
            else "This app's own (private) avatar"
        )
        self.badge.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; border-radius: 8px;"
            " padding: 1px 9px; font-weight: 600; }"
        )

    def _fill_actions(self, actions: tuple[Action, ...], keep: str) -> None:
        """List `actions`, re-selecting the one named `keep` without replaying it."""
        self.actions_list.blockSignals(True)
        self.actions_list.clear()
        play_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        blank = QPixmap(self.actions_list.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        no_icon = QIcon(blank)  # keeps the names of actions without preview aligned
        for action in actions:
            item = QListWidgetItem(action.name + ("" if action.preview_url else NO_PREVIEW_SUFFIX))
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
        self.actions_caption.setText(f"Actions ({len(actions)})")
        self.actions_list.setVisible(bool(actions))
        self.no_actions_label.setVisible(not actions)

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
            self.portrait.show_pixmap(self._thumbnails.stand_in(human), "Loading portrait…")

    @Slot()
    def _reset_copy_button(self) -> None:
        self.copy_button.setText("Copy")

    @Slot(QListWidgetItem)
    def _on_action_activated(self, _item: QListWidgetItem) -> None:
        self.play_selected_action()

    @Slot(str)
    def _on_thumbnail_changed(self, human_id: str) -> None:
        if self._human is not None and human_id == self._human.id:
            self._refresh_portrait()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_action_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        action = self.selected_action() if current is not None else None
        if action is None:
            return
        self._play(action)
        self.actionSelected.emit(action)

    @Slot(str)
    def _on_preview_failed(self, url: str) -> None:
        human, action, session = self._human, self.selected_action(), self._session
        if human is None or action is None or action.preview_url != url:
            return
        if self._retry_used or session is None or session.closed:
            return
        self._retry_used = True
        self._awaiting_refresh = action.name
        self.player.show_message(REFRESHING_MESSAGE)
        session.refresh_human(human.id)

    @Slot(object)
    def _on_human_refreshed(self, human: object) -> None:
        if isinstance(human, DigitalHuman):
            self.update_human(human)

    @Slot(str, str)
    def _on_refresh_failed(self, human_id: str, hint: str) -> None:
        if self._human is not None and human_id == self._human.id and self._awaiting_refresh:
            self._awaiting_refresh = ""
            self.player.show_message(f"The preview could not be loaded: {hint}")


def _caption(text: str) -> QLabel:
    """A small, muted heading above a field."""
    return _muted_label(text, 0.9)


def _muted_label(text: str, scale: float) -> QLabel:
    """A label in the palette's placeholder colour, its font scaled by `scale`."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label
