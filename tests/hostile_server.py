"""A stand-in for the Digital Human API that answers whatever each test scripts, however hostile.

The emulator (dhbrowser/emulator) is a faithful API with faults a real service has; this
server is the opposite: a test hands it a *script*, a function from each request (`Call`)
to its answer, and the script may send markup and terminal escapes in names, the same page
forever, absurd totals, rate-limit answers, or HTTP pages that are not API answers at all.
Requests must still be signed (the demo app's AppId and ServerSecret by default), so a test
also shows the app sends what the real service requires.

It only ever listens on 127.0.0.1, and it is bounded whatever the app does: after
`max_requests` it answers HTTP 503 without asking the script, and after `lifetime`
seconds it stops by itself. `calls` records every request for the test to count.

Scripts for the usual situations: `serve_humans` (a well-behaved paged list),
`same_page_forever`, `rate_limited_first`; answers are built with `success`, `api_error`,
`human`, and `Raw` for bytes that are not an API answer.
"""

from __future__ import annotations

import hmac
import json
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

from dhbrowser.api.errors import ReturnCode
from dhbrowser.api.secret import Secret
from dhbrowser.api.signing import signature
from dhbrowser.core.connection import Connection
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET

#: Markup in every form Qt would render: a heading, a local picture, a link, bold.
MARKUP = '<h1>Big</h1><img src="file:///etc/hostname"><a href="https://evil.invalid/">link</a><b>bold</b>'
#: What a terminal would obey: set the window title (OSC 0 … BEL), clear the screen, colour,
#: a carriage return that overwrites the line, a C1 CSI, DEL, and a right-to-left override.
TERMINAL = "\x1b]0;owned title\x07\x1b[2J\x1b[31mred\r✓ forged\x9b1m\x7f\u202eesrever"
#: Names a hostile catalog uses, each one a different attack.
HOSTILE_NAMES = (
    f"{MARKUP} name",
    f"Eve {TERMINAL}",
    "<b>Mallory</b> & <i>Trent</i>",
    "R&D Bot",
)

_MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class Call:
    """One request the server received: its number (1 for the first), Action and JSON body."""

    number: int
    action: str
    body: Mapping[str, Any]

    @property
    def offset(self) -> int:
        value = self.body.get("Offset", 0)
        return value if isinstance(value, int) else 0

    @property
    def limit(self) -> int:
        value = self.body.get("Limit", 20)
        return value if isinstance(value, int) else 20


@dataclass(frozen=True)
class Raw:
    """An answer that is not the API's JSON: any status, any bytes."""

    status: int
    body: bytes
    content_type: str = "text/html"


Reply = Mapping[str, Any] | Raw
Script = Callable[[Call], Reply]


def success(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"Code": 0, "Message": "success", "RequestId": str(uuid.uuid4()), "Data": dict(data)}


def api_error(code: int, message: str) -> dict[str, Any]:
    return {"Code": code, "Message": message, "RequestId": str(uuid.uuid4())}


def human(
    name: str,
    *,
    human_id: str | None = None,
    actions: Sequence[str] = ("idle_action",),
    public: bool = True,
) -> dict[str, Any]:
    """A DigitalHuman in the API's fields; no portrait or preview URL unless a test adds one."""
    return {
        "DigitalHumanId": human_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"hostile:{name}")),
        "Name": name,
        "AvatarUrl": "",
        "IsPublic": public,
        "Actions": [{"Action": action, "PreviewUrl": ""} for action in actions],
    }


def serve_humans(humans: Sequence[Mapping[str, Any]], total: int | None = None) -> Script:
    """A list paged as the real service pages it (with `total` as its Total, if given), and
    GetDigitalHumanInfo for each of its humans."""

    def script(call: Call) -> Reply:
        if call.action == "GetDigitalHumanInfo":
            wanted = call.body.get("DigitalHumanId")
            found = next((item for item in humans if item["DigitalHumanId"] == wanted), None)
            if found is None:
                return api_error(ReturnCode.HUMAN_NOT_FOUND, "digital human not found")
            return success(found)
        page = list(humans[call.offset : call.offset + call.limit])
        return success({"Total": len(humans) if total is None else total, "DigitalHumans": page})

    return script


def same_page_forever(humans: Sequence[Mapping[str, Any]], total: int = 1_000_000) -> Script:
    """Every page, at any offset, is the same humans, and there are `total` of them."""

    def script(call: Call) -> Reply:
        return success({"Total": total, "DigitalHumans": list(humans)})

    return script


