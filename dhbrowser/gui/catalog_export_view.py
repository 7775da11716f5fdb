"""File ▸ Export catalog, as the user sees it: the save dialog, the progress dialog while the
rest of the catalog loads, and the words in the status bar or the error banner at the end.

The export itself (waiting for the catalog, writing in a worker) is `CatalogExport`'s.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from dhbrowser.gui.banner import Banner
from dhbrowser.gui.save_dialog import Location, ask_save_path
from dhbrowser.qt.catalog_export import CatalogExport, ExportFormat, LoadingProgress
from dhbrowser.qt.i18n import number, translate


class CatalogExportView(QObject):
    """Shows one `CatalogExport`'s progress and outcome in `window`."""

    exported = Signal(str)  # the path written, once the status bar says so

    def __init__(self, export: CatalogExport, window: QMainWindow, error_banner: Banner) -> None:
        super().__init__(window)
        self._export = export
        self._window = window
        self._error_banner = error_banner
        self._progress: QProgressDialog | None = None  # see `_on_loading`
        export.loadingChanged.connect(self._on_loading)
        export.writing.connect(self._on_writing)
        export.finished.connect(self._on_exported)
        export.failed.connect(self._on_failed)
        export.cancelled.connect(self._on_cancelled)

    def ask(self, export_format: ExportFormat) -> None:
        """Ask where to save the catalog as `export_format`, then export it there."""
        label, suffix = export_format.value
        path = ask_save_path(
            self._window,
            translate("MainWindow", "Export catalog as {label}").format(label=label),
            f"digital-humans.{suffix}",
            label,
            suffix,
            Location.DocumentsLocation,
        )
        if path is not None:
            self._export.export(path, export_format)

    @Slot(object)
    def _on_loading(self, progress: LoadingProgress | None) -> None:
        """The progress dialog while the export waits for the whole catalog."""
        if progress is None:
            if self._progress is not None:
                self._progress.canceled.disconnect(self._export.cancel)
                self._progress.close()
                self._progress.deleteLater()
                self._progress = None
            return
        if self._progress is None:
            dialog = QProgressDialog(
                translate("MainWindow", "Loading the whole catalog before exporting…"),
                translate("MainWindow", "Cancel"),
                0,
                0,
                self._window,
            )
            dialog.setWindowTitle(translate("MainWindow", "Export catalog"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.canceled.connect(self._export.cancel)
            self._progress = dialog
            dialog.show()
        if progress.total > 0:
            self._progress.setMaximum(progress.total)
            self._progress.setValue(progress.loaded)
            self._progress.setLabelText(
                translate(
                    "MainWindow", "Loading the whole catalog before exporting… {loaded} of {total}"
                ).format(loaded=number(progress.loaded), total=number(progress.total))
            )

    @Slot(int)
    def _on_writing(self, count: int) -> None:
        self._window.statusBar().showMessage(
            self.tr("Exporting %n digital humans and their voices…", "", count)
        )

    @Slot(str, int)
    def _on_exported(self, path: str, count: int) -> None:
        self._window.statusBar().showMessage(
            self.tr("Exported %n digital humans to {path}", "", count).format(path=path),
            6000,
        )
        self.exported.emit(path)

    @Slot(str)
    def _on_failed(self, problem: str) -> None:
        self._error_banner.show_message(
            translate("MainWindow", "Could not export the catalog: {problem}").format(
                problem=problem
            )
        )

    @Slot()
    def _on_cancelled(self) -> None:
        self._window.statusBar().showMessage(translate("MainWindow", "Export cancelled"), 4000)
