"""A slim, non-modal message strip above the catalog (demo notice, load errors).

Its text often carries the server's words (an error's Message), so it is plain text: a
QLabel's default, AutoText, would render `<h1>` as a heading and `<img src="file:…">` as
a picture read from disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from dhbrowser.gui.theme import Tone, apply_tone
from dhbrowser.qt.i18n import translate


class BannerKind(Enum):
    INFO = Tone.INFO
    WARNING = Tone.WARNING


class Banner(QFrame):
    """A message with optional action buttons; hidden until `show_message` is called."""

    dismissed = Signal()  # the user closed it with its ✕

    def __init__(self, kind: BannerKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"banner-{kind.name.lower()}")
        self._kind = kind
        apply_tone(self, kind.value)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 5, 6, 5)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(translate("Banner", "Dismiss"))
        close.setAccessibleName(translate("Banner", "Dismiss"))
        close.clicked.connect(self.hide)
        close.clicked.connect(self.dismissed)
        self._close = close
        self._layout.addWidget(close)
        self.hide()

    def show_message(
        self, text: str, actions: Sequence[tuple[str, Callable[[], object]]] = ()
    ) -> None:
        """Show `text` with a button for each (label, callback)."""
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.hide()  # until it is deleted, it would still be drawn and take Tab
            button.deleteLater()
        self._buttons = []
        self.label.setText(text)
        for label, callback in actions:
            button = QPushButton(label)
            button.clicked.connect(callback)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        # Tab reaches the message's buttons before its ✕, in the order they are drawn,
        # where the ✕ stood in the window's order.
        before_close = self._close.previousInFocusChain()
        chain = [before_close, *self._buttons, self._close] if before_close else []
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.show()

    def update_text(self, text: str) -> None:
        """Change the message on show, keeping its buttons (and the keyboard focus on them)."""
        self.label.setText(text)

    def focus_chain(self) -> list[QWidget]:
        """The banner's keyboard stops, left to right."""
        return [*self._buttons, self._close]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            apply_tone(self, self._kind.value)  # the theme changed: light or dark again

    def button(self, label: str) -> QPushButton | None:
        return next((button for button in self._buttons if button.text() == label), None)
