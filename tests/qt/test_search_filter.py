"""The search filter keeps each human's search text, made once per human: a renamed human
is found by its new name (and its id), no longer by its old one."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from dhbrowser.core.search import matches, query_words, search_key
from dhbrowser.emulator import Emulator
from dhbrowser.gui.mainwindow import MainWindow
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


#: Names typed the way people type them, and how: accents, case, word order, another script.
FORGIVEN = {
    "Zoë Müller": ("muller", "ZOË", "müller zoe"),
    "Ana Lucía Hernández": ("hernandez lucia", "ANA"),
    "Yasmin Aydın": ("aydin",),
    "Liam O'Connor": ("o'connor", "CONNOR liam"),
    "李华": ("李",),
    "Straße Øre": ("strasse", "ore"),
}


def test_the_grid_finds_exactly_what_the_forgiving_matcher_finds(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    """The grid's filter is a regular expression over stored texts: it must agree with
    `dhbrowser.core.search.matches` on every human, for every way of typing."""
    window = open_window(fast_small_emulator)
    qtbot.waitUntil(lambda: window.model.finished, timeout=10_000)
    for human, name in zip(window.model.humans(), FORGIVEN, strict=False):
        window.model.update_human(dataclasses.replace(human, name=name))
    humans = window.model.humans()
    queries = [query for typed in FORGIVEN.values() for query in typed]
    queries += ["idle aiko", "wave", "zz-nothing", "a.a", "action\nnod", "  "]
    for query in queries:
        window.search_box.setText(query)
        expected = [h.name for h in humans if matches(query_words(query), search_key(h))]
        assert shown(window) == expected, query
    window.search_box.setText("(o'connor")
    assert shown(window) == [], "regular expression characters are matched as typed"


def test_a_name_cannot_pass_for_a_favourite_or_a_newcomer(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    qtbot.waitUntil(lambda: window.model.finished, timeout=10_000)
    first = window.model.humans()[0]
    window.model.update_human(dataclasses.replace(first, name="Mallory\x1fFN"))
    window.favourites_only.setChecked(True)
    assert shown(window) == []
    window.favourites_only.setChecked(False)
    window.proxy.set_new_only(True)
    assert shown(window) == []
    window.proxy.set_new_only(False)
    window.search_box.setText("mallory")
    assert shown(window) == ["Mallory\x1fFN"]


def shown(window: MainWindow) -> list[str]:
    humans = [human_at(window.proxy.index(row, 0)) for row in range(window.proxy.rowCount())]
    return [human.name for human in humans if human is not None]
