"""Help ▸ Language: the menu that chooses the GUI's language for the next start.

The translators themselves are headless Qt (dhbrowser.qt.i18n); only the menu and its note
are widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from dhbrowser import i18n
from dhbrowser.qt.i18n import save_choice, stored_choice, translate
from dhbrowser.qt.settings import APPLICATION, ORGANIZATION


def language_menu(parent: QWidget, settings: QSettings | None = None) -> QMenu:
    """Help ▸ Language: follow the system, or one of LANGUAGES (each named in itself)."""
    settings = settings or QSettings(ORGANIZATION, APPLICATION)
    menu = QMenu(translate("Language", "&Language"), parent)
    group = QActionGroup(menu)
    current = stored_choice(settings)
    choices: list[tuple[str | None, str]] = [
        (None, translate("Language", "System language")),
        *i18n.LANGUAGES.items(),
    ]
    for language, label in choices:
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(language == current)
        action.setData(language)
        group.addAction(action)
        action.triggered.connect(
            lambda _checked=False, chosen=language: _choose(parent, settings, chosen)
        )
    return menu


def _choose(parent: QWidget, settings: QSettings, language: str | None) -> None:
    """Remember the choice and say when it takes effect (a window-modal note: the
    event loop, and the window's work, go on while it is open)."""
    save_choice(language, settings)
    note = QMessageBox(
        QMessageBox.Icon.Information,
        translate("Language", "Language"),
        translate("Language", "The new language is used when dhbrowser restarts."),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    note.setObjectName("language-note")
    note.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    note.open()
