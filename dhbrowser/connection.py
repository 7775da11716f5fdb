"""What the app is connected to: the embedded demo emulator, or a profile's real app."""

from __future__ import annotations

from dataclasses import dataclass, field

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.secret import Secret


@dataclass(frozen=True)
class Connection:
    """Everything needed to talk to one app. `secret` masks itself in repr."""

    label: str
    app_id: int
    endpoint: str
    secret: Secret = field(repr=False)
    is_demo: bool = False

    def client(self) -> DigitalHumanClient:
        return DigitalHumanClient(self.app_id, self.secret, self.endpoint)
