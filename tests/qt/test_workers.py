"""The worker API (`dhbrowser.qt.workers.run`): typed answers on the owner's thread, stale
answers dropped, nothing after the owner is gone, cancelling, and one error funnel.

Real QThreadPool work. A task that must still be running when the test acts waits on a
threading.Event the test sets; "it was not delivered" is asserted after `settle`, which
runs the pool to its end and delivers every queued answer first.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.errors import ApiError, ReturnCode
from dhbrowser.gui.app import worker_pool
from dhbrowser.qt import workers
from tests.gui_fixtures import settle

TIMEOUT_MS = 10_000
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def owner(qapp: object) -> Iterator[QObject]:
    owner = QObject()
    yield owner
    if shiboken6.isValid(owner):
        shiboken6.delete(owner)


@pytest.fixture
def one_thread() -> Iterator[QThreadPool]:
    """A pool of one thread: a second task waits in the queue while the first runs."""
    pool = worker_pool()
    pool.setMaxThreadCount(1)
    yield pool
    settle(pool)


def blocked_until(gate: threading.Event, started: threading.Event, value: str) -> Callable[[], str]:
    def work() -> str:
        started.set()
        assert gate.wait(TIMEOUT_MS / 1000), "the test never opened the gate"
        return value

    return work


def recording(ran: list[str], value: str) -> Callable[[], str]:
    def work() -> str:
        ran.append(value)
        return value

    return work


def test_the_answer_arrives_typed_on_the_owners_thread(
    qtbot: QtBot, pool: QThreadPool, owner: QObject
) -> None:
    worker_threads: list[threading.Thread] = []
    answers: list[tuple[tuple[int, str], threading.Thread]] = []

    def work() -> tuple[int, str]:
        worker_threads.append(threading.current_thread())
        return 7, "seven"

    def done(value: tuple[int, str]) -> None:
        answers.append((value, threading.current_thread()))

    workers.run(work, done, owner=owner, pool=pool)

    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    assert answers == [((7, "seven"), threading.main_thread())]
    assert worker_threads
    assert worker_threads[0] is not threading.main_thread()


def test_a_newer_run_with_the_same_key_drops_the_older_answer(
    qtbot: QtBot, pool: QThreadPool, owner: QObject
) -> None:
    gate, started = threading.Event(), threading.Event()
    answers: list[str] = []
    workers.run(blocked_until(gate, started, "old"), answers.append, owner=owner, pool=pool, key=1)
    assert started.wait(TIMEOUT_MS / 1000)
    workers.run(lambda: "new", answers.append, owner=owner, pool=pool, key=1)
    workers.run(lambda: "other key", answers.append, owner=owner, pool=pool, key=2)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=TIMEOUT_MS)

    gate.set()  # the superseded work finishes now
    settle(pool)

    assert sorted(answers) == ["new", "other key"]


def test_a_superseded_task_still_does_its_work(
    qtbot: QtBot, one_thread: QThreadPool, owner: QObject
) -> None:
    """Only the answer is stale: a superseded write must still be written."""
    gate, started = threading.Event(), threading.Event()
    written: list[str] = []
    answers: list[None] = []
    workers.run(
        blocked_until(gate, started, "first"), lambda _v: None, owner=owner, pool=one_thread
    )
    workers.run(lambda: written.append("a"), answers.append, owner=owner, pool=one_thread, key="w")
    workers.run(lambda: written.append("b"), answers.append, owner=owner, pool=one_thread, key="w")
    gate.set()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=TIMEOUT_MS)
    settle(one_thread)
    assert written == ["a", "b"]
    assert answers == [None]


def test_nothing_is_delivered_after_the_owner_is_destroyed(
    qtbot: QtBot, pool: QThreadPool, owner: QObject
) -> None:
    gate, started = threading.Event(), threading.Event()
    answers: list[str] = []
    failures: list[workers.TaskError] = []

    def boom() -> str:
        started.wait(TIMEOUT_MS / 1000)
        gate.wait(TIMEOUT_MS / 1000)
        raise OSError("disk gone")

    workers.run(blocked_until(gate, started, "late"), answers.append, owner=owner, pool=pool)
    workers.run(boom, answers.append, failures.append, owner=owner, pool=pool)
    assert started.wait(TIMEOUT_MS / 1000)
    shiboken6.delete(owner)

    gate.set()
    settle(pool)

    assert answers == []
    assert failures == []


def test_a_cancelled_task_does_not_start_and_never_answers(
    qtbot: QtBot, one_thread: QThreadPool, owner: QObject
) -> None:
    gate, started = threading.Event(), threading.Event()
    ran: list[str] = []
    answers: list[str] = []
    workers.run(blocked_until(gate, started, "first"), answers.append, owner=owner, pool=one_thread)
    assert started.wait(TIMEOUT_MS / 1000)
    queued = workers.run(recording(ran, "queued"), answers.append, owner=owner, pool=one_thread)
    queued.cancel()
    assert queued.cancelled

    gate.set()
    qtbot.waitUntil(lambda: answers == ["first"], timeout=TIMEOUT_MS)
    settle(one_thread)

    assert ran == []
    assert answers == ["first"]


def test_a_task_cancelled_while_it_runs_finishes_but_its_answer_is_dropped(
    qtbot: QtBot, pool: QThreadPool, owner: QObject
) -> None:
    gate, started = threading.Event(), threading.Event()
    answers: list[str] = []
    handle = workers.run(
        blocked_until(gate, started, "late"), answers.append, owner=owner, pool=pool
    )
    assert started.wait(TIMEOUT_MS / 1000)
    handle.cancel()
    gate.set()
    settle(pool)
    assert answers == []


def test_a_withdrawn_task_keeps_its_answer_if_it_was_running(
    qtbot: QtBot, one_thread: QThreadPool, owner: QObject
) -> None:
    gate, started = threading.Event(), threading.Event()
    ran: list[str] = []
    answers: list[str] = []
    running = workers.run(
        blocked_until(gate, started, "kept"), answers.append, owner=owner, pool=one_thread
    )
    assert started.wait(TIMEOUT_MS / 1000)
    queued = workers.run(recording(ran, "queued"), answers.append, owner=owner, pool=one_thread)
    running.withdraw()
    queued.withdraw()

    gate.set()
    qtbot.waitUntil(lambda: answers == ["kept"], timeout=TIMEOUT_MS)
    settle(one_thread)

    assert ran == []
    assert answers == ["kept"]


def test_cancel_all_of_a_key_leaves_the_owners_other_work_alone(
    qtbot: QtBot, pool: QThreadPool, owner: QObject
) -> None:
    gate, started = threading.Event(), threading.Event()
    answers: list[str] = []
    workers.run(
        blocked_until(gate, started, "opening"), answers.append, owner=owner, pool=pool, key="o"
    )
    assert started.wait(TIMEOUT_MS / 1000)
    workers.run(lambda: "export", answers.append, owner=owner, pool=pool)
    workers.cancel_all(owner, "o")

    gate.set()
    qtbot.waitUntil(lambda: answers == ["export"], timeout=TIMEOUT_MS)
    settle(pool)
    assert answers == ["export"]


def test_cancel_all_drops_every_answer_of_one_owner_only(
    qtbot: QtBot, pool: QThreadPool, owner: QObject
) -> None:
    other = QObject()
    gate, started = threading.Event(), threading.Event()
    answers: list[str] = []
    workers.run(blocked_until(gate, started, "mine"), answers.append, owner=owner, pool=pool)
    assert started.wait(TIMEOUT_MS / 1000)
    workers.run(lambda: "other's", answers.append, owner=other, pool=pool)
    workers.cancel_all(owner)

    gate.set()
    qtbot.waitUntil(lambda: answers == ["other's"], timeout=TIMEOUT_MS)
    settle(pool)
    assert answers == ["other's"]
    shiboken6.delete(other)


def test_an_expected_failure_reaches_on_error_with_its_hint_logged_once(
    qtbot: QtBot, pool: QThreadPool, owner: QObject, caplog: pytest.LogCaptureFixture
) -> None:
    failures: list[workers.TaskError] = []
    error = ApiError(ReturnCode.RATE_LIMITED, "slow down")

    def refused() -> str:
        raise error

    caplog.set_level(logging.INFO, logger="dhbrowser.qt.workers")
    workers.run(refused, lambda _v: None, failures.append, owner=owner, pool=pool)

    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT_MS)
    assert failures[0].error is error
    assert failures[0].text == error.hint
    logged = [r for r in caplog.records if r.name == "dhbrowser.qt.workers"]
    assert len(logged) == 1
    assert logged[0].levelno == logging.INFO
    assert "refused failed" in logged[0].getMessage()


def test_a_disk_error_says_what_and_which_file(
    qtbot: QtBot, pool: QThreadPool, owner: QObject, tmp_path: Path
) -> None:
    failures: list[workers.TaskError] = []
    missing = tmp_path / "nowhere" / "file"
    workers.run(missing.read_bytes, lambda _v: None, failures.append, owner=owner, pool=pool)
    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT_MS)
    assert failures[0].text == f"No such file or directory ({missing})."


@pytest.mark.expect_log("ERROR", r"background task failed: test_a_bug_is_logged")
def test_a_bug_is_logged_with_its_traceback_and_told_as_one(
    qtbot: QtBot, pool: QThreadPool, owner: QObject, caplog: pytest.LogCaptureFixture
) -> None:
    failures: list[workers.TaskError] = []

    def buggy() -> int:
        return int("not a number")

    workers.run(buggy, lambda _v: None, failures.append, owner=owner, pool=pool)

    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT_MS)
    assert isinstance(failures[0].error, ValueError)
    assert failures[0].text.startswith("Unexpected error: ValueError: invalid literal")
    assert failures[0].text.endswith("Please report it.")
    records = [r for r in caplog.records if r.name == "dhbrowser.qt.workers"]
    assert len(records) == 1
    assert records[0].exc_info is not None


def test_an_outcome_is_handed_over_without_a_log_line(
    qtbot: QtBot, pool: QThreadPool, owner: QObject, caplog: pytest.LogCaptureFixture
) -> None:
    class NotYet(workers.Outcome):
        pass

    def wait_for_it() -> None:
        raise NotYet("later")

    failures: list[workers.TaskError] = []
    caplog.set_level(logging.DEBUG, logger="dhbrowser.qt.workers")
    workers.run(wait_for_it, lambda _v: None, failures.append, owner=owner, pool=pool)
    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT_MS)
    assert isinstance(failures[0].error, NotYet)
    assert [r for r in caplog.records if r.name == "dhbrowser.qt.workers"] == []


SNIPPET = """
from PySide6.QtCore import QObject, QThreadPool
from dhbrowser.qt import workers

def answer() -> {returns}:
    raise NotImplementedError

def shown(text: str) -> None: ...

workers.run(answer, shown, owner=QObject(), pool=QThreadPool())
"""


@pytest.mark.parametrize(("returns", "typed"), [("str", True), ("int", False)])
def test_mypy_types_on_done_from_what_the_work_returns(
    tmp_path: Path, returns: str, typed: bool
) -> None:
    """A callback that takes a str for work that returns an int is a type error (and one
    for work that returns a str is not)."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(SNIPPET.format(returns=returns))
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(snippet)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if typed:
        assert checked.returncode == 0, checked.stdout + checked.stderr
    else:
        assert checked.returncode == 1, checked.stdout + checked.stderr
        assert 'type parameter "T" of "run"' in checked.stdout, checked.stdout
