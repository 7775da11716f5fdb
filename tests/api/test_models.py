"""Parsing answers: strict where a wrong value would mislead, tolerant where it would not."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from dhbrowser.api.errors import ApiError, ProtocolError
from dhbrowser.api.models import ActionClip, DigitalHuman, decode_envelope, parse_human, parse_page
from dhbrowser.emulator import Emulator, Faults
from tests.emulator_fixtures import client_for

REQUEST_ID = "5bb0f2b6-8b4d-4c35-9a57-2d3f4f0fbd11"
_MISSING = object()


def _human(**changes: Any) -> dict[str, Any]:
    human: dict[str, Any] = {
        "DigitalHumanId": "c9a1e2b4-0000-4000-8000-000000000001",
        "Name": "Aiko",
        "AvatarUrl": "https://cdn.example/aiko.jpg?sig=1",
        "IsPublic": False,
        "Actions": [{"Action": "idle_action", "PreviewUrl": "https://cdn.example/idle.mp4"}],
    }
    human.update(changes)
    return {key: value for key, value in human.items() if value is not _MISSING}


def _envelope(data: object, code: int = 0, **extra: object) -> bytes:
    document = {"Code": code, "Message": "success", "RequestId": REQUEST_ID, "Data": data}
    document.update(extra)
    return json.dumps(document).encode()


def test_a_documented_answer_parses() -> None:
    data, request_id = decode_envelope(_envelope({"Total": 1, "DigitalHumans": [_human()]}), 200)
    page = parse_page(data, 0, request_id)
    assert page.total == 1
    assert page.request_id == REQUEST_ID
    assert page.humans == (
        DigitalHuman(
            id="c9a1e2b4-0000-4000-8000-000000000001",
            name="Aiko",
            avatar_url="https://cdn.example/aiko.jpg?sig=1",
            is_public=False,
            actions=(ActionClip("idle_action", "https://cdn.example/idle.mp4"),),
        ),
    )


@pytest.mark.parametrize(
    ("human", "field"),
    [
        (_human(DigitalHumanId=_MISSING), "Data.DigitalHumans[0].DigitalHumanId"),
        (_human(DigitalHumanId=42), "Data.DigitalHumans[0].DigitalHumanId"),
        (_human(Actions="idle_action"), "Data.DigitalHumans[0].Actions"),
        (_human(Actions=[{"PreviewUrl": ""}]), "Data.DigitalHumans[0].Actions[0].Action"),
    ],
)
def test_a_broken_human_names_the_field_and_the_request(human: object, field: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_page({"Total": 1, "DigitalHumans": [human]}, 0, REQUEST_ID)
    assert f"'{field}'" in str(caught.value)
    assert caught.value.request_id == REQUEST_ID
    assert REQUEST_ID in str(caught.value)


@pytest.mark.parametrize("total", ["3", 3.0, None, -1, True])
def test_total_must_be_a_non_negative_integer(total: object) -> None:
    with pytest.raises(ProtocolError, match=r"'Data\.Total'") as caught:
        parse_page({"Total": total, "DigitalHumans": []}, 0, REQUEST_ID)
    assert caught.value.request_id == REQUEST_ID


def test_unknown_fields_are_ignored_and_optional_ones_defaulted() -> None:
    human = parse_human(
        {
            "DigitalHumanId": "id-1",
            "Name": "Bruno",
            "AvatarUrl": "https://cdn.example/b.jpg",
            "IsPublic": True,
            "Actions": [{"Action": "wave_action", "PreviewUrl": "", "Duration": 3}],
            "InferenceMode": 2,
            "SomethingNew": {"nested": True},
        }
    )
    assert human == DigitalHuman(
        "id-1", "Bruno", "https://cdn.example/b.jpg", True, (ActionClip("wave_action", ""),)
    )
    assert parse_human({"DigitalHumanId": "id-2"}).actions == ()


def test_the_envelope_code_becomes_an_api_error_with_its_request_id() -> None:
    body = json.dumps({"Code": 400000003, "Message": "not found", "RequestId": REQUEST_ID})
    with pytest.raises(ApiError) as caught:
        decode_envelope(body.encode(), 200)
    assert (caught.value.code, caught.value.request_id) == (400000003, REQUEST_ID)
    assert caught.value.hint == "This digital human no longer exists: refresh the list."


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"<html><head><title>502 Bad Gateway</title></head></html>", 502),
        (_envelope({"Total": 0, "DigitalHumans": []})[:20], 200),
        (b"[1, 2]", 200),
        (json.dumps({"Code": "0", "RequestId": REQUEST_ID}).encode(), 200),
        (json.dumps({"Code": 0, "RequestId": REQUEST_ID}).encode(), 200),
    ],
    ids=["html-502", "truncated", "not-an-object", "string-code", "no-data"],
)
def test_an_answer_that_is_not_the_envelope_is_a_protocol_error(body: bytes, status: int) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_envelope(body, status)
    assert caught.value.status == status
    assert f"HTTP {status}" in str(caught.value)


@pytest.mark.parametrize("kind", ["truncated", "garbage"])
def test_malformed_bodies_from_the_wire_are_protocol_errors(
    fast_small_emulator: Emulator, kind: str
) -> None:
    fast_small_emulator.faults = Faults(fail_next=[kind])
    with (
        client_for(fast_small_emulator, unlimited=True) as client,
        pytest.raises(ProtocolError) as caught,
    ):
        client.list_page()
    assert caught.value.status == 200
    assert "cannot read" in caught.value.hint
    assert fast_small_emulator.stats.requests() == 1  # a malformed 200 answer is not retried


def test_a_502_page_from_the_wire_keeps_its_status(fast_small_emulator: Emulator) -> None:
    fast_small_emulator.faults.fail_next = ["http502"]
    with httpx.Client() as http:
        response = http.post(fast_small_emulator.base_url + "/?Action=GetDigitalHumanList")
    assert response.status_code == 502
    assert response.headers["Content-Type"] == "text/html"
    with pytest.raises(ProtocolError) as caught:
        decode_envelope(response.content, response.status_code)
    assert caught.value.status == 502
