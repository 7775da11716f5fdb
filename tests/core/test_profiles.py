"""Profiles: what a valid one is, how they are stored, and `dhbrowser profile` without a keyring.

The command's keyring paths (add, use, remove with a real Secret Service) are in
test_keyring_real.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import connection_for
from dhbrowser.core.profiles import (
    DEFAULT_ENDPOINT,
    MissingSecret,
    Profile,
    ProfileError,
    parse_app_id,
)
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.qt.settings import ProfileSettings
from tests.cli_helpers import run_profile
from tests.keyring_doubles import InstallKeyring, MemoryKeyring

SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@pytest.fixture
def settings(tmp_path: Path) -> ProfileSettings:
    return ProfileSettings(QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat))


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """A user with fresh folders and no keyring backend at all."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    return env


# -- what a profile is -------------------------------------------------------------------------


def test_profile_normalises_its_fields() -> None:
    profile = Profile("  Production  ", 1234567890, "https://api.example.com/")
    assert profile == Profile("Production", 1234567890, "https://api.example.com")
    assert Profile("p", 1).endpoint == DEFAULT_ENDPOINT


@pytest.mark.parametrize(
    ("name", "app_id", "endpoint", "complaint"),
    [
        ("", 1, DEFAULT_ENDPOINT, "Give the profile a name"),
        ("x" * 65, 1, DEFAULT_ENDPOINT, "at most 64 characters"),
        ("two\nlines", 1, DEFAULT_ENDPOINT, "control characters"),
        ("p", 0, DEFAULT_ENDPOINT, "from 1 to 4294967295"),
        ("p", 2**32, DEFAULT_ENDPOINT, "from 1 to 4294967295"),
        ("p", 1, "http://api.example.com", "plain http"),
        ("p", 1, "ftp://api.example.com", "only https is allowed"),
        ("p", 1, "https://api.example.com/?sig=1", "query string"),
    ],
)
def test_invalid_profiles_say_what_to_fix(
    name: str, app_id: int, endpoint: str, complaint: str
) -> None:
    with pytest.raises(ProfileError, match=complaint):
        Profile(name, app_id, endpoint)


def test_http_is_allowed_to_this_computer_only() -> None:
    assert Profile("emulator", 1, "http://127.0.0.1:8080").endpoint == "http://127.0.0.1:8080"
    assert Profile("emulator", 1, "http://localhost:8080/").endpoint == "http://localhost:8080"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "Enter the AppId"),
        ("12a4", "digits only"),
        ("-5", "digits only"),
        ("１２３", "digits only"),  # full-width digits pass str.isdigit
        ("4294967296", "at most 4294967295"),
        ("0", "from 1 to 4294967295"),
    ],
)
def test_app_id_typed_by_a_person(text: str, complaint: str) -> None:
    with pytest.raises(ProfileError, match=complaint):
        parse_app_id(text)


def test_app_id_accepts_the_whole_uint32_range() -> None:
    assert parse_app_id(" 4294967295 ") == 4294967295
    assert parse_app_id("1") == 1


# -- storing profiles --------------------------------------------------------------------------


def test_profiles_survive_a_restart_in_order(settings: ProfileSettings) -> None:
    settings.save(Profile("Production", 111, "https://eu.example.com"))
    settings.save(Profile("Staging / EU", 222))
    settings.set_active("Staging / EU")
    reopened = ProfileSettings(QSettings(str(settings.file_path()), QSettings.Format.IniFormat))
    assert reopened.profiles() == [
        Profile("Production", 111, "https://eu.example.com"),
        Profile("Staging / EU", 222),
    ]
    assert reopened.active() == "Staging / EU"


def test_saving_a_known_name_replaces_it(settings: ProfileSettings) -> None:
    settings.save(Profile("Production", 111))
    settings.save(Profile("Production", 999, "https://eu.example.com"))
    assert settings.profiles() == [Profile("Production", 999, "https://eu.example.com")]


def test_removing_the_active_profile_falls_back_to_the_demo(settings: ProfileSettings) -> None:
    settings.save(Profile("a", 1))
    settings.save(Profile("b", 2))
    settings.set_active("a")
    settings.remove("a")
    assert [profile.name for profile in settings.profiles()] == ["b"]
    assert settings.active() is None


def test_only_a_stored_profile_can_be_active(settings: ProfileSettings) -> None:
    with pytest.raises(ProfileError, match="no profile named 'ghost'"):
        settings.set_active("ghost")
    settings.save(Profile("a", 1))
    settings.set_active("a")
    settings.set_active(None)
    assert settings.active() is None


