"""A command whose reader has gone (`| head -1`, `| grep -q`) ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dhbrowser.cli import READER_GONE


@pytest.mark.parametrize(
    "command", [["--check", "--demo"], ["voices", "--demo"]], ids=["check", "voices"]
)
def test_output_to_a_reader_that_is_gone_ends_with_no_traceback(
    tmp_path: Path, command: list[str]
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader already has what it wanted, as `head -1` would
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "dhbrowser", *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    stderr = finished.stderr.decode()
    assert finished.returncode == READER_GONE, stderr
    assert "Traceback" not in stderr, stderr
    assert "BrokenPipe" not in stderr, stderr
