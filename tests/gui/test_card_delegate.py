"""The portrait cards as a user sees them: rendered offscreen from the real emulator, then read.

Screenshots go to build/test-artifacts (the `artifacts_dir` fixture) for people to look at;
the assertions check what a user would notice: a portrait where a portrait belongs, a
neutral placeholder while loading, an unmistakable error tile, a sharp HiDPI rendition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QListView, QStyleOptionViewItem, QToolTip
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import Emulator
from dhbrowser.gui.card_delegate import (
    MARGIN,
    HumanCardDelegate,
    elided_name,
    fitted_actions_text,
)
from dhbrowser.gui.theme import mix
from dhbrowser.qt.roles import FAVOURITE_ROLE, HUMAN_ROLE, actions_text
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.thumbnails import ThumbnailStore, ThumbState
from tests.portrait_fixtures import (
    SIGNAL_TIMEOUT_MS,
    VIDEO_NAME,
    StoreFactory,
    all_humans,
    by_name,
    load,
    portraits,
)

LIGHT = {"base": "#ffffff", "text": "#1b1b1b", "window": "#f3f3f3", "highlight": "#2f6fd6"}
DARK = {"base": "#1e1e1e", "text": "#e8e8e8", "window": "#2a2a2a", "highlight": "#4a8ff0"}


def palette_of(colours: dict[str, str]) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(colours["base"]))
    palette.setColor(QPalette.ColorRole.Text, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.Window, QColor(colours["window"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(colours["highlight"]))
    return palette


class CardGrid:
    """A QListView of cards over a small model, like the main window's grid."""

    def __init__(self, qtbot: QtBot, store: ThumbnailStore, humans: list[DigitalHuman]) -> None:
        self.model = QStandardItemModel()
        for human in humans:
            item = QStandardItem()
            item.setData(human, HUMAN_ROLE)
            item.setData(False, FAVOURITE_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.view = QListView()
        qtbot.addWidget(self.view)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(6)
        self.view.setModel(self.model)
        self.delegate = HumanCardDelegate(store, self.view)
        self.view.setItemDelegate(self.delegate)
        store.thumbnailChanged.connect(lambda _human_id: self.view.viewport().update())
        self.view.resize(4 * 190, 330)
        self.view.show()

    def card(self, row: int) -> QRect:
        """The card's own rectangle (inside the item's margin), viewport coordinates."""
        return self.view.visualRect(self.model.index(row, 0)).adjusted(
            MARGIN, MARGIN, -MARGIN, -MARGIN
        )

    def image_area(self, row: int) -> QRect:
        card = self.card(row)
        size = self.delegate.image_size()
        return QRect(card.topLeft(), size)

    def grab(self) -> QImage:
        return self.view.viewport().grab().toImage()

    def option(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        option.initFrom(self.view)
        return option


@pytest.fixture
def grid(qtbot: QtBot) -> Iterator[Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid]]:
    grids: list[CardGrid] = []

    def make(store: ThumbnailStore, humans: list[DigitalHuman]) -> CardGrid:
        grids.append(CardGrid(qtbot, store, humans))
        return grids[-1]

    yield make
    for made in grids:
        made.view.close()


def colour_at(image: QImage, x: int, y: int) -> QColor:
    return image.pixelColor(x, y)


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def sample_colours(image: QImage, area: QRect) -> list[QColor]:
    """A 5x5 grid of samples inside `area` (in the image's device pixels)."""
    ratio = image.devicePixelRatio()
    return [
        image.pixelColor(
            round((area.left() + area.width() * (col + 0.5) / 5) * ratio),
            round((area.top() + area.height() * (row + 0.5) / 5) * ratio),
        )
        for row in range(5)
        for col in range(5)
    ]


def mostly(colours: list[QColor], expected: QColor, tolerance: int = 12) -> bool:
    return sum(distance(colour, expected) <= tolerance for colour in colours) >= len(colours) * 0.6


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_cards_show_portrait_placeholder_and_error_tile(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    grid: Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid],
    artifacts_dir: Path,
    theme: str,
) -> None:
    colours = LIGHT if theme == "light" else DARK
    session = session_for(portrait_emulator)
    humans = all_humans(session)
    ready, waiting = portraits(humans)[:2]
    broken = by_name(humans, VIDEO_NAME)
    store = make_store(session, None)
    assert load(qtbot, store, ready) is not None
    assert load(qtbot, store, broken) is None
    # `waiting` is first asked for by the grab's paint: it is still loading in the picture.

    cards = grid(store, [ready, waiting, broken])
    cards.view.setPalette(palette_of(colours))
    cards.view.setCurrentIndex(cards.model.index(0, 0))
    cards.model.item(0).setData(True, FAVOURITE_ROLE)
    image = cards.grab()
    image.save(str(artifacts_dir / f"cards-{theme}.png"))

    base, text = QColor(colours["base"]), QColor(colours["text"])
    placeholder_tile = mix(base, text, 0.07)
    portrait = sample_colours(image, cards.image_area(0))
    placeholder = sample_colours(image, cards.image_area(1))
    error_tile = sample_colours(image, cards.image_area(2))

    assert store.state(ready.id) is ThumbState.READY
    assert store.state(waiting.id) is ThumbState.LOADING
    assert store.state(broken.id) is ThumbState.FAILED
    assert mostly(placeholder, placeholder_tile), "the loading card is not a neutral tile"
    assert not mostly(portrait, placeholder_tile), "the loaded card still shows the placeholder"
    assert len({colour.rgb() for colour in portrait}) > 5, "the portrait area is flat"
    error_colour = error_tile[0]
    assert distance(error_colour, placeholder_tile) > 20, "the error tile looks like loading"
    assert error_colour.red() > error_colour.blue(), "the error tile is not tinted as an error"
    # The selected card has a highlight ring; the others do not.
    ring_y = cards.card(0).center().y()
    highlight = QColor(colours["highlight"])
    assert distance(colour_at(image, cards.card(0).left(), ring_y), highlight) < 60
    assert distance(colour_at(image, cards.card(1).left(), ring_y), highlight) > 60
    # The favourite's star is gold, over its portrait's top-right corner.
    area = cards.image_area(0)
    star = colour_at(image, area.right() - 6 - 12, area.top() + 6 + 12)
    assert star.red() > 200
    assert star.green() > 140
    assert star.blue() < 90


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stack
def test_error_tile_tooltip_says_why(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    grid: Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid],
) -> None:
    session = session_for(portrait_emulator)
    broken = by_name(all_humans(session), VIDEO_NAME)
    store = make_store(session, None)
    assert load(qtbot, store, broken) is None
    cards = grid(store, [broken])
    index = cards.model.index(0, 0)
    position = cards.image_area(0).center()
    event = QHelpEvent(QEvent.Type.ToolTip, position, cards.view.viewport().mapToGlobal(position))

    handled = cards.delegate.helpEvent(event, cards.view, cards.option(), index)

    try:
        assert handled
        assert "Portrait unavailable" in QToolTip.text()
        assert store.error(broken.id) in QToolTip.text()
        assert "not a readable image" in QToolTip.text()
    finally:
        QToolTip.hideText()


