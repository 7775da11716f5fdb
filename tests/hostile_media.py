"""A hostile media host: portraits and previews that redirect, loop, overflow or lie.

`HostileMedia` is a small ThreadingHTTPServer on 127.0.0.1 whose every path is set up by
the test: a plain answer, a redirect (301/302/303/307/308) to anywhere, a body without end,
a Content-Length far beyond any cap. It records each request, so a test can say which
hops were contacted. `take_over` makes an emulator hand out this host's URLs (or any
URL: `file:`, `data:`, `ftp:`, `http://….invalid`) as a human's AvatarUrl and PreviewUrls,
so the app meets them the way it meets real ones: in a GetDigitalHumanList answer.

`HostLookups` records every host name the process resolves: a refused hop to
`http://….invalid` must never even be looked up. Targets that are not loopback are
always `.invalid` names, so that even a bug cannot reach a real host.
"""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dhbrowser.emulator import Emulator

#: Far-away addresses a redirect may name; none of them can resolve.
INVALID_HTTP = "http://media.example.invalid/preview.mp4"
FTP = "ftp://127.0.0.1/preview.mp4"
DATA = "data:video/mp4;base64,AAAAIGZ0eXBpc29t"
#: An MP4 `ftyp` box followed by deterministic random bytes: the right type and a plausible
#: size for HTTP, but FFmpeg cannot open it (its warning is Qt's "Could not open media").
NOT_A_VIDEO = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + random.Random(7).randbytes(6000)


@dataclass(frozen=True)
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/octet-stream"
    headers: tuple[tuple[str, str], ...] = ()
    endless: bool = False  # stream `body` over and over without a Content-Length
    declared_length: int | None = None  # a Content-Length that is not the body's


class HostileMedia:
    """The host; `url(path)` is where `path` is served, `hits` the paths asked for, in order."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HostileMedia:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}?Signature=secret-looking-token"

    def serve(self, path: str, body: bytes, content_type: str = "video/mp4") -> str:
        self.routes[path] = Route(body=body, content_type=content_type)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        self.routes[path] = Route(status=status, headers=(("Location", target),))
        return self.url(path)

    def endless(self, path: str, content_type: str = "video/mp4") -> str:
        self.routes[path] = Route(body=b"\0" * 65536, content_type=content_type, endless=True)
        return self.url(path)

    def declare(self, path: str, length: int, body: bytes = b"x") -> str:
        self.routes[path] = Route(body=body, declared_length=length)
        return self.url(path)

    def hit_count(self, path: str) -> int:
        with self._lock:
            return self.hits.count(path)

    def _record(self, path: str) -> Route | None:
        with self._lock:
            self.hits.append(path)
        return self.routes.get(path)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                route = host._record(self.path.split("?", 1)[0])
                if route is None:
                    route = Route(status=404, body=b"not here\n", content_type="text/plain")
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in route.headers:
                    self.send_header(name, value)
                if not route.endless:
                    length = route.declared_length
                    self.send_header(
                        "Content-Length", str(len(route.body) if length is None else length)
                    )
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                    while route.endless:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should
                self.close_connection = True

        return Handler


def take_over(
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    human_id: str,
    *,
    avatar: str | None = None,
    previews: dict[str, str] | None = None,
) -> None:
    """Make `emulator` hand out `avatar` and `previews` (action name: URL) for `human_id`.

    The list and GetDigitalHumanInfo answers both carry them, so a renewed link is the
    hostile one again, as a hostile server would make it.
    """
    service = emulator._service  # the test's own seam: the wire form of one human
    real = service._human_json

    def hostile(human: Any, now: float) -> dict[str, Any]:
        document = real(human, now)
        if document["DigitalHumanId"] != human_id:
            return document
        if avatar is not None:
            document["AvatarUrl"] = avatar
        for action in document["Actions"]:
            if previews is not None and action["Action"] in previews:
                action["PreviewUrl"] = previews[action["Action"]]
        return document

    monkeypatch.setattr(service, "_human_json", hostile)


class HostLookups:
    """Every host name resolved while installed: `names` in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        real: Callable[..., Any] = socket.getaddrinfo

        def watched(host: Any, *args: Any, **kwargs: Any) -> Any:
            self.names.append(str(host))
            return real(host, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", watched)

    def invalid(self) -> list[str]:
        return [name for name in self.names if name.endswith(".invalid")]


@pytest.fixture
def hostile_media() -> Iterator[HostileMedia]:
    with HostileMedia() as host:
        yield host


@pytest.fixture
def host_lookups(monkeypatch: pytest.MonkeyPatch) -> HostLookups:
    return HostLookups(monkeypatch)
