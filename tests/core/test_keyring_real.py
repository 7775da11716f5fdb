"""Profiles through a real Secret Service (gnome-keyring on a private D-Bus session).

`make test` runs pytest inside `dbus-run-session` via tests/with-secret-service.sh, which
unlocks a throw-away gnome-keyring and sets DHBROWSER_TEST_SECRET_SERVICE=1. Without that
variable these tests skip and say why; with it, an unreachable Secret Service is a failure.
"""

from __future__ import annotations

import os
import secrets as random_secrets
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backends.SecretService
import pytest
import secretstorage
from PySide6.QtCore import QSettings

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import connection_for
from dhbrowser.core.profiles import MissingSecret, Profile
from dhbrowser.core.secret_store import SERVICE_NAME, KeyringUnavailable, SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.qt.settings import ProfileSettings
from tests.cli.test_leaving import (
    EXIT_BOUND_S,
    READY,
    STARTUP_LIMIT_S,
    Running,
    add_profile,
    saved_geometry,
    user_env,
)
from tests.cli_helpers import run_profile

__all__ = ["user_env"]  # a fixture shared with test_leaving

pytestmark = [
    pytest.mark.keyring,
    pytest.mark.skipif(
        not os.environ.get("DHBROWSER_TEST_SECRET_SERVICE"),
        reason=(
            "needs a real Secret Service: run `make test`, or "
            "`dbus-run-session -- sh tests/with-secret-service.sh .venv/bin/python -m pytest "
            "tests/core/test_keyring_real.py` (packages dbus, gnome-keyring)"
        ),
    ),
]


@pytest.fixture
def secret_service() -> Iterator[SecretStore]:
    """The real backend, checked to answer; entries made by the test are removed afterwards."""
    backend = keyring.get_keyring()
    assert isinstance(backend, keyring.backends.SecretService.Keyring), (
        f"DHBROWSER_TEST_SECRET_SERVICE is set but keyring uses {backend!r}"
    )
    store = SecretStore()
    try:
        store.get("dhbrowser-tests-probe")
    except KeyringUnavailable as error:
        pytest.fail(
            f"DHBROWSER_TEST_SECRET_SERVICE is set but the Secret Service does not answer: "
            f"{error} — run the tests through tests/with-secret-service.sh"
        )
    before = set(stored_profiles())
    yield store
    for name in set(stored_profiles()) - before:
        keyring.delete_password(SERVICE_NAME, name)


def stored_profiles() -> dict[str, str]:
    """What the Secret Service itself holds for dhbrowser: {profile name: secret}."""
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return {
            item.get_attributes()["username"]: item.get_secret().decode()
            for item in collection.search_items({"service": SERVICE_NAME})
        }
    finally:
        connection.close()


def new_secret() -> Secret:
    return Secret(random_secrets.token_hex(16))


def test_add_read_back_switch_and_remove_profiles(
    secret_service: SecretStore, tmp_path: Path, emulator: Emulator
) -> None:
    settings = ProfileSettings(
        QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    )
    first, second = new_secret(), new_secret()
    emulator.add_app(1001, first.reveal())
    emulator.add_app(1002, second.reveal())
    for name, app_id, secret in (("Production", 1001, first), ("Staging", 1002, second)):
        settings.save(Profile(name, app_id, emulator.base_url))
        secret_service.set(name, secret)
    assert not secret_service.is_session_only("Production")
    assert stored_profiles() == {"Production": first.reveal(), "Staging": second.reveal()}

    # A fresh store (a new process, in effect) reads them back from the Secret Service.
    settings.set_active("Production")
    with connection_for(None, settings, SecretStore()).client() as client:
        assert client.app_id == 1001
        assert client.list_page(0, 1).total == len(emulator.catalog)
    settings.set_active("Staging")
    staging = connection_for(None, settings, SecretStore())
    assert (staging.label, staging.app_id, staging.secret) == ("Staging", 1002, second)

    secret_service.delete("Staging")
    settings.remove("Staging")
    assert stored_profiles() == {"Production": first.reveal()}
    assert settings.active() is None
    settings.save(Profile("Staging", 1002, emulator.base_url))
    with pytest.raises(MissingSecret):
        connection_for("Staging", settings, SecretStore())
    text = settings.file_path().read_text(encoding="utf-8")
    assert first.reveal() not in text
    assert second.reveal() not in text


