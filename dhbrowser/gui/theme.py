"""The few colours the palette has no role for, derived from the palette so dark themes work.

A tone (information, warning, success, …) is one accent hue; its background and text are
the palette's window and text colours moved towards that hue, so a banner on a dark theme
is dark with light text and on a light theme the reverse. The only fixed colours are the
video screen (always dark, like any player) and the card badges and star, which carry
white text or sit on portraits and read the same on either theme.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class Tone(Enum):
    """An accent hue for messages and labels that must stand out from the window."""

    INFO = "#1a5fd0"
    WARNING = "#c0392b"
    BUSY = "#5b6b80"
    SUCCESS = "#1e8e3e"
    FAILURE = "#c5221f"
    PUBLIC = "#1e8e3e"
    PRIVATE = "#6b4bb8"
    CAUTION = "#b06a00"


#: How far a tone's background moves from the window colour towards its hue.
BACKGROUND_TINT = 0.14
#: How far a tone's text moves from the window text towards its hue, at most: less where
#: that would read below TEXT_CONTRAST on the tone's background.
TEXT_TINT = 0.45
#: Text on a tone or muted text keeps at least this contrast (WCAG AA for body text is 4.5).
TEXT_CONTRAST = 5.0
#: How far muted text (captions) moves from the window text towards the window.
MUTED = 0.35

#: Filled badges on the cards: white text on them (contrast 5.3:1, 5.9:1 and 5.2:1).
PUBLIC_BADGE = QColor("#1f7a4d")
PRIVATE_BADGE = QColor("#6b4bb8")
NEW_BADGE = QColor("#c2410c")
BADGE_TEXT = QColor("white")
STAR_GOLD = QColor("#f6b400")
ERROR_TINT = QColor("#d64541")
#: The video area and the messages drawn on it: dark in every theme, as in any player.
SCREEN = QColor("#101114")
SCREEN_TEXT = QColor("#d7dae0")


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0..1) of the way to `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        a.alphaF() + (b.alphaF() - a.alphaF()) * amount,
    )


def tone_colours(tone: Tone, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of `tone` on `palette`'s window."""
    background = mix(palette.color(QPalette.ColorRole.Window), QColor(tone.value), BACKGROUND_TINT)
    return background, _readable_tint(palette, QColor(tone.value), background)


def tone_text(tone: Tone, palette: QPalette) -> QColor:
    """Text in `tone` straight on the window (field errors and warnings): readable on both."""
    return _readable_tint(palette, QColor(tone.value), palette.color(QPalette.ColorRole.Window))


def muted_text(palette: QPalette) -> QColor:
    """Captions: the window text faded towards the window, still readable."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    amount = MUTED
    while amount > 0 and contrast_ratio(mix(text, window, amount), window) < TEXT_CONTRAST:
        amount -= 0.05
    return mix(text, window, max(0.0, amount))


class MutedLabel(QLabel):
    """Secondary text (captions, an introduction) in `muted_text`, following theme changes.

    Not the palette's PlaceholderText: in common light themes it reads at 3.8:1 on the
    window, under the 4.5 that body text needs.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._apply_colour()

    def _apply_colour(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_text(application_palette()))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply_colour()


def _readable_tint(palette: QPalette, accent: QColor, background: QColor) -> QColor:
    """The window text moved towards `accent` as far as TEXT_TINT, or less where the result
    would read below TEXT_CONTRAST on `background`."""
    text = palette.color(QPalette.ColorRole.WindowText)
    amount = TEXT_TINT
    while amount > 0 and contrast_ratio(mix(text, accent, amount), background) < TEXT_CONTRAST:
        amount -= 0.05
    return mix(text, accent, max(0.0, amount))


def application_palette() -> QPalette:
    """The theme's palette (a widget's own palette may already carry a tone)."""
    return QApplication.palette()


def apply_tone(widget: QWidget, tone: Tone) -> None:
    """Fill `widget` with `tone`'s background and draw its text in `tone`'s text colour."""
    background, text = tone_colours(tone, application_palette())
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, background)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def badge_style(tone: Tone) -> str:
    """A style sheet for a rounded label in `tone` (the details' Public/Private badge)."""
    background, text = tone_colours(tone, application_palette())
    return (
        f"QLabel {{ background: {background.name()}; color: {text.name()}; border-radius: 8px;"
        " padding: 1px 9px; font-weight: 600; }"
    )


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio (1..21); 4.5 is the minimum for body text."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
