"""What can go wrong talking to the Digital Human API, in words a user can act on.

Every exception here is safe to show: none of them ever carries the ServerSecret.
"""

from __future__ import annotations

from enum import IntEnum

from dhbrowser.api.text import plain_text
from dhbrowser.i18n import N_, _


class ReturnCode(IntEnum):
    """The return codes of ZEGO's gateway and of the Digital Human API (zego-api.md)."""

    SUCCESS = 0
    WRONG_HOST = 100000000
    APP_ID_MALFORMED = 100000001
    TIMESTAMP_MISSING = 100000002
    TIMESTAMP_MALFORMED = 100000003
    SIGNATURE_EXPIRED = 100000004
    SIGNATURE_ERROR = 100000005
    ACTION_MISSING = 100000006
    ACTION_NOT_SUPPORTED = 100000007
    NONCE_MISSING = 100000008
    SIGNATURE_MISSING = 100000009
    SECRET_NOT_FOUND = 100000010
    APP_CONFIG_NOT_FOUND = 100000011
    BODY_UNREADABLE = 100000012
    SIGNATURE_VERSION_MISSING = 100000013
    SIGNATURE_VERSION_UNSUPPORTED = 100000014
    GATEWAY_INTERNAL = 100000015
    SERVICE_NOT_ENABLED_GATEWAY = 100000017
    INVALID_PARAMETER = 400000001
    SERVICE_NOT_ENABLED = 400000002
    HUMAN_NOT_FOUND = 400000003
    TIMBRE_NOT_FOUND = 400000004
    TASK_NOT_FOUND = 400000005
    STREAM_NOT_STARTED = 400000006
    STREAM_STOPPED = 400000007
    STREAM_LIMIT_REACHED = 400000008
    TIMBRE_MISMATCH = 400000009
    HUMAN_CONFIG_ERROR = 400000010
    STREAM_ID_EXISTS = 400000015
    MODEL_VERSION_ERROR = 400000016
    SYSTEM_ERROR = 400010000
    NO_PERMISSION = 400010001
    SYSTEM_BUSY = 400010002
    NO_RESOURCES = 400010007
    RATE_LIMITED = 400010009


