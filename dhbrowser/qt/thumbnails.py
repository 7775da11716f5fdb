"""Portrait thumbnails for the card grid: downloaded, decoded and scaled off the GUI thread.

`ThumbnailStore.pixmap()` is asked from `paint()`, so it only ever looks things up and
queues work. A worker reads the portrait from the disk cache or downloads it, refreshes an
expired signed URL through GetDigitalHumanInfo once, and decodes it straight to the size the
card needs (a 720x1280 JPEG is never fully decoded for a 160-pixel card). The GUI thread
turns the QImage into a QPixmap carrying the screen's device pixel ratio.

Bounds: the pixmaps in memory are an LRU of at most `memory_limit_bytes` (width x height x 4
bytes each; 64 MiB by default, about 350 cards of 160 px at ratio 1, or 90 at ratio 2); the
disk cache holds at most `disk_limit_bytes` (256 MiB) and drops the oldest files first.

The disk cache keeps the ORIGINAL downloaded bytes rather than a re-encoded copy: any card
size and pixel ratio (up to a 320-px card at ratio 2, 640 px wide) decodes from them without
a second generation of JPEG loss, and they are small already: a demo 720x1280 JPEG is about
75 KiB, so the 256 MiB budget holds some 3,500 portraits. Files are named by a hash of the DigitalHumanId and the URL's host and
path, never its expiring query string, so a re-signed URL finds yesterday's file.

Beside them (in `scaled/`, like the "normal" and "large" thumbnails freedesktop
thumbnailers keep) each portrait is also stored at the device-pixel size a card asked for,
made once from the original: the next start's first screen decodes a file of card size
(JPEG, or PNG where the portrait has transparency) instead of a 720x1280 JPEG. A scaled
copy is named by its size and a hash of the original's bytes, so a portrait that changes
never shows its old copy; the folder is bounded (`scaled_limit_bytes`, 32 MiB: some 3,000
cards); a copy that does not decode, or not to the size asked for, is removed and made again.

Order: visible first. A fling asks for every card it passes; a first-in first-out queue
then loads those before the cards where it lands. So loads wait in the store, not in the
pool (where they could no longer be reordered), and only a few run at once; the next one
is a card on screen (`follow_view`), else the one asked most recently. When the grid
scrolls, waiting loads of cards that left the screen are dropped: they are asked again if
they come back into view (as MusicBrainz Picard and TagStudio do with their thumbnails).

HiDPI: callers pass the device pixel ratio of the surface they paint on (the card delegate
reads it from its painter); it is part of the cache key. When a window moves to a screen with
another ratio, the main window repaints the grid on `screenChanged`, the delegate asks again
with the new ratio, misses, draws the old rendition scaled (`stand_in`) and gets a sharp one
a moment later through `thumbnailChanged`.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum, auto
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QObject,
    QSize,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QImage, QImageWriter, QPixmap

from dhbrowser.api.errors import DhError, ProtocolError, is_transient
from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.urls import cache_key_path, check_media_url
from dhbrowser.core.disk_cache import DiskCache
from dhbrowser.qt import workers
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.imaging import ImageDecodeError, decode_image

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession, SessionParts

log = logging.getLogger(__name__)

#: Requested sizes are rounded up to multiples of this many device pixels, so moving the
#: card-size slider or resizing by a few pixels reuses the pixmaps already made.
BUCKET_PX = 32

#: After a transient failure (network, HTTP 5xx) the portrait is tried again by itself
#: after these delays in seconds; after the last one it waits for `retry_failed()`.
TRANSIENT_RETRY_DELAYS = (2.0, 10.0, 60.0)

#: Portrait loads handed to the pool at once: its threads, plus a few it queues so that a
#: thread that finishes one starts the next without waiting for the GUI thread to hand it
#: over; at most 8 (the media client's connections). The rest wait in the store, where the
#: cards on screen can overtake them.
LOADS_QUEUED_IN_POOL = 2
MAX_LOADS_AT_ONCE = 8

#: Loads queued by `prefetch` stop once this many loads are already waiting: warming up
#: rows below the fold must never delay the cards on screen.
PREFETCH_QUEUE_LIMIT = 24

#: The folder (inside the portrait cache) of the portraits scaled to card size, its bound,
#: and the quality their JPEGs are written at (indistinguishable at card size).
SCALED_FOLDER = "scaled"
SCALED_LIMIT_BYTES = 32 * 2**20
SCALED_JPEG_QUALITY = 90

NO_PORTRAIT = str(
    QT_TRANSLATE_NOOP(
        "thumbnails", "No portrait: the service gave this digital human no AvatarUrl."
    )
)


class ThumbState(Enum):
    LOADING = auto()
    READY = auto()
    FAILED = auto()


class PortraitError(DhError):
    """A portrait that will not be shown; the message is what the error tile's tooltip says."""


