"""Go to id (Ctrl+L): ask for a DigitalHumanId or TimbreId, and show what it is — the human's
card (or the human in the details where the filter hides its card), its voice chosen, or a
public voice in the Voices view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Slot
from PySide6.QtWidgets import QWidget

from dhbrowser.api.models import DigitalHuman
from dhbrowser.gui.catalog_view import CatalogView
from dhbrowser.gui.details import DetailPanel
from dhbrowser.gui.human_actions import HumanActions
from dhbrowser.qt.catalog_model import CatalogFilterModel, CatalogModel
from dhbrowser.qt.i18n import translate

if TYPE_CHECKING:
    from dhbrowser.core.assets import Found
    from dhbrowser.gui.goto import GoToIdDialog
    from dhbrowser.gui.voices import VoicesSection, VoicesView
    from dhbrowser.qt.session import CatalogSession


class Finding(QObject):
    """Opens Go to id in `window` and shows what it found in the grid and the details."""

    def __init__(
        self,
        window: QWidget,
        session: Callable[[], CatalogSession | None],
        model: CatalogModel,
        proxy: CatalogFilterModel,
        view: CatalogView,
        details: DetailPanel,
        human_actions: HumanActions,
        voices: Callable[[], VoicesSection],
        open_voices_view: Callable[[], VoicesView],
        say: Callable[[str, int], object],
    ) -> None:
        """`voices`: the details' Voices section (made when first asked for); `say`: a
        message for the status bar, shown for that many milliseconds."""
        super().__init__(window)
        self._window = window
        self._session = session
        self._model = model
        self._proxy = proxy
        self._view = view
        self._details = details
        self._human_actions = human_actions
        self._voices = voices
        self._open_voices_view = open_voices_view
        self._say = say

    @Slot()
    def open_go_to_id(self) -> GoToIdDialog:
        """Ask for a DigitalHumanId or TimbreId and show what it is (Ctrl+L)."""
        from dhbrowser.gui.goto import GoToIdDialog

        dialog = GoToIdDialog(
            self._session,
            lambda: [human.id for human in self._model.humans() if not human.is_public],
            self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.found.connect(self.show_found)
        dialog.open()
        return dialog

    def show_found(self, found: Found) -> None:
        """Show what Go to id found: a human (with its voice chosen, for a private voice),
        or a public voice in the Voices view."""
        if found.human is not None:
            self.show_found_human(found.human, found.timbre.id if found.timbre else "")
        elif found.timbre is not None:
            self._open_voices_view().select_id(found.timbre.id)

    def show_found_human(self, human: DigitalHuman, timbre_id: str = "") -> None:
        """Show `human` in the details, selecting its card if the filter shows it, and choose
        the voice `timbre_id` for it if given."""
        row = self._model.row_of(human.id)
        index = self._proxy.index_of_row(row) if row is not None else None
        if index is not None and index.isValid():
            self._view.setCurrentIndex(index)
            self._view.scrollTo(index)
        else:
            self._view.setCurrentIndex(QModelIndex())
            self._details.show_human(human)
            self._human_actions.update_state()
            self._say(
                translate(
                    "MainWindow",
                    "Showing {name}: the current filter or list does not show its card",
                ).format(name=human.name),
                8000,
            )
        if timbre_id:
            self._choose_when_listed(human.id, timbre_id)

    def _choose_when_listed(self, human_id: str, timbre_id: str) -> None:
        voices = self._voices()
        if voices.choose(timbre_id):
            return

        def choose(_voice: object) -> None:
            shown = self._details.human
            listed = voices.voices_of(human_id) is not None
            if shown is None or shown.id != human_id or listed:
                voices.voiceChosen.disconnect(choose)  # before choosing: it emits again
                if shown is not None and shown.id == human_id:
                    voices.choose(timbre_id)

        voices.voiceChosen.connect(choose)
