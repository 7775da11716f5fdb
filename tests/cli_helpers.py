"""Running the `dhbrowser` command in a subprocess, as a user's shell would."""

from __future__ import annotations

import subprocess
import sys


def run_profile(
    env: dict[str, str], *args: str, secret: str = ""
) -> subprocess.CompletedProcess[str]:
    """`dhbrowser profile ARGS`, with `secret` typed on standard input if given."""
    return subprocess.run(
        [sys.executable, "-m", "dhbrowser", "profile", *args],
        input=secret + "\n" if secret else "",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