@dataclass(frozen=True, slots=True)
class _Key:
    """One rendition of one portrait: whose, which file, how many device pixels, which ratio."""

    human_id: str
    source: str  # urls.cache_key_path of the AvatarUrl: host and path, no signature
    width: int
    height: int
    dpr: float


@dataclass(frozen=True, slots=True)
class _Failure:
    source: str
    message: str
    retry_at: float | None  # time.monotonic() of the automatic retry, None: wait for the user


@dataclass(frozen=True, slots=True)
class _Waiting:
    """A load asked for and not started yet; `turn` counts the event-loop turns that asked."""

    human: DigitalHuman
    priority: int
    turn: int


@dataclass(frozen=True, slots=True)
class _Loaded:
    image: QImage
    fresh: DigitalHuman | None  # the human with re-signed URLs, if the old link had expired


def bucket_size(size: QSize, device_pixel_ratio: float) -> QSize:
    """The device-pixel size a rendition is made at: `size` x ratio, rounded up to the bucket."""

    def up(logical: int) -> int:
        pixels = math.ceil(max(1, logical) * device_pixel_ratio)
        return max(BUCKET_PX, math.ceil(pixels / BUCKET_PX) * BUCKET_PX)

    return QSize(up(size.width()), up(size.height()))


def decode_covering(data: bytes, target: QSize) -> QImage:
    """Decode `data` scaled (down only) to the smallest size that covers `target` entirely.

    Covering, not fitting: the card crops the portrait to its own shape, so both sides must
    be at least as large as asked. The result is in a format QPainter draws without converting.
    """
    image = decode_image(data, target, cover=True)
    wanted = (
        QImage.Format.Format_ARGB32_Premultiplied
        if image.hasAlphaChannel()
        else QImage.Format.Format_RGB32
    )
    return image.convertToFormat(wanted)


class AwaitingConnection(workers.Outcome):
    """A portrait that is not on disk was asked for before there is a session to fetch it."""

    def __init__(self, human: DigitalHuman) -> None:
        super().__init__(human.id)
        self.human = human


def load_portrait(
    parts: SessionParts | None,
    disk: DiskCache | None,
    human: DigitalHuman,
    target: QSize,
    scaled: DiskCache | None = None,
) -> _Loaded:
    """Worker side: cached or downloaded bytes of `human`'s portrait, decoded to cover `target`.

    Without a session's parts (at start-up, while the connection opens) only the disk
    cache is looked at; a miss raises AwaitingConnection. `scaled` keeps the portrait at
    `target`'s size: read instead of decoding the original, written after decoding it.
    """
    if not human.avatar_url:
        raise PortraitError(translate("thumbnails", NO_PORTRAIT))
    check_media_url(
        human.avatar_url,
        translate("thumbnails", "portrait link of {name}").format(name=human.name),
    )
    if disk is not None:
        cached = disk.read(human.id, human.avatar_url)
        if cached is not None:
            if scaled is not None and (image := _read_scaled(scaled, human, cached, target)):
                return _Loaded(image, None)
            try:
                image = decode_covering(cached, target)
                if scaled is not None:
                    _keep_scaled(scaled, human.id, human.avatar_url, cached, image, target)
                return _Loaded(image, None)
            except ImageDecodeError as error:
                log.info("dropping unreadable cached portrait of %s: %s", human.id, error)
                disk.discard(human.id, human.avatar_url)
    if parts is None:
        raise AwaitingConnection(human)
    data, fresh = _download(parts, human)
    url = (fresh or human).avatar_url
    try:
        image = decode_covering(data, target)
    except ImageDecodeError as error:
        raise PortraitError(
            translate("thumbnails", "The portrait cannot be shown: {problem}.").format(
                problem=error
            )
        ) from None
    if disk is not None:
        disk.write(human.id, url, data)
    if scaled is not None:
        _keep_scaled(scaled, human.id, url, data, image, target)
    return _Loaded(image, fresh)


