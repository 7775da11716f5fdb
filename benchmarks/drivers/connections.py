"""The connections the drivers give the app: the demo's, and one that does not pace itself.

Apart from qt_support so that the cold-start driver, which imports qt_support, does not
import httpx or the emulator before the app does.
"""

from __future__ import annotations

from dataclasses import dataclass

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.ratelimit import RateLimiter
from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET


def demo_connection(endpoint: str) -> Connection:
    """The connection `dhbrowser --demo` makes to its emulator, here at `endpoint`."""
    return Connection("Demo catalog", DEMO_APP_ID, endpoint, Secret(DEMO_SERVER_SECRET), True)


@dataclass(frozen=True)
class UnpacedConnection(Connection):
    """A demo connection whose client does not pace itself to 10 requests a second.

    For benchmarks that need a large catalog loaded quickly to measure something else
    (scrolling, memory), against an emulator started without a rate limit.
    """

    def client(self) -> DigitalHumanClient:
        unlimited = RateLimiter(1_000_000)
        return DigitalHumanClient(self.app_id, self.secret, self.endpoint, rate_limiter=unlimited)


def unpaced_connection(endpoint: str) -> UnpacedConnection:
    return UnpacedConnection(
        "Demo catalog", DEMO_APP_ID, endpoint, Secret(DEMO_SERVER_SECRET), True
    )
