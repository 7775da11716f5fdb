"""The window starts from the catalog store: the whole last known catalog at once, searchable
before the service answers, refreshed in place by the sync, kept under the error offline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.models import DigitalHuman, FetchMode
from dhbrowser.core.demo import DemoService
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import Catalog, Emulator, Faults
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.catalog_model import FIRST_SCREENFUL, CatalogFilterModel, CatalogModel, human_at
from dhbrowser.qt.roles import FAVOURITE_ROLE, NEW_ROLE
from dhbrowser.qt.session import CatalogSession
from dhbrowser.qt.settings import ProfileSettings
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.qt.thumbnails import ThumbState
from dhbrowser.store import CatalogStore, StoreKey
from tests.emulator_fixtures import FAST_RETRY
from tests.gui_fixtures import demo_connection

PAGE_MS = 20_000
#: More humans than the first screenful, so the rest is read by a second worker call.
HUMANS = FIRST_SCREENFUL + 80


def listed(emulator: Emulator) -> list[DigitalHuman]:
    connection = demo_connection(emulator)
    with DigitalHumanClient(connection.app_id, connection.secret, connection.endpoint) as client:
        return list(client.iter_humans(FetchMode.ALL))


@pytest.fixture
def service() -> Iterator[Emulator]:
    """The service across "starts": HUMANS synthetic humans."""
    with Emulator(Catalog.synthetic(HUMANS)) as emulator:
        yield emulator


@pytest.fixture
def synced(tmp_path: Path, service: Emulator) -> tuple[Path, list[DigitalHuman]]:
    """Yesterday's sync in the store: the service's catalog as it was then."""
    path = tmp_path / "catalog.sqlite3"
    humans = listed(service)
    with CatalogStore(path) as store:
        store.record_sync(StoreKey.demo(), humans, started_at=1.0, finished_at=86_400.0)
    return path, humans


@pytest.fixture
def link(pool: QThreadPool, synced: tuple[Path, list[DigitalHuman]]) -> Iterator[StoreLink]:
    store_link = StoreLink(pool, synced[0])
    yield store_link
    pool.waitForDone()
    store_link.close()


def next_start(qtbot: QtBot, pool: QThreadPool, link: StoreLink) -> CatalogModel:
    """The next start's model: the stored catalog on show before it has a session."""
    model = CatalogModel(pool, store=link)
    with qtbot.waitSignal(model.storedComplete, timeout=PAGE_MS):
        model.show_stored(StoreKey.demo())
    return model


def test_the_whole_stored_catalog_is_shown_and_searchable_before_the_service_answers(
    qtbot: QtBot,
    pool: QThreadPool,
    service: Emulator,
    synced: tuple[Path, list[DigitalHuman]],
    link: StoreLink,
) -> None:
    _path, humans = synced
    model = CatalogModel(pool, store=link)
    with qtbot.waitSignal(model.storedLoaded, timeout=PAGE_MS) as first:
        model.show_stored(StoreKey.demo())
    assert first.args == [FIRST_SCREENFUL], "the first screenful is painted first"
    qtbot.waitUntil(lambda: model.rowCount() == HUMANS, timeout=PAGE_MS)
    assert model.humans() == humans
    assert model.showing_stored
    assert model.loaded == 0

    proxy = CatalogFilterModel()
    proxy.setSourceModel(model)
    proxy.set_search(humans[-1].name)  # one of the rest, not of the first screenful
    assert [human_at(proxy.index(row, 0)) for row in range(proxy.rowCount())] == [humans[-1]]
    model.shutdown()