@pytest.mark.expect_log("WARNING", r"skipping unreadable profile")
def test_a_damaged_entry_is_skipped_not_fatal(settings: ProfileSettings, tmp_path: Path) -> None:
    settings.save(Profile("good", 1))
    raw = QSettings(str(settings.file_path()), QSettings.Format.IniFormat)
    raw.beginWriteArray("profiles", 2)
    raw.setArrayIndex(1)
    raw.setValue("name", "bad")
    raw.setValue("app_id", "not a number")
    raw.setValue("endpoint", "http://evil.example.com")
    raw.endArray()
    raw.sync()
    reread = ProfileSettings(QSettings(str(settings.file_path()), QSettings.Format.IniFormat))
    assert [profile.name for profile in reread.profiles()] == ["good"]


def test_the_settings_file_never_holds_a_secret(
    settings: ProfileSettings, use_keyring: InstallKeyring
) -> None:
    backend = use_keyring(MemoryKeyring())
    store = SecretStore()
    settings.save(Profile("Production", 111))
    store.set("Production", Secret(SECRET))
    settings.set_active("Production")
    text = settings.file_path().read_text(encoding="utf-8")
    assert "Production" in text
    assert "111" in text
    assert SECRET not in text
    assert backend.entries == {("dhbrowser", "Production"): SECRET}


# -- from a profile to a connection ------------------------------------------------------------


def test_connection_for_the_active_profile_reaches_its_app(
    settings: ProfileSettings,
    emulator: Emulator,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(MemoryKeyring())
    store = SecretStore()
    emulator.add_app(4242, SECRET)
    settings.save(Profile("Mine", 4242, emulator.base_url))
    store.set("Mine", Secret(SECRET))
    settings.set_active("Mine")
    connection = connection_for(None, settings, store)
    assert (connection.label, connection.app_id, connection.is_demo) == ("Mine", 4242, False)
    assert SECRET not in repr(connection)
    with connection.client() as client:
        assert client.list_page(0, 1).total == len(emulator.catalog)


def test_connection_for_explains_what_is_missing(
    settings: ProfileSettings, use_keyring: InstallKeyring
) -> None:
    use_keyring(MemoryKeyring())
    store = SecretStore()
    with pytest.raises(ProfileError, match="No profile is active"):
        connection_for(None, settings, store)
    with pytest.raises(ProfileError, match="no profile named 'ghost'"):
        connection_for("ghost", settings, store)
    settings.save(Profile("Mine", 4242))
    with pytest.raises(MissingSecret, match="No ServerSecret is stored for profile 'Mine'"):
        connection_for("Mine", settings, store)


# -- the command without a keyring ---------------------------------------------------------------


def test_add_without_a_keyring_explains_and_saves_nothing(cli_env: dict[str, str]) -> None:
    result = run_profile(cli_env, "add", "--name", "prod", "--app-id", "123", secret=SECRET)
    assert result.returncode == 1
    assert "No system keyring is available" in result.stderr
    assert "Nothing was saved" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    listed = run_profile(cli_env, "list")
    assert listed.returncode == 0
    assert "No profiles yet" in listed.stderr
    settings_file = Path(cli_env["XDG_CONFIG_HOME"]) / "dhbrowser" / "dhbrowser.conf"
    assert not settings_file.exists() or "prod" not in settings_file.read_text(encoding="utf-8")


def test_add_with_an_unreachable_secret_service_explains(cli_env: dict[str, str]) -> None:
    env = dict(
        cli_env,
        PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring",
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={cli_env['XDG_CONFIG_HOME']}/no-such-bus",
    )
    result = run_profile(env, "add", "--name", "prod", "--app-id", "123", secret=SECRET)
    assert result.returncode == 1
    assert "No system keyring is available" in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (("add", "--name", "p", "--app-id", "12x"), "The AppId has digits only"),
        (("add", "--name", "p", "--app-id", "1", "--endpoint", "http://a.example"), "plain http"),
        (("add", "--name", " ", "--app-id", "1"), "Give the profile a name"),
        (("use", "ghost"), "no profile named 'ghost'"),
        (("remove", "ghost"), "no profile named 'ghost'"),
    ],
)
def test_command_mistakes_are_explained(
    cli_env: dict[str, str], args: tuple[str, ...], complaint: str
) -> None:
    result = run_profile(cli_env, *args, secret=SECRET)
    assert result.returncode == 1
    assert complaint in result.stderr
    assert result.stdout == ""


def test_an_empty_secret_is_refused(cli_env: dict[str, str]) -> None:
    result = run_profile(cli_env, "add", "--name", "p", "--app-id", "1")
    assert result.returncode == 1
    assert "No ServerSecret was given" in result.stderr


def test_the_secret_is_never_an_argument(cli_env: dict[str, str]) -> None:
    result = run_profile(cli_env, "add", "--name", "p", "--app-id", "1", "--secret", SECRET)
    assert result.returncode == 2
    assert "The ServerSecret is never an argument" in result.stderr
    assert SECRET not in result.stdout + result.stderr
