"""The real window against the hostile server: server text shows as the characters it is,
paging stops when pages bring nothing new, and a rate limit is retried as the banner says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QThreadPool
from PySide6.QtGui import QAction, QHelpEvent, QPalette, Qt, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from dhbrowser.api.errors import ReturnCode
from dhbrowser.api.models import MAX_NAME
from dhbrowser.api.paging import MAX_BARREN_PAGES
from dhbrowser.core.secret_store import SecretStore
from dhbrowser.emulator import DEMO_SERVER_SECRET
from dhbrowser.gui.connect_dialog import ConnectDialog
from dhbrowser.gui.mainwindow import MainWindow
from dhbrowser.qt.settings import ProfileSettings
from dhbrowser.qt.thumbnails import ThumbState
from tests.hostile_server import (
    HOSTILE_NAMES,
    MARKUP,
    HostileServer,
    api_error,
    human,
    rate_limited_first,
    same_page_forever,
    serve_humans,
)

HostileFactory = Callable[..., HostileServer]
WindowOn = Callable[..., MainWindow]
LOAD_MS = 20_000
#: Fragments of the hostile texts: wherever the word inside shows, the markup around it
#: must show too, as characters. A rendered tag would leave the word alone.
LITERAL_MARKUP = {
    "Big": "<h1>Big</h1>",
    "bold": "<b>bold</b>",
    "Mallory": "<b>Mallory</b>",
    "Trent": "<i>Trent</i>",
    "wave": "<b>wave</b>",
}


@pytest.fixture
def window_on(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, user_dirs: Path
) -> Iterator[WindowOn]:
    windows: list[MainWindow] = []

    def open_on(server: HostileServer, retry_delays: tuple[float, ...] | None = None) -> MainWindow:
        window = MainWindow(pool, tmp_path / "thumbnails")
        qtbot.addWidget(window)
        if retry_delays is not None:
            window.model.retry_delays = retry_delays
        window.resize(1366, 768)
        window.set_connection(server.connection())
        window.show()
        windows.append(window)
        return window

    yield open_on
    for window in windows:
        window.close()


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The characters Qt shows for `text` in `text_format` (tooltips are AutoText)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def markup_lost(text: str) -> list[str]:
    """The hostile fragments whose word shows in `text` without their markup around it."""
    return [
        fragment
        for word, fragment in LITERAL_MARKUP.items()
        if word in text and fragment not in text
    ]


def everything_shown(window: MainWindow) -> list[tuple[str, str]]:
    """(where, the characters shown) for each label, tooltip, title and action of the window."""
    seen: list[tuple[str, str]] = [("window title", shown(window.windowTitle()))]
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel):
            seen.append((f"{name} text", shown(widget.text(), widget.textFormat())))
        if isinstance(widget, QAbstractButton):
            seen.append((f"{name} text", widget.text()))
        if widget.toolTip():
            seen.append((f"{name} tooltip", shown(widget.toolTip())))
    for action in window.findChildren(QAction):
        seen.append((f"action {action.text()!r} tooltip", shown(action.toolTip())))
    model = window.model
    for row in range(model.rowCount()):
        tip = model.index(row).data(Qt.ItemDataRole.ToolTipRole)
        seen.append((f"card {row} tooltip", shown(str(tip))))
    return seen


def hostile_catalog(server_url: str = "") -> list[dict[str, object]]:
    humans = [
        human(name, actions=[f"<b>wave</b> {index}", "idle_action"])
        for index, name in enumerate(HOSTILE_NAMES)
    ]
    for record in humans:
        record["AvatarUrl"] = f"{server_url}/missing-portrait.png"  # 404: a failed portrait
    return humans


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_a_servers_message_shows_in_the_banner_as_plain_text(
    qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn, artifacts_dir: Path
) -> None:
    """The issue's case: Message with a heading and a local picture, shown as characters."""
    message = f"Offset {MARKUP}"
    server = hostile_server(lambda call: api_error(ReturnCode.INVALID_PARAMETER, message))
    window = window_on(server)
    banner = window.error_banner
    qtbot.waitUntil(banner.isVisible, timeout=LOAD_MS)

    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    text = shown(banner.label.text(), banner.label.textFormat())
    assert message in text, text
    assert markup_lost(text) == []
    window.grab().save(str(artifacts_dir / "hostile-banner.png"))


