"""5. Fling: jump from the top of 2,000 cards to the end; time until the cards there show portraits.

Cold portrait cache, 50 ms latency on the API and on every portrait (the emulator in its own
process). The fling's landing against the same cards in a fresh window where they are the
first asked for (see drivers/fling.py); the medians of alternating rounds are compared.
"""

from __future__ import annotations

from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import EmulatorProcess, run_child
from benchmarks.scrolling import UNLIMITED_QPS

NAME = "Fling"
HUMANS = 2000
LATENCY = 0.05
ROUNDS = 3
TARGET = Target("<=", 1.3, subject="ratio")


def run(rounds: int = ROUNDS) -> Outcome:
    with EmulatorProcess(HUMANS, UNLIMITED_QPS, LATENCY, LATENCY) as emulator:
        result = run_child("benchmarks.drivers.fling", emulator.base_url, str(rounds), timeout=600)
    fling_ms = result["fling_median"] * 1000
    fresh_ms = result["fresh_median"] * 1000
    note = "baseline: the same cards first in a fresh window"
    if not result["same_cards"]:
        note += " (WARNING: the two landed on different cards)"
    return Outcome(
        results=[
            Result(
                NAME,
                f"top → end of {HUMANS:,} cards, until the visible portraits show",
                fling_ms,
                "ms",
                fresh_ms,
                fling_ms / fresh_ms,
                TARGET,
                note=note,
            )
        ],
        details=result,
    )
