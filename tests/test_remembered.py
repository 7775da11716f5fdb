"""The first page as last seen: shown at once on the next start, replaced by the fresh one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, QSettings, QSize, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.models import DigitalHuman, FetchMode
from dhbrowser.demo import DemoService
from dhbrowser.emulator import Emulator, Faults
from dhbrowser.gui.catalog_model import CatalogModel, human_at
from dhbrowser.gui.mainwindow import REMEMBERED_STATUS, MainWindow
from dhbrowser.gui.session import CatalogSession
from dhbrowser.gui.thumbnails import ThumbnailStore, ThumbState
from dhbrowser.remembered import MAX_FILE_BYTES, CatalogKey, RememberedPages
from dhbrowser.secrets import SecretStore
from dhbrowser.settings import ProfileSettings
from tests.emulator_fixtures import FAST_RETRY
from tests.gui_fixtures import demo_connection, settle

PAGE_MS = 10_000


def human(number: int) -> DigitalHuman:
    return DigitalHuman(
        f"id-{number}", f"Human {number}", f"https://cdn.example/{number}.jpg", True
    )


# -- the store -------------------------------------------------------------------------------


def test_a_saved_page_comes_back_for_its_catalog_only(tmp_path: Path) -> None:
    store = RememberedPages(tmp_path / "pages")
    production = CatalogKey(1001, "https://api.example", FetchMode.ALL)
    store.save(production, [human(1), human(2)])

    assert store.load(production) == [human(1), human(2)]
    assert store.load(CatalogKey(1001, "https://api.example", FetchMode.PUBLIC)) == []
    assert store.load(CatalogKey(1002, "https://api.example", FetchMode.ALL)) == []
    assert store.load(CatalogKey.demo(FetchMode.ALL)) == []


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"[]",
        b"\xff\xfe",
        b'{"version": 1, "key": [0, "demo", 1], "humans": [{"DigitalHumanId": 5}]}',
        b"[" * (MAX_FILE_BYTES + 1),
    ],
)
@pytest.mark.expect_log("WARNING", r"remembered first page was damaged")
def test_a_damaged_file_is_moved_aside_with_a_warning(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    store = RememberedPages(tmp_path)
    key = CatalogKey.demo(FetchMode.ALL)
    path = tmp_path / key.file_name()
    path.write_bytes(content)
    assert store.load(key) == []
    aside = path.with_suffix(".damaged")
    assert aside.read_bytes() == content
    assert not path.exists()
    assert f"moved to {aside}" in caplog.text


def test_a_file_of_another_format_is_ignored_in_place(tmp_path: Path) -> None:
    store = RememberedPages(tmp_path)
    key = CatalogKey.demo(FetchMode.ALL)
    path = tmp_path / key.file_name()
    path.write_bytes(b'{"version": 99, "key": [], "humans": []}')
    assert store.load(key) == []
    assert path.exists()


def test_a_file_of_another_catalog_under_this_name_is_ignored(tmp_path: Path) -> None:
    store = RememberedPages(tmp_path)
    mine, theirs = (
        CatalogKey(1, "https://a", FetchMode.ALL),
        CatalogKey(2, "https://b", FetchMode.ALL),
    )
    store.save(theirs, [human(7)])
    (tmp_path / theirs.file_name()).rename(tmp_path / mine.file_name())
    assert store.load(mine) == []


def test_only_the_latest_catalogs_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dhbrowser.remembered.MAX_FILES", 3)
    store = RememberedPages(tmp_path)
    keys = [CatalogKey(app_id, "https://api.example", FetchMode.ALL) for app_id in range(1, 6)]
    for age, key in enumerate(keys):
        store.save(key, [human(age)])
        (tmp_path / key.file_name()).touch()  # distinct modification times, oldest first
    assert len(list(tmp_path.glob("*.json"))) == 3
    assert store.load(keys[0]) == []
    assert store.load(keys[-1]) == [human(4)]


# -- the model -------------------------------------------------------------------------------


@pytest.fixture
def emulator_for_restarts() -> Iterator[Emulator]:
    """One emulator of the demo catalog, standing in for the service across "starts"."""
    with Emulator() as emulator:
        yield emulator


def sync_first_page(
    qtbot: QtBot, pool: QThreadPool, store: RememberedPages, emulator: Emulator
) -> list[DigitalHuman]:
    """A first start: the model pages through, and its first page is written to the store."""
    session = CatalogSession(demo_connection(emulator), pool)
    model = CatalogModel(pool, remembered=store)
    model.set_session(session)
    key = CatalogKey.demo(FetchMode.ALL)
    qtbot.waitUntil(lambda: len(store.load(key)) == 20, timeout=PAGE_MS)
    model.shutdown()
    session.close()
    return store.load(key)


@pytest.fixture
def first_start(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, emulator_for_restarts: Emulator
) -> tuple[RememberedPages, list[DigitalHuman]]:
    """A first start that has run: its store, and the first page it remembered."""
    store = RememberedPages(tmp_path / "pages")
    return store, sync_first_page(qtbot, pool, store, emulator_for_restarts)


def next_start(qtbot: QtBot, pool: QThreadPool, store: RememberedPages) -> CatalogModel:
    """The next start's model, showing the remembered first page before it has a session."""
    model = CatalogModel(pool, remembered=store)
    model.show_remembered(CatalogKey.demo(FetchMode.ALL))
    qtbot.waitUntil(lambda: model.showing_remembered, timeout=PAGE_MS)
    return model


