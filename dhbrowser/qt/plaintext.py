"""Showing text from outside (the server, the settings file) in Qt as the characters it is.

Qt renders a string as HTML wherever it *might* be HTML: a QLabel in its default format
(AutoText) and every tooltip, when `Qt.mightBeRichText` says the text looks like markup.
A server's name can look like anything, so labels that show outside text are made with
PlainText, and tooltips, which have no format setting, go through `plain_tooltip`. Menu
and button texts treat `&` as a mnemonic marker: `menu_text` keeps it a character.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that shows exactly these characters.

    Text Qt would show as plain stays as it is; text it would take for HTML is escaped
    into HTML that shows the same characters, its line breaks and spaces kept.
    """
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)


def menu_text(text: str) -> str:
    """`text` for a menu entry or button: an `&` in it is shown, not made a shortcut."""
    return text.replace("&", "&&")
