"""5. Memory: peak resident memory while scrolling through 10,000 cards.

Read in the scrolling benchmark's process (VmHWM) after the first 2,000 cards and after all
10,000: with the portrait caches bounded, the second must be no higher than the first by
more than 5 %. Baseline: a bare PySide6 process showing an empty window.
"""

from __future__ import annotations

from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import run_child

NAME = "Memory"
FLAT = 1.05


def run(scrolling: Outcome) -> Outcome:
    """Memory rows from the scrolling pass's readings (`scrolling.details["memory_mb"]`)."""
    bare = run_child("benchmarks.drivers.bare_window")
    readings = scrolling.details["memory_mb"]
    after_2000 = readings["after_2000"]["peak_rss_mb"]
    after_10000 = readings["after_10000"]["peak_rss_mb"]
    bare_mb = bare["peak_rss_mb"]
    return Outcome(
        results=[
            Result(
                NAME,
                "peak RSS after scrolling 2,000 cards",
                after_2000,
                "MB",
                bare_mb,
                after_2000 / bare_mb,
                note="baseline: bare PySide6 window",
            ),
            Result(
                NAME,
                "peak RSS after scrolling 10,000 cards",
                after_10000,
                "MB",
                bare_mb,
                after_10000 / bare_mb,
                Target("<", 350),
            ),
            Result(
                NAME,
                "growth 2,000 → 10,000 cards (flat)",
                after_10000 - after_2000,
                "MB",
                ratio=after_10000 / after_2000,
                target=Target("<=", FLAT, subject="ratio"),
                note="ratio: peak after 10,000 / after 2,000",
            ),
        ],
        details={"bare_window": bare, "readings": readings},
    )
