"""The first list request starts before the window exists, and the window uses its answer."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dhbrowser.api.errors import HttpStatusError
from dhbrowser.api.models import FetchMode
from dhbrowser.api.secret import Secret
from dhbrowser.connection import Connection, open_early
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator, Faults
from tests.emulator_fixtures import client_for


def _connection(emulator: Emulator) -> Connection:
    return Connection(
        "Early test",
        DEMO_APP_ID,
        emulator.base_url,
        Secret(DEMO_SERVER_SECRET),
        trusted_ca=emulator.trusted_ca,
    )


def test_an_early_page_is_asked_for_once_and_handed_to_the_first_list_page(
    tls_small_emulator: Emulator,
) -> None:
    with client_for(tls_small_emulator, unlimited=True) as client:
        client.start_early(fetch_mode=FetchMode.PUBLIC)
        page = client.list_page(0, fetch_mode=FetchMode.PUBLIC)
        assert [human.is_public for human in page.humans] == [True] * 4
        assert tls_small_emulator.stats.requests("GetDigitalHumanList") == 1
        client.list_page(0, fetch_mode=FetchMode.PUBLIC)  # the early answer is used once
    assert tls_small_emulator.stats.requests("GetDigitalHumanList") == 2


def test_an_early_failure_reaches_whoever_asks_for_the_page(
    tls_small_emulator: Emulator,
) -> None:
    tls_small_emulator.faults = Faults(failure_rate=1.0, failure_kinds=("http500",))
    with client_for(tls_small_emulator, unlimited=True) as client:
        client.start_early()
        with pytest.raises(HttpStatusError) as raised:
            client.list_page()
    assert "500" in str(raised.value)


def test_open_early_hands_its_client_and_page_to_the_windows_connection(
    tls_small_emulator: Emulator,
) -> None:
    connection = _connection(tls_small_emulator)
    connected = threading.Event()

    def connect() -> Connection:
        connected.set()
        return connection

    open_early(connect, FetchMode.ALL)
    client = _connection(tls_small_emulator).client()  # an equal connection, as the window's
    try:
        assert connected.is_set()
        page = client.list_page()
    finally:
        client.close()
    assert len(page.humans) == len(tls_small_emulator.catalog)
    assert tls_small_emulator.stats.requests("GetDigitalHumanList") == 1
    other = connection.client()  # taken once: the next client is a new one
    other.close()
    assert other is not client


@pytest.mark.parametrize("stored", [False, True], ids=["first launch", "catalog stored"])
def test_the_demo_connects_early_only_when_no_stored_catalog_paints_first(
    stored: bool, user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeat start paints the stored catalog and connects after that paint: a connection
    opened before it (importing the emulator and httpx in a thread) would delay the paint."""
    import dhbrowser.connection
    import dhbrowser.gui.app
    from dhbrowser import cli
    from dhbrowser.gui.app import BrowserOutcome
    from dhbrowser.store import default_path

    monkeypatch.setenv("XDG_DATA_HOME", str(user_dirs / "xdg_data_home"))
    if stored:
        default_path().parent.mkdir(parents=True)
        default_path().write_bytes(b"")  # the window opens (or repairs) it; here it only exists
    opened: list[FetchMode] = []
    monkeypatch.setattr(
        dhbrowser.connection, "open_early", lambda _connect, mode: opened.append(mode)
    )
    monkeypatch.setattr(
        dhbrowser.gui.app, "run_browser", lambda *_args, **_options: BrowserOutcome(0)
    )

    assert cli.main(["--demo", "--fetch-mode", "public"]) == 0

    assert opened == ([] if stored else [FetchMode.PUBLIC])


def test_demo_sends_its_first_request_before_qt_is_imported(user_dirs: Path) -> None:
    """`dhbrowser --demo` on a first launch: the list request's round trip overlaps the
    import of PySide6 (a tenth of a second or more) instead of following it."""
    probe = """
import sys
import dhbrowser.cli as cli
import dhbrowser.connection as connection
seen = []
connection.open_early = lambda connect, mode: seen.append("PySide6" in sys.modules)
cli._run = lambda args, demo, logs: (0, False)
assert cli.main(["--demo"]) == 0
print(seen)
"""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(user_dirs / "xdg_data_home"),
        "XDG_STATE_HOME": str(user_dirs / "xdg_state_home"),
    }
    finished = subprocess.run(
        [sys.executable, "-c", probe],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "[False]", "PySide6 was imported before the request left"
