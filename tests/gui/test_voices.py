"""The window's voices against the emulator over real HTTP: the details' Voices section,
the choice remembered per human, the copy actions, the Voices view, Go to id, picking a
voice with the avatar, and the export's bound voices."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import FetchMode, Timbre
from dhbrowser.core.export import TASK_ID_PLACEHOLDER
from dhbrowser.emulator import Emulator, TimbreRecord
from dhbrowser.gui import voices as voices_module
from dhbrowser.gui.app import drain
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.gui.voices import NO_VOICES_PRIVATE, SECTION_ICON_PX
from dhbrowser.qt.catalog_export import ExportFormat
from tests.emulator_fixtures import fixture_catalog, fixture_human_id
from tests.gui_fixtures import WindowFactory, demo_connection

TIMEOUT_MS = 20_000
PUBLIC_VOICES = ["zh_female_test_bright_bigtts", "en_male_test_calm_bigtts", "female-test-gentle"]


def synced(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.model.finished and not window.model.syncing, timeout=TIMEOUT_MS)


def show(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Select the card of the human called `name` and wait for its voices (or its message)."""
    human_id = fixture_human_id(name)
    row = window.model.row_of(human_id)
    assert row is not None
    window.view.setCurrentIndex(window.proxy.index_of_row(row))
    section = window.voices
    qtbot.waitUntil(
        lambda: section.voices_of(human_id) is not None and "Loading" not in section.status.text(),
        timeout=TIMEOUT_MS,
    )


