"""`dhbrowser --check`: a headless diagnostic of everything the browser depends on.

Four steps, each printed as one line (✓ or ✗, what was checked, the result, how long it
took): a signed list request, the first page, one portrait downloaded and decoded, and a
few frames of one action preview decoded by QtMultimedia. Media come through the same
checked fetcher as in the browser (the URL policy on every redirect hop, a size cap), and
the preview is decoded from the downloaded local file, never from the server's URL. A final JSON line sums it up for
scripts. A failed step prints the error's hint, the sentence that says what to do; the
steps that needed it print "skipped". Nothing printed ever contains the ServerSecret or a
signed media URL, and every line is written through `terminal_text`: names and messages
come from the server, and a server must not be able to drive the terminal (set its title,
clear it, forge a ✓ line).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QGuiApplication

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import describe
from dhbrowser.api.media import MediaFetcher, fetch_renewing
from dhbrowser.api.models import DigitalHuman, Page
from dhbrowser.api.text import terminal_json, terminal_text
from dhbrowser.core.connection import Connection
from dhbrowser.core.disk_cache import DiskCache
from dhbrowser.i18n import N_, _, current_language
from dhbrowser.qt.i18n import install_language
from dhbrowser.qt.imaging import ImageDecodeError, decode_image
from dhbrowser.qt.previews import PREVIEW_CACHE_BYTES, fetch_preview
from dhbrowser.qt.qt_logging import route_ffmpeg_messages, route_qt_messages

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame

MULTIMEDIA_MISSING = N_("QtMultimedia cannot load: install libpulse0")
PAGE_SIZE = 20
#: How long the preview step waits for its first frame before calling the video broken.
FIRST_FRAME_TIMEOUT_MS = 10_000
#: After the first frame, how long frames are counted (or until WANTED_FRAMES arrived).
COUNT_FRAMES_MS = 500
WANTED_FRAMES = 3


class StepFailed(Exception):
    """A step did not pass; the message is the line's result (a hint the user can act on)."""


@dataclass
class _Report:
    out: TextIO
    ok: bool = True

    def step(self, name: str, run: Callable[[], str]) -> bool:
        """Run one step and print its line; False if it failed."""
        started = time.perf_counter()
        try:
            result = run()
        except StepFailed as failure:
            passed, result = False, str(failure)
        except Exception as error:  # a diagnostic reports every failure and goes on
            passed, result = False, describe(error)
        else:
            passed = True
        elapsed_ms = (time.perf_counter() - started) * 1000
        mark = "✓" if passed else "✗"
        self.line(f"{mark} {name:<9} {result}  ({elapsed_ms:.0f} ms)")
        self.ok = self.ok and passed
        return passed

    def skip(self, name: str, because: str) -> None:
        self.ok = False
        self.line(f"✗ {name:<9} " + _("skipped: {reason}").format(reason=because))

    def line(self, text: str) -> None:
        print(terminal_text(text), file=self.out, flush=True)


def run_check(connection: Connection, out: TextIO = sys.stdout) -> int:
    """Check `connection` end to end; print one line per step and a JSON summary. 0: all passed."""
    started = time.perf_counter()
    app = _gui_application()
    report = _Report(out)
    report.line(
        _("dhbrowser check of {label} (AppId {app_id})").format(
            label=_(connection.label) if connection.is_demo else connection.label,
            app_id=connection.app_id,
        )
    )
    client = connection.client()
    fetcher = connection.fetcher()
    page: Page | None = None
    portrait_ok = False
    frames = 0

    def sign() -> str:
        probe = client.list_page(0, 1)
        return _("signed request accepted (Total {total})").format(total=probe.total)

    def first_page() -> str:
        nonlocal page
        page = client.list_page(0, PAGE_SIZE)
        return _("{count} humans of {total}").format(count=len(page.humans), total=page.total)

    def portrait() -> str:
        assert page is not None
        return _check_portrait(client, fetcher, page.humans)

    def preview() -> str:
        nonlocal frames
        assert page is not None
        frames, result = _check_preview(client, fetcher, page.humans)
        return result

    try:
        if not report.step("sign", sign):
            for name in ("list", "portrait", "preview"):
                report.skip(name, _("the signed request failed"))
        elif not report.step("list", first_page):
            for name in ("portrait", "preview"):
                report.skip(name, _("the first page did not load"))
        else:
            portrait_ok = report.step("portrait", portrait)
            report.step("preview", preview)
    finally:
        client.close()
        fetcher.close()
    summary = {
        "ok": report.ok,
        "humans": len(page.humans) if page is not None else 0,
        "total": page.total if page is not None else 0,
        "thumbnail": portrait_ok,
        "preview_frames": frames,
        "seconds": round(time.perf_counter() - started, 3),
    }
    print(terminal_json(summary), file=out, flush=True)
    del app  # kept alive until here: the preview step needed it
    return 0 if report.ok else 1


def _gui_application() -> QCoreApplication:
    """The running application, or a new headless one (no display is needed to decode)."""
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    route_qt_messages()
    app = QGuiApplication(sys.argv[:1])
    # What the GUI's code says in the report (a preview's or a portrait's problem), in the
    # language the command speaks.
    install_language(app, current_language())
    return app


