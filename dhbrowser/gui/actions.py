"""Every command of the main window, its menu place and its keys, in one table.

The window binds its menus and shortcuts from `COMMANDS` (see `bind`), and Help → Keyboard
shortcuts lists the same table, so the list cannot drift from what the keys do. Keys that a
Qt widget handles by itself (arrows in the grid, Enter on a card) are rows too, marked as
handled by that widget: they are listed, not bound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.qt.i18n import translate

Key = QKeySequence.StandardKey | str


class Scope(Enum):
    """Where a command's keys work."""

    WINDOW = str(QT_TRANSLATE_NOOP("Scope", "anywhere in the window"))
    CARDS = str(QT_TRANSLATE_NOOP("Scope", "on the cards"))
    PICK = str(QT_TRANSLATE_NOOP("Scope", "when choosing (--pick)"))
    WIDGET = str(QT_TRANSLATE_NOOP("Scope", "handled by the control that has focus"))


@dataclass(frozen=True, slots=True)
class Command:
    """One command: what it is called, where it sits in the menus and which keys run it.

    `key` names the window's handler (a slot or an existing QAction, see `bind`); `menu` is
    a path such as "&File/&Export catalog", or "" for a command that only has keys. `text`
    and the menu names are English: they are translated where shown (MENU_NAMES marks the
    menus' for the translators).
    """

    key: str
    text: str
    keys: tuple[Key, ...] = ()
    menu: str = ""
    scope: Scope = Scope.WINDOW
    #: Starts a new group in its menu.
    separator_before: bool = False


COMMANDS: tuple[Command, ...] = (
    Command(
        "reload",
        str(QT_TRANSLATE_NOOP("Command", "&Reload")),
        (QKeySequence.StandardKey.Refresh,),
        "&File",
    ),
    Command(
        "export_csv", str(QT_TRANSLATE_NOOP("Command", "As &CSV…")), (), "&File/&Export catalog"
    ),
    Command(
        "export_json", str(QT_TRANSLATE_NOOP("Command", "As &JSON…")), (), "&File/&Export catalog"
    ),
    Command(
        "import_labels",
        str(QT_TRANSLATE_NOOP("Command", "&Import action labels…")),
        (),
        "&File",
        separator_before=True,
    ),
    Command(
        "export_labels", str(QT_TRANSLATE_NOOP("Command", "E&xport action labels…")), (), "&File"
    ),
    # Not StandardKey.Quit: some platforms' tables leave it empty (Ctrl+Q is ⌘Q on macOS).
    Command(
        "quit",
        str(QT_TRANSLATE_NOOP("Command", "&Quit")),
        ("Ctrl+Q",),
        "&File",
        separator_before=True,
    ),
    Command(
        "copy_id",
        str(QT_TRANSLATE_NOOP("Command", "Copy id")),
        (QKeySequence.StandardKey.Copy,),
        "&Edit",
        Scope.CARDS,
    ),
    Command("copy_json", str(QT_TRANSLATE_NOOP("Command", "Copy as JSON")), (), "&Edit"),
    Command(
        "copy_request", str(QT_TRANSLATE_NOOP("Command", "Copy stream task request")), (), "&Edit"
    ),
    Command(
        "copy_pair",
        str(QT_TRANSLATE_NOOP("Command", "Copy stream task + DriveByText")),
        (),
        "&Edit",
    ),
    Command(
        "save_preview",
        str(QT_TRANSLATE_NOOP("Command", "Save preview video as…")),
        (),
        "&Edit",
        separator_before=True,
    ),
    Command(
        "open_preview", str(QT_TRANSLATE_NOOP("Command", "Open preview in player")), (), "&Edit"
    ),
    Command(
        "favourite",
        str(QT_TRANSLATE_NOOP("Command", "Favourite")),
        ("Ctrl+D",),
        "&Edit",
        separator_before=True,
    ),
    Command(
        "undo_star",
        str(QT_TRANSLATE_NOOP("Command", "Undo")),
        (QKeySequence.StandardKey.Undo,),
        "&Edit",
    ),
    Command(
        "find",
        str(QT_TRANSLATE_NOOP("Command", "&Find")),
        (QKeySequence.StandardKey.Find,),
        "&Edit",
        separator_before=True,
    ),
    Command("go_to_id", str(QT_TRANSLATE_NOOP("Command", "&Go to id…")), ("Ctrl+L",), "&Edit"),
    Command("voices", str(QT_TRANSLATE_NOOP("Command", "&Voices…")), ("Ctrl+Shift+V",), "&View"),
    Command("gone", str(QT_TRANSLATE_NOOP("Command", "&Gone from the service…")), (), "&View"),
    Command(
        "zoom_in", str(QT_TRANSLATE_NOOP("Command", "&Larger cards")), ("Ctrl+=", "Ctrl++"), "&View"
    ),
    Command("zoom_out", str(QT_TRANSLATE_NOOP("Command", "&Smaller cards")), ("Ctrl+-",), "&View"),
    Command(
        "zoom_reset", str(QT_TRANSLATE_NOOP("Command", "&Default card size")), ("Ctrl+0",), "&View"
    ),
    Command(
        "hover_previews",
        str(QT_TRANSLATE_NOOP("Command", "Play previews on &hover")),
        (),
        "&View",
        separator_before=True,
    ),
    Command(
        "play_pause", str(QT_TRANSLATE_NOOP("Command", "Play or pause the preview")), ("Space",)
    ),
    Command(
        "card_menu",
        str(QT_TRANSLATE_NOOP("Command", "Open the card's menu")),
        ("Shift+F10", "Menu"),
        scope=Scope.CARDS,
    ),
    Command(
        "escape",
        str(QT_TRANSLATE_NOOP("Command", "Clear the search (when choosing and none: cancel)")),
        ("Esc",),
    ),
    Command(
        "move",
        str(QT_TRANSLATE_NOOP("Command", "Move between cards")),
        ("Left", "Right", "Up", "Down"),
        scope=Scope.WIDGET,
    ),
    Command(
        "activate",
        str(
            QT_TRANSLATE_NOOP(
                "Command", "On a card: play its first preview (when choosing: use it)"
            )
        ),
        ("Return",),
        scope=Scope.WIDGET,
    ),
    Command(
        "step",
        str(QT_TRANSLATE_NOOP("Command", "On the seek bar: 1 s back or forward")),
        ("Left", "Right"),
        scope=Scope.WIDGET,
    ),
    Command(
        "next_control",
        str(QT_TRANSLATE_NOOP("Command", "Next or previous control")),
        ("Tab", "Shift+Tab"),
        scope=Scope.WIDGET,
    ),
    Command("shortcuts", str(QT_TRANSLATE_NOOP("Command", "&Keyboard shortcuts")), (), "&Help"),
    Command(
        "about",
        str(QT_TRANSLATE_NOOP("Command", "&About dhbrowser")),
        (),
        "&Help",
        separator_before=True,
    ),
)

