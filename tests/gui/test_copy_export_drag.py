"""Handing a chosen digital human on: copies, favourites, export, drag, saved previews."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import FetchMode
from dhbrowser.core.export import ROOM_ID_PLACEHOLDER, STREAM_ID_PLACEHOLDER
from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_export import ExportFormat
from dhbrowser.qt.roles import FAVOURITE_ROLE
from dhbrowser.resources import resource_path
from tests.gui_fixtures import WindowFactory, settle

SYNC_TIMEOUT_MS = 30_000


def wait_synced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.model.finished and not window.model.syncing, timeout=SYNC_TIMEOUT_MS
    )


def select(window: MainWindow, row: int) -> None:
    window.view.setCurrentIndex(window.proxy.index(row, 0))


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def test_each_copy_action_puts_what_it_says_on_the_clipboard(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    record = emulator.catalog.records()[0]
    select(window, 0)
    actions = window.human_actions

    actions.copy_id.trigger()
    assert clipboard() == record.id

    # The human's JSON carries the voice chosen for it (the first listed until one is).
    qtbot.waitUntil(lambda: window.voices.chosen() is not None, timeout=SYNC_TIMEOUT_MS)
    voice = window.voices.chosen()
    assert voice is not None
    actions.copy_json.trigger()
    assert json.loads(clipboard()) == {
        "DigitalHumanId": record.id,
        "Name": record.name,
        "IsPublic": record.public,
        "Actions": [action.action for action in record.actions],
        "SelectedAction": "idle_action",  # what plays when the human is selected
        "Timbre": {"TimbreId": voice.id, "Name": voice.name},
    }

    window.details.actions_list.setCurrentRow(1)
    actions.copy_json.trigger()
    assert json.loads(clipboard())["SelectedAction"] == record.actions[1].action

    actions.copy_request.trigger()
    body = json.loads(clipboard())
    assert body["DigitalHumanConfig"] == {"DigitalHumanId": record.id}
    # Only the caller knows its room and a free StreamId: the body says so, not a fake id.
    assert body["RTCConfig"] == {"RoomId": ROOM_ID_PLACEHOLDER, "StreamId": STREAM_ID_PLACEHOLDER}
    assert "fill in its RoomId and StreamId" in window.statusBar().currentMessage()
    assert 10 <= body["TTL"] <= 86400


def test_favourites_survive_a_restart_and_filter_the_cards(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    first = open_window(emulator)
    wait_synced(qtbot, first)
    select(first, 3)
    starred = first.selected_human()
    assert starred is not None
    first.human_actions.favourite.trigger()
    first.close()

    second = open_window(emulator)
    wait_synced(qtbot, second)
    assert starred.id in second.favourites.ids
    row = second.model.row_of(starred.id)
    assert row is not None
    assert second.model.index(row).data(FAVOURITE_ROLE) is True
    second.favourites_only.setChecked(True)
    assert second.proxy.rowCount() == 1
    assert second.proxy.index(0, 0).data() == starred.name


def test_export_syncs_every_page_first_and_parses_back(
    qtbot: QtBot,
    open_window: WindowFactory,
    synthetic_emulator: Callable[..., Emulator],
    tmp_path: Path,
) -> None:
    emulator = synthetic_emulator(95)
    emulator.faults.latency = 0.1
    window = open_window(emulator)
    window.set_fetch_mode(FetchMode.PRIVATE)
    expected = [record for record in emulator.catalog.records() if not record.public]

    path = tmp_path / "private.csv"
    with qtbot.waitSignal(window.exportFinished, timeout=SYNC_TIMEOUT_MS):
        window.export.export(path, ExportFormat.CSV)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [record.id for record in expected]
    assert {row["public"] for row in rows} == {"false"}
    assert (
        rows[0]["actions"].split(";") == [a.action for a in expected[0].actions]
        or not expected[0].actions
    )

    json_path = tmp_path / "private.json"
    with qtbot.waitSignal(window.exportFinished, timeout=SYNC_TIMEOUT_MS):
        window.export.export(json_path, ExportFormat.JSON)
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert [item["DigitalHumanId"] for item in document] == [record.id for record in expected]
    assert [item["Name"] for item in document] == [record.name for record in expected]


def test_cancelling_an_export_writes_nothing(
    qtbot: QtBot,
    open_window: WindowFactory,
    synthetic_emulator: Callable[..., Emulator],
    tmp_path: Path,
) -> None:
    emulator = synthetic_emulator(400)
    emulator.faults.latency = 0.2
    window = open_window(emulator)
    path = tmp_path / "never.json"
    window.export.export(path, ExportFormat.JSON)
    progress = window.findChild(QProgressDialog)
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "Cancel"
    cancel.click()
    wait_synced(qtbot, window)
    settle(window.pool)  # a cancelled export that still wrote would have done so by now
    assert not path.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_dragging_a_card_carries_its_id(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator
) -> None:
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.loaded >= 2, timeout=10_000)
    data = window.proxy.mimeData([window.proxy.index(1, 0)])
    assert data.text() == emulator.catalog.records()[1].id


def test_save_preview_writes_the_video(
    qtbot: QtBot, open_window: WindowFactory, emulator: Emulator, tmp_path: Path
) -> None:
    window = open_window(emulator)
    wait_synced(qtbot, window)
    row, record = next(
        (row, record)
        for row, record in enumerate(emulator.catalog.records())
        if record.actions and record.actions[0].preview
    )
    select(window, row)
    window.details.actions_list.setCurrentRow(0)
    target = tmp_path / "preview.mp4"
    window.human_actions.save_preview_to(target)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes() == resource_path("catalog", record.actions[0].preview).read_bytes()
