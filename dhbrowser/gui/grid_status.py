"""Why the grid is empty (a message in it, with what to do), and how many cards match (in the
status bar, in place of the progress while a search or a filter hides cards).

`describe` words it; this gathers the state from the models and the filter bar, and runs
the step the user clicks with the action the window gives for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QLineEdit

from dhbrowser.gui.grid_message import GridMessage, GridState, Step, describe
from dhbrowser.qt.catalog_model import CatalogFilterModel, CatalogModel
from dhbrowser.qt.i18n import translate

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession


class GridStatus(QObject):
    """Keeps the grid's message and the match count in step with the catalog and filters."""

    def __init__(
        self,
        model: CatalogModel,
        proxy: CatalogFilterModel,
        search_box: QLineEdit,
        grid_message: GridMessage,
        labels: tuple[QLabel, QLabel],
        load_error: Callable[[], str],
        session: Callable[[], CatalogSession | None],
        has_profiles: Callable[[], bool],
        steps: Mapping[Step, Callable[[], object]],
        parent: QObject | None = None,
    ) -> None:
        """`labels`: the match count and the progress it stands in for; `steps`: what each
        of the message's buttons does."""
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._search_box = search_box
        self._grid_message = grid_message
        self._match_label, self._progress_label = labels
        self._load_error = load_error
        self._session = session
        self._has_profiles = has_profiles
        self._steps = dict(steps)
        # Once per search or filter change (the message quotes the search), not once per
        # run of rows it showed or hid; and as the catalog's rows come and go.
        proxy.filterChanged.connect(self.update)
        for signal in (
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.modelReset,
            proxy.layoutChanged,
        ):
            signal.connect(self._on_rows_changed)

    def _on_rows_changed(self) -> None:
        if not self._proxy.refiltering:  # else filterChanged follows, once
            self.update()

    @Slot()
    def update(self) -> None:
        """Say in the grid why it is empty, and in the status bar how many cards match."""
        shown = self._proxy.rowCount()
        proxy = self._proxy
        counting = proxy.searching or proxy.favourites_only or proxy.new_only
        if counting:
            text = f"{shown} of {self._model.rowCount()}"
            self._match_label.setText(
                text
                if self._model.finished
                else translate("MainWindow", "{text} · loading…").format(text=text)
            )
        self._match_label.setVisible(counting)
        self._progress_label.setVisible(not counting)
        session = self._session()
        connection = session.connection if session is not None else None
        load_error = self._load_error()
        message = describe(
            GridState(
                shown=shown,
                search=self._search_box.text(),
                favourites_only=proxy.favourites_only,
                loading=not self._model.finished and not load_error,
                error=load_error,
                endpoint=connection.endpoint if connection is not None else "",
                profile=connection.label if connection is not None else "",
                is_demo=connection is None or connection.is_demo,
                has_profiles=self._has_profiles(),
            )
        )
        if message is None:
            self._grid_message.hide()
            return
        text, steps = message
        self._grid_message.show_message(text, [(step.label, self._steps[step]) for step in steps])
