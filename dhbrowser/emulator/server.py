"""`Emulator`: the Digital Human API on a local HTTP/1.1 server, in a background thread.

The server is the standard library's ThreadingHTTPServer (one daemon thread per
connection, keep-alive, Content-Length on every answer). It tracks its open connections
so that `stop()` can cut them, including one in the middle of a slow-body fault, and
return in well under a second.

With `tls` it serves HTTPS, as the real service does (it is HTTPS-only): each accepted
socket is wrapped, and its handshake runs on that connection's thread, not the accept loop.
"""

from __future__ import annotations

import logging
import math
import re
import socket
import socketserver
import ssl
import sys
import threading
import time
from collections import deque
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from dhbrowser.emulator.catalog import Catalog, HumanRecord
from dhbrowser.emulator.faults import Faults
from dhbrowser.emulator.service import MAX_BODY_BYTES, Answer, Service
from dhbrowser.emulator.stats import Stats

log = logging.getLogger(__name__)

#: The emulator's own demo app. Public by design: it opens nothing but this emulator.
DEMO_APP_ID = 1234567890
#: The ServerSecret of the demo app (see DEMO_APP_ID); not a credential of any real service.
DEMO_SERVER_SECRET = "0d3c5e1f9a2b4c6d8e7f6a5b4c3d2e1f"

#: A slow body is sent in this many pieces.
TRICKLE_PIECES = 20
#: How long `stop()` waits for connection threads after cutting their sockets.
STOP_JOIN_SECONDS = 0.5
#: The paths of this many media requests are remembered, most recent last (`media_paths`).
MEDIA_LOG_LENGTH = 10_000

_QUERY = re.compile(r"\?[^\s'\"]*")

_Request = socket.socket | tuple[bytes, socket.socket]


