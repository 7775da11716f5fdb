"""Which URLs dhbrowser will talk to: https anywhere, plain http only to this machine."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from dhbrowser.api.errors import UnsafeUrlError

DEFAULT_ENDPOINT = "https://aigc-digitalhuman-api.zegotech.cn"


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, what: str = "URL") -> str:
    """Return `url` if it is https, or http to loopback; raise UnsafeUrlError otherwise."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        raise UnsafeUrlError(f"The {what} {_shown(url)} has no host.")
    if parts.scheme == "https" or (parts.scheme == "http" and is_loopback_host(host)):
        return url
    if parts.scheme == "http":
        raise UnsafeUrlError(
            f"The {what} {_shown(url)} is plain http: only https is allowed (http only to this computer)."
        )
    raise UnsafeUrlError(
        f"The {what} {_shown(url)} uses {parts.scheme or 'no'} scheme: only https is allowed."
    )


def normalize_endpoint(endpoint: str) -> str:
    """The endpoint as we store and compare it: checked, no trailing slash, no query."""
    endpoint = endpoint.strip()
    if "://" not in endpoint:
        endpoint = "https://" + endpoint
    check_url(endpoint, "endpoint")
    parts = urlsplit(endpoint)
    if parts.query or parts.fragment:
        raise UnsafeUrlError("The endpoint must not carry a query string or fragment.")
    return endpoint.rstrip("/")


def cache_key_path(url: str) -> str:
    """The part of a signed media URL that identifies the file: host and path, not the expiring query."""
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}"


def _shown(url: str) -> str:
    """A URL cut short for messages: scheme, host and path only (a query may be a signed token)."""
    parts = urlsplit(url)
    return repr(f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme else url[:80])
