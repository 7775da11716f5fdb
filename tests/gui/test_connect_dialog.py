"""The Connect dialog against the emulator over real HTTP: every documented failure is
explained in words with the input left as typed; success enables Save; Save puts the
secret in the keyring (or, if refused and the user agrees, in memory), never in a file.
"""

from __future__ import annotations

import secrets as random_secrets
import socket
from collections.abc import Callable
from pathlib import Path

import keyring.errors
import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from dhbrowser.core.profiles import DEFAULT_ENDPOINT, Profile
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.gui.connect_dialog import ConnectDialog
from dhbrowser.qt.settings import ProfileSettings
from tests.keyring_doubles import InstallKeyring, MemoryKeyring, RefusingKeyring, no_keyring
from tests.theme_palettes import low_contrast_texts

#: The offscreen platform cannot size windows from their hints; a real desktop can.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

APP_ID = 3_141_592_653
SECRET = random_secrets.token_hex(16)
TEST_TIMEOUT_MS = 20_000

DialogFactory = Callable[..., ConnectDialog]


@pytest.fixture
def settings(tmp_path: Path) -> ProfileSettings:
    return ProfileSettings(QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat))


@pytest.fixture
def store() -> SecretStore:
    return SecretStore()


@pytest.fixture
def open_dialog(
    qtbot: QtBot, pool: QThreadPool, settings: ProfileSettings, store: SecretStore
) -> DialogFactory:
    def open_it(initial: Profile | None = None) -> ConnectDialog:
        dialog = ConnectDialog(pool, settings, store, initial=initial)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_it


@pytest.fixture
def app(emulator: Emulator) -> Emulator:
    emulator.add_app(APP_ID, SECRET)
    return emulator


def fill(
    dialog: ConnectDialog, app_id: str, secret: str, endpoint: str, name: str = "Mine"
) -> None:
    dialog.name_edit.setText(name)
    dialog.app_id_edit.setText(app_id)
    dialog.secret_edit.setText(secret)
    dialog.endpoint_edit.setText(endpoint)


def run_test(qtbot: QtBot, dialog: ConnectDialog, *, succeeds: bool) -> None:
    with qtbot.waitSignal(dialog.testFinished, timeout=TEST_TIMEOUT_MS) as outcome:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert outcome.args == [succeeds], dialog.status_label.text()


def inputs(dialog: ConnectDialog) -> tuple[str, str, str, str]:
    return (
        dialog.name_edit.text(),
        dialog.app_id_edit.text(),
        dialog.secret_edit.text(),
        dialog.endpoint_edit.text(),
    )


def screenshot(dialog: ConnectDialog, path: Path) -> None:
    """Save what the user sees, after the layout has settled on the new message."""
    QApplication.processEvents()
    dialog.grab().save(str(path))


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


#: case: (words the dialog shows, the field the cursor is put in, if any)
FAILURES = {
    "wrong secret": ("The ServerSecret does not match this AppId", "secret"),
    "unknown AppId": ("ZEGOCLOUD does not know this AppId", "app_id"),
    "service not enabled": ("Digital Human API is not enabled for this app", ""),
    "clock skew": ("clock is off by more than 10 minutes", ""),
    "endpoint unreachable": ("The endpoint cannot be reached", "endpoint"),
    "TLS failure": ("TLS certificate could not be verified", "endpoint"),
}


def arrange(case: str, emu: Emulator) -> tuple[str, str, str]:
    """Set the emulator up for `case`; the (AppId, secret, endpoint) the user types."""
    if case == "wrong secret":
        return str(APP_ID), random_secrets.token_hex(16), emu.base_url
    if case == "unknown AppId":
        return "271828", SECRET, emu.base_url
    if case == "service not enabled":
        emu.add_app(777, SECRET, service_enabled=False)
        return "777", SECRET, emu.base_url
    if case == "clock skew":
        emu.clock_skew = 3600
        return str(APP_ID), SECRET, emu.base_url
    if case == "endpoint unreachable":
        return str(APP_ID), SECRET, f"http://127.0.0.1:{closed_port()}"
    assert case == "TLS failure"  # https to a plain-http port: the handshake fails
    return str(APP_ID), SECRET, emu.base_url.replace("http://", "https://")


