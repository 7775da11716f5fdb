"""The one way dhbrowser makes HTTP clients: TLS verification always on, failures explained."""

from __future__ import annotations

import ssl

import httpx

from dhbrowser.api.errors import NetworkError


def http_client(
    *,
    timeout: httpx.Timeout,
    follow_redirects: bool,
    transport: httpx.BaseTransport | None = None,
    limits: httpx.Limits | None = None,
) -> httpx.Client:
    """An httpx client that verifies certificates; an unreadable certificate store is a NetworkError.

    httpx loads the store when the client is made, so a wrong SSL_CERT_FILE would otherwise
    surface as a bare FileNotFoundError far from its cause.
    """
    try:
        return httpx.Client(
            timeout=timeout,
            verify=True,
            follow_redirects=follow_redirects,
            transport=transport,
            limits=limits or httpx.Limits(max_connections=8, max_keepalive_connections=8),
        )
    except (OSError, ssl.SSLError) as error:
        raise NetworkError(
            f"the TLS certificate store cannot be loaded ({error}); check SSL_CERT_FILE and SSL_CERT_DIR",
            tls=True,
        ) from None