def rate_limited_first(count: int, then: Script) -> Script:
    """The first `count` requests get the rate-limit answer (400010009), the rest `then`."""

    def script(call: Call) -> Reply:
        if call.number <= count:
            return api_error(ReturnCode.RATE_LIMITED, "API call frequency limit exceeded")
        return then(call)

    return script


class HostileServer:
    """Serve `script` on 127.0.0.1 in a background thread; see the module's docstring."""

    def __init__(
        self,
        script: Script,
        *,
        max_requests: int = 300,
        lifetime: float = 60.0,
        app_id: int = DEMO_APP_ID,
        secret: str = DEMO_SERVER_SECRET,
        media: Mapping[str, bytes] | None = None,
    ) -> None:
        self.script = script
        #: What a GET of each path answers (200, these bytes); any other path is 404.
        self.media = dict(media or {})
        self.max_requests = max_requests
        self.app_id = app_id
        self._secret = secret
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self.over_budget = 0  # requests answered 503 because max_requests was reached
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="hostile-api-server",
            daemon=True,
        )
        self._stop_timer = threading.Timer(lifetime, self.stop)
        self._stop_timer.daemon = True
        self._stopped = False

    def __enter__(self) -> HostileServer:
        self._thread.start()
        self._stop_timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop serving; safe to call twice, and from the lifetime timer."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        self._stop_timer.cancel()
        self._server.shutdown()
        self._server.server_close()

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def requests(self, action: str | None = None) -> int:
        return sum(1 for call in self.calls if action is None or call.action == action)

    def connection(self, label: str = "Hostile") -> Connection:
        """A connection of the app this server knows (not the demo: no demo banner)."""
        return Connection(label, self.app_id, self.base_url, Secret(self._secret))

    def answer(self, query: str, body: bytes) -> Raw:
        """What to send for one request (runs on the connection's thread)."""
        params = {name: values[0] for name, values in parse_qs(query).items()}
        with self._lock:
            if self._stopped:
                return Raw(503, b"stopped\n", "text/plain")
            if len(self._calls) >= self.max_requests:
                self.over_budget += 1
                return Raw(503, b"over the test's request budget\n", "text/plain")
            try:
                document = json.loads(body or b"{}")
            except ValueError:
                document = {}
            call = Call(len(self._calls) + 1, params.get("Action", ""), document)
            self._calls.append(call)
        if not self._signed(params):
            reply: Reply = api_error(ReturnCode.SIGNATURE_ERROR, "signature error")
        else:
            reply = self.script(call)
        if isinstance(reply, Raw):
            return reply
        return Raw(200, json.dumps(reply, ensure_ascii=False).encode(), "application/json")

    def _signed(self, params: Mapping[str, str]) -> bool:
        try:
            expected = signature(
                int(params["AppId"]),
                params["SignatureNonce"],
                self._secret,
                int(params["Timestamp"]),
            )
        except (KeyError, ValueError):
            return False
        return int(params["AppId"]) == self.app_id and hmac.compare_digest(
            expected, params.get("Signature", "")
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: HostileServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_POST(self) -> None:
        path, _, query = self.path.partition("?")
        length_text = self.headers.get("Content-Length", "0")
        length = int(length_text) if length_text.isdigit() else 0
        body = self.rfile.read(min(length, _MAX_BODY))
        if path != "/":
            self._send(Raw(404, b"404 Not Found\n", "text/plain"))
            return
        self._send(self.server.owner.answer(query, body))

    def do_GET(self) -> None:
        data = self.server.owner.media.get(self.path.partition("?")[0])
        if data is None:
            self._send(Raw(404, b"404 Not Found\n", "text/plain"))
        else:
            self._send(Raw(200, data, "application/octet-stream"))

    def _send(self, raw: Raw) -> None:
        if self.server.owner.stopped:
            self.close_connection = True  # a kept-alive connection ends with the server
        self.send_response(raw.status)
        self.send_header("Content-Type", raw.content_type)
        self.send_header("Content-Length", str(len(raw.body)))
        self.end_headers()
        self.wfile.write(raw.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test counts `calls` instead."""


@pytest.fixture
def hostile_server() -> Iterator[Callable[..., HostileServer]]:
    """Start hostile servers with a script each; all are stopped after the test."""
    started: list[HostileServer] = []

    def start(script: Script, **options: Any) -> HostileServer:
        server = HostileServer(script, **options).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
