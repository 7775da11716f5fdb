"""The Qt-free core: signing, client, models, errors, rate limit. Shared by the GUI, the
command line and the emulator; it must never import Qt (an import-linter contract and a
test with Qt hidden enforce it)."""

from dhbrowser.api.client import DigitalHumanClient, RetryPolicy
from dhbrowser.api.errors import (
    ApiError,
    Cancelled,
    DhError,
    HttpStatusError,
    NetworkError,
    ProtocolError,
    RequestRejected,
    ReturnCode,
    UnsafeUrlError,
    hint_for,
)
from dhbrowser.api.media import MediaExpired, MediaFetcher
from dhbrowser.api.models import Action, DigitalHuman, FetchMode, Page
from dhbrowser.api.paging import Pager
from dhbrowser.api.ratelimit import RateLimiter
from dhbrowser.api.secret import Secret
from dhbrowser.api.urls import DEFAULT_ENDPOINT

__all__ = [
    "DEFAULT_ENDPOINT",
    "Action",
    "ApiError",
    "Cancelled",
    "DhError",
    "DigitalHuman",
    "DigitalHumanClient",
    "FetchMode",
    "HttpStatusError",
    "MediaExpired",
    "MediaFetcher",
    "NetworkError",
    "Page",
    "Pager",
    "ProtocolError",
    "RateLimiter",
    "RequestRejected",
    "RetryPolicy",
    "ReturnCode",
    "Secret",
    "UnsafeUrlError",
    "hint_for",
]
