"""The window's voices: the details' Voices section, the pictures it shares with the Voices
view (Ctrl+Shift+V), and that view. Each is made, with its module, when first needed: the
details build the section with their content, after the window's first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from dhbrowser.api.models import Timbre
from dhbrowser.core.disk_cache import DiskCache

if TYPE_CHECKING:
    from dhbrowser.gui.voices import VoicePictures, VoicesSection, VoicesView
    from dhbrowser.qt.session import CatalogSession


class VoiceParts(QObject):
    """Makes the voices' widgets on demand and hands them the browsed session."""

    voiceChosen = Signal(object)  # Timbre | None: the section's choice for the human on show
    copied = Signal(str)  # what the section or the view copied, for the status bar

    def __init__(
        self,
        window: QWidget,
        pool: QThreadPool,
        disk: DiskCache | None,
        settings: QSettings,
        details: Callable[[], QWidget],
        session: Callable[[], CatalogSession | None],
    ) -> None:
        """`details`: the section's parent until the details lay it out (made after this)."""
        super().__init__(window)
        self._window = window
        self._pool = pool
        self._disk = disk
        self._settings = settings
        self._details = details
        self._session = session
        self._parts: tuple[VoicesSection, VoicePictures] | None = None
        self.view: VoicesView | None = None

    @property
    def section(self) -> VoicesSection:
        """The details' Voices section."""
        return self._made()[0]

    @property
    def pictures(self) -> VoicePictures:
        return self._made()[1]

    def _made(self) -> tuple[VoicesSection, VoicePictures]:
        if self._parts is None:
            from dhbrowser.gui.voices import VoiceChoices, VoicePictures, VoicesSection

            pictures = VoicePictures(self._pool, self._disk, self._window)
            section = VoicesSection(pictures, VoiceChoices(self._settings), self._details())
            section.hide()  # until the details lay it out
            section.voiceChosen.connect(self.voiceChosen)
            section.copied.connect(self.copied)
            self._parts = (section, pictures)
            section.set_session(self._session())
        return self._parts

    def chosen(self) -> Timbre | None:
        """The voice chosen in the section, None where it has not been made."""
        return self._parts[0].chosen() if self._parts is not None else None

    def set_session(self, session: CatalogSession) -> None:
        """Browse `session`'s voices in whichever of the section and the view exist."""
        if self._parts is not None:
            self.section.set_session(session)
        if self.view is not None:
            self.view.set_session(session)

    @Slot()
    def open_view(self) -> VoicesView:
        """The window of every public voice as cards (Ctrl+Shift+V)."""
        if self.view is None:
            from dhbrowser.gui.voices import VoicesView

            self.view = VoicesView(self.pictures, self._window)
            self.view.copied.connect(self.copied)
            self.view.set_session(self._session())
        self.view.show()
        self.view.raise_()
        return self.view

    def close_view(self) -> None:
        if self.view is not None:
            self.view.close()
