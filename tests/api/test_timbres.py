"""GetTimbreList against the emulator over real HTTP: public and bound voices, paging,
validation, the shared rate limit, strict parsing, and the codes a voice can earn."""

from __future__ import annotations

import threading

import httpx
import pytest

from dhbrowser.api.errors import ApiError, ProtocolError, RequestRejected, ReturnCode, hint_for
from dhbrowser.api.models import parse_timbre_page
from dhbrowser.api.signing import common_params
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator, TimbreRecord
from tests.emulator_fixtures import client_for, fixture_catalog, fixture_human_id

PUBLIC_VOICES = ["zh_female_test_bright_bigtts", "en_male_test_calm_bigtts", "female-test-gentle"]


def test_the_public_voices_come_without_a_human(fast_small_emulator: Emulator) -> None:
    with client_for(fast_small_emulator, unlimited=True) as client:
        page = client.timbre_page()
        voices = list(client.iter_timbres(page_size=2))
    assert page.total == 3
    assert [voice.id for voice in page.timbres] == PUBLIC_VOICES
    assert [voice.id for voice in voices] == PUBLIC_VOICES
    assert page.timbres[1].name == "Calm Test Voice"


def test_a_private_human_has_its_bound_voices(fast_small_emulator: Emulator) -> None:
    with client_for(fast_small_emulator, unlimited=True) as client:
        chiara = list(client.iter_timbres(fixture_human_id("Chiara Russo")))
        elena = list(client.iter_timbres(fixture_human_id("Elena Petrova")))
        grace = list(client.iter_timbres(fixture_human_id("Grace Kim")))
        aiko = list(client.iter_timbres(fixture_human_id("Aiko Tanaka")))
    assert [voice.id for voice in chiara] == ["clone_chiara_studio", "clone_chiara_phone"]
    assert [voice.name for voice in elena] == ["Elena (own voice)"]
    assert grace == aiko == []


def test_an_unknown_human_is_named_not_answered_with_no_voices(
    fast_small_emulator: Emulator,
) -> None:
    with (
        client_for(fast_small_emulator, unlimited=True) as client,
        pytest.raises(ApiError) as caught,
    ):
        client.timbre_page(human_id="not-a-human")
    assert caught.value.code == ReturnCode.HUMAN_NOT_FOUND


def test_each_voice_has_its_own_signed_picture(fast_small_emulator: Emulator) -> None:
    with client_for(fast_small_emulator, unlimited=True) as client:
        voices = list(client.iter_timbres()) + list(
            client.iter_timbres(fixture_human_id("Chiara Russo"))
        )
    pictures = [voice.avatar_url for voice in voices]
    assert len(set(pictures)) == len(voices)
    with httpx.Client() as http:
        bodies = [http.get(url) for url in pictures]
        assert all(answer.status_code == 200 for answer in bodies)
        assert all(answer.content.startswith(b"\x89PNG") for answer in bodies)
        assert len({answer.content for answer in bodies}) == len(voices)
        unsigned = pictures[0].partition("?")[0]
        assert http.get(unsigned).status_code == 403
        fast_small_emulator.expire_media_now()
        assert http.get(pictures[0]).status_code == 403


def test_voices_added_while_paging_are_neither_lost_nor_repeated(
    fast_small_emulator: Emulator,
) -> None:
    newcomer = TimbreRecord("new_voice", "New Voice", "voices/female-test-gentle.png")
    seen: list[str] = []
    with client_for(fast_small_emulator, unlimited=True) as client:
        for voice in client.iter_timbres(page_size=2):
            seen.append(voice.id)
            if len(seen) == 2:  # a voice is published at the top after the first page
                fast_small_emulator.catalog = fixture_catalog(voices_first=[newcomer])
    assert sorted(seen) == sorted(PUBLIC_VOICES)  # the shift repeats one: dropped, not lost
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(("offset", "limit"), [(-1, 20), (0, 0), (0, 21), (1_000_001, 1)])
def test_out_of_range_pages_are_refused_before_and_by_the_server(
    fast_small_emulator: Emulator, offset: int, limit: int
) -> None:
    with client_for(fast_small_emulator, unlimited=True) as client, pytest.raises(RequestRejected):
        client.timbre_page(offset, limit)
    assert fast_small_emulator.stats.requests() == 0
    params = {"Action": "GetTimbreList", **common_params(DEMO_APP_ID, DEMO_SERVER_SECRET)}
    with httpx.Client(base_url=fast_small_emulator.base_url) as http:
        answer = http.post("/", params=params, json={"Offset": offset, "Limit": limit}).json()
    assert answer["Code"] == ReturnCode.INVALID_PARAMETER
    assert "Offset" in answer["Message"] or "Limit" in answer["Message"]


