"""Downloading portraits: signed URLs that expire, from hosts we only half trust.

The thumbnail workers and `dhbrowser --check` share this. It refuses unsafe schemes, caps
the size, tells an expired URL (403, 404, 410: fetch a fresh one through
GetDigitalHumanInfo) apart from other failures, and stops reading when cancelled.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import httpx

from dhbrowser.api.errors import Cancelled, HttpStatusError, NetworkError, ProtocolError
from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.transport import SharedClient, http_client, is_tls_failure
from dhbrowser.api.urls import check_url

if TYPE_CHECKING:  # the client imports this module's neighbours; only the type is needed
    from dhbrowser.api.client import DigitalHumanClient

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 20 * 1024 * 1024
EXPIRED_STATUSES = frozenset({403, 404, 410})


class MediaExpired(HttpStatusError):
    """The signed URL is no longer accepted; a fresh one comes from GetDigitalHumanInfo."""

    @property
    def hint(self) -> str:
        return f"The media link has expired ({self}); dhbrowser asks for a fresh one."


class MediaFetcher:
    """A connection pool for media downloads, cancellable from another thread."""

    def __init__(
        self,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
        trusted_ca: str | None = None,
    ) -> None:
        self._http = SharedClient(
            partial(
                http_client,
                timeout=httpx.Timeout(timeout, connect=5.0),
                follow_redirects=True,
                transport=transport,
                trusted_ca=trusted_ca,
            )
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
            with self._http.use() as http, http.stream("GET", url) as response:
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
        except httpx.ConnectError as exc:
            raise NetworkError(
                f"the download failed: {type(exc).__name__}: {exc}", tls=is_tls_failure(exc)
            ) from None
        except httpx.HTTPError as exc:
            raise NetworkError(f"the download failed: {type(exc).__name__}: {exc}") from None


def fetch_renewing(
    fetcher: MediaFetcher,
    client: DigitalHumanClient,
    human: DigitalHuman,
    url_of: Callable[[DigitalHuman], str],
    max_bytes: int = MAX_IMAGE_BYTES,
) -> tuple[bytes, DigitalHuman | None]:
    """Fetch `url_of(human)`; if its signature expired, renew it once through GetDigitalHumanInfo.

    Returns the body and, when a renewal was needed, the fresh human (callers keep its
    new URLs). A link refused again after renewing raises MediaExpired.
    """
    try:
        return fetcher.fetch(url_of(human), max_bytes), None
    except MediaExpired:
        log.info("media link of %s expired; asking for a fresh one", human.id)
    fresh = client.get_info(human.id)
    url = url_of(fresh)
    if not url:
        raise MediaExpired(404, "the renewed record has no such media")
    return fetcher.fetch(url, max_bytes), fresh
