"""A token bucket that keeps every thread calling one app's API under ZEGO's 10 requests/second.

ZEGO counts requests per app in any one-second window. A bucket of one token refilled at
98 % of the documented rate spaces requests 102 ms apart, so no one-second window as the
server sees it can hold more than 10 even with a few milliseconds of scheduling jitter
between our send time and its arrival time. A larger `burst` trades that guarantee for
latency; keep it at 1 against the real service.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from dhbrowser.api.errors import Cancelled

API_REQUESTS_PER_SECOND = 10.0
SAFETY_FACTOR = 0.98


class RateLimiter:
    """Generic cell-rate form of a token bucket: each caller reserves the next free slot."""

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self._interval = 1.0 / rate
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._lock = threading.Lock()
        self._theoretical_arrival = 0.0

    def reserve(self) -> float:
        """Take the next slot and return how many seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            start = max(self._theoretical_arrival, now)
            self._theoretical_arrival = start + self._interval
            return max(0.0, start - self._tolerance - now)

    def acquire(self, cancel: threading.Event | None = None) -> None:
        """Block until this caller may send; raise Cancelled if `cancel` is set meanwhile."""
        delay = self.reserve()
        if cancel is None:
            if delay:
                time.sleep(delay)
            return
        if cancel.wait(delay) or cancel.is_set():
            raise Cancelled("cancelled while waiting for the rate limit")


_shared: dict[tuple[str, int], RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(
    endpoint: str, app_id: int, requests_per_second: float = API_REQUESTS_PER_SECOND
) -> RateLimiter:
    """The one limiter all clients of this app on this endpoint share, across threads."""
    key = (endpoint.rstrip("/"), app_id)
    with _shared_lock:
        limiter = _shared.get(key)
        rate = requests_per_second * SAFETY_FACTOR
        if limiter is None or limiter.rate != rate:
            limiter = _shared[key] = RateLimiter(rate)
        return limiter
