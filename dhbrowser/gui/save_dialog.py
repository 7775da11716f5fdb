"""Asking where to save, the way desktop apps do.

The dialog opens in the folder the user saved to last (in any of dhbrowser's save
dialogs), or the first time in Downloads (previews) or Documents (exports), never in the
folder the app happened to be started from. A name typed without the chosen type's
extension gets it, and replacing an existing file of that name is asked first (the
dialog only asked about the name as typed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dhbrowser.qt.i18n import translate
from dhbrowser.qt.settings import APPLICATION, ORGANIZATION

LAST_FOLDER_KEY = "files/last_save_folder"
Location = QStandardPaths.StandardLocation


def with_extension(path: Path, suffix: str) -> Path:
    """`path` ending in `.suffix` (any case): "report" -> "report.csv"."""
    if path.suffix.lower() == f".{suffix.lower()}":
        return path
    return path.with_name(f"{path.name}.{suffix}")


def start_folder(settings: QSettings, first_time: Location) -> Path:
    """The last folder saved to, if it is still there; else `first_time`, else home."""
    last = settings.value(LAST_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    standard = QStandardPaths.writableLocation(first_time)
    return Path(standard) if standard and Path(standard).is_dir() else Path.home()


def ask_save_path(
    parent: QWidget,
    title: str,
    file_name: str,
    type_label: str,
    suffix: str,
    first_time: Location,
) -> Path | None:
    """Ask where to save a `type_label` file; None if the user cancelled."""
    settings = QSettings(ORGANIZATION, APPLICATION)
    folder = start_folder(settings, first_time)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(folder / file_name), f"{type_label} (*.{suffix})"
    )
    if not chosen:
        return None
    path = with_extension(Path(chosen), suffix)
    if path != Path(chosen) and path.exists():
        answer = QMessageBox.question(
            parent,
            title,
            translate("save_dialog", "{name} already exists in {parent}. Replace it?").format(
                name=path.name, parent=path.parent
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    return path
