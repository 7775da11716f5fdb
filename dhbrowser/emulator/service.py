"""The Digital Human API as the emulator answers it, independent of the HTTP plumbing.

`Service.api` takes the query string and body of a `POST /` and returns an `Answer`;
`Service.media` does the same for a media URL. The HTTP server only moves bytes.
"""

from __future__ import annotations

import hmac
import json
import re
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, unquote

from dhbrowser.api.errors import ReturnCode
from dhbrowser.api.models import ActionClip, DigitalHuman, FetchMode, Timbre
from dhbrowser.api.paging import MAX_LIMIT, MAX_OFFSET
from dhbrowser.api.signing import SIGNATURE_VERSION, signature
from dhbrowser.emulator.catalog import Catalog, HumanRecord, TimbreRecord, media_type
from dhbrowser.emulator.faults import Faults
from dhbrowser.emulator.media import (
    MediaSigner,
    RangeNotSatisfiable,
    byte_range,
    portrait_path,
    preview_path,
    voice_picture_path,
)
from dhbrowser.emulator.stats import Stats

#: How far a request's Timestamp may be from the server's clock, either way (zego-api.md).
SIGNATURE_WINDOW_SECONDS = 600
#: Real API bodies are a few dozen bytes; a larger one is not read at all.
MAX_BODY_BYTES = 64 * 1024
#: How many accepted request times per app `accepted_times` remembers.
ACCEPTED_HISTORY = 100_000
GARBAGE_BYTES = 256

_UINT32 = re.compile(r"[0-9]{1,10}")
_INT64 = re.compile(r"-?[0-9]{1,19}")

_MESSAGES: dict[int, str] = {
    ReturnCode.APP_ID_MALFORMED: "AppId is missing or malformed",
    ReturnCode.TIMESTAMP_MISSING: "Timestamp is missing",
    ReturnCode.TIMESTAMP_MALFORMED: "Timestamp is malformed",
    ReturnCode.SIGNATURE_EXPIRED: "signature expired",
    ReturnCode.SIGNATURE_ERROR: "signature error",
    ReturnCode.ACTION_MISSING: "Action is missing",
    ReturnCode.ACTION_NOT_SUPPORTED: "Action is not supported",
    ReturnCode.NONCE_MISSING: "SignatureNonce is missing",
    ReturnCode.SIGNATURE_MISSING: "Signature is missing",
    ReturnCode.SECRET_NOT_FOUND: "ServerSecret not found for this AppId",
    ReturnCode.BODY_UNREADABLE: "request body could not be read",
    ReturnCode.SIGNATURE_VERSION_MISSING: "SignatureVersion is missing",
    ReturnCode.SIGNATURE_VERSION_UNSUPPORTED: "SignatureVersion is not supported",
    ReturnCode.SERVICE_NOT_ENABLED: "Digital Human API service is not enabled for this app",
    ReturnCode.HUMAN_NOT_FOUND: "digital human not found",
    ReturnCode.RATE_LIMITED: "API call frequency limit exceeded",
}

_HTML_PAGES = {
    500: "500 Internal Server Error",
    502: "502 Bad Gateway",
}


