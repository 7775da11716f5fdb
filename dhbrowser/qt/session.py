"""One connection's live state: its API client, media fetcher, and background work.

A new session replaces the old one when the user switches profile; closing the old one
cancels its waits and reads, and each receiver cancels the work it started through the old
one, so late answers are dropped (see `workers`). Workers get the session's Qt-free `parts`, never
the session: the window deletes it on a switch while their work may still run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, QThreadPool, Signal

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.media import MediaFetcher
from dhbrowser.api.models import DigitalHuman
from dhbrowser.core.connection import Connection
from dhbrowser.qt import workers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionParts:
    """What a session needs that is slow to make the first time (httpx's import, the
    emulator's start), made in a worker by `open` so the GUI thread only assembles it."""

    connection: Connection
    client: DigitalHumanClient
    fetcher: MediaFetcher

    @classmethod
    def open(cls, connection: Connection) -> SessionParts:
        return cls(connection, connection.client(), connection.fetcher())


class CatalogSession(QObject):
    """The API client and media fetcher of one connection, and its refreshes of expired URLs."""

    humanRefreshed = Signal(object)  # DigitalHuman with freshly signed URLs
    refreshFailed = Signal(str, str)  # human id, what to tell the user

    def __init__(
        self,
        connection: Connection,
        pool: QThreadPool,
        client: DigitalHumanClient | None = None,
        parent: QObject | None = None,
        fetcher: MediaFetcher | None = None,
    ) -> None:
        client = client or connection.client()  # raises before anything is half-built
        super().__init__(parent)
        self.connection = connection
        self.pool = pool
        self.client = client
        self.fetcher = fetcher or connection.fetcher()
        self.parts = SessionParts(connection, client, self.fetcher)
        self._refreshing: set[str] = set()
        self.closed = False

    def refresh_human(self, human_id: str) -> None:
        """Ask GetDigitalHumanInfo for fresh URLs in the background (once at a time per id)."""
        if self.closed or human_id in self._refreshing:
            return
        self._refreshing.add(human_id)
        workers.run(
            partial(self.client.get_info, human_id),
            partial(self._on_refreshed, human_id),
            partial(self._on_refresh_failed, human_id),
            owner=self,
            pool=self.pool,
            priority=1,
        )

    def close(self) -> None:
        """Cancel everything of this session; safe to call twice."""
        self.closed = True
        self.client.close()
        self.fetcher.close()

    def _on_refreshed(self, human_id: str, human: DigitalHuman) -> None:
        self._refreshing.discard(human_id)
        if not self.closed:
            self.humanRefreshed.emit(human)

    def _on_refresh_failed(self, human_id: str, failure: workers.TaskError) -> None:
        self._refreshing.discard(human_id)
        if not self.closed:
            self.refreshFailed.emit(human_id, failure.text)
