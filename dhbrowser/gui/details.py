"""The detail panel: the chosen human's portrait, name, id, visibility, actions and previews.

The preview is the hero: selecting a human plays its idle action (or its first preview),
muted and looping, in the player's one stage, whose poster frame is the portrait: it shows
until the first video frame and again after an error. The portrait comes from the same
ThumbnailStore as the cards (one download and disk cache for both; the card's smaller
pixmap stands in while the large one loads); previews from the local files of a
PreviewStore (which renews an expired link once through GetDigitalHumanInfo). The actions
are chips under the stage, each with its preview's length once known.

The content page, its player and QtMultimedia are built when the first human is shown, not
at start-up: together they cost tens of milliseconds before the window's first paint, for a
panel that only says "Select a digital human" until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.gui.action_chips import (
    DURATION_ROLE,
    HAS_PREVIEW_ROLE,
    ActionChips,
    first_to_play,
    spoken_duration,
)
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

#: Past this width the room goes to the actions and voices rather than to a larger stage.
MEDIA_MAX_WIDTH = 320
#: The action list is as tall as this many whole rows at most (fewer actions: fewer rows),
#: or COMPACT_ACTION_ROWS in a panel lower than COMPACT_HEIGHT, where the media need it.
VISIBLE_ACTION_ROWS = 4
COMPACT_ACTION_ROWS = 2
COMPACT_HEIGHT = 440


class DetailPanel(QWidget):
    """Everything about one digital human, and the player for its action previews.

    The content widgets (`stage`, `player`, `actions_list`, …) exist once a human has been
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
        self.previews.durationKnown.connect(self._on_duration_known)
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
            scroller.viewport().installEventFilter(self)  # a taller view: a larger stage
            content.laidOut.connect(self._fit_stage)
            # It scrolls only up and down: never narrower than what the page needs.
            scroller.setMinimumWidth(
                content.minimumSizeHint().width() + scroller.verticalScrollBar().sizeHint().width()
            )
            self._content = scroller
            self.pages.addWidget(scroller)
            self._fit_to_size()
            self.contentBuilt.emit()
        return self._content

    def _build_content_page(self) -> _FitHeightPage:
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
        """The one media stage: the portrait as its poster frame, the preview playing in it."""
        # Imported here, not at the top: the player module loads QtMultimedia.
        from dhbrowser.gui.player import PreviewPlayer

        self.player = PreviewPlayer(self.previews)
        self.player.setObjectName("detail-player")
        self.player.setMaximumWidth(MEDIA_MAX_WIDTH)
        self.stage = self.player.video_area
        self.stage.resized.connect(self._portrait_timer.start)
        self.stage.aspectChanged.connect(self._fit_stage)
        media_row = QHBoxLayout()
        media_row.addWidget(self.player, 1)
        media_row.addStretch(0)
        return media_row

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
        self.actions_list = ActionChips()
        self.actions_list.setObjectName("detail-actions")
        self.actions_list.setAccessibleName(translate("DetailPanel", "Actions"))
        self.actions_list.setAccessibleDescription(
            translate("DetailPanel", "Arrow keys choose an action; its preview plays above")
        )
        self.actions_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
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
            self.retry_failed_preview()  # connected again: what failed to download loads

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
            self.player.show_poster(None)
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
        self.previews.probe_durations(human)  # the chips of previews seen before
        first = first_to_play(human.actions)
        if first is not None:  # plays it (muted, looping) through the selection
            self.actions_list.setCurrentRow(human.actions.index(first))
        else:
            self.player.show_message("")  # the portrait alone: nothing to select

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
    def retry_failed_preview(self) -> None:
        """The session is back online (a session set, the service answering again after an
        error): a preview whose download failed meanwhile loads again."""
        if self._content is not None:
            self.player.retry_download()

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
        """List `actions` as chips, re-selecting the one named `keep` without replaying it."""
        self.actions_list.blockSignals(True)
        self.actions_list.clear()
        for action in actions:
            shown = self.action_text(action.name)
            suffix = "" if action.preview_url else translate("DetailPanel", NO_PREVIEW_SUFFIX)
            item = QListWidgetItem(shown + suffix)
            item.setData(Qt.ItemDataRole.UserRole, action.name)
            item.setData(HAS_PREVIEW_ROLE, bool(action.preview_url))
            self.actions_list.addItem(item)
            self._show_duration(item)
            if action.name == keep:
                self.actions_list.setCurrentItem(item)
        self.actions_list.blockSignals(False)
        self.actions_caption.setText(actions_text(len(actions)))
        self.actions_list.setVisible(bool(actions))
        self.no_actions_label.setVisible(not actions)
        self._fit_action_rows()

    def _show_duration(self, item: QListWidgetItem) -> None:
        """Label `item`'s chip with its preview's length where known (and say it to screen
        readers); an unknown length shows nothing."""
        assert self._human is not None
        name = str(item.data(Qt.ItemDataRole.UserRole))
        duration = self.previews.duration(self._human.id, name)
        item.setData(DURATION_ROLE, duration)
        spoken = item.text() if duration is None else f"{item.text()}, {spoken_duration(duration)}"
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)

    @Slot(str, str)
    def _on_duration_known(self, human_id: str, action_name: str) -> None:
        if self._human is None or human_id != self._human.id or self._content is None:
            return
        for row in range(self.actions_list.count()):
            item = self.actions_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == action_name:
                self._show_duration(item)
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
        """Make the chips exactly as tall as their wrapped rows: never half a row."""
        most = VISIBLE_ACTION_ROWS if self.height() >= COMPACT_HEIGHT else COMPACT_ACTION_ROWS
        self.actions_list.fit_height(most)

    def _fit_to_size(self) -> None:
        """A human without actions: the stage is the portrait alone, without player controls."""
        if self._content is not None:
            has_actions = self._human is not None and bool(self._human.actions)
            self.player.set_controls_shown(has_actions)
            self._fit_action_rows()

    @Slot()
    def _fit_stage(self) -> None:
        """Cap the stage's height so that everything above the Voices fits the view exactly
        (the Voices start at its bottom edge), but never below STAGE_MIN_HEIGHT: lower than
        that, the page scrolls.

        The page is as tall as its layout needs, so nothing is ever squeezed under the
        controls; the picture keeps its aspect inside the stage.
        """
        if self._content is None or not isinstance(self._content, QScrollArea):
            return
        page = self._content.widget()
        if not isinstance(page, _FitHeightPage) or page.layout() is None:
            return
        room = self._content.viewport().height() - page.height_besides(self.stage)
        height = max(self.stage.minimumHeight(), room)
        if height != self.stage.maximumHeight():
            self.stage.setMaximumHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._content is not None:
            self._fit_stage()
        return super().eventFilter(watched, event)

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
        size = self.stage.size()
        pixmap = self._thumbnails.pixmap(human, size, self.stage.devicePixelRatioF())
        if pixmap is not None:
            self.player.show_poster(pixmap)
        elif self._thumbnails.state(human.id) == ThumbState.FAILED:
            self.player.show_poster(None, self._thumbnails.error(human.id))
        else:
            self.player.show_poster(
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
    """The content page: as tall as its layout needs for its width, so the scroll area
    scrolls rather than squeezing anything (a box layout given less than its items' heights
    for their widths lays them over each other: the controls over the stage).

    The panel fits the stage so that the head, everything above the `tail` (the Voices),
    fits the view; the tail goes below, where the page scrolls. `laidOut` says the children
    have their geometry (after a resize or a relayout), so the fit can be checked again.
    """

    tail: QWidget | None = None
    laidOut = Signal()

    def height_besides(self, stage: QWidget) -> int:
        """How tall the head is without `stage` (which does not change with its size): the
        view's height less this is the room for the stage."""
        tail = self.tail
        if tail is not None and not tail.isHidden():
            return tail.y() - stage.height()
        layout = self.layout()
        assert layout is not None
        shown = min(stage.maximumHeight(), stage.heightForWidth(stage.width()))
        return layout.totalHeightForWidth(self.width()) - shown

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)  # the layout has placed the children by now
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.laidOut.emit()
        return handled


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
