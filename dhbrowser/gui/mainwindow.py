"""The main window: filter bar, card grid, detail panel, status bar and banners.

In pick mode (`dhbrowser --pick`) the same window ends with a choice: "Use this avatar",
Enter or a double-click accept the selected digital human; Esc or closing cancel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import dhbrowser
from dhbrowser import i18n
from dhbrowser.api.models import ActionClip, DigitalHuman, FetchMode, Timbre
from dhbrowser.core.connection import Connection
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.gui.actions import bind, shortcuts_dialog
from dhbrowser.gui.banner import Banner, BannerKind
from dhbrowser.gui.card_delegate import CARD_WIDTHS, DEFAULT_CARD_WIDTH, HumanCardDelegate
from dhbrowser.gui.card_delegate import MARGIN as CARD_MARGIN
from dhbrowser.gui.catalog_export_view import CatalogExportView
from dhbrowser.gui.catalog_view import CARD_SPACING, CatalogView, visible_indexes
from dhbrowser.gui.catalog_words import CatalogWords
from dhbrowser.gui.details import DetailPanel
from dhbrowser.gui.finding import Finding
from dhbrowser.gui.first_screen import AfterNextPaint, FirstScreenGate
from dhbrowser.gui.grid_message import GridMessage, Step
from dhbrowser.gui.grid_status import GridStatus
from dhbrowser.gui.hover_preview import HoverPreview
from dhbrowser.gui.human_actions import HumanActions
from dhbrowser.gui.human_notes import HumanNotes
from dhbrowser.gui.language_menu import language_menu
from dhbrowser.gui.place import PlaceKeeper
from dhbrowser.gui.profiles_menu import ProfilesMenu
from dhbrowser.gui.starring import Starring
from dhbrowser.gui.status_line import StatusLine
from dhbrowser.gui.view_settings import (
    DEFAULT_DETAILS_SHARE,
    ViewSettings,
    remember_selection,
    remembered_selection,
)
from dhbrowser.gui.voice_parts import VoiceParts
from dhbrowser.qt.catalog_export import CatalogExport, ExportFormat
from dhbrowser.qt.catalog_model import CatalogFilterModel, CatalogModel, human_at
from dhbrowser.qt.favourites import Favourites
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.labels import ActionLabels
from dhbrowser.qt.session_controller import ProfileAccess, SessionController
from dhbrowser.qt.settings import APPLICATION, ORGANIZATION, ProfileSettings
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.qt.thumbnails import FollowedView, ThumbnailStore
from dhbrowser.store import StoreKey

if TYPE_CHECKING:
    from dhbrowser.gui.connect_dialog import ConnectDialog
    from dhbrowser.gui.voices import VoicesSection
    from dhbrowser.qt.session import CatalogSession

log = logging.getLogger(__name__)

#: At start-up, how long opening the connection may wait for the stored first screen.
FIRST_SCREEN_BUDGET_MS = 400
DEMO_BANNER_DISMISSED = "view/demo_banner_dismissed"

#: The window's size on a first start, where the screen has room for it.
PREFERRED_SIZE = QSize(1180, 760)
#: The grid keeps room for this many columns of cards (of at most the default size) before
#: the details give up theirs.
MIN_COLUMNS = 2
FETCH_MODES = (
    (str(QT_TRANSLATE_NOOP("MainWindow", "All")), FetchMode.ALL),
    (str(QT_TRANSLATE_NOOP("MainWindow", "Public")), FetchMode.PUBLIC),
    (str(QT_TRANSLATE_NOOP("MainWindow", "Private")), FetchMode.PRIVATE),
)


class MainWindow(QMainWindow):
    picked = Signal(object, object)  # DigitalHuman, Action | None
    exportFinished = Signal(str)  # path written

    def __init__(
        self,
        pool: QThreadPool,
        thumbnail_cache: Path | None,
        *,
        pick_mode: bool = False,
        catalog_store: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dhbrowser-main")
        self.pool = pool
        self.pick_mode = pick_mode
        self.pick_result: tuple[DigitalHuman, ActionClip | None] | None = None
        #: `--pick --with-voice`: a voice must be chosen too; it is `pick_voice` then.
        self.require_voice = False
        self.pick_voice: Timbre | None = None
        self.settings = QSettings(ORGANIZATION, APPLICATION)
        self.profiles_menu: ProfilesMenu | None = None
        #: The browsed session and the profiles it comes from (`enable_profiles`).
        self.sessions = SessionController(pool, self)
        #: Start-up work waiting for the first screen (see `_wait_for_first_screen`).
        self.first_screen = FirstScreenGate(self)
        self._first_selection_pending = False
        self._shown_once = False

        self._build_catalog(pool, thumbnail_cache, catalog_store)
        self.export = CatalogExport(pool, self.model, self.proxy, lambda: self.session, self)

        self.view = CatalogView()
        self.view.setModel(self.proxy)
        self.delegate = HumanCardDelegate(self.thumbnails, self.view)
        self.view.setItemDelegate(self.delegate)
        self.thumbnails.follow_view(  # its visible cards' portraits load first
            FollowedView(
                partial(visible_indexes, self.view), self.view.verticalScrollBar().valueChanged
            )
        )
        self.place = PlaceKeeper(self.view, self.proxy, self.model, self)
        self.grid_message = GridMessage(self.view.viewport())
        self.details = DetailPanel(
            self.thumbnails,
            self,
            voices=lambda: self.voices,
            notes=None if self.notes is None else self.words.build_notes_section,
        )
        self.human_actions = HumanActions(
            self,
            self.selected_human,
            self.details.selected_action,
            self.details.previews,
            self.favourites,
            lambda text: self.statusBar().showMessage(text, 4000),
            self.voice_parts.chosen,
        )
        self.hover_preview = HoverPreview(
            self.view, self.delegate, self.details.previews, self.thumbnails, self.settings, self
        )

        self.demo_banner = Banner(BannerKind.INFO)
        self.error_banner = Banner(BannerKind.WARNING)
        #: What cannot be read or saved on disk (damaged settings, read-only folders).
        self.storage_banner = Banner(BannerKind.WARNING)
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self.starring = Starring(
            self.favourites,
            self.favourites_only,
            self._name_of,
            lambda text: self.statusBar().showMessage(text, 6000),
            self,
        )
        self._build_menus()
        self._connect_signals()
        self.sessions.sessionChanged.connect(self._on_session_changed)
        self.export_view = CatalogExportView(self.export, self, self.error_banner)
        self.export_view.exported.connect(self.exportFinished)
        self.sessions.failed.connect(self._on_session_failed)
        self._restore_settings()
        self._update_tab_order()
        self.view.setFocus()  # arrows and Enter work on the cards from the start

    # -- building ----------------------------------------------------------------------------

    def _build_catalog(
        self, pool: QThreadPool, thumbnail_cache: Path | None, catalog_store: Path | None
    ) -> None:
        """The models behind the grid, and the store they start from and write to."""
        #: The catalog store (issue 16), when there is one: the catalog the window starts
        #: from, each complete listing, favourites.
        self.store_link = None if catalog_store is None else StoreLink(pool, catalog_store, self)
        self.model = CatalogModel(pool, self, self.store_link)
        self.proxy = CatalogFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.thumbnails = ThumbnailStore(pool, thumbnail_cache, parent=self)
        self.labels = None if self.store_link is None else ActionLabels(self.store_link, self)
        self.notes = None if self.store_link is None else HumanNotes(self.store_link, self)
        self.words = CatalogWords(
            self, self.labels, self.notes, self.thumbnails, lambda: self.details.human
        )
        self.favourites = Favourites(self.settings, self, store=self.store_link)
        self.voice_parts = VoiceParts(
            self,
            pool,
            self.thumbnails.disk_cache,
            self.settings,
            lambda: self.details,
            lambda: self.session,
        )

    def _build_toolbar(self) -> None:
        bar = QToolBar(translate("MainWindow", "Filters"))
        bar.setObjectName("filters")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.fetch_mode_box = QComboBox()
        self.fetch_mode_box.setToolTip(
            translate("MainWindow", "Which digital humans to list (FetchMode)")
        )
        self.fetch_mode_box.setAccessibleName(translate("MainWindow", "Show"))
        for label, mode in FETCH_MODES:
            self.fetch_mode_box.addItem(translate("MainWindow", label), mode)
        bar.addWidget(QLabel(translate("MainWindow", " Show ")))
        bar.addWidget(self.fetch_mode_box)
        self.favourites_only = QToolButton()
        self.favourites_only.setText(translate("MainWindow", "★ Favourites"))
        self.favourites_only.setCheckable(True)
        self.favourites_only.setToolTip(translate("MainWindow", "Show only starred digital humans"))
        self.favourites_only.setAccessibleName(translate("MainWindow", "Favourites only"))
        self.favourites_only.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bar.addWidget(self.favourites_only)
        self.new_only = QToolButton()
        self.new_only.setText(translate("MainWindow", "New"))
        self.new_only.setCheckable(True)
        self.new_only.setToolTip(
            translate("MainWindow", "Show only the digital humans new since the last sync")
        )
        self.new_only.setAccessibleName(translate("MainWindow", "New since last sync only"))
        self.new_only.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bar.addWidget(self.new_only)
        bar.addSeparator()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(translate("MainWindow", "Search name or id  (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(translate("MainWindow", "Search"))
        self.search_box.setMinimumWidth(140)
        self.search_box.setMaximumWidth(320)
        self.search_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bar.addWidget(self.search_box)
        bar.addSeparator()
        self.sort_box = QComboBox()
        self.sort_box.addItems(
            [translate("MainWindow", "Catalog order"), translate("MainWindow", "Name A–Z")]
        )
        self.sort_box.setToolTip(translate("MainWindow", "Sort the cards"))
        self.sort_box.setAccessibleName(translate("MainWindow", "Sort"))
        bar.addWidget(self.sort_box)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(QLabel(translate("MainWindow", "Size ")))
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(0, len(CARD_WIDTHS) - 1)
        self.size_slider.setFixedWidth(120)
        self.size_slider.setToolTip(
            translate("MainWindow", "Card size (Ctrl+= and Ctrl+−, or Ctrl+wheel over the cards)")
        )
        self.size_slider.setAccessibleName(translate("MainWindow", "Card size"))
        self.size_slider.setPageStep(1)
        bar.addWidget(self.size_slider)

    def _build_central(self) -> None:
        right = QWidget()
        right.setObjectName("details-column")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addLayout(self._build_action_bar())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        # The grid takes what the window gains or loses; the details keep their width.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self._details_share = DEFAULT_DETAILS_SHARE  # the stored one, once restored
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.storage_banner)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_action_bar(self) -> QHBoxLayout:
        """The buttons under the details. A tool bar: where the details are too narrow for
        all of them, the rest move into its » overflow menu instead of widening the panel."""
        row = QHBoxLayout()
        row.setContentsMargins(4, 4, 4, 6)
        self.action_bar = QToolBar(translate("MainWindow", "Digital human actions"))
        self.action_bar.setObjectName("action-bar")
        self.action_bar.setMovable(False)
        self.action_bar.setFloatable(False)
        # Preferred: it may shrink to its » button, but no further (then the panel stops).
        self.action_bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        actions = self.human_actions
        # Actions, not widgets, so that those which do not fit are items of the » menu.
        preview = QAction(translate("MainWindow", "Preview"), self)
        preview.setToolTip(translate("MainWindow", "Save or open the selected action's preview"))
        preview_menu = QMenu(self)
        preview_menu.addActions([actions.save_preview, actions.open_preview])
        preview.setMenu(preview_menu)
        self.action_buttons: list[QToolButton] = []
        for action in (
            actions.favourite,
            actions.copy_id,
            actions.copy_json,
            actions.copy_request,
            preview,
        ):
            self.action_bar.addAction(action)
            button = self.action_bar.widgetForAction(action)
            assert isinstance(button, QToolButton)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoRaise(False)  # framed: they read as buttons, not as a menu bar
            button.setAccessibleName(action.text())
            action.changed.connect(
                lambda button=button, action=action: button.setAccessibleName(action.text())
            )
            self.action_buttons.append(button)
        self.action_buttons[-1].setObjectName("preview-menu")
        self.action_buttons[-1].setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Favourite ↔ Unfavourite: one width for both labels, so nothing beside it moves.
        _fix_width_for(
            self.action_buttons[0],
            (translate("HumanActions", "Favourite"), translate("HumanActions", "Unfavourite")),
        )
        # The » button that holds what does not fit: named, and reachable by Tab.
        overflow = self.action_bar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert overflow is not None, "every QToolBar has its extension button"
        self.action_bar_overflow = overflow
        self.action_bar_overflow.setAccessibleName(translate("MainWindow", "More actions"))
        self.action_bar_overflow.setToolTip(translate("MainWindow", "More actions"))
        self.action_bar_overflow.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.action_bar_overflow.setAutoRaise(False)  # framed like its neighbours: findable
        row.addWidget(self.action_bar, 1)
        self.use_button: QPushButton | None = None
        self.pick_buttons: list[QPushButton] = []
        if self.pick_mode:
            cancel = QPushButton(translate("MainWindow", "Cancel"))
            cancel.clicked.connect(self.close)
            self.use_button = QPushButton(translate("MainWindow", "Use this avatar"))
            self.use_button.setDefault(True)
            self.use_button.setEnabled(False)
            self.use_button.clicked.connect(self.accept_pick)
            self.pick_buttons = [cancel, self.use_button]
            row.addWidget(cancel)
            row.addWidget(self.use_button)
        return row

    def _build_status_bar(self) -> None:
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)  # it shows server names
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.statusBar().addWidget(self.progress_label)
        #: "3 of 28" while a search or the ★ filter hides cards, in place of the progress.
        self.match_label = QLabel()
        self.match_label.setObjectName("match-count")
        self.match_label.hide()
        self.statusBar().addWidget(self.match_label)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.status_line = StatusLine(
            self,
            self.model,
            self.store_link,
            lambda: self.session,
            lambda: self.sessions.profiles is not None,
            self.progress_label,
            self.progress_bar,
            self.error_banner,
        )
        self.grid_status = GridStatus(
            self.model,
            self.proxy,
            self.search_box,
            self.grid_message,
            (self.match_label, self.progress_label),
            lambda: self.status_line.load_error,
            lambda: self.session,
            lambda: self.sessions.profiles is not None,
            {
                Step.CLEAR_SEARCH: self.search_box.clear,
                Step.SHOW_ALL: self._show_all,
                Step.RETRY: self._retry,
                Step.EDIT_PROFILE: partial(self.open_connect_dialog, None),
                Step.USE_DEMO: lambda: self.switch_profile(None),
            },
            self,
        )
        self.status_line.loadErrorChanged.connect(self.grid_status.update)
        self.status_line.progressChanged.connect(self.grid_status.update)
        self.status_line.changesKnown.connect(self.words.set_changes)
        self.status_line.retryRequested.connect(self._retry)
        self.status_line.editProfileRequested.connect(self.open_connect_dialog)
        self.status_line.demoRequested.connect(lambda: self.switch_profile(None))

    def _build_menus(self) -> None:
        """Menus and keys come from the one table in `actions`; this only says who handles
        each command."""
        human = self.human_actions
        self.finding = Finding(
            self,
            lambda: self.session,
            self.model,
            self.proxy,
            self.view,
            self.details,
            human,
            lambda: self.voice_parts.section,
            self.voice_parts.open_view,
            self.statusBar().showMessage,
        )
        handlers: dict[str, Callable[[], object] | QAction] = {
            "reload": self.model.reload,
            "export_csv": lambda: self.export_view.ask(ExportFormat.CSV),
            "export_json": lambda: self.export_view.ask(ExportFormat.JSON),
            "quit": self.close,
            "copy_id": human.copy_id,
            "copy_json": human.copy_json,
            "copy_request": human.copy_request,
            "copy_pair": human.copy_pair,
            "save_preview": human.save_preview,
            "open_preview": human.open_preview,
            "find": self.focus_search,
            "go_to_id": self.finding.open_go_to_id,
            "voices": self.voice_parts.open_view,
            "gone": self.words.open_gone_view,
            "import_labels": self.words.ask_import_labels,
            "export_labels": self.words.ask_export_labels,
            "zoom_in": lambda: self.size_slider.setValue(self.size_slider.value() + 1),
            "zoom_out": lambda: self.size_slider.setValue(self.size_slider.value() - 1),
            "zoom_reset": lambda: self.size_slider.setValue(CARD_WIDTHS.index(DEFAULT_CARD_WIDTH)),
            "play_pause": self.details.toggle_playback,
            "hover_previews": self.hover_preview.toggle_action,
            "card_menu": self.view.request_card_menu,
            "escape": self._on_escape,
            "favourite": human.favourite,
            "undo_star": self.starring.undo,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        bound = bind(self, self.menuBar(), handlers, cards=self.view, pick_mode=self.pick_mode)
        self.commands = bound.actions
        self.reload_action = bound.actions["reload"]
        self.file_menu = bound.menus["&File"]
        self.edit_menu = bound.menus["&Edit"]
        self.view_menu = bound.menus["&View"]
        self.help_menu = bound.menus["&Help"]
        # Help ▸ Language, after Keyboard shortcuts (About keeps its own group at the end).
        help_actions = self.help_menu.actions()
        about = help_actions.index(self.commands["about"])
        before = (
            help_actions[about - 1] if about and help_actions[about - 1].isSeparator() else None
        )
        self.language_menu = language_menu(self, self.settings)
        self.help_menu.insertMenu(before or self.commands["about"], self.language_menu)

    def _connect_signals(self) -> None:
        self.fetch_mode_box.currentIndexChanged.connect(self._on_fetch_mode_changed)
        self.favourites_only.toggled.connect(
            lambda on: self.place.change(lambda: self.proxy.set_favourites_only(on))
        )
        self.new_only.toggled.connect(
            lambda on: self.place.change(lambda: self.proxy.set_new_only(on))
        )
        self.search_box.textChanged.connect(
            lambda text: self.place.change(lambda: self.proxy.set_search(text))
        )
        self.sort_box.currentIndexChanged.connect(
            lambda index: self.place.change(lambda: self.proxy.set_sorted_by_name(index == 1))
        )
        self.delegate.starClicked.connect(self._on_star_clicked)
        self.demo_banner.dismissed.connect(self._on_demo_banner_dismissed)
        self.size_slider.valueChanged.connect(self._on_card_size_changed)
        self.view.zoomRequested.connect(
            lambda step: self.size_slider.setValue(self.size_slider.value() + step)
        )
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.cardMenuRequested.connect(self._show_card_menu)
        self.details.contentBuilt.connect(self._update_tab_order)
        self.details.actionSelected.connect(lambda _action: self.human_actions.update_state())
        self.voice_parts.voiceChosen.connect(lambda _voice: self.human_actions.update_state())
        self.voice_parts.copied.connect(
            lambda what: self.statusBar().showMessage(
                translate("MainWindow", "Copied {what}").format(what=what), 4000
            )
        )
        if self.labels is not None:
            self.details.action_text = self.labels.shown
            self.labels.changed.connect(self.details.refresh_action_names)
            self.labels.done.connect(lambda text: self.statusBar().showMessage(text, 6000))
            self.labels.failed.connect(self.error_banner.show_message)
            self.details.renameRequested.connect(self.words.ask_rename_action)
        if self.notes is not None:
            self.notes.searchTextsReady.connect(self.proxy.set_user_texts)
            if self.labels is not None:
                self.labels.changed.connect(self.notes.refresh_search)
            if self.store_link is not None:  # the words cover the humans of the newest sync
                self.store_link.changesKnown.connect(self.notes.refresh_search)
        # The service answers again: a preview that could not be downloaded meanwhile loads.
        self.model.errorCleared.connect(self.details.retry_failed_preview)
        self.model.storedLoaded.connect(self._ask_for_first_portraits)
        self.model.modelReset.connect(lambda: self.details.show_human(None))
        self.favourites.changed.connect(self.model.set_favourites)
        self.proxy.rowsInserted.connect(
            lambda: self.first_screen.after(self._select_first_after_paint)
        )
        self.thumbnails.thumbnailChanged.connect(self._on_thumbnail_changed)

    def _ask_for_first_portraits(self, rows: int) -> None:
        """Ask for the portraits of the stored cards that fill the grid now, before their
        paint would: they load while the grid lays those cards out (a repeat start's
        portraits came 28 ms after its first cards, asked only by that paint)."""
        grid = self.view.gridSize()
        if not rows or grid.isEmpty():
            return
        fits = self.view.columns() * (self.view.viewport().height() // grid.height() + 1)
        indexes = (self.proxy.index(row, 0) for row in range(min(fits, self.proxy.rowCount())))
        humans = [human for human in map(human_at, indexes) if human is not None]
        self.thumbnails.prefetch(humans, self.delegate.image_size(), self.devicePixelRatioF())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._fit_to_screen()  # again, now that the frame's margins are known
            self._apply_details_share()
            # The details panel's player costs 30–40 ms to build (QtMultimedia): when the
            # window is first idle (after the first screen, at start-up), not on a selection.
            self._shown_once = True
            self.first_screen.after(
                lambda: AfterNextPaint(self.view.viewport(), self.details.prepare)
            )
        handle = self.windowHandle()
        if handle is not None:
            # A move to a screen with another pixel ratio: cards re-render at the new ratio.
            handle.screenChanged.connect(
                self.view.viewport().update, Qt.ConnectionType.UniqueConnection
            )

    # -- the connection -----------------------------------------------------------------------

    @property
    def session(self) -> CatalogSession | None:
        """The session browsed now, or None until the first one has opened."""
        return self.sessions.session

    def set_connection(self, connection: Connection) -> None:
        """Browse another app (or the demo) as given, with no profile behind it; it opens
        in a worker like a profile, and `sessionChanged` says when it is browsed."""
        self.sessions.open(connection)

    @Slot(object)
    def _on_session_changed(self, session: CatalogSession) -> None:
        """Show `session`'s catalog: old work is cancelled and its answers dropped."""
        connection = session.connection
        self.statusBar().clearMessage()  # "Connecting to …" is over
        # Fresh links (from the session's refreshes, portraits and previews): the details
        # panel takes them itself, from the session it is given below.
        session.humanRefreshed.connect(self.model.update_human)
        self.favourites.load(connection.label, StoreKey.of_connection(connection))
        if self.labels is not None:
            self.labels.load(StoreKey.of_connection(connection))
        if self.notes is not None:
            self.notes.load(StoreKey.of_connection(connection))
        self.thumbnails.set_session(session)
        self.details.set_session(session)
        self.voice_parts.set_session(session)
        self.model.set_session(session)
        # Qt appends the application's display name ("… — dhbrowser") itself.
        # The demo's label is dhbrowser's own (DEMO_LABEL): shown in the user's language.
        label = i18n._(connection.label) if connection.is_demo else connection.label
        title = (
            translate("MainWindow", "Choose a digital human — {label}").format(label=label)
            if self.pick_mode
            else ""
        )
        self.setWindowTitle(title or label)
        self._show_demo_banner(connection.is_demo)
        self.place.want(remembered_selection(self.settings, connection.label))
        self.grid_status.update()
        if self.profiles_menu is not None:
            self.profiles_menu.set_current(None if connection.is_demo else connection.label)

    def _show_demo_banner(self, demo: bool) -> None:
        """The demo notice, unless the user dismissed it (for good: it is remembered)."""
        if not demo or self.settings.value(DEMO_BANNER_DISMISSED, False, bool) is True:
            self.demo_banner.hide()
            return
        connect = (
            [(translate("MainWindow", "Connect…"), self.open_connect_dialog)]
            if self.sessions.profiles is not None
            else []
        )
        self.demo_banner.show_message(
            translate(
                "MainWindow",
                "Demo catalog: connect your ZEGOCLOUD app to browse your own digital humans.",
            ),
            connect,
        )

    @Slot()
    def _on_demo_banner_dismissed(self) -> None:
        self.settings.setValue(DEMO_BANNER_DISMISSED, True)

    def enable_profiles(
        self,
        settings: ProfileSettings,
        secrets: SecretStore,
        demo_connection: Callable[[], Connection],
    ) -> None:
        """Add the Profile menu and the Connect flow (the tests of the browser leave them out)."""
        self.sessions.profiles = ProfileAccess(settings, secrets, demo_connection)
        menu = ProfilesMenu(settings, secrets, self.pool, self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        menu.profileChosen.connect(self.switch_profile)
        menu.connectRequested.connect(self.open_connect_dialog)
        menu.profileRemoved.connect(self.sessions.profile_removed)
        self.profiles_menu = menu

    def switch_profile(self, name: str | None) -> None:
        """Browse profile `name`, or the demo for None.

        The connection is opened in a worker: the keyring read, the demo's emulator and the
        HTTP clients (httpx's import) all stay off the GUI thread, which meanwhile paints.
        """
        profiles = self.sessions.profiles
        if profiles is None:
            return
        stored = None
        if self.session is None:  # starting: show the catalog as last synced
            if name is None:
                stored = StoreKey.demo()
            elif (profile := profiles.settings.profile(name)) is not None:
                stored = StoreKey.of_profile(profile)
        if stored is not None and self.model.uses_store:
            # The banner's room is taken before the stored cards paint, not 35 px later.
            self._show_demo_banner(name is None)
            self.model.show_stored(stored)
            self._wait_for_first_screen()
        if name is not None:
            self.statusBar().showMessage(
                translate("MainWindow", "Connecting to {name}…").format(name=name)
            )
        self.first_screen.after(lambda: self.sessions.switch_profile(name))

    # -- start-up ordering --------------------------------------------------------------------

    def _wait_for_first_screen(self) -> None:
        """Hold back start-up work that can wait until the stored first screenful is painted
        with its portraits (or turned out empty, or FIRST_SCREEN_BUDGET_MS passed)."""
        gate = self.first_screen
        gate.hold(FIRST_SCREEN_BUDGET_MS)
        once = Qt.ConnectionType.SingleShotConnection
        self.model.storedLoaded.connect(lambda rows: gate.release() if rows == 0 else None, once)
        self.thumbnails.loadsFinished.connect(
            lambda: gate.release_after_paint(self.view.viewport()), once
        )

    @Slot(str, str)
    def _on_session_failed(self, text: str, missing_secret_of: str) -> None:
        self.statusBar().clearMessage()
        actions = (
            [
                (
                    translate("MainWindow", "Enter secret…"),
                    lambda: self.open_connect_dialog(missing_secret_of),
                )
            ]
            if missing_secret_of
            else []
        )
        self.error_banner.show_message(text, actions)

    @Slot()
    def open_connect_dialog(self, profile_name: str | None = None) -> ConnectDialog | None:
        """Ask for an AppId and ServerSecret; browse the new profile once it is saved.

        The dialog is filled in with profile `profile_name`, or the one being browsed.
        """
        profiles = self.sessions.profiles
        if profiles is None:
            return None
        if (
            profile_name is None
            and self.session is not None
            and not self.session.connection.is_demo
        ):
            profile_name = self.session.connection.label
        initial = profiles.settings.profile(profile_name) if profile_name is not None else None
        from dhbrowser.gui.connect_dialog import ConnectDialog  # only when asked for

        dialog = ConnectDialog(
            self.pool, profiles.settings, profiles.secrets, self, initial=initial
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_connected(dialog))
        dialog.open()
        return dialog

    def _on_connected(self, dialog: ConnectDialog) -> None:
        profile = dialog.profile()
        if profile is not None:
            self.error_banner.hide()
            self.switch_profile(profile.name)

    def show_storage_notices(self, notices: Sequence[str]) -> None:
        """Tell the user what on disk was damaged or cannot be saved (start-up's findings)."""
        if notices:
            self.storage_banner.show_message("\n".join(notices))

    def set_fetch_mode(self, mode: FetchMode) -> None:
        self.fetch_mode_box.setCurrentIndex(self.fetch_mode_box.findData(mode))

    # -- actions ------------------------------------------------------------------------------

    def selected_human(self) -> DigitalHuman | None:
        """The selected card's human, or the one Go to id shows when no card is selected."""
        return human_at(self.view.currentIndex()) or self.details.human

    @Slot()
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    @Slot()
    def accept_pick(self) -> None:
        """Pick mode: the selected human (and the action chosen in the details) is the answer."""
        human = self.selected_human()
        if self.pick_mode and human is not None:
            self.pick_voice = self.voice_parts.chosen()
            if self.require_voice and self.pick_voice is None:
                self.statusBar().showMessage(
                    translate("MainWindow", "Choose a voice for this avatar first"), 6000
                )
                return
            self.pick_result = (human, self.details.selected_action())
            self.picked.emit(human, self.pick_result[1])
            self.close()

    @property
    def voices(self) -> VoicesSection:
        """The details' Voices section (many tests choose voices in it)."""
        return self.voice_parts.section

    @Slot()
    def show_shortcuts(self) -> None:
        dialog = shortcuts_dialog(self, self.pick_mode)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            translate("MainWindow", "About dhbrowser"),
            translate(
                "MainWindow",
                "<h3>dhbrowser {version}</h3><p>Browse the ZEGOCLOUD AIGC digital humans of your app: portraits, action previews, and the DigitalHumanId you need.</p>",
            ).format(version=dhbrowser.__version__),
        )

    # -- slots --------------------------------------------------------------------------------

    @Slot(int)
    def _on_fetch_mode_changed(self, index: int) -> None:
        self.model.set_fetch_mode(FetchMode(self.fetch_mode_box.itemData(index)))

    @Slot(int)
    def _on_card_size_changed(self, step: int) -> None:
        self.delegate.set_card_width(CARD_WIDTHS[max(0, min(step, len(CARD_WIDTHS) - 1))])
        self._keep_columns_for_grid()
        self.view.relayout()

    def _keep_columns_for_grid(self) -> None:
        """The grid's minimum width: MIN_COLUMNS cards of the current size, or of the default
        size for larger cards (a large card may then stand alone)."""
        card = min(self.delegate.card_width, DEFAULT_CARD_WIDTH)
        item = card + 2 * CARD_MARGIN + CARD_SPACING
        scrollbar = self.view.verticalScrollBar().sizeHint().width()
        frame = 2 * self.view.frameWidth()
        self.view.setMinimumWidth(MIN_COLUMNS * item + CARD_SPACING + scrollbar + frame)

    def _update_tab_order(self) -> None:
        """Tab goes through the window as it reads: the filters left to right, the banners,
        the cards, the details top to bottom, then the buttons under them."""
        chain: list[QWidget] = [
            self.fetch_mode_box,
            self.favourites_only,
            self.search_box,
            self.sort_box,
            self.size_slider,
            *self.demo_banner.focus_chain(),
            *self.error_banner.focus_chain(),
            self.view,
            *self.details.focus_chain(),
            *self.action_buttons,
            self.action_bar_overflow,
            *self.pick_buttons,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        human = human_at(self.view.currentIndex())
        self.details.show_human(human)
        self.words.show_human(human)
        self.human_actions.update_state()
        if self.use_button is not None:
            self.use_button.setEnabled(human is not None)

    @Slot()
    def _select_first_after_paint(self) -> None:
        """The first card is selected as soon as it is on screen, so Enter works at once.

        Not before its paint: the first selection builds the details panel's player
        (QtMultimedia, 30–40 ms), which the new cards need not wait for.
        """
        viewport = self.view.viewport()
        if self._first_selection_pending or self._has_selection():
            return
        if not viewport.isVisible():
            self._select_first_if_none()
            return
        self._first_selection_pending = True
        AfterNextPaint(viewport, self._select_first_if_none)

    def _select_first_if_none(self) -> None:
        self._first_selection_pending = False
        if not self._has_selection() and self.proxy.rowCount() > 0:
            self.place.select_automatically(self.proxy.index(0, 0))
            log.info("the first card is selected")  # from here keys act on it

    def _has_selection(self) -> bool:
        """A card chosen. Not merely a current index: focus alone makes the first card
        current without selecting it, and the details would stay empty."""
        return self.view.selectionModel().hasSelection()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if human_at(index) is None:
            return
        if self.pick_mode:
            self.accept_pick()
        else:
            self.details.play_selected_action()

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        # Where a platform activates on single click, `activated` already picked.
        if self.pick_mode and self.pick_result is None and human_at(index) is not None:
            self.view.setCurrentIndex(index)
            self.accept_pick()

    @Slot(QModelIndex, QPoint)
    def _show_card_menu(self, index: QModelIndex, global_position: QPoint) -> None:
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = self.human_actions.menu(self)
        menu.exec(global_position)
        menu.deleteLater()

    # -- the grid's state, the search and the stars ---------------------------------------------

    def _show_all(self) -> None:
        self.search_box.clear()
        self.favourites_only.setChecked(False)

    @Slot()
    def _on_escape(self) -> None:
        """Esc: clear the search if there is one (the cards keep the focus), else cancel a
        pick; in the browser an empty search leaves Esc nothing to do."""
        if self.search_box.text():
            self.search_box.clear()
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.pick_mode:
            self.close()

    def _name_of(self, human_id: str) -> str:
        row = self.model.row_of(human_id)
        human = self.model.human(row) if row is not None else None
        return human.name if human is not None else human_id

    @Slot(QPersistentModelIndex)
    def _on_star_clicked(self, index: QPersistentModelIndex) -> None:
        human = human_at(index)
        if human is not None:
            self.starring.toggle(human.id)

    def _retry(self) -> None:
        self.thumbnails.retry_failed()
        self.model.retry()

    @Slot(str)
    def _on_thumbnail_changed(self, human_id: str) -> None:
        row = self.model.row_of(human_id)
        if row is not None:
            proxied = self.proxy.index_of_row(row)
            if proxied.isValid():
                self.view.update(proxied)

    # -- persistence and shutdown -------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(PREFERRED_SIZE)
        self._fit_to_screen()
        view = ViewSettings.read(self.settings)
        self._details_share = view.details_share
        step = min(range(len(CARD_WIDTHS)), key=lambda i: abs(CARD_WIDTHS[i] - view.card_width))
        self.size_slider.setValue(step)
        self._on_card_size_changed(step)
        self.set_fetch_mode(view.fetch_mode)
        self.sort_box.setCurrentIndex(1 if view.sorted_by_name else 0)
        self.favourites_only.setChecked(view.favourites_only)

    def _fit_to_screen(self) -> None:
        """Keep the window inside the screen's available area (no panel or dock under it):
        a first start's preferred size, or a size saved at another scale factor, shrinks to
        fit; a window left off-screen comes back."""
        available = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        borders = self.frameGeometry().size() - self.size()  # the title bar and borders
        whole = available.size() - borders
        size = self.size().boundedTo(whole)
        self.resize(size.expandedTo(self.minimumSizeHint().boundedTo(whole)))
        frame = self.frameGeometry()
        placed = QRect(frame.topLeft(), frame.size().boundedTo(available.size()))
        if not available.contains(placed):
            placed.moveCenter(available.center())
            placed.moveLeft(max(available.left(), placed.left()))
            placed.moveTop(max(available.top(), placed.top()))
            self.move(placed.topLeft())

    def _apply_details_share(self) -> None:
        """Split the width by the stored share, the grid keeping its minimum columns."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        details = round(total * self._details_share)
        details = min(details, total - self.view.minimumWidth())
        self.splitter.setSizes([total - details, details])

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        sizes = self.splitter.sizes()
        ViewSettings(
            card_width=CARD_WIDTHS[self.size_slider.value()],
            fetch_mode=self.model.fetch_mode,
            sorted_by_name=self.sort_box.currentIndex() == 1,
            favourites_only=self.favourites_only.isChecked(),
            details_share=sizes[1] / sum(sizes) if sum(sizes) > 0 else self._details_share,
        ).write(self.settings)
        chosen = self.place.wanted or (human.id if (human := self.selected_human()) else None)
        if self.session is not None and chosen is not None:
            remember_selection(self.settings, self.session.connection.label, chosen)
        self.settings.sync()

    def shutdown(self) -> None:
        """Stop playback and cancel every request of this window; safe to call twice."""
        self.first_screen.drop()  # start-up work still waiting never runs
        self.export.shutdown()
        self.details.show_human(None)
        self.model.shutdown()
        self.thumbnails.shutdown()
        self.voice_parts.close_view()
        self.sessions.shutdown()  # a connection still opening is dropped when it arrives

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.shutdown()
        super().closeEvent(event)


def _fix_width_for(button: QToolButton, labels: tuple[str, ...]) -> None:
    """Give `button` the width of its widest label, so a label change moves nothing."""
    metrics = button.fontMetrics()
    widest = max(metrics.horizontalAdvance(label) for label in labels)
    extra = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
    button.setMinimumWidth(widest + extra)
