"""The emulator's protocol, seen from raw HTTP: gateway order, bodies, answers, faults, stop.

Requests here are signed by hand with hashlib, independently of dhbrowser.api.signing, so
the emulator's signature check is not validated by the code it is meant to test.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from dhbrowser.api.errors import ApiError, DhError, NetworkError, ReturnCode
from dhbrowser.api.models import decode_envelope
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator, Faults
from tests.emulator_fixtures import client_for

NONCE = "0123456789abcdef"


def signed(
    action: str = "GetDigitalHumanList",
    *,
    app_id: int = DEMO_APP_ID,
    secret: str = DEMO_SERVER_SECRET,
    timestamp: int | None = None,
) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    material = f"{app_id}{NONCE}{secret}{ts}".encode()
    return {
        "Action": action,
        "AppId": str(app_id),
        "SignatureNonce": NONCE,
        "Timestamp": str(ts),
        "SignatureVersion": "2.0",
        "Signature": hashlib.md5(material, usedforsecurity=False).hexdigest(),
    }


def post(emu: Emulator, params: dict[str, str], body: bytes = b"{}") -> httpx.Response:
    with httpx.Client() as http:
        return http.post(emu.base_url + "/", params=params, content=body)


def api_error(response: httpx.Response) -> ApiError:
    """The error the client would raise for this answer."""
    with pytest.raises(ApiError) as caught:
        decode_envelope(response.content, response.status_code)
    return caught.value


# -- the gateway ------------------------------------------------------------------------------


Change = str | None | Callable[[dict[str, str]], str]


def _changed(**changes: Change) -> dict[str, Change]:
    """Changes to a freshly signed request: a value, None (remove), or a function of it."""
    return changes


_GATEWAY_CASES: list[tuple[str, dict[str, Change], ReturnCode, str]] = [
    ("no Action", _changed(Action=None), ReturnCode.ACTION_MISSING, "no Action"),
    ("no Action, no AppId", _changed(Action=None, AppId=None), ReturnCode.ACTION_MISSING, ""),
    ("empty Action", _changed(Action=""), ReturnCode.ACTION_MISSING, ""),
    ("no AppId", _changed(AppId=None), ReturnCode.APP_ID_MALFORMED, "not a valid number"),
    ("AppId abc", _changed(AppId="abc"), ReturnCode.APP_ID_MALFORMED, ""),
    ("AppId -5", _changed(AppId="-5"), ReturnCode.APP_ID_MALFORMED, ""),
    ("AppId 2**32", _changed(AppId="4294967296"), ReturnCode.APP_ID_MALFORMED, ""),
    ("unknown AppId", _changed(AppId="999"), ReturnCode.SECRET_NOT_FOUND, "this AppId"),
    ("no nonce", _changed(SignatureNonce=None), ReturnCode.NONCE_MISSING, "SignatureNonce"),
    (
        "no nonce, no Timestamp",
        _changed(SignatureNonce=None, Timestamp=None),
        ReturnCode.NONCE_MISSING,
        "",
    ),
    ("no Timestamp", _changed(Timestamp=None), ReturnCode.TIMESTAMP_MISSING, "no Timestamp"),
    ("Timestamp 1.5", _changed(Timestamp="1.5"), ReturnCode.TIMESTAMP_MALFORMED, "malformed"),
    ("Timestamp > int64", _changed(Timestamp="9" * 20), ReturnCode.TIMESTAMP_MALFORMED, ""),
    (
        "no SignatureVersion",
        _changed(SignatureVersion=None),
        ReturnCode.SIGNATURE_VERSION_MISSING,
        "no SignatureVersion",
    ),
    (
        "SignatureVersion 1.0",
        _changed(SignatureVersion="1.0"),
        ReturnCode.SIGNATURE_VERSION_UNSUPPORTED,
        "2.0",
    ),
    ("no Signature", _changed(Signature=None), ReturnCode.SIGNATURE_MISSING, "no Signature"),
    (
        "Timestamp 11 minutes old, so also mis-signed",
        _changed(Timestamp=lambda p: str(int(p["Timestamp"]) - 660)),
        ReturnCode.SIGNATURE_EXPIRED,
        "clock",
    ),
    (
        "wrong Signature",
        _changed(Signature="0" * 32),
        ReturnCode.SIGNATURE_ERROR,
        "ServerSecret does not match",
    ),
    (
        "upper-case Signature",
        _changed(Signature=lambda p: p["Signature"].upper()),
        ReturnCode.SIGNATURE_ERROR,
        "",
    ),
    (
        "unsupported Action",
        _changed(Action="DriveByText"),
        ReturnCode.ACTION_NOT_SUPPORTED,
        "does not offer the Digital Human API",
    ),
]


@pytest.mark.parametrize(
    ("changes", "code", "hint"),
    [case[1:] for case in _GATEWAY_CASES],
    ids=[case[0] for case in _GATEWAY_CASES],
)
def test_gateway_checks_in_order(
    small_emulator: Emulator, changes: dict[str, Change], code: ReturnCode, hint: str
) -> None:
    params = signed()
    for name, change in changes.items():
        if change is None:
            del params[name]
        else:
            params[name] = change if isinstance(change, str) else change(params)
    response = post(small_emulator, params)
    assert response.status_code == 200
    error = api_error(response)
    assert error.code == code
    assert hint in error.hint
    assert small_emulator.accepted_times(DEMO_APP_ID) == []  # refused requests use no quota


def test_service_not_enabled_comes_before_the_body(small_emulator: Emulator) -> None:
    small_emulator.add_app(77, "secret-77", service_enabled=False)
    error = api_error(post(small_emulator, signed(app_id=77, secret="secret-77"), b"not json"))
    assert error.code == ReturnCode.SERVICE_NOT_ENABLED
    assert "not enabled" in error.hint


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"Limit": 5', b"\xff\xfe", b"null"])
def test_a_body_that_is_not_a_json_object_is_unreadable(
    small_emulator: Emulator, body: bytes
) -> None:
    error = api_error(post(small_emulator, signed(), body))
    assert error.code == ReturnCode.BODY_UNREADABLE
    assert "could not read the request body" in error.hint


def test_an_oversized_body_is_refused_without_reading_it(small_emulator: Emulator) -> None:
    error = api_error(post(small_emulator, signed(), b"{" + b" " * 100_000 + b"}"))
    assert error.code == ReturnCode.BODY_UNREADABLE


def test_get_on_the_api_is_405_with_a_json_answer(small_emulator: Emulator) -> None:
    with httpx.Client() as http:
        response = http.get(small_emulator.base_url + "/", params=signed())
        put = http.put(small_emulator.base_url + "/", params=signed(), content=b"{}")
        elsewhere = http.post(small_emulator.base_url + "/v1", params=signed(), content=b"{}")
    for answer in (response, put):
        assert answer.status_code == 405
        assert answer.headers["Allow"] == "POST"
        assert api_error(answer).code == ReturnCode.BODY_UNREADABLE
    assert elsewhere.status_code == 404


# -- GetDigitalHumanList and GetDigitalHumanInfo bodies -----------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"Limit": 21}, "Limit must be an integer in 1..20"),
        ({"Limit": 0}, "Limit must be an integer in 1..20"),
        ({"Limit": "5"}, "Limit"),
        ({"Limit": True}, "Limit"),
        ({"Limit": 5.0}, "Limit"),
        ({"Offset": -1}, "Offset must be an integer in 0..1000000"),
        ({"Offset": 1_000_001}, "Offset"),
        ({"Offset": "0"}, "Offset"),
        ({"FetchMode": 0}, "FetchMode"),
        ({"FetchMode": 4}, "FetchMode"),
    ],
)
def test_list_parameters_are_checked_by_the_server(
    small_emulator: Emulator, body: dict[str, Any], field: str
) -> None:
    error = api_error(post(small_emulator, signed(), json.dumps(body).encode()))
    assert error.code == ReturnCode.INVALID_PARAMETER
    assert field in error.message
    assert error.message in error.hint  # the user is told which field


@pytest.mark.parametrize("body", [{}, {"DigitalHumanId": 5}, {"DigitalHumanId": ""}])
def test_get_info_requires_an_id(small_emulator: Emulator, body: dict[str, Any]) -> None:
    error = api_error(
        post(small_emulator, signed("GetDigitalHumanInfo"), json.dumps(body).encode())
    )
    assert error.code == ReturnCode.INVALID_PARAMETER
    assert "DigitalHumanId" in error.message


@pytest.mark.parametrize(
    "body", [b"", b"{}", b'{"Limit": null}', b'{"InferenceMode": 2, "Unknown": [1]}']
)
def test_list_defaults_and_ignores_unknown_fields(small_emulator: Emulator, body: bytes) -> None:
    data = post(small_emulator, signed(), body).json()["Data"]
    assert data["Total"] == 7
    assert len(data["DigitalHumans"]) == 7


def test_answers_follow_the_common_response(small_emulator: Emulator) -> None:
    ok = post(small_emulator, signed(), b'{"FetchMode": 3, "Offset": 1, "Limit": 1}')
    failed = post(small_emulator, signed("GetDigitalHumanInfo"), b'{"DigitalHumanId": "nobody"}')
    for response in (ok, failed):
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/json"
        assert int(response.headers["Content-Length"]) == len(response.content)
        assert uuid.UUID(response.json()["RequestId"]).version == 4
    assert ok.json()["Code"] == 0
    assert ok.json()["Message"] == "success"
    assert ok.json()["Data"]["Total"] == 3
    (human,) = ok.json()["Data"]["DigitalHumans"]
    assert set(human) == {"DigitalHumanId", "Name", "AvatarUrl", "IsPublic", "Actions"}
    assert human["IsPublic"] is False
    assert failed.json()["Code"] == ReturnCode.HUMAN_NOT_FOUND
    assert "Data" not in failed.json()
    assert ok.json()["RequestId"] != failed.json()["RequestId"]


def test_connections_are_kept_alive(small_emulator: Emulator) -> None:
    host, port = small_emulator.base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        sockets = []
        for _ in range(3):
            query = str(httpx.QueryParams(signed()))
            connection.request("POST", "/?" + query, body=b"{}")
            response = connection.getresponse()
            assert json.loads(response.read())["Code"] == 0
            assert not response.will_close
            sockets.append(connection.sock)
        assert sockets[0] is sockets[1] is sockets[2]
    finally:
        connection.close()


def test_stats_count_what_the_emulator_saw(small_emulator: Emulator) -> None:
    small_emulator.faults.fail_next = ["http502"]
    post(small_emulator, signed())
    post(small_emulator, signed())
    post(small_emulator, signed("GetDigitalHumanInfo"), b'{"DigitalHumanId": "nobody"}')
    post(small_emulator, signed("DriveByText"))
    post(small_emulator, _without_action())
    snapshot = small_emulator.stats.snapshot()
    assert snapshot["requests"] == {
        "GetDigitalHumanList": 2,
        "GetDigitalHumanInfo": 1,
        "(unsupported)": 1,
        "(none)": 1,
    }
    assert snapshot["requests_total"] == small_emulator.stats.requests() == 5
    assert snapshot["faults"] == {"http502": 1}
    assert snapshot["api_errors"] == 3
    assert snapshot["media_requests"] == snapshot["rejected_rate_limit"] == 0


def _without_action() -> dict[str, str]:
    params = signed()
    del params["Action"]
    return params


# -- faults -------------------------------------------------------------------------------------


def test_a_seeded_failure_rate_is_reproducible(fast_small_emulator: Emulator) -> None:
    outcomes = []
    for _ in range(2):
        fast_small_emulator.faults = Faults(failure_rate=0.5, failure_kinds=("http500",), seed=7)
        with httpx.Client() as http:
            outcomes.append(
                [
                    http.post(
                        fast_small_emulator.base_url + "/", params=signed(), content=b"{}"
                    ).status_code
                    for _ in range(20)
                ]
            )
    assert outcomes[0] == outcomes[1]
    assert set(outcomes[0]) == {200, 500}


def test_fault_settings_are_checked_when_made() -> None:
    faults = Faults()
    with pytest.raises(ValueError, match="unknown fault kind"):
        faults.fail_next = ["http503"]
    with pytest.raises(ValueError, match="probability"):
        faults.failure_rate = 1.5
    with pytest.raises(ValueError, match="unknown fault kind"):
        Faults(failure_kinds=("timeout",))


def test_stop_is_prompt_while_a_slow_body_is_being_sent(fast_small_emulator: Emulator) -> None:
    fast_small_emulator.faults = Faults(fail_next=["slow_body"], slow_body_seconds=30.0)
    outcome: list[BaseException | httpx.Response] = []

    def request() -> None:
        try:
            outcome.append(post(fast_small_emulator, signed()))
        except httpx.HTTPError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=request)
    thread.start()
    deadline = time.monotonic() + 5
    while fast_small_emulator.stats.requests() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # a few pieces are on their way
    started = time.monotonic()
    fast_small_emulator.stop()
    assert time.monotonic() - started < 1.0
    thread.join(5)
    assert len(outcome) == 1
    assert isinstance(outcome[0], httpx.HTTPError)  # the answer was cut, not completed


def test_stop_is_prompt_during_latency(fast_small_emulator: Emulator) -> None:
    fast_small_emulator.faults.latency = 30.0
    outcome: list[object] = []

    def request() -> None:
        with client_for(fast_small_emulator, unlimited=True) as client:
            try:
                outcome.append(client.list_page())
            except DhError as exc:
                outcome.append(exc)

    thread = threading.Thread(target=request)
    thread.start()
    deadline = time.monotonic() + 5
    while fast_small_emulator.stats.requests() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    fast_small_emulator.stop()
    assert time.monotonic() - started < 1.0
    thread.join(5)
    assert len(outcome) == 1
    assert isinstance(outcome[0], NetworkError)


# -- logging ------------------------------------------------------------------------------------


def test_requests_are_logged_without_their_query(
    small_emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="dhbrowser.emulator"):
        params = signed()
        post(small_emulator, params)
        with httpx.Client() as http:
            http.get(small_emulator.base_url + "/media/x/portrait.jpg?expires=1&sig=abc")
    assert "POST / -> 200" in caplog.text
    assert params["Signature"] not in caplog.text
    assert "sig=abc" not in caplog.text
