"""Bounded work for any answer: paging that brings nothing new stops, retries are counted.

The Pager alone, the client's `iter_humans` and the GUI's CatalogModel, each against the
hostile server over loopback HTTP.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import ProtocolError, ReturnCode
from dhbrowser.api.models import MAX_TOTAL, DigitalHuman, Page
from dhbrowser.api.paging import MAX_BARREN_PAGES, Pager
from dhbrowser.qt.catalog_model import CatalogModel
from dhbrowser.qt.session import CatalogSession
from tests.emulator_fixtures import FAST_RETRY
from tests.hostile_server import (
    Call,
    HostileServer,
    Raw,
    Reply,
    api_error,
    human,
    rate_limited_first,
    same_page_forever,
    serve_humans,
    success,
)

HostileFactory = Callable[..., HostileServer]
PAGE_MS = 20_000


def humans(count: int, prefix: str = "h") -> tuple[DigitalHuman, ...]:
    return tuple(
        DigitalHuman(f"{prefix}{index}", f"{prefix}{index}", "", True) for index in range(count)
    )


def feed(
    pager: Pager[DigitalHuman],
    page_of: Callable[[int], tuple[DigitalHuman, ...]],
    total: int,
    listed: list[DigitalHuman] | None = None,
) -> int:
    """Page `pager` to its end, one request at a time; returns how many pages it asked for.

    What the pager hands out (what the user sees listed) is added to `listed`.
    """
    asked = 0
    while (offset := pager.claim()) is not None:
        asked += 1
        assert asked < 1000, "paging did not stop"
        fresh = pager.accept(Page(total, page_of(offset), offset))
        if listed is not None:
            listed.extend(fresh)
    return asked


# -- the Pager ----------------------------------------------------------------------------------


def test_the_same_page_forever_stops_after_a_few_barren_pages() -> None:
    pager: Pager[DigitalHuman] = Pager(20)
    same = humans(20)
    listed: list[DigitalHuman] = []
    assert feed(pager, lambda offset: same, 1_000_000, listed) == 1 + MAX_BARREN_PAGES
    assert listed == list(same)
    assert "already listed" in pager.stopped_early
    assert "1,000,000" in pager.stopped_early


def test_pages_answered_out_of_order_ask_no_further_than_the_barren_bound() -> None:
    """A slow earliest page holds the claims: later answers cannot draw request after request."""
    pager: Pager[DigitalHuman] = Pager(20)
    same = humans(20)
    first = pager.claim()
    assert first == 0
    pager.accept(Page(1_000_000, same, 0))
    claimed = []
    while (offset := pager.claim()) is not None:
        claimed.append(offset)
    assert claimed == [20, 40, 60]
    for offset in (60, 40):  # answered before 20
        pager.accept(Page(1_000_000, same, offset))
        assert pager.claim() is None
    pager.accept(Page(1_000_000, same, 20))
    assert pager.finished
    assert "already listed" in pager.stopped_early


def test_two_pages_in_turn_forever_stop_too() -> None:
    pager: Pager[DigitalHuman] = Pager(20)
    first, second = humans(20, "a"), humans(20, "b")
    listed: list[DigitalHuman] = []
    asked = feed(
        pager, lambda offset: first if offset // 20 % 2 == 0 else second, 1_000_000, listed
    )
    assert asked == 2 + MAX_BARREN_PAGES
    assert listed == [*first, *second]
    assert pager.stopped_early


def test_a_list_that_shifts_while_paging_is_not_stopped() -> None:
    """A human added before the page being read repeats one human, never a whole page."""
    pager: Pager[DigitalHuman] = Pager(20)
    catalog = humans(100)
    # After the first page, each starts one human early (a human was added before it).
    listed: list[DigitalHuman] = []
    asked = feed(
        pager, lambda offset: catalog[max(0, offset - 1) : max(0, offset - 1) + 20], 100, listed
    )
    assert asked == 5
    assert pager.stopped_early == ""
    assert listed == list(catalog[:99])  # the last human slid past the end: a reload shows it


def test_barren_pages_that_are_not_in_a_row_do_not_stop_paging() -> None:
    pager: Pager[DigitalHuman] = Pager(20)
    fresh = iter(range(1000))

    def page_of(offset: int) -> tuple[DigitalHuman, ...]:
        if offset // 20 % 3 == 2:  # every third page repeats the first one
            return humans(20)
        return tuple(DigitalHuman(f"n{next(fresh)}", "n", "", True) for _ in range(20))

    assert feed(pager, page_of, 300) == 15
    assert pager.stopped_early == ""


def test_an_honest_end_says_nothing() -> None:
    pager: Pager[DigitalHuman] = Pager(20)
    catalog = humans(45)
    listed: list[DigitalHuman] = []
    assert feed(pager, lambda offset: catalog[offset : offset + 20], 45, listed) == 3
    assert (listed, pager.stopped_early) == (list(catalog), "")


def test_empty_pages_under_a_huge_total_end_at_once() -> None:
    pager: Pager[DigitalHuman] = Pager(20)
    assert feed(pager, lambda offset: (), 1_000_000) == 1
    assert pager.finished


# -- over HTTP: the client's iteration --------------------------------------------------------


def client_of(server: HostileServer) -> DigitalHumanClient:
    connection = server.connection()
    return DigitalHumanClient(
        connection.app_id, connection.secret, connection.endpoint, retry=FAST_RETRY
    )


def test_iterating_the_same_page_forever_sends_a_few_requests(
    hostile_server: HostileFactory,
) -> None:
    twenty = [human(f"Same {index}") for index in range(20)]
    server = hostile_server(same_page_forever(twenty))
    with client_of(server) as client:
        assert len(list(client.iter_humans())) == 20
    assert server.requests() == 1 + MAX_BARREN_PAGES


@pytest.mark.parametrize("total", [-1, "20", 1.5, None, True, MAX_TOTAL + 1, 2**63, 10**30])
def test_a_total_that_is_not_a_count_is_refused(
    total: object, hostile_server: HostileFactory
) -> None:
    server = hostile_server(lambda call: success({"Total": total, "DigitalHumans": []}))
    with client_of(server) as client, pytest.raises(ProtocolError, match="Total"):
        client.list_page()
    assert server.requests() == 1, "a broken answer is not retried"


# -- the GUI's model ------------------------------------------------------------------------------


@pytest.fixture
def model_on(qtbot: QtBot, pool: QThreadPool) -> Iterator[Callable[..., CatalogModel]]:
    """A CatalogModel paging a hostile server through a client with fast retries."""
    made: list[tuple[CatalogModel, CatalogSession]] = []

    def start(server: HostileServer, retry_delays: tuple[float, ...]) -> CatalogModel:
        model = CatalogModel(pool)
        model.retry_delays = retry_delays
        session = CatalogSession(server.connection(), pool, client=client_of(server))
        made.append((model, session))
        model.set_session(session)
        return model

    yield start
    for model, session in made:
        model.shutdown()
        session.close()


def test_the_model_stops_paging_the_same_page_with_a_message(
    qtbot: QtBot, hostile_server: HostileFactory, model_on: Callable[..., CatalogModel]
) -> None:
    twenty = [human(f"Same {index}") for index in range(20)]
    server = hostile_server(same_page_forever(twenty))
    model = model_on(server, ())
    stopped: list[str] = []
    model.stoppedEarly.connect(stopped.append)  # answers arrive through the event loop only
    qtbot.waitUntil(lambda: model.finished and not model.syncing, timeout=PAGE_MS)
    assert model.rowCount() == 20
    assert len(stopped) == 1
    assert "already listed" in stopped[0]
    # The first page alone, then up to MAX_IN_FLIGHT at once until the third barren one.
    assert server.requests() <= 1 + MAX_BARREN_PAGES + 2


def always_rate_limited(call: Call) -> Reply:
    return api_error(ReturnCode.RATE_LIMITED, "API call frequency limit exceeded")


@pytest.mark.parametrize("retry_delays", [(), (0.05,), (0.05, 0.05, 0.05)])
@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_an_endless_rate_limit_costs_a_known_number_of_requests(
    retry_delays: tuple[float, ...],
    qtbot: QtBot,
    hostile_server: HostileFactory,
    model_on: Callable[..., CatalogModel],
) -> None:
    server = hostile_server(always_rate_limited)
    model = model_on(server, retry_delays)
    messages: list[str] = []
    model.errorOccurred.connect(messages.append)
    qtbot.waitUntil(
        lambda: bool(messages) and "Retrying" not in messages[-1] and not model.syncing,
        timeout=PAGE_MS,
    )
    client_tries = 1 + FAST_RETRY.attempts
    assert server.requests() == (1 + len(retry_delays)) * client_tries
    assert len(messages) == 1 + len(retry_delays)
    retries = len(retry_delays)
    after = f" after {retries} automatic retr{'y' if retries == 1 else 'ies'}" if retries else ""
    assert f"dhbrowser stopped{after}: press Retry" in messages[-1]
    assert not model.retry_pending


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_retry_after_the_stop_starts_a_fresh_round(
    qtbot: QtBot, hostile_server: HostileFactory, model_on: Callable[..., CatalogModel]
) -> None:
    catalog = [human(f"Late {index}") for index in range(3)]
    limited = 2 * (1 + FAST_RETRY.attempts)  # the first try and its one automatic retry
    server = hostile_server(rate_limited_first(limited, serve_humans(catalog)))
    model = model_on(server, (0.05,))
    messages: list[str] = []
    model.errorOccurred.connect(messages.append)
    qtbot.waitUntil(lambda: any("stopped" in text for text in messages), timeout=PAGE_MS)
    with qtbot.waitSignal(model.syncFinished, timeout=PAGE_MS):
        model.retry()
    assert model.rowCount() == 3
    assert server.requests() == limited + 1


@pytest.mark.parametrize(
    "answer",
    [
        Raw(429, b"slow down"),
        Raw(502, b"<html>bad gateway</html>"),
        api_error(ReturnCode.SYSTEM_BUSY, "busy"),
    ],
    ids=["http429", "http502", "busy"],
)
@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_other_passing_failures_are_retried_by_themselves(
    answer: Reply,
    qtbot: QtBot,
    hostile_server: HostileFactory,
    model_on: Callable[..., CatalogModel],
) -> None:
    catalog = [human(f"Back {index}") for index in range(2)]
    failing = 1 + FAST_RETRY.attempts
    ok = serve_humans(catalog)
    server = hostile_server(lambda call: answer if call.number <= failing else ok(call))
    model = model_on(server, (0.05,))
    qtbot.waitSignal(model.syncFinished, timeout=PAGE_MS).wait()
    assert model.rowCount() == 2
    assert server.requests() == failing + 1


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_a_final_error_is_not_retried_and_says_so_plainly(
    qtbot: QtBot, hostile_server: HostileFactory, model_on: Callable[..., CatalogModel]
) -> None:
    server = hostile_server(lambda call: api_error(ReturnCode.SIGNATURE_ERROR, "signature error"))
    model = model_on(server, (0.05, 0.05))
    messages: list[str] = []
    model.errorOccurred.connect(messages.append)
    qtbot.waitUntil(lambda: bool(messages), timeout=PAGE_MS)
    assert "ServerSecret does not match" in messages[0]
    assert "Retrying" not in messages[0]
    assert not model.retry_pending
    assert server.requests() == 1


def test_the_largest_total_taken_is_shown_without_overflow(
    qtbot: QtBot, hostile_server: HostileFactory, model_on: Callable[..., CatalogModel]
) -> None:
    """Twenty humans and then nothing, under a Total the progress display can still hold."""
    server = hostile_server(serve_humans([human(f"H{index}") for index in range(20)], MAX_TOTAL))
    model = model_on(server, ())
    progress: list[tuple[int, int]] = []
    model.progressChanged.connect(lambda loaded, total: progress.append((loaded, total)))
    qtbot.waitUntil(lambda: model.finished and not model.syncing, timeout=PAGE_MS)
    assert model.rowCount() == 20
    assert (20, MAX_TOTAL) in progress
    assert progress[-1] == (20, 20)


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_a_page_that_succeeds_during_a_countdown_does_not_cancel_it(
    qtbot: QtBot, hostile_server: HostileFactory, model_on: Callable[..., CatalogModel]
) -> None:
    """Pages 20 and 40 are asked for together; 20 is refused (the countdown starts), then
    40 arrives: the countdown must go on and page 20 come in after it."""
    catalog = [human(f"Page {index}") for index in range(60)]
    served = serve_humans(catalog)
    refusals = 1 + FAST_RETRY.attempts
    refused: list[int] = []
    answered_late = threading.Event()

    def script(call: Call) -> Reply:
        if call.offset == 20 and len(refused) < refusals:
            refused.append(call.number)
            return api_error(ReturnCode.RATE_LIMITED, "API call frequency limit exceeded")
        if call.offset == 40 and not answered_late.is_set():
            answered_late.wait(0.3)  # a slow answer: it comes after page 20's refusals
            answered_late.set()
        return served(call)

    server = hostile_server(script)
    model = model_on(server, (0.3,))
    qtbot.waitUntil(lambda: model.finished and not model.syncing, timeout=PAGE_MS)
    assert [human.name for human in model.humans()] == [f"Page {index}" for index in range(60)]
    assert server.requests() == 3 + refusals


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 200_000,  # nested too deep for the parser
        b'{"Code": ' + b"1" * 5000 + b"}",  # an integer Python will not parse
        b'{"Code": 0, "Message": "' + b"x" * (5 * 1024 * 1024) + b'"}',  # over the size cap
    ],
    ids=["deep", "long-int", "huge"],
)
def test_an_answer_too_big_or_deep_to_read_is_a_plain_protocol_error(
    body: bytes, hostile_server: HostileFactory
) -> None:
    server = hostile_server(lambda call: Raw(200, body, "application/json"))
    with client_of(server) as client, pytest.raises(ProtocolError) as caught:
        client.list_page()
    assert "dhbrowser cannot read" in caught.value.hint
    assert len(caught.value.hint) < 400
    assert server.requests() == 1, "an answer that cannot be read is not retried"
