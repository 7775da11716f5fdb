"""A token bucket that keeps every thread calling one app's API under ZEGO's 10 requests/second.

ZEGO counts requests per app in any one-second window, by arrival time. A bucket of one
token refilled at 98 % of the documented rate spaces requests 102 ms apart. Spacing alone
only tolerates 20 ms more delay on one request than on the tenth after it (a slow first
connection, a busy machine, network jitter), so the shared limiter also keeps a window:
a request is sent only when fewer than 10 are in flight or were answered in the last
second. A request arrives between its send and its answer, so no one-second window as the
server sees it can hold more than 10, whatever the latency or the load on this machine.
The price is one round trip per window: at most 10 / (1 s + RTT) requests a second (9.1
at 100 ms). Counting from "send + 30 ms" instead kept 9.7, but a request starved of CPU
for longer than that was rejected in 3 of 6 loaded runs, and a rejection costs a backoff
and the app's quota. A larger `burst` trades the spacing for latency; keep it at 1
against the real service.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dhbrowser.api.errors import Cancelled

API_REQUESTS_PER_SECOND = 10.0
SAFETY_FACTOR = 0.98
#: How often a wait for the window looks at its cancel event.
_CANCEL_POLL_SECONDS = 0.05


class RateLimiter:
    """Generic cell-rate form of a token bucket: each caller reserves the next free slot.

    With `window_limit`, `slot()` also waits until fewer than that many requests are in
    flight or were answered in the last `window` seconds.
    """

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        window_limit: int | None = None,
        window: float = 1.0,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        if window_limit is not None and window_limit < 1:
            raise ValueError("window_limit must be at least 1")
        self.rate = rate
        self.burst = burst
        self._interval = 1.0 / rate
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._lock = threading.Lock()
        self._theoretical_arrival = 0.0
        self.window_limit = window_limit
        self.window = window
        self._window_changed = threading.Condition()
        self._in_flight = 0
        self._answered: deque[float] = deque()

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

    @contextmanager
    def slot(self, cancel: threading.Event | None = None) -> Iterator[None]:
        """Wait for the spacing and the window, then count the request until it is answered.

        Wrap the whole exchange, so a request counts from its send until its answer (or
        failure) is back.
        """
        self.acquire(cancel)
        if self.window_limit is None:
            yield
            return
        self._enter_window(self.window_limit, cancel)
        try:
            yield
        finally:
            with self._window_changed:
                self._in_flight -= 1
                self._answered.append(self._clock())
                self._window_changed.notify_all()

    def _enter_window(self, limit: int, cancel: threading.Event | None) -> None:
        """Wait until fewer than `limit` requests are in flight or answered within the window."""
        with self._window_changed:
            while True:
                now = self._clock()
                while self._answered and self._answered[0] <= now - self.window:
                    self._answered.popleft()
                if self._in_flight + len(self._answered) < limit:
                    self._in_flight += 1
                    return
                if cancel is not None and cancel.is_set():
                    raise Cancelled("cancelled while waiting for the rate limit")
                wait = _CANCEL_POLL_SECONDS
                if self._answered:
                    wait = min(wait, self._answered[0] + self.window - now)
                self._window_changed.wait(wait)


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
            window_limit = int(requests_per_second)
            limiter = _shared[key] = RateLimiter(rate, window_limit=window_limit)
        return limiter
