"""The windows in Simplified Chinese: no English sentence is left in any widget's text,
tooltip, placeholder, accessible name, menu or title of the main window, the picker, the
connect dialog and the error banner; screenshots (light and dark) for people to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo, QLocale, QSettings, QThreadPool
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dhbrowser import i18n
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Catalog, Emulator
from dhbrowser.gui.connect_dialog import ConnectDialog
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.i18n import install_language
from dhbrowser.qt.settings import ProfileSettings
from tests.gui_fixtures import WindowFactory, demo_connection

#: A word in Latin letters: in a Chinese text it must be one of KEPT, or a name from the
#: server (a human's, an action's, a voice's, an id).
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]+")
#: "e.g.", "i.e.": English made of single letters (which LATIN_WORD lets through, for the
#: accelerators' "(&F)" and "A–Z").
LATIN_ABBREVIATION = re.compile(r"\b[a-z]\.[a-z]\.")
#: Function keys (F5, Shift+F10) are key names, as Qt writes them in every language.
FUNCTION_KEY = re.compile(r"F[0-9]{1,2}")
#: What stays in Latin letters on purpose: ZEGO's, the API's and the formats' own names,
#: and key names.
KEPT = frozenset(
    {
        "ZEGOCLOUD",
        "AIGC",
        "API",
        "AppId",
        "ServerSecret",
        "DigitalHumanId",
        "TimbreId",
        "DriveByText",
        "CreateDigitalHumanStreamTask",
        "FetchMode",
        "RoomId",
        "StreamId",
        "dhbrowser",
        "ID",
        "JSON",
        "CSV",
        "URL",
        "MP4",
        "Ctrl",
        "Shift",
        "Alt",
        "Ins",
        "Enter",
        "Esc",
        "Tab",
    }
)


@pytest.fixture
def chinese(qapp: QApplication, translations_dir: Path) -> Iterator[None]:
    """The application speaking Simplified Chinese for one test, English again after."""
    default_locale = QLocale()
    installed = install_language(qapp, i18n.SIMPLIFIED_CHINESE, translations_dir)
    assert installed, "the zh_CN catalogue did not load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    i18n.use_language(i18n.ENGLISH, translations_dir)
    QLocale.setDefault(default_locale)


def widget_texts(root: QWidget) -> dict[str, str]:
    """Every text a person can read or hear on `root` and its children, by where it is."""
    texts: dict[str, str] = {}

    def add(where: str, text: str) -> None:
        if text.strip():
            texts[where] = text

    def add_actions(where: str, actions: list[QAction]) -> None:
        # Each action under its own key: a shared key kept only a menu's last action.
        for index, action in enumerate(actions):
            add(f"{where} action {index}", action.text())
            add(
                f"{where} action {index} tooltip",
                action.toolTip() if action.toolTip() != action.text().replace("&", "") else "",
            )
            menu = action.menu()
            if isinstance(menu, QMenu):
                add(f"{where} action {index} menu title", menu.title())
                add_actions(f"{where}/{action.text()}", menu.actions())

    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}:{widget.objectName() or id(widget)}"
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        add(f"{name} tooltip", widget.toolTip())
        add(f"{name} accessible name", widget.accessibleName())
        add(f"{name} accessible description", widget.accessibleDescription())
        add(f"{name} title", widget.windowTitle() if widget.isWindow() else "")
        if isinstance(widget, QLabel | QAbstractButton):
            add(f"{name} text", widget.text())
        if isinstance(widget, QLineEdit):
            add(f"{name} placeholder", widget.placeholderText())
        if isinstance(widget, QGroupBox):
            add(f"{name} title", widget.title())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(f"{name} item {index}", widget.itemText(index))
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                add(f"{name} header {column}", header.text() if header else "")
                for row in range(widget.rowCount()):
                    cell = widget.item(row, column)
                    add(f"{name} cell {row},{column}", cell.text() if cell else "")
        add_actions(name, widget.actions())
    return texts


def english_left(texts: dict[str, str], allowed: set[str]) -> dict[str, str]:
    """The texts that still hold an English word once ids, API names and the server's own
    names (`allowed`) are taken out."""
    left = {}
    for where, text in texts.items():
        # Rich text's tags are not read, nor are the accelerators' "&" marks.
        plain = re.sub(r"<[^>]+>", " ", text).replace("&", "")
        for name in sorted(allowed, key=len, reverse=True):
            plain = plain.replace(name, " ")
        words = LATIN_WORD.findall(plain)
        english = [word for word in words if word not in KEPT and not FUNCTION_KEY.fullmatch(word)]
        if english or LATIN_ABBREVIATION.search(plain):
            left[where] = text
    return left


def server_names(catalog: Catalog) -> set[str]:
    names: set[str] = set()
    for human in catalog.records():
        names |= {human.name, human.id, *(action.action for action in human.actions)}
    for timbre in catalog.timbres():
        names |= {timbre.name, timbre.id}
    return names


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.details.human is not None and window.details.stage.has_pixmap,
        timeout=20_000,
    )


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("pick", [False, True], ids=["main", "picker"])
def test_the_window_has_no_english_sentence_left(
    qtbot: QtBot,
    emulator: Emulator,
    open_window: WindowFactory,
    artifacts_dir: Path,
    tmp_path: Path,
    theme: str,
    pick: bool,
) -> None:
    window = open_window(emulator, pick_mode=pick)
    # The Profile menu, as `dhbrowser` opens the window, with one stored app in it.
    settings = ProfileSettings(
        QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    )
    settings.save(Profile("我的应用", 1234567890, emulator.base_url))
    window.enable_profiles(settings, SecretStore(), lambda: demo_connection(emulator))
    window.resize(1366, 768)
    settle(qtbot, window)
    kind = "picker" if pick else "main"
    window.grab().save(str(artifacts_dir / f"zh_CN-{kind}-{theme}.png"))
    texts = widget_texts(window)
    assert window.session is not None
    # The test's connection is named like a profile: a name the user gave, not our text;
    # so is the stored app's endpoint. Help ▸ Language names each language in itself.
    names = server_names(emulator.catalog) | {window.session.connection.label, emulator.base_url}
    names |= set(i18n.LANGUAGES.values())
    assert english_left(texts, names) == {}


@pytest.mark.usefixtures("chinese")
def test_the_error_banner_speaks_chinese(
    qtbot: QtBot, emulator: Emulator, open_window: WindowFactory, artifacts_dir: Path
) -> None:
    from dhbrowser.api.errors import ApiError, ReturnCode

    window = open_window(emulator)
    window.resize(1366, 768)
    settle(qtbot, window)
    window.error_banner.show_message(ApiError(ReturnCode.SIGNATURE_ERROR, "").hint)
    qtbot.waitUntil(window.error_banner.isVisible)
    window.grab().save(str(artifacts_dir / "zh_CN-error-banner.png"))
    texts = widget_texts(window.error_banner)
    assert any("ServerSecret 与此 AppId 不匹配" in text for text in texts.values()), texts
    assert english_left(texts, set()) == {}


@pytest.mark.usefixtures("chinese", "user_dirs")
def test_the_connect_dialog_speaks_chinese(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, artifacts_dir: Path
) -> None:
    settings = QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    dialog = ConnectDialog(pool, ProfileSettings(settings), SecretStore())
    qtbot.addWidget(dialog)
    dialog.resize(dialog.sizeHint())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(artifacts_dir / "zh_CN-connect-dialog.png"))
    texts = widget_texts(dialog)
    assert "连接你的 ZEGOCLOUD 应用" in texts.values()
    assert english_left(texts, set()) == {}


@pytest.mark.usefixtures("chinese")
def test_the_file_dialogs_speak_chinese(qtbot: QtBot, tmp_path: Path, artifacts_dir: Path) -> None:
    """Export and import open Qt's own file dialog (no desktop portal offscreen, nor on many
    Linux desktops): Qt's zh_CN catalogue lacks a few of its texts, which ours carries."""
    from PySide6.QtWidgets import QFileDialog, QFileIconProvider

    (tmp_path / "exports").mkdir()
    dialog = QFileDialog(None, "导出目录为 CSV", str(tmp_path), "CSV (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(artifacts_dir / "zh_CN-file-dialog.png"))
    texts = widget_texts(dialog)
    assert english_left(texts, {str(tmp_path), "*.csv"}) == {}
    assert QFileIconProvider().type(QFileInfo(str(tmp_path / "exports"))) == "文件夹"


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("opened", ["go-to-id", "voices", "shortcuts"])
def test_the_windows_opened_from_the_main_window_speak_chinese(
    qtbot: QtBot, emulator: Emulator, open_window: WindowFactory, artifacts_dir: Path, opened: str
) -> None:
    from dhbrowser.gui.actions import shortcuts_dialog

    window = open_window(emulator)
    settle(qtbot, window)
    if opened == "go-to-id":
        shown: QWidget = window.finding.open_go_to_id()
    elif opened == "voices":
        voices = window.voice_parts.open_view()
        qtbot.waitUntil(lambda: voices.cards.model().rowCount() > 0)  # the status counts them
        shown = voices
    else:
        shown = shortcuts_dialog(window, pick_mode=True)
        qtbot.addWidget(shown)
        shown.show()
    qtbot.waitExposed(shown)
    shown.grab().save(str(artifacts_dir / f"zh_CN-{opened}.png"))
    # The connection's name (in the Voices view's title) is the user's, not our text.
    names = server_names(emulator.catalog) | {"Test demo"}
    assert english_left(widget_texts(shown), names) == {}
