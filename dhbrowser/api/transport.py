"""The one way dhbrowser makes HTTP clients: TLS verification always on, failures explained.

Every client shares one SSLContext: building one reads and parses the whole CA bundle
(20–40 ms), and httpx would build one for each client, two per connection (API and
media). A context is safe to share between clients and threads once built. Clients are
made by their first request (`SharedClient`), so that work happens on a worker thread.

A connection may name one more CA to trust (`trusted_ca`, PEM text): the emulator's test
CA in tests and benchmarks, so that they run over real, verified TLS. Verification is
never turned off.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import ssl
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import httpcore
import httpx

from dhbrowser.api.errors import Cancelled, NetworkError

_context_lock = threading.Lock()
#: What httpcore accepts as a socket option (its own alias is private).
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


def ssl_context(trusted_ca: str | None = None) -> ssl.SSLContext:
    """The process's verifying TLS context (certifi's CAs, or SSL_CERT_FILE / SSL_CERT_DIR),
    built on first use and again only if those variables change; a thread that asks while
    another builds it waits for it. A store that cannot be read raises (OSError,
    ssl.SSLError), and is tried again on the next call.

    With `trusted_ca` (PEM), the same store plus that CA: the handshake and the store's
    cost are those of a real connection, and the emulator's test certificate verifies.
    """
    with _context_lock:
        if trusted_ca is not None:
            return _build_trusting_context(trusted_ca)
        return _build_ssl_context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.cache
def _build_ssl_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    """The arguments only key the cache: httpx reads the same variables itself."""
    return httpx.create_ssl_context()


class AbortableNetwork(httpcore.NetworkBackend):
    """httpcore's own sockets, remembered so that `abort()` can end reads blocked on them.

    Closing a socket's file descriptor does not wake a thread blocked reading it (see
    SharedClient); shutting the socket down does, at once, with end-of-file. Connections
    made after `abort()` are refused.
    """

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._aborted = False

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return self._track(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        return self._track(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def abort(self) -> None:
        """End every read and write on these sockets now (from any thread)."""
        with self._lock:
            self._aborted = True
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed, or never connected
                sock.shutdown(socket.SHUT_RDWR)

    def _track(self, stream: httpcore.NetworkStream) -> httpcore.NetworkStream:
        with self._lock:
            if not self._aborted:
                self._sockets.add(stream.get_extra_info("socket"))
                return stream
        stream.close()
        raise httpcore.ConnectError("the connection was closed")


@functools.cache
def _build_trusting_context(ca_pem: str) -> ssl.SSLContext:
    context = httpx.create_ssl_context()
    context.load_verify_locations(cadata=ca_pem)
    return context


def is_tls_failure(error: httpx.TransportError) -> bool:
    """Whether a connection failed in its TLS handshake (certificate, host name, protocol)."""
    text = str(error).lower()
    return "ssl" in text or "certificate" in text or "tls" in text


def http_client(
    *,
    timeout: httpx.Timeout,
    follow_redirects: bool,
    transport: httpx.BaseTransport | None = None,
    limits: httpx.Limits | None = None,
    network: AbortableNetwork | None = None,
    trusted_ca: str | None = None,
) -> httpx.Client:
    """An httpx client that verifies certificates; an unreadable certificate store is a NetworkError.

    httpx loads the store when the client is made, so a wrong SSL_CERT_FILE would otherwise
    surface as a bare FileNotFoundError far from its cause. With `network` (and no
    `transport` of the caller's) its direct connections can be aborted (a proxy's cannot).
    """
    limits = limits or httpx.Limits(max_connections=8, max_keepalive_connections=8)
    try:
        context = ssl_context(trusted_ca)
        if transport is None and network is not None:
            transport = httpx.HTTPTransport(verify=context, limits=limits)
            # httpx has no parameter for httpcore's network backend: give its pool one.
            transport._pool = httpcore.ConnectionPool(
                ssl_context=context,
                max_connections=limits.max_connections,
                max_keepalive_connections=limits.max_keepalive_connections,
                keepalive_expiry=limits.keepalive_expiry,
                network_backend=network,
            )
        return httpx.Client(
            timeout=timeout,
            verify=context,
            follow_redirects=follow_redirects,
            transport=transport,
            limits=limits,
        )
    except (OSError, ssl.SSLError) as error:
        raise NetworkError(
            f"the TLS certificate store cannot be loaded ({error}); check SSL_CERT_FILE and SSL_CERT_DIR",
            tls=True,
        ) from None


class SharedClient:
    """An httpx client that worker threads use while another thread may close it.

    The client is made by the first request, on its worker thread: making one loads the CA
    bundle, which the GUI thread should not wait for. A store that cannot be read fails
    that request (NetworkError), and the next request tries again.

    `close()` returns at once, refuses new requests and aborts the ones in flight: their
    sockets are shut down, which wakes a thread blocked reading an answer (they end with
    Cancelled). The client itself is closed when the last request has ended: closing it
    under a blocked thread left that thread blocked until its read timeout (10 s), its
    socket's file descriptor gone but the connection open and no FIN sent.

    `make_client` is called with `network=` an AbortableNetwork (see `http_client`).
    """

    def __init__(self, make_client: Callable[..., httpx.Client]) -> None:
        self._make_client = make_client
        self._network = AbortableNetwork()
        self._http: httpx.Client | None = None
        self._lock = threading.Lock()
        self._in_flight = 0
        self._closing = False

    @contextmanager
    def use(self) -> Iterator[httpx.Client]:
        """The client for one request; Cancelled once `close()` was called."""
        http = self._enter()
        try:
            yield http
        except httpx.TransportError:
            with self._lock:
                closing = self._closing
            if closing:  # the read was aborted by close(), not failed by the network
                raise Cancelled("the connection was closed") from None
            raise
        finally:
            if self._leave():
                http.close()

    def close(self) -> None:
        with self._lock:
            self._closing = True
            http = self._http if self._in_flight == 0 else None
        self._network.abort()
        if http is not None:
            http.close()

    def _enter(self) -> httpx.Client:
        with self._lock:
            if self._closing:
                raise Cancelled("the connection was closed")
            if self._http is None:
                self._http = self._make_client(network=self._network)
            self._in_flight += 1
            return self._http

    def _leave(self) -> bool:
        """Count a request out; True if it was the last one of a closed client."""
        with self._lock:
            self._in_flight -= 1
            return self._closing and self._in_flight == 0
