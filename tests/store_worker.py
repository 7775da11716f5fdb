"""A separate dhbrowser process writing the catalog store, for the integrity tests.

`python -m tests.store_worker sync-and-hang DB N`: record a sync of N humans and, half-way
through writing them, print "MIDWAY" and wait to be killed.
`python -m tests.store_worker write DB TAG ROUNDS`: alternate syncs and user-data writes,
ROUNDS times, then print "DONE".
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.store import CatalogStore, StoreKey

KEY = StoreKey("https://api.example.invalid", 4242)


def humans(count: int, prefix: str = "h") -> list[DigitalHuman]:
    return [
        DigitalHuman(
            f"{prefix}-{index:05d}",
            f"Human {index}",
            f"https://media.example.invalid/{index}.jpg",
            index % 3 != 0,
            (ActionClip("idle_action", f"https://media.example.invalid/{index}.mp4"),),
        )
        for index in range(count)
    ]


def sync_and_hang(path: Path, count: int) -> None:
    store = CatalogStore(path)

    def progress(written: int) -> None:
        if written == count // 2:
            print("MIDWAY", flush=True)
            threading.Event().wait()

    store.record_sync(KEY, humans(count, "new"), started_at=2.0, progress=progress)


def write(path: Path, tag: str, rounds: int) -> None:
    store = CatalogStore(path)
    for round_number in range(rounds):
        store.record_sync(KEY, humans(200 + round_number, tag), started_at=float(round_number))
        store.set_favourite(KEY, f"{tag}-{round_number}", True)
        store.set_note(KEY, f"{tag}-{round_number}", f"note {round_number} from {tag}")
    store.close()
    print("DONE", flush=True)


if __name__ == "__main__":
    command, database = sys.argv[1], Path(sys.argv[2])
    if command == "sync-and-hang":
        sync_and_hang(database, int(sys.argv[3]))
    else:
        write(database, sys.argv[3], int(sys.argv[4]))
