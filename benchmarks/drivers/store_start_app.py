"""Start of the app from the catalog store: spawn → the first screenful of stored cards painted.

    python -m benchmarks.drivers.store_start_app

Runs `dhbrowser --demo` with the user data folder the parent filled (XDG_DATA_HOME: a
store holding the demo catalog as 28 or 10,000 humans), and a demo emulator that answers
only after 5 s, so every card painted comes from the store. The clock stops at the first
paint of the card grid that shows cards, and the app quits.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

import dhbrowser.gui.mainwindow
from benchmarks.drivers.qt_support import visible_indexes
from benchmarks.protocol import emit, spawn_time
from dhbrowser import cli
from dhbrowser.core.demo import DemoService
from dhbrowser.gui.mainwindow import MainWindow

if TYPE_CHECKING:
    from dhbrowser.emulator import Emulator

#: Longer than any start takes: the service never answers first.
API_LATENCY = 5.0
TIMEOUT_MS = 30_000
DONE: list[bool] = []


def start_slow_emulator() -> Emulator:
    from dhbrowser.emulator import Emulator, Faults

    return Emulator(faults=Faults(latency=API_LATENCY)).start()


class StoreStartWindow(MainWindow):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.view.viewport().installEventFilter(FirstCards(self))
        QTimer.singleShot(TIMEOUT_MS, self.close)


class FirstCards(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or DONE or not visible_indexes(self.window.view):
            return False
        self.window.view.viewportEvent(event)  # paint it now, as the view would next
        painted = time.time()
        DONE.append(True)
        model = self.window.model
        emit(
            {
                "seconds": painted - spawn_time(),
                "visible_cards": len(visible_indexes(self.window.view)),
                "from_store": model.showing_stored and model.loaded == 0,
            }
        )
        QTimer.singleShot(0, QCoreApplication.quit)
        return True


def main() -> int:
    DemoService._start_emulator = staticmethod(start_slow_emulator)  # type: ignore[method-assign]
    dhbrowser.gui.mainwindow.MainWindow = StoreStartWindow  # type: ignore[misc]
    cli.main(["--demo"])
    if not DONE:
        print("the window closed before it painted a card", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
