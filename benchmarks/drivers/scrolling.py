"""Scrolling and memory: page through 10,000 cards, timing each viewport's paint.

The emulator (its own process, no rate limit, no latency: this is about drawing, not
loading) serves 10,000 humans; the window loads them all, then scrolls one viewport at a
time from top to bottom. On each page it times the paint right after the scroll (cards
whose portraits are not in memory yet draw placeholders), waits until every visible
portrait is in memory, and times a repaint with them all: the warm-cache paint. Peak
memory is read after the first 2,000 cards and after all 10,000. Then the same pass runs
with a plain QStyledItemDelegate in cells of the same size: the baseline.

    python -m benchmarks.drivers.scrolling ENDPOINT
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from benchmarks.drivers.connections import unpaced_connection
from benchmarks.drivers.qt_support import visible_indexes, wait_until
from benchmarks.measure import memory_mb, percentile
from benchmarks.protocol import emit
from dhbrowser.gui.app import application, drain, thumbnail_cache_dir, worker_pool
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.thumbnails import ThumbState

HUMANS = 10_000
MEMORY_CHECKPOINT = 2_000
LOAD_TIMEOUT = 300.0
PAGE_TIMEOUT = 30.0


class PlainDelegate(QStyledItemDelegate):
    """Qt's stock item painting (the name only) in cells as large as the cards."""

    def __init__(self, cell: Callable[[], QSize]) -> None:
        super().__init__()
        self._cell = cell

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return self._cell()


def timed_repaint(window: MainWindow) -> float:
    started = time.perf_counter()
    window.view.viewport().repaint()
    return time.perf_counter() - started


def summary(seconds: list[float]) -> dict[str, float]:
    return {
        "pages": len(seconds),
        "p50_ms": percentile(seconds, 0.5) * 1000,
        "p99_ms": percentile(seconds, 0.99) * 1000,
        "max_ms": max(seconds) * 1000,
    }


def scroll_pages(window: MainWindow) -> list[int]:
    """Scroll-bar positions that show the grid one viewport after another."""
    bar = window.view.verticalScrollBar()
    step = max(1, bar.pageStep())
    return [*range(bar.minimum(), bar.maximum(), step), bar.maximum()]


def main(endpoint: str) -> int:
    app = application()
    pool = worker_pool()
    window = MainWindow(pool, thumbnail_cache_dir())
    window.set_connection(unpaced_connection(endpoint))
    window.show()
    started = time.perf_counter()
    wait_until(lambda: window.model.finished, LOAD_TIMEOUT, "10,000 humans to load")
    load_seconds = time.perf_counter() - started
    memory = {"after_sync": memory_mb()}

    thumbnails, view = window.thumbnails, window.view

    def all_visible_ready() -> bool:
        humans = [human_at(index) for index in visible_indexes(view)]
        return all(
            human is not None and thumbnails.state(human.id) is ThumbState.READY for human in humans
        )

    scroll_in: list[float] = []
    warm: list[float] = []
    bar = view.verticalScrollBar()
    started = time.perf_counter()
    for position in scroll_pages(window):
        bar.setValue(position)
        scroll_in.append(timed_repaint(window))
        wait_until(all_visible_ready, PAGE_TIMEOUT, f"the portraits at scroll position {position}")
        warm.append(timed_repaint(window))
        shown = visible_indexes(view)
        if "after_2000" not in memory and shown and shown[-1].row() + 1 >= MEMORY_CHECKPOINT:
            memory["after_2000"] = memory_mb()
    scroll_seconds = time.perf_counter() - started
    memory["after_10000"] = memory_mb()
    cards_per_page = len(visible_indexes(view))

    card_size = window.delegate.sizeHint(QStyleOptionViewItem(), window.proxy.index(0, 0))
    plain = PlainDelegate(lambda: card_size)
    view.setItemDelegate(plain)
    view.doItemsLayout()
    plain_paints: list[float] = []
    for position in scroll_pages(window):
        bar.setValue(position)
        plain_paints.append(timed_repaint(window))

    emit(
        {
            "humans": window.model.loaded,
            "cards_per_page": cards_per_page,
            "load_seconds": load_seconds,
            "scroll_seconds": scroll_seconds,
            "warm_paint": summary(warm),
            "scroll_in_paint": summary(scroll_in),
            "plain_delegate_paint": summary(plain_paints),
            "memory_mb": memory,
            "pixmap_cache_mb": thumbnails.memory_bytes / 2**20,
        }
    )
    window.close()
    drain(pool)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