def test_the_sync_refreshes_the_stored_rows_in_place_and_keeps_the_selection(
    qtbot: QtBot,
    pool: QThreadPool,
    service: Emulator,
    synced: tuple[Path, list[DigitalHuman]],
    link: StoreLink,
) -> None:
    _path, humans = synced
    gone, moved_on = humans[5], humans[150]
    service.remove_human(gone.id)
    record = Catalog.demo().records()[0]
    service.add_human(replace(record, id="trained-overnight", name="Our Presenter", public=False))
    model = next_start(qtbot, pool, link)
    selected = QPersistentModelIndex(model.index(150))
    assert human_at(selected) == moved_on

    session = CatalogSession(demo_connection(service), pool)
    with qtbot.waitSignal(model.syncFinished, timeout=PAGE_MS):
        model.set_session(session)

    ids = [human.id for human in model.humans()]
    assert ids == [human.id for human in listed(service)], "the service's list, in its order"
    assert gone.id not in ids
    assert not model.showing_stored
    assert model.loaded == len(ids)
    assert selected.isValid()
    kept = human_at(selected)
    assert kept is not None
    assert kept.id == moved_on.id, "the selected human kept its card"
    model.shutdown()
    session.close()


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed: could not connect")
def test_without_the_service_the_stored_catalog_stays_under_the_error(
    qtbot: QtBot,
    pool: QThreadPool,
    service: Emulator,
    synced: tuple[Path, list[DigitalHuman]],
    link: StoreLink,
) -> None:
    _path, humans = synced
    connection = demo_connection(service)
    service.stop()  # the service is gone: nothing answers on its port
    model = next_start(qtbot, pool, link)
    client = DigitalHumanClient(
        connection.app_id, connection.secret, connection.endpoint, retry=FAST_RETRY
    )
    session = CatalogSession(connection, pool, client=client)
    with qtbot.waitSignal(model.errorOccurred, timeout=PAGE_MS) as error:
        model.set_session(session)
    assert "cannot be reached" in str(error.args[0])
    assert model.humans() == humans, "all of the last known catalog stays on screen"
    model.shutdown()
    session.close()


def test_another_catalog_does_not_show_this_ones_humans(
    qtbot: QtBot, pool: QThreadPool, link: StoreLink
) -> None:
    model = CatalogModel(pool, store=link)
    with qtbot.waitSignal(model.storedLoaded, timeout=PAGE_MS) as shown:
        model.show_stored(StoreKey("https://api.example.invalid", 1001))
    assert shown.args == [0]
    assert model.rowCount() == 0


def test_the_humans_the_newest_sync_added_are_marked_new(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, synced: tuple[Path, list[DigitalHuman]]
) -> None:
    path, humans = synced
    newcomer = DigitalHuman("trained-overnight", "Our Presenter", "", False)
    with CatalogStore(path) as store:
        store.record_sync(StoreKey.demo(), [newcomer, *humans[1:]], started_at=2.0)
    store_link = StoreLink(pool, path)
    model = next_start(qtbot, pool, store_link)
    new = [human.id for row, human in enumerate(model.humans()) if model.index(row).data(NEW_ROLE)]
    assert new == [newcomer.id]
    proxy = CatalogFilterModel()
    proxy.setSourceModel(model)
    proxy.set_new_only(True)
    assert [human_at(proxy.index(row, 0)) for row in range(proxy.rowCount())] == [newcomer]
    pool.waitForDone()
    store_link.close()


# -- the window --------------------------------------------------------------------------------