def test_card_size_follows_the_slider_and_keeps_the_portrait_meanwhile(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    grid: Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid],
    artifacts_dir: Path,
) -> None:
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[3]
    store = make_store(session, None)
    cards = grid(store, [human])
    option = cards.option()
    index = cards.model.index(0, 0)
    hints = {}
    for width in (96, 160, 320):
        cards.delegate.set_card_width(width)
        hints[width] = cards.delegate.sizeHint(option, index)
    cards.delegate.set_card_width(40)
    assert cards.delegate.card_width == 96
    assert hints[96].width() == 96 + 2 * MARGIN
    assert hints[320].width() == 320 + 2 * MARGIN
    assert hints[96].height() < hints[160].height() < hints[320].height()
    assert hints[320].height() - hints[160].height() == round(320 * 4 / 3) - round(160 * 4 / 3)

    cards.delegate.set_card_width(160)
    cards.view.doItemsLayout()
    assert load(qtbot, store, human, cards.delegate.image_size()) is not None
    # The slider moves: until the new size is decoded, the old pixmap is drawn scaled.
    cards.delegate.set_card_width(224)
    cards.view.resize(280, 400)
    cards.view.doItemsLayout()
    image = cards.grab()
    image.save(str(artifacts_dir / "card-resized-before-reload.png"))
    base = cards.view.palette().color(QPalette.ColorRole.Base)
    text = cards.view.palette().color(QPalette.ColorRole.Text)
    placeholder_tile = mix(base, text, 0.07)
    assert not mostly(sample_colours(image, cards.image_area(0)), placeholder_tile)
    qtbot.waitUntil(
        lambda: store.pixmap(human, cards.delegate.image_size(), 1.0) is not None,
        timeout=SIGNAL_TIMEOUT_MS,
    )


