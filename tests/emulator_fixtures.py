"""Emulator fixtures and a small, self-contained catalog for tests.

`emulator` and `fast_emulator` serve the shipped demo catalog, as the app shows it;
`small_emulator` and `fast_small_emulator` serve the fixture catalog, whose every detail
the API tests can state; `tls_small_emulator` serves it over HTTPS with a certificate of
a CA made for the test (`client_for` then trusts that CA too). The fixture catalog lives
in memory: seven humans, four public and three private, with JPEG and PNG portraits that
decode, actions with and without a preview, and one human without actions; three public
voices, two voices bound to Chiara Russo and one to Elena Petrova (Grace Kim, private too,
has none), each with a PNG picture. Its previews are real H.264 MP4s of the shipped demo
catalog (a few tens of KiB each, one file per fixture preview, none used twice), so the
player decodes them without a warning; tests of unplayable video bring their own bytes
(tests/hostile_media.py).
"""

from __future__ import annotations

import base64
import functools
import json
import struct
import uuid
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from dhbrowser.api.client import DigitalHumanClient, RetryPolicy
from dhbrowser.api.ratelimit import RateLimiter
from dhbrowser.emulator import (
    DEMO_APP_ID,
    DEMO_SERVER_SECRET,
    ActionRecord,
    Catalog,
    Emulator,
    EmulatorTls,
    HumanRecord,
    TimbreRecord,
)
from dhbrowser.resources import resource_path

#: Retries that keep their shape (attempts, doubling) but take milliseconds.
FAST_RETRY = RetryPolicy(attempts=3, base=0.002, cap=0.01)
#: For the `fast_emulator`: the server does not limit, so neither need the client.
UNLIMITED_QPS = 1_000_000

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "fixtures.tests.dhbrowser.invalid")
# An 8x8 JPEG (quality 30), so the fixture has a portrait of the real catalog's type.
_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDABsSFBcUERsXFhceHBsgKEIrKCUlKFE6PTBCYFVlZF9VXVtqeJmBanGQc1td"
    "hbWGkJ6jq62rZ4C8ybqmx5moq6T/2wBDARweHigjKE4rK06kbl1upKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSk"
    "pKSkpKSkpKSkpKSkpKSkpKSkpKT/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcI"
    "CQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRol"
    "JicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ip"
    "qrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAA"
    "AAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLR"
    "ChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaX"
    "mJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEA"
    "PwCxRRRXMdJ//9k="
)

# name, public, portrait colour (None: the JPEG), actions as (name, has a preview)
_SPECS: tuple[tuple[str, bool, tuple[int, int, int] | None, tuple[tuple[str, bool], ...]], ...] = (
    ("Aiko Tanaka", True, None, (("idle_action", True), ("wave_action", False))),
    ("Bruno Costa", True, (90, 120, 200), (("idle_action", True), ("802_921474", True))),
    ("Chiara Russo", False, (200, 90, 120), (("idle_action", True),)),
    ("Dev Patel", True, (120, 200, 90), ()),
    ("Elena Petrova", False, (220, 180, 60), (("idle_action", True), ("speak_action", True))),
    ("Femi Adeyemi", True, (60, 180, 220), (("idle_action", True), ("mute_action", False))),
    ("Grace Kim", False, (160, 60, 220), (("nod_action", True),)),
)


# TimbreId, name, the name of the human it is bound to ("" for public), picture colour
_VOICES: tuple[tuple[str, str, str, tuple[int, int, int]], ...] = (
    ("zh_female_test_bright_bigtts", "Bright Test Voice", "", (250, 200, 40)),
    ("en_male_test_calm_bigtts", "Calm Test Voice", "", (40, 90, 160)),
    ("female-test-gentle", "Gentle Test Voice", "", (200, 120, 160)),
    ("clone_chiara_studio", "Chiara (studio)", "Chiara Russo", (120, 40, 40)),
    ("clone_chiara_phone", "Chiara (phone)", "Chiara Russo", (40, 120, 40)),
    ("clone_elena_v1", "Elena (own voice)", "Elena Petrova", (90, 90, 90)),
)


def fixture_human_id(name: str) -> str:
    """The DigitalHumanId of the fixture human called `name`."""
    return str(uuid.uuid5(_NAMESPACE, name))


def _png(rgb: tuple[int, int, int], width: int = 48, height: int = 64) -> bytes:
    """A solid-colour RGB PNG, written by hand so the tests need no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@functools.cache
def _real_previews() -> dict[tuple[str, str], bytes]:
    """Each fixture preview's video, keyed by (slug, action): the demo's preview of the same
    name where it has one, else the demo's first unused preview of that action."""
    folder = resource_path("catalog", "previews")
    demo = sorted(path.name for path in folder.glob("*.mp4"))
    chosen: dict[tuple[str, str], bytes] = {}
    used: set[str] = set()
    for name, _public, _colour, action_specs in _SPECS:
        slug = name.lower().replace(" ", "-")
        for action, has_preview in action_specs:
            if not has_preview:
                continue
            own = f"{slug}-{action}.mp4"
            file = (
                own
                if own in demo
                else next(
                    candidate
                    for candidate in demo
                    if candidate.endswith(f"-{action}.mp4") and candidate not in used
                )
            )
            used.add(file)
            chosen[slug, action] = (folder / file).read_bytes()
    return chosen


