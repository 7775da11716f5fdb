"""Which URLs dhbrowser will talk to: https anywhere, plain http only to this machine."""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from dhbrowser.api.errors import UnsafeUrlError
from dhbrowser.i18n import N_, _

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://aigc-digitalhuman-api.zegotech.cn"


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refusal(url: str) -> str:
    """Why dhbrowser will not open `url`, in plain words; '' when it passes the policy.

    The one policy for every URL the app opens (endpoint, portrait, preview, each redirect
    hop): https anywhere, plain http only to this computer, nothing else. In English (the
    log's language); `_shown_refusal` translates it for a message.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return N_("a file on this computer")
    if scheme not in ("http", "https"):
        return f"the {scheme}: scheme" if scheme else N_("no scheme")
    host = parts.hostname or ""
    if not host:
        return N_("no host")
    if scheme == "http" and not is_loopback_host(host):
        return N_("plain http to another computer")
    return ""


def _shown_refusal(url: str, reason: str) -> str:
    """`refusal`'s reason in the user's language."""
    scheme = urlsplit(url).scheme.lower()
    if scheme and reason == f"the {scheme}: scheme":
        return _("the {scheme}: scheme").format(scheme=scheme)
    return _(reason)


def check_url(url: str, what: str = N_("URL")) -> str:
    """Return `url` if it is https, or http to loopback; raise UnsafeUrlError otherwise.

    `what` names the URL in English, marked with N_ (translated here)."""
    reason = refusal(url)
    if not reason:
        return url
    named = {"what": _(what), "url": _shown(url)}
    if reason == "plain http to another computer":
        raise UnsafeUrlError(
            _(
                "The {what} {url} is plain http: only https is allowed (http only to this computer)."
            ).format(**named)
        )
    if reason == "no host":
        raise UnsafeUrlError(_("The {what} {url} has no host.").format(**named))
    raise UnsafeUrlError(
        _("The {what} {url} uses {reason}: only https is allowed.").format(
            reason=_shown_refusal(url, reason), **named
        )
    )


def check_media_url(url: str, whose: str, *, redirected: bool = False) -> str:
    """Return `url` if it passes the policy; else UnsafeUrlError naming whose link it is.

    `whose` is e.g. "portrait link of Anna", in the user's language; a refused redirect hop
    is told as a redirect, not as an unreachable server.
    """
    reason = refusal(url)
    if not reason:
        return url
    # The address goes to the log only: the message must fit a preview's small screen.
    log.warning("refused the %s %s: %s", whose, _shown(url), reason)
    message = (
        _("The {whose} redirects to an address dhbrowser does not open ({reason}).")
        if redirected
        else _("The {whose} is an address dhbrowser does not open ({reason}).")
    )
    raise UnsafeUrlError(message.format(whose=whose, reason=_shown_refusal(url, reason)))


def normalize_endpoint(endpoint: str) -> str:
    """The endpoint as we store and compare it: checked, no trailing slash, no query."""
    endpoint = endpoint.strip()
    if "://" not in endpoint:
        endpoint = "https://" + endpoint
    check_url(endpoint, N_("endpoint"))
    parts = urlsplit(endpoint)
    if parts.query or parts.fragment:
        raise UnsafeUrlError(_("The endpoint must not carry a query string or fragment."))
    return endpoint.rstrip("/")


def cache_key_path(url: str) -> str:
    """The part of a signed media URL that identifies the file: host and path, not the expiring query."""
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}"


def _shown(url: str) -> str:
    """A URL cut short for messages: scheme, host and path only (a query may be a signed token)."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return repr(f"{parts.scheme}://{parts.netloc}{parts.path}"[:200])
    return repr(url[:80])
