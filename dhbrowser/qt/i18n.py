"""The GUI's language: Qt's translators for dhbrowser's widgets and Qt's own dialogs, chosen
from the system locale unless Help ▸ Language says otherwise.

The choice (dhbrowser.gui.language_menu makes it) is read once, before the first window,
and takes effect at the next start: retranslating every open widget live would need a
changeEvent handler in each of them for a choice made once. The Qt-free core (error hints)
is told the same language, so a banner's hint matches the window around it. Numbers, dates
and sizes are formatted with QLocale(), which `install_language` sets to the chosen language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from dhbrowser import i18n
from dhbrowser.qt.settings import APPLICATION, ORGANIZATION

log = logging.getLogger(__name__)

#: The QSettings key of the user's choice; absent: follow the system.
LANGUAGE_KEY = "ui/language"
#: Qt's own catalogue, for the texts of Qt's dialogs (Cancel, Copy, Select All…).
QT_CATALOGUE = "qtbase"
#: Texts of Qt's file dialog that Qt's own zh_CN catalogue lacks (Qt 6 renamed or moved
#: them): dhbrowser's catalogue carries them under Qt's contexts, so the export and import
#: dialogs are Chinese throughout. Only lupdate reads this table; Qt asks for the texts.
QT_CATALOGUE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)


def translate(context: str, text: str, disambiguation: str | None = None, count: int = -1) -> str:
    """QCoreApplication.translate, for code outside a QObject (lupdate finds `translate(`)."""
    return QCoreApplication.translate(context, text, disambiguation, count)


def number(value: int) -> str:
    """A count as the chosen language writes it (QLocale's grouping: "12,345")."""
    return QLocale().toString(value)


def system_language() -> str:
    """What the system asks for: QLocale.system() reads LC_ALL, LC_MESSAGES, LANG (and
    LANGUAGE) on Linux and the user's setting elsewhere."""
    return i18n.first_supported(QLocale.system().uiLanguages())


def chosen_language(settings: QSettings | None = None) -> str:
    """The language the user chose in Help ▸ Language, else the system's."""
    choice = stored_choice(settings or QSettings(ORGANIZATION, APPLICATION))
    return choice if choice is not None else system_language()


def stored_choice(settings: QSettings) -> str | None:
    """The language saved in `settings` if dhbrowser speaks it; None: follow the system."""
    value = settings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in i18n.LANGUAGES else None


def save_choice(language: str | None, settings: QSettings | None = None) -> None:
    """Remember `language` for the next start; None: follow the system again."""
    settings = settings or QSettings(ORGANIZATION, APPLICATION)
    if language is None:
        settings.remove(LANGUAGE_KEY)
    else:
        settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def install_language(
    app: QCoreApplication, language: str, directory: Path | None = None
) -> list[QTranslator]:
    """Speak `language` in the widgets made from now on, in Qt's dialogs and in the core's
    messages; returns the translators installed (the application owns them).

    English has a catalogue too: it holds the plural forms ("1 action", "3 actions"). A
    missing catalogue leaves the source strings, and the log says so."""
    folder = directory if directory is not None else _translations_dir()
    i18n.use_language(language, folder)
    locale = QLocale.system()
    if i18n.supported_language(locale.name()) != language:
        locale = QLocale(language)
    QLocale.setDefault(locale)
    installed = []
    catalogues = [(f"{i18n.DOMAIN}_{language}", folder)]
    if language != i18n.ENGLISH:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogues.append((f"{QT_CATALOGUE}_{language}", Path(qt_folder)))
    for name, where in catalogues:
        translator = QTranslator(app)
        if where is not None and translator.load(name, str(where)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no translation %s in %s: those texts stay in English", name, where)
    return installed


def _translations_dir() -> Path | None:
    try:
        return i18n.translations_dir()
    except FileNotFoundError:
        return None