def test_hidpi_surface_gets_a_sharp_rendition(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    grid: Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid],
    artifacts_dir: Path,
) -> None:
    """As after moving the window to a 2x screen: the next paint asks at ratio 2."""
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[6]
    store = make_store(session, None)
    cards = grid(store, [human])
    size = cards.delegate.image_size()
    assert load(qtbot, store, human, size, 1.0) is not None
    viewport = cards.view.viewport()

    def render_at_2x() -> QPixmap:
        surface = QPixmap(viewport.size() * 2)
        surface.setDevicePixelRatio(2.0)
        surface.fill(Qt.GlobalColor.white)
        viewport.render(surface, QPoint(), viewport.rect())
        return surface

    with qtbot.waitSignal(store.thumbnailChanged, timeout=SIGNAL_TIMEOUT_MS):
        render_at_2x()
    sharp = store.pixmap(human, size, 2.0)
    assert sharp is not None
    assert sharp.width() == 2 * size.width()
    render_at_2x().save(str(artifacts_dir / "card-hidpi.png"))


def test_actions_count_reads_one_way_and_is_left_out_where_it_does_not_fit(
    qtbot: QtBot,
    make_store: StoreFactory,
    grid: Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid],
) -> None:
    assert [actions_text(count) for count in (0, 1, 3)] == ["No actions", "1 action", "3 actions"]
    cards = grid(make_store(None, None), [DigitalHuman("x", "X", "", True)])
    metrics = cards.view.fontMetrics()
    assert fitted_actions_text(3, metrics, 500) == "3 actions"
    # Never "3 act." or a bare "3": too narrow, and the card leaves the count to its tooltip.
    assert fitted_actions_text(3, metrics, metrics.horizontalAdvance("3 actions") - 1) == ""


def test_items_without_a_human_fall_back_to_plain_painting(
    qtbot: QtBot,
    make_store: StoreFactory,
    grid: Callable[[ThumbnailStore, list[DigitalHuman]], CardGrid],
) -> None:
    cards = grid(make_store(None, None), [])
    cards.model.appendRow(QStandardItem("plain text row"))
    image = cards.grab()  # a row without a DigitalHuman: no exception, no Qt warning
    base = cards.view.palette().color(QPalette.ColorRole.Base)
    text_area = cards.view.visualRect(cards.model.index(0, 0))
    inked = [
        colour
        for y in range(text_area.top(), text_area.bottom())
        for x in range(text_area.left(), text_area.right())
        if distance(colour := image.pixelColor(x, y), base) > 200
    ]
    assert inked, "the row's text was not drawn"


def test_a_long_name_keeps_its_distinguishing_end(qtbot: QtBot) -> None:
    metrics = QFontMetrics(QFont())
    name = "Nadia Kowalska the Second of the Synthetic Catalog #07"
    width = metrics.horizontalAdvance(name) // 2
    shown = elided_name(name, metrics, width)
    assert shown.endswith("#07")
    assert "…" in shown
    assert metrics.horizontalAdvance(shown) <= width
