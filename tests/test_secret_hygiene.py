"""A whole session with a real secret, then a search for it everywhere it must not be.

The session: `dhbrowser profile add` in a subprocess (secret on stdin), the Connect dialog
failing once with a wrong secret and then succeeding and saving, browsing through the
profile, `dhbrowser profile list`, all logging at DEBUG into the same user folders. Then
the settings file, the log files, every other file in the user's folders and all captured
output are searched for the secret: zero hits. The search is shown to work on a file that
does contain it.

With a real Secret Service (`make test`) the command stores the secret in it; without
one the command refuses and the dialog keeps the secret for the session only.
"""

from __future__ import annotations

import os
import secrets as random_secrets
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.errors import ApiError
from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import connection_for
from dhbrowser.core.logs import close_logging, setup_logging
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.gui.connect_dialog import ConnectDialog
from dhbrowser.qt.settings import ProfileSettings

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

APP_ID = 2_718_281_828
PROFILE = "hygiene"
TIMEOUT_MS = 20_000


def occurrences(data: bytes | str, needle: str) -> int:
    """The grep: how often `needle` occurs, in text or in raw bytes."""
    if isinstance(data, str):
        return data.count(needle)
    return data.count(needle.encode())


def dhbrowser_profile(
    env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dhbrowser", "profile", "-v", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_whole_session_leaves_no_trace_of_the_secret(
    qtbot: QtBot,
    pool: QThreadPool,
    emulator: Emulator,
    user_dirs: Path,
    capfd: pytest.CaptureFixture[str],
    artifacts_dir: Path,
) -> None:
    secret, wrong = random_secrets.token_hex(16), random_secrets.token_hex(16)
    assert len(secret) == 32, "long and random: the search cannot miss it or hit it by chance"
    assert secret != wrong
    real_keyring = bool(os.environ.get("DHBROWSER_TEST_SECRET_SERVICE"))
    emulator.add_app(APP_ID, secret)
    env = dict(os.environ)  # user_dirs set the XDG folders: the subprocess shares them

    # 1. The command adds the profile, reading the secret from stdin.
    added = dhbrowser_profile(
        env, "add", "--name", PROFILE, "--app-id", str(APP_ID), "--endpoint", emulator.base_url,
        stdin=secret + "\n",
    )  # fmt: skip
    if real_keyring:
        assert added.returncode == 0, added.stderr
    else:
        assert added.returncode == 1
        assert "No system keyring is available" in added.stderr

    # 2. The app, logging at DEBUG into the same log folder.
    log_file = setup_logging(verbose=True).path
    assert log_file is not None
    settings = ProfileSettings(
        QSettings(
            str(user_dirs / "xdg_config_home" / "dhbrowser" / "dhbrowser.conf"),
            QSettings.Format.IniFormat,
        )
    )
    store = SecretStore()
    try:
        dialog = ConnectDialog(pool, settings, store, initial=settings.profile(PROFILE))
        qtbot.addWidget(dialog)
        connect_in_the_dialog(qtbot, dialog, emulator, wrong, secret, real_keyring=real_keyring)
        dialog.grab().save(str(artifacts_dir / "connect-dialog-after-save.png"))
        shown = [
            repr(dialog.profile()),
            dialog.windowTitle(),
            *browse(settings, store, emulator, wrong),
        ]
    finally:
        close_logging()
        if real_keyring:
            SecretStore().delete(PROFILE)

    # 3. The command lists the profiles.
    listed = dhbrowser_profile(env, "list")
    assert PROFILE in listed.stdout
    captured = capfd.readouterr()
    outputs = [added.stdout, added.stderr, listed.stdout, listed.stderr, captured.out, captured.err]

    # The files the secret must stay out of exist and hold what the session did...
    log_text = log_file.read_text(encoding="utf-8")
    assert log_file.is_relative_to(user_dirs)
    assert str(APP_ID) in settings.file_path().read_text(encoding="utf-8")
    assert " DEBUG " in log_text
    assert "GetDigitalHumanList" in log_text
    assert "dhbrowser.cli.profiles" in log_text
    every_file = [path for path in user_dirs.rglob("*") if path.is_file()]
    assert settings.file_path() in every_file
    assert log_file in every_file

    # ...the search finds a secret where there is one...
    control = user_dirs / "control.txt"
    control.write_text(f"a line with {secret} in it", encoding="utf-8")
    assert occurrences(control.read_bytes(), secret) == 1
    control.unlink()

    # ...and finds neither secret in any file, any output or anything shown.
    for needle in (secret, wrong):
        for path in every_file:
            assert occurrences(path.read_bytes(), needle) == 0, f"a secret is in {path}"
        for text in outputs + shown:
            assert occurrences(text, needle) == 0, f"a secret is in {text[:200]!r}"


def connect_in_the_dialog(
    qtbot: QtBot,
    dialog: ConnectDialog,
    emulator: Emulator,
    wrong: str,
    secret: str,
    *,
    real_keyring: bool,
) -> None:
    """Test with the wrong secret, then the right one, and save (session-only if need be)."""
    dialog.show()
    dialog.name_edit.setText(PROFILE)
    dialog.app_id_edit.setText(str(APP_ID))
    dialog.endpoint_edit.setText(emulator.base_url)
    for typed, succeeds in ((wrong, False), (secret, True)):
        dialog.secret_edit.setText(typed)
        with qtbot.waitSignal(dialog.testFinished, timeout=TIMEOUT_MS) as tested:
            qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert tested.args == [succeeds], dialog.status_label.text()
        if not succeeds:
            assert "The ServerSecret does not match" in dialog.status_label.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    if not real_keyring:
        qtbot.waitUntil(dialog.session_button.isVisible, timeout=TIMEOUT_MS)
        qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=TIMEOUT_MS)
    assert dialog.secret_edit.text() == ""


def browse(
    settings: ProfileSettings, store: SecretStore, emulator: Emulator, wrong: str
) -> list[str]:
    """List through the saved profile, then fail with a wrong one; what each object shows."""
    settings.set_active(PROFILE)
    connection = connection_for(None, settings, store)
    with connection.client() as client:
        assert client.list_page(0, 5).total == len(emulator.catalog)
        shown = [repr(connection), repr(client), repr(store), repr(settings)]
    settings.save(Profile("wrong", APP_ID, emulator.base_url))
    store.set("wrong", Secret(wrong), session_only=True)
    with (
        pytest.raises(ApiError) as refused,
        connection_for("wrong", settings, store).client() as refused_client,
    ):
        refused_client.list_page(0, 1)
    return [*shown, str(refused.value), repr(refused.value), refused.value.hint]
