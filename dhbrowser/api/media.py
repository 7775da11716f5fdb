"""Downloading portraits: signed URLs that expire, from hosts we only half trust.

The thumbnail workers and `dhbrowser --check` share this. It refuses unsafe schemes, caps
the size, tells an expired URL (403, 404, 410: fetch a fresh one through
GetDigitalHumanInfo) apart from other failures, and stops reading when cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx

from dhbrowser.api.errors import Cancelled, HttpStatusError, NetworkError, ProtocolError
from dhbrowser.api.transport import http_client
from dhbrowser.api.urls import check_url

MAX_IMAGE_BYTES = 20 * 1024 * 1024
EXPIRED_STATUSES = frozenset({403, 404, 410})


class MediaExpired(HttpStatusError):
    """The signed URL is no longer accepted; a fresh one comes from GetDigitalHumanInfo."""

    @property
    def hint(self) -> str:
        return f"The media link has expired ({self}); dhbrowser asks for a fresh one."


class MediaFetcher:
    """A connection pool for media downloads, cancellable from another thread."""

    def __init__(self, timeout: float = 15.0, transport: httpx.BaseTransport | None = None) -> None:
        self._http = http_client(
            timeout=httpx.Timeout(timeout, connect=5.0), follow_redirects=True, transport=transport
        )
        self._cancel = threading.Event()

    def close(self) -> None:
        self._cancel.set()
        self._http.close()

    def cancel(self) -> None:
        self._cancel.set()

    def fetch(self, url: str, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
        """The whole body of `url`, or a DhError that says why not."""
        check_url(url, "media URL")
        if self._cancel.is_set():
            raise Cancelled("download cancelled")
        try:
            with self._http.stream("GET", url) as response:
                if response.status_code in EXPIRED_STATUSES:
                    raise MediaExpired(response.status_code, "the link was refused")
                if response.status_code != 200:
                    raise HttpStatusError(response.status_code, "download failed")
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ProtocolError(
                        f"the file is too large ({int(declared)} bytes)", status=200
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    if self._cancel.is_set():
                        raise Cancelled("download cancelled")
                    size += len(chunk)
                    if size > max_bytes:
                        raise ProtocolError(
                            f"the file is larger than {max_bytes} bytes", status=200
                        )
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise NetworkError(
                f"the download timed out ({type(exc).__name__})", timeout=True
            ) from None
        except httpx.HTTPError as exc:
            raise NetworkError(f"the download failed: {type(exc).__name__}: {exc}") from None


def fetch_fresh(
    fetcher: MediaFetcher,
    url: str,
    refresh: Callable[[], str],
    max_bytes: int = MAX_IMAGE_BYTES,
) -> tuple[bytes, str | None]:
    """Fetch `url`; if its signature expired, get a fresh URL from `refresh()` and try once more.

    Returns the body and the fresh URL if one was needed (callers update their records).
    """
    try:
        return fetcher.fetch(url, max_bytes), None
    except MediaExpired:
        fresh = refresh()
        if not fresh:
            raise
        return fetcher.fetch(fresh, max_bytes), fresh
