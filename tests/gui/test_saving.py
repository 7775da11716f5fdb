"""Saving like a desktop app: the type's extension is added, and the dialog opens in the
folder saved to last (Documents or Downloads the first time), not the working folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.resources import resource_path
from tests.gui_fixtures import WindowFactory

SYNC_TIMEOUT_MS = 30_000


@pytest.fixture
def standard_folders(user_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Documents and Downloads of a throw-away user, as xdg-user-dirs names them."""
    home = user_dirs / "home"
    for name in ("Documents", "Downloads"):
        (home / name).mkdir(parents=True)
    config = user_dirs / "xdg_config_home"
    config.mkdir(parents=True, exist_ok=True)
    (config / "user-dirs.dirs").write_text(
        f'XDG_DOCUMENTS_DIR="{home}/Documents"\nXDG_DOWNLOAD_DIR="{home}/Downloads"\n'
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(user_dirs)  # the folder the app was started from
    return home


class SaveDialog:
    """Stands in for the platform's save dialog (a native one cannot be driven from a
    test): records the folder and name it was opened with, answers as the user typed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened_in: list[str] = []
        self.answer = ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._ask)

    def _ask(self, _parent: object, _title: str, start: str, type_filter: str) -> tuple[str, str]:
        self.opened_in.append(str(Path(start).parent))
        return self.answer, type_filter


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
    return SaveDialog(monkeypatch)


def export_as(
    qtbot: QtBot, window: MainWindow, dialog: SaveDialog, label: str, typed: Path
) -> list[object]:
    dialog.answer = str(typed)
    with qtbot.waitSignal(window.exportFinished, timeout=SYNC_TIMEOUT_MS) as written:
        action = window.commands[f"export_{label.lower()}"]  # File › Export catalog › As …
        action.trigger()
    return list(written.args)


def test_an_export_gets_its_extension_and_the_next_dialog_opens_where_it_went(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    standard_folders: Path,
    save_dialog: SaveDialog,
) -> None:
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.finished, timeout=SYNC_TIMEOUT_MS)
    elsewhere = standard_folders / "projects"
    elsewhere.mkdir()

    written = export_as(qtbot, window, save_dialog, "CSV", elsewhere / "humans")
    assert save_dialog.opened_in == [str(standard_folders / "Documents")], "first: Documents"
    assert written == [str(elsewhere / "humans.csv")]
    assert (elsewhere / "humans.csv").read_text(encoding="utf-8").startswith("id,")

    written = export_as(qtbot, window, save_dialog, "JSON", elsewhere / "again.JSON")
    assert save_dialog.opened_in[1] == str(elsewhere), "next: where the last file went"
    assert written == [str(elsewhere / "again.JSON")], "a typed extension is kept"


def test_a_saved_preview_gets_mp4_and_its_dialog_starts_in_downloads(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    standard_folders: Path,
    save_dialog: SaveDialog,
) -> None:
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.finished, timeout=SYNC_TIMEOUT_MS)
    record = emulator.catalog.records()[0]
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    window.details.actions_list.setCurrentRow(0)
    downloads = standard_folders / "Downloads"
    save_dialog.answer = str(downloads / "clip")
    window.human_actions.save_preview.trigger()
    target = downloads / "clip.mp4"
    assert save_dialog.opened_in == [str(downloads)]
    expected = resource_path("catalog", record.actions[0].preview).read_bytes()
    qtbot.waitUntil(lambda: target.exists() and target.read_bytes() == expected, timeout=10_000)