#: The top-level menus in menu-bar order (the Profile menu is inserted before Help).
MENU_ORDER = ("&File", "&Edit", "&View", "&Help")
#: Every menu name of the paths above, for the translators (context "Menu").
MENU_NAMES = (
    QT_TRANSLATE_NOOP("Menu", "&File"),
    QT_TRANSLATE_NOOP("Menu", "&Edit"),
    QT_TRANSLATE_NOOP("Menu", "&View"),
    QT_TRANSLATE_NOOP("Menu", "&Help"),
    QT_TRANSLATE_NOOP("Menu", "&Export catalog"),
)


def key_sequences(command: Command) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for key in command.keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    return sequences


def key_text(command: Command) -> str:
    """The keys as the user reads them ("Ctrl+=, Ctrl++"), in this platform's spelling."""
    return ", ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in key_sequences(command)
    )


@dataclass(frozen=True, slots=True)
class Bound:
    actions: dict[str, QAction]
    menus: dict[str, QMenu]


def bind(
    window: QWidget,
    menu_bar: QMenuBar,
    handlers: Mapping[str, Callable[[], object] | QAction],
    *,
    cards: QWidget,
    pick_mode: bool,
) -> Bound:
    """Make the menus and shortcuts of `COMMANDS` on `window`.

    A handler that is a QAction (one shared with the card menu) is placed as it is, given
    the table's keys; a callable gets a new QAction. CARDS keys work while `cards` has focus;
    PICK commands exist only in pick mode; WIDGET rows are not bound.
    """
    menus: dict[str, QMenu] = {}
    for title in MENU_ORDER:
        menus[title] = menu_bar.addMenu(translate("Menu", title))
    actions: dict[str, QAction] = {}
    for command in COMMANDS:
        if command.scope is Scope.WIDGET or (command.scope is Scope.PICK and not pick_mode):
            continue
        action = _action_for(command, handlers[command.key], window)
        action.setShortcuts(key_sequences(command))
        if command.scope is Scope.CARDS:
            # Ctrl+C copies the card's id only while the cards have focus; elsewhere (the
            # search box, the id field) it keeps copying text.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            cards.addAction(action)
        elif not command.menu:
            window.addAction(action)
        if command.menu:
            menu = _menu_at(command.menu, menus)
            if command.separator_before:
                menu.addSeparator()
            menu.addAction(action)
            if command.scope is Scope.WINDOW:
                window.addAction(action)  # its keys work even while the menu bar is hidden
        actions[command.key] = action
    return Bound(actions, menus)


def _action_for(
    command: Command, handler: Callable[[], object] | QAction, parent: QObject
) -> QAction:
    if isinstance(handler, QAction):
        return handler
    action = QAction(translate("Command", command.text), parent)
    action.triggered.connect(lambda _checked=False: handler())
    return action


def _menu_at(path: str, menus: dict[str, QMenu]) -> QMenu:
    """The menu at `path` ("&File/&Export catalog"), its submenus made on first use."""
    parts = path.split("/")
    menu = menus[parts[0]]
    for depth in range(1, len(parts)):
        key = "/".join(parts[: depth + 1])
        if key not in menus:
            menus[key] = menu.addMenu(translate("Menu", parts[depth]))
        menu = menus[key]
    return menu


def shortcuts_dialog(parent: QWidget, pick_mode: bool) -> QDialog:
    """Help → Keyboard shortcuts: every row of `COMMANDS` that has keys, as a table."""
    rows = [
        command
        for command in COMMANDS
        if command.keys and (command.scope is not Scope.PICK or pick_mode)
    ]
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("actions", "Keyboard shortcuts"))
    table = QTableWidget(len(rows), 3, dialog)
    table.setObjectName("shortcuts-table")
    table.setAccessibleName(translate("actions", "Keyboard shortcuts"))
    table.setHorizontalHeaderLabels(
        [translate("actions", "Keys"), translate("actions", "Does"), translate("actions", "Where")]
    )
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for row, command in enumerate(rows):
        for column, text in enumerate(
            (
                key_text(command),
                translate("Command", command.text).replace("&", ""),
                translate("Scope", command.scope.value),
            )
        ):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    width = table.horizontalHeader().length() + 2 * table.frameWidth() + 40
    dialog.resize(min(width, 760), min(table.verticalHeader().length() + 120, 560))
    return dialog
