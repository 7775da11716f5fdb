"""Portraits load visible first: after a jump, the cards on screen are fetched before those
that scrolled away, and the loads of those are dropped (counted at the emulator)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import Emulator, Faults
from dhbrowser.gui.catalog_view import visible_indexes
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt import thumbnails
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.thumbnails import ThumbState
from tests.emulator_fixtures import UNLIMITED_QPS
from tests.gui_fixtures import WindowFactory

#: Each portrait takes this long to arrive, so the first screen's loads are still queued
#: when the test jumps away from it.
MEDIA_LATENCY = 0.5


def _visible(window: MainWindow) -> list[DigitalHuman]:
    humans = [human_at(index) for index in visible_indexes(window.view)]
    return [human for human in humans if human is not None]


def _path(human: DigitalHuman) -> str:
    return urlsplit(human.avatar_url).path


@pytest.mark.parametrize("prefetched_too", [False, True], ids=["painted", "prefetched-too"])
def test_after_a_jump_the_visible_cards_load_first_and_the_rest_is_dropped(
    qtbot: QtBot,
    open_window: WindowFactory,
    synthetic_emulator: Callable[..., Emulator],
    prefetched_too: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`prefetched_too`: the first screen's cards are also prefetched after their paint
    asked for them (as the window does when its stored rows arrive late): that must not
    keep their loads from being dropped."""
    emulator = synthetic_emulator(
        150, qps=UNLIMITED_QPS, faults=Faults(media_latency=MEDIA_LATENCY)
    )
    window = open_window(emulator)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.model.finished, timeout=20_000)
    qtbot.waitUntil(lambda: len(emulator.media_paths()) > 0, timeout=10_000)
    top = _visible(window)
    top_paths = {_path(human) for human in top}
    if prefetched_too:
        # The bound on warm-ups would refuse them with the first screen queued: lift it.
        monkeypatch.setattr(thumbnails, "PREFETCH_QUEUE_LIMIT", 10_000)
        window.thumbnails.prefetch(
            top, window.delegate.image_size(), window.view.viewport().devicePixelRatioF()
        )
    at_once = window.thumbnails.loads_at_once
    jumped_at = len(emulator.media_paths())
    waiting = len(top) - len(top_paths.intersection(emulator.media_paths()))
    assert waiting > at_once, "more of the first screen must wait than load at once"

    with qtbot.waitSignal(window.thumbnails.loadsFinished, timeout=30_000):
        bar = window.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        window.view.viewport().repaint()  # the paint that asks for the cards at the end
    end = _visible(window)
    assert end
    assert not {human.id for human in end} & {human.id for human in top}
    assert all(window.thumbnails.state(human.id) is ThumbState.READY for human in end)

    after_jump = emulator.media_paths()[jumped_at:]
    end_paths = {_path(human) for human in end}
    top_requests = [number for number, path in enumerate(after_jump) if path in top_paths]
    end_requests = [number for number, path in enumerate(after_jump) if path in end_paths]
    assert len(end_requests) == len(end)
    # After the jump only the loads already running went out; the waiting ones were
    # dropped, and no card that had scrolled away was fetched after a visible one.
    assert len(top_requests) <= at_once
    assert max(top_requests, default=-1) < min(end_requests)