def _fixture_content() -> tuple[list[HumanRecord], dict[str, bytes], list[TimbreRecord]]:
    humans: list[HumanRecord] = []
    media: dict[str, bytes] = {}
    for name, public, colour, action_specs in _SPECS:
        slug = name.lower().replace(" ", "-")
        portrait = f"portraits/{slug}.jpg" if colour is None else f"portraits/{slug}.png"
        media[portrait] = _JPEG if colour is None else _png(colour)
        actions = []
        for action, has_preview in action_specs:
            preview = f"previews/{slug}-{action}.mp4" if has_preview else ""
            if preview:
                media[preview] = _real_previews()[slug, action]
            actions.append(ActionRecord(action, preview))
        humans.append(HumanRecord(fixture_human_id(name), name, public, portrait, tuple(actions)))
    timbres = []
    for timbre_id, name, human_name, colour in _VOICES:
        picture = f"voices/{timbre_id}.png"
        media[picture] = _png(colour, 32, 32)
        human = fixture_human_id(human_name) if human_name else ""
        timbres.append(TimbreRecord(timbre_id, name, picture, human))
    return humans, media, timbres


def fixture_catalog(voices_first: Sequence[TimbreRecord] = ()) -> Catalog:
    """A fresh copy of the fixture catalog (each emulator mutates its own); `voices_first`
    are put before its voices (their pictures must be some of the fixture's)."""
    humans, media, timbres = _fixture_content()
    return Catalog(humans, media, [*voices_first, *timbres])


def write_fixture_catalog(directory: Path) -> Path:
    """Write the fixture catalog as catalog.json, timbres.json and media files."""
    humans, media, timbres = _fixture_content()
    for path, data in media.items():
        (directory / path).parent.mkdir(parents=True, exist_ok=True)
        (directory / path).write_bytes(data)
    document = {
        "version": 1,
        "humans": [
            {
                "id": human.id,
                "name": human.name,
                "public": human.public,
                "portrait": human.portrait,
                "actions": [{"action": a.action, "preview": a.preview} for a in human.actions],
            }
            for human in humans
        ],
    }
    (directory / "catalog.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    voices = {
        "version": 1,
        "timbres": [
            {"id": t.id, "name": t.name, "picture": t.picture, "human": t.human} for t in timbres
        ],
    }
    (directory / "timbres.json").write_text(json.dumps(voices, indent=2), encoding="utf-8")
    return directory


def client_for(
    emu: Emulator,
    *,
    app_id: int = DEMO_APP_ID,
    secret: str = DEMO_SERVER_SECRET,
    retry: RetryPolicy = FAST_RETRY,
    unlimited: bool = False,
) -> DigitalHumanClient:
    """A client of `emu`'s demo app. It shares the app's 10/s limiter unless `unlimited`
    (only against `fast_emulator` or `fast_small_emulator`, which do not limit either)."""
    limiter = RateLimiter(UNLIMITED_QPS) if unlimited else None
    return DigitalHumanClient(
        app_id,
        secret,
        emu.base_url,
        retry=retry,
        rate_limiter=limiter,
        trusted_ca=emu.trusted_ca,
    )


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A running emulator of the demo catalog (its own copy), limited to 10 requests/second."""
    with Emulator() as emu:
        yield emu


@pytest.fixture
def fast_emulator() -> Iterator[Emulator]:
    """Like `emulator`, but without a rate limit, for tests that are not about it."""
    with Emulator(qps=UNLIMITED_QPS) as emu:
        yield emu


@pytest.fixture
def small_emulator() -> Iterator[Emulator]:
    """A running emulator of the seven-human fixture catalog, limited to 10 requests/second."""
    with Emulator(fixture_catalog()) as emu:
        yield emu


@pytest.fixture
def fast_small_emulator() -> Iterator[Emulator]:
    """Like `small_emulator`, but without a rate limit."""
    with Emulator(fixture_catalog(), qps=UNLIMITED_QPS) as emu:
        yield emu


@pytest.fixture
def tls_small_emulator() -> Iterator[Emulator]:
    """`fast_small_emulator` over HTTPS: a certificate for 127.0.0.1 from a CA made now."""
    with Emulator(
        fixture_catalog(), qps=UNLIMITED_QPS, tls=EmulatorTls.from_test_ca("127.0.0.1")
    ) as emu:
        yield emu
