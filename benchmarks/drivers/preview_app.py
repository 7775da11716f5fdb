"""Preview: select an action in the details → its first decoded frame, then replays.

The main window on the demo catalog (the emulator in its own process, on loopback). The
first card is selected as the window does by itself; selecting its first action starts the
preview (the first time in the process: the decoder is cold), then Enter plays it again.
It leaves once the portraits it asked for are loaded, so that a relaunch on the same cache
folder finds them there.

It ends by selecting the second card, whose preview then plays by itself (as a selected
human's does), so that one is in the cache too.

With --relaunch (a second process on the same cache folder): once the first card (selected
by the window) plays and the first screen's portraits are in, select the second card, a
human whose preview was played before; the time to its preview's first frame, with the
emulator seeing the media requests of that relaunch alone (none, from the cache).

    python -m benchmarks.drivers.preview_app ENDPOINT REPLAYS [--relaunch]
"""

from __future__ import annotations

import sys

from benchmarks.drivers.connections import demo_connection
from benchmarks.drivers.preview_timing import FirstFrameClock, watch_a_moment
from benchmarks.drivers.qt_support import wait_until
from benchmarks.protocol import emit
from dhbrowser.gui.app import application, drain, thumbnail_cache_dir, worker_pool
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at


def main(endpoint: str, replays: int, relaunch: bool = False) -> int:
    app = application()
    pool = worker_pool()
    window = MainWindow(pool, thumbnail_cache_dir())
    window.set_connection(demo_connection(endpoint))
    window.show()
    details = window.details
    wait_until(lambda: details.human is not None, 20, "the first card to be selected")
    sink = details.player.video_sink()
    if sink is None:
        print("QtMultimedia is not available: previews cannot play", file=sys.stderr)
        return 1
    human = details.human
    assert human is not None
    rows = [row for row, action in enumerate(human.actions) if action.preview_url]
    if len(rows) < 2:
        print("the first human needs two actions with previews", file=sys.stderr)
        return 1
    thumbnails = window.thumbnails
    second = human_at(window.proxy.index(1, 0))
    assert second is not None

    def second_card() -> None:
        window.view.setCurrentIndex(window.proxy.index(1, 0))

    def playing_second() -> bool:
        """The second card's file is in the player (a frame before is the first card's)."""
        shown = details.player.preview
        return (
            shown is not None
            and shown[0].id == second.id
            and details.player.source_file is not None
        )

    if relaunch:
        wait_until(lambda: details.player.source_file is not None, 20, "the first card's preview")
        wait_until(lambda: thumbnails.idle, 20, "the first screen's portraits")
        first = FirstFrameClock(sink, playing_second).measure(second_card, "the second card")
        emit({"first": first, "human": second.name})
    else:
        clock = FirstFrameClock(sink)
        first = clock.measure(
            lambda: details.actions_list.setCurrentRow(rows[0]), "the first preview"
        )
        replay = []
        for _ in range(replays):
            watch_a_moment()
            replay.append(clock.measure(details.play_selected_action, "a replay"))
        watch_a_moment()
        other = clock.measure(lambda: details.actions_list.setCurrentRow(rows[1]), "another action")
        emit(
            {
                "first": first,
                "replays": replay,
                "another_action_first": other,
                "action": human.actions[rows[0]].name,
            }
        )
        watch_a_moment()
        FirstFrameClock(sink, playing_second).measure(second_card, "the second card")
        wait_until(lambda: thumbnails.idle, 20, "the portraits asked for")
    window.close()
    drain(pool)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), "--relaunch" in sys.argv[3:]))
