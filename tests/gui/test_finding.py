"""Finding a digital human as a user does: forgiving search, Esc, empty states, stars, and
the place kept across filters, sorts and launches. Real window, real emulator, keys and
pointer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import FetchMode
from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at
from tests.gui_fixtures import WindowFactory, demo_connection

SYNC_TIMEOUT_MS = 30_000


def wait_synced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.model.finished and not window.model.syncing, timeout=SYNC_TIMEOUT_MS
    )


def shown_names(window: MainWindow) -> list[str]:
    return [
        human.name
        for row in range(window.proxy.rowCount())
        if (human := human_at(window.proxy.index(row, 0))) is not None
    ]


def selected_name(window: MainWindow) -> str | None:
    human = window.selected_human()
    return human.name if human is not None else None


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, text)


def index_named(window: MainWindow, name: str) -> QModelIndex:
    for row in range(window.proxy.rowCount()):
        index = window.proxy.index(row, 0)
        if (human := human_at(index)) is not None and human.name == name:
            return index
    raise AssertionError(f"{name} is not shown")


def click_card(qtbot: QtBot, window: MainWindow, name: str) -> None:
    index = index_named(window, name)
    window.view.scrollTo(index)
    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.view.visualRect(index).center(),
    )


def star_point(window: MainWindow, name: str) -> QPoint:
    index = index_named(window, name)
    window.view.scrollTo(index)
    option = QStyleOptionViewItem()
    window.view.initViewItemOption(option)
    option.rect = window.view.visualRect(index)
    center, _radius = window.delegate.star_geometry(option)
    return center.toPoint()


def in_view(window: MainWindow, index: QModelIndex) -> bool:
    return window.view.viewport().rect().contains(window.view.visualRect(index))


def test_accents_case_and_word_order_do_not_matter(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    for query, expected in (
        ("muller", ["Zoë Müller"]),
        ("ZOE", ["Zoë Müller"]),
        ("hernandez", ["Ana Lucía Hernández"]),
        ("tanaka aiko", ["Aiko Tanaka"]),
        ("mute", ["Priya Raman", "Dmitri Volkov", "Leilani Kahale"]),  # an action's name
    ):
        window.search_box.clear()
        type_search(qtbot, window, query)
        assert shown_names(window) == expected, query
        assert window.match_label.text() == f"{len(expected)} of 28"
        assert window.match_label.isVisible()
        assert not window.grid_message.isVisible()
    window.search_box.clear()
    assert not window.match_label.isVisible()
    assert window.progress_label.isVisible()
    assert window.progress_label.text().startswith("Loaded 28 of 28")


def test_a_search_without_result_says_so_in_the_grid_and_clears_with_a_click(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    type_search(qtbot, window, "zzzz")
    assert window.proxy.rowCount() == 0
    assert window.grid_message.isVisible()
    assert window.grid_message.label.text() == "No digital humans match ‘zzzz’."
    assert window.match_label.text() == "0 of 28"
    button = window.grid_message.button("Clear search")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.search_box.text() == ""
    assert window.proxy.rowCount() == 28
    assert not window.grid_message.isVisible()


def test_escape_clears_the_search_and_keeps_the_browser_open(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    type_search(qtbot, window, "muller")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.proxy.rowCount() == 28
    assert window.isVisible()


def test_escape_in_the_picker_clears_the_search_first_and_cancels_only_then(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator, pick_mode=True)
    wait_synced(qtbot, window)
    type_search(qtbot, window, "muller")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.isVisible(), "Esc with text to clear cancelled the pick"
    assert window.search_box.text() == ""
    assert selected_name(window) == "Zoë Müller", "the searched-for human stays chosen"
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert window.pick_result is None


def test_the_chosen_human_survives_search_sort_and_show_and_is_scrolled_to(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    window.resize(800, 500)
    wait_synced(qtbot, window)
    click_card(qtbot, window, "Noah Williams")  # near the end: scrolled out of view below
    type_search(qtbot, window, "tanaka")
    assert selected_name(window) == "Aiko Tanaka", "the one match stands in"
    window.view.scrollToTop()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    noah = index_named(window, "Noah Williams")
    assert selected_name(window) == "Noah Williams"
    assert in_view(window, noah), "the chosen card was not scrolled into view"

    window.sort_box.setCurrentIndex(1)  # Name A–Z
    assert selected_name(window) == "Noah Williams"
    assert in_view(window, index_named(window, "Noah Williams"))

    window.fetch_mode_box.setCurrentIndex(window.fetch_mode_box.findData(FetchMode.PRIVATE))
    wait_synced(qtbot, window)
    assert selected_name(window) == "Noah Williams", "switching Show dropped the selection"
    qtbot.waitUntil(lambda: in_view(window, index_named(window, "Noah Williams")), timeout=5000)


def test_filter_sort_selection_and_the_dismissed_banner_are_kept_across_launches(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path, emulator: Emulator
) -> None:
    def launch() -> MainWindow:
        window = MainWindow(pool, tmp_path / "thumbnails")
        qtbot.addWidget(window)
        window.set_connection(demo_connection(emulator))
        window.show()
        wait_synced(qtbot, window)
        return window

    first = launch()
    assert first.demo_banner.isVisible()
    first.fetch_mode_box.setCurrentIndex(first.fetch_mode_box.findData(FetchMode.PUBLIC))
    wait_synced(qtbot, first)
    first.sort_box.setCurrentIndex(1)
    click_card(qtbot, first, "Priya Raman")
    close = first.demo_banner.findChild(type(first.favourites_only))
    assert close is not None
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    first.close()

    second = launch()
    assert second.model.fetch_mode is FetchMode.PUBLIC
    assert second.sort_box.currentIndex() == 1
    assert selected_name(second) == "Priya Raman"
    assert not second.demo_banner.isVisible(), "the dismissed demo banner came back"
    second.close()


def test_a_star_click_keeps_the_card_in_the_starred_view_until_it_is_left(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    viewport = window.view.viewport()
    for name in ("Mateo Silva", "Sofia Rossi"):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=star_point(window, name))
    assert window.favourites_only.text() == "★ Favourites (2)"
    click_card(qtbot, window, "Aiko Tanaka")
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.favourites_only.text() == "★ Favourites (3)"

    qtbot.mouseClick(window.favourites_only, Qt.MouseButton.LeftButton)
    assert shown_names(window) == ["Aiko Tanaka", "Mateo Silva", "Sofia Rossi"]
    # A double click on the star un-stars and re-stars the same card: it stays put.
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=star_point(window, "Mateo Silva"))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=star_point(window, "Mateo Silva"))
    assert window.favourites_only.text() == "★ Favourites (2)"
    assert shown_names(window) == ["Aiko Tanaka", "Mateo Silva", "Sofia Rossi"]
    assert selected_name(window) == "Aiko Tanaka", "a star click moved the selection"

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo
    assert window.favourites_only.text() == "★ Favourites (3)"
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=star_point(window, "Sofia Rossi"))
    qtbot.mouseClick(window.favourites_only, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.favourites_only, Qt.MouseButton.LeftButton)
    assert shown_names(window) == ["Aiko Tanaka", "Mateo Silva"], "left and back: it is gone"


def test_an_empty_starred_view_says_how_to_star(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    qtbot.mouseClick(window.favourites_only, Qt.MouseButton.LeftButton)
    assert window.proxy.rowCount() == 0
    assert window.grid_message.isVisible()
    assert "Star a digital human" in window.grid_message.label.text()
    show_all = window.grid_message.button("Show all")
    assert show_all is not None
    qtbot.mouseClick(show_all, Qt.MouseButton.LeftButton)
    assert not window.favourites_only.isChecked()
    assert window.proxy.rowCount() == 28


def test_the_demo_banner_takes_its_room_before_the_first_cards_paint(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path, emulator: Emulator
) -> None:
    from dhbrowser.core.demo import DemoService
    from dhbrowser.core.secret_store import SecretStore
    from dhbrowser.qt.settings import ProfileSettings

    window = MainWindow(pool, tmp_path / "thumbnails", catalog_store=tmp_path / "c.sqlite3")
    qtbot.addWidget(window)
    service = DemoService()
    window.enable_profiles(ProfileSettings(), SecretStore(), service.connection)
    window.switch_profile(None)
    assert window.demo_banner.isVisibleTo(window), "the banner waits for the connection"
    window.show()
    qtbot.waitUntil(lambda: window.session is not None, timeout=SYNC_TIMEOUT_MS)
    window.close()
    service.stop()
    pool.waitForDone()
    assert window.store_link is not None
    window.store_link.close()


def test_a_human_without_actions_shows_its_portrait_and_no_empty_player(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    window.resize(800, 500)  # narrow details: a human with actions shows the video alone
    wait_synced(qtbot, window)
    click_card(qtbot, window, "Omar Haddad")  # the demo's human without actions
    details = window.details
    qtbot.waitUntil(lambda: details.human is not None, timeout=5000)
    assert not details.player.play_button.isVisibleTo(window), "no dead player controls"
    assert not details.player.position_slider.isVisibleTo(window)
    assert details.stage.isVisibleTo(window), "its portrait"
    click_card(qtbot, window, "Mateo Silva")
    assert details.player.play_button.isVisibleTo(window)