def test_an_unpaced_burst_of_voice_lists_is_rate_limited(small_emulator: Emulator) -> None:
    codes = []
    with httpx.Client(base_url=small_emulator.base_url) as http:
        for _ in range(13):
            params = {"Action": "GetTimbreList", **common_params(DEMO_APP_ID, DEMO_SERVER_SECRET)}
            codes.append(http.post("/", params=params, json={"Limit": 1}).json()["Code"])
    assert codes.count(0) == 10
    assert codes.count(ReturnCode.RATE_LIMITED) == 3


def test_voices_and_humans_share_the_app_limiter(small_emulator: Emulator) -> None:
    """The client paces both lists through one limiter: no answer is a rate-limit refusal
    and the server never sees more than ten of the app's requests in a second."""
    failures: list[BaseException] = []

    def browse(voices: bool) -> None:
        with client_for(small_emulator) as client:
            try:
                for _ in range(4):
                    client.timbre_page(0, 1) if voices else client.list_page(0, 1)
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=browse, args=(index % 2 == 0,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures
    accepted = sorted(small_emulator.accepted_times(DEMO_APP_ID))
    assert len(accepted) == 24
    assert small_emulator.stats.get("rejected_rate_limit") == 0
    assert max(sum(1 for t in accepted[i:] if t < s + 1.0) for i, s in enumerate(accepted)) <= 10


def test_a_voice_without_an_id_names_the_field_and_unknown_fields_pass() -> None:
    good = {"TimbreId": "a", "Name": "", "AvatarUrl": "https://x.example.invalid/a.png", "Sex": 1}
    data = {"Total": 2, "Timbres": [good, {"Name": "No id"}]}
    with pytest.raises(ProtocolError, match=r"Data\.Timbres\[1\]\.TimbreId") as caught:
        parse_timbre_page(data, 0, "req-1")
    assert caught.value.request_id == "req-1"
    page = parse_timbre_page({"Total": 1, "Timbres": [good], "Extra": []}, 0)
    assert page.timbres[0].name == "a"  # no name: the id stands in
    with pytest.raises(ProtocolError, match=r"Data\.Timbres' is not a list"):
        parse_timbre_page({"Total": 1, "Timbres": {}}, 0)


# Every code of the table in zego-api.md (revision of 2026-03-20).
DOCUMENTED_CODES = [
    *range(100000000, 100000016),
    100000017,
    *range(400000001, 400000011),
    400000015,
    400000016,
    400010000,
    400010001,
    400010002,
    400010007,
    400010009,
]


@pytest.mark.parametrize("code", DOCUMENTED_CODES)
def test_every_documented_code_has_its_own_plain_hint(code: int) -> None:
    assert code in set(ReturnCode)
    assert "unknown code" not in hint_for(code)


def test_the_stream_and_voice_codes_say_what_to_do() -> None:
    assert "stream limit is reached" in hint_for(400000008)
    assert "does not support that voice" in hint_for(400000009)
    assert "StreamId" in hint_for(400000015)
    assert "TimbreId" in hint_for(400000004)
    hints = [hint_for(code) for code in range(400000006, 400000010)]
    assert len(set(hints)) == 4  # no longer one sentence for four different situations


def _raw_timbre_list(emulator: Emulator, body: object) -> dict[str, object]:
    params = {"Action": "GetTimbreList", **common_params(DEMO_APP_ID, DEMO_SERVER_SECRET)}
    with httpx.Client(base_url=emulator.base_url) as http:
        answer: dict[str, object] = http.post("/", params=params, json=body).json()
    return answer


@pytest.mark.parametrize("body", [{}, {"DigitalHumanId": ""}, {"DigitalHumanId": None}])
def test_no_or_an_empty_human_id_asks_for_the_public_voices(
    fast_small_emulator: Emulator, body: dict[str, object]
) -> None:
    answer = _raw_timbre_list(fast_small_emulator, body)
    assert answer["Code"] == 0
    assert answer["Data"]["Total"] == 3  # type: ignore[index]


def test_a_human_id_that_is_not_text_is_an_invalid_parameter(
    fast_small_emulator: Emulator,
) -> None:
    answer = _raw_timbre_list(fast_small_emulator, {"DigitalHumanId": 5})
    assert answer["Code"] == ReturnCode.INVALID_PARAMETER
    assert "DigitalHumanId" in str(answer["Message"])


def test_an_app_without_the_service_cannot_list_voices(small_emulator: Emulator) -> None:
    small_emulator.add_app(77, "s" * 32, service_enabled=False)
    client = client_for(small_emulator, app_id=77, secret="s" * 32)
    with client, pytest.raises(ApiError) as caught:
        client.timbre_page()
    assert caught.value.code == ReturnCode.SERVICE_NOT_ENABLED
