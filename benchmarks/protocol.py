"""How a benchmark parent and its child process talk: an environment variable and one line.

The parent stamps the wall-clock spawn time into the child's environment, so the child can
measure "process start → something visible" without trusting its own start-up to be quick.
The child answers with a single JSON line on stdout, prefixed so library chatter cannot be
mistaken for it. Standard library only: the bare-window driver imports this too.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any

SPAWN_TIME_ENV = "DHBENCH_SPAWN_TIME"
#: A folder holding chain.pem, key.pem and ca.pem: the cold-start child serves its demo
#: emulator over HTTPS with them.
TLS_FILES_ENV = "DHBENCH_TLS_FILES"
RESULT_PREFIX = "DHBENCH-RESULT "


def spawn_time() -> float:
    """The parent's time.time() just before it started this process."""
    return float(os.environ[SPAWN_TIME_ENV])


def emit(result: Mapping[str, Any]) -> None:
    """Send the child's result to the parent (the last such line wins)."""
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


def parse(stdout: str) -> dict[str, Any] | None:
    """The result a child printed, or None if it printed none."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            document = json.loads(line.removeprefix(RESULT_PREFIX))
            if not isinstance(document, dict):
                raise ValueError("a benchmark result must be a JSON object")
            return document
    return None