def test_every_widget_shows_server_text_as_characters(
    qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn, artifacts_dir: Path
) -> None:
    server = hostile_server(serve_humans([]))
    server.script = serve_humans(hostile_catalog(server.base_url))
    window = window_on(server)
    qtbot.waitUntil(lambda: window.model.finished, timeout=LOAD_MS)
    assert window.model.rowCount() == len(HOSTILE_NAMES)

    # The details of the human named with markup, its first action selected (the
    # player's title is that action's name), every portrait failed (tooltips say why).
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    qtbot.waitUntil(lambda: window.details.human is not None, timeout=LOAD_MS)
    window.details.actions_list.setCurrentRow(0)
    thumbnails = window.thumbnails
    qtbot.waitUntil(
        lambda: all(
            thumbnails.state(record.id) is ThumbState.FAILED for record in window.model.humans()
        ),
        timeout=LOAD_MS,
    )
    assert window.details.name_label.text() == HOSTILE_NAMES[0]

    seen = everything_shown(window)
    card = window.view.visualRect(window.proxy.index(2, 0)).center()
    QApplication.sendEvent(
        window.view.viewport(),
        QHelpEvent(QEvent.Type.ToolTip, card, window.view.viewport().mapToGlobal(card)),
    )
    assert "Mallory" in QToolTip.text()
    seen.append(("failed portrait tooltip", shown(QToolTip.text())))
    QToolTip.hideText()

    lost = [(where, text) for where, text in seen if markup_lost(text)]
    assert lost == [], lost
    shown_texts = "\n".join(text for _where, text in seen)
    for fragment in ("<h1>Big</h1>", "<b>Mallory</b>", "<b>wave</b> 0"):
        assert fragment in shown_texts, f"{fragment} is not shown anywhere"

    window.grab().save(str(artifacts_dir / "hostile-text.png"))
    dark = window.palette()
    dark.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
    dark.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.white)
    dark.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.darkGray)
    dark.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.white)
    dark.setColor(QPalette.ColorRole.Button, Qt.GlobalColor.darkGray)
    dark.setColor(QPalette.ColorRole.ButtonText, Qt.GlobalColor.white)
    window.setPalette(dark)
    window.resize(800, 500)
    window.grab().save(str(artifacts_dir / "hostile-text-dark-800x500.png"))


# -- defect 8: bounded paging ---------------------------------------------------------------------


def test_paging_stops_when_pages_bring_nothing_new(
    qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn, artifacts_dir: Path
) -> None:
    """The same 20 humans forever with Total 1,000,000: a few requests, then a message."""
    twenty = [human(f"Same {index}") for index in range(20)]
    server = hostile_server(same_page_forever(twenty, total=1_000_000))
    window = window_on(server)
    banner = window.error_banner
    qtbot.waitUntil(lambda: banner.isVisible() and window.model.finished, timeout=LOAD_MS)

    assert window.model.rowCount() == 20
    assert "already listed" in banner.label.text()
    assert "1,000,000" in banner.label.text()
    reload = banner.button("Reload")
    assert reload is not None
    # The first page, then the pages in flight when the third barren one came in.
    assert server.requests("GetDigitalHumanList") <= 1 + MAX_BARREN_PAGES + 2
    assert not window.model.syncing
    window.grab().save(str(artifacts_dir / "hostile-paging-stopped.png"))

    before = server.requests("GetDigitalHumanList")
    reload.click()  # asks again, and stops again as soon
    qtbot.waitUntil(lambda: window.model.finished and banner.isVisible(), timeout=LOAD_MS)
    assert window.model.rowCount() == 20
    # Pages only: the selected human's voices are asked for too (GetTimbreList).
    assert server.requests("GetDigitalHumanList") - before <= 1 + MAX_BARREN_PAGES + 2


