"""Downloading portraits and previews: signed URLs that expire, from hosts we only half trust.

The thumbnail and preview workers and `dhbrowser --check` share this. Every URL and every
redirect hop passes the one URL policy (urls.check_media_url) before it is contacted; it caps
the size, tells an expired URL (403, 404, 410: fetch a fresh one through
GetDigitalHumanInfo) apart from other failures, and stops reading when cancelled.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, contextmanager
from functools import partial
from typing import TYPE_CHECKING, BinaryIO, TypeVar
from urllib.parse import urljoin

import httpx

from dhbrowser.api.errors import Cancelled, HttpStatusError, NetworkError, ProtocolError
from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.transport import AbortableNetwork, SharedClient, http_client, is_tls_failure
from dhbrowser.api.urls import check_media_url
from dhbrowser.i18n import _

if TYPE_CHECKING:  # the client imports this module's neighbours; only the type is needed
    from dhbrowser.api.client import DigitalHumanClient

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 20 * 1024 * 1024
EXPIRED_STATUSES = frozenset({403, 404, 410})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Signed media links redirect once or twice (a CDN's edge); more is a loop.
MAX_REDIRECTS = 5

T = TypeVar("T")


class MediaExpired(HttpStatusError):
    """The signed URL is no longer accepted; a fresh one comes from GetDigitalHumanInfo."""

    @property
    def hint(self) -> str:
        return f"The media link has expired ({self}); dhbrowser asks for a fresh one."


class MediaFetcher:
    """A connection pool for media downloads, cancellable from another thread.

    Redirects are followed here, not by httpx: each hop passes the URL policy before it is
    contacted, and there are at most MAX_REDIRECTS of them.
    """

    def __init__(
        self,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
        trusted_ca: str | None = None,
    ) -> None:
        self._http = SharedClient(
            partial(
                _media_client,
                timeout=httpx.Timeout(timeout, connect=5.0),
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

    def fetch(self, url: str, max_bytes: int = MAX_IMAGE_BYTES, whose: str = "media link") -> bytes:
        """The whole body of `url`, or a DhError that says why not."""
        return b"".join(self.chunks(url, max_bytes, whose))

    def download(
        self,
        url: str,
        file: BinaryIO,
        max_bytes: int,
        whose: str = "media link",
        cancel: threading.Event | None = None,
    ) -> int:
        """Write the body of `url` to `file` as it arrives; the number of bytes written."""
        size = 0
        with closing(self.chunks(url, max_bytes, whose, cancel)) as chunks:
            for chunk in chunks:
                file.write(chunk)
                size += len(chunk)
        return size

    def chunks(
        self, url: str, max_bytes: int, whose: str, cancel: threading.Event | None = None
    ) -> Generator[bytes, None, None]:
        """The body of `url` piece by piece, at most `max_bytes` in all.

        `whose` names the link in messages ("portrait link of Anna"). `cancel`, when set,
        stops this download only; `cancel()` stops every download of the fetcher.
        """
        cancelled = cancel or threading.Event()
        if self._cancel.is_set() or cancelled.is_set():
            raise Cancelled("download cancelled")
        try:
            with self._http.use() as http, _final_response(http, url, whose) as response:
                if response.status_code in EXPIRED_STATUSES:
                    raise MediaExpired(response.status_code, "the link was refused")
                if response.status_code != 200:
                    raise HttpStatusError(response.status_code, "download failed")
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ProtocolError(
                        _("the file is too large ({size} bytes)").format(size=int(declared)),
                        status=200,
                    )
                size = 0
                for chunk in response.iter_bytes():
                    if self._cancel.is_set() or cancelled.is_set():
                        raise Cancelled("download cancelled")
                    size += len(chunk)
                    if size > max_bytes:
                        raise ProtocolError(
                            _("the file is larger than {size} bytes").format(size=max_bytes),
                            status=200,
                        )
                    yield chunk
        except httpx.TimeoutException as exc:
            raise NetworkError(
                _("the download timed out ({kind})").format(kind=type(exc).__name__), timeout=True
            ) from None
        except httpx.ConnectError as exc:
            raise NetworkError(
                _("the download failed: {kind}: {problem}").format(
                    kind=type(exc).__name__, problem=exc
                ),
                tls=is_tls_failure(exc),
            ) from None
        except httpx.HTTPError as exc:
            raise NetworkError(
                _("the download failed: {kind}: {problem}").format(
                    kind=type(exc).__name__, problem=exc
                )
            ) from None


class _Redirect(Exception):
    """A redirect answer, raised before httpx parses its Location (it may be anything)."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url)
        self.url = url
        self.status = status


