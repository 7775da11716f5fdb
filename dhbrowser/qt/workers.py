"""Background work on a QThreadPool, each answer handed to its owner's thread, typed.

`run(fn, on_done, on_error, owner=..., pool=...)` calls `fn()` on a pool thread and then
`on_done(result)` (or `on_error(TaskError)`) on the thread `owner` lives on. What every
caller used to check by hand happens here, once:

- stale answers: a newer `run` with the same owner and `key` supersedes the older one,
  whose answer is dropped (its work still runs: cancel it too if it should not);
- the owner's end: the answer is delivered by a small QObject child of `owner`, so nothing
  is delivered after `owner` is destroyed;
- cancelling: `TaskHandle.cancel()` (or `cancel_all(owner)`) at any time, and the answer
  never comes; `TaskHandle.withdraw()` only keeps a queued task from starting;
- failures: an unexpected exception is logged with its traceback, an expected one (a
  DhError, an OSError) in one line, an `Outcome` not at all; `TaskError.text` is what to
  tell the user (`dhbrowser.api.errors.describe`).

The task itself is never touched after it is queued: the pool deletes a finished task
(autoDelete), so `QThreadPool.tryTake` on a task we still hold may reach a deleted C++
object. Instead a `TaskHandle` carries plain events the task checks before it starts.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from dhbrowser.api.errors import Cancelled, DhError, describe

__all__ = ["Outcome", "TaskError", "TaskHandle", "cancel_all", "describe", "run"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The objectName of the courier child each owner gets on its first `run`.
_COURIER_NAME = "dhbrowser-task-courier"
_tickets = itertools.count(1)


class Outcome(Exception):
    """An expected way for a task to end without a result: handed to `on_error`, not logged as a bug."""


@dataclass(frozen=True, slots=True)
class TaskError:
    """Why a task ended without a result: the exception (for callers that act on its kind)
    and, in `text`, what to tell the user about it."""

    error: BaseException

    @property
    def text(self) -> str:
        return describe(self.error)


class TaskHandle:
    """What the starter keeps of a task: ways to stop it that are safe at any time."""

    __slots__ = ("_cancelled", "_withdrawn")

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._withdrawn = threading.Event()

    def cancel(self) -> None:
        """The task will not start its work; one already running finishes, its answer dropped."""
        self._cancelled.set()

    def withdraw(self) -> None:
        """The task will not start if it is still queued; one already running still answers
        (for work worth keeping that no longer deserves a place in the queue)."""
        self._withdrawn.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def starts(self) -> bool:
        return not (self._cancelled.is_set() or self._withdrawn.is_set())


@dataclass(frozen=True, slots=True)
class _Finished:
    """What a task hands to its courier: a result, an error, or neither (it did not run)."""

    ticket: int
    result: object = None
    error: BaseException | None = None
    ran: bool = True


@dataclass(frozen=True, slots=True)
class _Pending:
    handle: TaskHandle
    key: Hashable | None
    on_done: Callable[[Any], None]
    on_error: Callable[[TaskError], None] | None


class _Emitter(QObject):
    """The task's voice: unparented and held by the task, so it outlives any owner."""

    finished = Signal(object)  # _Finished


class _Courier(QObject):
    """Delivers the answers of one owner's tasks on the owner's thread.

    A child of the owner: when the owner is destroyed so is the courier, and Qt discards
    the answers still queued to it. It also knows the newest task of each key.
    """

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.setObjectName(_COURIER_NAME)
        self._pending: dict[int, _Pending] = {}
        self._newest: dict[Hashable, int] = {}

    @classmethod
    def of(cls, owner: QObject) -> _Courier:
        found = owner.findChild(cls, _COURIER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, cls) else cls(owner)

    def expect(self, pending: _Pending) -> int:
        """Register a task about to be queued; it supersedes the older one of its key (which
        still runs: its work may matter, like a write; only its answer is dropped)."""
        ticket = next(_tickets)
        if pending.key is not None:
            self._newest[pending.key] = ticket
        self._pending[ticket] = pending
        return ticket

    def cancel_all(self, key: Hashable | None) -> None:
        for pending in self._pending.values():
            if key is None or pending.key == key:
                pending.handle.cancel()

    @Slot(object)
    def deliver(self, finished: _Finished) -> None:
        pending = self._pending.pop(finished.ticket, None)
        if pending is None:
            return
        if pending.key is not None:
            if self._newest.get(pending.key) != finished.ticket:
                return  # superseded by a newer task of the same key
            del self._newest[pending.key]
        if not finished.ran or pending.handle.cancelled:
            return
        if finished.error is None:
            pending.on_done(finished.result)
        elif pending.on_error is not None:
            pending.on_error(TaskError(finished.error))


class _Task(QRunnable):
    """Run `fn()` on a pool thread and tell the courier how it ended, exactly once.

    `Cancelled` (the work noticed it was cancelled) ends it without an answer.
    """

    def __init__(self, fn: Callable[[], object], ticket: int, handle: TaskHandle) -> None:
        super().__init__()
        self._fn = fn
        self._ticket = ticket
        self._handle = handle
        self.emitter = _Emitter()
        self.setAutoDelete(True)

    def run(self) -> None:
        if not self._handle.starts:
            self.emitter.finished.emit(_Finished(self._ticket, ran=False))
            return
        try:
            result = self._fn()
        except Cancelled:
            self.emitter.finished.emit(_Finished(self._ticket, ran=False))
        except Outcome as error:
            self.emitter.finished.emit(_Finished(self._ticket, error=error))
        except (DhError, OSError) as error:
            log.info("%s failed: %s", _name(self._fn), error)
            self.emitter.finished.emit(_Finished(self._ticket, error=error))
        except Exception as error:  # a bug must surface as a message, not kill the pool thread
            log.exception("background task failed: %s", _name(self._fn))
            self.emitter.finished.emit(_Finished(self._ticket, error=error))
        else:
            self.emitter.finished.emit(_Finished(self._ticket, result))


def run(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[TaskError], None] | None = None,
    *,
    owner: QObject,
    pool: QThreadPool,
    key: Hashable | None = None,
    priority: int = 0,
) -> TaskHandle:
    """Queue `fn` on `pool`; `on_done(result)` or `on_error(failure)` follows on `owner`'s thread.

    Call from `owner`'s thread. `fn` runs on another thread: give it only Qt-free, immutable
    inputs, never a QObject. Without `on_error` a failure is only logged. With a `key`, a
    newer run of the same owner and key supersedes this one.
    """
    handle = TaskHandle()
    courier = _Courier.of(owner)
    ticket = courier.expect(_Pending(handle, key, on_done, on_error))
    task = _Task(fn, ticket, handle)
    task.emitter.finished.connect(courier.deliver, Qt.ConnectionType.QueuedConnection)
    pool.start(task, priority)
    return handle


def cancel_all(owner: QObject, key: Hashable | None = None) -> None:
    """Cancel every task `owner` started (of `key` only, if given) whose answer has not come."""
    courier = owner.findChild(_Courier, _COURIER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(courier, _Courier):
        courier.cancel_all(key)


def _name(fn: Callable[[], object]) -> str:
    """The work's name for the log: the function a lambda or partial wraps, if it has one."""
    while isinstance(fn, partial):
        fn = fn.func
    return getattr(fn, "__qualname__", type(fn).__name__)
