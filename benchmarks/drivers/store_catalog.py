"""The catalog store with HUMANS stored humans: open and read it, search it, weigh it.

    python -m benchmarks.drivers.store_catalog HUMANS

The catalog is synced from the emulator (real answers: signed media URLs and all), then the
store is opened again as each start would open it: a new connection, the schema check,
then the first screenful, or the whole catalog. Searches are the keystrokes of typing a
name, each a `search_ids` over the stored catalog, after the first search of the session
(which reads what searches match into memory: timed on its own).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import median, percentile
from benchmarks.protocol import emit
from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.models import FetchMode
from dhbrowser.api.ratelimit import RateLimiter
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Catalog, Emulator
from dhbrowser.store import CatalogStore, StoreKey

RUNS = 15
#: Cards a start-up paints first: more than a 1366x768 window shows.
SCREENFUL = 60
#: Typed one character at a time; every prefix is a keystroke (a demo name and a number,
#: then a word no human has).
TYPED = ("aiko tanaka #00", "mateo", "nod_action", "zz")
KEY = StoreKey.demo()


def fill_store(path: Path, humans: int) -> int:
    """Sync HUMANS humans (the demo's 28, or synthetic ones) from the emulator into `path`."""
    catalog = Catalog.synthetic(humans) if humans != len(Catalog.demo()) else Catalog.demo()
    with (
        Emulator(catalog, qps=1_000_000) as emulator,
        DigitalHumanClient(
            DEMO_APP_ID, DEMO_SERVER_SECRET, emulator.base_url, rate_limiter=RateLimiter(1_000_000)
        ) as client,
    ):
        listed = list(client.iter_humans(FetchMode.ALL))
    with CatalogStore(path) as store:
        return store.record_sync(KEY, listed, started_at=time.time()).human_count


def _timed_opens(path: Path, first: int | None) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with CatalogStore(path) as store:
            store.humans(KEY, first=first)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str]) -> int:
    humans = int(argv[0])
    with tempfile.TemporaryDirectory(prefix="dhbench-store-") as folder:
        path = Path(folder) / "catalog.sqlite3"
        stored = fill_store(path, humans)
        size = sum(item.stat().st_size for item in Path(folder).iterdir() if item.is_file())
        screenful = _timed_opens(path, SCREENFUL)
        whole = _timed_opens(path, None)
        keystrokes = []
        with CatalogStore(path) as store:
            started = time.perf_counter()
            store.search_ids(KEY, "")  # the first search reads what searches match
            first_search = (time.perf_counter() - started) * 1000
            for text in TYPED:
                for end in range(1, len(text) + 1):
                    started = time.perf_counter()
                    store.search_ids(KEY, text[:end])
                    keystrokes.append((time.perf_counter() - started) * 1000)
    emit(
        {
            "humans": stored,
            "bytes_on_disk": size,
            "screenful_ms": median(screenful),
            "whole_ms": median(whole),
            "first_search_ms": first_search,
            "search_p50_ms": percentile(keystrokes, 0.5),
            "search_p99_ms": percentile(keystrokes, 0.99),
            "keystrokes": len(keystrokes),
            "runs": {"screenful": screenful, "whole": whole},
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
