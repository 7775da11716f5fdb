"""A limiter that keeps every thread calling one app's API under ZEGO's 10 requests/second.

ZEGO counts requests per app in any one-second window, by the time they arrive. The client
never knows that time, only that it lies between the request's send and its answer. So a
request counts from its send until one second after its answer, and a new one goes out
only while fewer than 10 count: whatever the latency, the jitter or the load on this
machine, no one-second window as the server sees it can hold more than 10.

No spacing between requests: a burst of 10 is as safe under this rule as ten requests
100 ms apart, and spacing them would only add its own delay to each cycle of 10. The price
of the rule is one round trip per cycle: a sync of 100 pages at 100 ms of latency takes
10 cycles of 1.1 s. Counting from "send + 30 ms" instead was faster, but a request starved
of CPU for longer than that was rejected in 3 of 6 loaded runs, and a rejection costs a
backoff and the app's quota.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dhbrowser.api.errors import Cancelled

API_REQUESTS_PER_SECOND = 10
#: How often a wait for the window looks at its cancel event.
_CANCEL_POLL_SECONDS = 0.05


class RateLimiter:
    """At most `limit` requests in flight or answered within the last `window` seconds."""

    def __init__(
        self, limit: int, window: float = 1.0, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be at least 1 and window positive")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._changed = threading.Condition()
        self._in_flight = 0
        self._answered: deque[float] = deque()

    @contextmanager
    def slot(self, cancel: threading.Event | None = None) -> Iterator[None]:
        """Wait for room in the window, then count the request until a window after its answer.

        Wrap the whole exchange, so a request counts from its send until its answer (or
        failure) is back. Raises Cancelled if `cancel` is set while waiting.
        """
        self._enter(cancel)
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                self._answered.append(self._clock())
                self._changed.notify_all()

    def _enter(self, cancel: threading.Event | None) -> None:
        with self._changed:
            while True:
                if cancel is not None and cancel.is_set():
                    raise Cancelled("cancelled while waiting for the rate limit")
                now = self._clock()
                while self._answered and self._answered[0] <= now - self.window:
                    self._answered.popleft()
                if self._in_flight + len(self._answered) < self.limit:
                    self._in_flight += 1
                    return
                wait = _CANCEL_POLL_SECONDS
                if self._answered:
                    wait = min(wait, self._answered[0] + self.window - now)
                self._changed.wait(wait)


_shared: dict[tuple[str, int], RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(
    endpoint: str, app_id: int, requests_per_second: int = API_REQUESTS_PER_SECOND
) -> RateLimiter:
    """The one limiter all clients of this app on this endpoint share, across threads."""
    key = (endpoint.rstrip("/"), app_id)
    with _shared_lock:
        limiter = _shared.get(key)
        if limiter is None or limiter.limit != requests_per_second:
            limiter = _shared[key] = RateLimiter(requests_per_second)
        return limiter
