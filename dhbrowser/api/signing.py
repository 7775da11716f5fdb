"""Signature version 2.0 and the common query parameters of every ZEGO server API call.

Signature = md5(AppId + SignatureNonce + ServerSecret + Timestamp), hex, lower case. The
secret is an input to the hash only; it is never part of what we return or send.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

SIGNATURE_VERSION = "2.0"


#: AppId is a uint32 on the wire; 0 is not an app.
MAX_APP_ID = 2**32 - 1


def is_app_id(value: object) -> bool:
    """The one AppId rule, for the client and for profiles: an int (not a bool) in 1..MAX_APP_ID."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_APP_ID


def signature(app_id: int, nonce: str, server_secret: str, timestamp: int) -> str:
    """The 32 lower-case hex digits ZEGO expects for these four inputs."""
    material = f"{app_id}{nonce}{server_secret}{timestamp}"
    return hashlib.md5(material.encode("utf-8"), usedforsecurity=False).hexdigest()


def new_nonce() -> str:
    """16 hex characters from 8 random bytes, new for every request."""
    return secrets.token_hex(8)


def common_params(
    app_id: int,
    server_secret: str,
    *,
    clock: Callable[[], float] = time.time,
    nonce: Callable[[], str] = new_nonce,
) -> dict[str, str]:
    """The five common query parameters, freshly signed: the nonce and timestamp signed are sent."""
    timestamp = int(clock())
    request_nonce = nonce()
    return {
        "AppId": str(app_id),
        "SignatureNonce": request_nonce,
        "Timestamp": str(timestamp),
        "SignatureVersion": SIGNATURE_VERSION,
        "Signature": signature(app_id, request_nonce, server_secret, timestamp),
    }
