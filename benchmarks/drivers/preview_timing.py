"""Timing "play" → first decoded frame on a QVideoSink, shared by the app and baseline drivers."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtMultimedia import QVideoFrame, QVideoSink

from benchmarks.drivers.qt_support import wait_until

#: A frame this early in the video is the first of a new playback, not a late one of the last.
FIRST_FRAME_BEFORE_US = 100_000
FRAME_TIMEOUT = 20.0
#: How long each playback runs before it is started again: a person watching a moment.
WATCH_SECONDS = 0.3


class FirstFrameClock:
    """Measures from `start()` to the first frame of a new playback arriving at `sink`.

    `counts()`, if given, must also hold for a frame to count: while another preview plays
    on (looping), its frames are not the new one's.
    """

    def __init__(self, sink: QVideoSink, counts: Callable[[], bool] | None = None) -> None:
        self._started = 0.0
        self.arrived = 0.0
        self._counts = counts
        sink.videoFrameChanged.connect(self._on_frame)

    def _on_frame(self, frame: QVideoFrame) -> None:
        if (
            self._started
            and not self.arrived
            and frame.isValid()
            and frame.startTime() < FIRST_FRAME_BEFORE_US
            and (self._counts is None or self._counts())
        ):
            self.arrived = time.perf_counter()

    def measure(self, play: Callable[[], None], what: str) -> float:
        """Seconds from calling `play()` to the first frame it produced."""
        self.arrived = 0.0
        self._started = time.perf_counter()
        play()
        wait_until(lambda: bool(self.arrived), FRAME_TIMEOUT, f"the first frame of {what}")
        return self.arrived - self._started


def watch_a_moment() -> None:
    until = time.monotonic() + WATCH_SECONDS
    wait_until(lambda: time.monotonic() > until, WATCH_SECONDS + 5, "the preview to play")