def _scaled_variant(original: bytes, target: QSize) -> str:
    """A scaled copy's name: its size, and the original's content (not only its link), so a
    portrait that changed never finds the copy of the one before."""
    return f"{target.width()}x{target.height()} {hashlib.sha256(original).hexdigest()}"


def _covers_exactly(size: QSize, target: QSize) -> bool:
    """Whether `size` is the smallest covering `target` (as decode_covering scales down to)."""
    covers = size.width() >= target.width() and size.height() >= target.height()
    return covers and (size.width() == target.width() or size.height() == target.height())


def _read_scaled(
    scaled: DiskCache, human: DigitalHuman, original: bytes, target: QSize
) -> QImage | None:
    """The stored copy of `original` at `target`'s size; None if there is none that can be
    used (a damaged one is removed: the caller decodes the original and stores it again)."""
    variant = _scaled_variant(original, target)
    data = scaled.read(human.id, human.avatar_url, variant)
    if data is None:
        return None
    try:
        image = decode_covering(data, target)
    except ImageDecodeError as error:
        log.info("dropping unreadable scaled portrait of %s: %s", human.id, error)
    else:
        if _covers_exactly(image.size(), target):
            return image
        log.info(
            "dropping scaled portrait of %s: not %dx%d", human.id, target.width(), target.height()
        )
    scaled.discard(human.id, human.avatar_url, variant)
    return None


def _keep_scaled(
    scaled: DiskCache, human_id: str, url: str, original: bytes, image: QImage, target: QSize
) -> None:
    """Store `image`, decoded from `original` to cover `target`, for the next start. An
    original no larger than the card is decoded as fast as a copy would be: not stored."""
    if not _covers_exactly(image.size(), target):
        return
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    alpha = image.hasAlphaChannel()
    writer = QImageWriter(buffer, QByteArray(b"png" if alpha else b"jpeg"))
    if not alpha:
        writer.setQuality(SCALED_JPEG_QUALITY)
    written = writer.write(image)
    buffer.close()
    if written:
        scaled.write(human_id, url, bytes(encoded.data()), _scaled_variant(original, target))


def _download(parts: SessionParts, human: DigitalHuman) -> tuple[bytes, DigitalHuman | None]:
    """The portrait's bytes; an expired link is renewed through GetDigitalHumanInfo once."""
    from dhbrowser.api.media import MediaExpired, fetch_renewing  # httpx: off the start-up path

    try:
        data, fresh = fetch_renewing(parts.fetcher, parts.client, human, _avatar_url)
    except MediaExpired as error:
        raise PortraitError(
            translate(
                "thumbnails", "The portrait link was refused even after renewing it ({problem})."
            ).format(problem=error)
        ) from None
    except ProtocolError as error:  # MediaFetcher's size cap
        raise PortraitError(
            translate("thumbnails", "The portrait was refused: {problem}.").format(
                problem=error.detail
            )
        ) from None
    return data, fresh


def _avatar_url(human: DigitalHuman) -> str:
    return human.avatar_url