def _stop_at_redirects(response: httpx.Response) -> None:
    """httpx's response hook: hand a redirect's target to `_final_response` unparsed."""
    if response.status_code in REDIRECT_STATUSES:
        location = response.headers.get("Location", "")
        raise _Redirect(
            urljoin(str(response.url), location) if location else "", response.status_code
        )


def _media_client(
    timeout: httpx.Timeout,
    transport: httpx.BaseTransport | None,
    network: AbortableNetwork | None = None,
    trusted_ca: str | None = None,
) -> httpx.Client:
    http = http_client(
        timeout=timeout,
        follow_redirects=False,
        transport=transport,
        network=network,
        trusted_ca=trusted_ca,
    )
    http.event_hooks = {"response": [_stop_at_redirects]}
    return http


@contextmanager
def _final_response(http: httpx.Client, url: str, whose: str) -> Iterator[httpx.Response]:
    """The streamed answer at the end of at most MAX_REDIRECTS redirects, each hop checked first."""
    for hop in range(MAX_REDIRECTS + 1):
        check_media_url(url, whose, redirected=hop > 0)
        try:
            request = http.build_request("GET", url)
        except httpx.InvalidURL as error:
            raise ProtocolError(
                _("the {whose} is not a valid address ({problem})").format(
                    whose=whose, problem=error
                )
            ) from None
        try:
            response = http.send(request, stream=True)
        except _Redirect as redirect:
            if not redirect.url:
                raise ProtocolError(
                    _("the {whose} redirects without saying where to").format(whose=whose),
                    status=redirect.status,
                ) from None
            url = redirect.url
            continue
        try:
            yield response
        finally:
            response.close()
        return
    raise ProtocolError(
        _("the {whose} redirects more than {count} times").format(whose=whose, count=MAX_REDIRECTS)
    )


def fetch_renewing(
    fetcher: MediaFetcher,
    client: DigitalHumanClient,
    human: DigitalHuman,
    url_of: Callable[[DigitalHuman], str],
    max_bytes: int = MAX_IMAGE_BYTES,
    what: str = "portrait",
) -> tuple[bytes, DigitalHuman | None]:
    """Fetch `url_of(human)`; if its signature expired, renew it once through GetDigitalHumanInfo.

    Returns the body and, when a renewal was needed, the fresh human (callers keep its
    new URLs). A link refused again after renewing raises MediaExpired. `what` names the
    media in messages ("portrait", "preview idle_action").
    """
    whose = f"{what} link of {human.name}"
    return renewing(client, human, url_of, lambda url: fetcher.fetch(url, max_bytes, whose))


def renewing(
    client: DigitalHumanClient,
    human: DigitalHuman,
    url_of: Callable[[DigitalHuman], str],
    get: Callable[[str], T],
) -> tuple[T, DigitalHuman | None]:
    """`get(url_of(human))`, asked once more with a fresh URL if the first one had expired."""
    try:
        return get(url_of(human)), None
    except MediaExpired:
        log.info("media link of %s expired; asking for a fresh one", human.id)
    fresh = client.get_info(human.id)
    url = url_of(fresh)
    if not url:
        raise MediaExpired(404, "the renewed record has no such media")
    return get(url), fresh
