"""6. Search at scale: a keystroke in the search field over 10,000 humans, to the repainted grid.

The window loads 10,000 humans (the emulator in its own process, no latency or rate limit)
and types queries into its search box, a key at a time, then erases them; each keystroke
is timed to the end of the grid's repaint (drivers/search.py). The target is one frame at
60 Hz. Baseline: the same keystrokes through Qt's stock QSortFilterProxyModel filter over
the same names in a plain QListView.
"""

from __future__ import annotations

from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import EmulatorProcess, run_child
from benchmarks.scrolling import UNLIMITED_QPS

NAME = "Search"
HUMANS = 10_000


def run() -> Outcome:
    with EmulatorProcess(HUMANS, UNLIMITED_QPS, 0.0) as emulator:
        result = run_child("benchmarks.drivers.search", emulator.base_url, timeout=900)
    app, plain = result["app"], result["plain_filter"]
    note = "baseline: QSortFilterProxyModel.setFilterFixedString, plain QListView"
    return Outcome(
        results=[
            Result(
                NAME,
                f"keystroke → repainted grid p50, {HUMANS:,} humans",
                app["p50_ms"],
                "ms",
                plain["p50_ms"],
                app["p50_ms"] / plain["p50_ms"],
                note=note,
            ),
            Result(
                NAME,
                f"keystroke → repainted grid p99, {HUMANS:,} humans",
                app["p99_ms"],
                "ms",
                plain["p99_ms"],
                app["p99_ms"] / plain["p99_ms"],
                Target("<", 16),
                note=note,
            ),
        ],
        details=result,
    )
