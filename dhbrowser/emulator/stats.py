"""Counters of what the emulator saw, so tests can assert how many requests really went out."""

from __future__ import annotations

import threading
from collections import Counter
from typing import TypedDict


class StatsSnapshot(TypedDict):
    """All counters at one moment. `requests` is per Action ("(none)" for requests without
    one, "(unsupported)" for unknown ones), `requests_total` their sum; `faults` per kind."""

    requests: dict[str, int]
    requests_total: int
    api_errors: int
    rejected_rate_limit: int
    faults: dict[str, int]
    media_requests: int
    media_403: int
    media_404: int
    media_416: int


class Stats:
    """Thread-safe named counters.

    `get` takes a counter name: "requests" (every API request, faulted ones included),
    "requests:<Action>", "faults:<kind>", "api_errors" (answers with a non-zero Code),
    "rejected_rate_limit", "media_requests", "media_403", "media_404" or "media_416".
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def add(self, *names: str) -> None:
        with self._lock:
            for name in names:
                self._counts[name] += 1

    def get(self, name: str) -> int:
        with self._lock:
            return self._counts[name]

    def requests(self, action: str | None = None) -> int:
        """API requests received, in all or for one Action."""
        return self.get("requests" if action is None else f"requests:{action}")

    def snapshot(self) -> StatsSnapshot:
        with self._lock:
            counts = dict(self._counts)

        def group(prefix: str) -> dict[str, int]:
            return {
                name.removeprefix(prefix): count
                for name, count in counts.items()
                if name.startswith(prefix)
            }

        return StatsSnapshot(
            requests=group("requests:"),
            requests_total=counts.get("requests", 0),
            api_errors=counts.get("api_errors", 0),
            rejected_rate_limit=counts.get("rejected_rate_limit", 0),
            faults=group("faults:"),
            media_requests=counts.get("media_requests", 0),
            media_403=counts.get("media_403", 0),
            media_404=counts.get("media_404", 0),
            media_416=counts.get("media_416", 0),
        )
