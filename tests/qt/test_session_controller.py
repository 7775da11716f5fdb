"""The session controller without a window: connections open in a worker against the real
emulator, the newest request wins, the old session is closed and deleted, and a profile that
cannot open says why and leaves the demo to browse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.secret import Secret
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import DEMO_SERVER_SECRET, Emulator
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.session_controller import ProfileAccess, SessionController
from dhbrowser.qt.settings import ProfileSettings
from tests.gui_fixtures import demo_connection, settle
from tests.keyring_doubles import InstallKeyring, MemoryKeyring

TIMEOUT_MS = 20_000


@pytest.fixture
def sessions(qtbot: QtBot, pool: QThreadPool) -> Iterator[SessionController]:
    controller = SessionController(pool)
    yield controller
    controller.shutdown()
    settle(pool)


def profiles_on(tmp_path: Path, emulator: Emulator, *profiles: Profile) -> ProfileAccess:
    settings = ProfileSettings(QSettings(str(tmp_path / "p.conf"), QSettings.Format.IniFormat))
    for profile in profiles:
        settings.save(profile)
    return ProfileAccess(settings, SecretStore(), lambda: demo_connection(emulator, "Demo"))


def test_a_connection_opens_in_a_worker_and_its_session_lists_the_catalog(
    qtbot: QtBot, sessions: SessionController, emulator: Emulator
) -> None:
    with qtbot.waitSignal(sessions.sessionChanged, timeout=TIMEOUT_MS) as changed:
        sessions.open(demo_connection(emulator, "First"))
        opened_at_once = sessions.session is not None
    assert not opened_at_once, "opening waited on the GUI thread"
    session = changed.args[0]
    assert isinstance(session, CatalogSession)
    assert sessions.session is session
    assert session.connection.label == "First"
    assert session.client.list_page(0, 1).total == len(emulator.catalog)


def test_switching_closes_and_deletes_the_old_session_after_its_successor_is_shown(
    qtbot: QtBot, sessions: SessionController, emulator: Emulator
) -> None:
    with qtbot.waitSignal(sessions.sessionChanged, timeout=TIMEOUT_MS):
        sessions.open(demo_connection(emulator, "First"))
    old = sessions.session
    assert old is not None
    seen_open: list[bool] = []
    sessions.sessionChanged.connect(lambda _new: seen_open.append(not old.closed))
    with qtbot.waitSignal(old.destroyed, timeout=TIMEOUT_MS):
        sessions.open(demo_connection(emulator, "Second"))
    assert seen_open == [True], "the old session closed before the window had its successor"
    assert old.closed
    assert sessions.session is not None
    assert sessions.session.connection.label == "Second"


def test_only_the_newest_of_two_quick_requests_is_browsed(
    qtbot: QtBot, pool: QThreadPool, sessions: SessionController, emulator: Emulator
) -> None:
    shown: list[str] = []
    sessions.sessionChanged.connect(lambda session: shown.append(session.connection.label))
    sessions.open(demo_connection(emulator, "Stale"))
    sessions.open(demo_connection(emulator, "Newest"))
    qtbot.waitUntil(lambda: shown == ["Newest"], timeout=TIMEOUT_MS)
    settle(pool)  # the stale open has finished and its answer was handled
    assert shown == ["Newest"]


def test_a_profile_opens_with_its_stored_secret_and_is_remembered_as_active(
    qtbot: QtBot,
    tmp_path: Path,
    sessions: SessionController,
    emulator: Emulator,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(MemoryKeyring())
    profiles = profiles_on(tmp_path, emulator, Profile("prod", 1001, emulator.base_url))
    profiles.secrets.set("prod", Secret(DEMO_SERVER_SECRET))
    sessions.profiles = profiles
    with qtbot.waitSignal(sessions.sessionChanged, timeout=TIMEOUT_MS):
        sessions.switch_profile("prod")
    assert sessions.session is not None
    assert sessions.session.connection.label == "prod"
    assert not sessions.session.connection.is_demo
    assert profiles.settings.active() == "prod"


def test_a_profile_without_its_secret_says_so_and_the_demo_is_browsed_meanwhile(
    qtbot: QtBot,
    tmp_path: Path,
    sessions: SessionController,
    emulator: Emulator,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(MemoryKeyring())  # empty: the secret was kept for the last session only
    profiles = profiles_on(tmp_path, emulator, Profile("staging", 4242, emulator.base_url))
    profiles.settings.set_active("staging")
    sessions.profiles = profiles
    with qtbot.waitSignal(sessions.failed, timeout=TIMEOUT_MS) as failed:
        sessions.switch_profile("staging")
    text, missing_secret_of = failed.args
    assert text.startswith("Could not open profile staging: No ServerSecret is stored")
    assert missing_secret_of == "staging"
    qtbot.waitUntil(lambda: sessions.session is not None, timeout=TIMEOUT_MS)
    assert sessions.session is not None
    assert sessions.session.connection.is_demo
    assert profiles.settings.active() == "staging", "the next start would open the demo"


def test_removing_the_browsed_profile_goes_back_to_the_demo(
    qtbot: QtBot,
    tmp_path: Path,
    sessions: SessionController,
    emulator: Emulator,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(MemoryKeyring())
    profiles = profiles_on(tmp_path, emulator, Profile("prod", 1001, emulator.base_url))
    profiles.secrets.set("prod", Secret(DEMO_SERVER_SECRET))
    sessions.profiles = profiles
    with qtbot.waitSignal(sessions.sessionChanged, timeout=TIMEOUT_MS):
        sessions.switch_profile("prod")
    sessions.profile_removed("another")  # not the browsed one: nothing to do
    with qtbot.waitSignal(sessions.sessionChanged, timeout=TIMEOUT_MS) as changed:
        sessions.profile_removed("prod")
    assert changed.args[0].connection.is_demo


def test_a_connection_still_opening_at_shutdown_is_never_browsed(
    qtbot: QtBot, pool: QThreadPool, sessions: SessionController, emulator: Emulator
) -> None:
    shown: list[object] = []
    sessions.sessionChanged.connect(shown.append)
    sessions.open(demo_connection(emulator))
    sessions.shutdown()
    settle(pool)  # the open has finished and its answer was handled
    assert shown == []
    assert sessions.session is None
