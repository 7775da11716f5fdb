"""1. Cold start: process start → the first page of cards painted with their portraits.

The app (demo catalog, 50 ms API latency, the emulator in the same process as with
`dhbrowser --demo`) against a bare PySide6 process showing an empty window, both timed from
the parent's spawn to the paint. Runs are interleaved (bare, first launch, second launch)
so a slow moment of the machine hits all three alike; the medians are compared. A third,
informative row shows the bare window again after importing what the app imports before
its window exists: how much of the ratio the imports alone take.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks.measure import median
from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import run_child

NAME = "Cold start"
TARGET = Target("<=", 1.8, subject="ratio")


def run(runs: int = 5) -> Outcome:
    bare: list[dict[str, Any]] = []
    imports: list[dict[str, Any]] = []
    first: list[dict[str, Any]] = []
    second: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dhbench-warm-") as warm:
        warm_cache = {"XDG_CACHE_HOME": str(Path(warm) / "cache")}
        run_child("benchmarks.drivers.cold_start_app", env=warm_cache)  # fills the cache
        for _ in range(runs):
            bare.append(run_child("benchmarks.drivers.bare_window"))
            imports.append(run_child("benchmarks.drivers.bare_window", "--app-imports"))
            first.append(run_child("benchmarks.drivers.cold_start_app"))
            second.append(run_child("benchmarks.drivers.cold_start_app", env=warm_cache))
    bare_ms = median([run["seconds"] for run in bare]) * 1000
    outcome = Outcome(
        details={
            "bare_window": bare,
            "bare_window_after_app_imports": imports,
            "first_launch": first,
            "second_launch": second,
        }
    )
    for label, samples, target in (
        ("spawn → cards with portraits, first launch", first, TARGET),
        ("spawn → cards with portraits, portraits cached", second, TARGET),
        ("spawn → empty window after the app's imports", imports, None),
    ):
        app_ms = median([run["seconds"] for run in samples]) * 1000
        outcome.results.append(Result(NAME, label, app_ms, "ms", bare_ms, app_ms / bare_ms, target))
    return outcome
