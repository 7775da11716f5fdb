"""Go to id (Ctrl+L): paste a DigitalHumanId or a TimbreId and see what it is.

The lookup runs in a worker (`assets.look_up`: GetDigitalHumanInfo, then the voices). The
dialog stays open with a plain-words answer when this AppId and endpoint do not know the
id, since that is the moment the user needs to check which app they pasted it from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.core.assets import Found
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession


class GoToIdDialog(QDialog):
    found = Signal(object)  # assets.Found

    def __init__(
        self,
        session: Callable[[], CatalogSession | None],
        private_human_ids: Callable[[], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goto-id")
        self.setWindowTitle(translate("GoToIdDialog", "Go to id"))
        self._session = session
        self._private_ids = private_human_ids
        self.field = QLineEdit()
        self.field.setPlaceholderText(
            translate("GoToIdDialog", "Paste a DigitalHumanId or a TimbreId")
        )
        self.field.setMinimumWidth(380)
        self.status = QLabel(
            translate(
                "GoToIdDialog", "dhbrowser asks this app's endpoint, whatever the filter shows."
            )
        )
        self.status.setObjectName("goto-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.go_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.go_button.setText(translate("GoToIdDialog", "Go"))
        buttons.accepted.connect(self.go)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("GoToIdDialog", "DigitalHumanId or TimbreId")))
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    @Slot()
    def go(self) -> None:
        """Look the pasted id up in the background; the answer arrives as a signal."""
        from dhbrowser.core.assets import look_up

        text = self.field.text().strip()
        session = self._session()
        if not text:
            self.status.setText(translate("GoToIdDialog", "Paste an id first."))
            return
        if session is None or session.closed:
            self.status.setText(
                translate(
                    "GoToIdDialog", "Not connected yet: wait for the catalog to load, then retry."
                )
            )
            return
        private = tuple(self._private_ids())
        self.status.setText(translate("GoToIdDialog", "Looking up “{text}”…").format(text=text))
        self.go_button.setEnabled(False)
        workers.run(
            partial(look_up, session.client, text, private),
            self._on_found,
            self._on_failed,
            owner=self,
            pool=session.pool,
            key="look-up",  # the answer to the id pasted last
        )

    def _on_found(self, found: Found) -> None:
        self.go_button.setEnabled(True)
        self.found.emit(found)
        self.accept()

    def _on_failed(self, failure: workers.TaskError) -> None:
        self.go_button.setEnabled(True)
        self.status.setText(failure.text)
        self.adjustSize()  # the answer is a few wrapped lines: make room for all of them
