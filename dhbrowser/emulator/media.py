"""Signed, expiring media URLs and HTTP byte ranges, as a CDN in front of ZEGO's media would do.

A media URL is `{base}/media/<human id>/portrait.jpg?expires=<unix>&sig=<hex>` (previews:
`/media/<human id>/preview/<action>.mp4`; a voice's picture:
`/media/voice/<timbre id>/picture.png`), where sig = HMAC-SHA256 over path and expiry
with a key only this emulator knows. Each human has its own paths even when synthetic
humans share files, so a client cache keyed by host and path behaves as with the service.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import threading
from pathlib import PurePosixPath
from urllib.parse import parse_qs, quote

_RANGE = re.compile(r"([0-9]*)-([0-9]*)")
_DIGITS = re.compile(r"[0-9]{1,12}")


class RangeNotSatisfiable(Exception):
    """The Range header names bytes the file does not have (answer 416)."""


class MediaSigner:
    """Signs media paths; `revoke_all` changes the key so every URL issued so far is refused."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = secrets.token_bytes(32)

    def signed_query(self, path: str, now: float, ttl: float) -> str:
        """The query string that makes `path` fetchable for at least `ttl` seconds from `now`."""
        expires = math.ceil(now + ttl)
        return f"expires={expires}&sig={self._sign(path, expires)}"

    def refusal(self, path: str, query: str, now: float) -> str | None:
        """Why a request for `path` with this query is refused, or None if it is allowed."""
        fields = parse_qs(query, keep_blank_values=True)
        expires_values, sigs = fields.get("expires", []), fields.get("sig", [])
        if len(expires_values) != 1 or len(sigs) != 1 or not _DIGITS.fullmatch(expires_values[0]):
            return "missing or malformed signature"
        expires = int(expires_values[0])
        if not hmac.compare_digest(self._sign(path, expires).encode(), sigs[0].encode()):
            return "bad signature"
        if now >= expires:
            return "link expired"
        return None

    def revoke_all(self) -> None:
        with self._lock:
            self._key = secrets.token_bytes(32)

    def _sign(self, path: str, expires: int) -> str:
        with self._lock:
            key = self._key
        message = f"{path}\n{expires}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()


def portrait_path(human_id: str, portrait: str) -> str:
    """The URL path of a human's portrait; the extension is the file's."""
    return f"/media/{quote(human_id, safe='')}/portrait{_suffix(portrait)}"


def preview_path(human_id: str, action: str, preview: str) -> str:
    """The URL path of the preview video of one of a human's actions."""
    return f"/media/{quote(human_id, safe='')}/preview/{quote(action, safe='')}{_suffix(preview)}"


def voice_picture_path(timbre_id: str, picture: str) -> str:
    """The URL path of a voice's picture, beside the humans' paths under /media/."""
    return f"/media/voice/{quote(timbre_id, safe='')}/picture{_suffix(picture)}"


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The (first, last) byte, inclusive, of a single-range request; None to send it all.

    Per RFC 9110 a Range header we do not understand, or one with several ranges, is
    ignored (the whole file is sent with 200); one that is well formed but lies outside
    the file raises RangeNotSatisfiable (416).
    """
    if header is None:
        return None
    unit, _, spec = header.partition("=")
    match = _RANGE.fullmatch(spec.strip())
    if unit.strip().lower() != "bytes" or match is None:
        return None
    first_text, last_text = match.groups()
    if first_text:
        first = int(first_text)
        if last_text and int(last_text) < first:
            return None  # syntactically invalid: ignore it
        if first >= size:
            raise RangeNotSatisfiable
        last = min(int(last_text), size - 1) if last_text else size - 1
        return first, last
    if not last_text:
        return None
    suffix = int(last_text)
    if suffix == 0 or size == 0:
        raise RangeNotSatisfiable
    return max(0, size - suffix), size - 1


def _suffix(path: str) -> str:
    return PurePosixPath(path).suffix.lower()