@dataclass(frozen=True)
class FollowedView:
    """The grid `ThumbnailStore.follow_view` follows, without the widget (the store is
    headless Qt): the indexes of the cards on its screen now, and the signal scrolling emits."""

    on_screen: Callable[[], Iterable[QModelIndex]]
    scrolled: SignalInstance


class ThumbnailStore(QObject):
    """Cached portrait pixmaps by (human, size bucket, pixel ratio), loaded on demand.

    GUI thread only. Loads are deduplicated (one per rendition in flight), cancelled when
    the session changes (late answers of an old connection are dropped), and never retried
    from `paint()`: a failure stays FAILED until its automatic retry (transient errors
    only) or `retry_failed()`. They start visible first (see the module's docstring). A
    link renewed on the way is announced through the session's `humanRefreshed`.
    """

    thumbnailChanged = Signal(str)  # human id: a pixmap arrived, or it failed
    loadsFinished = Signal()  # the last load asked for has finished

    def __init__(
        self,
        pool: QThreadPool,
        cache_dir: Path | None,
        memory_limit_bytes: int = 64 * 2**20,
        disk_limit_bytes: int = 256 * 2**20,
        parent: QObject | None = None,
        transient_retry_delays: tuple[float, ...] = TRANSIENT_RETRY_DELAYS,
        scaled_limit_bytes: int = SCALED_LIMIT_BYTES,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._disk = DiskCache(cache_dir, disk_limit_bytes) if cache_dir is not None else None
        self._scaled = (
            DiskCache(cache_dir / SCALED_FOLDER, scaled_limit_bytes, suffix=".thumbnail")
            if cache_dir is not None
            else None
        )
        self.memory_limit_bytes = memory_limit_bytes
        self._retry_delays = transient_retry_delays
        self._session: CatalogSession | None = None
        self._accepting = True
        self._memory: OrderedDict[_Key, QPixmap] = OrderedDict()
        self._memory_bytes = 0
        self._keys_by_id: dict[str, set[_Key]] = {}
        self._in_flight: dict[_Key, workers.TaskHandle] = {}
        self._loads_at_once = min(MAX_LOADS_AT_ONCE, pool.maxThreadCount() + LOADS_QUEUED_IN_POOL)
        # Loads asked for during a paint join `_waiting` once it is over (see `_schedule`).
        self._asked: dict[_Key, tuple[DigitalHuman, int]] = {}
        self._waiting: dict[_Key, _Waiting] = {}
        self._turn = 0
        self._view: FollowedView | None = None
        self._visible: set[str] = set()  # on screen at the last `_start_asked`
        # Disk-cache misses from before the first session: asked again when it comes.
        self._awaiting: dict[_Key, DigitalHuman] = {}
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.setInterval(0)
        self._start_timer.timeout.connect(self._start_asked)
        self._failures: dict[str, _Failure] = {}
        self._attempts: dict[str, int] = {}
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry_due)

    # -- queries -------------------------------------------------------------------------

    @property
    def memory_bytes(self) -> int:
        """Bytes of pixmap data held in memory (width x height x 4 per rendition)."""
        return self._memory_bytes

    @property
    def idle(self) -> bool:
        """Whether no load is asked for, waiting or running (`loadsFinished` said so last)."""
        return not self._queued()

    @property
    def loads_at_once(self) -> int:
        """How many portrait loads run at the same time, at most."""
        return self._loads_at_once

    @property
    def disk_cache(self) -> DiskCache | None:
        return self._disk

    @property
    def scaled_cache(self) -> DiskCache | None:
        """The portraits kept at the sizes cards asked for (see the module's docstring)."""
        return self._scaled

    @property
    def pool(self) -> QThreadPool:
        """The pool loads run on (the detail panel's previews share it)."""
        return self._pool

    def pixmap(self, human: DigitalHuman, size: QSize, device_pixel_ratio: float) -> QPixmap | None:
        """The portrait covering `size` (logical px) at `device_pixel_ratio`, or None for now.

        The pixmap keeps the portrait's aspect ratio and is at least `size` in both directions
        (the caller crops). On a miss a load is queued and `thumbnailChanged` follows.
        """
        key = self._key(human, size, device_pixel_ratio)
        cached = self._memory.get(key)
        if cached is not None:
            self._memory.move_to_end(key)
            return cached
        if not self._is_failed(human):
            self._schedule(human, key, priority=0)
        return None

    def stand_in(self, human: DigitalHuman) -> QPixmap | None:
        """The largest pixmap of this portrait at any size: drawn scaled while the right one loads."""
        source = cache_key_path(human.avatar_url)
        keys = [key for key in self._keys_by_id.get(human.id, ()) if key.source == source]
        if not keys:
            return None
        return self._memory[max(keys, key=lambda key: key.width * key.height)]

    def state(self, human_id: str) -> ThumbState:
        if human_id in self._failures:
            return ThumbState.FAILED
        if self._keys_by_id.get(human_id):
            return ThumbState.READY
        return ThumbState.LOADING

    def error(self, human_id: str) -> str:
        failure = self._failures.get(human_id)
        return failure.message if failure is not None else ""

    # -- commands ------------------------------------------------------------------------

    def prefetch(
        self, humans: Iterable[DigitalHuman], size: QSize, device_pixel_ratio: float
    ) -> None:
        """Warm up renditions for rows about to scroll into view, behind every visible card."""
        for human in humans:
            if self._queued() >= PREFETCH_QUEUE_LIMIT:
                return
            key = self._key(human, size, device_pixel_ratio)
            if key not in self._memory and not self._is_failed(human):
                self._schedule(human, key, priority=-1)

    def follow_view(self, view: FollowedView | None) -> None:
        """Start the loads of `view`'s visible cards first, and drop waiting loads of cards
        that scrolled out of it. `view` shows humans (HUMAN_ROLE); None stops following
        (every load asked for is then kept until it is done)."""
        if self._view is not None:
            self._view.scrolled.disconnect(self._on_scrolled)
        self._view = view
        if view is not None:
            view.scrolled.connect(self._on_scrolled)

    def retry_failed(self) -> None:
        """Forget every failure so the cards on screen ask again (the window's Retry button)."""
        failed = list(self._failures)
        self._failures.clear()
        self._attempts.clear()
        self._retry_timer.stop()
        for human_id in failed:
            self.thumbnailChanged.emit(human_id)

    def set_session(self, session: CatalogSession | None) -> None:
        """Load through another connection; queued loads of the old one are cancelled.

        Pixmaps stay: their keys include the URL's host and path, so they cannot be mistaken
        for another app's portraits, and the demo's cards come back instantly. The first
        session keeps the disk-cache loads started before it, and takes over their misses.
        """
        if self._session is not None:
            self._cancel_queued()
            self._awaiting.clear()
        self._session = session
        self._accepting = True
        self._failures.clear()
        self._attempts.clear()
        self._retry_timer.stop()
        if session is not None:
            awaiting, self._awaiting = self._awaiting, {}
            for key, human in awaiting.items():
                self._schedule(human, key, priority=0)

    def shutdown(self) -> None:
        """Cancel queued loads and ignore the ones already running; used when the window closes."""
        self._cancel_queued()
        self._session = None
        self._accepting = False
        self._retry_timer.stop()

    # -- internals -----------------------------------------------------------------------

    @staticmethod
    def _key(human: DigitalHuman, size: QSize, device_pixel_ratio: float) -> _Key:
        pixels = bucket_size(size, device_pixel_ratio)
        return _Key(
            human.id,
            cache_key_path(human.avatar_url),
            pixels.width(),
            pixels.height(),
            round(device_pixel_ratio, 2),
        )

    def _is_failed(self, human: DigitalHuman) -> bool:
        failure = self._failures.get(human.id)
        if failure is None:
            return False
        if failure.source != cache_key_path(human.avatar_url):
            # Another portrait file (the human was refreshed elsewhere): worth a new try.
            del self._failures[human.id]
            return False
        return True

    def _schedule(self, human: DigitalHuman, key: _Key, priority: int) -> None:
        """Ask for a load; it starts when control is back in the event loop.

        `pixmap()` is called from `paint()`: a load started there at once runs its download
        in a worker thread for the rest of the paint, and the two take turns at the GIL,
        which made the paint of a freshly scrolled-to page (all misses) three times slower.
        """
        if key in self._in_flight:
            return
        asked = self._asked.get(key)
        if asked is not None and asked[1] >= priority:
            return
        self._asked[key] = (human, priority)
        self._start_timer.start()

    @Slot(int)
    def _on_scrolled(self, _position: int) -> None:
        self._start_timer.start()  # drop what left the screen once control is back

    @property
    def busy(self) -> bool:
        """Whether portrait loads are asked for, waiting or running (`loadsFinished` follows)."""
        return self._queued() > 0

    def _queued(self) -> int:
        return len(self._in_flight) + len(self._asked) + len(self._waiting)

    @Slot()
    def _start_asked(self) -> None:
        """After a paint or a scroll: the loads it asked for wait with the others (asked
        again: as if new), those of cards that left the screen are dropped, and the best
        waiting ones start."""
        asked, self._asked = self._asked, {}
        session = self._session
        if not self._accepting or (session is not None and session.closed):
            return
        if asked:
            self._turn += 1
        for key, (human, asked_priority) in asked.items():
            # Asked again: as if new, but a prefetch never lowers what a card's paint asked
            # (a card's load is dropped when it leaves the screen; a prefetch's is not).
            earlier = self._waiting.pop(key, None)
            priority = asked_priority if earlier is None else max(asked_priority, earlier.priority)
            self._waiting[key] = _Waiting(human, priority, self._turn)
        visible = self._visible_ids()
        self._visible = visible or set()
        if visible is not None and self._drop_left_screen(visible):
            self._report_if_done()  # what was dropped will not finish
        self._start_waiting()

    def _visible_ids(self) -> set[str] | None:
        """The humans on the followed view's screen; None without a view."""
        if self._view is None:
            return None
        return {human.id for human in map(human_at, self._view.on_screen()) if human is not None}

    def _drop_left_screen(self, visible: set[str]) -> bool:
        """Forget card loads of humans that are not on screen any more; True if any.

        Card loads are those at a size a visible card uses; others (the details panel's
        larger portrait, prefetches) stay. Loads handed to the pool are cancelled too: one
        still queued there never starts, one already running finishes and is kept, but no
        longer holds a place the cards on screen need.
        """
        shown_keys = [key for human_id in visible for key in self._keys_by_id.get(human_id, ())]
        shown_keys += [key for key in self._waiting if key.human_id in visible]
        card_sizes = {(key.width, key.height, key.dpr) for key in shown_keys}
        left = [
            key
            for key, waiting in self._waiting.items()
            if key.human_id not in visible
            and waiting.priority == 0
            and (key.width, key.height, key.dpr) in card_sizes
        ]
        for key in left:
            del self._waiting[key]
        started = [
            key
            for key in self._in_flight
            if key.human_id not in visible and (key.width, key.height, key.dpr) in card_sizes
        ]
        for key in started:
            self._in_flight.pop(key).withdraw()
        return bool(left or started)

    def _start_waiting(self) -> None:
        """Start waiting loads while fewer than `_loads_at_once` run: visible cards first
        (as of the last scroll or paint that asked), then by priority, then the most
        recently asked (in the order asked)."""
        if not self._waiting or len(self._in_flight) >= self._loads_at_once:
            return
        visible = self._visible
        best = heapq.nsmallest(
            self._loads_at_once - len(self._in_flight),
            enumerate(self._waiting.items()),
            key=lambda entry: (
                entry[1][0].human_id not in visible,
                -entry[1][1].priority,
                -entry[1][1].turn,
                entry[0],  # the order asked in
            ),
        )
        parts = self._session.parts if self._session is not None else None
        for _number, (key, waiting) in best:
            del self._waiting[key]
            target = QSize(key.width, key.height)
            self._in_flight[key] = workers.run(
                partial(load_portrait, parts, self._disk, waiting.human, target, self._scaled),
                partial(self._on_loaded, key),
                partial(self._on_failed, key),
                owner=self,
                pool=self._pool,
                priority=waiting.priority,
            )

    def _cancel_queued(self) -> None:
        self._asked.clear()
        self._waiting.clear()
        self._start_timer.stop()
        self._in_flight.clear()
        workers.cancel_all(self)  # those running after they left the screen too

    def _finished(self, key: _Key) -> None:
        self._in_flight.pop(key, None)
        self._start_waiting()

    def _on_loaded(self, key: _Key, result: _Loaded) -> None:
        self._finished(key)
        pixmap = QPixmap.fromImage(result.image)
        pixmap.setDevicePixelRatio(key.dpr)
        self._remember(key, pixmap)
        self._attempts.pop(key.human_id, None)
        self._failures.pop(key.human_id, None)
        if result.fresh is not None and self._session is not None:
            self._session.humanRefreshed.emit(result.fresh)
        self.thumbnailChanged.emit(key.human_id)
        self._report_if_done()

    def _on_failed(self, key: _Key, failure: workers.TaskError) -> None:
        self._finished(key)
        error = failure.error
        if isinstance(error, AwaitingConnection):  # not a failure: no session yet
            if self._session is None:
                self._awaiting[key] = error.human
                self._report_if_done()
            else:
                self._schedule(error.human, key, priority=0)
            return
        attempts = self._attempts.get(key.human_id, 0) + 1
        self._attempts[key.human_id] = attempts
        retry_at = None
        if (
            isinstance(error, DhError)
            and is_transient(error)
            and attempts <= len(self._retry_delays)
        ):
            retry_at = time.monotonic() + self._retry_delays[attempts - 1]
        self._failures[key.human_id] = _Failure(key.source, failure.text, retry_at)
        self._arm_retry_timer()
        self.thumbnailChanged.emit(key.human_id)
        self._report_if_done()

    def _report_if_done(self) -> None:
        if not self._queued():
            self.loadsFinished.emit()

    def _remember(self, key: _Key, pixmap: QPixmap) -> None:
        old = self._memory.pop(key, None)
        if old is not None:
            self._memory_bytes -= _pixmap_bytes(old)
        self._memory[key] = pixmap
        self._memory_bytes += _pixmap_bytes(pixmap)
        self._keys_by_id.setdefault(key.human_id, set()).add(key)
        # The newest rendition always stays, even alone over the bound: evicting what was just
        # asked for would make the card ask again forever.
        while self._memory_bytes > self.memory_limit_bytes and len(self._memory) > 1:
            evicted_key, evicted = self._memory.popitem(last=False)
            self._memory_bytes -= _pixmap_bytes(evicted)
            keys = self._keys_by_id[evicted_key.human_id]
            keys.discard(evicted_key)
            if not keys:
                del self._keys_by_id[evicted_key.human_id]

    def _arm_retry_timer(self) -> None:
        due = [failure.retry_at for failure in self._failures.values() if failure.retry_at]
        if due:
            delay_ms = max(0, math.ceil((min(due) - time.monotonic()) * 1000))
            self._retry_timer.start(delay_ms)
        else:
            self._retry_timer.stop()

    @Slot()
    def _retry_due(self) -> None:
        now = time.monotonic()
        due = [
            human_id
            for human_id, failure in self._failures.items()
            if failure.retry_at is not None and failure.retry_at <= now
        ]
        for human_id in due:
            del self._failures[human_id]
        self._arm_retry_timer()
        for human_id in due:
            self.thumbnailChanged.emit(human_id)


def _pixmap_bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
