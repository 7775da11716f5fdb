"""Leaving is always quick: SIGTERM and SIGINT close the window as its close button does
(state saved), whatever is in flight — a slow answer, an unanswered keyring prompt — and a
read-only home still opens the window.

Real `python -m dhbrowser` processes on the offscreen platform, against an emulator in
this process. The bound on exit (EXIT_BOUND_S) is behaviour from the issue ("the process
ends within 1 s of close"), not a speed measurement: it is set generously for a loaded
2-core machine, yet well below what the bug cost (the client's 10 s read timeout, or for
ever for the keyring), which the slow answer here (SLOW_ANSWER_S) far exceeds.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QSettings

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import Cancelled
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator
from tests.emulator_fixtures import FAST_RETRY
from tests.keyring_doubles import BlockingKeyring

EXIT_BOUND_S = 5.0
SLOW_ANSWER_S = 60.0
#: Start-up of a Python + Qt process on a loaded machine; only reached if it never starts.
STARTUP_LIMIT_S = 90.0
READY = "the window is open"


class Running:
    """A dhbrowser process whose stderr is read line by line as it comes."""

    def __init__(self, env: dict[str, str], *args: str, program: str | None = None) -> None:
        """`python -m dhbrowser -v ARGS`, or `python -c PROGRAM -v ARGS` if given."""
        start = ["-m", "dhbrowser"] if program is None else ["-c", program]
        self.process = subprocess.Popen(
            [sys.executable, *start, "-v", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.stdout = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for_line(self, text: str) -> None:
        deadline = time.monotonic() + STARTUP_LIMIT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            self.seen.append(line)
            if text in line:
                return
        self.close()
        pytest.fail(f"no {text!r} on stderr; it said:\n{self.stderr()}")

    def stop_with(self, number: int) -> tuple[int, float]:
        """Send the signal; the exit code and how long the process took to be gone."""
        sent = time.monotonic()
        self.process.send_signal(number)
        try:
            code = self.process.wait(timeout=SLOW_ANSWER_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        took = time.monotonic() - sent
        self.close()
        return code, took

    def close(self) -> None:
        """Kill the process if it still runs; collect its output and close the pipes."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self.stdout = self.process.stdout.read()
        self._reader.join()
        self.process.stdout.close()
        self.process.stderr.close()

    def stderr(self) -> str:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return "".join(self.seen)


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")]))
    env["PYTHON_KEYRING_BACKEND"] = "tests.keyring_doubles.DemoAppKeyring"
    return env


def settings_path(env: dict[str, str]) -> Path:
    return Path(env["XDG_CONFIG_HOME"]) / "dhbrowser" / "dhbrowser.conf"


def saved_geometry(env: dict[str, str]) -> bool:
    path = settings_path(env)
    return path.exists() and QSettings(str(path), QSettings.Format.IniFormat).contains(
        "window/geometry"
    )


@pytest.fixture
def slow_emulator() -> Iterator[Emulator]:
    """An emulator that holds every API answer back far longer than the client's timeout."""
    with Emulator() as emulator:
        emulator.faults.latency = SLOW_ANSWER_S
        yield emulator


def add_profile(
    env: dict[str, str], emulator: Emulator, *, name: str = "slow", app_id: int = DEMO_APP_ID
) -> None:
    path = settings_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.beginWriteArray("profiles", 1)
    settings.setArrayIndex(0)
    settings.setValue("name", name)
    settings.setValue("app_id", str(app_id))
    settings.setValue("endpoint", emulator.base_url)
    settings.endArray()
    settings.sync()


def wait_for_request(emulator: Emulator, process: Running) -> None:
    """Until the window's first request is being held back by the emulator."""
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while emulator.stats.requests("GetDigitalHumanList") == 0:
        if time.monotonic() > deadline or process.process.poll() is not None:
            process.close()
            pytest.fail(f"the window sent no request; stderr:\n{process.stderr()}")
        time.sleep(0.05)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_closes_the_window_and_saves_its_state(
    user_env: dict[str, str], number: int
) -> None:
    running = Running(user_env, "--demo")
    running.wait_for_line(READY)
    code, took = running.stop_with(number)
    assert code == 0, running.stderr()
    assert took < EXIT_BOUND_S, running.stderr()
    assert saved_geometry(user_env), "the window's state was not saved"
    assert "Traceback" not in running.stderr()


