"""Responsiveness: a 5 ms heartbeat on the GUI thread, idle and then under full load.

Load: the main window syncs 2,000 humans (100 ms latency, 10 requests a second) while every
human's 720x1280 portrait is downloaded and decoded for its card (asked for as each page
arrives, as the grid would when scrolled over them, but kept when they scroll away) and the
grid follows the newest rows.
Any work the GUI thread does, or waits for, shows up as a late beat. The emulator serves
from its own process (its endpoint is the argument), as the real API would from afar: its
request handling must not compete with the app for this process's GIL.

    python -m benchmarks.drivers.responsiveness ENDPOINT
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QModelIndex, QTimer

from benchmarks.drivers.connections import demo_connection
from benchmarks.drivers.qt_support import Heartbeat, wait_until
from benchmarks.measure import percentile
from benchmarks.protocol import emit
from dhbrowser.gui.app import application, drain, thumbnail_cache_dir, worker_pool
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.thumbnails import ThumbState

HUMANS = 2000
IDLE_SECONDS = 3.0
FOLLOW_MS = 100  # how often the grid scrolls to the newest rows
TIMEOUT_SECONDS = 240.0


def stall_summary(stalls: list[float]) -> dict[str, float]:
    return {
        "beats": len(stalls),
        "max_ms": max(stalls) * 1000,
        "p99_ms": percentile(stalls, 0.99) * 1000,
        "p50_ms": percentile(stalls, 0.5) * 1000,
    }


def main(endpoint: str) -> int:
    app = application()
    pool = worker_pool()
    window = MainWindow(pool, thumbnail_cache_dir())
    window.show()
    heartbeat = Heartbeat()
    settle = time.monotonic() + 0.5
    wait_until(lambda: time.monotonic() > settle, 5, "the window to settle")

    heartbeat.start()
    idle_until = time.monotonic() + IDLE_SECONDS
    wait_until(lambda: time.monotonic() > idle_until, IDLE_SECONDS + 5, "the idle heartbeat")
    idle = heartbeat.stop()

    model, thumbnails, view = window.model, window.thumbnails, window.view
    decoded: set[str] = set()
    failed: set[str] = set()

    def ask_for_portraits(first: int, last: int) -> None:
        size = window.delegate.image_size()
        ratio = view.devicePixelRatioF()
        for row in range(first, last + 1):
            human = model.human(row)
            if human is not None:
                thumbnails.pixmap(human, size, ratio)

    def on_rows(_parent: QModelIndex, first: int, last: int) -> None:
        # Asked from an event of its own, as a prefetcher would: the driver's work must not
        # lengthen the app's own handling of the page.
        QTimer.singleShot(0, lambda: ask_for_portraits(first, last))

    def note_portrait(human_id: str) -> None:
        state = thumbnails.state(human_id)
        if state is ThumbState.READY:
            decoded.add(human_id)
        elif state is ThumbState.FAILED:
            failed.add(human_id)

    # The workload is every portrait, so the grid must not drop the loads of the cards it
    # scrolls past, as it does for the user (visible first: the fling benchmark).
    thumbnails.follow_view(None)
    model.rowsInserted.connect(on_rows)
    thumbnails.thumbnailChanged.connect(note_portrait)
    follow = QTimer()
    follow.timeout.connect(view.scrollToBottom)
    follow.start(FOLLOW_MS)

    started = time.perf_counter()
    heartbeat.start()
    window.set_connection(demo_connection(endpoint))
    wait_until(
        lambda: model.finished and len(decoded | failed) >= HUMANS,
        TIMEOUT_SECONDS,
        "the sync and every portrait",
    )
    loaded = heartbeat.stop()
    seconds = time.perf_counter() - started
    follow.stop()
    emit(
        {
            "idle": stall_summary(idle),
            "load": stall_summary(loaded),
            "load_seconds": seconds,
            "humans": model.loaded,
            "portraits_decoded": len(decoded),
            "portraits_failed": len(failed),
            "stalls_over_10ms": heartbeat.late,  # (seconds into the load, ms)
        }
    )
    window.close()
    drain(pool)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