@dataclass(frozen=True)
class EmulatorTls:
    """What the emulator needs to serve HTTPS, and what a client needs to verify it.

    `server_context` holds the certificate chain and its key; `ca_pem` is the certificate
    (PEM) of the CA that issued it, which a client trusts in place of the public CAs.
    """

    server_context: ssl.SSLContext
    ca_pem: str

    @classmethod
    def from_test_ca(
        cls, *identities: str, not_after: datetime | None = None, ca_name: str = "dhbrowser test CA"
    ) -> EmulatorTls:
        """A CA made now, and a certificate it issues for `identities` (host names, IPs).

        For tests and benchmarks only: `trustme` is a development dependency, imported here
        so that the app's demo never loads it. `not_after` in the past makes an expired one.
        """
        import trustme

        authority = trustme.CA(organization_name=ca_name)
        issued = authority.issue_cert(*(identities or ("127.0.0.1",)), not_after=not_after)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        issued.configure_cert(context)
        return cls(context, authority.cert_pem.bytes().decode("ascii"))

    @classmethod
    def from_files(cls, certificate_chain: Path, private_key: Path, ca: Path) -> EmulatorTls:
        """The certificate chain and key (PEM files) to serve, and the CA that issued them."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificate_chain, private_key)
        return cls(context, ca.read_text(encoding="ascii"))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the default 5 drops connects when many workers start at once

    def __init__(
        self,
        address: tuple[str, int],
        family: socket.AddressFamily,
        service: Service,
        tls: ssl.SSLContext | None,
    ) -> None:
        self.address_family = family
        self.service = service
        self.tls = tls
        self.stopping = threading.Event()
        self._connections: dict[_Request, threading.Thread] = {}
        self._connections_lock = threading.Lock()
        self.media_log: deque[str] = deque(maxlen=MEDIA_LOG_LENGTH)  # append is thread-safe
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the host, which can take seconds."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def get_request(self) -> tuple[socket.socket, Any]:
        """Accept; with TLS, wrap the socket without its handshake, which would block the
        accept loop: the connection's thread does it on its first read."""
        connection, address = self.socket.accept()
        if self.tls is None:
            return connection, address
        try:
            wrapped = self.tls.wrap_socket(
                connection, server_side=True, do_handshake_on_connect=False
            )
        except OSError:
            connection.close()
            raise
        return wrapped, address

    def process_request(self, request: _Request, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="dhbrowser-emulator-connection",
            daemon=True,
        )
        with self._connections_lock:
            self._connections[request] = thread
        thread.start()

    def shutdown_request(self, request: _Request) -> None:
        with self._connections_lock:
            self._connections.pop(request, None)
        super().shutdown_request(request)

    def handle_error(self, request: _Request, client_address: Any) -> None:
        """A client that hangs up is normal; anything else is an emulator bug worth a traceback."""
        if self.stopping.is_set() or isinstance(sys.exc_info()[1], OSError):
            # No traceback: the app's own stderr (test_leaving) must stay free of them.
            log.debug("connection from %s ended abruptly: %r", client_address, sys.exc_info()[1])
        else:
            log.exception("emulator failed answering %s", client_address)

    def close_connections(self) -> None:
        """Cut every open connection and give its thread a moment to finish."""
        with self._connections_lock:
            connections = list(self._connections.items())
        for request, _ in connections:
            if isinstance(request, socket.socket):
                with suppress(OSError):
                    request.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + STOP_JOIN_SECONDS
        for _, thread in connections:
            thread.join(max(0.0, deadline - time.monotonic()))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dhbrowser-emulator"
    sys_version = ""
    disable_nagle_algorithm = True  # header and body are separate writes
    server: _Server

    def do_POST(self) -> None:
        path, _, query = self.path.partition("?")
        if path != "/":
            self._send(self._refuse(path))
            return
        body = self._read_body()
        self._send(self.server.service.api(query, body))

    def do_GET(self) -> None:
        self._get(head=False)

    def do_HEAD(self) -> None:
        self._get(head=True)

    def do_PUT(self) -> None:
        self._send(self._refuse(self.path.partition("?")[0]))

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _get(self, *, head: bool) -> None:
        path, _, query = self.path.partition("?")
        if path.startswith("/media/"):
            self.server.media_log.append(path)
            answer = self.server.service.media(path, query, self.headers.get("Range"))
        else:
            answer = self._refuse(path)
        self._send(answer, head=head)

    def _refuse(self, path: str) -> Answer:
        """405 on the API and media paths, 404 elsewhere. The body, if any, is not read,
        so the connection closes after the answer."""
        self.close_connection = True
        if path == "/":
            return self.server.service.method_not_allowed()
        if path.startswith("/media/"):
            body = b"405 Method Not Allowed\n"
            return Answer(405, "text/plain", body, (("Allow", "GET, HEAD"),))
        return Answer(404, "text/plain", b"404 Not Found\n")

    def _read_body(self) -> bytes | None:
        """The request body, or None (and close after answering) if it cannot be read."""
        if self.headers.get("Transfer-Encoding", "identity").lower() != "identity":
            self.close_connection = True  # chunked bodies are not supported: send a length
            return None
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return b""
        if not (length_text.isascii() and length_text.isdigit()):
            self.close_connection = True
            return None
        length = int(length_text)
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            return None
        body = self.rfile.read(length)
        if len(body) != length:
            self.close_connection = True
            return None
        return body

    def _send(self, answer: Answer, *, head: bool = False) -> None:
        if answer.delay and self.server.stopping.wait(answer.delay):
            self.close_connection = True
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        if answer.trickle_seconds:
            self._trickle(answer.body, answer.trickle_seconds)
        else:
            self.wfile.write(answer.body)

    def _trickle(self, body: bytes, seconds: float) -> None:
        """Send `body` in small pieces spread over `seconds`; give up at once on stop()."""
        step = max(1, math.ceil(len(body) / TRICKLE_PIECES))
        interval = seconds / TRICKLE_PIECES
        for start in range(0, len(body), step):
            if start and self.server.stopping.wait(interval):
                self.close_connection = True
                return
            self.wfile.write(body[start : start + step])

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """One DEBUG line per request, without the query string (it carries signatures)."""
        # A request line that could not be parsed (say, a TLS handshake) leaves no path.
        path = getattr(self, "path", "").partition("?")[0]
        log.debug("%s %s %s -> %s", self.address_string(), self.command, path, code)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s: %s", self.address_string(), _QUERY.sub("?…", format % args))


