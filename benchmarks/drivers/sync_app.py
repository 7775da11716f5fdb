"""Catalog sync by the app: CatalogModel pages through 2,000 humans against the 10/s limit.

The model and session are the app's own, on a QCoreApplication; the emulator answers after
100 ms and enforces 10 requests a second, counting what it rejects.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication

from benchmarks.drivers.connections import demo_connection
from benchmarks.drivers.qt_support import wait_until
from benchmarks.protocol import emit
from dhbrowser.emulator import Catalog, Emulator, Faults
from dhbrowser.gui.app import drain, worker_pool
from dhbrowser.qt.catalog_model import CatalogModel
from dhbrowser.qt.session import CatalogSession

HUMANS = 2000
API_LATENCY = 0.1
QPS = 10


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    emulator = Emulator(Catalog.synthetic(HUMANS), qps=QPS, faults=Faults(latency=API_LATENCY))
    emulator.start()
    pool = worker_pool()
    model = CatalogModel(pool)
    session = CatalogSession(demo_connection(emulator.base_url), pool)
    finished: list[float] = []
    model.syncFinished.connect(lambda: finished.append(time.perf_counter()))
    started = time.perf_counter()
    model.set_session(session)
    wait_until(lambda: bool(finished), 120, "the catalog sync")
    stats = emulator.stats.snapshot()
    emit(
        {
            "seconds": finished[0] - started,
            "humans": model.loaded,
            "requests": stats["requests"].get("GetDigitalHumanList", 0),
            "rejected": stats["rejected_rate_limit"],
        }
    )
    model.shutdown()
    session.close()
    drain(pool)
    emulator.stop()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
