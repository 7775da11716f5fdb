"""The length of an MP4 preview, read from its `moov/mvhd` box without decoding anything.

The details panel labels each action chip with its preview's duration as soon as the file
is in the preview cache, without asking QtMultimedia to open it. The file came from a
server, so the walk is bounded: a fixed number of boxes, sizes checked against the file,
and any box that does not add up ends the search with "unknown" rather than a guess.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

#: Boxes looked at, at each level, before giving up (real files have a handful).
MAX_BOXES = 64
#: A preview is a few seconds; a header claiming more than this is not believed.
MAX_DURATION_MS = 60 * 60 * 1000
_HEADER = struct.Struct(">I4s")


def preview_duration_ms(path: Path) -> int | None:
    """The duration `path`'s movie header declares, in milliseconds; None when the file has
    no readable, plausible one (not an MP4, cut short, fragmented without a duration)."""
    try:
        with path.open("rb") as file:
            size = path.stat().st_size
            moov = _find_box(file, 0, size, b"moov")
            if moov is None:
                return None
            mvhd = _find_box(file, moov[0], moov[1], b"mvhd")
            if mvhd is None:
                return None
            file.seek(mvhd[0])
            return _mvhd_duration(file.read(min(mvhd[1] - mvhd[0], 128)))
    except OSError:
        return None


def _find_box(file: BinaryIO, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    """(content start, end) of the first `kind` box between `start` and `end`."""
    position = start
    for _ in range(MAX_BOXES):
        if position + _HEADER.size > end:
            return None
        file.seek(position)
        header = file.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return None
        size, found = _HEADER.unpack(header)
        content = position + _HEADER.size
        if size == 1:  # a 64-bit size follows the type
            large = file.read(8)
            if len(large) < 8:
                return None
            size = struct.unpack(">Q", large)[0]
            content += 8
        elif size == 0:  # the box runs to the end of its parent
            size = end - position
        if size < content - position or position + size > end:
            return None
        if found == kind:
            return content, position + size
        position += size
    return None


def _mvhd_duration(body: bytes) -> int | None:
    """The duration in a `mvhd` box's content (version 0: 32-bit fields, 1: 64-bit)."""
    if not body:
        return None
    if body[0] == 0 and len(body) >= 20:
        timescale, duration = struct.unpack_from(">II", body, 12)
        unknown = duration == 0xFFFFFFFF
    elif body[0] == 1 and len(body) >= 32:
        timescale, duration = struct.unpack_from(">IQ", body, 20)
        unknown = duration == 0xFFFFFFFFFFFFFFFF
    else:
        return None
    if timescale == 0 or duration == 0 or unknown:
        return None
    milliseconds = duration * 1000 // timescale
    return milliseconds if 0 < milliseconds <= MAX_DURATION_MS else None