def test_closing_with_a_slow_answer_in_flight_exits_at_once(
    user_env: dict[str, str], slow_emulator: Emulator
) -> None:
    """It waited out the read timeout (9–10 s) before exiting."""
    add_profile(user_env, slow_emulator)
    running = Running(user_env, "--profile", "slow")
    running.wait_for_line(READY)
    wait_for_request(slow_emulator, running)
    code, took = running.stop_with(signal.SIGTERM)
    assert code == 0, running.stderr()
    assert took < EXIT_BOUND_S, f"{took:.1f} s\n{running.stderr()}"
    assert saved_geometry(user_env)
    assert "background work still running" not in running.stderr(), "the read was not aborted"


def test_a_picker_closed_while_loading_exits_1_at_once(
    user_env: dict[str, str], slow_emulator: Emulator
) -> None:
    add_profile(user_env, slow_emulator)
    running = Running(user_env, "--pick", "--profile", "slow")
    running.wait_for_line(READY)
    wait_for_request(slow_emulator, running)
    code, took = running.stop_with(signal.SIGTERM)
    assert code == 1, running.stderr()
    assert took < EXIT_BOUND_S, f"{took:.1f} s\n{running.stderr()}"
    assert running.stdout == ""


def test_closing_with_a_keyring_prompt_pending_exits_at_once(
    user_env: dict[str, str], slow_emulator: Emulator
) -> None:
    """The unanswered keyring read kept the process alive for ever."""
    add_profile(user_env, slow_emulator)
    env = dict(user_env, PYTHON_KEYRING_BACKEND="tests.keyring_doubles.BlockingKeyring")
    running = Running(env, "--profile", "slow")
    running.wait_for_line(BlockingKeyring.PROMPT_OPEN)
    code, took = running.stop_with(signal.SIGTERM)
    assert code == 0, running.stderr()
    assert took < EXIT_BOUND_S, f"{took:.1f} s\n{running.stderr()}"
    assert saved_geometry(env)
    assert "background work still running" not in running.stderr(), "the wait was not abandoned"


#: dhbrowser with a keyring wait that cannot be abandoned: work that outlives the budget.
UNABANDONABLE = """
import sys
import dhbrowser.core.secret_store
from dhbrowser.cli import main
dhbrowser.core.secret_store.SecretStore.abandon = lambda store: None
sys.exit(main(sys.argv[1:]))
"""


def test_work_that_outlives_the_shutdown_budget_does_not_hold_the_exit(
    user_env: dict[str, str], slow_emulator: Emulator
) -> None:
    add_profile(user_env, slow_emulator)
    env = dict(user_env, PYTHON_KEYRING_BACKEND="tests.keyring_doubles.BlockingKeyring")
    running = Running(env, "--pick", "--profile", "slow", program=UNABANDONABLE)
    running.wait_for_line(BlockingKeyring.PROMPT_OPEN)
    code, took = running.stop_with(signal.SIGTERM)
    assert "background work still running at exit" in running.stderr()
    assert code == 1, running.stderr()
    assert took < EXIT_BOUND_S, f"{took:.1f} s\n{running.stderr()}"
    assert saved_geometry(env)


def test_a_read_only_home_still_opens_the_window(tmp_path: Path, user_env: dict[str, str]) -> None:
    """Permission bits do not stop root (the tests' user here), so the home is a path
    through a regular file: every mkdir and write under it fails (ENOTDIR) for anyone."""
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("")
    home = blocker / "home"
    env = dict(user_env, HOME=str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[name] = str(home / name.lower())
    running = Running(env, "--demo")
    running.wait_for_line(READY)
    code, _took = running.stop_with(signal.SIGTERM)
    err = running.stderr()
    assert code == 0, err
    assert "Traceback" not in err
    assert "Logs cannot be written" in err
    assert "damaged" not in err, "a settings file that is not there is not damaged"
    assert "Settings (profiles, window layout, favourites) cannot be saved" in err
    assert "the window is open" in err, "logs reach stderr instead of the file"


def test_closing_a_client_ends_a_read_blocked_on_a_slow_answer(slow_emulator: Emulator) -> None:
    """Closing used to leave the reading thread blocked until its read timeout."""
    client = DigitalHumanClient(
        DEMO_APP_ID,
        DEMO_SERVER_SECRET,
        slow_emulator.base_url,
        timeout=httpx.Timeout(SLOW_ANSWER_S),
        retry=FAST_RETRY,
    )
    raised: list[BaseException] = []

    def read() -> None:
        try:
            client.list_page()
        except BaseException as error:
            raised.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while slow_emulator.stats.requests("GetDigitalHumanList") == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    client.close()
    reader.join(SLOW_ANSWER_S / 2)
    assert not reader.is_alive(), "the read is still blocked"
    assert [type(error) for error in raised] == [Cancelled]
