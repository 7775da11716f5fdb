"""The main window: filter bar, card grid, detail panel, status bar and banners."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, QSettings, Qt, QThreadPool, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QSizePolicy,
    QSlider,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.api.models import DigitalHuman, FetchMode
from dhbrowser.connection import Connection
from dhbrowser.gui.banner import Banner, BannerKind
from dhbrowser.gui.card_delegate import HumanCardDelegate
from dhbrowser.gui.catalog_model import CatalogFilterModel, CatalogModel, human_at
from dhbrowser.gui.catalog_view import CatalogView
from dhbrowser.gui.details import DetailPanel
from dhbrowser.gui.session import CatalogSession
from dhbrowser.gui.thumbnails import ThumbnailStore

log = logging.getLogger(__name__)

CARD_WIDTHS = (96, 120, 144, 160, 192, 224, 256, 320)
DEFAULT_CARD_WIDTH = 160
FETCH_MODES = (("All", FetchMode.ALL), ("Public", FetchMode.PUBLIC), ("Private", FetchMode.PRIVATE))


class MainWindow(QMainWindow):
    def __init__(
        self,
        pool: QThreadPool,
        thumbnail_cache: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dhbrowser-main")
        self.pool = pool
        self.session: CatalogSession | None = None
        self.settings = QSettings()

        self.model = CatalogModel(pool, self)
        self.proxy = CatalogFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.thumbnails = ThumbnailStore(pool, thumbnail_cache, parent=self)

        self.view = CatalogView()
        self.view.setModel(self.proxy)
        self.delegate = HumanCardDelegate(self.thumbnails, self.view)
        self.view.setItemDelegate(self.delegate)
        self.details = DetailPanel(self.thumbnails, self)

        self.demo_banner = Banner(BannerKind.INFO)
        self.error_banner = Banner(BannerKind.WARNING)
        self._build_toolbar()
        self._build_central()
        self._build_status_bar()
        self._build_actions()
        self._connect_signals()
        self._restore_settings()
        if not self.settings.contains("window/geometry"):
            self.resize(1180, 760)

    # -- building ----------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar("Filters")
        bar.setObjectName("filters")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.fetch_mode_box = QComboBox()
        self.fetch_mode_box.setToolTip("Which digital humans to list (FetchMode)")
        for label, mode in FETCH_MODES:
            self.fetch_mode_box.addItem(label, mode)
        bar.addWidget(QLabel(" Show "))
        bar.addWidget(self.fetch_mode_box)
        bar.addSeparator()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search name or id  (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(260)
        bar.addWidget(self.search_box)
        bar.addSeparator()
        self.sort_box = QComboBox()
        self.sort_box.addItems(["Catalog order", "Name A–Z"])
        self.sort_box.setToolTip("Sort the cards")
        bar.addWidget(self.sort_box)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(QLabel("Size "))
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(0, len(CARD_WIDTHS) - 1)
        self.size_slider.setFixedWidth(120)
        self.size_slider.setToolTip("Card size (Ctrl+wheel over the cards)")
        bar.addWidget(self.size_slider)

    def _build_central(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 440])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.statusBar().addWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress_bar)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.file_menu = file_menu
        self.reload_action = QAction("&Reload", self, shortcut=QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.model.reload)
        file_menu.addAction(self.reload_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.edit_menu = edit_menu
        self.copy_id_action = QAction("&Copy id", self, shortcut=QKeySequence.StandardKey.Copy)
        self.copy_id_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_id_action.triggered.connect(self.copy_selected_id)
        self.view.addAction(self.copy_id_action)
        edit_menu.addAction(self.copy_id_action)
        find_action = QAction("&Find", self, shortcut=QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(find_action)
        self.addAction(find_action)

        self.help_menu = self.menuBar().addMenu("&Help")

        play_pause = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        play_pause.activated.connect(self.details.toggle_playback)
        self.play_pause_shortcut = play_pause

    def _connect_signals(self) -> None:
        self.fetch_mode_box.currentIndexChanged.connect(self._on_fetch_mode_changed)
        self.search_box.textChanged.connect(self.proxy.set_search)
        self.sort_box.currentIndexChanged.connect(
            lambda index: self.proxy.set_sorted_by_name(index == 1)
        )
        self.size_slider.valueChanged.connect(self._on_card_size_changed)
        self.view.zoomRequested.connect(
            lambda step: self.size_slider.setValue(self.size_slider.value() + step)
        )
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.activated.connect(self._on_activated)
        self.model.progressChanged.connect(self._on_progress)
        self.model.syncingChanged.connect(self._on_syncing)
        self.model.errorOccurred.connect(self._on_error)
        self.model.errorCleared.connect(self.error_banner.hide)
        self.model.modelReset.connect(lambda: self.details.show_human(None))
        self.thumbnails.thumbnailChanged.connect(self._on_thumbnail_changed)
        self.thumbnails.humanRefreshed.connect(self._on_human_refreshed)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        handle = self.windowHandle()
        if handle is not None:
            # A move to a screen with another pixel ratio: cards re-render at the new ratio.
            handle.screenChanged.connect(
                lambda _screen: self.view.viewport().update(), Qt.ConnectionType.UniqueConnection
            )

    # -- the connection -----------------------------------------------------------------------

    def set_connection(self, connection: Connection) -> None:
        """Browse another app (or the demo): old work is cancelled and its answers dropped."""
        old = self.session
        self.session = CatalogSession(connection, self.pool, parent=self)
        self.session.humanRefreshed.connect(self._on_human_refreshed)
        self.thumbnails.set_session(self.session)
        self.details.set_session(self.session)
        self.model.set_session(self.session)
        if old is not None:
            old.close()
            old.deleteLater()
        self.setWindowTitle(f"dhbrowser — {connection.label}")
        if connection.is_demo:
            self.demo_banner.show_message(
                "Demo catalog: connect your ZEGOCLOUD app to browse your own digital humans."
            )
        else:
            self.demo_banner.hide()

    # -- actions ------------------------------------------------------------------------------

    def selected_human(self) -> DigitalHuman | None:
        return human_at(self.view.currentIndex())

    @Slot()
    def copy_selected_id(self) -> None:
        human = self.selected_human()
        if human is not None:
            QGuiApplication.clipboard().setText(human.id)
            self.statusBar().showMessage(f"Copied {human.id}", 3000)

    @Slot()
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.view.setCurrentIndex(index)

    # -- slots --------------------------------------------------------------------------------

    @Slot(int)
    def _on_fetch_mode_changed(self, index: int) -> None:
        self.model.set_fetch_mode(FetchMode(self.fetch_mode_box.itemData(index)))

    @Slot(int)
    def _on_card_size_changed(self, step: int) -> None:
        width = CARD_WIDTHS[max(0, min(step, len(CARD_WIDTHS) - 1))]
        self.delegate.set_card_width(width)
        self.view.doItemsLayout()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.details.show_human(human_at(self.view.currentIndex()))

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if human_at(index) is not None:
            self.details.play_selected_action()

    @Slot(int, int)
    def _on_progress(self, loaded: int, total: int) -> None:
        if total < 0:
            self.progress_label.setText("Loading…")
        else:
            self.progress_label.setText(f"Loaded {loaded} of {total}")
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(loaded)

    @Slot(bool)
    def _on_syncing(self, syncing: bool) -> None:
        self.progress_bar.setVisible(syncing)
        if syncing and self.model.total is None:
            self.progress_bar.setRange(0, 0)

    @Slot(str)
    def _on_error(self, hint: str) -> None:
        self.error_banner.show_message(hint, [("Retry", self._retry)])

    def _retry(self) -> None:
        self.thumbnails.retry_failed()
        self.model.retry()

    @Slot(str)
    def _on_thumbnail_changed(self, human_id: str) -> None:
        row = self.model.row_of(human_id)
        if row is not None:
            source = self.model.index(row)
            proxied = self.proxy.mapFromSource(source)
            if proxied.isValid():
                self.view.update(proxied)

    @Slot(object)
    def _on_human_refreshed(self, human: object) -> None:
        if isinstance(human, DigitalHuman):
            self.model.update_human(human)
            self.details.update_human(human)

    # -- persistence and shutdown -------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        state = self.settings.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)  # type: ignore[arg-type]
        width = int(self.settings.value("view/card_width", DEFAULT_CARD_WIDTH))  # type: ignore[arg-type]
        step = min(range(len(CARD_WIDTHS)), key=lambda i: abs(CARD_WIDTHS[i] - width))
        self.size_slider.setValue(step)
        self._on_card_size_changed(step)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("view/card_width", CARD_WIDTHS[self.size_slider.value()])
        self.settings.sync()

    def shutdown(self) -> None:
        """Stop playback and cancel every request of this window; safe to call twice."""
        self.details.show_human(None)
        self.model.shutdown()
        self.thumbnails.shutdown()
        if self.session is not None:
            self.session.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.shutdown()
        super().closeEvent(event)
