"""Cold-start baseline: a bare PySide6 process that shows an empty window.

Timed from the parent's spawn to the end of the window's first paint, exactly as the app's
driver is timed. It imports nothing but PySide6 and the standard library before that.

With `--app-imports` it first imports what `dhbrowser` imports before its window exists
(its modules, the Qt classes they use, the stdlib they pull in): the difference to the bare
window is the start-up's import cost, and the rest of the app's time is building, painting
and filling its window.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.protocol import emit, spawn_time

WINDOW_SIZE = (1180, 760)  # the main window's default size


class FirstPaint(QObject):
    """Stops the clock when the watched widget's first paint is done, then quits.

    The filter has the widget paint then and there (as the app's driver does for its card
    view), so the moment taken is the end of that paint.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and not self.painted_at
            and isinstance(watched, QWidget)
        ):
            watched.event(event)
            self.painted_at = time.time()
            QTimer.singleShot(0, self.app.quit)
            return True
        return False


def main(argv: list[str]) -> int:
    if "--app-imports" in argv:
        import dhbrowser.cli
        import dhbrowser.gui.app
        import dhbrowser.gui.mainwindow  # noqa: F401 (imported for its cost)
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(*WINDOW_SIZE)
    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    from benchmarks.measure import memory_mb

    emit({"seconds": watcher.painted_at - spawn_time(), **memory_mb()})
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
