"""Preview baseline: QMediaPlayer alone, playing a local copy of the same preview file.

The same protocol as the app's driver: the first play in a fresh process, then replays,
each a stop, a cleared source and the file again, as the app's player does.

    python -m benchmarks.drivers.preview_baseline FILE REPLAYS
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoSink
from PySide6.QtWidgets import QApplication

from benchmarks.drivers.preview_timing import FirstFrameClock, watch_a_moment
from benchmarks.protocol import emit


def main(path: str, replays: int) -> int:
    app = QApplication(sys.argv[:1])
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)
    source = QUrl.fromLocalFile(path)

    def play() -> None:
        player.stop()
        player.setSource(QUrl())
        player.setSource(source)
        player.play()

    clock = FirstFrameClock(sink)
    first = clock.measure(play, "the first play")
    replay = []
    for _ in range(replays):
        watch_a_moment()
        replay.append(clock.measure(play, "a replay"))
    emit({"first": first, "replays": replay})
    player.stop()
    player.setSource(QUrl())
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
