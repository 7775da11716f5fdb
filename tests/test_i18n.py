"""The Simplified Chinese interface and the mechanism behind it: every catalogue entry is
translated, the catalogues hold every string the code marks, placeholders survive, the
language follows the locale, and English keeps its plurals."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pytestqt.qtbot import QtBot

from dhbrowser import i18n
from dhbrowser.api.errors import ApiError, ReturnCode, hint_for

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "resources" / "translations"
TS_FILES = sorted(SOURCES.glob("dhbrowser_*.ts"))
PO_FILES = sorted(SOURCES.glob("dhbrowser_*.po"))
BIN = Path(sys.executable).parent
#: Placeholders that must reach the translation unchanged: {name}, %(name)s, %s, %r, %n.
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdrn]")


def test_the_catalogues_exist() -> None:
    assert [path.name for path in TS_FILES] == ["dhbrowser_en.ts", "dhbrowser_zh_CN.ts"]
    assert [path.name for path in PO_FILES] == ["dhbrowser_zh_CN.po"]


def _ts_messages(path: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def _unfinished_ts(path: Path) -> list[str]:
    """Entries of a .ts file a person has not translated: unfinished, empty, or vanished."""
    problems = []
    for context, message in _ts_messages(path):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
            text.strip() for text in texts
        ):
            problems.append(f"{context}: {source!r}")
            continue
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {text!r} changes a placeholder")
    return problems


@pytest.mark.parametrize("path", TS_FILES, ids=lambda path: path.name)
def test_every_gui_entry_is_translated(path: Path) -> None:
    assert _unfinished_ts(path) == []


def test_english_catalogue_holds_the_plural_forms() -> None:
    messages = list(_ts_messages(SOURCES / "dhbrowser_en.ts"))
    assert messages, "dhbrowser_en.ts is empty"
    assert all(message.get("numerus") == "yes" for _context, message in messages)


def _unfinished_po(path: Path) -> list[str]:
    with path.open("rb") as file:
        catalog = read_po(file)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = (
            [message.string] if isinstance(message.string, str) else list(message.string or ())
        )
        if message.fuzzy or not all(string.strip() for string in strings):
            problems.append(repr(message.id))
            continue
        wanted = sorted(PLACEHOLDER.findall(sources[-1]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"{message.id!r} -> {string!r} changes a placeholder")
    return problems


@pytest.mark.parametrize("path", PO_FILES, ids=lambda path: path.name)
def test_every_core_entry_is_translated(path: Path) -> None:
    assert _unfinished_po(path) == []


def test_the_gui_catalogues_hold_every_string_the_code_marks(tmp_path: Path) -> None:
    """lupdate over the code, into copies: a string marked for translation but missing
    from the .ts (someone forgot `make update-translations`) arrives unfinished."""
    copies = []
    for path in TS_FILES:
        copy = tmp_path / path.name
        shutil.copyfile(path, copy)
        copies.append(copy)
    gui_files = sorted(
        str(path) for layer in ("qt", "gui") for path in (REPO / "dhbrowser" / layer).rglob("*.py")
    )
    lupdate = [str(BIN / "pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none"]
    for copy in copies:
        plural_only = ["-pluralonly"] if copy.name == "dhbrowser_en.ts" else []
        done = subprocess.run(
            [*lupdate, *plural_only, *gui_files, "-ts", str(copy)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert _unfinished_ts(copy) == [], (
            f"run `make update-translations`, then translate ({copy.name})"
        )


def test_the_core_catalogue_holds_every_string_the_code_marks(tmp_path: Path) -> None:
    template = tmp_path / "dhbrowser.pot"
    core_files = sorted(str(path) for path in (REPO / "dhbrowser").rglob("*.py"))
    done = subprocess.run(
        [str(BIN / "pybabel"), "extract", "--no-location", "-o", str(template), *core_files],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with template.open("rb") as file:
        marked = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(file)
        }
    with PO_FILES[0].open("rb") as file:
        translated = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(file)
        }
    assert sorted(marked - translated - {""}) == [], (
        "run `make update-translations`, then translate"
    )


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh", "zh_CN"),
        ("en_GB.UTF-8", "en"),
        ("C", "en"),
        ("zh_TW.UTF-8", None),  # Traditional Chinese: not Simplified
        ("zh-Hant-HK", None),
        ("de_DE", None),
    ],
)
def test_locale_tags_map_to_the_languages_spoken(tag: str, language: str | None) -> None:
    assert i18n.supported_language(tag) == language


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:zh_CN:en"}, "zh_CN"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_core_follows_the_posix_locale(environ: dict[str, str], language: str) -> None:
    assert i18n.system_language(environ) == language


@pytest.fixture
def chinese(translations_dir: Path) -> Iterator[None]:
    assert i18n.use_language(i18n.SIMPLIFIED_CHINESE, translations_dir)
    yield
    i18n.use_language(i18n.ENGLISH)


@pytest.mark.usefixtures("chinese")
def test_error_hints_speak_chinese_and_keep_ids() -> None:
    hint = hint_for(ReturnCode.SIGNATURE_ERROR)
    assert hint == "ServerSecret 与此 AppId 不匹配：请从 ZEGOCLOUD 控制台重新复制。"
    assert hint_for(123) == "服务返回了未知的错误码 123。"
    error = ApiError(ReturnCode.SIGNATURE_ERROR, "signature mismatch")
    assert error.hint == hint
    assert str(error).startswith("The ServerSecret does not match"), "the log stays English"


def test_english_hints_are_unchanged() -> None:
    assert hint_for(ReturnCode.SYSTEM_BUSY) == "ZEGOCLOUD is busy: retry in a moment."


@pytest.mark.expect_log("WARNING", r"no zh_CN translation at .*: messages stay in English")
def test_a_missing_catalogue_leaves_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    try:
        assert not i18n.use_language(i18n.SIMPLIFIED_CHINESE, tmp_path)
        assert i18n.current_language() == i18n.ENGLISH
        assert hint_for(ReturnCode.SYSTEM_BUSY) == "ZEGOCLOUD is busy: retry in a moment."
        assert "messages stay in English" in caplog.text
    finally:
        i18n.use_language(i18n.ENGLISH)


def _cli(*arguments: str, language: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "LANG": language, "LANGUAGE": "", "LC_ALL": ""}
    return subprocess.run(
        [sys.executable, "-m", "dhbrowser", *arguments], capture_output=True, text=True, env=environ
    )


#: A Latin sentence: three words or more in a row (ids, flags and API names are single words).
LATIN_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b")


def _latin_sentences(text: str) -> list[str]:
    """Runs of English words left in `text`, ignoring what is typed, not read: `commands`
    in backquotes, a choice of values {a,b,c}, and command lines (dhbrowser profile list)."""
    text = re.sub(r"`[^`]*`|\{[^}]*\}|dhbrowser(?: [a-z|]+)+", "", text)
    return list(LATIN_SENTENCE.findall(text))


@pytest.mark.usefixtures("translations_dir")
@pytest.mark.parametrize("command", [[], ["profile"], ["voices"], ["catalog"]], ids=" ".join)
def test_the_help_speaks_chinese_under_a_chinese_locale(command: list[str]) -> None:
    shown = _cli(*command, "--help", language="zh_CN.UTF-8")
    assert shown.returncode == 0, shown.stderr
    assert "用法：" in shown.stdout
    assert _latin_sentences(shown.stdout) == []


@pytest.mark.usefixtures("translations_dir")
def test_the_help_stays_english_under_an_english_locale() -> None:
    shown = _cli("--help", language="en_US.UTF-8")
    assert shown.stdout.startswith("usage: dhbrowser")
    assert "browse the built-in demo catalog" in shown.stdout


@pytest.mark.usefixtures("translations_dir")
def test_command_errors_speak_chinese(user_dirs: Path) -> None:
    failed = _cli("--profile", "nope", "--check", language="zh_CN.UTF-8")
    assert failed.returncode == 2
    assert "没有名为 'nope' 的配置" in failed.stderr
    missing = _cli("profile", "add", language="zh_CN.UTF-8")
    assert "缺少以下必需参数：--name, --app-id" in missing.stderr


@pytest.mark.usefixtures("chinese")
def test_a_refused_endpoint_is_explained_in_chinese() -> None:
    from dhbrowser.api.errors import UnsafeUrlError
    from dhbrowser.api.urls import normalize_endpoint

    with pytest.raises(UnsafeUrlError) as refused:
        normalize_endpoint("http://api.example.invalid")
    assert str(refused.value).startswith("接入地址 'http://api.example.invalid' 使用明文 http")
    with pytest.raises(UnsafeUrlError) as scheme:
        normalize_endpoint("ftp://api.example.invalid")
    assert "使用了ftp: 协议" in str(scheme.value)


def test_the_language_choice_persists_and_overrides_the_system(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox, QWidget

    from dhbrowser.gui.language_menu import language_menu
    from dhbrowser.qt.i18n import LANGUAGE_KEY, chosen_language

    settings = QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    assert chosen_language(settings) == i18n.ENGLISH  # the system's (LANGUAGE=en in tests)
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = language_menu(parent, settings)
    labels = [action.text() for action in menu.actions()]
    assert labels == ["System language", "English", "简体中文"]
    assert [action.isChecked() for action in menu.actions()] == [True, False, False]
    menu.actions()[2].trigger()
    note = parent.findChild(QMessageBox, "language-note")
    assert note is not None
    assert note.text() == "The new language is used when dhbrowser restarts."
    note.close()
    reread = QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    assert reread.value(LANGUAGE_KEY) == "zh_CN"
    assert chosen_language(reread) == i18n.SIMPLIFIED_CHINESE
    assert [action.isChecked() for action in language_menu(parent, reread).actions()] == [
        False,
        False,
        True,
    ]
    language_menu(parent, reread).actions()[0].trigger()
    assert chosen_language(reread) == i18n.ENGLISH
    reread.setValue(LANGUAGE_KEY, "klingon")  # damaged or from a newer dhbrowser
    assert chosen_language(reread) == i18n.ENGLISH


@pytest.mark.usefixtures("chinese")
def test_a_refused_connection_is_explained_in_chinese() -> None:
    """The operating system's reason ("Connection refused") is translated too: a Chinese
    banner carried an English sentence in its parentheses."""
    import socket

    from dhbrowser.api.client import DigitalHumanClient, RetryPolicy
    from dhbrowser.api.errors import NetworkError
    from dhbrowser.api.secret import Secret

    with socket.socket() as closed:  # a loopback port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    client = DigitalHumanClient(1234567890, Secret("0" * 32), endpoint, retry=RetryPolicy(1))
    with client, pytest.raises(NetworkError) as failed:
        client.list_page()
    assert failed.value.hint.startswith("无法连接接入地址：请检查地址和网络（无法连接：")
    assert "连接被拒绝" in failed.value.hint
    assert _latin_sentences(failed.value.hint) == [], failed.value.hint


@pytest.mark.usefixtures("translations_dir")
def test_the_voices_table_speaks_chinese() -> None:
    shown = _cli("voices", "--demo", language="zh_CN.UTF-8")
    assert shown.returncode == 0, shown.stderr
    header, *rows = shown.stdout.splitlines()
    assert header.split() == ["音色", "ID", "名称", "类型"]
    assert rows
    assert all(row.endswith("公共") for row in rows)
    english = _cli("voices", "--demo", language="en_US.UTF-8").stdout.splitlines()
    assert english[0].split() == ["TIMBRE", "ID", "NAME", "KIND"]
    assert english[1].endswith("public")


@pytest.mark.usefixtures("chinese")
def test_the_changes_summary_reads_as_chinese(tmp_path: Path) -> None:
    from dhbrowser.store import CatalogStore
    from tests.store.test_store import ANNA, BEN, CLEO, DANA
    from tests.store_worker import KEY

    with CatalogStore(tmp_path / "catalog.sqlite3") as store:
        store.record_sync(KEY, [ANNA, BEN], started_at=1.0)
        store.record_sync(KEY, [ANNA, DANA, CLEO], started_at=2.0)
        summary = store.changes(KEY).summary("12月1日")
    # No space after the full stop: Chinese sentences run on.
    assert summary == "你的新数字人：Dana。自 12月1日 以来新增 2 个，消失 1 个"


@pytest.mark.usefixtures("translations_dir", "user_dirs")
def test_the_catalog_table_speaks_chinese_and_its_csv_stays_data() -> None:
    from dhbrowser.api.text import display_width

    synced = _cli("catalog", "sync", "--demo", language="zh_CN.UTF-8")
    assert synced.returncode == 0, synced.stderr
    table = _cli("catalog", "list", "--demo", language="zh_CN.UTF-8").stdout.splitlines()
    assert table[0].split()[:4] == ["ID", "名称", "公共", "收藏"]
    # A Chinese name takes two columns: the columns after it still line up.
    chinese_row = next(row for row in table if "李华" in row)
    assert chinese_row.split()[2:4] == ["否", "否"]
    public_column = display_width(chinese_row[: chinese_row.index("否")])
    assert public_column == display_width(table[1][: table[1].index("是")])
    csv_lines = _cli("catalog", "list", "--demo", "--format", "csv", language="zh_CN.UTF-8")
    header, first = csv_lines.stdout.splitlines()[:2]
    assert header.startswith("id,name,public,favourite,first seen")
    assert ",yes," in first or ",no," in first


@pytest.mark.usefixtures("translations_dir", "qapp")
def test_the_profile_table_speaks_chinese_and_lines_up(user_dirs: Path) -> None:
    from dhbrowser.api.text import display_width
    from dhbrowser.core.profiles import Profile
    from dhbrowser.qt.settings import ProfileSettings

    settings = ProfileSettings()
    settings.save(Profile("测试应用", 1234567890))
    settings.save(Profile("demo2", 42))
    shown = _cli("profile", "list", language="zh_CN.UTF-8")
    assert shown.returncode == 0, shown.stderr
    header, *rows = shown.stdout.splitlines()
    assert header.split() == ["名称", "AppId", "接入地址"]
    # A row is "[*] NAME APPID ENDPOINT": each AppId starts where the header's does.
    app_id_columns = {display_width(row[: row.index(row.split()[-2])]) for row in rows}
    assert app_id_columns == {display_width(header[: header.index("AppId")])}


@pytest.mark.usefixtures("chinese")
@pytest.mark.expect_log("WARNING", r"damaged catalog database moved to .*: file is not a database")
def test_a_damaged_store_is_explained_in_chinese(tmp_path: Path) -> None:
    """SQLite's own words for the damage are translated too; the log keeps them."""
    from dhbrowser.store import CatalogStore
    from tests.store_worker import KEY

    path = tmp_path / "catalog.sqlite3"
    path.write_bytes(b"not a database, a stray file " * 100)
    with CatalogStore(path) as store:
        store.changes(KEY)  # the first use opens the file
        notice = store.notice
    assert notice is not None
    assert notice.startswith("目录数据库已损坏（文件不是数据库），已移至 catalog.sqlite3.damaged-")
    assert _latin_sentences(notice) == [], notice