@pytest.mark.parametrize("case", list(FAILURES))
def test_each_failure_is_explained_and_the_input_kept(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator, case: str, artifacts_dir: Path
) -> None:
    words, suspect = FAILURES[case]
    app_id, secret, endpoint = arrange(case, app)
    dialog = open_dialog()
    fill(dialog, app_id, secret, endpoint)
    typed = inputs(dialog)

    run_test(qtbot, dialog, succeeds=False)

    assert dialog.status.isVisible()
    assert dialog.status_label.text().startswith("Could not connect.")
    assert words in dialog.status_label.text()
    assert inputs(dialog) == typed
    assert dialog.isVisible()
    assert dialog.result() == 0
    assert not dialog.save_button.isEnabled()
    assert dialog.test_button.isEnabled()
    if suspect:
        field: QLineEdit = getattr(dialog, f"{suspect}_edit")
        assert dialog.focusWidget() is field, "the cursor goes where the fix is typed"
    assert SECRET not in dialog.status_label.text()
    assert secret not in dialog.status_label.text()
    slug = case.replace(" ", "-").lower()
    screenshot(dialog, artifacts_dir / f"connect-dialog-failure-{slug}.png")


def test_success_enables_save_and_save_stores_in_the_keyring(
    qtbot: QtBot,
    open_dialog: DialogFactory,
    app: Emulator,
    settings: ProfileSettings,
    use_keyring: InstallKeyring,
    artifacts_dir: Path,
) -> None:
    backend = use_keyring(MemoryKeyring())
    dialog = open_dialog()
    screenshot(dialog, artifacts_dir / "connect-dialog-empty.png")
    assert not dialog.save_button.isEnabled(), "Save waits for a successful test"
    fill(dialog, str(APP_ID), SECRET, app.base_url)

    run_test(qtbot, dialog, succeeds=True)

    assert dialog.save_button.isEnabled()
    assert f"This app can list {len(app.catalog)} digital humans" in dialog.status_label.text()
    screenshot(dialog, artifacts_dir / "connect-dialog-success.png")

    with qtbot.waitSignal(dialog.accepted, timeout=TEST_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.profile() == Profile("Mine", APP_ID, app.base_url)
    assert dialog.secret_edit.text() == "", "the secret is not left in the dialog"
    assert backend.entries == {("dhbrowser", "Mine"): SECRET}
    assert settings.profiles() == [Profile("Mine", APP_ID, app.base_url)]
    settings_text = settings.file_path().read_text(encoding="utf-8")
    assert str(APP_ID) in settings_text
    assert SECRET not in settings_text
    assert SECRET not in dialog.windowTitle()


def test_a_refusing_keyring_offers_the_session_only(
    qtbot: QtBot,
    open_dialog: DialogFactory,
    app: Emulator,
    settings: ProfileSettings,
    store: SecretStore,
    use_keyring: InstallKeyring,
    artifacts_dir: Path,
) -> None:
    use_keyring(no_keyring())
    dialog = open_dialog()
    fill(dialog, str(APP_ID), SECRET, app.base_url, name="Session app")
    run_test(qtbot, dialog, succeeds=True)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.session_button.isVisible, timeout=TEST_TIMEOUT_MS)

    assert "The ServerSecret could not be stored" in dialog.status_label.text()
    assert "No system keyring is available" in dialog.status_label.text()
    assert dialog.isVisible()
    assert dialog.secret_edit.text() == SECRET
    assert settings.profiles() == [], "nothing is saved until the user chooses"
    screenshot(dialog, artifacts_dir / "connect-dialog-keyring-refused.png")

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)

    assert dialog.profile() == Profile("Session app", APP_ID, app.base_url)
    assert store.is_session_only("Session app")
    assert dialog.secret_edit.text() == ""
    assert SECRET not in settings.file_path().read_text(encoding="utf-8")


def test_editing_after_a_success_requires_a_new_test(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator
) -> None:
    dialog = open_dialog()
    fill(dialog, str(APP_ID), SECRET, app.base_url)
    run_test(qtbot, dialog, succeeds=True)
    dialog.app_id_edit.setText("271828")
    assert not dialog.save_button.isEnabled()
    assert not dialog.status.isVisible()


