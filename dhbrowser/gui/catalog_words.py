"""The user's own words about the catalog: action labels (rename, import, export), the tags
and note of the human in the details, and the view of the humans gone from the service.

The stores (`ActionLabels`, `HumanNotes`) are the window's; this asks the user and shows.
The commands in `actions.COMMANDS` bind to these methods.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from dhbrowser.api.models import DigitalHuman
from dhbrowser.gui.human_notes import HumanNotes, NotesSection
from dhbrowser.gui.save_dialog import Location, ask_save_path
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.labels import ActionLabels
from dhbrowser.qt.store_link import StoredChanges
from dhbrowser.qt.thumbnails import ThumbnailStore

if TYPE_CHECKING:
    from dhbrowser.gui.gone_view import GoneView


class CatalogWords(QObject):
    """Asks for and shows what the user wrote about this catalog, in `window`."""

    def __init__(
        self,
        window: QWidget,
        labels: ActionLabels | None,
        notes: HumanNotes | None,
        thumbnails: ThumbnailStore,
        shown_human: Callable[[], DigitalHuman | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._labels = labels
        self._notes = notes
        self._thumbnails = thumbnails
        self._shown_human = shown_human
        self.notes_section: NotesSection | None = None  # built with the details' content
        self.gone_view: GoneView | None = None
        self._changes: StoredChanges | None = None

    def build_notes_section(self) -> NotesSection:
        """The details' Tags and note section (the details build it with their content)."""
        assert self._notes is not None
        self.notes_section = NotesSection(self._notes)
        self.notes_section.show_human(self._shown_human())
        return self.notes_section

    def show_human(self, human: DigitalHuman | None) -> None:
        """The selection moved: the tags and note follow it."""
        if self.notes_section is not None:
            self.notes_section.show_human(human)

    def ask_rename_action(self, name: str) -> None:
        """Label an opaque action name for this catalog ("802_921474" → "nod")."""
        if self._labels is None:
            return
        label, accepted = QInputDialog.getText(
            self._window,
            translate("MainWindow", "Rename action"),
            translate(
                "MainWindow",
                "A name for “{name}” in this catalog (empty: none). The real name is still what is copied and sent.",
            ).format(name=name),
            text=self._labels.label(name),
        )
        if accepted:
            self._labels.rename(name, label)

    def ask_import_labels(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            translate("MainWindow", "Import action labels"),
            "",
            translate("MainWindow", "Action labels (*.json)"),
        )
        if path and self._labels is not None:
            self._labels.import_from(Path(path))

    def ask_export_labels(self) -> None:
        path = ask_save_path(
            self._window,
            translate("MainWindow", "Export action labels"),
            "action-labels.json",
            translate("MainWindow", "Action labels"),
            "json",
            Location.DocumentsLocation,
        )
        if path is not None and self._labels is not None:
            self._labels.export_to(path)

    @Slot(object)
    def set_changes(self, changes: StoredChanges) -> None:
        """What the newest sync dropped, for the gone view (shown or still to open)."""
        self._changes = changes
        if self.gone_view is not None:
            self.gone_view.set_changes(changes)

    def open_gone_view(self) -> None:
        """View → Gone from the service…: the humans the newest sync no longer lists."""
        from dhbrowser.gui.gone_view import GoneView

        if self.gone_view is None:
            self.gone_view = GoneView(self._thumbnails, self._window)
        if self._changes is not None:
            self.gone_view.set_changes(self._changes)
        self.gone_view.show()
        self.gone_view.raise_()