def test_a_repeat_start_paints_the_stored_catalog_with_portraits_before_the_service_answers(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = ProfileSettings(
        QSettings(str(tmp_path / "settings.conf"), QSettings.Format.IniFormat)
    )
    started: list[Emulator] = []

    def open_window(latency: float) -> MainWindow:
        def start_emulator() -> Emulator:
            emulator = Emulator(faults=Faults(latency=latency)).start()
            started.append(emulator)
            return emulator

        monkeypatch.setattr(DemoService, "_start_emulator", staticmethod(start_emulator))
        demo = DemoService()
        window = MainWindow(
            pool, tmp_path / "thumbnails", catalog_store=tmp_path / "catalog.sqlite3"
        )
        qtbot.addWidget(window)
        window.enable_profiles(settings, SecretStore(), demo.connection)
        window.switch_profile(None)
        window.show()
        return window

    def portraits_ready(window: MainWindow) -> bool:
        """Every card on screen shows its portrait."""
        view = window.view
        visible = [
            human_at(index)
            for row in range(window.proxy.rowCount())
            if view.visualRect(index := window.proxy.index(row, 0)).intersects(
                view.viewport().rect()
            )
        ]
        return bool(visible) and all(
            h is not None and window.thumbnails.state(h.id) is ThumbState.READY for h in visible
        )

    first = open_window(latency=0.0)
    assert first.store_link is not None
    with qtbot.waitSignal(first.store_link.changesReady, timeout=PAGE_MS):
        qtbot.waitUntil(lambda: first.model.finished, timeout=PAGE_MS)
    qtbot.waitUntil(lambda: portraits_ready(first), timeout=PAGE_MS)
    first.close()
    pool.waitForDone()
    first.store_link.close()

    second = open_window(latency=3.0)
    media_when_ready: list[int] = []

    def ready() -> bool:
        if not portraits_ready(second):
            return False
        emulators = started[1:]  # the second start's, if it has connected yet
        media_when_ready.append(emulators[0].stats.get("media_requests") if emulators else 0)
        return True

    qtbot.waitUntil(ready, timeout=2500)
    assert second.model.showing_stored, "the portraits came before the service answered"
    qtbot.waitUntil(lambda: second.model.rowCount() == len(Catalog.demo()), timeout=PAGE_MS)
    assert second.progress_label.text().startswith(
        f"Showing {len(Catalog.demo())} digital humans as synced "
    ), "the status bar says so"
    assert media_when_ready == [0], "the first screen's portraits come from the disk cache"
    # The service goes first: its stop cuts short the 3 s answer a worker may be waiting for,
    # which closing the window cannot interrupt within the pool's drain budget.
    qtbot.waitUntil(lambda: len(started) == 2, timeout=PAGE_MS)
    for emulator in started:
        emulator.stop()
    second.close()
    assert second.store_link is not None
    pool.waitForDone()
    second.store_link.close()


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed: could not connect")
def test_offline_the_window_says_since_when_and_lists_the_gone_with_favourites_flagged(
    qtbot: QtBot,
    pool: QThreadPool,
    tmp_path: Path,
    user_dirs: Path,
    service: Emulator,
    synced: tuple[Path, list[DigitalHuman]],
) -> None:
    path, humans = synced
    retired = humans[3]
    with CatalogStore(path) as store:
        store.set_favourite(StoreKey.demo(), retired.id, True)
        store.record_sync(StoreKey.demo(), humans[:3] + humans[4:], started_at=2.0)
    connection = demo_connection(service)
    service.stop()
    window = MainWindow(pool, tmp_path / "thumbnails", catalog_store=path)
    qtbot.addWidget(window)
    assert window.store_link is not None
    with qtbot.waitSignal(window.model.storedComplete, timeout=PAGE_MS):
        window.model.show_stored(StoreKey.demo())
    window.set_connection(connection)
    window.show()
    qtbot.waitUntil(window.error_banner.isVisible, timeout=PAGE_MS)
    status = window.progress_label.text()
    assert status.startswith("Offline since "), status
    assert f"showing {HUMANS - 1} digital humans as synced " in status
    assert window.model.rowCount() == HUMANS - 1

    window.commands["gone"].trigger()
    gone = window.words.gone_view
    assert gone is not None
    assert gone.isVisible()
    assert gone.model.rowCount() == 1
    first = gone.model.stored(0)
    assert first is not None
    assert first.human == retired
    assert gone.model.index(0).data(FAVOURITE_ROLE), "the favourite is kept, and flagged"
    assert "1 of them is among your favourites" in gone.summary.text()
    window.close()
    pool.waitForDone()
    window.store_link.close()
