"""The suite's own checks can fail: undeclared warnings, leaked windows, timers and threads.

Each case runs in a separate pytest (pytester) with the same plugins as the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CASES = """
import logging, threading
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

kept = []

def test_undeclared_warning():
    logging.getLogger("dhbrowser.anything").warning("boom")

def test_declared_warning(expect_log):
    expect_log(logging.WARNING, "bo+m")
    logging.getLogger("dhbrowser.anything").warning("boom")

@pytest.mark.expect_log("ERROR", "never logged")
def test_declared_but_never_logged():
    pass

def test_other_loggers_are_not_ours():
    logging.getLogger("httpx").warning("not the app")

def test_hidden_top_level_widget(qtbot):
    kept.append(QWidget())

def test_parentless_timer_left_running(qtbot):
    timer = QTimer()
    timer.start(60_000)
    kept.append(timer)

def test_thread_left_running():
    stop = threading.Event()
    kept.append(stop)
    threading.Thread(target=stop.wait, args=(5,)).start()
"""


def test_each_check_fails_the_test_that_breaks_it(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    pytester.makeconftest(
        "from tests.conftest import _no_leaked_threads, _no_leaked_widgets  # noqa: F401\n"
        "pytest_plugins = ['tests.logfail']\n"
    )
    pytester.makepyfile(test_cases=CASES)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    outcomes = {
        line.split("::")[1].split(" ")[0]: line.split(" ")[0]
        for line in result.outlines
        if line.startswith(("PASSED", "FAILED", "ERROR")) and "::" in line
    }
    assert outcomes == {
        "test_undeclared_warning": "FAILED",
        "test_declared_warning": "PASSED",
        "test_declared_but_never_logged": "ERROR",
        "test_other_loggers_are_not_ours": "PASSED",
        "test_hidden_top_level_widget": "ERROR",
        "test_parentless_timer_left_running": "ERROR",
        "test_thread_left_running": "ERROR",
    }, result.stdout.str()
