"""What the app is connected to: the embedded demo emulator, or a profile's real app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dhbrowser.api.secret import Secret

if TYPE_CHECKING:
    from dhbrowser.api.client import DigitalHumanClient
    from dhbrowser.api.media import MediaFetcher


@dataclass(frozen=True)
class Connection:
    """Everything needed to talk to one app. `secret` masks itself in repr.

    `trusted_ca` (PEM) replaces the public CAs for this connection's API and media: the
    emulator's test CA, so that tests and benchmarks run over real, verified TLS.
    """

    label: str
    app_id: int
    endpoint: str
    secret: Secret = field(repr=False)
    is_demo: bool = False
    trusted_ca: str | None = field(default=None, repr=False)

    def client(self) -> DigitalHumanClient:
        """A client of this app. httpx is imported here, by whoever connects first (a
        worker, in the app), not by everything that names a connection."""
        from dhbrowser.api.client import DigitalHumanClient

        return DigitalHumanClient(
            self.app_id, self.secret, self.endpoint, trusted_ca=self.trusted_ca
        )

    def fetcher(self) -> MediaFetcher:
        """A media fetcher that trusts what this connection's client trusts."""
        from dhbrowser.api.media import MediaFetcher

        return MediaFetcher(trusted_ca=self.trusted_ca)
