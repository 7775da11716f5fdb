"""Background work on a QThreadPool, results handed to the GUI thread by queued signals.

The pattern (after usdb_syncer and Qt's own guidance): a QRunnable carries a small QObject
whose signals it emits from the worker thread. The QObject was created on the GUI thread,
so connections to GUI objects are queued and their slots run there. Every task carries a
`tag` the receiver uses to drop stale answers (a generation number, an id).

Cancelling never touches the runnable: the pool deletes a finished task (autoDelete), so
`QThreadPool.tryTake` on a task we still hold may reach a deleted C++ object. Instead a
`TaskHandle` carries a plain event the task checks before it starts its work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dhbrowser.api.errors import Cancelled, DhError
from dhbrowser.qt.i18n import translate

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    succeeded = Signal(object, object)  # tag, result
    failed = Signal(object, object)  # tag, DhError or unexpected Exception


class TaskHandle:
    """What the starter keeps of a task: a way to cancel it that is safe at any time."""

    __slots__ = ("_cancelled",)

    def __init__(self) -> None:
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """The task will not start its work; one already running finishes, its answer ignored."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class Outcome(Exception):
    """An expected way for a task to end without a result: handed to `failed`, not logged as a bug."""


class Task(QRunnable):
    """Run `fn()` on a pool thread; emit `succeeded(tag, result)` or `failed(tag, error)`.

    `Cancelled` is swallowed: whoever cancelled has already moved on.
    """

    def __init__(self, fn: Callable[[], Any], tag: object, handle: TaskHandle) -> None:
        super().__init__()
        self.fn = fn
        self.tag = tag
        self.handle = handle
        self.signals = TaskSignals()
        self.setAutoDelete(True)

    def run(self) -> None:
        if self.handle.cancelled:
            return
        try:
            result = self.fn()
        except Cancelled:
            return
        except (DhError, OSError, Outcome) as error:
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
) -> TaskHandle:
    """Queue `fn` on `pool`; the callbacks must be slots of QObjects living on the GUI thread."""
    handle = TaskHandle()
    task = Task(fn, tag, handle)
    task.signals.succeeded.connect(on_success)
    task.signals.failed.connect(on_failure)
    pool.start(task, priority)
    return handle


def describe(error: object) -> str:
    """What to tell the user about an error that reached the GUI."""
    if isinstance(error, DhError):
        return error.hint
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    return translate("workers", "Unexpected error: {kind}: {problem}. Please report it.").format(
        kind=type(error).__name__, problem=error
    )
