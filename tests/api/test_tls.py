"""HTTPS end to end: the emulator serves real TLS, and the client verifies it.

Each emulator here has a certificate from a CA made for the test (trustme). The client
trusts that CA besides the public ones; verification is never turned off, so a
certificate for another name, an expired one, or a CA the client does not know each fail
the handshake, with the hint that says it was the certificate.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import NetworkError
from dhbrowser.api.media import MediaFetcher
from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator, EmulatorTls
from dhbrowser.gui.catalog_view import visible_indexes
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.thumbnails import ThumbState
from tests.emulator_fixtures import UNLIMITED_QPS, client_for, fixture_catalog
from tests.gui_fixtures import WindowFactory

CERTIFICATE_HINT = "TLS certificate could not be verified"


def _connection(emulator: Emulator, trusted_ca: str | None) -> Connection:
    return Connection(
        "TLS test",
        DEMO_APP_ID,
        emulator.base_url,
        Secret(DEMO_SERVER_SECRET),
        trusted_ca=trusted_ca,
    )


@pytest.fixture
def emulator_with() -> Iterator[Callable[[EmulatorTls], Emulator]]:
    """Start HTTPS emulators of the fixture catalog with any certificate; stopped afterwards."""
    started: list[Emulator] = []

    def start(tls: EmulatorTls) -> Emulator:
        emulator = Emulator(fixture_catalog(), qps=UNLIMITED_QPS, tls=tls).start()
        started.append(emulator)
        return emulator

    yield start
    for emulator in started:
        emulator.stop()


def _refusal(emulator: Emulator) -> NetworkError:
    with client_for(emulator, unlimited=True) as client, pytest.raises(NetworkError) as raised:
        client.list_page()
    return raised.value


def test_the_right_certificate_connects_and_lists(tls_small_emulator: Emulator) -> None:
    assert tls_small_emulator.base_url.startswith("https://127.0.0.1:")
    with _connection(tls_small_emulator, tls_small_emulator.trusted_ca).client() as client:
        page = client.list_page()
    assert [human.name for human in page.humans] == [
        record.name for record in fixture_catalog().records()
    ]
    assert tls_small_emulator.stats.requests("GetDigitalHumanList") == 1


def test_a_ca_the_client_does_not_know_is_refused_with_the_tls_hint(
    tls_small_emulator: Emulator,
) -> None:
    """Without the test CA the client trusts only the public CAs, which never signed it."""
    client = DigitalHumanClient(DEMO_APP_ID, DEMO_SERVER_SECRET, tls_small_emulator.base_url)
    with client, pytest.raises(NetworkError) as raised:
        client.list_page()
    assert raised.value.tls
    assert CERTIFICATE_HINT in raised.value.hint
    assert tls_small_emulator.stats.requests() == 0


def test_a_certificate_for_another_host_name_gives_the_tls_hint(
    emulator_with: Callable[[EmulatorTls], Emulator],
) -> None:
    tls = EmulatorTls.from_test_ca("wrong-host.example.invalid")
    emulator = emulator_with(tls)
    error = _refusal(emulator)
    assert error.tls
    assert CERTIFICATE_HINT in error.hint
    assert "hostname" in str(error).lower() or "ip address mismatch" in str(error).lower()
    assert emulator.stats.requests() == 0


def test_an_expired_certificate_gives_the_tls_hint(
    emulator_with: Callable[[EmulatorTls], Emulator],
) -> None:
    yesterday = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    emulator = emulator_with(EmulatorTls.from_test_ca("127.0.0.1", not_after=yesterday))
    error = _refusal(emulator)
    assert error.tls
    assert CERTIFICATE_HINT in error.hint
    assert "expired" in str(error).lower()
    assert emulator.stats.requests() == 0


def test_portraits_and_previews_download_over_https(tls_small_emulator: Emulator) -> None:
    connection = _connection(tls_small_emulator, tls_small_emulator.trusted_ca)
    with connection.client() as client:
        humans = list(client.iter_humans())
    fetcher = connection.fetcher()
    try:
        previews = 0
        for human in humans:
            assert human.avatar_url.startswith("https://127.0.0.1:")
            record = tls_small_emulator.catalog.get(human.id)
            assert record is not None
            assert fetcher.fetch(human.avatar_url) == tls_small_emulator.catalog.media(
                record.portrait
            )
            for action, wire in zip(record.actions, human.actions, strict=True):
                if action.preview:
                    data = fetcher.fetch(wire.preview_url)
                    assert data == tls_small_emulator.catalog.media(action.preview)
                    previews += 1
    finally:
        fetcher.close()
    assert previews == 8
    assert tls_small_emulator.stats.get("media_requests") == len(humans) + previews


def test_a_media_download_from_an_unknown_ca_gives_the_tls_hint(
    tls_small_emulator: Emulator,
) -> None:
    with client_for(tls_small_emulator, unlimited=True) as client:
        human = client.list_page().humans[0]
    fetcher = MediaFetcher()  # the public CAs only
    try:
        with pytest.raises(NetworkError) as raised:
            fetcher.fetch(human.avatar_url)
    finally:
        fetcher.close()
    assert raised.value.tls
    assert CERTIFICATE_HINT in raised.value.hint
    assert tls_small_emulator.stats.get("media_requests") == 0


def test_the_window_lists_and_shows_portraits_over_https(
    qtbot: QtBot, open_window: WindowFactory, tls_small_emulator: Emulator
) -> None:
    window = open_window(tls_small_emulator)
    qtbot.waitUntil(lambda: window.model.finished, timeout=10_000)
    assert window.model.rowCount() == len(fixture_catalog())

    def shown() -> list[str]:
        humans = map(human_at, visible_indexes(window.view))
        return [human.id for human in humans if human is not None]

    qtbot.waitUntil(
        lambda: (
            bool(shown())
            and all(window.thumbnails.state(human_id) is ThumbState.READY for human_id in shown())
        ),
        timeout=10_000,
    )
    assert tls_small_emulator.stats.get("media_requests") >= len(shown())
