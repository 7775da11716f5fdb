"""The browser window against the emulator: paging, filters, search, keyboard, shutdown."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSettings, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import FetchMode
from dhbrowser.core.demo import DemoService
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.gui.card_delegate import MARGIN as CARD_MARGIN
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.settings import ProfileSettings
from dhbrowser.qt.thumbnails import ThumbState
from tests.gui_fixtures import WindowFactory, settle
from tests.portrait_fixtures import distinct_colours

SYNC_TIMEOUT_MS = 30_000


def list_requests(emulator: Emulator) -> int:
    return emulator.stats.requests("GetDigitalHumanList")


def wait_synced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.model.finished and not window.model.syncing, timeout=SYNC_TIMEOUT_MS
    )


def test_pages_once_each_and_stops_at_total(
    qtbot: QtBot, open_window: WindowFactory, synthetic_emulator: Callable[..., Emulator]
) -> None:
    emulator = synthetic_emulator(95)
    window = open_window(emulator)
    wait_synced(qtbot, window)

    ids = [human.id for human in window.model.humans()]
    assert len(ids) == 95 == len(set(ids))
    assert list_requests(emulator) == math.ceil(95 / 20)
    assert window.progress_label.text() == "Loaded 95 of 95"
    assert not window.model.canFetchMore(QModelIndex())


def test_fetch_mode_switch_discards_the_old_query(
    qtbot: QtBot, open_window: WindowFactory, synthetic_emulator: Callable[..., Emulator]
) -> None:
    emulator = synthetic_emulator(120)
    emulator.faults.latency = 0.25  # the ALL pages are still in flight when we switch
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.syncing, timeout=5000)

    window.set_fetch_mode(FetchMode.PRIVATE)
    wait_synced(qtbot, window)

    humans = window.model.humans()
    expected = sum(1 for record in emulator.catalog.records() if not record.public)
    assert humans, "the private query loaded nothing"
    assert all(not human.is_public for human in humans), "a late page of the ALL query got in"
    assert len(humans) == expected


def test_search_finds_a_human_on_a_page_not_scrolled_to(
    qtbot: QtBot, open_window: WindowFactory, synthetic_emulator: Callable[..., Emulator]
) -> None:
    emulator = synthetic_emulator(200)
    target = emulator.catalog.records()[187]
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.loaded >= 20, timeout=5000)
    # Only the first screenful is visible; the search still reaches row 187 as it syncs.
    qtbot.keyClicks(window.search_box, target.name)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=SYNC_TIMEOUT_MS)
    assert human_at(window.proxy.index(0, 0)).id == target.id  # type: ignore[union-attr]

    window.search_box.setText(target.id[:13])
    assert window.proxy.rowCount() == 1


def test_sort_by_name(qtbot: QtBot, open_window: WindowFactory, emulator: Emulator) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    window.sort_box.setCurrentIndex(1)
    names = [window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)
    window.sort_box.setCurrentIndex(0)
    assert [window.proxy.index(row, 0).data() for row in range(3)] == [
        h.name for h in window.model.humans()[:3]
    ]


def test_thumbnails_paint_on_the_cards(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator, artifacts_dir: Path
) -> None:
    window = open_window(emulator)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.model.loaded >= 20, timeout=10_000)
    first = window.model.humans()[0]
    qtbot.waitUntil(lambda: window.thumbnails.state(first.id) is ThumbState.READY, timeout=10_000)
    qtbot.waitUntil(window.details.isVisible, timeout=2000)
    card = window.view.visualRect(window.proxy.index(0, 0))
    portrait = QRect(
        card.topLeft() + QPoint(CARD_MARGIN, CARD_MARGIN), window.delegate.image_size()
    )
    painted = window.view.viewport().grab(portrait)
    # The loading placeholder is two flat tones; a portrait has many.
    assert distinct_colours(painted) > 20, "the first card does not show its portrait"
    window.grab().save(str(artifacts_dir / "main-window.png"))


def test_keyboard(qtbot: QtBot, open_window: WindowFactory, emulator: Emulator) -> None:
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.loaded >= 3, timeout=10_000)
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.selected_human() is not None, timeout=1000)  # once painted
    first = window.selected_human()
    assert first is not None

    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    second = window.selected_human()
    assert second is not None
    assert second.id != first.id

    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == second.id

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_box


def test_enter_plays_and_space_pauses(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    row = next(
        row
        for row, human in enumerate(window.model.humans())
        if any(a.preview_url for a in human.actions)
    )
    window.view.setCurrentIndex(window.proxy.index_of_row(row))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.details.player.is_playing, timeout=10_000)
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.details.player.is_playing, timeout=5000)


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed: HTTP 502")
def test_error_banner_and_retry(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    emulator.faults.fail_next = ["http502"] * 10  # more than the client's retry bound
    window = open_window(emulator)
    qtbot.waitUntil(window.error_banner.isVisible, timeout=20_000)
    assert "unavailable" in window.error_banner.label.text()
    assert "Traceback" not in window.error_banner.label.text()
    emulator.faults.fail_next = []
    retry = window.error_banner.button("Retry")
    assert retry is not None
    retry.click()
    wait_synced(qtbot, window)
    assert not window.error_banner.isVisible()
    assert window.model.loaded == len(emulator.catalog.records())


def test_close_while_loading_drains_quickly(
    qtbot: QtBot, open_window: WindowFactory, synthetic_emulator: Callable[..., Emulator]
) -> None:
    emulator = synthetic_emulator(2000)
    emulator.faults.latency = 0.3
    emulator.faults.media_latency = 0.3
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.loaded >= 20, timeout=10_000)
    assert window.model.syncing
    window.close()
    # Everything in flight was cancelled: the pool drains within the app's shutdown budget.
    assert window.pool.waitForDone(2000)


def test_the_details_are_built_while_idle_after_showing_not_on_the_first_selection(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path
) -> None:
    window = MainWindow(pool, tmp_path / "thumbnails")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.details.pages.count() > 1, timeout=5000)
    assert window.details.human is None
    assert window.details.pages.currentWidget() is window.details.empty_label, "still empty"
    window.close()


def test_a_connection_that_opens_after_the_window_closed_is_dropped(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opening = threading.Event()
    window_closed = threading.Event()

    def slow_demo() -> Emulator:
        opening.set()
        assert window_closed.wait(10), "the test never closed the window"
        return emulator

    monkeypatch.setattr(DemoService, "_start_emulator", staticmethod(slow_demo))
    settings = ProfileSettings(QSettings(str(tmp_path / "s.conf"), QSettings.Format.IniFormat))
    window = MainWindow(pool, tmp_path / "thumbnails")
    qtbot.addWidget(window)
    window.enable_profiles(settings, SecretStore(), DemoService().connection)
    window.switch_profile(None)
    assert opening.wait(5)
    window.close()
    window_closed.set()
    settle(pool)  # the opened connection's answer reaches the closed window
    assert window.session is None, "a closed window started a session: its work outlives it"
    assert list_requests(emulator) == 0
