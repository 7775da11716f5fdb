"""6. Preview: select an action → its first decoded frame, the first time and on replay.

The app (the emulator's preview streamed over loopback HTTP) against QMediaPlayer alone
playing a local copy of the same file.

From the cache (issue 18): the app is started again on the same cache folder, against an
emulator of its own (the cache names files by host and path, not port); once its first
card plays and its first screen is in, the second card is selected, a human whose preview
played before (selecting a human plays its preview). The time to that preview's first
frame, beside the same baseline's first play, and the media requests that emulator saw
meanwhile: none, if everything came from the cache.
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
    with tempfile.TemporaryDirectory(prefix="dhbench-preview-cache-") as cache:
        same_cache = {"XDG_CACHE_HOME": cache}
        with EmulatorProcess(0, 10, 0.0) as emulator:
            app = run_child(
                "benchmarks.drivers.preview_app", emulator.base_url, str(REPLAYS), env=same_cache
            )
        relaunch_emulator = EmulatorProcess(0, 10, 0.0)
        try:
            relaunch = run_child(
                "benchmarks.drivers.preview_app",
                relaunch_emulator.base_url,
                "0",
                "--relaunch",
                env=same_cache,
            )
        finally:
            relaunch_stats = relaunch_emulator.stop()
    first_ms, base_first_ms = app["first"] * 1000, baseline["first"] * 1000
    cached_ms = relaunch["first"] * 1000
    media_requests = relaunch_stats["media_requests"]
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
            Result(
                NAME,
                "select a human → first frame after a relaunch, played before (cache)",
                cached_ms,
                "ms",
                base_first_ms,
                cached_ms / base_first_ms,
                Target("<", 50),
            ),
            Result(
                NAME,
                "media requests while the relaunch shows its first screen and plays it",
                media_requests,
                "",
                target=Target("==", 0),
            ),
        ],
        details={
            "app": app,
            "baseline": baseline,
            "relaunch": relaunch,
            "relaunch_stats": relaunch_stats,
        },
    )
