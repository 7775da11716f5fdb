"""The preview length read from an MP4's movie header, on real and on damaged files."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from dhbrowser.core.mp4 import MAX_BOXES, preview_duration_ms
from dhbrowser.resources import resource_path
from tests.hostile_media import NOT_A_VIDEO


def box(kind: bytes, content: bytes) -> bytes:
    return struct.pack(">I", 8 + len(content)) + kind + content


def mvhd(version: int, timescale: int, duration: int) -> bytes:
    if version == 0:
        fields = struct.pack(">IIII", 0, 0, timescale, duration)
    else:
        fields = struct.pack(">QQIQ", 0, 0, timescale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + fields + bytes(80))


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "preview.mp4"
    path.write_bytes(data)
    return path


FTYP = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2")


def test_the_demo_previews_are_three_seconds_long() -> None:
    """tools/generate_catalog.py renders each preview as 3 s of video."""
    previews = sorted(resource_path("catalog", "previews").glob("*.mp4"))
    assert previews
    assert {preview_duration_ms(path) for path in previews} == {3000}


@pytest.mark.parametrize("version", [0, 1])
def test_both_header_versions_are_read(tmp_path: Path, version: int) -> None:
    data = (
        FTYP + box(b"free", bytes(16)) + box(b"moov", box(b"trak", b"") + mvhd(version, 600, 1500))
    )

    assert preview_duration_ms(write(tmp_path, data)) == 2500


def test_a_64_bit_box_size_is_followed(tmp_path: Path) -> None:
    content = bytes(32)
    large = struct.pack(">I4sQ", 1, b"mdat", 16 + len(content)) + content
    data = FTYP + large + box(b"moov", mvhd(0, 1000, 4200))

    assert preview_duration_ms(write(tmp_path, data)) == 4200


@pytest.mark.parametrize(
    "data",
    [
        b"",
        NOT_A_VIDEO,
        FTYP,  # no movie header at all
        FTYP + box(b"moov", mvhd(0, 0, 1000)),  # no time scale
        FTYP + box(b"moov", mvhd(0, 1000, 0)),  # no duration (a fragmented file's)
        FTYP + box(b"moov", mvhd(0, 1000, 0xFFFFFFFF)),  # "unknown"
        FTYP + box(b"moov", mvhd(1, 1, 10**9)),  # eleven days: not a preview
        FTYP + box(b"moov", mvhd(0, 1000, 3000))[:-60],  # cut short
        FTYP + struct.pack(">I4s", 10**6, b"moov") + mvhd(0, 1000, 3000),  # a size past the end
        FTYP + struct.pack(">I4s", 4, b"moov") + mvhd(0, 1000, 3000),  # a size below its header
        FTYP + box(b"moov", mvhd(7, 1000, 3000)),  # an unknown version
    ],
    ids=[
        "empty",
        "random",
        "no-moov",
        "no-timescale",
        "no-duration",
        "unknown",
        "implausible",
        "truncated",
        "oversized-box",
        "undersized-box",
        "version",
    ],
)
def test_a_header_that_does_not_add_up_gives_no_duration(tmp_path: Path, data: bytes) -> None:
    assert preview_duration_ms(write(tmp_path, data)) is None


def test_the_box_walk_is_bounded(tmp_path: Path) -> None:
    """A movie header after more boxes than any real file has is not searched for."""
    padding = box(b"free", b"") * MAX_BOXES
    path = write(tmp_path, FTYP + padding + box(b"moov", mvhd(0, 1000, 3000)))

    assert preview_duration_ms(path) is None
    assert preview_duration_ms(write(tmp_path, FTYP + box(b"moov", mvhd(0, 1000, 3000)))) == 3000


def test_a_missing_file_gives_no_duration(tmp_path: Path) -> None:
    assert preview_duration_ms(tmp_path / "gone.mp4") is None
