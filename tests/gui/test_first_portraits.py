"""A repeat start loads its first screen's portraits as the stored cards arrive (issue 18).

The paint of the stored cards used to be the first to ask for their portraits, so they
came one paint and a round of loads later. Here the grid's paints are held back: the
first screen's portraits must load all the same, asked for when the stored rows came.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.core.demo import DemoService
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import human_at
from dhbrowser.qt.settings import ProfileSettings
from dhbrowser.qt.thumbnails import ThumbState

WAIT_MS = 10_000


class NoPaint(QObject):
    """Swallows a widget's paint events: nothing on it asks for anything by painting."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.Paint


def test_the_first_screens_portraits_load_before_the_stored_cards_are_painted(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = ProfileSettings(
        QSettings(str(tmp_path / "settings.conf"), QSettings.Format.IniFormat)
    )
    emulators: list[Emulator] = []

    def start_emulator() -> Emulator:
        emulators.append(Emulator().start())
        return emulators[-1]

    monkeypatch.setattr(DemoService, "_start_emulator", staticmethod(start_emulator))

    def open_window(paints: bool) -> MainWindow:
        window = MainWindow(
            pool, tmp_path / "thumbnails", catalog_store=tmp_path / "catalog.sqlite3"
        )
        qtbot.addWidget(window)
        if not paints:
            window.view.viewport().installEventFilter(NoPaint(window))
        window.enable_profiles(settings, SecretStore(), DemoService().connection)
        window.switch_profile(None)
        window.show()
        return window

    def first_screen(window: MainWindow) -> list[str]:
        view = window.view
        rows = view.columns() * (view.viewport().height() // view.gridSize().height() + 1)
        humans = [human_at(window.proxy.index(row, 0)) for row in range(rows)]
        return [human.id for human in humans if human is not None]

    try:
        first = open_window(paints=True)  # yesterday: the catalog stored, the portraits cached
        assert first.store_link is not None
        with qtbot.waitSignal(first.store_link.changesReady, timeout=WAIT_MS):
            qtbot.waitUntil(lambda: first.model.finished, timeout=WAIT_MS)
        shown = first_screen(first)
        qtbot.waitUntil(
            lambda: all(first.thumbnails.state(id_) is ThumbState.READY for id_ in shown),
            timeout=WAIT_MS,
        )
        first.close()
        pool.waitForDone()
        first.store_link.close()

        second = open_window(paints=False)
        qtbot.waitUntil(lambda: second.model.showing_stored and second.proxy.rowCount() > 0)
        qtbot.waitUntil(
            lambda: all(second.thumbnails.state(id_) is ThumbState.READY for id_ in shown),
            timeout=WAIT_MS,
        )

        assert shown == first_screen(second)
        second.close()
        assert second.store_link is not None
        pool.waitForDone()
        second.store_link.close()
    finally:
        for emulator in emulators:
            emulator.stop()
