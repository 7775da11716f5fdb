"""6. Preview: select an action → its first decoded frame, the first time and on replay.

The app (the emulator's preview streamed over loopback HTTP) against QMediaPlayer alone
playing a local copy of the same file.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.measure import median
from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import EmulatorProcess, run_child
from dhbrowser.emulator import Catalog
from dhbrowser.emulator.resources import catalog_dir

NAME = "Preview"
REPLAYS = 5


def first_preview_file() -> Path:
    """The preview the app plays first: the first human's first action that has one."""
    human = Catalog.demo().records()[0]
    preview = next(action.preview for action in human.actions if action.preview)
    return catalog_dir() / preview


def run() -> Outcome:
    with tempfile.TemporaryDirectory(prefix="dhbench-preview-") as folder:
        copy = Path(folder) / "preview.mp4"
        shutil.copyfile(first_preview_file(), copy)
        baseline = run_child("benchmarks.drivers.preview_baseline", str(copy), str(REPLAYS))
    with EmulatorProcess(0, 10, 0.0) as emulator:
        app = run_child("benchmarks.drivers.preview_app", emulator.base_url, str(REPLAYS))
    first_ms, base_first_ms = app["first"] * 1000, baseline["first"] * 1000
    replay_ms = median(app["replays"]) * 1000
    base_replay_ms = median(baseline["replays"]) * 1000
    return Outcome(
        results=[
            Result(
                NAME,
                "action → first frame, first time",
                first_ms,
                "ms",
                base_first_ms,
                first_ms / base_first_ms,
                Target("<", 300),
                note="baseline: QMediaPlayer alone on a local copy",
            ),
            Result(
                NAME,
                f"action → first frame, replay (median of {REPLAYS})",
                replay_ms,
                "ms",
                base_replay_ms,
                replay_ms / base_replay_ms,
                Target("<", 100),
            ),
        ],
        details={"app": app, "baseline": baseline},
    )
