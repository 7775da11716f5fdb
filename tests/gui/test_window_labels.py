"""Labels for opaque action names in the window: shown beside the real name, kept in the
store per catalog, shared as the same JSON file the command line reads and writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.store import CatalogStore, StoreKey
from tests.gui_fixtures import demo_connection

WAIT_MS = 20_000


@pytest.fixture
def window(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path
) -> Iterator[MainWindow]:
    with Emulator() as emulator:
        main = MainWindow(pool, tmp_path / "thumbnails", catalog_store=tmp_path / "c.sqlite3")
        qtbot.addWidget(main)
        main.set_connection(demo_connection(emulator))
        main.show()
        qtbot.waitUntil(lambda: main.model.rowCount() > 0, timeout=WAIT_MS)
        main.view.setCurrentIndex(main.proxy.index(0, 0))
        qtbot.waitUntil(lambda: main.details.actions_list.count() > 0, timeout=WAIT_MS)
        yield main
        main.close()
        pool.waitForDone()
        assert main.store_link is not None
        main.store_link.close()


def action_rows(window: MainWindow) -> list[str]:
    listed = window.details.actions_list
    return [listed.item(row).text() for row in range(listed.count())]


def test_a_renamed_action_shows_its_label_beside_the_real_name_and_is_stored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.labels is not None
    human = window.details.human
    assert human is not None
    name = human.actions[0].name
    window.labels.rename(name, "  nod  ")
    assert action_rows(window)[0].startswith(f"nod ({name})"), "the real name stays visible"
    qtbot.waitUntil(lambda: window.labels is not None and window.labels.label(name) == "nod")
    with CatalogStore(tmp_path / "c.sqlite3") as store:
        qtbot.waitUntil(lambda: store.labels(StoreKey.demo()) == {name: "nod"}, timeout=WAIT_MS)
    window.details.actions_list.setCurrentRow(0)
    selected = window.details.selected_action()
    assert selected is not None
    assert selected.name == name, "the action itself (what is copied and sent) keeps its name"


def test_labels_are_exported_and_imported_as_the_command_lines_json(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.labels is not None
    human = window.details.human
    assert human is not None
    first, second = human.actions[0].name, human.actions[1].name
    team_file = tmp_path / "team-labels.json"
    team_file.write_text(json.dumps({first: "nod", second: "wave"}), encoding="utf-8")
    with qtbot.waitSignal(window.labels.done, timeout=WAIT_MS) as imported:
        window.labels.import_from(team_file)
    assert imported.args == [f"Imported 2 labels from {team_file}."]
    assert action_rows(window)[:2] == [f"nod ({first})", f"wave ({second})"]

    exported = tmp_path / "out.json"
    with qtbot.waitSignal(window.labels.done, timeout=WAIT_MS):
        window.labels.export_to(exported)
    assert json.loads(exported.read_text(encoding="utf-8")) == {first: "nod", second: "wave"}


def test_a_file_that_is_not_labels_is_refused_with_its_reason(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.labels is not None
    bad = tmp_path / "list.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with qtbot.waitSignal(window.labels.failed, timeout=WAIT_MS) as failed:
        window.labels.import_from(bad)
    assert "is not a labels file" in failed.args[0]
    assert window.error_banner.isVisible()


def shown_names(window: MainWindow) -> list[str]:
    return [window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount())]


def test_tags_and_a_note_typed_in_the_details_are_stored_and_found_by_search(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    section = window.words.notes_section
    assert section is not None
    human = window.details.human
    assert human is not None
    section.tags_field.setText("studio,  Voice-over , studio")
    section.tags_field.editingFinished.emit()
    section.note_field.setPlainText("For the autumn campaign")
    window.view.setCurrentIndex(window.proxy.index(1, 0))  # moving on saves the note
    with CatalogStore(tmp_path / "c.sqlite3") as store:
        qtbot.waitUntil(
            lambda: store.notes(StoreKey.demo()).get(human.id) == "For the autumn campaign",
            timeout=WAIT_MS,
        )
        assert store.tags(StoreKey.demo())[human.id] == ("Voice-over", "studio")

    for typed in ("voice-over", "AUTUMN campaign"):
        window.search_box.setText(typed)
        qtbot.waitUntil(lambda: shown_names(window) == [human.name], timeout=WAIT_MS)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    assert section.tags_field.text() == "Voice-over, studio", "shown again for its human"


def test_search_finds_a_human_by_the_label_of_one_of_its_actions(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.labels is not None
    human = window.details.human
    assert human is not None
    window.labels.rename(human.actions[0].name, "Kumbaya greeting")
    window.search_box.setText("kumbaya")
    bearers = [
        h.name
        for h in window.model.humans()
        if any(action.name == human.actions[0].name for action in h.actions)
    ]
    qtbot.waitUntil(lambda: shown_names(window) == bearers, timeout=WAIT_MS)
    assert human.name in bearers
