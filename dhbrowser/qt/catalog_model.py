"""The list of digital humans as a Qt model, filled page by page in the background.

`CatalogModel` owns the paging (a Qt-free `Pager`), keeps up to `MAX_IN_FLIGHT` page
requests running on the pool, and inserts rows in the service's order as pages come back
in any order. After the first page it keeps syncing the rest at the API's rate limit, so
search and export see the whole catalog. A new query (another FetchMode, another session)
cancels the requests of the older one, so their answers are dropped.

With a catalog store (`StoreLink`), each query first shows the catalog as last synced,
read by workers: its first screenful, then the rest. The service's pages then refresh it
in place, row by row (`_merge`): a human still listed keeps its row (and so a selection),
a new one is inserted where the service lists it, one listed elsewhere is moved, and the
rows no page listed go when the last page is in. Without the service the stored catalog
stays, all of it searchable. `NEW_ROLE` marks the humans the newest sync added.

A page that fails for a passing reason (the rate limit, a busy service, HTTP 5xx, the
network), after the client's own quick retries, is asked for again by itself after
`AUTO_RETRY_DELAYS`, and the error's text counts down to it ("Retrying in 5 s"); after the
last of them the text says paging has stopped and the user's Retry starts a fresh round.
Paging also stops, with a message, when the service sends pages with nothing new
(`Pager.stopped_early`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from dhbrowser.api.errors import DhError, is_transient
from dhbrowser.api.models import DigitalHuman, FetchMode, Page
from dhbrowser.api.paging import MAX_LIMIT, Pager
from dhbrowser.core.search import SearchIndex, fold, query_words
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.plaintext import plain_tooltip
from dhbrowser.qt.roles import (
    FAVOURITE_ROLE,
    HUMAN_ROLE,
    NEW_ROLE,
    ModelIndex,
    accessible_description,
    actions_text,
    visibility_text,
)
from dhbrowser.qt.store_link import StoredCatalog, StoreLink
from dhbrowser.store import StoreKey

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession

log = logging.getLogger(__name__)


#: Page requests running at once. Three send the 10 of each rate-limit window within a few
#: round trips; more would only hold pool threads waiting in the limiter.
MAX_IN_FLIGHT = 3
#: Seconds before each automatic retry of a page that failed for a passing reason; after
#: the last one paging stops until the user retries. Each is on top of the client's own
#: quick retries (RetryPolicy), so a rate-limited app waits longer each round.
AUTO_RETRY_DELAYS: tuple[float, ...] = (5.0, 15.0, 45.0)
#: Stored humans read first, before the rest of the stored catalog: more cards than the
#: largest window shows at the smallest card size.
FIRST_SCREENFUL = 120


class CatalogModel(QAbstractListModel):
    progressChanged = Signal(int, int)  # loaded, total (-1 while unknown)
    syncingChanged = Signal(bool)
    errorOccurred = Signal(str)  # what to tell the user
    errorTextChanged = Signal(str)  # the same error, its countdown or retry under way
    errorCleared = Signal()
    stoppedEarly = Signal(str)  # paging stopped before the announced end: why
    syncFinished = Signal()  # every page of the query is in
    storedLoaded = Signal(int)  # stored rows now shown (0: none), first screenful or all
    storedComplete = Signal(object)  # StoredChanges: the stored catalog is all shown

    def __init__(
        self,
        pool: QThreadPool,
        parent: QObject | None = None,
        store: StoreLink | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._store = store
        self._stored_key: tuple[StoreKey, FetchMode] | None = None
        #: Rows at the top that the service listed in this query; those below come from
        #: the store and wait for a page to confirm them.
        self._confirmed = 0
        #: When the shown stored catalog was synced (None: nothing stored is shown).
        self.stored_at: float | None = None
        self._new: frozenset[str] = frozenset()
        self._session: CatalogSession | None = None
        self._fetch_mode = FetchMode.ALL
        self._humans: list[DigitalHuman] = []
        self._rows: dict[str, int] = {}
        self._favourites: frozenset[str] = frozenset()
        self._pager: Pager[DigitalHuman] = Pager(MAX_LIMIT)
        self._in_flight: dict[int, workers.TaskHandle] = {}
        self._paused_by_error = False
        self._syncing = False
        self.retry_delays = AUTO_RETRY_DELAYS
        self._auto_retries = 0  # automatic retries since a page last came in
        self._error_hint = ""  # the error on show, "" when none is
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry_automatically)
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(1000)
        self._countdown_timer.timeout.connect(
            lambda: self.errorTextChanged.emit(self._countdown_text())
        )

    # -- queries ---------------------------------------------------------------------------

    @property
    def fetch_mode(self) -> FetchMode:
        return self._fetch_mode

    @property
    def loaded(self) -> int:
        """Humans of this query that came from the service (not from the store)."""
        return self._confirmed

    @property
    def showing_stored(self) -> bool:
        """Whether rows from the store still wait for the service to list them."""
        return len(self._humans) > self._confirmed

    @property
    def uses_store(self) -> bool:
        """Whether queries start from the stored catalog (a store was given)."""
        return self._store is not None

    def is_new(self, human_id: str) -> bool:
        return human_id in self._new

    @property
    def total(self) -> int | None:
        return self._pager.total

    @property
    def finished(self) -> bool:
        return self._pager.finished

    @property
    def syncing(self) -> bool:
        return self._syncing

    def humans(self) -> list[DigitalHuman]:
        return list(self._humans)

    def human(self, row: int) -> DigitalHuman | None:
        return self._humans[row] if 0 <= row < len(self._humans) else None

    def row_of(self, human_id: str) -> int | None:
        return self._rows.get(human_id)

    def is_favourite(self, human_id: str) -> bool:
        return human_id in self._favourites

    # -- changing the query ----------------------------------------------------------------

    def set_session(self, session: CatalogSession | None) -> None:
        """Page through `session`; a stored catalog already shown for it stays, and the
        service's pages refresh it in place."""
        self._session = session
        self.reload()

    def set_fetch_mode(self, mode: FetchMode) -> None:
        if mode != self._fetch_mode:
            self._fetch_mode = mode
            self.reload()

    def show_stored(self, key: StoreKey) -> None:
        """Before the session exists (at start-up): show `key`'s stored catalog.

        `set_session` with a session of the same catalog keeps it on screen.
        """
        self.reload(key)

    def set_new(self, new_ids: frozenset[str]) -> None:
        """Mark the humans the newest sync added (the "New" badges)."""
        changed, self._new = new_ids ^ self._new, new_ids
        self._emit_changed(changed, NEW_ROLE)

    def set_favourites(self, favourites: frozenset[str]) -> None:
        changed = favourites ^ self._favourites
        self._favourites = favourites
        self._emit_changed(changed, FAVOURITE_ROLE)

    def _emit_changed(self, human_ids: frozenset[str], role: int) -> None:
        for human_id in human_ids:
            row = self._rows.get(human_id)
            if row is not None:
                index = self.index(row)
                self.dataChanged.emit(index, index, [role])

    def reload(self, key: StoreKey | None = None) -> None:
        """Start the query again from the first page; late answers of the old one are dropped.

        The rows shown stay while they are this catalog's (of this FetchMode): the pages
        refresh them in place. Another catalog's go, and this one's stored rows come.
        """
        self._cancel_in_flight()
        key = key or self._key()
        stored = None if key is None else (key, self._fetch_mode)
        self._confirmed = 0
        if stored is None or stored != self._stored_key:
            self.beginResetModel()
            self._humans.clear()
            self._rows.clear()
            self._new = frozenset()
            self.stored_at = None
            self._stored_key = stored
            self.endResetModel()
            if stored is not None:
                self._load_stored(stored, FIRST_SCREENFUL)
        self._pager = Pager(MAX_LIMIT)
        self._paused_by_error = False
        self._error_hint = ""
        self.errorCleared.emit()
        self.progressChanged.emit(0, -1)
        self._request_pages()

    def retry(self) -> None:
        """Resume after an error now: the failed page is asked for again, and automatic
        retries start a fresh round if it fails again."""
        if self._paused_by_error:
            self._auto_retries = 0
            self._paused_by_error = False
            self._clear_error()
            self._request_pages()

    @property
    def retry_pending(self) -> bool:
        """Whether an automatic retry is counting down."""
        return self._retry_timer.isActive()

    def shutdown(self) -> None:
        """Stop all paging work; used when the window closes."""
        self._session = None
        self._cancel_in_flight()

    def update_human(self, human: DigitalHuman) -> None:
        """Replace a row's record (fresh URLs from GetDigitalHumanInfo), keeping its place."""
        row = self._rows.get(human.id)
        if row is not None:
            self._humans[row] = human
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # -- QAbstractItemModel ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._humans)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        human = self.human(index.row()) if index.isValid() else None
        if human is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return human.name
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = visibility_text(human)
            actions = actions_text(len(human.actions))
            return plain_tooltip(f"{human.name}\n{human.id}\n{kind} · {actions}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return human.name
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return accessible_description(human, human.id in self._favourites)
        if role == HUMAN_ROLE:
            return human
        if role == FAVOURITE_ROLE:
            return human.id in self._favourites
        if role == NEW_ROLE:
            return human.id in self._new
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return ["text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Dragging cards out drops their ids (one per line) into any text field."""
        data = QMimeData()
        ids = [human.id for index in indexes if (human := self.human(index.row())) is not None]
        data.setText("\n".join(ids))
        return data

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return (
            not parent.isValid()
            and self._session is not None
            and not self._pager.finished
            and not self._paused_by_error
        )

    def fetchMore(self, parent: ModelIndex) -> None:
        if not parent.isValid():
            self._request_pages()

    # -- paging ----------------------------------------------------------------------------

    def _request_pages(self) -> None:
        session = self._session
        if session is None or session.closed or self._paused_by_error:
            self._set_syncing(False)
            return
        while len(self._in_flight) < MAX_IN_FLIGHT and (offset := self._pager.claim()) is not None:
            self._in_flight[offset] = workers.run(
                partial(session.client.list_page, offset, MAX_LIMIT, self._fetch_mode),
                partial(self._on_page, offset),
                partial(self._on_page_failed, offset),
                owner=self,
                pool=self._pool,
                priority=1,
            )
        self._set_syncing(bool(self._in_flight))

    def _on_page(self, offset: int, page: Page) -> None:
        if self._in_flight.pop(offset, None) is None:
            return  # a page still in flight when paging finished
        if not self._paused_by_error:  # else another page's retry is still counting down
            self._auto_retries = 0
            self._clear_error()
        self._merge(self._pager.accept(page))
        if self._pager.finished:
            if not self._pager.stopped_early:  # else the listing is not complete
                self._drop_unconfirmed()
            total = len(self._humans)
            self._drop_in_flight()  # the pages after the end are of no use
        else:
            total = -1 if self._pager.total is None else self._pager.total
        self.progressChanged.emit(self._confirmed, total)
        self._request_pages()
        if self._pager.finished:
            if self._pager.stopped_early:
                self.stoppedEarly.emit(self._pager.stopped_early)
            self.syncFinished.emit()

    def _on_page_failed(self, offset: int, failure: workers.TaskError) -> None:
        if self._in_flight.pop(offset, None) is None:
            return
        error = failure.error
        self._pager.release(offset)
        log.warning("page at offset %d failed: %s", offset, error)
        if not self._paused_by_error:
            self._paused_by_error = True
            self._error_hint = failure.text
            passing = isinstance(error, DhError) and is_transient(error)
            if passing and self._auto_retries < len(self.retry_delays):
                delay = self.retry_delays[self._auto_retries]
                self._auto_retries += 1
                self._retry_timer.start(round(delay * 1000))
                self._countdown_timer.start()
                self.errorOccurred.emit(self._countdown_text())
            elif passing:
                after = (
                    self.tr(" after %n automatic retries", "", self._auto_retries)
                    if self._auto_retries
                    else ""
                )
                self.errorOccurred.emit(
                    translate(
                        "CatalogModel",
                        "{error_hint} dhbrowser stopped{after}: press Retry to try again.",
                    ).format(error_hint=self._error_hint, after=after)
                )
            else:
                self.errorOccurred.emit(self._error_hint)
        self._set_syncing(bool(self._in_flight))

    def _countdown_text(self) -> str:
        # Rounded, not ceiled: a timer just started may report a little over its interval.
        seconds = max(1, round(self._retry_timer.remainingTime() / 1000))
        return translate(
            "CatalogModel", "{error_hint} Retrying in {seconds} s (retry {attempt} of {retries})."
        ).format(
            error_hint=self._error_hint,
            seconds=seconds,
            attempt=self._auto_retries,
            retries=len(self.retry_delays),
        )

    @Slot()
    def _retry_automatically(self) -> None:
        self._countdown_timer.stop()
        if not self._paused_by_error:
            return
        attempt = f"{self._auto_retries} of {len(self.retry_delays)}"
        self.errorTextChanged.emit(
            translate("CatalogModel", "{error_hint} Retrying now (retry {attempt})…").format(
                error_hint=self._error_hint, attempt=attempt
            )
        )
        self._paused_by_error = False
        self._request_pages()

    def _clear_error(self) -> None:
        """Stop any countdown; hide the error if one is on show."""
        self._retry_timer.stop()
        self._countdown_timer.stop()
        if self._error_hint:
            self._error_hint = ""
            self.errorCleared.emit()

    # -- the stored catalog, refreshed in place -------------------------------------------

    def _key(self) -> StoreKey | None:
        if self._store is None or self._session is None:
            return None
        return StoreKey.of_connection(self._session.connection)

    def _load_stored(self, stored: tuple[StoreKey, FetchMode], first: int | None) -> None:
        if self._store is not None:
            key, mode = stored
            self._store.load(
                key,
                mode,
                first,
                partial(self._on_stored, stored),
                self._on_stored_failed,
                owner=self,
            )

    def _on_stored(self, stored: tuple[StoreKey, FetchMode], loaded: StoredCatalog) -> None:
        # Not tied to the query: a reload of the same catalog keeps its rows.
        if stored != self._stored_key:
            return  # another catalog's, or another FetchMode's
        if loaded.changes is None:  # the first screenful: shown at once, the rest read next
            shown = 0 if self._humans else len(loaded.humans)  # else the service came first
            if shown:
                self._append(list(loaded.humans))
                self.stored_at = loaded.synced_at
            self.storedLoaded.emit(shown)
            if loaded.humans:
                self._load_stored(stored, None)
            return
        # All of it: those not shown yet go below, to wait for the pages like the others.
        self._append([human for human in loaded.humans if human.id not in self._rows])
        if self._humans and self.stored_at is None:
            self.stored_at = loaded.synced_at
        self.set_new(loaded.changes.new_ids)
        if self._pager.finished and not self._pager.stopped_early:
            self._drop_unconfirmed()  # a sync that came first has the last word
        self.storedLoaded.emit(len(self._humans) - self._confirmed)
        self.storedComplete.emit(loaded.changes)

    def _on_stored_failed(self, failure: workers.TaskError) -> None:
        if self._store is not None:
            self._store.report_read(failure)
        self.storedLoaded.emit(0)

    def _append(self, humans: list[DigitalHuman]) -> None:
        """Add unconfirmed rows at the end."""
        if humans:
            start = len(self._humans)
            self.beginInsertRows(QModelIndex(), start, start + len(humans) - 1)
            self._humans.extend(humans)
            self._rows.update((human.id, row) for row, human in enumerate(humans, start))
            self.endInsertRows()

    def _merge(self, fresh: list[DigitalHuman]) -> None:
        """Put the humans a page listed (next in the service's order) at the top of the
        unconfirmed rows: in place where they are already there, moved from lower down,
        or inserted. Runs of each are one model change."""
        index = 0
        while index < len(fresh):
            row = self._confirmed
            found = self._rows.get(fresh[index].id)
            if found is not None and found < row:
                index += 1  # listed twice: the first place stands
                continue
            if found is None:
                end = index
                while end < len(fresh) and fresh[end].id not in self._rows:
                    end += 1
                run = fresh[index:end]
                self.beginInsertRows(QModelIndex(), row, row + len(run) - 1)
                self._humans[row:row] = run
                self._reindex(row)
                self.endInsertRows()
            else:
                if found > row:  # the rows in between wait below: gone, or listed later
                    self._move_to_end(row, found - 1)
                end = index
                while (
                    end < len(fresh)
                    and row + end - index < len(self._humans)
                    and self._humans[row + end - index].id == fresh[end].id
                ):
                    self._humans[row + end - index] = fresh[end]
                    end += 1
                self.dataChanged.emit(self.index(row), self.index(row + end - index - 1))
            self._confirmed += end - index
            index = end

    def _move_to_end(self, first: int, last: int) -> None:
        count = len(self._humans)
        self.beginMoveRows(QModelIndex(), first, last, QModelIndex(), count)
        self._humans[first:] = self._humans[last + 1 :] + self._humans[first : last + 1]
        self._reindex(first)
        self.endMoveRows()

    def _reindex(self, start: int) -> None:
        for row in range(start, len(self._humans)):
            self._rows[self._humans[row].id] = row

    def _drop_unconfirmed(self) -> None:
        """The listing is complete: stored rows no page listed are gone from the service."""
        count = len(self._humans)
        if count > self._confirmed:
            self.beginRemoveRows(QModelIndex(), self._confirmed, count - 1)
            for human in self._humans[self._confirmed :]:
                del self._rows[human.id]
            del self._humans[self._confirmed :]
            self.endRemoveRows()

    def _cancel_in_flight(self) -> None:
        self._retry_timer.stop()
        self._countdown_timer.stop()
        self._auto_retries = 0
        self._drop_in_flight()
        self._set_syncing(False)

    def _drop_in_flight(self) -> None:
        """Cancel the page requests not started yet; answers of those running are dropped."""
        for handle in self._in_flight.values():
            handle.cancel()
        self._in_flight.clear()

    def _set_syncing(self, syncing: bool) -> None:
        if syncing != self._syncing:
            self._syncing = syncing
            self.syncingChanged.emit(syncing)


#: Ends every search text, before its two marks; whitespace to `str.split`, so no query
#: word and no field of a search key (`search_key` splits them) can contain it.
_MARKS = "\x1f"
_FAVOURITE, _NEW, _UNMARKED = "F", "N", "-"


class SearchTexts(QStringListModel):
    """What the filter matches each row of a CatalogModel by, row for row, kept in Qt's own
    storage: the filter proxy's C++ regular expression then reads it without a call into
    Python per row (Qt tests every row on each keystroke).

    A row's text is the human's folded search key (`SearchIndex`), the user's words about
    it, then two marks: whether its card belongs in the ★ view, and whether the newest sync
    added it. It follows the catalog's changes as they happen: rows are removed before the
    catalog removes its own, so a row here is always the catalog's row of the same number
    while anyone reads it.
    """

    def __init__(self, catalog: CatalogModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._index = SearchIndex()
        #: Human id → the user's words about it (labels, tags, note), folded as queries are.
        self._user_texts: dict[str, str] = {}
        self._favourites_view = False
        #: Unstarred while the ★ view is on: their cards stay until the view is left.
        self._kept: set[str] = set()
        catalog.rowsInserted.connect(self._on_inserted)
        catalog.rowsAboutToBeRemoved.connect(self._on_about_to_be_removed)
        catalog.rowsMoved.connect(self._on_moved)
        catalog.modelAboutToBeReset.connect(self._index.clear)  # another query: its humans
        catalog.modelReset.connect(self._on_reset)
        catalog.dataChanged.connect(self._on_data_changed)
        self._on_reset()

    def set_favourites_view(self, enabled: bool) -> None:
        """The ★ view starts with the stars given now; a card unstarred in it stays."""
        self._favourites_view = enabled
        self._kept.clear()
        self._rewrite(range(self.rowCount()), announce=False)  # the filter change follows

    def set_user_texts(self, texts: dict[str, str]) -> None:
        folded = {human_id: fold(text).replace(_MARKS, " ") for human_id, text in texts.items()}
        changed = {
            human_id
            for human_id in folded.keys() | self._user_texts.keys()
            if folded.get(human_id) != self._user_texts.get(human_id)
        }
        self._user_texts = folded
        rows = (self._catalog.row_of(human_id) for human_id in changed)
        self._rewrite(sorted(row for row in rows if row is not None), announce=True)

    def _text(self, human: DigitalHuman, row: int | None = None) -> str:
        """The text of `human`, at `row` unless it is not stored yet."""
        starred = self._catalog.is_favourite(human.id)
        if self._favourites_view and not starred and row is not None:
            was_shown = str(self.data(self.index(row)))[-2:-1] == _FAVOURITE
            if was_shown:
                self._kept.add(human.id)  # unstarred in the ★ view: it stays
        in_view = starred or human.id in self._kept
        extra = self._user_texts.get(human.id)
        key = self._index.key(human)
        return "".join(
            (
                f"{key}\n{extra}" if extra else key,
                _MARKS,
                _FAVOURITE if in_view else _UNMARKED,
                _NEW if self._catalog.is_new(human.id) else _UNMARKED,
            )
        )

    def _rewrite(self, rows: Sequence[int], *, announce: bool) -> None:
        """Recompute the texts of `rows` (ascending) without a signal per row; then, if
        `announce`, one dataChanged over them, for the filter to test them again."""
        if not rows:
            return
        blocked = self.blockSignals(True)
        try:
            for row in rows:
                human = self._catalog.human(row)
                if human is not None:
                    self.setData(self.index(row), self._text(human, row))
        finally:
            self.blockSignals(blocked)
        if announce:
            self.dataChanged.emit(self.index(rows[0]), self.index(rows[-1]), [])

    def _on_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.insertRows(first, last - first + 1)
        self._rewrite(range(first, last + 1), announce=True)

    def _on_about_to_be_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.removeRows(first, last - first + 1)

    def _on_moved(
        self, _parent: QModelIndex, first: int, last: int, _destination: QModelIndex, row: int
    ) -> None:
        self.moveRows(QModelIndex(), first, last - first + 1, QModelIndex(), row)

    def _on_reset(self) -> None:
        humans = self._catalog.humans()
        self.setStringList([self._text(human) for human in humans])

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        self._rewrite(range(top_left.row(), bottom_right.row() + 1), announce=True)


class CatalogFilterModel(QSortFilterProxyModel):
    """Search (see `dhbrowser.core.search`; the user's labels, tags and notes too), optional
    favourites-only or new-only, optional sort by name, over a CatalogModel.

    The filter runs in C++: its source is the catalog's `SearchTexts`, and each query is
    one regular expression over them (every word, in any order; the marks of the ★ and New
    filters), so a keystroke over 10,000 humans calls no Python per row. The rows' other
    data comes from the CatalogModel itself (`data`), for the rows the view shows; the
    CatalogModel's row `row` is this proxy's source row `row` (`index_of_row`).

    In the favourites-only view a card once shown stays while the view is on, even after it
    is unstarred: the card under the pointer does not vanish (with the next one's star
    moving under it), and starring it again is one click away.
    """

    #: The rows shown changed for a search, filter or label: one signal after all the
    #: rows inserted and removed for it.
    filterChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._favourites_only = False
        self._new_only = False
        self._catalog: CatalogModel | None = None
        self._texts: SearchTexts | None = None
        self._refiltering = False
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    @property
    def searching(self) -> bool:
        return bool(self._words)

    @property
    def favourites_only(self) -> bool:
        return self._favourites_only

    @property
    def new_only(self) -> bool:
        return self._new_only

    @property
    def refiltering(self) -> bool:
        """Whether the rows now inserted and removed are for a change of the filter (and
        `filterChanged` follows)."""
        return self._refiltering

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        """Show `model`, a CatalogModel (once: the proxy keeps its search texts)."""
        if not isinstance(model, CatalogModel) or self._catalog is not None:
            raise TypeError("a CatalogFilterModel shows one CatalogModel")
        self._catalog = model
        self._texts = SearchTexts(model, self)
        super().setSourceModel(self._texts)

    def index_of_row(self, row: int) -> QModelIndex:
        """This proxy's index of the CatalogModel's row `row` (invalid while filtered out)."""
        if self._texts is None:
            return QModelIndex()
        return self.mapFromSource(self._texts.index(row))

    def set_search(self, text: str) -> None:
        self._words = query_words(text)
        self._refilter()

    def set_favourites_only(self, enabled: bool) -> None:
        self._favourites_only = enabled
        if self._texts is not None:
            self._texts.set_favourites_view(enabled)
        self._refilter()

    def set_user_texts(self, texts: dict[str, str]) -> None:
        """What search also matches each human by: its tags, note and action labels."""
        if self._texts is not None:
            self._refiltering = True
            try:
                self._texts.set_user_texts(texts)
            finally:
                self._refiltering = False
            self.filterChanged.emit()

    def set_new_only(self, enabled: bool) -> None:
        """Show only the humans the newest sync added (NEW_ROLE)."""
        self._new_only = enabled
        self._refilter()

    def set_sorted_by_name(self, enabled: bool) -> None:
        """By the search text, which starts with the folded name (then the unique id)."""
        self.sort(0 if enabled else -1, Qt.SortOrder.AscendingOrder)

    def _refilter(self) -> None:
        """One regular expression for the whole filter; none at all (no row read) for
        none: an empty pattern accepts every row without reading it."""
        parts = []
        if self._favourites_only:
            parts.append(f"(?=.*{_MARKS}{_FAVOURITE}.\\z)")
        if self._new_only:
            parts.append(f"(?=.*{_MARKS}.{_NEW}\\z)")
        words = [QRegularExpression.escape(word) for word in self._words]
        if not parts and len(words) == 1:
            pattern = words[0]  # the common case: a plain search, quicker than a lookahead
        else:
            parts += [f"(?=.*{word})" for word in words]
            pattern = "\\A" + "".join(parts) if parts else ""
        self._refiltering = True
        try:
            self.setFilterRegularExpression(
                QRegularExpression(
                    pattern, QRegularExpression.PatternOption.DotMatchesEverythingOption
                )
            )
        finally:
            self._refiltering = False
        self.filterChanged.emit()

    # -- the rows' data: the CatalogModel's own -------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        catalog = self._catalog
        if catalog is None or not index.isValid():
            return None
        return catalog.data(catalog.index(self.mapToSource(index).row()), role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        catalog = self._catalog
        if catalog is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return catalog.flags(catalog.index(self.mapToSource(index).row()))

    def mimeTypes(self) -> list[str]:
        return [] if self._catalog is None else self._catalog.mimeTypes()

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        catalog = self._catalog
        if catalog is None:
            return QMimeData()
        rows = [self.mapToSource(index).row() for index in indexes if index.isValid()]
        return catalog.mimeData([catalog.index(row) for row in rows])

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return self._catalog is not None and self._catalog.canFetchMore(QModelIndex())

    def fetchMore(self, parent: ModelIndex) -> None:
        if self._catalog is not None and not parent.isValid():
            self._catalog.fetchMore(QModelIndex())


def human_at(index: ModelIndex) -> DigitalHuman | None:
    """The human behind any index of the model or its proxies."""
    human = index.data(HUMAN_ROLE) if index.isValid() else None
    return human if isinstance(human, DigitalHuman) else None
