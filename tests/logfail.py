"""Fail a test when the app logs a warning or an error it did not declare (qutebrowser's logfail).

Qt's own warnings already fail tests (pytest-qt's qt_log_level_fail); this does the same for
Python records from `dhbrowser.*`, so a `log.exception` in a worker thread is a failure and
not a line nobody reads. A test that provokes a warning on purpose declares it, either with
the marker `@pytest.mark.expect_log("WARNING", r"pattern")` or the fixture
`expect_log(logging.WARNING, r"pattern")`; each declaration must then match a record, so a
warning that stops being logged fails the test too. A module of hostile-input tests, whose
cases log different refusals, may declare `expect_log(..., required=False)` once for all.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

#: The loggers whose records are checked: the app's own.
APP_LOGGER = "dhbrowser"


@dataclass
class Expectation:
    level: int
    pattern: re.Pattern[str]
    required: bool = True
    matched: int = 0

    def excuses(self, record: logging.LogRecord) -> bool:
        if record.levelno != self.level or not self.pattern.search(record.getMessage()):
            return False
        self.matched += 1
        return True


@dataclass
class _TestLog:
    """What one test logged at WARNING or above, and what it declared it would."""

    records: list[logging.LogRecord] = field(default_factory=list)
    expected: list[Expectation] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def unexpected(self) -> list[logging.LogRecord]:
        with self.lock:
            pending, self.records = self.records, []
        return [r for r in pending if not any(e.excuses(r) for e in self.expected)]


class _Collector(logging.Handler):
    """Keeps the current test's records; worker threads log here too, hence the lock."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.current: _TestLog | None = None

    def emit(self, record: logging.LogRecord) -> None:
        current = self.current
        if current is not None:
            with current.lock:
                current.records.append(record)


_collector = _Collector()
_test_log = pytest.StashKey[_TestLog]()


def _level(value: int | str) -> int:
    return value if isinstance(value, int) else logging.getLevelNamesMapping()[value.upper()]


def _describe(records: list[logging.LogRecord]) -> str:
    lines = []
    for record in records:
        lines.append(f"  {record.levelname} {record.name}: {record.getMessage()}")
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(lines)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expect_log(level, pattern, required=True): the test logs this on purpose (tests/logfail.py)",
    )
    logging.getLogger(APP_LOGGER).addHandler(_collector)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger(APP_LOGGER).removeHandler(_collector)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    test_log = _TestLog()
    for marker in item.iter_markers("expect_log"):
        level, pattern = marker.args
        required = bool(marker.kwargs.get("required", True))
        test_log.expected.append(Expectation(_level(level), re.compile(pattern), required))
    item.stash[_test_log] = test_log
    _collector.current = test_log
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    result = yield
    unexpected = item.stash[_test_log].unexpected()
    if unexpected:
        pytest.fail(f"the app logged warnings the test did not expect:\n{_describe(unexpected)}")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    result = yield
    test_log = item.stash.get(_test_log, None)
    _collector.current = None
    if test_log is None:
        return result
    unexpected = test_log.unexpected()
    unmatched = [e for e in test_log.expected if e.required and not e.matched]
    if unexpected:
        pytest.fail(f"the app logged warnings the test did not expect:\n{_describe(unexpected)}")
    if unmatched:
        described = ", ".join(
            f"{logging.getLevelName(e.level)} {e.pattern.pattern!r}" for e in unmatched
        )
        pytest.fail(f"the test expected log records that never came: {described}")
    return result


@pytest.fixture
def expect_log(request: pytest.FixtureRequest) -> Callable[[int | str, str], None]:
    """Declare a warning the test provokes on purpose: `expect_log(logging.WARNING, r"...")`."""

    def expect(level: int | str, pattern: str) -> None:
        request.node.stash[_test_log].expected.append(
            Expectation(_level(level), re.compile(pattern))
        )

    return expect
