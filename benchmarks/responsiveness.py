"""3. Responsiveness: how late a 5 ms GUI-thread heartbeat runs while the app works hardest.

Under load (syncing 2,000 humans at 100 ms latency and 10 requests a second while decoding
every 720x1280 portrait) against the same heartbeat on the idle window. The emulator
serves from a process of its own, as the real API would from another machine.
"""

from __future__ import annotations

from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import EmulatorProcess, run_child

NAME = "Responsiveness"
HUMANS = 2000
QPS = 10
API_LATENCY = 0.1


def run() -> Outcome:
    with EmulatorProcess(HUMANS, QPS, API_LATENCY) as emulator:
        result = run_child("benchmarks.drivers.responsiveness", emulator.base_url)
        stats = emulator.stop()
    idle, load = result["idle"], result["load"]
    result["emulator_rejected"] = stats["rejected_rate_limit"]
    return Outcome(
        results=[
            Result(
                NAME,
                "max heartbeat stall, sync + decode 2,000",
                load["max_ms"],
                "ms",
                idle["max_ms"],
                load["max_ms"] / idle["max_ms"],
                Target("<", 50),
                note="baseline: the same heartbeat on the idle window",
            ),
            Result(
                NAME,
                "p99 heartbeat stall, sync + decode 2,000",
                load["p99_ms"],
                "ms",
                idle["p99_ms"],
                load["p99_ms"] / idle["p99_ms"],
                Target("<", 17),
            ),
        ],
        details=result,
    )
