"""What the app is connected to: the embedded demo emulator, or a profile's real app."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from dhbrowser.api.models import FetchMode
from dhbrowser.api.secret import Secret
from dhbrowser.core.profiles import MissingSecret, Profile, ProfileError
from dhbrowser.i18n import _

if TYPE_CHECKING:
    from dhbrowser.api.client import DigitalHumanClient
    from dhbrowser.api.media import MediaFetcher
    from dhbrowser.core.secret_store import SecretStore

log = logging.getLogger(__name__)

#: How long `Connection.client()` waits for a connection `open_early` is still opening.
EARLY_WAIT_SECONDS = 10.0


@dataclass(frozen=True)
class Connection:
    """Everything needed to talk to one app. `secret` masks itself in repr.

    `trusted_ca` (PEM) is one more CA this connection's API and media clients trust: the
    emulator's test CA, so that tests and benchmarks run over real, verified TLS.
    """

    label: str
    app_id: int
    endpoint: str
    secret: Secret = field(repr=False)
    is_demo: bool = False
    trusted_ca: str | None = field(default=None, repr=False)

    def client(self) -> DigitalHumanClient:
        """A client of this app: the one `open_early` opened for it, if any (once), else a
        new one. httpx is imported here, by whoever connects first (a worker, in the app),
        not by everything that names a connection."""
        early = _EARLY.take(self)
        return early if early is not None else self._new_client()

    def _new_client(self) -> DigitalHumanClient:
        from dhbrowser.api.client import DigitalHumanClient

        return DigitalHumanClient(
            self.app_id, self.secret, self.endpoint, trusted_ca=self.trusted_ca
        )

    def fetcher(self) -> MediaFetcher:
        """A media fetcher that trusts what this connection's client trusts."""
        from dhbrowser.api.media import MediaFetcher

        return MediaFetcher(trusted_ca=self.trusted_ca)


def open_early(connect: Callable[[], Connection], fetch_mode: FetchMode) -> None:
    """Connect and send the first list request now, in a thread, while Qt starts.

    The window connects later (in a worker, after its first paint); `Connection.client()`
    then hands it this client, whose first page is on its way or already in. A failure here
    is only logged: the window connects again and explains it.
    """
    _EARLY.begin()

    def run() -> None:
        client = connection = None
        try:
            connection = connect()
            client = connection._new_client()
            client.start_early(fetch_mode=fetch_mode)
        except Exception:
            log.info("could not connect early; the window will try again", exc_info=True)
        finally:
            _EARLY.finish(connection, client)

    threading.Thread(target=run, name="dhbrowser-early-connection", daemon=True).start()


def discard_early() -> None:
    """Close the client `open_early` opened if no window took it (the command is ending),
    now or, while it is still connecting, as soon as it is made."""
    _EARLY.discard()


class _EarlyClient:
    """The one client `open_early` opens, until a `Connection.client()` of its app takes it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._opened = threading.Event()
        self._opened.set()
        self._connection: Connection | None = None
        self._client: DigitalHumanClient | None = None
        self._discarded = False

    def begin(self) -> None:
        with self._lock:
            self._discarded = False
        self._opened.clear()

    def finish(self, connection: Connection | None, client: DigitalHumanClient | None) -> None:
        with self._lock:
            keep = not self._discarded
            if keep:
                self._connection, self._client = connection, client
        if not keep and client is not None:
            client.close()
        self._opened.set()

    def discard(self) -> None:
        with self._lock:
            self._discarded = True
            client, self._client, self._connection = self._client, None, None
        if client is not None:
            client.close()

    def take(self, connection: Connection) -> DigitalHumanClient | None:
        if not self._opened.wait(EARLY_WAIT_SECONDS):
            return None
        with self._lock:
            if self._client is None or self._connection != connection:
                return None
            client, self._client, self._connection = self._client, None, None
            return client


_EARLY = _EarlyClient()


class ProfileSource(Protocol):
    """Where the profiles are kept (dhbrowser.qt.settings.ProfileSettings, in QSettings)."""

    def active(self) -> str | None: ...

    def require(self, name: str) -> Profile: ...


def connection_for(
    profile_name: str | None, settings: ProfileSource, secrets: SecretStore
) -> Connection:
    """A connection to the named profile's app (None: the active profile).

    Raises ProfileError when there is no such profile or no stored secret, and
    KeyringUnavailable when the keyring cannot be read; both carry a `hint`. It reads the
    keyring, which may wait on an unlock prompt: call it from a worker in the GUI.
    """
    name = profile_name if profile_name is not None else settings.active()
    if name is None:
        raise ProfileError(
            _(
                "No profile is active: connect an app first (Profile ▸ Connect an app…, or "
                "`dhbrowser profile add`)."
            )
        )
    profile = settings.require(name)
    secret = secrets.get(name)
    if secret is None:
        raise MissingSecret(name)
    return Connection(
        label=profile.name, app_id=profile.app_id, endpoint=profile.endpoint, secret=secret
    )