def test_inline_validation_before_any_request(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator
) -> None:
    dialog = open_dialog()
    requests_before = app.stats.snapshot()["requests"]
    qtbot.keyClicks(dialog.app_id_edit, "12ab-3")
    assert dialog.app_id_edit.text() == "12ab-3", "typed letters are not dropped silently"
    assert dialog.app_id_error.isVisible()
    assert dialog.app_id_error.text() == "The AppId has digits only."
    dialog.app_id_edit.setText("4294967296")
    assert dialog.app_id_error.text() == "The AppId is at most 4294967295."
    assert dialog.app_id_error.isVisible()
    dialog.app_id_edit.setText("4294967295")
    assert not dialog.app_id_error.isVisible()

    dialog.endpoint_edit.setText("http://api.example.com")
    dialog.endpoint_edit.editingFinished.emit()
    assert "plain http" in dialog.endpoint_error.text()
    dialog.endpoint_edit.setText("http://127.0.0.1:9")
    dialog.endpoint_edit.editingFinished.emit()
    assert not dialog.endpoint_error.isVisible(), "http to this computer is allowed"

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)  # no secret typed
    assert dialog.secret_error.text() == "Enter the ServerSecret from the ZEGOCLOUD console."
    assert not dialog.status.isVisible()
    assert app.stats.snapshot()["requests"] == requests_before, "nothing was sent"


