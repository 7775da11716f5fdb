"""Damaged state on disk: a settings file that cannot be trusted is moved aside and named,
never read as empty and then overwritten; bounded reads of every cache file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.core.disk_cache import DiskCache
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.settings import (
    MAX_PROFILES,
    MAX_SETTINGS_BYTES,
    ProfileSettings,
    quarantine_damaged_settings,
)
from tests.cli_helpers import run_profile
from tests.gui_fixtures import demo_connection

SOUND = (
    b"[General]\nactive_profile=prod\n\n[profiles]\n1\\app_id=123\n"
    b"1\\endpoint=https://aigc-digitalhuman-api.zegotech.cn\n1\\name=prod\nsize=1\n"
)

DAMAGED = {
    "a count of 2**31-1 profiles": b"[profiles]\nsize=2147483647\n",
    "the count written under [General]": b"[General]\nprofiles\\size=2147483647\n",
    "a count one above the bound": f"[profiles]\nsize={MAX_PROFILES + 1}\n".encode(),
    "a count that is not a number": b"[profiles]\nsize=lots\n",
    "not an INI file": b"[General\n\xff\xfe\x00 garbage ]]]\n",
    "an AppId out of range": SOUND.replace(b"app_id=123", b"app_id=99999999999"),
    "an AppId that is not text": SOUND.replace(b"app_id=123", b"app_id=@Variant(\\0\\0\\0\\x2)"),
    "an endpoint the URL policy refuses": SOUND.replace(
        b"https://aigc-digitalhuman-api.zegotech.cn", b"http://api.example.invalid"
    ),
    "a name with a line break": SOUND.replace(b"1\\name=prod", b"1\\name=pr\\nod"),
    "a file larger than any settings file": SOUND + b"; " + b"x" * MAX_SETTINGS_BYTES + b"\n",
}


def settings_file(user_dirs: Path) -> Path:
    path = user_dirs / "xdg_config_home" / "dhbrowser" / "dhbrowser.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def ini(path: Path) -> QSettings:
    """The file as dhbrowser's QSettings reads it (Qt keeps the default location for the
    process's life, so in-process tests name the file)."""
    return QSettings(str(path), QSettings.Format.IniFormat)


def moved_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


@pytest.mark.parametrize("damage", list(DAMAGED), ids=list(DAMAGED))
def test_a_damaged_settings_file_is_moved_aside_and_named(user_dirs: Path, damage: str) -> None:
    path = settings_file(user_dirs)
    path.write_bytes(DAMAGED[damage])
    notice = quarantine_damaged_settings(ini(path))
    [aside] = moved_aside(path)
    assert notice is not None
    assert str(aside) in notice, notice
    assert aside.read_bytes() == DAMAGED[damage], "the user's file is kept as it was"
    assert not path.exists()
    assert ProfileSettings(ini(path)).profiles() == []


def test_a_sound_settings_file_is_left_alone(user_dirs: Path) -> None:
    path = settings_file(user_dirs)
    path.write_bytes(SOUND)
    assert quarantine_damaged_settings(ini(path)) is None
    assert path.read_bytes() == SOUND
    assert moved_aside(path) == []
    assert [profile.name for profile in ProfileSettings(ini(path)).profiles()] == ["prod"]


def cli_env(user_dirs: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(user_dirs / name.lower())
    # Keyring entries only in the subprocess's memory: `profile add` needs a working keyring.
    env["PYTHON_KEYRING_BACKEND"] = "tests.keyring_doubles.MemoryKeyring"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")]))
    return env


def test_a_huge_profile_count_does_not_stall_the_command(user_dirs: Path) -> None:
    """It made start-up walk 2**31 indexes, one warning each: a day without a window."""
    path = settings_file(user_dirs)
    path.write_bytes(b"[profiles]\nsize=2147483647\n")
    result = run_profile(cli_env(user_dirs), "list")  # run_profile gives up after 60 s
    assert result.returncode == 0, result.stderr
    [aside] = moved_aside(path)
    assert f"was moved to {aside}" in result.stderr
    assert "No profiles yet" in result.stderr


def test_profile_add_over_a_corrupt_file_says_what_it_did(user_dirs: Path) -> None:
    path = settings_file(user_dirs)
    path.write_bytes(DAMAGED["not an INI file"])
    env = cli_env(user_dirs)
    result = run_profile(env, "add", "--name", "h", "--app-id", "42", secret="s3cret-value")
    assert result.returncode == 0, result.stderr
    assert "could not be written" not in result.stderr
    assert "Added profile 'h' (active)" in result.stderr
    [aside] = moved_aside(path)
    assert str(aside) in result.stderr
    listed = run_profile(env, "list")
    assert listed.stdout.split()[:5] == ["NAME", "APPID", "ENDPOINT", "*", "h"], listed


@pytest.mark.expect_log("WARNING", r"removing cached file .*: larger than the cache")
def test_an_oversized_cached_portrait_is_removed_unread(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "thumbnails", limit_bytes=1024)
    url = "https://media.example.invalid/a.png"
    path = cache.path_for("human", url)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x89PNG" + b"\0" * 4096)
    assert cache.read("human", url) is None
    assert not path.exists()


@pytest.mark.expect_log("WARNING", r"cannot (cache files in|read cached file|remove cached file)")
def test_an_unwritable_cache_folder_keeps_portraits_in_memory(tmp_path: Path) -> None:
    """A path through a regular file (ENOTDIR) fails every write, even for root."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    cache = DiskCache(blocker / "thumbnails", limit_bytes=1 << 20)
    url = "https://media.example.invalid/a.png"
    cache.write("human", url, b"portrait bytes")
    assert cache.in_memory
    assert cache.read("human", url) == b"portrait bytes"
    cache.discard("human", url)
    assert cache.read("human", url) is None


@pytest.mark.expect_log("WARNING", r"cannot (cache files in|read cached file|remove cached file)")
def test_memory_fallback_is_bounded(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    cache = DiskCache(blocker / "thumbnails", limit_bytes=100)
    for index in range(5):
        cache.write(f"human{index}", "https://media.example.invalid/a.png", bytes(40))
    kept = [
        index
        for index in range(5)
        if cache.read(f"human{index}", "https://media.example.invalid/a.png") is not None
    ]
    assert kept == [3, 4], "the oldest are dropped to stay within the limit"


@pytest.mark.expect_log("WARNING", r"the profile to open next time is not saved")
def test_a_settings_file_damaged_while_the_window_runs_costs_no_traceback(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, emulator: Emulator
) -> None:
    """Opening a catalog records it as the one to open next time; a settings file that
    became unreadable made that an uncaught ProfileError in the window."""
    path = tmp_path / "dhbrowser.conf"
    path.write_bytes(DAMAGED["not an INI file"])
    settings = ProfileSettings(ini(path))
    window = MainWindow(pool, tmp_path / "thumbnails")
    qtbot.addWidget(window)
    window.enable_profiles(settings, SecretStore(), lambda: demo_connection(emulator))
    with qtbot.captureExceptions() as raised:
        window.switch_profile(None)
        qtbot.waitUntil(lambda: window.session is not None)
    assert raised == []
    window.close()
