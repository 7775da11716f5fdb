"""The first list request starts before the window exists, and the window uses its answer."""

from __future__ import annotations

import threading

import pytest

from dhbrowser.api.errors import HttpStatusError
from dhbrowser.api.models import FetchMode
from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection, open_early
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
