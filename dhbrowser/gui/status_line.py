"""The status bar's story of the listing: how far it loaded, from the store or the service,
what changed since the last sync, and the error banner when the service cannot be reached.

The window builds the status bar's widgets and the banner; this writes them as the model and
the store link report. What the banner's buttons do is the window's: they are signals here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from dhbrowser.api.models import FetchMode
from dhbrowser.gui.banner import Banner
from dhbrowser.qt.catalog_model import CatalogModel
from dhbrowser.qt.i18n import number, translate
from dhbrowser.qt.store_link import StoredChanges, StoreLink
from dhbrowser.store.model import local_time

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession


class StatusLine(QObject):
    """Listens to the model and the store link; writes the progress and the error banner."""

    #: The listing stopped on an error or goes on again: the grid says so (`load_error`).
    loadErrorChanged = Signal()
    #: The progress moved: the grid's count and message follow it.
    progressChanged = Signal()
    #: StoredChanges: what the newest sync added and dropped, as the store knows it.
    changesKnown = Signal(object)
    #: The banner's buttons: try the listing again, edit profile `name`, browse the demo.
    retryRequested = Signal()
    editProfileRequested = Signal(str)
    demoRequested = Signal()

    def __init__(
        self,
        window: QWidget,
        model: CatalogModel,
        store_link: StoreLink | None,
        session: Callable[[], CatalogSession | None],
        has_profiles: Callable[[], bool],
        progress_label: QLabel,
        progress_bar: QProgressBar,
        error_banner: Banner,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._model = model
        self._store_link = store_link
        self._session = session
        self._has_profiles = has_profiles
        self._progress_label = progress_label
        self._progress_bar = progress_bar
        self._error_banner = error_banner
        #: Why the query stopped loading ("" while it has not), for the grid's message.
        self.load_error = ""
        self._offline_since = ""
        model.progressChanged.connect(self._on_progress)
        model.syncingChanged.connect(self._on_syncing)
        model.syncFinished.connect(self._on_sync_finished)
        if store_link is not None:
            store_link.changesReady.connect(self._on_changes)
            store_link.changesKnown.connect(self._on_stored_changes)
            model.storedComplete.connect(self._on_stored_changes)
            store_link.noticeReady.connect(error_banner.show_message)
            store_link.failed.connect(error_banner.show_message)
        model.errorOccurred.connect(self._on_error)
        model.errorTextChanged.connect(error_banner.update_text)
        model.errorCleared.connect(self._on_error_cleared)
        model.stoppedEarly.connect(
            lambda text: error_banner.show_message(
                text, [(translate("MainWindow", "Reload"), model.reload)]
            )
        )
        model.storedLoaded.connect(
            lambda rows: progress_label.setText(self._stored_status()) if rows else None
        )

    @Slot(int, int)
    def _on_progress(self, loaded: int, total: int) -> None:
        if self._model.showing_stored:
            self._progress_label.setText(self._stored_status())
        elif total < 0:
            self._progress_label.setText(translate("MainWindow", "Loading…"))
        else:
            self._progress_label.setText(
                translate("MainWindow", "Loaded {loaded} of {total}").format(
                    loaded=number(loaded), total=number(total)
                )
            )
            self._progress_bar.setRange(0, max(total, 1))
            # QProgressBar.setValue repaints synchronously, and with it every card the page
            # just added: all of it inside this handler (60 ms on the first page, where the
            # fonts are first used). With updates off it only schedules its repaint, and the
            # cards are painted in an event of their own.
            self._progress_bar.setUpdatesEnabled(False)
            self._progress_bar.setValue(loaded)
            self._progress_bar.setUpdatesEnabled(True)
        self.progressChanged.emit()

    @Slot(bool)
    def _on_syncing(self, syncing: bool) -> None:
        self._progress_bar.setVisible(syncing)
        if syncing and self._model.total is None:
            self._progress_bar.setRange(0, 0)

    @Slot()
    def _on_sync_finished(self) -> None:
        # Only the whole catalog (not its public or private half) is a sync, and only as
        # listed: not with stored rows a listing that stopped early did not confirm.
        complete = self._model.fetch_mode == FetchMode.ALL and not self._model.showing_stored
        session = self._session()
        if self._store_link and session and complete:
            self._store_link.record(session.connection, self._model.humans(), session.client)

    @Slot(str)
    def _on_changes(self, summary: str) -> None:
        if summary and self._model.finished:
            self._progress_label.setText(f"{self._progress_label.text()} · {summary}")

    @Slot(str)
    def _on_error(self, hint: str) -> None:
        self.load_error = hint
        self.loadErrorChanged.emit()
        steps: list[tuple[str, Callable[[], object]]] = [
            (translate("MainWindow", "Retry"), self.retryRequested.emit)
        ]
        session = self._session()
        connection = session.connection if session is not None else None
        if connection is not None and not connection.is_demo and not self._model.retry_pending:
            hint = translate(
                "MainWindow", "Can’t reach {endpoint} for profile {profile}: {hint}"
            ).format(endpoint=connection.endpoint, profile=connection.label, hint=hint)
            if self._has_profiles():
                steps += [
                    (
                        translate("MainWindow", "Edit profile"),
                        lambda: self.editProfileRequested.emit(connection.label),
                    ),
                    (translate("MainWindow", "Use demo"), self.demoRequested.emit),
                ]
        self._error_banner.show_message(hint, steps)
        if self._model.showing_stored:
            self._offline_since = self._offline_since or time.strftime("%H:%M")
            self._progress_label.setText(self._stored_status())
        elif not self._model.retry_pending:  # "Loading…" would say it goes on
            self._progress_label.setText(
                translate("MainWindow", "Loading stopped at {loaded}").format(
                    loaded=number(self._model.loaded)
                )
            )

    def _stored_status(self) -> str:
        """What the status bar says while stored rows wait for the service: updating, or
        offline since the first failure, with when the catalog shown was synced."""
        synced = self._model.stored_at
        count = self._model.rowCount()
        shown = (
            self.tr("%n digital humans", "", count)
            if synced is None
            else self.tr("%n digital humans as synced {moment}", "", count).format(
                moment=local_time(synced)
            )
        )
        if self._offline_since and self._error_banner.isVisibleTo(self._window):
            return translate("MainWindow", "Offline since {time} · showing {shown}").format(
                time=self._offline_since, shown=shown
            )
        self._offline_since = ""
        return translate("MainWindow", "Showing {shown} · updating…").format(shown=shown)

    @Slot(object)
    def _on_stored_changes(self, changes: object) -> None:
        if isinstance(changes, StoredChanges):
            self._model.set_new(changes.new_ids)
            self.changesKnown.emit(changes)

    @Slot()
    def _on_error_cleared(self) -> None:
        self.load_error = ""
        self._error_banner.hide()
        self.loadErrorChanged.emit()