_HINTS: dict[int, str] = {
    ReturnCode.WRONG_HOST: N_("The endpoint rejected the Host header: check the endpoint address."),
    ReturnCode.APP_ID_MALFORMED: N_(
        "The AppId is not a valid number: check it in the ZEGOCLOUD console."
    ),
    ReturnCode.TIMESTAMP_MISSING: N_(
        "The request had no Timestamp (a dhbrowser bug: please report it)."
    ),
    ReturnCode.TIMESTAMP_MALFORMED: N_(
        "The request's Timestamp was malformed (a dhbrowser bug: please report it)."
    ),
    ReturnCode.SIGNATURE_EXPIRED: N_(
        "Your computer's clock is off by more than 10 minutes: correct the system time and retry."
    ),
    ReturnCode.SIGNATURE_ERROR: N_(
        "The ServerSecret does not match this AppId: copy it again from the ZEGOCLOUD console."
    ),
    ReturnCode.ACTION_MISSING: N_(
        "The request named no Action (a dhbrowser bug: please report it)."
    ),
    ReturnCode.ACTION_NOT_SUPPORTED: N_(
        "This endpoint does not offer the Digital Human API: check the endpoint address."
    ),
    ReturnCode.NONCE_MISSING: N_(
        "The request had no SignatureNonce (a dhbrowser bug: please report it)."
    ),
    ReturnCode.SIGNATURE_MISSING: N_(
        "The request had no Signature (a dhbrowser bug: please report it)."
    ),
    ReturnCode.SECRET_NOT_FOUND: N_("ZEGOCLOUD does not know this AppId: check the AppId."),
    ReturnCode.APP_CONFIG_NOT_FOUND: N_(
        "ZEGOCLOUD has no configuration for this AppId: check the AppId."
    ),
    ReturnCode.BODY_UNREADABLE: N_(
        "The server could not read the request body: retry; report it if it persists."
    ),
    ReturnCode.SIGNATURE_VERSION_MISSING: N_(
        "The request had no SignatureVersion (a dhbrowser bug: please report it)."
    ),
    ReturnCode.SIGNATURE_VERSION_UNSUPPORTED: N_(
        "The server does not accept signature version 2.0 from this endpoint."
    ),
    ReturnCode.GATEWAY_INTERNAL: N_(
        "ZEGOCLOUD's gateway had an internal error: retry in a moment."
    ),
    ReturnCode.SERVICE_NOT_ENABLED_GATEWAY: N_(
        "This app has not enabled the Digital Human service: enable it in the ZEGOCLOUD console."
    ),
    ReturnCode.INVALID_PARAMETER: N_("The server rejected a request parameter."),
    ReturnCode.SERVICE_NOT_ENABLED: N_(
        "Digital Human API is not enabled for this app: enable it in the ZEGOCLOUD console."
    ),
    ReturnCode.HUMAN_NOT_FOUND: N_("This digital human no longer exists: refresh the list."),
    ReturnCode.TIMBRE_NOT_FOUND: N_(
        "This AppId and endpoint do not know this voice (TimbreId): pick one from the voices "
        "listed for this app (a private voice belongs to one app)."
    ),
    ReturnCode.TASK_NOT_FOUND: N_("This stream task does not exist."),
    ReturnCode.STREAM_NOT_STARTED: N_(
        "The stream task has not started streaming yet: wait until its status is 3 "
        "(streaming), then retry."
    ),
    ReturnCode.STREAM_STOPPED: N_(
        "The stream task has already stopped: create a new one with CreateDigitalHumanStreamTask."
    ),
    ReturnCode.STREAM_LIMIT_REACHED: N_(
        "The app's stream limit is reached: stop a running stream task "
        "(QueryDigitalHumanStreamTasks lists them) or ask ZEGOCLOUD for a higher limit."
    ),
    ReturnCode.TIMBRE_MISMATCH: N_(
        "This human's stream does not support that voice: pick one of the voices listed for "
        "this human (a public human speaks with public voices, a private one with its own)."
    ),
    ReturnCode.HUMAN_CONFIG_ERROR: N_(
        "This digital human is misconfigured on ZEGOCLOUD's side: contact support."
    ),
    ReturnCode.STREAM_ID_EXISTS: N_(
        "A stream with this StreamId already exists in this app: choose another StreamId, "
        "or stop the task that uses it."
    ),
    ReturnCode.MODEL_VERSION_ERROR: N_(
        "This digital human's model version is not supported: contact support."
    ),
    ReturnCode.SYSTEM_ERROR: N_("ZEGOCLOUD reported a system error: retry in a moment."),
    ReturnCode.NO_PERMISSION: N_(
        "This app has no permission to call this API: check the app's services."
    ),
    ReturnCode.SYSTEM_BUSY: N_("ZEGOCLOUD is busy: retry in a moment."),
    ReturnCode.NO_RESOURCES: N_("ZEGOCLOUD has no free resources right now: retry later."),
    # Only what happened: whoever shows it says what is done about it (retrying or not).
    ReturnCode.RATE_LIMITED: N_(
        "ZEGOCLOUD refused the request: too many requests for this app (limit: 10 per second)."
    ),
}

#: Codes worth retrying with backoff: the request was fine, the service was momentarily not.
TRANSIENT_CODES = frozenset(
    {
        ReturnCode.RATE_LIMITED,
        ReturnCode.SYSTEM_BUSY,
        ReturnCode.GATEWAY_INTERNAL,
        ReturnCode.NO_RESOURCES,
    }
)


def hint_for(code: int) -> str:
    """A plain-language sentence that says what a return code means and what to do, in the
    user's language."""
    if code in _HINTS:
        return _(_HINTS[code])
    return _("The service answered with an unknown code {code}.").format(code=code)


def _english_hint(code: int) -> str:
    """hint_for in English: what the exception's own text (the log's) says."""
    return _HINTS.get(code, f"The service answered with an unknown code {code}.")


