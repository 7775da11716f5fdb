"""Open the main window (or the picker) on a screen of a given size and scale, and report
its geometry as JSON: run in a subprocess by test_window_layout, because the screen's size
and QT_SCALE_FACTOR are fixed when Qt starts.

    python -m tests.layout_probe --screen 1600x1000 --scale 2 [--window 800x500] [--pick]
        [--dark] [--saved-geometry FILE] [--png out.png]

The offscreen platform takes its screen from a JSON file (QT_QPA_PLATFORM=offscreen:
configfile=…), so the window meets an honest available area at that scale. Only loopback:
the window browses an emulator started here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: How long the window may take to show its first card, portrait and details.
SETTLE_SECONDS = 30.0


def _configure_screen(width: int, height: int, scale: float) -> None:
    config = {
        "screens": [
            {
                "name": "probe",
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ]
    }
    handle, path = tempfile.mkstemp(prefix="dhbrowser-screen-", suffix=".json")
    with os.fdopen(handle, "w") as file:
        json.dump(config, file)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", default="1600x1000")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--window", default="")
    parser.add_argument("--pick", action="store_true")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--png", default="")
    parser.add_argument("--settings", required=True, help="folder for QSettings (a fresh one)")
    parser.add_argument("--save-and-quit", action="store_true", help="close, saving settings")
    args = parser.parse_args()
    screen_width, screen_height = (int(part) for part in args.screen.split("x"))
    _configure_screen(screen_width, screen_height, args.scale)
    os.environ["XDG_CONFIG_HOME"] = args.settings
    os.environ["XDG_CACHE_HOME"] = str(Path(args.settings) / "cache")

    from PySide6.QtCore import QCoreApplication

    from dhbrowser.emulator import Emulator
    from dhbrowser.gui.app import application, drain, worker_pool
    from dhbrowser.gui.mainwindow import MainWindow
    from tests.gui_fixtures import demo_connection
    from tests.theme_palettes import dark_palette

    app = application()
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    pool = worker_pool()
    with Emulator() as emulator:
        window = MainWindow(pool, Path(args.settings) / "thumbnails", pick_mode=args.pick)
        window.set_connection(demo_connection(emulator))
        if args.window:
            width, height = (int(part) for part in args.window.split("x"))
            window.resize(width, height)
        window.show()

        def settled() -> bool:
            details = window.details
            return (
                window.view.currentIndex().isValid()
                and details.human is not None
                and details.stage.has_pixmap
                and not details.stage.text
            )

        _wait(settled)
        report = measure(window)
        report["settled"] = settled()
        if args.png:
            window.grab().save(args.png)
        if args.save_and_quit:
            window.close()
        else:
            window.shutdown()
        drain(pool)
        QCoreApplication.processEvents()
    print(json.dumps(report))
    return 0


def _wait(done: Callable[[], bool]) -> None:
    """Run the event loop (which must block now and then: the window starts work when it is
    idle) until `done()` or SETTLE_SECONDS, then a little more for the last paints."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + SETTLE_SECONDS
    settled_at: list[float] = []

    def check() -> None:
        now = time.monotonic()
        if done() and not settled_at:
            settled_at.append(now)
        if (settled_at and now - settled_at[0] > 0.3) or now > deadline:
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(20)
    loop.exec()
    timer.stop()


