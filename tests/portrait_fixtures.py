"""Fixtures for the thumbnail and card tests: an emulator of full-size portraits (and
broken ones), sessions and stores on the shared pool, a flaky media host."""

from __future__ import annotations

import threading
import uuid
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, QThreadPool
from PySide6.QtGui import QColor, QImage, QImageWriter, QLinearGradient, QPainter, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.emulator import (
    DEMO_APP_ID,
    DEMO_SERVER_SECRET,
    ActionRecord,
    Catalog,
    Emulator,
    HumanRecord,
)
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.thumbnails import ThumbnailStore

CARD = QSize(160, 213)  # the portrait area of a 160-px card (3:4)
SIGNAL_TIMEOUT_MS = 10_000
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "thumbnail-tests.dhbrowser.invalid")
PORTRAIT_COUNT = 12
BROKEN_NAME = "Broken Portrait"
VIDEO_NAME = "Video Portrait"
BOMB_NAME = "Bomb Portrait"


# -- a catalog of full-size portraits ------------------------------------------------------


def portrait_jpeg(index: int) -> bytes:
    """A 720x1280 JPEG like the service's: a coloured backdrop, a head and shoulders."""
    image = QImage(720, 1280, QImage.Format.Format_RGB32)
    hue = (index * 360 // PORTRAIT_COUNT) % 360
    gradient = QLinearGradient(0, 0, 0, 1280)
    gradient.setColorAt(0, QColor.fromHsv(hue, 90, 250))
    gradient.setColorAt(1, QColor.fromHsv(hue, 160, 170))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(image.rect(), gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor.fromHsv((hue + 180) % 360, 200, 110))
    painter.drawRoundedRect(QRectF(110, 860, 500, 600), 200, 200)
    painter.setBrush(QColor(233, 190, 160))
    painter.drawEllipse(QPointF(360, 560), 150, 185)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(85)
    assert writer.write(image), writer.errorString()
    return bytes(buffer.data().data())


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG header that claims 400 megapixels, with almost no data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def human_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def portrait_catalog() -> Catalog:
    humans = []
    media: dict[str, bytes] = {}
    for index in range(PORTRAIT_COUNT):
        name = f"Portrait {index:02d}"
        path = f"portraits/p{index:02d}.jpg"
        media[path] = portrait_jpeg(index)
        humans.append(HumanRecord(human_id(name), name, index % 2 == 0, path))
    media["portraits/broken.jpg"] = b"\xff\xd8\xff\xe0 this is not really a JPEG" + bytes(500)
    media["previews/clip.mp4"] = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(4000)
    media["portraits/bomb.png"] = bomb_png()
    for name, path in (
        (BROKEN_NAME, "portraits/broken.jpg"),
        (VIDEO_NAME, "previews/clip.mp4"),
        (BOMB_NAME, "portraits/bomb.png"),
    ):
        humans.append(
            HumanRecord(human_id(name), name, False, path, (ActionRecord("idle_action", ""),))
        )
    return Catalog(humans, media)


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def portrait_emulator(qapp: QApplication) -> Iterator[Emulator]:
    with Emulator(portrait_catalog()) as emulator:
        yield emulator


def connect(emulator: Emulator, pool: QThreadPool) -> CatalogSession:
    connection = Connection(
        "demo", DEMO_APP_ID, emulator.base_url, Secret(DEMO_SERVER_SECRET), True
    )
    return CatalogSession(connection, pool)


@pytest.fixture
def session_for(pool: QThreadPool) -> Iterator[Callable[[Emulator], CatalogSession]]:
    """Open CatalogSessions on emulators; all are closed after the test."""
    sessions: list[CatalogSession] = []

    def open_session(emulator: Emulator) -> CatalogSession:
        sessions.append(connect(emulator, pool))
        return sessions[-1]

    yield open_session
    for session in sessions:
        session.close()


StoreFactory = Callable[..., ThumbnailStore]


@pytest.fixture
def make_store(pool: QThreadPool) -> Iterator[StoreFactory]:
    """ThumbnailStores on the test's pool; shut down (and the pool drained) after the test."""
    stores: list[ThumbnailStore] = []

    def make(
        session: CatalogSession | None, cache_dir: Path | None, **options: Any
    ) -> ThumbnailStore:
        store = ThumbnailStore(pool, cache_dir, **options)
        store.set_session(session)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.shutdown()
    pool.clear()
    pool.waitForDone()


def all_humans(session: CatalogSession) -> list[DigitalHuman]:
    return list(session.client.iter_humans())


def by_name(humans: list[DigitalHuman], name: str) -> DigitalHuman:
    return next(human for human in humans if human.name == name)


def portraits(humans: list[DigitalHuman]) -> list[DigitalHuman]:
    return [human for human in humans if human.name.startswith("Portrait ")]


def load(
    qtbot: QtBot, store: ThumbnailStore, human: DigitalHuman, size: QSize = CARD, dpr: float = 1.0
) -> QPixmap | None:
    """Ask like a card's paint() does, wait for the answer, and ask again."""
    pixmap = store.pixmap(human, size, dpr)
    if pixmap is not None:
        return pixmap
    with qtbot.waitSignal(
        store.thumbnailChanged,
        timeout=SIGNAL_TIMEOUT_MS,
        check_params_cb=lambda changed: changed == human.id,
    ):
        pass
    return store.pixmap(human, size, dpr)


def media_requests(emulator: Emulator) -> int:
    return emulator.stats.get("media_requests")


def distinct_colours(pixmap: QPixmap) -> int:
    image = pixmap.toImage()
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), max(1, image.width() // 16))
            for y in range(0, image.height(), max(1, image.height() // 16))
        }
    )


class FlakyMediaHost:
    """A loopback media host with scripted answers: path -> list of (status, headers, body)."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, dict[str, str], bytes]]] = {}
        self.hits: dict[str, int] = {}
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host.hits[self.path] = host.hits.get(self.path, 0) + 1
                answers = host.routes.get(self.path) or [(404, {}, b"not found")]
                status, headers, body = answers.pop(0) if len(answers) > 1 else answers[0]
                self.send_response(status)
                headers = {"Content-Length": str(len(body)), **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if int(headers["Content-Length"]) == len(body):
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@pytest.fixture
def media_host() -> Iterator[FlakyMediaHost]:
    host = FlakyMediaHost()
    yield host
    host.close()
