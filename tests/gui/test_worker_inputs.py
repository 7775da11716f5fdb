"""Background work gets Qt-free inputs only, and a profile switch mid-work is harmless.

The window deletes the old CatalogSession (a QObject) on a profile switch while portrait,
voice, preview and export work may still run; a worker holding a GUI QObject would then
use a deleted object, on another thread. So every task the window starts is checked: no
QObject is reachable from its work (its function, its partial's arguments, a bound
method's object, a closure's cells).
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Emulator
from dhbrowser.qt import thumbnails, workers
from dhbrowser.qt.catalog_export import ExportFormat
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.qt.thumbnails import ThumbState
from dhbrowser.store import StoreKey
from tests.gui_fixtures import WindowFactory, demo_connection, settle
from tests.portrait_fixtures import CARD, StoreFactory, all_humans, portraits

TIMEOUT_MS = 30_000


def reachable_qobjects(work: object, depth: int = 6) -> list[str]:
    """The QObjects a task's work holds directly or through partials, methods and closures."""
    found: list[str] = []
    seen: set[int] = set()

    def visit(value: object, depth: int) -> None:
        if depth < 0 or id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, QObject):
            found.append(type(value).__name__)
        elif isinstance(value, partial):
            for part in (value.func, *value.args, *value.keywords.values()):
                visit(part, depth - 1)
        elif isinstance(value, types.MethodType):
            visit(value.__self__, depth - 1)
            visit(value.__func__, depth - 1)
        elif isinstance(value, types.FunctionType):
            for cell in value.__closure__ or ():
                visit(cell.cell_contents, depth - 1)
            for default in value.__defaults__ or ():
                visit(default, depth - 1)
        elif isinstance(value, tuple | list | set | frozenset):
            for item in value:
                visit(item, depth - 1)

    visit(work, depth)
    return found


def work_name(work: Callable[..., object]) -> str:
    while isinstance(work, partial):
        work = work.func
    return getattr(work, "__qualname__", type(work).__name__)


@pytest.fixture
def started_work(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[], object]]:
    """Every function handed to `workers.run` during the test."""
    started: list[Callable[[], object]] = []
    run = workers.run

    def recording(fn: Callable[[], Any], *args: Any, **options: Any) -> workers.TaskHandle:
        started.append(fn)
        return run(fn, *args, **options)

    monkeypatch.setattr(workers, "run", recording)
    return started


def test_no_work_the_window_starts_holds_a_qobject(
    qtbot: QtBot,
    open_window: WindowFactory,
    emulator: Emulator,
    tmp_path: Path,
    started_work: list[Callable[[], object]],
) -> None:
    window = open_window(emulator)
    qtbot.waitUntil(lambda: window.model.finished and not window.model.syncing, timeout=TIMEOUT_MS)
    row = next(
        row
        for row, record in enumerate(emulator.catalog.records())
        if record.actions and record.actions[0].preview
    )
    window.view.setCurrentIndex(window.proxy.index(row, 0))
    window.details.actions_list.setCurrentRow(0)
    human = window.selected_human()
    assert human is not None
    qtbot.waitUntil(lambda: window.voices.voices_of(human.id) is not None, timeout=TIMEOUT_MS)
    saved = tmp_path / "preview.mp4"
    window.human_actions.save_preview_to(saved)
    with qtbot.waitSignal(window.exportFinished, timeout=TIMEOUT_MS):
        window.export.export(tmp_path / "catalog.json", ExportFormat.JSON)
    session = window.session
    assert session is not None
    with qtbot.waitSignal(session.humanRefreshed, timeout=TIMEOUT_MS):
        session.refresh_human(human.id)
    dialog = window.finding.open_go_to_id()
    dialog.field.setText(human.id)
    with qtbot.waitSignal(dialog.found, timeout=TIMEOUT_MS):
        dialog.go()
    qtbot.waitUntil(saved.exists, timeout=TIMEOUT_MS)
    window.set_connection(demo_connection(emulator, "Another demo"))  # a profile switch
    settle(window.pool)

    names = {work_name(work) for work in started_work}
    for expected in ("load_portrait", "usable_voices", "fetch_preview", "_copy_to", "look_up"):
        assert expected in names, f"{expected} never ran: {sorted(names)}"
    holding = {
        work_name(work): qobjects for work in started_work if (qobjects := reachable_qobjects(work))
    }
    assert holding == {}, f"background work that holds GUI objects: {holding}"


def test_the_store_links_work_holds_no_qobject(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, started_work: list[Callable[[], object]]
) -> None:
    link = StoreLink(pool, tmp_path / "catalog.sqlite3")
    owner = QObject()
    answers: list[frozenset[str]] = []
    link.submit(lambda store: store.favourites(StoreKey.demo()), answers.append, owner=owner)
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    settle(pool)
    link.close()
    shiboken6.delete(owner)
    assert answers == [frozenset()]
    assert [reachable_qobjects(work) for work in started_work] == [[]]


def test_a_session_deleted_while_its_portrait_loads_delivers_nothing_late(
    qtbot: QtBot,
    portrait_emulator: Emulator,
    session_for: Callable[[Emulator], CatalogSession],
    make_store: StoreFactory,
    pool: QThreadPool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window's profile switch, mid-load: the store moves on, the old session is closed
    and deleted, then the load ends. Nothing arrives for it, no failure is recorded, no
    warning is logged (logfail), and nothing crashes."""
    session = session_for(portrait_emulator)
    human = portraits(all_humans(session))[0]
    gate, started = threading.Event(), threading.Event()
    real_load = thumbnails.load_portrait

    def held_load(*args: Any) -> Any:
        started.set()
        assert gate.wait(TIMEOUT_MS / 1000)
        return real_load(*args)

    monkeypatch.setattr(thumbnails, "load_portrait", held_load)
    store = make_store(session, tmp_path / "cache")
    changed: list[str] = []
    store.thumbnailChanged.connect(changed.append)
    assert store.pixmap(human, CARD, 1.0) is None
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT_MS)  # loads start once control is back

    store.set_session(None)
    session.close()
    shiboken6.delete(session)  # what deleteLater() does once control is back
    gate.set()
    settle(pool)

    assert changed == []
    assert store.state(human.id) is ThumbState.LOADING
    assert store.error(human.id) == ""
