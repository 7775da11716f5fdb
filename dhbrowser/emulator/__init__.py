"""A local emulator of ZEGOCLOUD's Digital Human API, for the demo, the tests and benchmarks.

It speaks the documented protocol (signed query parameters, JSON answers, return codes,
the 10 requests/second limit, expiring media URLs) from the catalog in
resources/catalog, and can inject latency and faults. It never imports Qt.
"""

from dhbrowser.emulator.catalog import (
    ActionRecord,
    Catalog,
    CatalogError,
    HumanRecord,
    TimbreRecord,
)
from dhbrowser.emulator.faults import FAULT_KINDS, Faults
from dhbrowser.emulator.server import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator, EmulatorTls
from dhbrowser.emulator.stats import Stats

__all__ = [
    "DEMO_APP_ID",
    "DEMO_SERVER_SECRET",
    "FAULT_KINDS",
    "ActionRecord",
    "Catalog",
    "CatalogError",
    "Emulator",
    "EmulatorTls",
    "Faults",
    "HumanRecord",
    "Stats",
    "TimbreRecord",
]
