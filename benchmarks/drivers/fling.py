"""Fling: from the top of 2,000 cards to the end, until the cards there show their portraits.

The emulator (its own process) answers the API and every portrait after 50 ms. Each round
opens a window with a cold portrait cache, loads the whole list, waits until the first
screen's portraits are in (the user has looked at the top), then flings: FLING_FRAMES
frames of FRAME_MS each, the grid moved and painted once a frame from the top to the end,
the event loop running between frames as during a real kinetic scroll. The clock runs from
the landing paint until every visible card's portrait is in memory and painted.

Baseline, in the same rounds: a fresh window (cold cache) on the same list, scrolled to the
end before it is first shown, so that those same cards are the first it asks for; timed
from its first paint to the same condition. Rounds alternate the two so a slow moment of
the machine hits both.

    python -m benchmarks.drivers.fling ENDPOINT ROUNDS
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QThreadPool

from benchmarks.drivers.connections import unpaced_connection
from benchmarks.drivers.qt_support import visible_indexes, wait_until
from benchmarks.measure import median
from benchmarks.protocol import emit
from dhbrowser.gui.app import application, drain, worker_pool
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.thumbnails import ThumbState

HUMANS = 2000
WINDOW_SIZE = (1180, 760)  # the main window's default size
FLING_FRAMES = 30
FRAME_MS = 16
LOAD_TIMEOUT = 120.0
PORTRAITS_TIMEOUT = 120.0


def visible_ready(window: MainWindow) -> bool:
    humans = [human_at(index) for index in visible_indexes(window.view)]
    return bool(humans) and all(
        human is not None and window.thumbnails.state(human.id) is ThumbState.READY
        for human in humans
    )


def visible_ids(window: MainWindow) -> list[str]:
    return [human.id for human in map(human_at, visible_indexes(window.view)) if human]


def run_for(milliseconds: int) -> None:
    until = time.monotonic() + milliseconds / 1000
    wait_until(lambda: time.monotonic() >= until, 5 + milliseconds / 1000, "a frame")


def open_loaded(pool: QThreadPool, cache: Path, endpoint: str, *, show: bool) -> MainWindow:
    window = MainWindow(pool, cache)
    window.resize(*WINDOW_SIZE)
    window.set_connection(unpaced_connection(endpoint))
    if show:
        window.show()
    wait_until(lambda: window.model.finished, LOAD_TIMEOUT, f"{HUMANS} humans to load")
    if window.model.loaded != HUMANS:
        raise RuntimeError(f"loaded {window.model.loaded} humans, not {HUMANS}")
    return window


def until_portraits(window: MainWindow) -> float:
    """Seconds from now until the visible cards are all READY, then painted."""
    started = time.perf_counter()
    wait_until(lambda: visible_ready(window), PORTRAITS_TIMEOUT, "the visible portraits")
    window.view.viewport().repaint()
    return time.perf_counter() - started


def fling_round(pool: QThreadPool, cache: Path, endpoint: str) -> tuple[float, list[str]]:
    window = open_loaded(pool, cache, endpoint, show=True)
    wait_until(lambda: visible_ready(window), PORTRAITS_TIMEOUT, "the first screen")
    bar = window.view.verticalScrollBar()
    for frame in range(1, FLING_FRAMES + 1):
        bar.setValue(bar.maximum() * frame // FLING_FRAMES)
        window.view.viewport().repaint()
        if frame < FLING_FRAMES:
            run_for(FRAME_MS)
    seconds = until_portraits(window)
    landed = visible_ids(window)
    window.close()
    drain(pool)
    return seconds, landed


def fresh_round(pool: QThreadPool, cache: Path, endpoint: str) -> tuple[float, list[str]]:
    window = open_loaded(pool, cache, endpoint, show=False)
    window.view.doItemsLayout()
    bar = window.view.verticalScrollBar()
    window.show()
    window.view.doItemsLayout()
    bar.setValue(bar.maximum())
    window.view.viewport().repaint()
    seconds = until_portraits(window)
    landed = visible_ids(window)
    window.close()
    drain(pool)
    return seconds, landed


def main(endpoint: str, rounds: int) -> int:
    app = application()
    pool = worker_pool()
    fling: list[float] = []
    fresh: list[float] = []
    same_cards = True
    cards: list[int] = []
    with tempfile.TemporaryDirectory(prefix="dhbench-fling-") as caches:
        for number in range(rounds):
            fresh_seconds, fresh_cards = fresh_round(
                pool, Path(caches) / f"fresh{number}", endpoint
            )
            fling_seconds, fling_cards = fling_round(
                pool, Path(caches) / f"fling{number}", endpoint
            )
            fresh.append(fresh_seconds)
            fling.append(fling_seconds)
            same_cards = same_cards and fresh_cards == fling_cards
            cards += [len(fresh_cards), len(fling_cards)]
    emit(
        {
            "fling_seconds": fling,
            "fresh_seconds": fresh,
            "fling_median": median(fling),
            "fresh_median": median(fresh),
            "same_cards": same_cards,
            "frames": FLING_FRAMES,
            "visible_cards": cards,
        }
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
