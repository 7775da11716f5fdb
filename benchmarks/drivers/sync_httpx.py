"""Catalog sync baseline: the simplest correct client, a sequential loop of plain httpx POSTs.

Signs each request with dhbrowser.api.signing, asks for the next page when the last one is
in, and stops at Total. A rate-limit answer (which a sequential loop should never get) is
counted and the page asked for again.
"""

from __future__ import annotations

import sys
import time

import httpx

from benchmarks.protocol import emit
from dhbrowser.api.signing import common_params
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Catalog, Emulator, Faults

HUMANS = 2000
API_LATENCY = 0.1
QPS = 10
PAGE_SIZE = 20
RATE_LIMITED = 400010009


def main() -> int:
    emulator = Emulator(Catalog.synthetic(HUMANS), qps=QPS, faults=Faults(latency=API_LATENCY))
    emulator.start()
    humans = 0
    rate_limited = 0
    offset = 0
    total = None
    started = time.perf_counter()
    with httpx.Client(timeout=10.0) as http:
        while total is None or offset < total:
            params = {
                "Action": "GetDigitalHumanList",
                **common_params(DEMO_APP_ID, DEMO_SERVER_SECRET),
            }
            body = {"FetchMode": 1, "Offset": offset, "Limit": PAGE_SIZE}
            answer = http.post(emulator.base_url + "/", params=params, json=body).json()
            if answer["Code"] == RATE_LIMITED:
                rate_limited += 1
                continue
            total = answer["Data"]["Total"]
            humans += len(answer["Data"]["DigitalHumans"])
            offset += PAGE_SIZE
    elapsed = time.perf_counter() - started
    stats = emulator.stats.snapshot()
    emulator.stop()
    emit(
        {
            "seconds": elapsed,
            "humans": humans,
            "requests": stats["requests"].get("GetDigitalHumanList", 0),
            "rejected": stats["rejected_rate_limit"],
            "client_saw_rate_limited": rate_limited,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
