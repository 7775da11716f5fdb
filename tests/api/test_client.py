"""DigitalHumanClient against the emulator over real HTTP: errors, paging, limits, retries."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

import httpx
import pytest

from dhbrowser.api.client import DigitalHumanClient, RetryPolicy
from dhbrowser.api.errors import (
    ApiError,
    HttpStatusError,
    NetworkError,
    RequestRejected,
    ReturnCode,
)
from dhbrowser.api.models import FetchMode
from dhbrowser.api.signing import common_params
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Catalog, Emulator, Faults
from tests.emulator_fixtures import FAST_RETRY, client_for, fixture_catalog

# -- errors the user must understand ----------------------------------------------------------


def test_a_wrong_secret_says_so_and_is_not_retried(small_emulator: Emulator) -> None:
    with client_for(small_emulator, secret="0" * 32) as client, pytest.raises(ApiError) as caught:
        client.list_page()
    assert caught.value.code == ReturnCode.SIGNATURE_ERROR
    assert "ServerSecret does not match" in caught.value.hint
    assert caught.value.request_id
    assert small_emulator.stats.requests() == 1


# Timestamp has whole seconds and the client truncates its clock: a skew of -601 s can look
# like 600 to the server (about one run in a thousand). -602 is the nearest that cannot.
@pytest.mark.parametrize("skew", [3600.0, -602.0])
def test_a_wrong_clock_is_blamed_on_the_clock(small_emulator: Emulator, skew: float) -> None:
    small_emulator.clock_skew = skew
    with client_for(small_emulator) as client, pytest.raises(ApiError) as caught:
        client.list_page()
    assert caught.value.code == ReturnCode.SIGNATURE_EXPIRED
    assert "clock" in caught.value.hint
    assert small_emulator.stats.requests() == 1


def test_a_clock_within_ten_minutes_is_fine(small_emulator: Emulator) -> None:
    small_emulator.clock_skew = -590.0
    with client_for(small_emulator) as client:
        assert client.list_page().total == 7


def test_an_unknown_app_id_is_named(small_emulator: Emulator) -> None:
    with client_for(small_emulator, app_id=42) as client, pytest.raises(ApiError) as caught:
        client.list_page()
    assert caught.value.code == ReturnCode.SECRET_NOT_FOUND
    assert "does not know this AppId" in caught.value.hint


def test_an_app_without_the_service_is_told_to_enable_it(small_emulator: Emulator) -> None:
    small_emulator.add_app(77, "f" * 32, service_enabled=False)
    with client_for(small_emulator, app_id=77, secret="f" * 32) as client:
        with pytest.raises(ApiError) as caught:
            client.list_page()
        assert caught.value.code == ReturnCode.SERVICE_NOT_ENABLED
        assert "enable it in the ZEGOCLOUD console" in caught.value.hint
        small_emulator.add_app(77, "f" * 32)
        assert client.list_page().total == 7


def test_an_unknown_human_says_it_no_longer_exists(small_emulator: Emulator) -> None:
    with client_for(small_emulator) as client, pytest.raises(ApiError) as caught:
        client.get_info("00000000-0000-0000-0000-000000000000")
    assert caught.value.code == ReturnCode.HUMAN_NOT_FOUND
    assert caught.value.hint == "This digital human no longer exists: refresh the list."
    assert small_emulator.stats.requests() == 1


def test_get_info_returns_the_human_of_the_list(small_emulator: Emulator) -> None:
    with client_for(small_emulator) as client:
        listed = client.list_page(0, 1).humans[0]
        info = client.get_info(listed.id)
    assert (info.id, info.name, info.is_public) == (listed.id, listed.name, listed.is_public)
    assert [action.name for action in info.actions] == ["idle_action", "wave_action"]
    assert info.actions[1].preview_url == ""  # no preview in the catalog
    assert info.avatar_url.startswith(small_emulator.base_url + "/media/")


# -- request validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.list_page(limit=21), "Limit"),
        (lambda c: c.list_page(limit=0), "Limit"),
        (lambda c: c.list_page(limit=True), "Limit"),
        (lambda c: c.list_page(offset=-1), "Offset"),
        (lambda c: c.list_page(offset=1_000_001), "Offset"),
        (lambda c: c.list_page(fetch_mode=4), "FetchMode"),
        (lambda c: c.get_info("  "), "DigitalHumanId"),
    ],
)
def test_out_of_range_requests_are_refused_before_sending(
    small_emulator: Emulator, call: Callable[[DigitalHumanClient], object], field: str
) -> None:
    with client_for(small_emulator) as client, pytest.raises(RequestRejected, match=field):
        call(client)
    assert small_emulator.stats.requests() == 0


def test_the_largest_offset_is_accepted(small_emulator: Emulator) -> None:
    with client_for(small_emulator) as client:
        page = client.list_page(offset=1_000_000, limit=20)
    assert (page.total, page.humans) == (7, ())


# -- paging ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "page_size"), [(7, 3), (7, 20), (45, 20)])
def test_paging_each_fetch_mode_returns_every_matching_human_once(
    fast_small_emulator: Emulator, size: int, page_size: int
) -> None:
    catalog = fixture_catalog() if size == 7 else Catalog.synthetic(size, base=fixture_catalog())
    fast_small_emulator.catalog = catalog
    records = catalog.records()
    wanted = {
        FetchMode.ALL: records,
        FetchMode.PUBLIC: [human for human in records if human.public],
        FetchMode.PRIVATE: [human for human in records if not human.public],
    }
    totals = {}
    with client_for(fast_small_emulator, unlimited=True) as client:
        for mode, expected in wanted.items():
            humans = list(client.iter_humans(mode, page_size))
            assert [human.id for human in humans] == [record.id for record in expected]
            assert [human.name for human in humans] == [record.name for record in expected]
            for human, record in zip(humans, expected, strict=True):
                assert human.is_public == record.public
                assert [a.name for a in human.actions] == [a.action for a in record.actions]
                assert [bool(a.preview_url) for a in human.actions] == [
                    bool(a.preview) for a in record.actions
                ]
            totals[mode] = client.list_page(0, 1, mode).total
    assert totals[FetchMode.ALL] == size
    assert totals[FetchMode.PUBLIC] + totals[FetchMode.PRIVATE] == totals[FetchMode.ALL]
    assert totals[FetchMode.PUBLIC] == len(wanted[FetchMode.PUBLIC]) > 0


def test_humans_added_while_paging_are_neither_lost_nor_repeated(
    fast_small_emulator: Emulator,
) -> None:
    catalog = fast_small_emulator.catalog = Catalog.synthetic(30, base=fixture_catalog())
    original = [human.id for human in catalog.records()]
    template = catalog.records()[0]
    seen: list[str] = []
    with client_for(fast_small_emulator, unlimited=True) as client:
        for index, human in enumerate(client.iter_humans(page_size=5)):
            seen.append(human.id)
            if index % 5 == 4:  # someone adds a human at the top after each page
                catalog.insert(0, replace(template, id=f"new-{index}", name=f"New {index}"))
    assert len(seen) == len(set(seen))
    assert set(original) <= set(seen)
    assert fast_small_emulator.stats.requests() < 15  # it ended, not chasing the list for ever


def test_humans_removed_while_paging_do_not_break_it(fast_small_emulator: Emulator) -> None:
    catalog = fast_small_emulator.catalog = Catalog.synthetic(30, base=fixture_catalog())
    original = [human.id for human in catalog.records()]
    seen: list[str] = []
    removed_unseen: list[str] = []
    with client_for(fast_small_emulator, unlimited=True) as client:
        for index, human in enumerate(client.iter_humans(page_size=5)):
            seen.append(human.id)
            if index % 5 == 4:  # after each page, one seen and one unseen human go away
                catalog.remove(seen[-3])
                unseen = [r.id for r in catalog.records() if r.id not in seen]
                if unseen:
                    catalog.remove(unseen[-1])
                    removed_unseen.append(unseen[-1])
    assert len(seen) == len(set(seen))
    assert set(seen) <= set(original)
    assert removed_unseen
    assert not set(removed_unseen) & set(seen)  # a human removed before it was shown never is


def test_a_list_that_shrinks_below_the_offset_ends_the_paging(
    fast_small_emulator: Emulator,
) -> None:
    catalog = fast_small_emulator.catalog
    seen: list[str] = []
    with client_for(fast_small_emulator, unlimited=True) as client:
        for human in client.iter_humans(page_size=3):
            seen.append(human.id)
            if len(seen) == 3:
                for record in catalog.records()[3:]:
                    catalog.remove(record.id)
    assert len(seen) == 3


# -- the rate limit -----------------------------------------------------------------------------


def _most_in_one_second(times: list[float]) -> int:
    ordered = sorted(times)
    return max(
        (sum(1 for t in ordered[i:] if t < start + 1.0) for i, start in enumerate(ordered)),
        default=0,
    )


def test_threads_sharing_the_app_limiter_stay_under_ten_per_second(
    small_emulator: Emulator,
) -> None:
    failures: list[BaseException] = []

    def hammer() -> None:
        with client_for(small_emulator) as client:
            try:
                for _ in range(4):
                    client.list_page(0, 1)
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures
    accepted = small_emulator.accepted_times(DEMO_APP_ID)
    assert len(accepted) == 32
    assert small_emulator.stats.get("rejected_rate_limit") == 0
    assert _most_in_one_second(accepted) <= 10


def test_an_unpaced_burst_is_rejected_by_the_emulator(small_emulator: Emulator) -> None:
    codes = []
    with httpx.Client(base_url=small_emulator.base_url) as http:
        for _ in range(15):
            params = {"Action": "GetDigitalHumanList"}
            params.update(common_params(DEMO_APP_ID, DEMO_SERVER_SECRET))
            codes.append(http.post("/", params=params, json={"Limit": 1}).json()["Code"])
    assert codes.count(0) == 10
    assert codes.count(ReturnCode.RATE_LIMITED) == 5
    assert small_emulator.stats.get("rejected_rate_limit") == 5
    assert _most_in_one_second(small_emulator.accepted_times(DEMO_APP_ID)) == 10


# -- retries ------------------------------------------------------------------------------------


def test_two_502_pages_are_retried_transparently(small_emulator: Emulator) -> None:
    small_emulator.faults.fail_next = ["http502", "http502"]
    with client_for(small_emulator) as client:
        assert client.list_page().total == 7
    assert small_emulator.stats.requests("GetDigitalHumanList") == 3


def test_the_client_gives_up_after_its_retry_bound(small_emulator: Emulator) -> None:
    small_emulator.faults.fail_next = ["http502"] * 6
    retry = RetryPolicy(attempts=2, base=0.002, cap=0.01)
    with (
        client_for(small_emulator, retry=retry) as client,
        pytest.raises(HttpStatusError) as caught,
    ):
        client.list_page()
    assert caught.value.status == 502
    assert "unavailable right now" in caught.value.hint
    assert small_emulator.stats.requests() == 3


def test_a_wrong_endpoint_path_is_not_retried(small_emulator: Emulator) -> None:
    endpoint = small_emulator.base_url + "/v1"
    with (
        DigitalHumanClient(DEMO_APP_ID, DEMO_SERVER_SECRET, endpoint, retry=FAST_RETRY) as client,
        pytest.raises(HttpStatusError) as caught,
    ):
        client.list_page()
    assert caught.value.status == 404
    assert "check the endpoint address" in caught.value.hint


def test_rate_limited_and_server_errors_are_retried(small_emulator: Emulator) -> None:
    small_emulator.faults.fail_next = ["rate_limited", "http500"]
    with client_for(small_emulator) as client:
        assert client.get_info(fixture_catalog().records()[0].id).name == "Aiko Tanaka"
    assert small_emulator.stats.requests("GetDigitalHumanInfo") == 3
    assert (
        small_emulator.stats.get("faults:rate_limited")
        == small_emulator.stats.get("faults:http500")
        == 1
    )


def test_a_slow_body_still_arrives(small_emulator: Emulator) -> None:
    small_emulator.faults = Faults(fail_next=["slow_body"], slow_body_seconds=0.4)
    started = time.monotonic()
    with client_for(small_emulator) as client:
        assert client.list_page().total == 7
    assert time.monotonic() - started >= 0.3


def test_latency_delays_every_answer(small_emulator: Emulator) -> None:
    small_emulator.faults = Faults(latency=0.15, jitter=0.05, seed=1)
    with client_for(small_emulator) as client:
        started = time.monotonic()
        client.list_page()
        client.list_page()
    assert 0.3 <= time.monotonic() - started < 2.0


def test_a_broken_certificate_store_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca-bundle.pem")
    client = DigitalHumanClient(
        DEMO_APP_ID, DEMO_SERVER_SECRET, "https://aigc-digitalhuman-api.zegotech.cn"
    )
    with client, pytest.raises(NetworkError) as caught:
        client.list_page()
    assert caught.value.tls
    assert "SSL_CERT_FILE" in caught.value.hint
