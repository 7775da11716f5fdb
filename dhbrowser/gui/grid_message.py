"""What the card grid says when it has no card to show, and the next step it offers.

A blank white grid tells the user nothing: whether the search matched nobody, the ★ view
is empty, the catalog is still loading or the service cannot be reached. `describe` picks
the words and the ways out from the window's state; `GridMessage` draws them over the
grid's viewport (the cards' own background stays).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dhbrowser.qt.i18n import translate

#: How a query's text is quoted back: bounded, as the search box takes any length.
MAX_QUOTED = 60


class Step(Enum):
    """A way out the message offers; the window knows how to take each."""

    CLEAR_SEARCH = str(QT_TRANSLATE_NOOP("GridMessage", "Clear search"))
    SHOW_ALL = str(QT_TRANSLATE_NOOP("GridMessage", "Show all"))
    RETRY = str(QT_TRANSLATE_NOOP("GridMessage", "Retry"))
    EDIT_PROFILE = str(QT_TRANSLATE_NOOP("GridMessage", "Edit profile"))
    USE_DEMO = str(QT_TRANSLATE_NOOP("GridMessage", "Use demo"))

    @property
    def label(self) -> str:
        """The button's text, in the user's language."""
        return translate("GridMessage", self.value)


@dataclass(frozen=True)
class GridState:
    shown: int
    search: str
    favourites_only: bool
    #: The query is still loading (no answer yet, or pages still to come).
    loading: bool
    #: Why loading stopped ("" while it has not); the error banner shows the words.
    error: str = ""
    endpoint: str = ""
    profile: str = ""
    is_demo: bool = False
    #: The connection comes from a profile the user can edit and leave for the demo.
    has_profiles: bool = False


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"‘{text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + '…'}’"


def describe(state: GridState) -> tuple[str, tuple[Step, ...]] | None:
    """The message for a grid in `state`, or None while it shows cards."""
    if state.shown > 0:
        return None
    search = state.search.strip()
    if search:
        if state.favourites_only:
            text = (
                translate(
                    "GridMessage", "No starred digital humans match {search} yet (still loading)."
                )
                if state.loading
                else translate("GridMessage", "No starred digital humans match {search}.")
            )
        else:
            text = (
                translate("GridMessage", "No digital humans match {search} yet (still loading).")
                if state.loading
                else translate("GridMessage", "No digital humans match {search}.")
            )
        ways: tuple[Step, ...] = (Step.CLEAR_SEARCH,)
        if state.favourites_only:
            ways += (Step.SHOW_ALL,)
        return text.format(search=quoted(search)), ways
    if state.favourites_only and not state.loading:
        return (
            translate(
                "GridMessage",
                "No favourites here yet. Star a digital human with the ☆ on its card (or press Ctrl+D) and it appears in this view.",
            ),
            (Step.SHOW_ALL,),
        )
    if state.error:
        where = (
            translate("GridMessage", "Can’t reach the demo catalog.")
            if state.is_demo
            else translate("GridMessage", "Can’t reach {endpoint} for profile {profile}.").format(
                endpoint=state.endpoint, profile=state.profile
            )
        )
        steps: tuple[Step, ...] = (Step.RETRY,)
        if state.has_profiles and not state.is_demo:
            steps += (Step.EDIT_PROFILE, Step.USE_DEMO)
        return where, steps  # the banner above says why
    if state.loading:
        return translate("GridMessage", "Loading digital humans…"), ()
    return translate("GridMessage", "This catalog has no digital humans to show here."), ()


class GridMessage(QWidget):
    """A centred message with buttons, laid over a view's viewport and kept its size."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("grid-message")
        self.label = QLabel()
        self.label.setObjectName("grid-message-text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the user's search
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.label.setFont(font)
        palette = self.label.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        self.label.setPalette(palette)
        self._row = QHBoxLayout()
        self._row.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(self._row)
        layout.addStretch(2)
        self._buttons: list[QPushButton] = []
        viewport.installEventFilter(self)
        self.setGeometry(viewport.rect())
        self.hide()

    def show_message(
        self, text: str, steps: Sequence[tuple[str, Callable[[], object]]] = ()
    ) -> None:
        if text == self.label.text() and [b.text() for b in self._buttons] == [
            label for label, _ in steps
        ]:
            self.show()
            return
        for button in self._buttons:
            button.hide()  # deleted later: until then it would still show under the new ones
            button.deleteLater()
        self._buttons = []
        self.label.setText(text)
        while self._row.count():
            self._row.takeAt(0)
        self._row.addStretch(1)
        for label, callback in steps:
            button = QPushButton(label)
            button.clicked.connect(callback)
            self._row.addWidget(button)
            self._buttons.append(button)
        self._row.addStretch(1)
        self.show()
        self.raise_()

    def button(self, label: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == label), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False
