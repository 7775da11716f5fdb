"""The client's rate limiter: a window of requests in flight or recently answered."""

from __future__ import annotations

import threading
import time

import pytest

from dhbrowser.api.errors import Cancelled
from dhbrowser.api.ratelimit import RateLimiter, shared_limiter


def test_a_burst_up_to_the_limit_goes_out_at_once_and_the_next_waits_a_window() -> None:
    now = [100.0]
    limiter = RateLimiter(3, clock=lambda: now[0])
    for _ in range(3):
        with limiter.slot():
            pass
    fourth = threading.Event()

    def send_fourth() -> None:
        with limiter.slot():
            fourth.set()

    waiting = threading.Thread(target=send_fourth)
    waiting.start()
    assert not fourth.wait(0.2), "three answered within the window: the fourth must wait"
    now[0] += 1.0
    assert fourth.wait(2.0), "the window passed: the fourth should have gone out"
    waiting.join(2.0)


def _third_request_waits(limiter: RateLimiter, hold: float) -> tuple[float, float, float]:
    """Two requests held open for `hold` s, a third queued behind them: (sent, answered, third)."""
    sent = time.monotonic()
    third_sent: list[float] = []
    with limiter.slot(), limiter.slot():

        def third() -> None:
            with limiter.slot():
                third_sent.append(time.monotonic())

        waiting = threading.Thread(target=third)
        waiting.start()
        time.sleep(hold)
        assert not third_sent, "two requests in flight: the third must wait for them"
        answered = time.monotonic()
    waiting.join(5)
    assert third_sent, "the third request never went out"
    return sent, answered, third_sent[0]


def test_a_request_counts_until_a_window_after_its_answer() -> None:
    limiter = RateLimiter(2, window=0.3)
    _sent, answered, third = _third_request_waits(limiter, hold=0.1)
    assert third - answered >= 0.3 - 0.01


def test_waiting_for_the_window_can_be_cancelled() -> None:
    limiter = RateLimiter(1, window=30.0)
    cancel = threading.Event()
    with limiter.slot():
        pass
    threading.Timer(0.05, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled), limiter.slot(cancel):
        pass
    assert time.monotonic() - started < 1.0


def test_the_shared_limiter_keeps_the_documented_window() -> None:
    limiter = shared_limiter("https://limits.example", 5)
    assert limiter is shared_limiter("https://limits.example/", 5)
    assert limiter.limit == 10
    assert limiter.window == 1.0
