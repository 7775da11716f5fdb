"""A light and a dark palette like those of desktop themes, to render the windows in both,
and a check that every text on a window reads against what is drawn behind it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from dhbrowser.gui.theme import contrast_ratio

#: WCAG AA for body text.
MIN_CONTRAST = 4.5

_DARK = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2f3136",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#3a3c41",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9ca3",
    # Fusion tints the default button with it: dark enough for light text on that tint.
    QPalette.ColorRole.Highlight: "#2d5fa8",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#3a3c41",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Mid: "#55585f",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Light: "#4a4d54",
    QPalette.ColorRole.Link: "#8ab4f8",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    return palette


def text_contrast(image: QImage) -> float:
    """The contrast between a label's most common colour (its background) and the colour
    in it that differs most from that (the core of its letters)."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor.fromRgb(max(counts, key=lambda rgb: counts[rgb]))
    return max(contrast_ratio(background, QColor.fromRgb(rgb)) for rgb in counts)


def low_contrast_texts(window: QWidget) -> list[str]:
    shot = window.grab().toImage()
    ratio = shot.devicePixelRatio()
    failures = []
    for widget in window.findChildren(QWidget):
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        if not text or not widget.isVisible() or not widget.isEnabled():
            continue
        if (
            isinstance(widget, QLabel)
            and widget.pixmap() is not None
            and not widget.pixmap().isNull()
        ):
            continue
        # What of it shows: a widget scrolled out of its scroll area is read where it is
        # seen, not where other widgets are painted over its place.
        shown = widget.visibleRegion().boundingRect()
        if shown.isEmpty():
            continue
        top_left = widget.mapTo(window, shown.topLeft())
        area = shot.copy(
            round(top_left.x() * ratio),
            round(top_left.y() * ratio),
            round(shown.width() * ratio),
            round(shown.height() * ratio),
        )
        contrast = text_contrast(area)
        if contrast < MIN_CONTRAST:
            failures.append(f"{text!r}: {contrast:.1f}")
    return failures


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    original_palette, original_style = qapp.palette(), qapp.style().name()
    if request.param == "dark":
        qapp.setStyle("Fusion")
        qapp.setPalette(dark_palette())
    yield str(request.param)
    qapp.setPalette(original_palette)
    qapp.setStyle(original_style)