def listed(window: MainWindow) -> list[str]:
    timbres = [
        window.voices.list.timbre_at(window.voices.list.item(row))
        for row in range(window.voices.list.count())
    ]
    return [timbre.id for timbre in timbres if timbre is not None]


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def test_a_private_human_shows_its_bound_voices_with_their_pictures(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    show(qtbot, window, "Chiara Russo")
    assert listed(window) == ["clone_chiara_studio", "clone_chiara_phone"]
    item = window.voices.list.item(0)
    assert item.text() == "Chiara (studio)\nclone_chiara_studio"
    assert window.voices.caption.text() == "Voices (2 bound)"
    first = window.voices.list.timbre_at(item)
    assert first is not None
    dpr = window.voices.list.devicePixelRatioF()
    qtbot.waitUntil(
        lambda: window.voice_parts.pictures.pixmap(first, SECTION_ICON_PX, dpr) is not None,
        timeout=TIMEOUT_MS,
    )
    assert fast_small_emulator.stats.get("media_requests") >= 1


def test_a_public_human_speaks_with_the_public_voices(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    show(qtbot, window, "Dev Patel")
    assert listed(window) == PUBLIC_VOICES
    assert window.voices.caption.text() == "Voices (3 public)"


def test_a_private_human_without_voices_says_how_to_get_one(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    show(qtbot, window, "Grace Kim")
    assert listed(window) == []
    assert window.voices.status.text() == NO_VOICES_PRIVATE
    assert window.voices.chosen() is None
    assert not window.voices.copy_drive_button.isEnabled()


def test_the_chosen_voice_is_remembered_per_human_across_a_restart(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    first = open_window(fast_small_emulator)
    synced(qtbot, first)
    show(qtbot, first, "Chiara Russo")
    assert first.voices.chosen() is not None
    assert first.voices.chosen().id == "clone_chiara_studio"  # type: ignore[union-attr]
    first.voices.list.setCurrentRow(1)
    show(qtbot, first, "Dev Patel")
    first.voices.list.setCurrentRow(2)
    show(qtbot, first, "Chiara Russo")
    assert first.voices.chosen().id == "clone_chiara_phone"  # type: ignore[union-attr]
    first.close()

    second = open_window(fast_small_emulator)
    synced(qtbot, second)
    show(qtbot, second, "Chiara Russo")
    assert second.voices.chosen().id == "clone_chiara_phone"  # type: ignore[union-attr]
    show(qtbot, second, "Dev Patel")
    assert second.voices.chosen().id == "female-test-gentle"  # type: ignore[union-attr]


def test_the_copy_actions_carry_the_chosen_voice(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    show(qtbot, window, "Elena Petrova")
    window.voices.copy_id_button.click()
    assert clipboard() == "clone_elena_v1"
    window.voices.copy_drive_button.click()
    body = json.loads(clipboard())
    assert body["TaskId"] == TASK_ID_PLACEHOLDER
    assert body["TTSConfig"]["TimbreId"] == "clone_elena_v1"
    window.human_actions.copy_json.trigger()
    assert json.loads(clipboard())["Timbre"] == {
        "TimbreId": "clone_elena_v1",
        "Name": "Elena (own voice)",
    }
    assert window.human_actions.copy_pair.isEnabled()
    window.human_actions.copy_pair.trigger()
    text = clipboard()
    assert fixture_human_id("Elena Petrova") in text.split("POST ?Action=DriveByText")[0]
    assert '"TimbreId": "clone_elena_v1"' in text.split("POST ?Action=DriveByText")[1]


def test_the_voices_view_lists_searches_and_copies_the_public_voices(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    view = window.voice_parts.open_view()
    qtbot.waitUntil(lambda: view.cards.count() == 3, timeout=TIMEOUT_MS)
    view.search_box.setText("CALM")
    visible = [view.cards.item(row) for row in range(3) if not view.cards.item(row).isHidden()]
    assert [item.text() for item in visible] == ["Calm Test Voice\nen_male_test_calm_bigtts"]
    assert view.status.text() == "1 of 3 public voices match"
    assert view.select_id("female-test-gentle")
    assert view.search_box.text() == ""
    view.copy_timbre_id()
    assert clipboard() == "female-test-gentle"
    view.copy_drive_body()
    assert json.loads(clipboard())["TTSConfig"]["TimbreId"] == "female-test-gentle"


def test_go_to_id_shows_a_human_the_filter_hides(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    window.search_box.setText("no card matches this")
    assert window.proxy.rowCount() == 0
    dialog = window.finding.open_go_to_id()
    dialog.field.setText(f"  {fixture_human_id('Bruno Costa')} ")
    with qtbot.waitSignal(dialog.found, timeout=TIMEOUT_MS):
        dialog.go()
    assert window.details.human is not None
    assert window.details.human.name == "Bruno Costa"
    assert window.selected_human() == window.details.human
    assert "does not show its card" in window.statusBar().currentMessage()


def test_go_to_id_of_an_unknown_id_says_it_may_be_another_apps(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    dialog = window.finding.open_go_to_id()
    dialog.field.setText("<b>not-an-id</b>")
    dialog.go()
    qtbot.waitUntil(lambda: "do not know" in dialog.status.text(), timeout=TIMEOUT_MS)
    assert "another app or another endpoint" in dialog.status.text()
    assert "“<b>not-an-id</b>”" in dialog.status.text()  # shown as typed, not as markup
    assert dialog.isVisible()
    dialog.close()


def test_go_to_a_bound_timbre_id_shows_its_human_with_that_voice(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    dialog = window.finding.open_go_to_id()
    dialog.field.setText("clone_chiara_phone")
    with qtbot.waitSignal(dialog.found, timeout=TIMEOUT_MS):
        dialog.go()
    qtbot.waitUntil(
        lambda: (voice := window.voices.chosen()) is not None and voice.id == "clone_chiara_phone",
        timeout=TIMEOUT_MS,
    )
    assert window.selected_human() is not None
    assert window.selected_human().name == "Chiara Russo"  # type: ignore[union-attr]


def test_go_to_a_public_timbre_id_opens_the_voices_view_on_it(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    dialog = window.finding.open_go_to_id()
    dialog.field.setText("en_male_test_calm_bigtts")
    with qtbot.waitSignal(dialog.found, timeout=TIMEOUT_MS):
        dialog.go()
    view = window.voice_parts.view
    assert view is not None
    assert view.isVisible()
    qtbot.waitUntil(lambda: view.cards.count() == 3, timeout=TIMEOUT_MS)
    # The list may arrive after the lookup: selecting then is the caller's second try.
    view.select_id("en_male_test_calm_bigtts")
    selected = view.selected()
    assert isinstance(selected, Timbre)
    assert selected.id == "en_male_test_calm_bigtts"


def test_picking_with_a_voice_needs_one_and_hands_it_on(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator
) -> None:
    window = open_window(fast_small_emulator, pick_mode=True)
    window.require_voice = True
    synced(qtbot, window)
    show(qtbot, window, "Grace Kim")
    window.accept_pick()
    assert window.pick_result is None  # no voice: nothing picked yet
    assert "Choose a voice" in window.statusBar().currentMessage()
    show(qtbot, window, "Chiara Russo")
    window.voices.list.setCurrentRow(1)
    with qtbot.waitSignal(window.picked, timeout=TIMEOUT_MS) as picked:
        window.accept_pick()
    human, _action = picked.args or (None, None)
    assert getattr(human, "name", None) == "Chiara Russo"
    voice = window.pick_voice
    assert voice is not None
    assert voice.id == "clone_chiara_phone"


def test_the_export_carries_each_humans_bound_voices(
    qtbot: QtBot, open_window: WindowFactory, fast_small_emulator: Emulator, tmp_path: Path
) -> None:
    window = open_window(fast_small_emulator)
    window.set_fetch_mode(FetchMode.PRIVATE)
    path = tmp_path / "private.json"
    with qtbot.waitSignal(window.exportFinished, timeout=TIMEOUT_MS):
        window.export.export(path, ExportFormat.JSON)
    document = {item["Name"]: item for item in json.loads(path.read_text(encoding="utf-8"))}
    assert [voice["TimbreId"] for voice in document["Chiara Russo"]["Timbres"]] == [
        "clone_chiara_studio",
        "clone_chiara_phone",
    ]
    assert document["Grace Kim"]["Timbres"] == []


def test_an_expired_picture_link_is_renewed_by_listing_the_voices_again(
    qtbot: QtBot,
    open_window: WindowFactory,
    fast_small_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The list's picture URLs expire (24 h on ZEGO's side): the first download is held
    until the emulator has revoked every URL issued so far, so it is refused for certain."""
    revoked = threading.Event()
    original = voices_module.load_picture

    def after_revocation(*args: Any) -> Any:
        revoked.wait(TIMEOUT_MS / 1000)
        return original(*args)

    monkeypatch.setattr(voices_module, "load_picture", after_revocation)
    window = open_window(fast_small_emulator)
    synced(qtbot, window)
    show(qtbot, window, "Elena Petrova")
    fast_small_emulator.expire_media_now()
    revoked.set()

    def picture_shown() -> bool:
        voice = window.voices.list.timbre_at(window.voices.list.item(0))
        dpr = window.voices.list.devicePixelRatioF()
        return (
            voice is not None
            and window.voice_parts.pictures.pixmap(voice, SECTION_ICON_PX, dpr) is not None
        )

    qtbot.waitUntil(picture_shown, timeout=TIMEOUT_MS)
    assert fast_small_emulator.stats.get("media_403") >= 1
    assert fast_small_emulator.stats.get("requests:GetTimbreList") >= 2
    assert window.voice_parts.pictures.error("clone_elena_v1") == ""


def test_a_picture_that_is_not_an_image_is_explained_not_fatal(
    qtbot: QtBot, open_window: WindowFactory, pool: QThreadPool
) -> None:
    broken = TimbreRecord(
        "broken_picture", "Broken Picture", "previews/bruno-costa-idle_action.mp4"
    )
    with Emulator(fixture_catalog(voices_first=[broken]), qps=1_000_000) as emulator:
        window = open_window(emulator)
        synced(qtbot, window)
        show(qtbot, window, "Dev Patel")
        assert listed(window)[0] == "broken_picture"
        qtbot.waitUntil(
            lambda: bool(window.voice_parts.pictures.error("broken_picture")), timeout=TIMEOUT_MS
        )
        assert "not an image" in window.voice_parts.pictures.error("broken_picture")
        assert "not an image" in window.voices.list.item(0).toolTip()
        window.close()
        drain(pool)


def test_a_voice_pictures_url_is_checked_once_on_each_way_to_it(
    qtbot: QtBot, fast_small_emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Downloaded: the fetcher checks the link (and each redirect hop); from the cache: the
    link is checked before the file is used. Never both, never neither."""
    from dhbrowser.api import urls
    from dhbrowser.core.disk_cache import DiskCache

    connection = demo_connection(fast_small_emulator)
    client, fetcher = connection.client(), connection.fetcher()
    timbre = next(t for t in client.iter_timbres() if t.avatar_url)
    checked: list[str] = []
    real_refusal = urls.refusal

    def counting_refusal(url: str) -> str:
        checked.append(url)
        return real_refusal(url)

    monkeypatch.setattr(urls, "refusal", counting_refusal)
    disk = DiskCache(tmp_path / "pictures", 2**20)
    try:
        downloaded = voices_module.load_picture(fetcher, disk, timbre, SECTION_ICON_PX)
        assert checked == [timbre.avatar_url]
        cached = voices_module.load_picture(fetcher, disk, timbre, SECTION_ICON_PX)
        assert checked == [timbre.avatar_url] * 2
        assert not downloaded.isNull()
        assert cached.size() == downloaded.size()
    finally:
        client.close()
        fetcher.close()
