"""The main window and the picker for keyboard and screen-reader users, and in both themes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Emulator
from dhbrowser.gui.actions import COMMANDS, Scope, key_sequences, key_text
from dhbrowser.gui.card_delegate import CARD_WIDTHS, DEFAULT_CARD_WIDTH
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.gui.player import SEEK_STEP_MS
from tests.gui_fixtures import WindowFactory
from tests.theme_palettes import low_contrast_texts

TIMEOUT_MS = 20_000
#: WCAG AA for body text.
MIN_CONTRAST = 4.5

INTERACTIVE_ROLES = {
    QAccessible.Role.PushButton,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.Slider,
    QAccessible.Role.SpinBox,
    QAccessible.Role.List,
    QAccessible.Role.ListItem,
    QAccessible.Role.ButtonMenu,
    QAccessible.Role.ButtonDropDown,
    QAccessible.Role.MenuItem,
    QAccessible.Role.PageTab,
}


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """The first card selected and the details on show with its portrait."""
    qtbot.waitUntil(
        lambda: window.details.human is not None and window.details.stage.has_pixmap,
        timeout=TIMEOUT_MS,
    )


def open_settled(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator, *, pick_mode: bool = False
) -> MainWindow:
    window = open_window(emulator, pick_mode=pick_mode)
    window.resize(1180, 760)
    settled(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)
    return window


def walk(interface: QAccessibleInterface, depth: int = 0) -> Iterator[QAccessibleInterface]:
    yield interface
    if depth > 40:
        return
    for number in range(interface.childCount()):
        child = interface.child(number)
        if child is not None and child.isValid():
            yield from walk(child, depth + 1)


def unnamed_interactive(widget: QWidget) -> list[str]:
    root = QAccessible.queryAccessibleInterface(widget)
    assert root is not None
    unnamed = []
    for interface in walk(root):
        state = interface.state()
        if state.invisible or interface.role() not in INTERACTIVE_ROLES:
            continue
        if not interface.text(QAccessible.Text.Name).strip():
            target = interface.object()
            name = target.objectName() if target is not None else "?"
            unnamed.append(f"{interface.role().name} {type(target).__name__} {name!r}")
    return unnamed


@pytest.mark.parametrize("pick_mode", [False, True], ids=["main", "picker"])
def test_every_interactive_element_has_an_accessible_name(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator, pick_mode: bool
) -> None:
    window = open_settled(qtbot, open_window, emulator, pick_mode=pick_mode)
    qtbot.waitUntil(lambda: window.model.finished, timeout=TIMEOUT_MS)
    assert unnamed_interactive(window) == []


def test_each_card_tells_a_screen_reader_its_name_visibility_and_actions(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    view = QAccessible.queryAccessibleInterface(window.view)
    assert view is not None
    items = [item for item in walk(view) if item.role() == QAccessible.Role.ListItem]
    assert len(items) == window.proxy.rowCount()
    humans = [window.proxy.index(row, 0) for row in range(window.proxy.rowCount())]
    for item, index in zip(items, humans, strict=True):
        human = window.model.human(window.proxy.mapToSource(index).row())
        assert human is not None
        assert item.text(QAccessible.Text.Name) == human.name
        description = item.text(QAccessible.Text.Description)
        assert ("Public" if human.is_public else "Private") in description
        assert f"{len(human.actions)} action" in description or "No actions" in description


def tab_chain(window: MainWindow, start: QWidget, limit: int = 60) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _step in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        press(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or now is start:
            break
        seen.append(now)
    return seen


def press(widget: QWidget, key: Qt.Key) -> None:
    QTest.keyClick(widget, key)


def test_tab_goes_through_the_window_as_it_reads_and_reaches_the_player(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator, pick_mode=True)
    details, player = window.details, window.details.player
    details.play_selected_action()  # play and seek are enabled once a preview is loaded
    qtbot.waitUntil(player.play_button.isEnabled, timeout=TIMEOUT_MS)
    # The Voices' buttons and list take focus once its voices are listed.
    qtbot.waitUntil(window.voices.copy_id_button.isEnabled, timeout=TIMEOUT_MS)
    chain = tab_chain(window, window.fetch_mode_box)
    expected = [
        window.fetch_mode_box,
        window.favourites_only,
        window.search_box,
        window.sort_box,
        window.size_slider,
        window.demo_banner.focus_chain()[-1],  # its ✕
        window.view,
        details.id_field,
        details.copy_button,
        player.loop_button,
        player.mute_button,
        player.play_button,
        player.position_slider,
        details.actions_list,
        window.voices.copy_id_button,
        window.voices.copy_drive_button,
        window.voices.list,
        # The buttons that fit, then the » menu with the rest (what fits depends on the
        # splitter, which earlier tests' saved settings may have moved).
        *[button for button in window.action_buttons if button.isVisible()],
        *([window.action_bar_overflow] if window.action_bar_overflow.isVisible() else []),
        *window.pick_buttons,
    ]
    positions = [chain.index(widget) if widget in chain else -1 for widget in expected]
    missing = [
        widget.objectName() or type(widget).__name__ for widget in expected if widget not in chain
    ]
    assert missing == []
    assert positions == sorted(positions), [type(widget).__name__ for widget in chain]


def test_tabbing_into_the_action_chips_does_not_change_the_preview(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    details = window.details
    human = details.human
    assert human is not None
    idle = (human, human.actions[0].name)
    assert details.player.preview == idle, "selecting the human plays its idle action"
    details.player.position_slider.setEnabled(True)
    details.player.position_slider.setFocus(Qt.FocusReason.TabFocusReason)
    press(details.player.position_slider, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is details.actions_list
    # play() would have set the preview at once, inside the key press.
    assert details.player.preview == idle
    assert details.selected_action() == human.actions[0]
    press(details.actions_list, Qt.Key.Key_Right)  # choosing another chip plays it
    assert details.player.preview == (human, human.actions[1].name)


def test_ctrl_plus_minus_and_zero_resize_the_cards(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    window.view.setFocus()
    start = window.delegate.card_width
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, ctrl)
    assert window.delegate.card_width > start
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, ctrl)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, ctrl)
    assert window.delegate.card_width < start
    qtbot.keyClick(window.view, Qt.Key.Key_0, ctrl)
    assert window.delegate.card_width == DEFAULT_CARD_WIDTH
    assert DEFAULT_CARD_WIDTH in CARD_WIDTHS


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
    ],
    ids=["shift-f10", "menu-key"],
)
def test_the_keyboard_opens_the_card_menu(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    window.view.setFocus()
    opened: list[list[str]] = []

    def close_the_menu() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            opened.append([action.text() for action in popup.actions() if action.text()])
            popup.close()
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(close_the_menu)
    poll.start(10)
    qtbot.keyClick(window.view, key, modifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    poll.stop()
    assert "Copy id" in opened[0]


def test_the_shortcut_list_is_the_table_the_window_binds(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator, pick_mode=True)
    for command in COMMANDS:
        if command.scope is Scope.WIDGET:
            assert command.key not in window.commands
            continue
        bound = window.commands[command.key]
        assert bound.shortcuts() == key_sequences(command), command.key
    window.show_shortcuts()
    table = window.findChild(QTableWidget, "shortcuts-table")
    assert isinstance(table, QTableWidget)
    items = [table.item(row, 0) for row in range(table.rowCount())]
    listed = [item.text() for item in items if item is not None]
    assert listed == [key_text(command) for command in COMMANDS if command.keys]
    assert QKeySequence("Ctrl+=").toString(QKeySequence.SequenceFormat.NativeText) in " ".join(
        listed
    )
    table.window().close()


def test_every_command_of_the_card_menu_and_action_bar_is_a_row_of_the_table(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    """The card menu and the buttons under the details offer nothing the menus (and the
    shortcut sheet, which reads the same table) do not."""
    window = open_window(emulator)
    card_menu = window.human_actions.menu(window)
    offered = [action for action in card_menu.actions() if not action.isSeparator()]
    for action in window.action_bar.actions():
        submenu = action.menu()
        offered += submenu.actions() if isinstance(submenu, QMenu) else [action]
    bound = list(window.commands.values())
    missing = [action.text() for action in offered if action not in bound]
    assert missing == []
    card_menu.deleteLater()


def test_the_title_names_the_catalog_once(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    # Qt appends the application's display name ("— dhbrowser") to this itself.
    assert window.windowTitle() == "Test demo"
    picker = open_settled(qtbot, open_window, emulator, pick_mode=True)
    assert picker.windowTitle() == "Choose a digital human — Test demo"


def test_clicking_the_seek_bar_jumps_there(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    player = window.details.player
    window.details.play_selected_action()
    slider = player.position_slider
    qtbot.waitUntil(lambda: slider.maximum() > 0, timeout=TIMEOUT_MS)
    player.toggle_play()  # paused: the position then stays where the click put it
    qtbot.waitUntil(lambda: not player.is_playing, timeout=TIMEOUT_MS)
    spot = QPoint(round(slider.width() * 0.75), slider.height() // 2)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=spot)
    # The handle is now under the click (a plain QSlider moved one page towards it).
    assert abs(handle_rect(slider).center().x() - spot.x()) <= 3
    assert slider.value() > slider.maximum() // 2
    media = player.media_player()
    assert media is not None
    target = slider.value()
    qtbot.waitUntil(lambda: abs(media.position() - target) < 300, timeout=TIMEOUT_MS)


def handle_rect(slider: QSlider) -> QRect:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )


@pytest.mark.parametrize("pick_mode", [False, True], ids=["main", "picker"])
def test_text_reads_against_its_background_in_light_and_dark(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    artifacts_dir: object,
    theme: str,
    pick_mode: bool,
) -> None:
    window = open_settled(qtbot, open_window, emulator, pick_mode=pick_mode)
    window.error_banner.show_message("The service did not answer.", [("Retry", lambda: None)])
    qtbot.waitUntil(window.error_banner.isVisible, timeout=TIMEOUT_MS)
    kind = "picker" if pick_mode else "main"
    window.grab().save(f"{artifacts_dir}/theme-{kind}-{theme}.png")
    assert low_contrast_texts(window) == []


# -- the small things ----------------------------------------------------------------------


def test_the_action_chips_show_whole_rows(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    """Every chip is whole inside the list, and the list has no empty row below them."""
    window = open_settled(qtbot, open_window, emulator)
    actions = window.details.actions_list
    chips = [actions.visualItemRect(actions.item(row)) for row in range(actions.count())]
    viewport = actions.viewport().rect()
    assert len(chips) >= 2
    assert all(viewport.contains(chip) for chip in chips), (viewport, chips)
    assert viewport.bottom() - max(chip.bottom() for chip in chips) < chips[0].height()


def test_favourite_and_copy_keep_their_width_when_their_labels_change(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    favourite = window.action_buttons[0]
    copy = window.details.copy_button
    widths = (favourite.width(), copy.width())
    window.human_actions.favourite.trigger()
    window.details.copy_id()
    assert (favourite.text(), copy.text()) == ("Unfavourite", "Copied ✓")
    qtbot.waitUntil(lambda: (favourite.width(), copy.width()) == widths, timeout=TIMEOUT_MS)
    assert favourite.sizeHint().width() <= favourite.minimumWidth()
    assert copy.sizeHint().width() <= copy.minimumWidth()
    window.human_actions.favourite.trigger()  # unstarred again: favourites outlive the test
    assert favourite.text() == "Favourite"
    assert favourite.width() == widths[0]


def test_the_arrow_keys_step_the_seek_bar(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    player = window.details.player
    window.details.play_selected_action()
    slider = player.position_slider
    qtbot.waitUntil(lambda: slider.maximum() > 0, timeout=TIMEOUT_MS)
    player.toggle_play()
    qtbot.waitUntil(lambda: not player.is_playing, timeout=TIMEOUT_MS)
    slider.setFocus()
    start = slider.value()
    press(slider, Qt.Key.Key_Right)
    assert slider.value() == min(slider.maximum(), start + SEEK_STEP_MS)
    media = player.media_player()
    assert media is not None
    target = slider.value()
    qtbot.waitUntil(lambda: abs(media.position() - target) < 300, timeout=TIMEOUT_MS)


def test_a_banner_button_comes_before_its_dismiss_cross_in_the_tab_order(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_settled(qtbot, open_window, emulator)
    window.demo_banner.show_message("Demo catalog.", [("Connect…", lambda: None)])
    connect = window.demo_banner.button("Connect…")
    assert connect is not None
    qtbot.waitUntil(connect.isVisible, timeout=TIMEOUT_MS)  # a layout shows it when idle
    cross = window.demo_banner.focus_chain()[-1]
    window.size_slider.setFocus(Qt.FocusReason.TabFocusReason)
    order = []
    for _step in range(3):
        press(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [connect, cross, window.view]
