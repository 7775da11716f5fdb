"""4. Scrolling: page through 10,000 cards; per-viewport paint time with the portraits in memory.

One child process loads 10,000 humans (the emulator in its own process, without latency
or rate limit), then scrolls one viewport at a time. Each page's paint is timed once every
visible portrait is in memory (the warm-cache paint, the target), and right after the
scroll (while they load: shown for information). Baseline: the same pass with Qt's plain
QStyledItemDelegate in cells of the card's size. The same pass measures memory (memory.py).
"""

from __future__ import annotations

from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import EmulatorProcess, run_child

NAME = "Scrolling"
HUMANS = 10_000
UNLIMITED_QPS = 1_000_000


def run() -> Outcome:
    with EmulatorProcess(HUMANS, UNLIMITED_QPS, 0.0) as emulator:
        result = run_child("benchmarks.drivers.scrolling", emulator.base_url, timeout=900)
    warm, cold = result["warm_paint"], result["scroll_in_paint"]
    plain = result["plain_delegate_paint"]
    return Outcome(
        results=[
            Result(
                NAME,
                "viewport paint p50, portraits in memory",
                warm["p50_ms"],
                "ms",
                plain["p50_ms"],
                warm["p50_ms"] / plain["p50_ms"],
                note="baseline: QStyledItemDelegate, same cells",
            ),
            Result(
                NAME,
                "viewport paint p99, portraits in memory",
                warm["p99_ms"],
                "ms",
                plain["p99_ms"],
                warm["p99_ms"] / plain["p99_ms"],
                Target("<", 8),
            ),
            Result(
                NAME,
                "viewport paint p99, just scrolled (loading)",
                cold["p99_ms"],
                "ms",
                plain["p99_ms"],
                cold["p99_ms"] / plain["p99_ms"],
            ),
        ],
        details=result,
    )
