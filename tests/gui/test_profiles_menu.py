"""The Profile menu: what it lists, what choosing an entry says, and removing a profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.errors
import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dhbrowser.api.secret import Secret
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.gui.profiles_menu import ProfilesMenu
from dhbrowser.qt.settings import ProfileSettings
from tests.keyring_doubles import InstallKeyring, MemoryKeyring, RefusingKeyring

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SECRET = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"


@pytest.fixture
def settings(tmp_path: Path) -> ProfileSettings:
    settings = ProfileSettings(
        QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    )
    settings.save(Profile("Production", 1001))
    settings.save(Profile("Staging", 1002, "https://eu.example.com"))
    return settings


@pytest.fixture
def menu(qtbot: QtBot, settings: ProfileSettings, pool: QThreadPool) -> Iterator[ProfilesMenu]:
    window = QWidget()  # the menu's owner, as the main window will be
    qtbot.addWidget(window)
    yield ProfilesMenu(settings, SecretStore(), pool, window)
    window.close()


def texts(menu: ProfilesMenu) -> list[str]:
    return [action.text() or "—" for action in menu.actions()]


def test_lists_the_demo_and_every_profile_with_the_current_checked(
    qtbot: QtBot, menu: ProfilesMenu, artifacts_dir: Path
) -> None:
    menu.set_current("Staging")
    assert texts(menu) == [
        "Demo catalog",
        "Your apps",
        "Production  (AppId 1001)",
        "Staging  (AppId 1002)",
        "—",
        "&Connect an app…",
        "&Remove profile",
    ]
    checked = [action.text() for action in menu.actions() if action.isChecked()]
    assert checked == ["Staging  (AppId 1002)"]
    assert menu.actions()[3].toolTip() == "https://eu.example.com"
    assert [action.text() for action in menu.remove_menu.actions()] == ["Production…", "Staging…"]
    menu.adjustSize()  # rendered without popping up: offscreen Qt cannot grab the keyboard
    menu.grab().save(str(artifacts_dir / "profiles-menu.png"))


def test_choosing_says_which_profile_or_the_demo(qtbot: QtBot, menu: ProfilesMenu) -> None:
    menu.set_current(None)
    with qtbot.waitSignal(menu.profileChosen) as chosen:
        menu.actions()[2].trigger()
    assert chosen.args == ["Production"]
    menu.set_current("Production")
    with qtbot.waitSignal(menu.profileChosen) as chosen:
        menu.actions()[0].trigger()
    assert chosen.args == [None]
    with qtbot.waitSignal(menu.connectRequested):
        menu.connect_action.trigger()


def test_a_new_profile_appears_when_the_menu_opens(
    menu: ProfilesMenu, settings: ProfileSettings
) -> None:
    settings.save(Profile("Added elsewhere", 7))
    menu.aboutToShow.emit()
    assert "Added elsewhere  (AppId 7)" in texts(menu)


def test_removing_asks_then_deletes_the_secret_and_the_profile(
    qtbot: QtBot, menu: ProfilesMenu, settings: ProfileSettings, use_keyring: InstallKeyring
) -> None:
    backend = use_keyring(MemoryKeyring())
    SecretStore().set("Staging", Secret(SECRET))
    menu.remove_menu.actions()[1].trigger()
    box = menu.message_box
    assert box is not None
    assert box.isVisible()
    assert box.text() == "Remove the profile 'Staging'?"
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    with qtbot.waitSignal(menu.profileRemoved, timeout=10_000) as removed:
        remove.click()
    assert removed.args == ["Staging"]
    assert backend.entries == {}
    assert [profile.name for profile in settings.profiles()] == ["Production"]
    assert "Staging  (AppId 1002)" not in texts(menu)


@pytest.mark.expect_log("WARNING", r"keyring locked or denied")
def test_a_locked_keyring_keeps_the_profile_and_says_why(
    qtbot: QtBot, menu: ProfilesMenu, settings: ProfileSettings, use_keyring: InstallKeyring
) -> None:
    use_keyring(RefusingKeyring(lambda _p: keyring.errors.KeyringLocked("locked")))
    menu.remove_profile("Staging")
    qtbot.waitUntil(
        lambda: (
            menu.message_box is not None and menu.message_box.icon() is QMessageBox.Icon.Warning
        ),
        timeout=10_000,
    )
    box = menu.message_box
    assert box is not None
    assert box.text() == "The profile 'Staging' was kept: its ServerSecret could not be deleted."
    assert box.informativeText().startswith("The system keyring is locked or refused access")
    assert [profile.name for profile in settings.profiles()] == ["Production", "Staging"]
    box.close()


def test_a_settings_file_that_cannot_be_changed_keeps_the_profile_and_says_why(
    qtbot: QtBot,
    menu: ProfilesMenu,
    settings: ProfileSettings,
    use_keyring: InstallKeyring,
) -> None:
    """The removal's second step, in the settings, raised an uncaught ProfileError."""
    use_keyring(MemoryKeyring())
    settings.file_path().write_bytes(b"[General\n\xff\xfe\x00 damaged meanwhile ]]]\n")
    with qtbot.captureExceptions() as raised:
        menu.remove_profile("Staging")
        qtbot.waitUntil(lambda: menu.message_box is not None, timeout=10_000)
    assert raised == []
    box = menu.message_box
    assert box is not None
    assert "the settings file could not be changed" in box.text()
    assert "restart dhbrowser" in box.informativeText()
    box.close()