def test_the_next_start_shows_the_last_first_page_until_the_fresh_one_replaces_it(
    qtbot: QtBot,
    pool: QThreadPool,
    emulator_for_restarts: Emulator,
    first_start: tuple[RememberedPages, list[DigitalHuman]],
) -> None:
    store, first_page = first_start

    emulator_for_restarts.faults = Faults(latency=0.6)
    model = next_start(qtbot, pool, store)
    session = CatalogSession(demo_connection(emulator_for_restarts), pool)
    model.set_session(session)
    assert model.showing_remembered, "shown before the service answered"
    assert model.loaded == 0
    assert model.humans() == first_page
    selected = QPersistentModelIndex(model.index(3))

    qtbot.waitUntil(lambda: not model.showing_remembered, timeout=PAGE_MS)
    assert model.loaded >= 20
    assert [h.id for h in model.humans()[:20]] == [h.id for h in first_page]
    assert selected.isValid(), "the same humans: replaced in place, the selection survives"
    assert selected.row() == 3
    model.shutdown()
    session.close()


def test_a_changed_catalog_replaces_the_remembered_page_entirely(
    qtbot: QtBot,
    pool: QThreadPool,
    emulator_for_restarts: Emulator,
    first_start: tuple[RememberedPages, list[DigitalHuman]],
) -> None:
    store, first_page = first_start
    gone = first_page[0].id
    emulator_for_restarts.catalog.remove(gone)

    model = next_start(qtbot, pool, store)
    session = CatalogSession(demo_connection(emulator_for_restarts), pool)
    model.set_session(session)
    qtbot.waitUntil(lambda: not model.showing_remembered and model.loaded >= 20, timeout=PAGE_MS)

    ids = [h.id for h in model.humans()]
    assert gone not in ids
    assert len(ids) == len(set(ids)), "a remembered row was left beside the fresh ones"
    model.shutdown()
    session.close()


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed: could not connect")
def test_without_the_service_the_remembered_page_stays_under_the_error(
    qtbot: QtBot,
    pool: QThreadPool,
    emulator_for_restarts: Emulator,
    first_start: tuple[RememberedPages, list[DigitalHuman]],
) -> None:
    store, first_page = first_start
    connection = demo_connection(emulator_for_restarts)
    emulator_for_restarts.stop()  # the service is gone: nothing answers on its port

    model = next_start(qtbot, pool, store)
    client = DigitalHumanClient(
        connection.app_id, connection.secret, connection.endpoint, retry=FAST_RETRY
    )
    session = CatalogSession(connection, pool, client=client)
    with qtbot.waitSignal(model.errorOccurred, timeout=PAGE_MS) as error:
        model.set_session(session)
    assert "cannot be reached" in str(error.args[0])
    assert model.humans() == first_page, "the last page seen stays on screen"
    model.shutdown()
    session.close()


def test_another_catalog_does_not_show_this_ones_page(
    qtbot: QtBot, pool: QThreadPool, first_start: tuple[RememberedPages, list[DigitalHuman]]
) -> None:
    store, _first_page = first_start
    model = CatalogModel(pool, remembered=store)
    with qtbot.waitSignal(model.rememberedLoaded, timeout=PAGE_MS) as shown:
        model.show_remembered(CatalogKey(1001, "https://api.example", FetchMode.ALL))
    assert shown.args == [0]
    assert model.rowCount() == 0


# -- the window at start-up --------------------------------------------------------------------


def test_a_repeat_start_paints_the_last_first_page_with_portraits_before_the_service_answers(
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
            pool, tmp_path / "thumbnails", remembered=RememberedPages(tmp_path / "pages")
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
    qtbot.waitUntil(lambda: first.model.loaded >= 20 and portraits_ready(first), timeout=PAGE_MS)
    qtbot.waitUntil(lambda: any((tmp_path / "pages").glob("*.json")), timeout=PAGE_MS)
    first.close()

    second = open_window(latency=3.0)
    media_when_ready: list[int] = []

    def ready() -> bool:
        if not portraits_ready(second):
            return False
        emulators = started[1:]  # the second start's, if it has connected yet
        media_when_ready.append(emulators[0].stats.get("media_requests") if emulators else 0)
        return True

    qtbot.waitUntil(ready, timeout=2500)
    assert second.model.showing_remembered, "the portraits came before the service answered"
    assert second.progress_label.text() == REMEMBERED_STATUS, "the status bar says so"
    assert media_when_ready == [0], "the first screen's portraits come from the disk cache"
    # The service goes first: its stop cuts short the 3 s answer a worker may be waiting for,
    # which closing the window cannot interrupt within the pool's drain budget.
    qtbot.waitUntil(lambda: len(started) == 2, timeout=PAGE_MS)
    for emulator in started:
        emulator.stop()
    second.close()


def test_portraits_not_on_disk_wait_for_the_connection(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, emulator_for_restarts: Emulator
) -> None:
    store = ThumbnailStore(pool, tmp_path / "thumbnails")
    session = CatalogSession(demo_connection(emulator_for_restarts), pool)
    someone = session.client.list_page().humans[0]
    size = QSize(120, 160)

    assert store.pixmap(someone, size, 1.0) is None
    settle(pool)  # the disk cache was looked at and its miss handled
    assert store.state(someone.id) is ThumbState.LOADING, "no session yet: waiting, not failed"
    assert emulator_for_restarts.stats.get("media_requests") == 0

    store.set_session(session)
    qtbot.waitUntil(lambda: store.state(someone.id) is ThumbState.READY, timeout=PAGE_MS)
    store.shutdown()
    session.close()