class DhError(Exception):
    """Base of every error dhbrowser's API layer raises; `hint` is what to tell the user."""

    @property
    def hint(self) -> str:
        return str(self)


class ApiError(DhError):
    """The service answered with a non-zero Code.

    The server's Message is kept, because it can say which parameter was wrong, but only
    as `plain_text`: bounded, one line, no control or bidi characters. It reaches banners,
    dialogs, logs and the terminal, none of which should do what the server asks.
    """

    def __init__(self, code: int, message: str, request_id: str = "") -> None:
        self.code = code
        self.message = plain_text(message)
        self.request_id = request_id
        message = self.message
        super().__init__(f"{_english_hint(code)} (code {code}: {message or 'no message'})")

    @property
    def hint(self) -> str:
        if self.code == ReturnCode.INVALID_PARAMETER and self.message:
            return f"{hint_for(self.code)} {self.message}"
        return hint_for(self.code)

    @property
    def transient(self) -> bool:
        return self.code in TRANSIENT_CODES


class ProtocolError(DhError):
    """The answer was not what the contract promises (not JSON, a field missing or mistyped)."""

    def __init__(self, detail: str, *, status: int | None = None, request_id: str = "") -> None:
        self.detail = detail
        self.status = status
        self.request_id = request_id
        parts = [detail]
        if status is not None:
            parts.append(f"HTTP {status}")
        if request_id:
            parts.append(f"RequestId {request_id}")
        super().__init__("; ".join(parts))

    @property
    def hint(self) -> str:
        return _(
            "The server sent an answer dhbrowser cannot read ({problem}). Retry; report it if "
            "it persists."
        ).format(problem=self)


class HttpStatusError(DhError):
    """An HTTP status that is not an API answer (a proxy's 502 page, 429, 404 ...).

    `detail` is usually the server's reason phrase: plain text, bounded like a Message.
    """

    def __init__(self, status: int, detail: str = "") -> None:
        self.status = status
        detail = plain_text(detail)
        super().__init__(f"HTTP {status}{': ' + detail if detail else ''}")

    @property
    def transient(self) -> bool:
        return self.status == 429 or self.status >= 500

    @property
    def hint(self) -> str:
        if self.transient:
            return _("The server is unavailable right now ({status}): retry in a moment.").format(
                status=self
            )
        return _("The server refused the request ({status}): check the endpoint address.").format(
            status=self
        )


class NetworkError(DhError):
    """The server could not be reached, or the connection broke or timed out."""

    def __init__(self, detail: str, *, tls: bool = False, timeout: bool = False) -> None:
        self.tls = tls
        self.timeout = timeout
        super().__init__(detail)

    @property
    def hint(self) -> str:
        if self.tls:
            return _(
                "The server's TLS certificate could not be verified: check the endpoint address "
                "and your network's proxy ({detail})."
            ).format(detail=self)
        if self.timeout:
            return _(
                "The server did not answer in time: check your network and retry ({detail})."
            ).format(detail=self)
        return _(
            "The endpoint cannot be reached: check the address and your network ({detail})."
        ).format(detail=self)


class RequestRejected(DhError, ValueError):
    """We refused to send a request: its parameters are outside what the API accepts."""


class UnsafeUrlError(DhError):
    """A URL we will not fetch: not https (or http to loopback), or otherwise malformed."""


class Cancelled(DhError):
    """The caller cancelled the work (the window closed, the query changed)."""


def is_transient(error: DhError) -> bool:
    """Whether the same request may succeed if sent again a little later."""
    if isinstance(error, NetworkError):
        return not error.tls
    if isinstance(error, ApiError | HttpStatusError):
        return error.transient
    if isinstance(error, ProtocolError):
        return error.status is not None and (error.status == 429 or error.status >= 500)
    return False


def describe(error: object) -> str:
    """What to tell the user about an error that reached the window, in their language:
    a DhError's hint, an OSError's reason and file, or a bug worth reporting."""
    if isinstance(error, DhError):
        return error.hint
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    return _("Unexpected error: {kind}: {problem}. Please report it.").format(
        kind=type(error).__name__, problem=error
    )
