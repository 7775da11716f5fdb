"""The emulator in a process of its own, for benchmarks that measure the app's process alone.

The real API is on another machine: its work must not compete with the app's for the GIL,
nor for the CPU more than it has to, so it runs at a lower priority (nice 10). Prints the
endpoint as a result line, serves until its stdin closes, then prints its stats.

    python -m benchmarks.drivers.emulator_server HUMANS QPS LATENCY [MEDIA_LATENCY]
"""

from __future__ import annotations

import os
import sys

from benchmarks.protocol import emit
from dhbrowser.emulator import Catalog, Emulator, Faults

NICENESS = 10


def main(argv: list[str]) -> int:
    humans, qps, latency = int(argv[0]), int(argv[1]), float(argv[2])
    media_latency = float(argv[3]) if len(argv) > 3 else 0.0
    os.nice(NICENESS)
    catalog = Catalog.synthetic(humans) if humans else Catalog.demo()
    faults = Faults(latency=latency, media_latency=media_latency)
    with Emulator(catalog, qps=qps, faults=faults) as emulator:
        emit({"base_url": emulator.base_url})
        sys.stdin.read()
        stats = emulator.stats.snapshot()
    emit({"stats": stats})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