class Emulator:
    """A faithful local stand-in for the Digital Human API and its media host.

    `start()` binds and serves in a background thread; `stop()` (or leaving the `with`
    block) shuts it down. `catalog`, `faults` and `clock_skew` may be changed while it
    serves. The demo app (DEMO_APP_ID, DEMO_SERVER_SECRET) is registered from the start.
    With `tls` the API and its media are served over HTTPS only.
    """

    def __init__(
        self,
        catalog: Catalog | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        media_ttl: float = 86400.0,
        qps: int = 10,
        faults: Faults | None = None,
        tls: EmulatorTls | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.tls = tls
        chosen = catalog if catalog is not None else Catalog.demo()
        self._service = Service(chosen, faults if faults is not None else Faults(), qps, media_ttl)
        self._service.add_app(DEMO_APP_ID, DEMO_SERVER_SECRET)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self._service.base_url or "not started"
        return f"Emulator({where}, {len(self.catalog)} humans)"

    def __enter__(self) -> Emulator:
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> Emulator:
        """Bind (port 0: any free port) and serve in a daemon thread; returns self."""
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        server_context = self.tls.server_context if self.tls is not None else None
        server = _Server((self.host, self.port), family, self._service, server_context)
        port = server.server_address[1]
        shown_host = f"[{self.host}]" if family == socket.AF_INET6 else self.host
        scheme = "https" if self.tls is not None else "http"
        self._service.base_url = f"{scheme}://{shown_host}:{port}"
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="dhbrowser-emulator",
            daemon=True,
        )
        self._thread.start()
        log.info("emulator serving %d humans at %s", len(self.catalog), self.base_url)
        return self

    def stop(self) -> None:
        """Stop serving and close every connection; safe to call twice."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join()
        self._server = self._thread = None
        log.info("emulator at %s stopped", self.base_url)

    @property
    def base_url(self) -> str:
        """The API endpoint, "http://127.0.0.1:PORT" or "https://…" (media URLs start with it too)."""
        if not self._service.base_url:
            raise RuntimeError("the emulator has not been started")
        return self._service.base_url

    @property
    def trusted_ca(self) -> str | None:
        """The CA certificate (PEM) a client must trust to verify this emulator; None on http."""
        return self.tls.ca_pem if self.tls is not None else None

    @property
    def catalog(self) -> Catalog:
        return self._service.catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        self._service.catalog = catalog

    @property
    def faults(self) -> Faults:
        return self._service.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._service.faults = faults

    @property
    def clock_skew(self) -> float:
        """Seconds added to the server's clock (signature windows and media expiry)."""
        return self._service.clock_skew

    @clock_skew.setter
    def clock_skew(self, seconds: float) -> None:
        self._service.clock_skew = seconds

    @property
    def stats(self) -> Stats:
        return self._service.stats

    def add_human(self, human: HumanRecord, index: int | None = None) -> None:
        """List `human` from now on, at list position `index` (default: last), as a new
        avatar appears in a real account between two syncs."""
        catalog = self.catalog
        catalog.insert(len(catalog) if index is None else index, human)

    def remove_human(self, human_id: str) -> HumanRecord:
        """Stop listing the human `human_id` (KeyError if there is none); its info and media
        go with it, as a deleted avatar's do."""
        return self.catalog.remove(human_id)

    def media_paths(self) -> list[str]:
        """The paths (no query) of the media requests received, in arrival order: which
        portraits a client asked for first. Only the last MEDIA_LOG_LENGTH are kept."""
        return list(self._server.media_log) if self._server is not None else []

    def add_app(self, app_id: int, secret: str, *, service_enabled: bool = True) -> None:
        """Register (or replace) an app the gateway knows."""
        self._service.add_app(app_id, secret, service_enabled=service_enabled)

    def accepted_times(self, app_id: int) -> list[float]:
        """time.monotonic() of each API request of this app that passed the rate limit."""
        return self._service.limiter.accepted_times(app_id)

    def expire_media_now(self) -> None:
        """Make every media URL issued so far answer 403, as if their 24 hours were up."""
        self._service.signer.revoke_all()
