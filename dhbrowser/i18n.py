"""The language dhbrowser speaks, for the Qt-free core: error hints, the command line, the
emulator's banner.

Qt-free on purpose (the API core, the emulator and `dhbrowser --help` never load Qt): the
core's messages go through the standard library's gettext, compiled from
resources/translations/dhbrowser_<lang>.po. The GUI translates its own widgets with Qt's
system (dhbrowser.qt.i18n) and tells this module the language it chose, so an error hint
in a banner speaks the same language as the window around it.

Messages are looked up when they are shown, never at import: a table of messages marks its
entries with `N_` and whoever shows one passes it through `_`.
"""

from __future__ import annotations

import gettext
import logging
import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

#: The file stem of the catalogues: dhbrowser_zh_CN.mo (gettext), dhbrowser_zh_CN.qm (Qt).
DOMAIN = "dhbrowser"
ENGLISH = "en"
SIMPLIFIED_CHINESE = "zh_CN"
#: The languages dhbrowser speaks, each named in itself (what the Language menu lists).
LANGUAGES: dict[str, str] = {ENGLISH: "English", SIMPLIFIED_CHINESE: "简体中文"}
#: Tags that mean Simplified Chinese (POSIX locales and BCP 47 tags, lower case, "-" as "_").
_SIMPLIFIED_TAGS = ("zh_cn", "zh_sg", "zh_hans", "zh_my")
#: Variables POSIX programs read for their message language, in order (gettext's own order).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class _Speaking:
    """The language in use and its catalogue: set at start-up, read from any thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.translation: gettext.NullTranslations = gettext.NullTranslations()
        self.language = ENGLISH


_speaking = _Speaking()


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; `_` translates it where shown."""
    return message


def _(message: str) -> str:
    """`message` in the current language (itself when there is no translation)."""
    return _speaking.translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the current language's plural rule."""
    return _speaking.translation.ngettext(singular, plural, count)


def current_language() -> str:
    return _speaking.language


def supported_language(tag: str) -> str | None:
    """The language of LANGUAGES a locale or language tag asks for ("zh_CN.UTF-8",
    "zh-Hans-CN", "en_GB"), or None. Traditional Chinese (zh_TW, zh_HK, zh-Hant) is not
    Simplified: it gets None, so the caller falls back to English, not to the wrong script."""
    normal = tag.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0].replace("-", "_").lower()
    if normal in ("c", "posix") or normal == "en" or normal.startswith("en_"):
        return ENGLISH
    if normal == "zh" or normal.startswith(_SIMPLIFIED_TAGS):
        return SIMPLIFIED_CHINESE
    return None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the POSIX environment asks for: the first of LANGUAGE (a colon-separated
    list of preferences), LC_ALL, LC_MESSAGES, LANG that is set, as gettext reads them; the
    first preference dhbrowser speaks wins, English when none is."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        return first_supported(value.split(":") if variable == "LANGUAGE" else [value])
    return ENGLISH


def first_supported(tags: Iterable[str]) -> str:
    for tag in tags:
        if tag and (language := supported_language(tag)) is not None:
            return language
    return ENGLISH


def translations_dir() -> Path:
    """Where the compiled catalogues (.mo and .qm) are, however dhbrowser was installed."""
    from dhbrowser.resources import resource_path

    return resource_path("translations")


def use_language(language: str, directory: Path | None = None) -> bool:
    """Speak `language` (a key of LANGUAGES) from now on; False if its catalogue is missing
    or unreadable, in which case the messages stay in English (and the log says why)."""
    translation: gettext.NullTranslations = gettext.NullTranslations()
    loaded = True
    if language != ENGLISH:
        path = (directory or _translations_dir_or_none() or Path()) / f"{DOMAIN}_{language}.mo"
        try:
            with path.open("rb") as file:
                translation = gettext.GNUTranslations(file)
        except (OSError, ValueError) as error:  # missing, or not a .mo file
            log.warning(
                "no %s translation at %s (%s): messages stay in English", language, path, error
            )
            loaded = False
    with _speaking.lock:
        _speaking.translation = translation
        _speaking.language = language if loaded else ENGLISH
    _translate_argparse(translation)
    return loaded


def _translate_argparse(translation: gettext.NullTranslations) -> None:
    """Have argparse's own texts ("usage:", "options", "the following arguments are
    required") come from our catalogue, which carries them (packaging/translations.py
    extracts them from argparse itself): argparse looks them up through its module-level
    gettext functions, which read gettext's global domain, not ours."""
    import argparse

    if callable(getattr(argparse, "_", None)) and callable(getattr(argparse, "ngettext", None)):
        argparse._ = translation.gettext  # type: ignore[attr-defined]
        argparse.ngettext = translation.ngettext  # type: ignore[attr-defined]


def _translations_dir_or_none() -> Path | None:
    try:
        return translations_dir()
    except FileNotFoundError:
        return None
