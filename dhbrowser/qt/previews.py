"""Action previews, fetched by dhbrowser itself into a bounded disk cache, played from there.

QtMultimedia never sees a server's URL: FFmpeg, given one, opens `file:` paths, follows
redirects and picks protocols by itself. Instead the preview is downloaded by the
MediaFetcher (the one URL policy on the link and on every redirect hop, a size cap, an
expired link renewed once through GetDigitalHumanInfo) into a DiskCache folder, and the
player, "Open in player" and "Save preview" all use the local file. Replays, and previews
seen before while offline, come from the cache.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QThreadPool, Signal

from dhbrowser.api.errors import DhError, HttpStatusError, NetworkError, ProtocolError, describe
from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.urls import check_media_url
from dhbrowser.core.disk_cache import DiskCache
from dhbrowser.core.mp4 import preview_duration_ms
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate

if TYPE_CHECKING:
    from dhbrowser.api.client import DigitalHumanClient
    from dhbrowser.api.media import MediaFetcher
    from dhbrowser.qt.session import CatalogSession

#: Previews are a few seconds of video (the demo's are under 1 MiB); anything this large is not one.
MAX_PREVIEW_BYTES = 128 * 2**20
#: The preview folder's bound; well above one preview, so the newest is never evicted at once.
PREVIEW_CACHE_BYTES = 1024 * 2**20
NOT_CACHED_OFFLINE = str(
    QT_TRANSLATE_NOOP(
        "previews",
        "This preview has not been downloaded yet, and dhbrowser is not connected to download it.",
    )
)


class PreviewError(DhError):
    """A preview that cannot be played; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class Fetched:
    path: Path  # the local file in the preview cache
    fresh: DigitalHuman | None  # the human with re-signed URLs, if the old link had expired
    duration_ms: int | None = None  # what the file's movie header declares, if readable


#: How the window's messages name a preview's link: the panel around them names the human
#: and the action already, and the video area has room for a few short lines only.
IN_WINDOW = str(QT_TRANSLATE_NOOP("previews", "preview link"))


def fetch_preview(
    fetcher: MediaFetcher | None,
    client: DigitalHumanClient | None,
    cache: DiskCache,
    human: DigitalHuman,
    action_name: str,
    cancel: threading.Event | None = None,
    whose: str = "",
    *,
    use_cache: bool = True,
) -> Fetched:
    """Worker side: the local file of `human`'s preview of `action_name`, downloaded if need be.

    Without a fetcher and client (no connection) only the cache is looked at. `whose` names
    the link in messages (by default "preview link of <name> / <action>"). `use_cache`
    False downloads again even if the file is cached (it would not play).
    """
    url = human.preview_url(action_name)
    if not url:
        raise PreviewError(translate("previews", "This action has no preview."))
    whose = whose or translate("previews", "preview link of {name} / {action}").format(
        name=human.name, action=action_name
    )
    check_media_url(url, whose)  # a refused link is refused even if a file of its name is cached
    cached = cache.find(human.id, url) if use_cache else None
    if cached is not None:
        return Fetched(cached, None, preview_duration_ms(cached))
    if fetcher is None or client is None:
        raise PreviewError(translate("previews", NOT_CACHED_OFFLINE))
    from dhbrowser.api.media import MediaExpired, renewing  # httpx: off the start-up path

    def download(link: str) -> Path:
        return cache.store(
            human.id,
            link,
            lambda file: fetcher.download(link, file, MAX_PREVIEW_BYTES, whose, cancel),
        )

    try:
        path, fresh = renewing(
            client, human, lambda record: record.preview_url(action_name), download
        )
    except MediaExpired as error:
        raise PreviewError(
            translate(
                "previews",
                "The preview could not be loaded: its link was refused even after renewing it ({problem}).",
            ).format(problem=error)
        ) from None
    except HttpStatusError as error:
        raise PreviewError(
            translate(
                "previews", "The preview could not be loaded ({problem}): retry later."
            ).format(problem=error)
        ) from None
    except ProtocolError as error:
        raise PreviewError(
            translate("previews", "The preview could not be loaded: {problem}.").format(
                problem=error.detail
            )
        ) from None
    except NetworkError as error:
        raise PreviewError(
            translate(
                "previews",
                "The preview could not be loaded ({problem}): check your network and retry.",
            ).format(problem=error)
        ) from None
    except OSError as error:
        raise PreviewError(
            translate(
                "previews", "The preview cannot be stored in the cache folder: {problem}"
            ).format(problem=describe(error))
        ) from None
    return Fetched(path, fresh, preview_duration_ms(path))


def cached_durations(
    cache: DiskCache, human_id: str, previews: tuple[tuple[str, str], ...]
) -> dict[str, int]:
    """Worker side: the lengths of those of `previews` ((action, URL) pairs) that are in the
    cache already, by action; nothing is downloaded."""
    found: dict[str, int] = {}
    for action_name, url in previews:
        path = cache.find(human_id, url)
        duration = preview_duration_ms(path) if path is not None else None
        if duration is not None:
            found[action_name] = duration
    return found


class PreviewLoad:
    """One fetch in flight; `cancel()` stops its download and drops its answer."""

    def __init__(
        self,
        human: DigitalHuman,
        action_name: str,
        on_ready: Callable[[Path], None],
        on_failed: Callable[[str], None],
        priority: int = 1,
    ) -> None:
        self.human = human
        self.action_name = action_name
        self.on_ready = on_ready
        self.on_failed = on_failed
        self.priority = priority
        self.event = threading.Event()
        self.handle: workers.TaskHandle | None = None

    @property
    def cancelled(self) -> bool:
        return self.event.is_set()

    def cancel(self) -> None:
        self.event.set()
        if self.handle is not None:
            self.handle.cancel()


