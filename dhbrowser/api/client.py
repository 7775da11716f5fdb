"""The signed HTTP client for GetDigitalHumanList, GetDigitalHumanInfo and GetTimbreList.

Every request is freshly signed, paced by the app's shared rate limiter, bounded by
timeouts, and retried a bounded number of times when the failure is transient (network,
HTTP 5xx/429, the busy and rate-limit codes). Signature, parameter and permission errors
are final: retrying them only burns the app's quota.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from functools import partial
from typing import Any

import httpx

from dhbrowser.api.errors import (
    Cancelled,
    DhError,
    HttpStatusError,
    NetworkError,
    ProtocolError,
    RequestRejected,
    is_transient,
)
from dhbrowser.api.models import (
    DigitalHuman,
    FetchMode,
    Page,
    Timbre,
    TimbrePage,
    decode_envelope,
    parse_human,
    parse_page,
    parse_timbre_page,
)
from dhbrowser.api.paging import MAX_LIMIT, MAX_OFFSET, Pager
from dhbrowser.api.ratelimit import RateLimiter, shared_limiter
from dhbrowser.api.secret import Secret
from dhbrowser.api.signing import common_params, is_app_id
from dhbrowser.api.transport import SharedClient, http_client, is_tls_failure
from dhbrowser.api.urls import DEFAULT_ENDPOINT, normalize_endpoint
from dhbrowser.i18n import N_, _

log = logging.getLogger(__name__)

#: API answers are small JSON documents; anything larger is not one.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class RetryPolicy:
    """Capped exponential backoff with jitter: attempt n waits in [d/2, d], d = min(cap, base * 2**n)."""

    def __init__(self, attempts: int = 4, base: float = 0.25, cap: float = 4.0) -> None:
        self.attempts = attempts
        self.base = base
        self.cap = cap

    def delay(self, retry: int, rng: random.Random) -> float:
        ceiling = min(self.cap, self.base * float(2**retry))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


class DigitalHumanClient:
    """One app's connection to the Digital Human API; safe to share between threads."""

    def __init__(
        self,
        app_id: int,
        server_secret: Secret | str,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        rate_limiter: RateLimiter | None = None,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
        trusted_ca: str | None = None,
    ) -> None:
        if not is_app_id(app_id):
            raise RequestRejected(_("The AppId must be a number between 1 and 4294967295."))
        self.app_id = app_id
        self.endpoint = normalize_endpoint(endpoint)
        self._secret = server_secret if isinstance(server_secret, Secret) else Secret(server_secret)
        self.retry = retry or RetryPolicy()
        self.rate_limiter = rate_limiter or shared_limiter(self.endpoint, app_id)
        self._clock = clock
        self._rng = random.Random()
        self._cancel = threading.Event()
        self._early_pages: dict[tuple[int, int, FetchMode], Future[Page]] = {}
        self._early_lock = threading.Lock()
        if not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout)
        self._http = SharedClient(
            partial(
                http_client,
                timeout=timeout,
                follow_redirects=False,
                transport=transport,
                trusted_ca=trusted_ca,
            )
        )

    def __repr__(self) -> str:
        return f"DigitalHumanClient(app_id={self.app_id}, endpoint={self.endpoint!r})"

    def __enter__(self) -> DigitalHumanClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def cancel(self) -> None:
        """Make waiting and future calls raise Cancelled (from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def close(self) -> None:
        self.cancel()
        self._http.close()

    # -- the API -------------------------------------------------------------------------

    def list_page(
        self, offset: int = 0, limit: int = MAX_LIMIT, fetch_mode: FetchMode = FetchMode.ALL
    ) -> Page:
        """One page of GetDigitalHumanList (the answer to `start_early`'s request, if it sent this one)."""
        with self._early_lock:
            early = self._early_pages.pop((offset, limit, fetch_mode), None)
        if early is not None:
            return early.result()
        return self._list_page(offset, limit, fetch_mode)

    def start_early(
        self, offset: int = 0, limit: int = MAX_LIMIT, fetch_mode: FetchMode = FetchMode.ALL
    ) -> None:
        """Send this list request now, from a thread of its own, before anyone asks for it.

        At start-up it overlaps Qt's own start (the first page is on its way while the
        window is built). The first `list_page` with the same arguments gets its answer or
        its error, waiting for it if need be; later ones ask the server again.
        """
        answer: Future[Page] = Future()
        with self._early_lock:
            self._early_pages[(offset, limit, fetch_mode)] = answer

        def send() -> None:
            try:
                answer.set_result(self._list_page(offset, limit, fetch_mode))
            except BaseException as error:  # handed to whoever asks for the page
                answer.set_exception(error)

        threading.Thread(target=send, name="dhbrowser-early-page", daemon=True).start()

    def _list_page(self, offset: int, limit: int, fetch_mode: FetchMode) -> Page:
        _check_range("Offset", offset, 0, MAX_OFFSET)
        _check_range("Limit", limit, 1, MAX_LIMIT)
        if fetch_mode not in tuple(FetchMode):
            raise RequestRejected(_("FetchMode must be 1 (all), 2 (public) or 3 (private)."))
        body = {"FetchMode": int(fetch_mode), "Offset": offset, "Limit": limit}
        data, request_id = self._call("GetDigitalHumanList", body)
        return parse_page(data, offset, request_id)

    def get_info(self, human_id: str) -> DigitalHuman:
        """GetDigitalHumanInfo: one human, with freshly signed AvatarUrl and PreviewUrls."""
        if not isinstance(human_id, str) or not human_id.strip():
            raise RequestRejected(_("A DigitalHumanId is required."))
        data, request_id = self._call("GetDigitalHumanInfo", {"DigitalHumanId": human_id})
        return parse_human(data, request_id)

    def iter_humans(
        self, fetch_mode: FetchMode = FetchMode.ALL, page_size: int = MAX_LIMIT
    ) -> Iterator[DigitalHuman]:
        """Every human of the query, once each, page by page, even if the list shifts meanwhile."""
        pager: Pager[DigitalHuman] = Pager(page_size)
        while (offset := pager.claim()) is not None:
            yield from pager.accept(self.list_page(offset, page_size, fetch_mode))

    def timbre_page(
        self, offset: int = 0, limit: int = MAX_LIMIT, human_id: str = ""
    ) -> TimbrePage:
        """One page of GetTimbreList: the public timbres, or (with `human_id`) the private
        timbres bound to that human. An empty id is sent as no id, which means public."""
        _check_range("Offset", offset, 0, MAX_OFFSET)
        _check_range("Limit", limit, 1, MAX_LIMIT)
        if not isinstance(human_id, str):
            raise RequestRejected(_("A DigitalHumanId must be text."))
        body: dict[str, Any] = {"Offset": offset, "Limit": limit}
        if human_id.strip():
            body["DigitalHumanId"] = human_id.strip()
        data, request_id = self._call("GetTimbreList", body)
        return parse_timbre_page(data, offset, request_id)

    def iter_timbres(self, human_id: str = "", page_size: int = MAX_LIMIT) -> Iterator[Timbre]:
        """Every timbre of the query, once each, paged and de-duplicated as `iter_humans`."""
        pager: Pager[Timbre] = Pager(page_size)
        while (offset := pager.claim()) is not None:
            yield from pager.accept(self.timbre_page(offset, page_size, human_id))

    # -- transport -------------------------------------------------------------------------

    def _call(self, action: str, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
        retries = 0
        while True:
            try:
                return self._send_once(action, body)
            except DhError as error:
                if (
                    isinstance(error, Cancelled)
                    or not is_transient(error)
                    or retries >= self.retry.attempts
                ):
                    raise
                delay = self.retry.delay(retries, self._rng)
                retries += 1
                log.info(
                    "%s failed (%s); retry %d of %d in %.2f s",
                    action,
                    error,
                    retries,
                    self.retry.attempts,
                    delay,
                )
                if self._cancel.wait(delay):
                    raise Cancelled(f"{action} cancelled") from error

    def _send_once(self, action: str, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
        if self._cancel.is_set():
            raise Cancelled(f"{action} cancelled")
        try:
            with self.rate_limiter.slot(self._cancel):
                params = {
                    "Action": action,
                    **common_params(self.app_id, self._secret.reveal(), clock=self._clock),
                }
                started = time.perf_counter()
                with (
                    self._http.use() as http,
                    http.stream("POST", self.endpoint + "/", params=params, json=body) as response,
                ):
                    payload = self._read_capped(response)
        except httpx.TimeoutException as exc:
            raise NetworkError(
                _("{action} timed out ({kind})").format(action=action, kind=type(exc).__name__),
                timeout=True,
            ) from None
        except httpx.ConnectError as exc:
            raise NetworkError(_connect_detail(exc), tls=is_tls_failure(exc)) from None
        except (httpx.TransportError, httpx.StreamError) as exc:
            raise NetworkError(
                _("the connection failed: {kind}").format(kind=type(exc).__name__)
            ) from None
        try:
            data, request_id = decode_envelope(payload, response.status_code)
        except ProtocolError:
            if response.is_success:
                raise
            # Not an API answer: a proxy's or load balancer's error page (502, 504, 429 ...).
            raise HttpStatusError(response.status_code, response.reason_phrase) from None
        log.debug(
            "%s %s -> HTTP %d in %.0f ms, RequestId %s",
            action,
            body,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            request_id,
        )
        return dict(data), request_id

    def _read_capped(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            if self._cancel.is_set():
                raise Cancelled("cancelled while reading the answer")
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise ProtocolError(
                    _("the answer is too large to be an API answer"), status=response.status_code
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise RequestRejected(
            _("{name} must be an integer from {low} to {high}, not {value}.").format(
                name=name, low=low, high=high, value=repr(value)
            )
        )


#: The operating system's reasons for a failed connection, in glibc's words ("[Errno 111]
#: Connection refused"): shown in the user's language; any other reason as the system gave it.
OS_REASONS = (
    N_("Connection refused"),
    N_("Connection reset by peer"),
    N_("Connection timed out"),
    N_("Network is unreachable"),
    N_("No route to host"),
    N_("Name or service not known"),
    N_("Temporary failure in name resolution"),
)


def _connect_detail(exc: httpx.ConnectError) -> str:
    """The cause of a connection failure without the request URL (which carries the signature)."""
    if is_tls_failure(exc):
        return _("TLS handshake failed: {problem}").format(problem=exc)
    problem = str(exc) or _("refused")
    for reason in OS_REASONS:
        problem = problem.replace(reason, _(reason))
    return _("could not connect: {problem}").format(problem=problem)
