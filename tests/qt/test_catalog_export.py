"""The export controller without a window, on a real model paging the emulator: it waits
for every page (reporting how far the catalog has loaded), then writes what the filter
shows; cancelled, or stopped by a failed listing, it writes nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.emulator import Emulator
from dhbrowser.qt.catalog_export import CatalogExport, ExportFormat, LoadingProgress
from dhbrowser.qt.catalog_model import CatalogFilterModel, CatalogModel
from dhbrowser.qt.session import CatalogSession
from tests.gui_fixtures import demo_connection, settle

TIMEOUT_MS = 30_000
Exporter = Callable[[Emulator], CatalogExport]


@pytest.fixture
def exporter_on(pool: QThreadPool) -> Iterator[Exporter]:
    """An export controller over a model that lists `emulator`'s catalog from its start."""
    made: list[tuple[CatalogModel, CatalogSession]] = []

    def start(emulator: Emulator) -> CatalogExport:
        model = CatalogModel(pool)
        shown = CatalogFilterModel(model)
        shown.setSourceModel(model)
        session = CatalogSession(demo_connection(emulator), pool)
        made.append((model, session))
        model.set_session(session)
        return CatalogExport(pool, model, shown, lambda: session, model)

    yield start
    for model, session in made:
        model.shutdown()
        session.close()
    settle(pool)


def test_an_export_loads_every_page_first_then_writes_them_all(
    qtbot: QtBot,
    tmp_path: Path,
    exporter_on: Exporter,
    synthetic_emulator: Callable[..., Emulator],
) -> None:
    emulator = synthetic_emulator(95)
    emulator.faults.latency = 0.05
    export = exporter_on(emulator)
    progress: list[LoadingProgress | None] = []
    export.loadingChanged.connect(progress.append)
    path = tmp_path / "all.csv"
    with qtbot.waitSignal(export.finished, timeout=TIMEOUT_MS) as finished:
        export.export(path, ExportFormat.CSV)
        assert export.waiting, "it wrote before the catalog had loaded"
    assert finished.args == [str(path), 95]
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [record.id for record in emulator.catalog.records()]
    reported = [step for step in progress if step is not None]
    assert reported[-1].total == 95
    assert [step.loaded for step in reported] == sorted(step.loaded for step in reported)
    assert progress[-1] is None, "the progress dialog stays open after the export"


def test_an_export_of_a_loaded_catalog_writes_at_once_with_its_voices(
    qtbot: QtBot, tmp_path: Path, exporter_on: Exporter, small_emulator: Emulator
) -> None:
    export = exporter_on(small_emulator)
    model = export.parent()
    assert isinstance(model, CatalogModel)
    qtbot.waitUntil(lambda: model.finished, timeout=TIMEOUT_MS)
    progress: list[LoadingProgress | None] = []
    export.loadingChanged.connect(progress.append)
    path = tmp_path / "all.json"
    with qtbot.waitSignal(export.finished, timeout=TIMEOUT_MS):
        export.export(path, ExportFormat.JSON)
    assert progress == [None], "a loaded catalog showed the loading dialog"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert len(document) == len(small_emulator.catalog)
    assert any(item.get("Timbres") for item in document), "the bound voices are missing"


def test_a_cancelled_export_writes_nothing(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    exporter_on: Exporter,
    synthetic_emulator: Callable[..., Emulator],
) -> None:
    emulator = synthetic_emulator(400)
    emulator.faults.latency = 0.2
    export = exporter_on(emulator)
    model = export.parent()
    assert isinstance(model, CatalogModel)
    path = tmp_path / "never.json"
    export.export(path, ExportFormat.JSON)
    with qtbot.waitSignal(export.cancelled):
        export.cancel()
    assert not export.waiting
    qtbot.waitUntil(lambda: model.finished, timeout=TIMEOUT_MS)
    settle(pool)  # a cancelled export that still wrote would have done so by now
    assert not path.exists()
    assert list(tmp_path.glob("*.part")) == []


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_a_listing_that_fails_cancels_the_export_waiting_for_it(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    exporter_on: Exporter,
    synthetic_emulator: Callable[..., Emulator],
) -> None:
    emulator = synthetic_emulator(400)
    emulator.faults.latency = 0.1
    export = exporter_on(emulator)
    model = export.parent()
    assert isinstance(model, CatalogModel)
    model.retry_delays = ()  # the first failure is the last
    path = tmp_path / "never.csv"
    export.export(path, ExportFormat.CSV)
    emulator.stop()
    with qtbot.waitSignal(export.cancelled, timeout=TIMEOUT_MS):
        pass
    settle(pool)
    assert not path.exists()