class PreviewStore(QObject):
    """Fetches previews into the cache on the pool; GUI thread only.

    `directory` None (no cache folder can be written): a temporary folder that goes with
    the process. Fresh links found on the way are announced through the session's
    `humanRefreshed`, where the window already takes them. The durations of the previews
    it fetched are kept for the action chips (`duration`, announced by `durationKnown`).
    """

    durationKnown = Signal(str, str)  # human id, action name: `duration` has it now

    def __init__(
        self,
        pool: QThreadPool,
        directory: Path | None,
        limit_bytes: int = PREVIEW_CACHE_BYTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if directory is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="dhbrowser-previews-")
            directory = Path(self._temporary.name)
        self.cache = DiskCache(directory, limit_bytes, suffix=".mp4")
        self._session: CatalogSession | None = None
        self._loads: list[PreviewLoad] = []
        self._stale: set[tuple[str, str]] = set()  # (human id, action): skip the cache once
        self._durations: dict[tuple[str, str], int] = {}  # (human id, action): milliseconds

    def set_session(self, session: CatalogSession | None) -> None:
        """Download through `session` from now on; loads in flight start again through it
        (the old session's downloads end with it, and their answers are dropped)."""
        self._session = session
        loads, self._loads = self._loads, []
        for load in loads:
            if not load.cancelled:
                if load.handle is not None:
                    load.handle.cancel()
                self._start(load)

    def load(
        self,
        human: DigitalHuman,
        action_name: str,
        on_ready: Callable[[Path], None],
        on_failed: Callable[[str], None],
        priority: int = 1,
    ) -> PreviewLoad:
        """Get the preview's local file in the background; exactly one callback follows,
        on the GUI thread, unless the load is cancelled first. `priority` places it in the
        shared pool (portraits are 0: a hover's preview goes below them)."""
        load = PreviewLoad(human, action_name, on_ready, on_failed, priority)
        self._start(load)
        return load

    def _start(self, load: PreviewLoad) -> None:
        # A cancelled download ends without an answer: forget it here instead.
        self._loads = [old for old in self._loads if not old.cancelled]
        self._loads.append(load)
        load.handle = workers.run(
            self.fetch_job(load.human, load.action_name, load.event),
            partial(self._on_ready, load),
            partial(self._on_failed, load),
            owner=self,
            pool=self._pool,
            priority=load.priority,
        )

    def fetch_job(
        self, human: DigitalHuman, action_name: str, cancel: threading.Event | None = None
    ) -> Callable[[], Fetched]:
        """The worker's half of a load, for callers that do more with the file in the same worker."""
        session = self._session
        usable = session is not None and not session.closed
        stale = usable and (human.id, action_name) in self._stale
        if stale:
            self._stale.discard((human.id, action_name))
        return partial(
            fetch_preview,
            session.fetcher if usable and session is not None else None,
            session.client if usable and session is not None else None,
            self.cache,
            human,
            action_name,
            cancel,
            translate("previews", IN_WINDOW),
            use_cache=not stale,
        )

    @property
    def pool(self) -> QThreadPool:
        return self._pool

    def duration(self, human_id: str, action_name: str) -> int | None:
        """The length of a preview fetched before, in milliseconds; None while unknown."""
        return self._durations.get((human_id, action_name))

    def note_duration(self, human_id: str, action_name: str, milliseconds: int | None) -> None:
        """Keep a preview's length (from its header, or from the player once it loaded)."""
        key = (human_id, action_name)
        if milliseconds is not None and milliseconds > 0 and key not in self._durations:
            self._durations[key] = milliseconds
            self.durationKnown.emit(human_id, action_name)

    def probe_durations(self, human: DigitalHuman) -> None:
        """Read the lengths of `human`'s previews that are cached (seen before, hovered)
        in the background, below every other load; each one found is announced."""
        unknown = tuple(
            (action.name, action.preview_url)
            for action in human.actions
            if action.preview_url and (human.id, action.name) not in self._durations
        )
        if unknown:
            workers.run(  # a failure is only logged: the lengths come again from the player
                partial(cached_durations, self.cache, human.id, unknown),
                partial(self._on_probed, human.id),
                owner=self,
                pool=self._pool,
                priority=-3,
            )

    def _on_probed(self, human_id: str, durations: dict[str, int]) -> None:
        for action_name, milliseconds in durations.items():
            self.note_duration(human_id, action_name, milliseconds)

    def forget(self, human: DigitalHuman, action_name: str) -> None:
        """Do not trust the cached file of a preview that would not play: the next load
        downloads it again (and replaces the file)."""
        self._stale.add((human.id, action_name))

    def _finished(self, load: PreviewLoad) -> bool:
        """Forget a load that answered; whether its answer is still wanted."""
        if load in self._loads:
            self._loads.remove(load)
        return not load.cancelled

    def _on_ready(self, load: PreviewLoad, result: Fetched) -> None:
        if not self._finished(load):
            return
        session = self._session
        if result.fresh is not None and session is not None and not session.closed:
            session.humanRefreshed.emit(result.fresh)
        self.note_duration(load.human.id, load.action_name, result.duration_ms)
        load.on_ready(result.path)

    def _on_failed(self, load: PreviewLoad, failure: workers.TaskError) -> None:
        if self._finished(load):
            load.on_failed(failure.text)
