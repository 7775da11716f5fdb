"""The search filter keeps each human's search text, made once per human: a renamed human
is found by its new name (and its id), no longer by its old one."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Emulator
from dhbrowser.qt.catalog_model import human_at
from tests.gui_fixtures import WindowFactory


def test_a_renamed_human_is_found_by_its_new_name(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    qtbot.waitUntil(lambda: window.model.finished, timeout=10_000)

    def shown() -> list[str]:
        humans = [human_at(window.proxy.index(row, 0)) for row in range(window.proxy.rowCount())]
        return [human.name for human in humans if human is not None]

    window.search_box.setText("aiko")
    assert shown() == ["Aiko Tanaka"]
    aiko = next(human for human in window.model.humans() if human.name == "Aiko Tanaka")
    window.model.update_human(dataclasses.replace(aiko, name="Zora Quinn"))
    assert shown() == []
    window.search_box.setText("ZORA")
    assert shown() == ["Zora Quinn"]
    window.search_box.setText(aiko.id[:8])
    assert shown() == ["Zora Quinn"]
