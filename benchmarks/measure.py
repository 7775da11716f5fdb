"""Small statistics and memory readings shared by the parent and the child processes.

Standard library only, so a child can use it without paying for more imports.
"""

from __future__ import annotations

import math
import os
import resource
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

PROC_STATUS = Path("/proc/self/status")
PROC_STAT = Path("/proc/stat")


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (`fraction` in 0..1): a value that really occurred."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no values")
    return float(statistics.median(values))


def memory_mb() -> dict[str, float]:
    """This process's peak (VmHWM) and current (VmRSS) resident memory, in MiB.

    Without /proc (not Linux) only the peak is known, from getrusage.
    """
    fields: dict[str, float] = {}
    try:
        for line in PROC_STATUS.read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                fields[name] = int(value.split()[0]) / 1024  # reported in kB
    except OSError:
        pass
    peak = fields.get("VmHWM", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"peak_rss_mb": round(peak, 1), "rss_mb": round(fields.get("VmRSS", peak), 1)}


def busy_cpu_seconds() -> float | None:
    """CPU time the whole machine has spent busy since boot (None without /proc/stat)."""
    try:
        fields = PROC_STAT.read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return None
    # cpu  user nice system idle iowait irq softirq steal ...: all but idle and iowait.
    ticks = [int(value) for value in fields[1:9]]
    busy = sum(ticks) - ticks[3] - ticks[4]
    return busy / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


class OtherLoad:
    """How much CPU other processes used while a benchmark ran, in CPUs on average.

    The machine's busy time minus this process tree's: another program's work (a test run,
    a build) skews timings, and the report says so rather than pass it off as dhbrowser's.
    """

    def __init__(self) -> None:
        self._machine = busy_cpu_seconds()
        self._own = own_cpu_seconds()
        self._started = time.monotonic()

    def cpus(self) -> float | None:
        machine = busy_cpu_seconds()
        if machine is None or self._machine is None:
            return None
        others = (machine - self._machine) - (own_cpu_seconds() - self._own)
        return max(0.0, others) / max(1e-9, time.monotonic() - self._started)