def measure(window: object) -> dict[str, object]:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QScrollArea, QWidget

    from dhbrowser.gui.mainwindow import MainWindow
    from dhbrowser.i18n import current_language

    assert isinstance(window, MainWindow)
    scroller = window.details.findChild(QScrollArea, "detail-scroller")
    details_page = scroller.widget() if scroller is not None else None
    assert scroller is not None
    assert details_page is not None

    def in_window(widget: QWidget, rect: QRect | None = None) -> list[int]:
        area = rect if rect is not None else widget.rect()
        top_left = widget.mapTo(window, area.topLeft())
        return [top_left.x(), top_left.y(), area.width(), area.height()]

    def unclipped(widget: QWidget) -> bool:
        """Wholly drawn: no ancestor (scroll area, splitter, window) cuts part of it off;
        the details page's view may cut it at the top or bottom only where that page
        scrolls, so that scrolling shows it whole."""
        if not widget.isVisible():
            return True
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        parent = widget.parentWidget()
        while parent is not None:
            visible = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
            if parent is scroller.viewport() and scroller.verticalScrollBar().isVisible():
                # Only its width must fit; above the view, what it shows of it must.
                if not (visible.left() <= rect.left() and rect.right() <= visible.right()):
                    return False
                rect = rect.intersected(visible)
                if rect.isEmpty():
                    return True  # wholly below (or above) the view: scrolling shows it
            elif not visible.contains(rect):
                return False
            parent = parent.parentWidget() if parent is not window else None
        return True

    screen = window.screen()
    available = screen.availableGeometry()
    details = window.details
    player = details.player
    view = window.view
    grid = view.gridSize()
    viewport = view.viewport()
    first = view.visualRect(view.model().index(0, 0))
    last_in_row = view.visualRect(view.model().index(max(0, view.columns() - 1), 0))
    controls = [player.play_button, player.position_slider, player.time_label]
    watched = {
        "stage": player.video_area,
        "play": player.play_button,
        "seek": player.position_slider,
        "time": player.time_label,
        "actions": details.actions_list,
        "action_bar": window.action_bar,
        **{f"pick:{button.text()}": button for button in window.pick_buttons},
    }
    video_frame = player.video_area.frame_rect().toRect()
    return {
        "available": [available.x(), available.y(), available.width(), available.height()],
        "frame": [
            window.frameGeometry().x(),
            window.frameGeometry().y(),
            window.frameGeometry().width(),
            window.frameGeometry().height(),
        ],
        "columns": view.columns(),
        "rows_in_model": view.model().rowCount(),
        "grid_cell": [grid.width(), grid.height()],
        "viewport_width": viewport.width(),
        "left_spare": first.left(),
        "right_spare": viewport.width() - 1 - last_in_row.right(),
        "unclipped": {name: unclipped(widget) for name, widget in watched.items()},
        "visible": {name: widget.isVisible() for name, widget in watched.items()},
        "video_frame_inside": player.video_area.rect().contains(video_frame),
        "video_rect": in_window(player.video_area, video_frame),
        "control_rects": [in_window(control) for control in controls],
        "stage_rect": in_window(player.video_area),
        # Every visible part of the player, the stage first: none may lie over another.
        "player_parts": {
            name: in_window(widget)
            for name, widget in {
                "stage": player.video_area,
                "title": player.title,
                "loop": player.loop_button,
                "mute": player.mute_button,
                "play": player.play_button,
                "seek": player.position_slider,
                "time": player.time_label,
            }.items()
            if widget.isVisible()
        },
        "details_page_height": details_page.height(),
        "details_view_height": scroller.viewport().height(),
        "details_scrolls": scroller.verticalScrollBar().isVisible(),
        "details_width": details.width(),
        "grid_width": view.width(),
        "action_bar_hidden_buttons": sum(
            1 for button in window.action_buttons if not button.isVisible()
        ),
        "overflow_usable": window.action_bar_overflow.isVisible()
        and window.action_bar_overflow.isEnabled(),
        "language": current_language(),
        "clipped_buttons": clipped_buttons(window),
    }


def clipped_buttons(window: object) -> list[str]:
    """Visible buttons narrower than their text needs (a translation longer than the
    English can cut a button's words off)."""
    from PySide6.QtWidgets import QAbstractButton, QWidget

    assert isinstance(window, QWidget)
    return [
        button.text()
        for button in window.findChildren(QAbstractButton)
        if button.isVisible()
        and button.text()
        and button.width() < button.minimumSizeHint().width()
    ]


if __name__ == "__main__":
    sys.exit(main())
