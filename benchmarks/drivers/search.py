"""Search at scale: a keystroke in the search field over 10,000 humans, to the repainted grid.

The window loads 10,000 humans (the emulator in its own process, no latency or rate limit),
then types queries into its search box one key at a time and deletes them again with
Backspace. Each keystroke is timed from the key event to the end of the grid's repaint:
the filter, the view's layout of what is left and the paint, as one frame.

Baseline: the same keystrokes into a plain QLineEdit wired to Qt's stock
QSortFilterProxyModel.setFilterFixedString over a QStringListModel of the same names,
shown by a plain QListView of the same size.

    python -m benchmarks.drivers.search ENDPOINT
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QListView, QWidget

from benchmarks.drivers.connections import unpaced_connection
from benchmarks.drivers.qt_support import wait_until
from benchmarks.measure import percentile
from benchmarks.protocol import emit
from dhbrowser.gui.app import application, drain, thumbnail_cache_dir, worker_pool
from dhbrowser.gui.mainwindow import MainWindow

HUMANS = 10_000
LOAD_TIMEOUT = 300.0
#: Typed letter by letter, then erased: names, a number, an id prefix, no match at all.
QUERIES = ("elena", "aiko #00", "#0999", "bruno costa #01", "zz-nothing", "9a")
ROUNDS = 3


def summary(seconds: list[float]) -> dict[str, float]:
    return {
        "keystrokes": len(seconds),
        "p50_ms": percentile(seconds, 0.5) * 1000,
        "p99_ms": percentile(seconds, 0.99) * 1000,
        "max_ms": max(seconds) * 1000,
    }


def type_queries(field: QLineEdit, settle: Callable[[], None]) -> list[float]:
    """Type each query and erase it; the seconds of each keystroke until `settle()` is done."""
    timings: list[float] = []

    def press(key: Qt.Key | str) -> None:
        started = time.perf_counter()
        if isinstance(key, str):
            QTest.keyClicks(field, key)
        else:
            QTest.keyClick(field, key)
        settle()
        timings.append(time.perf_counter() - started)

    for _ in range(ROUNDS):
        for query in QUERIES:
            for letter in query:
                press(letter)
            for _letter in query:
                press(Qt.Key.Key_Backspace)
    return timings


def repainted(view: QListView) -> Callable[[], None]:
    """Lay the view out as its pending layout would, then repaint it: the next frame."""

    def settle() -> None:
        view.executeDelayedItemsLayout()
        view.viewport().repaint()

    return settle


def baseline(names: list[str], size: tuple[int, int]) -> list[float]:
    container = QWidget()
    field = QLineEdit(container)
    model = QStringListModel(names)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    field.textChanged.connect(proxy.setFilterFixedString)
    view = QListView(container)
    view.setModel(proxy)
    view.setUniformItemSizes(True)
    view.resize(*size)
    container.resize(size[0], size[1] + 40)
    view.move(0, 40)
    container.show()
    field.setFocus()
    return type_queries(field, repainted(view))


def main(endpoint: str) -> int:
    app = application()
    pool = worker_pool()
    window = MainWindow(pool, thumbnail_cache_dir())
    window.set_connection(unpaced_connection(endpoint))
    window.show()
    wait_until(lambda: window.model.finished, LOAD_TIMEOUT, f"{HUMANS:,} humans to load")
    window.search_box.setFocus()
    app_timings = type_queries(window.search_box, repainted(window.view))
    names = [
        human.name
        for human in map(window.model.human, range(window.model.rowCount()))
        if human is not None
    ]
    viewport = window.view.viewport().size()
    plain_timings = baseline(names, (viewport.width(), viewport.height()))
    emit(
        {
            "humans": window.model.loaded,
            "app": summary(app_timings),
            "plain_filter": summary(plain_timings),
            "app_ms": [round(seconds * 1000, 2) for seconds in app_timings],
        }
    )
    window.close()
    drain(pool)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