def test_the_secret_is_checked_as_it_is_typed(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator
) -> None:
    dialog = open_dialog()
    requests_before = app.stats.snapshot()["requests"]
    qtbot.keyClicks(dialog.secret_edit, "0d3c5e1f")
    assert not dialog.secret_error.isVisible(), "a secret being typed is not yet too short"
    qtbot.keyClicks(dialog.secret_edit, "x")
    assert (
        dialog.secret_error.text() == "A ServerSecret has only the digits 0–9 and the letters a–f."
    )
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Backspace)
    fill(dialog, str(APP_ID), SECRET[:31], app.base_url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.secret_error.text() == "A ServerSecret has 32 characters; this one has 31."
    assert app.stats.snapshot()["requests"] == requests_before, "nothing was sent"
    qtbot.keyClicks(dialog.secret_edit, SECRET[31])
    assert not dialog.secret_error.isVisible()


def test_a_failed_test_message_goes_when_the_input_changes(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator
) -> None:
    dialog = open_dialog()
    fill(dialog, str(APP_ID), random_secrets.token_hex(16), app.base_url)
    run_test(qtbot, dialog, succeeds=False)
    assert dialog.status.isVisible()
    dialog.secret_edit.clear()
    qtbot.keyClicks(dialog.secret_edit, SECRET[0])
    assert not dialog.status.isVisible(), "the failure stayed beside input it was not about"


def test_the_secret_is_masked_unless_shown(qtbot: QtBot, open_dialog: DialogFactory) -> None:
    dialog = open_dialog()
    assert dialog.secret_edit.echoMode() is QLineEdit.EchoMode.Password
    assert dialog.endpoint_edit.text() == DEFAULT_ENDPOINT
    qtbot.mouseClick(dialog.show_secret_button, Qt.MouseButton.LeftButton)
    assert dialog.secret_edit.echoMode() is QLineEdit.EchoMode.Normal
    assert dialog.show_secret_button.text() == "Hide"
    qtbot.mouseClick(dialog.show_secret_button, Qt.MouseButton.LeftButton)
    assert dialog.secret_edit.echoMode() is QLineEdit.EchoMode.Password


def test_cancel_forgets_the_secret(qtbot: QtBot, open_dialog: DialogFactory, app: Emulator) -> None:
    dialog = open_dialog()
    fill(dialog, str(APP_ID), SECRET, app.base_url)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.profile() is None
    assert dialog.secret_edit.text() == ""


def test_reconnecting_a_profile_starts_from_its_details(
    qtbot: QtBot, open_dialog: DialogFactory, settings: ProfileSettings, app: Emulator
) -> None:
    known = Profile("Production", APP_ID, app.base_url)
    settings.save(known)
    dialog = open_dialog(known)
    assert inputs(dialog) == ("Production", str(APP_ID), "", app.base_url)
    assert dialog.focusWidget() is dialog.secret_edit
    assert not dialog.name_error.isVisible(), "its own name is not a clash"
    dialog.name_edit.setText("Other")
    dialog.name_edit.setText("Production ")
    assert not dialog.name_error.isVisible()


@pytest.mark.expect_log("WARNING", r"keyring locked or denied")
def test_after_unlocking_the_keyring_save_tries_it_again(
    qtbot: QtBot,
    open_dialog: DialogFactory,
    app: Emulator,
    store: SecretStore,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(RefusingKeyring(lambda _p: keyring.errors.KeyringLocked("locked")))
    dialog = open_dialog()
    fill(dialog, str(APP_ID), SECRET, app.base_url)
    run_test(qtbot, dialog, succeeds=True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.session_button.isVisible, timeout=TEST_TIMEOUT_MS)
    assert "locked or refused access" in dialog.status_label.text()
    assert dialog.save_button.isEnabled(), "the user may unlock the keyring and save again"

    backend = use_keyring(MemoryKeyring())  # the user unlocked it
    with qtbot.waitSignal(dialog.accepted, timeout=TEST_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert backend.entries == {("dhbrowser", "Mine"): SECRET}
    assert not store.is_session_only("Mine")


def shows_whole(dialog: ConnectDialog, widget: QWidget) -> bool:
    """`widget` is inside the dialog and, for a wrapped label, tall enough for its text."""
    inside = dialog.rect().contains(QRect(widget.mapTo(dialog, QPoint()), widget.size()))
    if isinstance(widget, QLabel) and widget.wordWrap():
        return inside and widget.height() >= widget.heightForWidth(widget.width())
    return inside


@pytest.mark.expect_log("WARNING", r"keyring locked or denied")
def test_the_keyrings_refusal_and_its_offer_fit_in_the_dialog(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator, use_keyring: InstallKeyring
) -> None:
    use_keyring(RefusingKeyring(lambda _p: keyring.errors.KeyringLocked("locked")))
    dialog = open_dialog()
    fill(dialog, str(APP_ID), SECRET, app.base_url)
    run_test(qtbot, dialog, succeeds=True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.session_button.isVisible, timeout=TEST_TIMEOUT_MS)
    whole = (dialog.status_label, dialog.session_button, dialog.save_button, dialog.endpoint_edit)
    qtbot.waitUntil(lambda: all(shows_whole(dialog, widget) for widget in whole))
    assert dialog.endpoint_edit.height() >= dialog.endpoint_edit.sizeHint().height()


def test_editing_after_a_refusal_withdraws_the_offer(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator, use_keyring: InstallKeyring
) -> None:
    use_keyring(no_keyring())
    dialog = open_dialog()
    fill(dialog, str(APP_ID), SECRET, app.base_url)
    run_test(qtbot, dialog, succeeds=True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.session_button.isVisible, timeout=TEST_TIMEOUT_MS)
    dialog.name_edit.setText("Renamed")
    assert not dialog.session_button.isVisible()
    assert not dialog.save_button.isEnabled(), "the renamed profile was not tested"
    dialog.keep_for_session()
    assert dialog.profile() is None
    assert dialog.isVisible()


def test_messages_read_against_their_background_in_light_and_dark(
    qtbot: QtBot, open_dialog: DialogFactory, app: Emulator, artifacts_dir: Path, theme: str
) -> None:
    dialog = open_dialog()
    app_id, secret, endpoint = arrange("wrong secret", app)
    fill(dialog, app_id, secret, endpoint)
    run_test(qtbot, dialog, succeeds=False)
    dialog.endpoint_edit.setText("http://api.example.invalid")
    dialog.endpoint_edit.editingFinished.emit()  # a field error under the endpoint
    assert dialog.endpoint_error.isVisible()
    screenshot(dialog, artifacts_dir / f"theme-connect-{theme}.png")
    assert low_contrast_texts(dialog) == []
