"""1. Cold start: process start → the first page of cards painted with their portraits.

The app (demo catalog, 50 ms API latency, the emulator in the same process as with
`dhbrowser --demo`) against a bare PySide6 process showing an empty window, both timed from
the parent's spawn to the paint. Runs are interleaved (bare, first launch, second launch)
so a slow moment of the machine hits all three alike; the medians are compared.
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
    first: list[dict[str, Any]] = []
    second: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dhbench-warm-") as warm:
        warm_cache = {"XDG_CACHE_HOME": str(Path(warm) / "cache")}
        run_child("benchmarks.drivers.cold_start_app", env=warm_cache)  # fills the cache
        for _ in range(runs):
            bare.append(run_child("benchmarks.drivers.bare_window"))
            first.append(run_child("benchmarks.drivers.cold_start_app"))
            second.append(run_child("benchmarks.drivers.cold_start_app", env=warm_cache))
    bare_ms = median([run["seconds"] for run in bare]) * 1000
    outcome = Outcome(details={"bare_window": bare, "first_launch": first, "second_launch": second})
    for label, samples in (
        ("spawn → cards with portraits, first launch", first),
        ("spawn → cards with portraits, portraits cached", second),
    ):
        app_ms = median([run["seconds"] for run in samples]) * 1000
        outcome.results.append(Result(NAME, label, app_ms, "ms", bare_ms, app_ms / bare_ms, TARGET))
    return outcome
