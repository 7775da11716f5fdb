"""Faults the emulator can inject, so the client's retries and error paths can be exercised.

A `Faults` object is shared between the test (or GUI) thread that changes it and the
server threads that read it. Plain attribute reads are atomic in CPython; the random
generator and the `fail_next` queue are only touched under a lock.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import Any

#: Every fault kind the emulator knows; see `Faults` for what each one does.
FAULT_KINDS = frozenset({"http500", "http502", "rate_limited", "truncated", "garbage", "slow_body"})


@dataclass
class Faults:
    """What goes wrong, and how slowly things go right.

    - `latency` + uniform(0, `jitter`) seconds are added to every API answer;
      `media_latency` to every media answer.
    - With probability `failure_rate` an API request fails with a kind drawn from
      `failure_kinds`; `fail_next` forces kinds on the next requests, in order, first.
    - Kinds: "http500" (HTML error page), "http502" (nginx-style 502 page), "rate_limited"
      (JSON code 400010009), "truncated" (the real answer cut in half, with a matching
      Content-Length), "garbage" (random non-JSON bytes, HTTP 200), "slow_body" (the real
      answer trickled out over about `slow_body_seconds`).
    - `seed` makes the random draws reproducible.
    """

    latency: float = 0.0
    jitter: float = 0.0
    media_latency: float = 0.0
    failure_rate: float = 0.0
    failure_kinds: tuple[str, ...] = ("http500", "http502", "rate_limited")
    slow_body_seconds: float = 2.0
    seed: int | None = None
    fail_next: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )
    _rng: random.Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def __setattr__(self, name: str, value: Any) -> None:
        """Reject impossible settings when they are made, not later inside a server thread."""
        if name in {"latency", "jitter", "media_latency", "slow_body_seconds"} and value < 0:
            raise ValueError(f"{name} must not be negative")
        if name == "failure_rate" and not 0.0 <= value <= 1.0:
            raise ValueError("failure_rate must be a probability in 0..1")
        if name in {"failure_kinds", "fail_next"}:
            _check_kinds(name, value)
        super().__setattr__(name, value)
        if name == "seed" and hasattr(self, "_rng"):
            self._rng = random.Random(value)

    def draw(self) -> str | None:
        """The fault for the next API request, or None for a normal answer."""
        with self._lock:
            if self.fail_next:
                kind = self.fail_next.pop(0)
                _check_kinds("fail_next", [kind])  # the list may have been appended to
                return kind
            if self.failure_kinds and self._rng.random() < self.failure_rate:
                return self._rng.choice(self.failure_kinds)
            return None

    def answer_delay(self) -> float:
        """Seconds to hold back the next API answer."""
        if not self.jitter:
            return self.latency
        with self._lock:
            return self.latency + self._rng.uniform(0.0, self.jitter)

    def random_bytes(self, size: int) -> bytes:
        """Bytes for a "garbage" answer, reproducible under `seed`."""
        with self._lock:
            return self._rng.randbytes(size)


def _check_kinds(name: str, kinds: object) -> None:
    if isinstance(kinds, str) or not isinstance(kinds, list | tuple):
        raise TypeError(f"{name} must be a list or tuple of fault kinds")
    unknown = [kind for kind in kinds if kind not in FAULT_KINDS]
    if unknown:
        raise ValueError(f"unknown fault kind(s) {unknown} in {name}; known: {sorted(FAULT_KINDS)}")