@dataclass(frozen=True, slots=True)
class Answer:
    """One HTTP answer. The server waits `delay` seconds before sending it and, if
    `trickle_seconds` > 0, sends the body in small pieces spread over that long."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    trickle_seconds: float = 0.0


class InvalidParameter(Exception):
    """A body field is missing, mistyped or out of range (code 400000001; the text names it)."""


@dataclass(frozen=True, slots=True)
class _App:
    secret: str
    service_enabled: bool


class SlidingWindowLimiter:
    """ZEGO's limit as the emulator enforces it: per app and Action, refuse a request when
    `qps` requests were already accepted in the last `window` seconds (monotonic clock)."""

    def __init__(self, qps: int, window: float = 1.0) -> None:
        if qps < 1:
            raise ValueError("qps must be at least 1")
        self.qps = qps
        self.window = window
        self._lock = threading.Lock()
        self._recent: defaultdict[tuple[int, str], deque[float]] = defaultdict(deque)
        self._accepted: defaultdict[int, deque[float]] = defaultdict(
            lambda: deque(maxlen=ACCEPTED_HISTORY)
        )

    def admit(self, app_id: int, action: str, now: float) -> bool:
        with self._lock:
            recent = self._recent[(app_id, action)]
            while recent and recent[0] <= now - self.window:
                recent.popleft()
            if len(recent) >= self.qps:
                return False
            recent.append(now)
            self._accepted[app_id].append(now)
            return True

    def accepted_times(self, app_id: int) -> list[float]:
        with self._lock:
            return list(self._accepted.get(app_id, ()))


class Service:
    """The emulated gateway, API and media host. Attributes may be changed while serving."""

    def __init__(self, catalog: Catalog, faults: Faults, qps: int, media_ttl: float) -> None:
        if media_ttl <= 0:
            raise ValueError("media_ttl must be positive")
        self.catalog = catalog
        self.faults = faults
        self.media_ttl = media_ttl
        self.clock_skew = 0.0
        self.base_url = ""
        self.stats = Stats()
        self.signer = MediaSigner()
        self.limiter = SlidingWindowLimiter(qps)
        self._apps: dict[int, _App] = {}
        self._apps_lock = threading.Lock()
        # The Actions the emulator implements: what a browser needs, nothing more.
        self._handlers: dict[str, Callable[[Mapping[str, Any]], Answer]] = {
            "GetDigitalHumanList": self._get_list,
            "GetDigitalHumanInfo": self._get_info,
            "GetTimbreList": self._get_timbres,
        }

    def now(self) -> float:
        """The server's wall clock: this machine's, shifted by `clock_skew`."""
        return time.time() + self.clock_skew

    def add_app(self, app_id: int, secret: str, *, service_enabled: bool = True) -> None:
        if isinstance(app_id, bool) or not 0 <= app_id < 2**32:
            raise ValueError("an AppId is a uint32")
        if not secret:
            raise ValueError("an app needs a ServerSecret")
        with self._apps_lock:
            self._apps[app_id] = _App(secret, service_enabled)

    # -- the API ---------------------------------------------------------------------------

    def api(self, query: str, body: bytes | None) -> Answer:
        """Answer a `POST /`; `body` is None when it could not be read off the connection.

        Faults that stand in for the infrastructure in front of the service (an HTML error
        page, a rate-limit answer) replace the answer outright; faults of the transfer
        (truncated, garbage, slow) mangle the answer the request really earned.
        """
        fields = parse_qs(query, keep_blank_values=True)
        params = {name: values[0] for name, values in fields.items()}
        action = params.get("Action", "")
        label = action if action in self._handlers else "(unsupported)" if action else "(none)"
        self.stats.add("requests", f"requests:{label}")
        fault = self.faults.draw()
        delay = self.faults.answer_delay()
        if fault is not None:
            self.stats.add(f"faults:{fault}")
        if fault == "http500":
            return replace(_html_page(500), delay=delay)
        if fault == "http502":
            return replace(_html_page(502), delay=delay)
        if fault == "rate_limited":
            return replace(self._error(ReturnCode.RATE_LIMITED), delay=delay)
        answer = replace(self._dispatch(params, body), delay=delay)
        if fault == "truncated":
            return replace(answer, body=answer.body[: len(answer.body) // 2])
        if fault == "garbage":
            # 0xFF never occurs in UTF-8, so this can never parse as JSON by accident.
            return replace(answer, body=b"\xff" + self.faults.random_bytes(GARBAGE_BYTES))
        if fault == "slow_body":
            return replace(answer, trickle_seconds=self.faults.slow_body_seconds)
        return answer

    def method_not_allowed(self) -> Answer:
        """Anything but POST on the API path: HTTP 405 with a JSON answer a client can read.

        The documentation only says the API is called with POST; 405 (with Allow: POST)
        tells a person with curl what is wrong, and the JSON keeps API clients parsing.
        """
        answer = self._error(ReturnCode.BODY_UNREADABLE, "the API takes POST with a JSON body")
        return replace(answer, status=405, headers=(("Allow", "POST"),))

    def _dispatch(self, params: Mapping[str, str], body: bytes | None) -> Answer:
        """The gateway's checks, then the Action.

        The documentation gives the codes but not the order they are checked in. The order
        chosen is the order a gateway can check things in: what names the operation, then
        who is asking (AppId, whose secret is needed to check anything else), then the
        presence and form of each signing input, then freshness (cheap) before the MD5
        comparison, then whether the app may use this Action, then the body, and only then
        the rate limit, so that rejected requests do not use up an app's quota.
        An empty parameter counts as a missing one.
        """
        action = params.get("Action", "")
        if not action:
            return self._error(ReturnCode.ACTION_MISSING)
        app_text = params.get("AppId", "")
        if not _UINT32.fullmatch(app_text) or int(app_text) >= 2**32:
            return self._error(ReturnCode.APP_ID_MALFORMED)
        app_id = int(app_text)
        with self._apps_lock:
            app = self._apps.get(app_id)
        if app is None:
            return self._error(ReturnCode.SECRET_NOT_FOUND)
        nonce = params.get("SignatureNonce", "")
        if not nonce:
            return self._error(ReturnCode.NONCE_MISSING)
        timestamp_text = params.get("Timestamp", "")
        if not timestamp_text:
            return self._error(ReturnCode.TIMESTAMP_MISSING)
        if not _INT64.fullmatch(timestamp_text) or not -(2**63) <= int(timestamp_text) < 2**63:
            return self._error(ReturnCode.TIMESTAMP_MALFORMED)
        timestamp = int(timestamp_text)
        version = params.get("SignatureVersion", "")
        if not version:
            return self._error(ReturnCode.SIGNATURE_VERSION_MISSING)
        if version != SIGNATURE_VERSION:
            return self._error(ReturnCode.SIGNATURE_VERSION_UNSUPPORTED)
        given = params.get("Signature", "")
        if not given:
            return self._error(ReturnCode.SIGNATURE_MISSING)
        if abs(timestamp - self.now()) > SIGNATURE_WINDOW_SECONDS:
            return self._error(ReturnCode.SIGNATURE_EXPIRED)
        # Exact match: the signature is defined as lower-case hex, and an emulator that
        # accepted upper case would hide a client bug the real service might not forgive.
        expected = signature(app_id, nonce, app.secret, timestamp)
        if not hmac.compare_digest(expected.encode(), given.encode()):
            return self._error(ReturnCode.SIGNATURE_ERROR)
        handler = self._handlers.get(action)
        if handler is None:
            return self._error(ReturnCode.ACTION_NOT_SUPPORTED)
        if not app.service_enabled:
            return self._error(ReturnCode.SERVICE_NOT_ENABLED)
        request = _json_object(body)
        if request is None:
            return self._error(ReturnCode.BODY_UNREADABLE)
        if not self.limiter.admit(app_id, action, time.monotonic()):
            self.stats.add("rejected_rate_limit")
            return self._error(ReturnCode.RATE_LIMITED)
        try:
            return handler(request)
        except InvalidParameter as exc:
            return self._error(ReturnCode.INVALID_PARAMETER, str(exc))

    def _get_list(self, request: Mapping[str, Any]) -> Answer:
        fetch_mode = _integer(request, "FetchMode", 1, 1, 3, "FetchMode must be 1, 2 or 3")
        offset = _integer(request, "Offset", 0, 0, MAX_OFFSET)
        limit = _integer(request, "Limit", MAX_LIMIT, 1, MAX_LIMIT)
        total, humans = self.catalog.page(FetchMode(fetch_mode), offset, limit)
        now = self.now()
        page = [self._human_json(human, now) for human in humans]
        return self._success({"Total": total, "DigitalHumans": page})

    def _get_info(self, request: Mapping[str, Any]) -> Answer:
        human_id = request.get("DigitalHumanId")
        if not isinstance(human_id, str) or not human_id:
            raise InvalidParameter("DigitalHumanId is required and must be a non-empty string")
        human = self.catalog.get(human_id)
        if human is None:
            return self._error(ReturnCode.HUMAN_NOT_FOUND)
        return self._success(self._human_json(human, self.now()))

    def _get_timbres(self, request: Mapping[str, Any]) -> Answer:
        """The public voices, or those bound to `DigitalHumanId`.

        The documentation does not say what an unknown DigitalHumanId earns; the emulator
        answers 400000003, as GetDigitalHumanInfo does, rather than an empty list that would
        look like a human without voices. A JSON null or "" id means the public voices.
        """
        human_id = request.get("DigitalHumanId")
        if human_id is None:
            human_id = ""
        if not isinstance(human_id, str):
            raise InvalidParameter("DigitalHumanId must be a string")
        offset = _integer(request, "Offset", 0, 0, MAX_OFFSET)
        limit = _integer(request, "Limit", MAX_LIMIT, 1, MAX_LIMIT)
        found = self.catalog.timbre_page(human_id, offset, limit)
        if found is None:
            return self._error(ReturnCode.HUMAN_NOT_FOUND)
        total, timbres = found
        now = self.now()
        page = [self._timbre_json(timbre, now) for timbre in timbres]
        return self._success({"Total": total, "Timbres": page})

    def _timbre_json(self, timbre: TimbreRecord, now: float) -> dict[str, str]:
        picture = self._media_url(voice_picture_path(timbre.id, timbre.picture), now)
        return Timbre(timbre.id, timbre.name, picture).to_json()

    def _human_json(self, human: HumanRecord, now: float) -> dict[str, Any]:
        """The wire form, through the client's own model so both sides agree on field names."""
        actions = tuple(
            ActionClip(
                action.action,
                self._media_url(preview_path(human.id, action.action, action.preview), now)
                if action.preview
                else "",
            )
            for action in human.actions
        )
        avatar = self._media_url(portrait_path(human.id, human.portrait), now)
        return DigitalHuman(human.id, human.name, avatar, human.public, actions).to_json()

    def _media_url(self, path: str, now: float) -> str:
        return f"{self.base_url}{path}?{self.signer.signed_query(path, now, self.media_ttl)}"

    def _success(self, data: dict[str, Any]) -> Answer:
        return _json_answer(ReturnCode.SUCCESS, "success", data)

    def _error(self, code: ReturnCode, message: str | None = None) -> Answer:
        self.stats.add("api_errors")
        return _json_answer(code, message or _MESSAGES[code])

    # -- media ---------------------------------------------------------------------------

    def media(self, path: str, query: str, range_header: str | None) -> Answer:
        """Answer a GET (or HEAD) of a media URL: 404 unknown, 403 refused, 416, 206 or 200."""
        self.stats.add("media_requests")
        delay = self.faults.media_latency
        found = self._media_file(path)
        if found is None:
            self.stats.add("media_404")
            return Answer(404, "text/plain", b"404 Not Found\n", delay=delay)
        refusal = self.signer.refusal(path, query, self.now())
        if refusal is not None:
            self.stats.add("media_403")
            return Answer(403, "text/plain", f"403 Forbidden: {refusal}\n".encode(), delay=delay)
        data, content_type = found
        size = len(data)
        try:
            span = byte_range(range_header, size)
        except RangeNotSatisfiable:
            self.stats.add("media_416")
            headers = (("Content-Range", f"bytes */{size}"), ("Accept-Ranges", "bytes"))
            body = b"416 Range Not Satisfiable\n"
            return Answer(416, "text/plain", body, headers, delay=delay)
        if span is None:
            return Answer(200, content_type, data, (("Accept-Ranges", "bytes"),), delay=delay)
        first, last = span
        headers = (("Accept-Ranges", "bytes"), ("Content-Range", f"bytes {first}-{last}/{size}"))
        return Answer(206, content_type, data[first : last + 1], headers, delay=delay)

    def _media_file(self, path: str) -> tuple[bytes, str] | None:
        """The bytes and type behind a media URL path, if it names a current human's file
        or a voice's picture."""
        parts = path.split("/")
        if len(parts) not in (4, 5) or parts[:2] != ["", "media"]:
            return None
        timbre = self.catalog.get_timbre(unquote(parts[3])) if len(parts) == 5 else None
        if timbre is not None and voice_picture_path(timbre.id, timbre.picture) == path:
            data = self.catalog.media(timbre.picture)
            return None if data is None else (data, media_type(timbre.picture))
        human = self.catalog.get(unquote(parts[2]))
        if human is None:
            return None
        candidates = [(portrait_path(human.id, human.portrait), human.portrait)]
        candidates += [
            (preview_path(human.id, action.action, action.preview), action.preview)
            for action in human.actions
            if action.preview
        ]
        for url_path, file_path in candidates:
            if url_path == path:  # before reading: the catalog reads media on first request
                data = self.catalog.media(file_path)
                if data is not None:
                    return data, media_type(file_path)
        return None


