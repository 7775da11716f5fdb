"""Which connection the window browses: opening it off the GUI thread, and switching.

The window only shows what this reports: `sessionChanged` hands it the new session (the
old one is closed and deleted right after), `failed` says in words what did not open.
Every open is asynchronous, the path users take: the keyring read, the demo's emulator and
the HTTP clients (httpx's import) stay off the GUI thread, which meanwhile paints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from dhbrowser.core.connection import Connection, connection_for
from dhbrowser.core.profiles import MissingSecret, ProfileError
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.settings import ProfileSettings

if TYPE_CHECKING:
    from dhbrowser.qt.session import CatalogSession, SessionParts

log = logging.getLogger(__name__)

#: The worker key of the connection being opened: only the newest opening is used.
_OPENING = "opening a connection"


@dataclass(frozen=True, slots=True)
class ProfileAccess:
    """Where the profiles come from: their settings, their secrets, and the demo catalog
    that is browsed when no profile is (or when one cannot open)."""

    settings: ProfileSettings
    secrets: SecretStore
    demo_connection: Callable[[], Connection]


@dataclass(frozen=True, slots=True)
class _Request:
    """What one open was for, so that its answer can be acted on."""

    #: The profile asked for: None for the demo or for a connection given as it is.
    profile: str | None
    #: The connection given as it is (`open`); None for a profile or the demo.
    connection: Connection | None = None
    #: Once open, it is the profile to open next time (the user chose it).
    remember: bool = True


class SessionController(QObject):
    """Owns the browsed `CatalogSession`; the newest request wins, older answers are dropped."""

    #: The new CatalogSession. Its receivers switch to it; the old one is closed after.
    sessionChanged = Signal(object)
    #: What could not open, in words; and the profile whose secret to ask for ("" none).
    failed = Signal(str, str)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self.session: CatalogSession | None = None
        self.profiles: ProfileAccess | None = None

    def open(self, connection: Connection) -> None:
        """Browse `connection` as it is (no profile behind it: tests, benchmarks)."""
        self._start(_Request(None, connection, remember=False), connection)

    def switch_profile(self, name: str | None) -> None:
        """Browse profile `name`, or the demo for None (needs `profiles`)."""
        profiles = self.profiles
        if profiles is None:
            return
        if name is None:
            self._start(_Request(None), profiles.demo_connection)
            return
        self._start(
            _Request(name),
            lambda: connection_for(name, profiles.settings, profiles.secrets),
        )

    def profile_removed(self, name: str) -> None:
        """A removed profile that is browsed gives way to the demo."""
        connection = self.session.connection if self.session is not None else None
        if connection is not None and connection.label == name and not connection.is_demo:
            self.switch_profile(None)

    def shutdown(self) -> None:
        """Drop the answers of opens still running and close the session; safe twice."""
        workers.cancel_all(self, _OPENING)
        if self.session is not None:
            self.session.close()
        if self.profiles is not None:
            self.profiles.secrets.abandon()  # a pending keyring prompt must not hold the exit

    # -- the opens ------------------------------------------------------------------------------

    def _start(self, request: _Request, connection: Connection | Callable[[], Connection]) -> None:
        def open_parts() -> SessionParts:
            from dhbrowser.qt.session import SessionParts

            return SessionParts.open(
                connection if isinstance(connection, Connection) else connection()
            )

        # The newest open supersedes the others: their answers are dropped.
        workers.run(
            open_parts,
            partial(self._on_opened, request),
            partial(self._on_open_failed, request),
            owner=self,
            pool=self._pool,
            key=_OPENING,
            priority=2,
        )

    def _on_opened(self, request: _Request, parts: SessionParts) -> None:
        from dhbrowser.qt.session import CatalogSession

        old = self.session
        self.session = CatalogSession(
            parts.connection, self._pool, parent=self, client=parts.client, fetcher=parts.fetcher
        )
        self.sessionChanged.emit(self.session)
        if old is not None:
            old.close()
            old.deleteLater()
        if request.remember and self.profiles is not None:
            try:
                self.profiles.settings.set_active(request.profile)
            except ProfileError as error:  # a read-only settings folder: the storage banner says so
                log.warning("the profile to open next time is not saved: %s", error)

    def _on_open_failed(self, request: _Request, failure: workers.TaskError) -> None:
        if request.connection is not None:
            self.failed.emit(
                translate("MainWindow", "Cannot connect to {label}: {hint}").format(
                    label=request.connection.label, hint=failure.text
                ),
                "",
            )
            return
        if request.profile is None:
            self.failed.emit(
                translate("MainWindow", "The demo catalog cannot start: {problem}").format(
                    problem=failure.text
                ),
                "",
            )
            return
        if self.session is None and self.profiles is not None:
            # Something to browse while the user fixes it; not the user's choice, so the
            # profile to open next time stays the one that failed.
            self._start(
                _Request(None, remember=False),
                self.profiles.demo_connection,
            )
        self.failed.emit(
            translate("MainWindow", "Could not open profile {name}: {problem}").format(
                name=request.profile, problem=failure.text
            ),
            request.profile if isinstance(failure.error, MissingSecret) else "",
        )
