"""Starting a benchmark's child process and reading its answer."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks.protocol import SPAWN_TIME_ENV, parse

REPOSITORY = Path(__file__).resolve().parent.parent


class BenchmarkError(RuntimeError):
    """A child process failed or said nothing; the message carries the end of its stderr."""


def compile_sources() -> None:
    """Byte-compile dhbrowser and the drivers, as an installed app is (pip and PyInstaller
    compile at install time). With PYTHONDONTWRITEBYTECODE set in the shell, every child
    would otherwise compile the app's modules from source: 50–80 ms of each cold start."""
    for package in ("dhbrowser", "benchmarks"):
        if not compileall.compile_dir(REPOSITORY / package, quiet=1):
            raise BenchmarkError(f"{package} does not compile")


def child_environment(sandbox: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Headless Qt, and settings, caches and logs in `sandbox`, never the user's own."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        env[name] = str(sandbox / name.lower())
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra or {})
    return env


def run_child(
    module: str,
    *args: str,
    timeout: float = 180.0,
    env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Run `python -m module args…` and return the JSON result it printed.

    Every child gets fresh XDG folders, as on a first launch; `env` may point one of them
    elsewhere (a second launch: XDG_CACHE_HOME kept from an earlier run).
    """
    with tempfile.TemporaryDirectory(prefix="dhbench-") as fresh:
        environment = child_environment(Path(fresh), env)
        command = [sys.executable, "-m", module, *args]
        environment[SPAWN_TIME_ENV] = repr(time.time())
        try:
            finished = subprocess.run(
                command,
                cwd=REPOSITORY,
                env=environment,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise BenchmarkError(f"{module} {' '.join(args)} ran over {timeout:.0f} s") from error
    result = parse(finished.stdout)
    if result is None:
        tail = "\n".join(finished.stderr.strip().splitlines()[-15:])
        raise BenchmarkError(
            f"{module} {' '.join(args)} exited with {finished.returncode} without a result:\n{tail}"
        )
    if finished.returncode != 0:
        # The measurement was complete when the result was sent; a failure while tearing
        # down afterwards is a finding to report, not a reason to drop the numbers.
        print(
            f"warning: {module} exited with {finished.returncode} after its result", file=sys.stderr
        )
        result["exit_code"] = finished.returncode
    return result


EMULATOR_COMMAND = (sys.executable, "-m", "benchmarks.drivers.emulator_server")


class EmulatorProcess:
    """An emulator serving from a child process (see drivers/emulator_server.py).

    `base_url` once started; `stop()` returns the emulator's stats snapshot.
    """

    def __init__(self, humans: int, qps: int, latency: float, media_latency: float = 0.0) -> None:
        self._process = subprocess.Popen(
            [*EMULATOR_COMMAND, str(humans), str(qps), str(latency), str(media_latency)],
            cwd=REPOSITORY,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        started = parse(self._process.stdout.readline())
        if started is None:
            self._process.kill()
            self._process.wait()
            raise BenchmarkError("the emulator process did not start")
        self.base_url = str(started["base_url"])

    def stop(self) -> dict[str, Any]:
        stdout, _ = self._process.communicate("", timeout=30)
        result = parse(stdout)
        if result is None:
            raise BenchmarkError("the emulator process ended without its stats")
        return dict(result["stats"])

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._process.poll() is None:
            self.stop()
