"""Background work on a QThreadPool, results handed to the GUI thread by queued signals.

The pattern (after usdb_syncer and Qt's own guidance): a QRunnable carries a small QObject
whose signals it emits from the worker thread. The QObject was created on the GUI thread,
so connections to GUI objects are queued and their slots run there. Every task carries a
`tag` the receiver uses to drop stale answers (a generation number, an id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dhbrowser.api.errors import Cancelled, DhError

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    succeeded = Signal(object, object)  # tag, result
    failed = Signal(object, object)  # tag, DhError or unexpected Exception


class Task(QRunnable):
    """Run `fn()` on a pool thread; emit `succeeded(tag, result)` or `failed(tag, error)`.

    `Cancelled` is swallowed: whoever cancelled has already moved on.
    """

    def __init__(self, fn: Callable[[], Any], tag: object = None) -> None:
        super().__init__()
        self.fn = fn
        self.tag = tag
        self.signals = TaskSignals()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Cancelled:
            return
        except (DhError, OSError) as error:
            self.signals.failed.emit(self.tag, error)
        except Exception as error:  # a bug must surface as a message, not kill the pool thread
            log.exception("background task failed")
            self.signals.failed.emit(self.tag, error)
        else:
            self.signals.succeeded.emit(self.tag, result)


def start(
    pool: QThreadPool,
    fn: Callable[[], Any],
    tag: object,
    on_success: Callable[[object, object], None],
    on_failure: Callable[[object, object], None],
    priority: int = 0,
) -> Task:
    """Queue `fn` on `pool`; the callbacks must be slots of QObjects living on the GUI thread."""
    task = Task(fn, tag)
    task.signals.succeeded.connect(on_success)
    task.signals.failed.connect(on_failure)
    pool.start(task, priority)
    return task


def describe(error: object) -> str:
    """What to tell the user about an error that reached the GUI."""
    if isinstance(error, DhError):
        return error.hint
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    return f"Unexpected error: {type(error).__name__}: {error}. Please report it."