def _integer(
    request: Mapping[str, Any],
    name: str,
    default: int,
    low: int,
    high: int,
    message: str | None = None,
) -> int:
    """A body field that must be an integer in low..high.

    JSON `null` counts as absent (what a Go service decoding into a pointer does). A JSON
    number with a fraction or exponent (20.0, 2e1) is refused, as Go refuses it for an
    integer field, and so is a boolean.
    """
    value = request.get(name)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidParameter(message or f"{name} must be an integer in {low}..{high}")
    return value


def _json_object(body: bytes | None) -> Mapping[str, Any] | None:
    """The body as a JSON object; an empty body is an empty object (every field is optional
    for GetDigitalHumanList); None when it is unreadable, not JSON or not an object."""
    if body is None:
        return None
    if not body.strip():
        return {}
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def _json_answer(code: ReturnCode, message: str, data: dict[str, Any] | None = None) -> Answer:
    """The common response; `Data` only on success ("Data may be absent" on failure)."""
    document: dict[str, Any] = {
        "Code": int(code),
        "Message": message,
        "RequestId": str(uuid.uuid4()),
    }
    if data is not None:
        document["Data"] = data
    return Answer(200, "application/json", json.dumps(document, ensure_ascii=False).encode())


def _html_page(status: int) -> Answer:
    """An error page like nginx's: what a client sees when the proxy, not the API, answers."""
    title = _HTML_PAGES[status]
    page = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    )
    return Answer(status, "text/html", page.encode())
