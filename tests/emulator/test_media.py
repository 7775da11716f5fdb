"""Media URLs: signed, expiring, per-human paths, byte ranges, and refreshing through GetInfo."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from dhbrowser.api.media import MediaExpired, MediaFetcher
from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.urls import cache_key_path
from dhbrowser.emulator import Catalog, Emulator, Faults
from tests.emulator_fixtures import client_for, fixture_catalog


def _humans(emu: Emulator) -> list[DigitalHuman]:
    with client_for(emu, unlimited=True) as client:
        return list(client.iter_humans())


def _preview_url(emu: Emulator) -> tuple[str, bytes]:
    """A signed preview URL of the fixture catalog and the bytes it should serve."""
    human = _humans(emu)[1]  # Bruno Costa: two previews
    record = emu.catalog.get(human.id)
    assert record is not None
    data = emu.catalog.media(record.actions[0].preview)
    assert data is not None
    return human.actions[0].preview_url, data


def _wait_past_expiry(url: str) -> None:
    expires = int(parse_qs(urlsplit(url).query)["expires"][0])
    time.sleep(max(0.0, expires - time.time() + 0.05))


def test_signed_urls_serve_the_catalog_files_with_their_types(
    fast_small_emulator: Emulator,
) -> None:
    humans = _humans(fast_small_emulator)
    fetcher = MediaFetcher()
    try:
        with httpx.Client() as http:
            for human in humans:
                record = fast_small_emulator.catalog.get(human.id)
                assert record is not None
                assert fetcher.fetch(human.avatar_url) == fast_small_emulator.catalog.media(
                    record.portrait
                )
                head = http.head(human.avatar_url)
                expected_type = "image/jpeg" if record.portrait.endswith(".jpg") else "image/png"
                assert head.headers["Content-Type"] == expected_type
                assert head.headers["Accept-Ranges"] == "bytes"
                for action, wire in zip(record.actions, human.actions, strict=True):
                    if action.preview:
                        response = http.get(wire.preview_url)
                        assert response.headers["Content-Type"] == "video/mp4"
                        assert response.content == fast_small_emulator.catalog.media(action.preview)
                    else:
                        assert wire.preview_url == ""
    finally:
        fetcher.close()
    assert (
        fast_small_emulator.stats.get("media_403")
        == fast_small_emulator.stats.get("media_404")
        == 0
    )


def test_each_synthetic_human_has_its_own_media_paths(fast_small_emulator: Emulator) -> None:
    fast_small_emulator.catalog = Catalog.synthetic(30, base=fixture_catalog())
    humans = _humans(fast_small_emulator)
    paths = {cache_key_path(human.avatar_url) for human in humans}
    assert len(paths) == 30
    for human in humans:
        assert f"/media/{human.id}/" in human.avatar_url


def test_an_expired_url_is_refused_and_get_info_gives_a_fresh_one() -> None:
    with Emulator(fixture_catalog(), media_ttl=1.0) as emu, client_for(emu) as client:
        human = client.list_page(0, 1).humans[0]
        fetcher = MediaFetcher()
        try:
            assert fetcher.fetch(human.avatar_url)
            _wait_past_expiry(human.avatar_url)
            with pytest.raises(MediaExpired) as caught:
                fetcher.fetch(human.avatar_url)
            assert caught.value.status == 403
            assert "fresh one" in caught.value.hint
            fresh = client.get_info(human.id)
            assert fresh.avatar_url != human.avatar_url
            assert cache_key_path(fresh.avatar_url) == cache_key_path(human.avatar_url)
            assert fetcher.fetch(fresh.avatar_url)
        finally:
            fetcher.close()
        assert emu.stats.get("media_403") == 1


def test_expire_media_now_revokes_every_issued_url(fast_small_emulator: Emulator) -> None:
    url, _ = _preview_url(fast_small_emulator)
    with httpx.Client() as http:
        assert http.get(url).status_code == 200
        fast_small_emulator.expire_media_now()
        refused = http.get(url)
        assert refused.status_code == 403
        assert refused.headers["Content-Type"] == "text/plain"
        fresh, _ = _preview_url(fast_small_emulator)
        assert http.get(fresh).status_code == 200


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url[:-1] + ("0" if url[-1] != "0" else "1"),  # one hex digit of sig
        lambda url: url.replace("expires=", "expires=9"),  # a later expiry, same sig
        lambda url: url.split("?")[0],  # no signature at all
        lambda url: url.replace("/preview/idle_action", "/preview/802_921474"),  # another file
    ],
    ids=["sig", "expires", "unsigned", "other-path"],
)
def test_a_tampered_url_is_refused(
    fast_small_emulator: Emulator, tamper: Callable[[str], str]
) -> None:
    url, _ = _preview_url(fast_small_emulator)
    with httpx.Client() as http:
        assert http.get(tamper(url)).status_code == 403


def test_unknown_media_are_404(fast_small_emulator: Emulator) -> None:
    humans = _humans(fast_small_emulator)
    aiko = humans[0]
    with httpx.Client(base_url=fast_small_emulator.base_url) as http:
        assert http.get("/media/nobody/portrait.jpg?expires=1&sig=0").status_code == 404
        no_preview = f"/media/{aiko.id}/preview/wave_action.mp4"  # the action has none
        assert http.get(no_preview).status_code == 404
        assert http.get(aiko.avatar_url).status_code == 200
        fast_small_emulator.catalog.remove(aiko.id)
        assert http.get(aiko.avatar_url).status_code == 404
    assert fast_small_emulator.stats.get("media_404") == 3


@pytest.mark.parametrize(
    ("header", "status", "first", "last"),
    [
        ("bytes=0-9", 206, 0, 9),
        ("bytes=100-", 206, 100, None),
        ("bytes=-5", 206, -5, None),
        ("bytes=10-999999", 206, 10, None),
        ("bytes=-999999", 206, 0, None),
        ("bytes=5-2", 200, 0, None),  # invalid: ignored
        ("bytes=0-1,4-5", 200, 0, None),  # several ranges: the whole file
        ("items=0-1", 200, 0, None),
    ],
)
def test_range_requests(
    fast_small_emulator: Emulator, header: str, status: int, first: int, last: int | None
) -> None:
    url, data = _preview_url(fast_small_emulator)
    with httpx.Client() as http:
        response = http.get(url, headers={"Range": header})
    expected = data[first : None if last is None else last + 1]
    assert response.status_code == status
    assert response.content == expected
    assert int(response.headers["Content-Length"]) == len(expected)
    if status == 206:
        start = first % len(data)
        end = start + len(expected) - 1
        assert response.headers["Content-Range"] == f"bytes {start}-{end}/{len(data)}"


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{size}", "bytes=-0"])
def test_unsatisfiable_ranges_are_416(fast_small_emulator: Emulator, header: str) -> None:
    url, data = _preview_url(fast_small_emulator)
    with httpx.Client() as http:
        response = http.get(url, headers={"Range": header.format(size=len(data))})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{len(data)}"
    assert fast_small_emulator.stats.get("media_416") == 1


def test_head_gives_the_headers_of_get_without_the_body(fast_small_emulator: Emulator) -> None:
    url, data = _preview_url(fast_small_emulator)
    with httpx.Client() as http:
        whole = http.head(url)
        part = http.head(url, headers={"Range": "bytes=0-99"})
        post = http.post(url)
    assert (whole.status_code, whole.content) == (200, b"")
    assert int(whole.headers["Content-Length"]) == len(data)
    assert (part.status_code, part.headers["Content-Length"]) == (206, "100")
    assert post.status_code == 405


def test_media_are_not_rate_limited_and_can_be_slowed(small_emulator: Emulator) -> None:
    url, _ = _preview_url(small_emulator)
    with httpx.Client() as http:
        assert all(http.get(url).status_code == 200 for _ in range(25))
        small_emulator.faults = Faults(media_latency=0.2)
        started = time.monotonic()
        assert http.get(url).status_code == 200
        assert time.monotonic() - started >= 0.2
    assert small_emulator.stats.get("rejected_rate_limit") == 0
