"""Favourites like a library: a star on each card, a count on the ★ filter, and Undo.

`Starring` sits beside `Favourites` (which stores the ids) and watches its changes, so it
works the same whichever control starred a human: the card's star, the Favourite button,
the context menu or Ctrl+D (keys: the actions table). The last single change can be undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton

from dhbrowser.qt.favourites import Favourites
from dhbrowser.qt.i18n import translate

FILTER_LABEL = str(QT_TRANSLATE_NOOP("Starring", "★ Favourites"))


def filter_label(count: int) -> str:
    label = translate("Starring", FILTER_LABEL)
    return f"{label} ({count})" if count else label


class Starring(QObject):
    def __init__(
        self,
        favourites: Favourites,
        filter_button: QAbstractButton,
        name_of: Callable[[str], str],
        notify: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._favourites = favourites
        self._button = filter_button
        self._name_of = name_of
        self._notify = notify
        self._ids = favourites.ids
        self._last: str | None = None  # the id whose star changed last, for Undo
        self._undoing = False
        self.undo = QAction(translate("Starring", "Undo"), self)
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setEnabled(False)
        self.undo.triggered.connect(self._undo)
        favourites.changed.connect(self._on_changed)
        self._update_button()

    def toggle(self, human_id: str) -> None:
        """Star or unstar `human_id` (the card's star), saying what happened."""
        starred = self._favourites.toggle(human_id)
        done = (
            translate("Starring", "Starred {name} · Ctrl+Z undoes")
            if starred
            else translate("Starring", "Unstarred {name} · Ctrl+Z undoes")
        )
        self._notify(done.format(name=self._name_of(human_id)))

    @Slot(frozenset)
    def _on_changed(self, ids: frozenset[str]) -> None:
        changed = ids ^ self._ids
        self._ids = ids
        self._update_button()
        if self._undoing:
            return
        if len(changed) == 1:  # one star clicked; a profile switch changes many or none
            (self._last,) = changed
            starred = self._last in ids
            undo = (
                translate("Starring", "Undo star {name}")
                if starred
                else translate("Starring", "Undo unstar {name}")
            )
            self.undo.setText(undo.format(name=self._name_of(self._last)))
            self.undo.setEnabled(True)
        else:
            self._last = None
            self.undo.setText(translate("Starring", "Undo"))
            self.undo.setEnabled(False)

    def _undo(self) -> None:
        if self._last is None:
            return
        human_id, self._last = self._last, None
        self._undoing = True
        try:
            starred = self._favourites.toggle(human_id)
        finally:
            self._undoing = False
        self.undo.setText(translate("Starring", "Undo"))
        self.undo.setEnabled(False)
        undone = (
            translate("Starring", "Undone: {name} is starred")
            if starred
            else translate("Starring", "Undone: {name} is not starred")
        )
        self._notify(undone.format(name=self._name_of(human_id)))

    def _update_button(self) -> None:
        count = len(self._ids)
        self._button.setText(filter_label(count))
        self._button.setToolTip(
            translate("Starring", "Show only starred digital humans ({count} starred)").format(
                count=count
            )
            if count
            else translate("Starring", "Show only starred digital humans (none starred yet)")
        )
