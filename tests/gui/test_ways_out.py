"""Every empty or failed state offers the next step: a dead endpoint, a profile without its
secret. The real window with its Profile flow, against loopback only."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.gui.connect_dialog import ConnectDialog
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.session import SessionParts
from dhbrowser.qt.settings import ProfileSettings
from tests.gui_fixtures import WindowFactory, demo_connection
from tests.hostile_media import HostileMedia, Route, hostile_media, take_over
from tests.keyring_doubles import InstallKeyring, MemoryKeyring

__all__ = ["hostile_media"]  # a fixture this module uses

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SECRET = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"
TIMEOUT_MS = 30_000


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def window_with_profiles(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, emulator: Emulator, profile: Profile
) -> tuple[MainWindow, SecretStore]:
    settings = ProfileSettings(QSettings(str(tmp_path / "p.conf"), QSettings.Format.IniFormat))
    settings.save(profile)
    secrets = SecretStore()
    window = MainWindow(pool, tmp_path / "thumbnails")
    qtbot.addWidget(window)
    window.enable_profiles(settings, secrets, lambda: demo_connection(emulator))
    window.show()
    return window, secrets


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed: could not connect")
def test_a_dead_endpoint_says_where_and_offers_retry_edit_and_the_demo(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    emulator: Emulator,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(MemoryKeyring())
    endpoint = f"http://127.0.0.1:{closed_port()}"
    window, secrets = window_with_profiles(
        qtbot, pool, tmp_path, emulator, Profile("prod", 1001, endpoint)
    )
    secrets.set("prod", Secret(SECRET))
    window.model.retry_delays = ()  # no automatic retries: the first failure is the last
    window.switch_profile("prod")
    qtbot.waitUntil(window.grid_message.isVisible, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Can’t reach" in window.grid_message.label.text(), timeout=TIMEOUT_MS)
    assert window.grid_message.label.text() == f"Can’t reach {endpoint} for profile prod."
    assert window.progress_label.text() == "Loading stopped at 0", "it said Loading… forever"
    assert window.error_banner.label.text().startswith(f"Can’t reach {endpoint} for profile prod")
    for label in ("Retry", "Edit profile", "Use demo"):
        assert window.grid_message.button(label) is not None, label
        assert window.error_banner.button(label) is not None, label

    edit = window.grid_message.button("Edit profile")
    assert edit is not None
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ConnectDialog)
    assert dialog is not None
    assert dialog.endpoint_edit.text() == endpoint
    assert dialog.name_edit.text() == "prod"
    dialog.reject()

    use_demo = window.grid_message.button("Use demo")
    assert use_demo is not None
    qtbot.mouseClick(use_demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.model.finished and window.proxy.rowCount() > 0, timeout=TIMEOUT_MS
    )
    assert not window.grid_message.isVisible()
    assert window.session is not None
    assert window.session.connection.is_demo
    window.close()


def test_a_profile_without_its_secret_offers_to_enter_it_in_the_filled_dialog(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    emulator: Emulator,
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(MemoryKeyring())  # empty: the secret was kept for the last session only
    window, _secrets = window_with_profiles(
        qtbot, pool, tmp_path, emulator, Profile("staging", 4242, emulator.base_url)
    )
    window.switch_profile("staging")
    qtbot.waitUntil(
        lambda: window.error_banner.button("Enter secret…") is not None, timeout=TIMEOUT_MS
    )
    button = window.error_banner.button("Enter secret…")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ConnectDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert (dialog.name_edit.text(), dialog.app_id_edit.text()) == ("staging", "4242")
    assert dialog.endpoint_edit.text() == emulator.base_url
    dialog.reject()
    window.close()


def test_a_profile_that_cannot_open_at_start_opens_the_demo_off_the_gui_thread(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    emulator: Emulator,
    use_keyring: InstallKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Something to browse while the user fixes the profile: the demo, whose emulator and
    HTTP clients are made in a worker like any other connection (the window paints meanwhile)."""
    opened_on: list[threading.Thread] = []
    real_open = SessionParts.open.__func__  # type: ignore[attr-defined]

    def spying_open(cls: type[SessionParts], connection: Connection) -> SessionParts:
        opened_on.append(threading.current_thread())
        parts: SessionParts = real_open(cls, connection)
        return parts

    monkeypatch.setattr(SessionParts, "open", classmethod(spying_open))
    use_keyring(MemoryKeyring())  # empty: the profile's secret is missing
    window, _secrets = window_with_profiles(
        qtbot, pool, tmp_path, emulator, Profile("staging", 4242, emulator.base_url)
    )
    window.switch_profile("staging")
    qtbot.waitUntil(
        lambda: window.session is not None and window.session.connection.is_demo,
        timeout=TIMEOUT_MS,
    )
    assert window.error_banner.button("Enter secret…") is not None  # the profile's own message
    assert opened_on, "the demo was opened some other way"
    assert threading.main_thread() not in opened_on
    window.close()


def test_a_preview_error_clears_once_the_service_answers_again(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    hostile_media: HostileMedia,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = emulator.catalog.records()[0]
    whole = emulator.catalog.media(record.actions[0].preview)
    assert whole is not None
    hostile_media.routes["/flaky.mp4"] = Route(status=503, body=b"503 Service Unavailable")
    flaky = {record.actions[0].action: hostile_media.url("/flaky.mp4")}
    take_over(emulator, monkeypatch, record.id, previews=flaky)
    window = open_window(emulator)  # its first card is selected: its preview fails
    qtbot.waitUntil(lambda: window.details.human is not None, timeout=20_000)
    player = window.details.player
    qtbot.waitUntil(
        lambda: player.message().startswith("The preview could not be loaded"), timeout=20_000
    )
    hostile_media.serve("/flaky.mp4", whole)

    window.model.errorCleared.emit()  # the catalog's requests succeed again after an error

    qtbot.waitUntil(lambda: player.is_playing and player.message() == "", timeout=20_000)
