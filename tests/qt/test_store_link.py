"""The window's calls to the catalog store reach it in the order they were made."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.qt import workers
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.store import CatalogStore, StoreKey

HUMAN = "3f0c1f8e-0000-4000-8000-000000000001"


@pytest.fixture
def link(qapp: object, pool: QThreadPool, tmp_path: Path) -> Iterator[StoreLink]:
    link = StoreLink(pool, tmp_path / "catalog.sqlite3")
    yield link
    pool.waitForDone(10_000)
    link.close()


def test_a_later_save_never_lands_before_an_earlier_one(
    qtbot: QtBot, pool: QThreadPool, link: StoreLink, tmp_path: Path
) -> None:
    """The user types a note, then changes it: the first save's worker is slow to run
    (here: held at a gate), the second's starts at once. The store must end with the
    second note, as the user left it."""
    gate = threading.Event()
    at_gate = threading.Event()
    owner = QObject()
    answered: list[str] = []
    written: list[str] = []  # appended in the workers, in the order the notes were stored

    def first_note(store: CatalogStore) -> None:
        at_gate.set()
        gate.wait(20)
        store.set_note(StoreKey.demo(), HUMAN, "first draft")
        written.append("first draft")

    def second_note(store: CatalogStore) -> None:
        store.set_note(StoreKey.demo(), HUMAN, "as the user left it")
        written.append("as the user left it")

    link.submit(first_note, lambda _none: answered.append("first"), owner=owner)
    link.submit(second_note, lambda _none: answered.append("second"), owner=owner)
    # The first save is held inside its worker, and the second's worker has started too
    # (waiting its turn, or, were the order not kept, already done).
    qtbot.waitUntil(lambda: at_gate.is_set() and (pool.activeThreadCount() == 2 or bool(written)))
    gate.set()
    qtbot.waitUntil(lambda: len(answered) == 2, timeout=20_000)

    assert written == ["first draft", "as the user left it"]
    with CatalogStore(tmp_path / "catalog.sqlite3") as store:
        assert store.notes(StoreKey.demo()) == {HUMAN: "as the user left it"}


@pytest.mark.expect_log("ERROR", r"background task failed: _SharedStore")
def test_an_error_reaches_the_call_that_made_it_and_the_line_goes_on(
    qtbot: QtBot, pool: QThreadPool, link: StoreLink, tmp_path: Path
) -> None:
    owner = QObject()
    failures: list[workers.TaskError] = []
    answered: list[str] = []

    def broken(_store: CatalogStore) -> None:
        raise ValueError("a bug in a store call")

    def fine(store: CatalogStore) -> None:
        store.set_note(StoreKey.demo(), HUMAN, "kept")

    link.submit(broken, lambda _none: answered.append("broken"), failures.append, owner=owner)
    link.submit(fine, lambda _none: answered.append("fine"), owner=owner)
    qtbot.waitUntil(lambda: answered == ["fine"] and len(failures) == 1, timeout=20_000)
    with CatalogStore(tmp_path / "catalog.sqlite3") as store:
        assert store.notes(StoreKey.demo()) == {HUMAN: "kept"}