def test_profile_command_through_the_secret_service(
    secret_service: SecretStore, tmp_path: Path
) -> None:
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    first, second = new_secret().reveal(), new_secret().reveal()

    added = run_profile(env, "add", "--name", "cli-prod", "--app-id", "123", secret=first)
    assert added.returncode == 0, added.stderr
    assert "Added profile 'cli-prod' (active)" in added.stderr
    added = run_profile(
        env,
        "add", "--name", "cli-eu", "--app-id", "4294967295",
        "--endpoint", "https://eu.example.com/",
        secret=second,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert stored_profiles() == {"cli-prod": first, "cli-eu": second}

    listed = run_profile(env, "list")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["NAME", "APPID", "ENDPOINT"]
    assert lines[1].split() == ["*", "cli-prod", "123", "https://aigc-digitalhuman-api.zegotech.cn"]
    assert lines[2].split() == ["cli-eu", "4294967295", "https://eu.example.com"]

    used = run_profile(env, "use", "cli-eu")
    assert used.returncode == 0, used.stderr
    assert [line.split()[0] for line in run_profile(env, "list").stdout.splitlines()[1:]] == [
        "cli-prod",
        "*",
    ]

    removed = run_profile(env, "remove", "cli-eu")
    assert removed.returncode == 0, removed.stderr
    assert stored_profiles() == {"cli-prod": first}
    assert "cli-eu" not in run_profile(env, "list").stdout

    settings_text = (Path(env["XDG_CONFIG_HOME"]) / "dhbrowser" / "dhbrowser.conf").read_text()
    outputs = "".join(result.stdout + result.stderr for result in (added, listed, used, removed))
    assert "cli-prod" in settings_text
    for secret in (first, second):
        assert secret not in settings_text
        assert secret not in outputs


#: The password tests/with-secret-service.sh unlocks the throw-away keyring with.
TEST_KEYRING_PASSWORD = "dhbrowser-tests"


@pytest.fixture
def prompting_display() -> Iterator[dict[str, str]]:
    """A private X server on which gnome-keyring's unlock prompts (gcr-prompter, started by
    D-Bus activation) open and wait; without a display they fail at once instead."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("Xvfb and xdotool are needed: run `make deps`")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as display_pipe:
        display = f":{display_pipe.readline().strip()}"
    subprocess.run(["dbus-update-activation-environment", f"DISPLAY={display}"], check=True)
    try:
        yield dict(os.environ, DISPLAY=display)
    finally:
        subprocess.run(["dbus-update-activation-environment", "DISPLAY="], check=False)
        server.terminate()
        server.wait(timeout=10)


def find_prompt(env: dict[str, str], alive: Callable[[], bool]) -> str | None:
    """The unlock prompt's window once it is up; None if `alive()` turns False first."""
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline and alive():
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "Unlock"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.1)
    return None


def unlock_by_answering(env: dict[str, str], collection: secretstorage.Collection) -> None:
    """Unlock the keyring as a user does: type its password into the prompt."""
    unlocking = threading.Thread(target=collection.unlock, daemon=True)
    unlocking.start()
    prompt = find_prompt(env, unlocking.is_alive)
    if prompt is not None:
        subprocess.run(["xdotool", "windowfocus", "--sync", prompt], env=env, check=True)
        subprocess.run(["xdotool", "type", TEST_KEYRING_PASSWORD], env=env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)
    unlocking.join(STARTUP_LIMIT_S)
    assert not collection.is_locked(), "the keyring could not be unlocked again"


def test_closing_while_the_real_keyring_prompts_to_unlock_exits_at_once(
    secret_service: SecretStore,
    prompting_display: dict[str, str],
    user_env: dict[str, str],
    emulator: Emulator,
) -> None:
    """A locked keyring's unlock prompt, left unanswered, kept the process alive for ever
    after its window closed."""
    secret = new_secret()
    emulator.add_app(1003, secret.reveal())
    secret_service.set("Locked", secret)
    add_profile(user_env, emulator, name="Locked", app_id=1003)
    env = dict(
        user_env,
        DISPLAY=prompting_display["DISPLAY"],
        PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring",
    )
    connection = secretstorage.dbus_init()
    collection = secretstorage.get_default_collection(connection)
    collection.lock()
    try:
        running = Running(env, "--profile", "Locked")
        running.wait_for_line(READY)
        if find_prompt(env, lambda: running.process.poll() is None) is None:
            running.close()
            pytest.fail(f"no unlock prompt appeared; dhbrowser said:\n{running.stderr()}")
        code, took = running.stop_with(signal.SIGTERM)
        assert code == 0, running.stderr()
        assert took < EXIT_BOUND_S, f"{took:.1f} s\n{running.stderr()}"
        assert saved_geometry(env)
        assert "background work still running" not in running.stderr()
    finally:
        unlock_by_answering(env, collection)
        connection.close()
