"""2. Catalog sync: 2,000 humans, 100 ms latency, the emulator enforcing 10 requests a second.

The app's CatalogModel against a sequential plain-httpx loop. The ratio is to the ceiling
the limit allows (10 pages a second); the emulator counts the requests it rejected.
"""

from __future__ import annotations

from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import run_child

NAME = "Catalog sync"
CEILING_PAGES_PER_SECOND = 10.0


def _pages_per_second(run: dict[str, float]) -> float:
    accepted = run["requests"] - run["rejected"]
    return accepted / run["seconds"]


def run() -> Outcome:
    baseline = run_child("benchmarks.drivers.sync_httpx")
    app = run_child("benchmarks.drivers.sync_app")
    rate = _pages_per_second(app)
    return Outcome(
        results=[
            Result(
                NAME,
                "pages/s (2,000 humans, 100 ms latency, 10 QPS)",
                rate,
                "pages/s",
                _pages_per_second(baseline),
                rate / CEILING_PAGES_PER_SECOND,
                Target(">=", 9.5),
                note="ratio: to the 10 pages/s ceiling",
            ),
            Result(
                NAME,
                "rate-limit rejections",
                app["rejected"],
                "",
                baseline["rejected"],
                target=Target("==", 0),
            ),
        ],
        details={"app": app, "httpx_loop": baseline},
    )