def _check_portrait(
    client: DigitalHumanClient, fetcher: MediaFetcher, humans: tuple[DigitalHuman, ...]
) -> str:
    human = next((human for human in humans if human.avatar_url), None)
    if human is None:
        raise StepFailed(_("no human of the first page has an AvatarUrl"))
    # As the browser does: an expired link is renewed once through GetDigitalHumanInfo.
    data, _fresh = fetch_renewing(fetcher, client, human, lambda record: record.avatar_url)
    try:
        image = decode_image(data)
    except ImageDecodeError as error:
        raise StepFailed(
            _("the portrait of {name} cannot be decoded: {problem}").format(
                name=human.name, problem=error
            )
        ) from None
    return _("{name}: {size} KiB, {width}×{height}").format(
        name=human.name, size=round(len(data) / 1024), width=image.width(), height=image.height()
    )


def _check_preview(
    client: DigitalHumanClient, fetcher: MediaFetcher, humans: tuple[DigitalHuman, ...]
) -> tuple[int, str]:
    """(frames decoded, the line's result) for the first action preview of the page."""
    try:
        from PySide6.QtMultimedia import QMediaPlayer
    except ImportError as error:  # libQt6Multimedia needs system libraries such as libpulse0
        raise StepFailed(f"{_(MULTIMEDIA_MISSING)} ({error})") from None
    player = QMediaPlayer()
    route_ffmpeg_messages()
    if not player.isAvailable():
        raise StepFailed(
            _("{problem} (no QtMultimedia backend is available)").format(
                problem=_(MULTIMEDIA_MISSING)
            )
        )
    found = next(
        ((human, action) for human in humans for action in human.actions if action.preview_url),
        None,
    )
    if found is None:
        return 0, _("QtMultimedia loads; no action of the first page has a preview to decode")
    human, action = found
    # As the browser does: downloaded (an expired link renewed once), then played locally.
    # A folder of its own: the check leaves the user's preview cache as it was.
    with tempfile.TemporaryDirectory(prefix="dhbrowser-check-") as folder:
        cache = DiskCache(Path(folder), PREVIEW_CACHE_BYTES, suffix=".mp4")
        fetched = fetch_preview(fetcher, client, cache, human, action.name)
        result = _decode_frames(player, QUrl.fromLocalFile(str(fetched.path)))
    what = f"{human.name} / {action.name}"
    if result.error:
        raise StepFailed(
            _("the preview {what} cannot be played: {problem}").format(
                what=what, problem=result.error
            )
        )
    if not result.frames:
        raise StepFailed(
            _("no frame of {what} within {seconds} s").format(
                what=what, seconds=FIRST_FRAME_TIMEOUT_MS // 1000
            )
        )
    return result.frames, _("{what}: {frames} frames of {size}, first after {ms} ms").format(
        what=what, frames=result.frames, size=result.size, ms=f"{result.first_frame_ms:.0f}"
    )


@dataclass
class _Decoded:
    frames: int = 0
    size: str = ""
    first_frame_ms: float = 0.0
    error: str = ""


class _FrameProbe(QObject):
    """Counts the frames of one playback; quits `loop` once enough arrived, or on an error."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.decoded = _Decoded()
        self._loop = loop
        self._started = time.perf_counter()
        self.deadline = QTimer(self)
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(loop.quit)
        self.counting = QTimer(self)
        self.counting.setSingleShot(True)
        self.counting.timeout.connect(loop.quit)

    @Slot("QVideoFrame")
    def on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        decoded = self.decoded
        decoded.frames += 1
        if decoded.frames == 1:
            decoded.first_frame_ms = (time.perf_counter() - self._started) * 1000
            decoded.size = f"{frame.width()}×{frame.height()}"
            self.counting.start(COUNT_FRAMES_MS)
        if decoded.frames >= WANTED_FRAMES:
            self._loop.quit()

    @Slot("QMediaPlayer::Error", str)
    def on_error(self, error: QMediaPlayer.Error, description: str) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if error == QMediaPlayer.Error.NoError:
            return
        self.decoded.error = description or error.name
        self._loop.quit()


def _decode_frames(player: QMediaPlayer, source: QUrl) -> _Decoded:
    """Play the local file `source` into a bare QVideoSink (no widget) until a few frames arrived."""
    from PySide6.QtMultimedia import QVideoSink

    loop = QEventLoop()
    probe = _FrameProbe(loop)
    sink = QVideoSink(player)  # a child: it lives exactly as long as the player
    sink.videoFrameChanged.connect(probe.on_frame)
    player.errorOccurred.connect(probe.on_error)
    player.setVideoSink(sink)
    player.setSource(source)
    probe.deadline.start(FIRST_FRAME_TIMEOUT_MS)
    player.play()
    if probe.decoded.frames < WANTED_FRAMES and not probe.decoded.error:
        loop.exec()
    probe.deadline.stop()
    probe.counting.stop()
    player.errorOccurred.disconnect(probe.on_error)
    sink.videoFrameChanged.disconnect(probe.on_frame)
    player.stop()
    player.setSource(QUrl())
    sink.deleteLater()
    return probe.decoded
