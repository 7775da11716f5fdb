"""File ▸ Export catalog: what the current filter shows, once every page of the query is in.

The window asks for the path and shows what this reports: `loadingChanged` while the rest
of the catalog loads first (a progress dialog), then `writing`, `finished` or `failed`.
The file is rendered and written in a worker (the bound voices are asked for there too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QThreadPool, Signal, Slot

from dhbrowser.core.export import catalog_csv, catalog_json
from dhbrowser.core.files import write_atomic
from dhbrowser.qt import workers
from dhbrowser.qt.catalog_model import CatalogFilterModel, CatalogModel, human_at

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession


class ExportFormat(Enum):
    CSV = ("CSV", "csv")
    JSON = ("JSON", "json")


@dataclass(frozen=True, slots=True)
class LoadingProgress:
    """How far the catalog has loaded before the export can be written."""

    loaded: int
    #: The query's total; 0 while the service has not said it.
    total: int


class CatalogExport(QObject):
    """One export at a time; a new one replaces the one waiting for the catalog."""

    #: A LoadingProgress while the export waits for the rest of the catalog; None when it
    #: no longer waits (written, cancelled or failed).
    loadingChanged = Signal(object)
    writing = Signal(int)  # how many digital humans
    finished = Signal(str, int)  # the path written, how many digital humans
    failed = Signal(str)  # what went wrong, in words
    cancelled = Signal()

    def __init__(
        self,
        pool: QThreadPool,
        model: CatalogModel,
        shown: CatalogFilterModel,
        session: Callable[[], CatalogSession | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._model = model
        self._shown = shown
        self._session = session
        self._pending: tuple[Path, ExportFormat] | None = None
        model.progressChanged.connect(self._on_progress)
        model.syncFinished.connect(self._on_sync_finished)
        model.errorOccurred.connect(self._on_load_failed)

    @property
    def waiting(self) -> bool:
        """An export waits for the catalog to load."""
        return self._pending is not None

    def export(self, path: Path, export_format: ExportFormat) -> None:
        """Write what `shown` shows to `path`, after loading the rest of the catalog."""
        self._pending = (path, export_format)
        if self._model.finished:
            self._write()
            return
        self.loadingChanged.emit(LoadingProgress(self._model.loaded, self._model.total or 0))
        self._model.fetchMore(QModelIndex())

    def cancel(self) -> None:
        """The user gave up waiting: nothing is written."""
        if self._pending is None:
            return
        self._pending = None
        self.loadingChanged.emit(None)
        self.cancelled.emit()

    def shutdown(self) -> None:
        """The window closes: an export still waiting is dropped without a word."""
        if self._pending is not None:
            self._pending = None
            self.loadingChanged.emit(None)

    @Slot(int, int)
    def _on_progress(self, loaded: int, total: int) -> None:
        if self._pending is not None and total > 0:
            self.loadingChanged.emit(LoadingProgress(loaded, total))

    @Slot()
    def _on_sync_finished(self) -> None:
        if self._pending is not None:
            self._write()

    @Slot(str)
    def _on_load_failed(self, _hint: str) -> None:
        self.cancel()  # the error banner says why the catalog stopped loading

    def _write(self) -> None:
        assert self._pending is not None
        path, export_format = self._pending
        self._pending = None
        self.loadingChanged.emit(None)
        humans = [
            human
            for row in range(self._shown.rowCount())
            if (human := human_at(self._shown.index(row, 0)))
        ]
        session = self._session()
        client = session.client if session is not None else None  # the worker gets no QObject
        render = catalog_csv if export_format is ExportFormat.CSV else catalog_json

        def write() -> Path:
            from dhbrowser.core.assets import bound_voices

            voices = bound_voices(client, humans) if client is not None else None
            return write_atomic(path, render(humans, voices).encode("utf-8"))

        self.writing.emit(len(humans))
        workers.run(
            write,
            partial(self._on_written, len(humans)),
            self._on_failed,
            owner=self,
            pool=self._pool,
        )

    def _on_written(self, count: int, path: Path) -> None:
        self.finished.emit(str(path), count)

    def _on_failed(self, failure: workers.TaskError) -> None:
        self.failed.emit(failure.text)
