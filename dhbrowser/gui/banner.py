"""A slim, non-modal message strip above the catalog (demo notice, load errors).

Its text often carries the server's words (an error's Message), so it is plain text: a
QLabel's default, AutoText, would render `<h1>` as a heading and `<img src="file:…">` as
a picture read from disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class BannerKind(Enum):
    INFO = ("#e8f0fe", "#1a3d7c")
    WARNING = ("#fdecea", "#7a1c12")


class Banner(QFrame):
    """A message with optional action buttons; hidden until `show_message` is called."""

    dismissed = Signal()  # the user closed it with its ✕

    def __init__(self, kind: BannerKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"banner-{kind.name.lower()}")
        background, foreground = kind.value
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.WindowText, foreground)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
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
        close.setToolTip("Dismiss")
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
            button.deleteLater()
        self._buttons = []
        self.label.setText(text)
        for label, callback in actions:
            button = QPushButton(label)
            button.clicked.connect(callback)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        self.show()

    def update_text(self, text: str) -> None:
        """Change the message on show, keeping its buttons (and the keyboard focus on them)."""
        self.label.setText(text)

    def button(self, label: str) -> QPushButton | None:
        return next((button for button in self._buttons if button.text() == label), None)