# -- defect 9: the rate-limit banner says what happens ------------------------------------------


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_a_rate_limit_is_retried_by_itself_and_the_catalog_loads(
    qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn, artifacts_dir: Path
) -> None:
    humans = [human(f"Patient {index}") for index in range(7)]
    # More refusals than the client's own retries (1 + 4): the window's retry must come.
    server = hostile_server(rate_limited_first(7, serve_humans(humans)))
    window = window_on(server, retry_delays=(3.0, 3.0))
    banner = window.error_banner
    qtbot.waitUntil(lambda: "Retrying in" in banner.label.text(), timeout=LOAD_MS)
    assert banner.isVisible()
    assert "too many requests" in banner.label.text()
    assert "(retry 1 of 2)" in banner.label.text()
    assert "Retrying in 4 s" not in banner.label.text(), "the countdown overstates its delay"
    assert banner.button("Retry") is not None, "no need to wait: Retry asks at once"
    window.grab().save(str(artifacts_dir / "hostile-rate-limit-countdown.png"))
    qtbot.waitUntil(lambda: "Retrying in 1 s" in banner.label.text(), timeout=LOAD_MS)

    qtbot.waitUntil(lambda: window.model.finished, timeout=LOAD_MS)
    assert window.model.rowCount() == 7
    assert not banner.isVisible()
    assert server.requests("GetDigitalHumanList") == 8


@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_an_endless_rate_limit_ends_in_a_stopped_message_with_retry(
    qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn
) -> None:
    server = hostile_server(
        lambda call: api_error(ReturnCode.RATE_LIMITED, "API call frequency limit exceeded")
    )
    window = window_on(server, retry_delays=(0.2,))
    banner = window.error_banner
    qtbot.waitUntil(lambda: "stopped" in banner.label.text(), timeout=LOAD_MS)

    assert "press Retry" in banner.label.text()
    assert banner.button("Retry") is not None
    assert not window.model.retry_pending
    assert window.progress_label.text() == "Loading stopped at 0"
    # One page, twice (the first try and one automatic retry), each with the client's
    # own bounded retries (1 + 4).
    assert server.requests() == 2 * 5


@pytest.mark.parametrize("total", [2**31, 10**30])
@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed")
def test_an_absurd_total_is_an_error_in_plain_words_not_a_crash(
    total: int, qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn
) -> None:
    """A Total no progress bar can hold once raised OverflowError in the window's slot."""
    server = hostile_server(serve_humans([human(f"H{index}") for index in range(20)], total))
    window = window_on(server)
    banner = window.error_banner
    qtbot.waitUntil(banner.isVisible, timeout=LOAD_MS)
    assert "Data.Total" in banner.label.text()
    assert "more than any catalog holds" in banner.label.text()
    assert server.requests() == 1, "a broken answer is not retried"


def test_a_name_of_a_million_characters_is_shown_cut(
    qtbot: QtBot, hostile_server: HostileFactory, window_on: WindowOn
) -> None:
    """Laying it out whole froze the window for seconds; the name shown is cut, with "…"."""
    server = hostile_server(serve_humans([human("ab cd " * 200_000), human("Short")]))
    window = window_on(server)
    qtbot.waitUntil(lambda: window.model.finished, timeout=LOAD_MS)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    qtbot.waitUntil(lambda: window.details.human is not None, timeout=LOAD_MS)
    shown_name = window.details.name_label.text()
    assert len(shown_name) == MAX_NAME
    assert shown_name.endswith("…")


def test_the_connect_dialog_shows_a_servers_message_as_plain_text(
    qtbot: QtBot, pool: QThreadPool, tmp_path: Path, hostile_server: HostileFactory
) -> None:
    message = f"AppId {MARKUP}"
    server = hostile_server(lambda call: api_error(ReturnCode.INVALID_PARAMETER, message))
    settings = ProfileSettings(
        QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    )
    dialog = ConnectDialog(pool, settings, SecretStore())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Hostile")
    dialog.app_id_edit.setText(str(server.app_id))
    dialog.secret_edit.setText(DEMO_SERVER_SECRET)
    dialog.endpoint_edit.setText(server.base_url)
    with qtbot.waitSignal(dialog.testFinished, timeout=LOAD_MS) as outcome:
        dialog.test_button.click()
    assert outcome.args == [False]
    label = dialog.status_label
    text = shown(label.text(), label.textFormat())
    assert message in text, text
    assert markup_lost(text) == []
    dialog.reject()
