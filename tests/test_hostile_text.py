"""Server text is only ever data: bounded plain text in messages, escaped on terminals.

Against the hostile server (tests/hostile_server.py) over real HTTP: names, messages and
ids carrying markup, terminal escapes, control and bidi characters.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from dhbrowser import cli
from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import ApiError, DhError, ProtocolError, ReturnCode
from dhbrowser.api.models import (
    MAX_ACTIONS,
    MAX_IDENTIFIER,
    MAX_NAME,
    ActionClip,
    DigitalHuman,
    parse_human,
)
from dhbrowser.api.text import (
    MAX_SERVER_TEXT,
    plain_text,
    terminal_json,
    terminal_text,
)
from dhbrowser.core.export import catalog_csv
from dhbrowser.core.logs import close_logging, setup_logging
from dhbrowser.gui.app import BrowserOutcome
from dhbrowser.gui.human_actions import suggested_file_name
from dhbrowser.qt.check import run_check
from tests.emulator_fixtures import FAST_RETRY
from tests.hostile_server import (
    MARKUP,
    TERMINAL,
    HostileServer,
    api_error,
    human,
    serve_humans,
)

HostileFactory = Callable[..., HostileServer]
#: Every character a terminal may act on, one of each kind.
CONTROLS = (
    "\x00\x07\x08\x0a\x0d\x1b\x7f\x85\x9b\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069"
)


def client_of(server: HostileServer) -> DigitalHumanClient:
    connection = server.connection()
    return DigitalHumanClient(
        connection.app_id, connection.secret, connection.endpoint, retry=FAST_RETRY
    )


# -- the one escape ---------------------------------------------------------------------------


@pytest.mark.parametrize("char", list(CONTROLS))
def test_terminal_text_leaves_no_character_a_terminal_acts_on(char: str) -> None:
    escaped = terminal_text(f"a{char}b")
    assert escaped.isprintable(), repr(escaped)
    assert escaped.isascii(), repr(escaped)
    assert escaped.startswith("a\\")
    assert escaped.endswith("b")


def test_terminal_text_keeps_ordinary_text_including_non_ascii() -> None:
    text = "Aiko Tanaka ✓ 田中 Ελένη مرحبا <b>&amp;"
    assert terminal_text(text) == text


def test_terminal_json_decodes_to_the_same_value_and_carries_no_raw_control() -> None:
    document = {"Name": f"Eve {TERMINAL}", "Actions": [CONTROLS], "n": 1}
    for options in ({}, {"indent": 2}):
        written = terminal_json(document, **options)
        assert json.loads(written) == document
        assert all(line.isprintable() for line in written.splitlines())
    assert "田中" in terminal_json({"Name": "田中"}), "non-ASCII stays readable"


def test_plain_text_is_one_bounded_line_without_controls() -> None:
    cleaned = plain_text(f"bad {TERMINAL}\nsecond line " + "x" * 1000)
    assert len(cleaned) == MAX_SERVER_TEXT
    assert cleaned.endswith("…")
    assert cleaned.isprintable()
    assert "\u202e" not in cleaned
    assert "\x1b" not in cleaned
    assert plain_text("  two\t\twords \r\n") == "two words"


# -- what the API layer keeps of server text -----------------------------------------------------


def test_a_servers_message_is_kept_as_bounded_plain_text(
    hostile_server: HostileFactory,
) -> None:
    message = f"Offset is wrong {MARKUP} {TERMINAL} " + "padding " * 500
    server = hostile_server(lambda call: api_error(ReturnCode.INVALID_PARAMETER, message))
    with client_of(server) as client, pytest.raises(ApiError) as caught:
        client.list_page()
    error = caught.value
    for text in (error.message, error.hint, str(error)):
        assert "Offset is wrong" in text, "the server's words are kept: they say what is wrong"
        assert text.isprintable(), repr(text[:80])
    assert len(error.message) <= MAX_SERVER_TEXT
    assert len(error.hint) < MAX_SERVER_TEXT + 100


def test_a_servers_request_id_is_bounded_plain_text(hostile_server: HostileFactory) -> None:
    def script(call: Any) -> dict[str, Any]:
        answer = api_error(ReturnCode.SIGNATURE_ERROR, "signature error")
        answer["RequestId"] = TERMINAL * 50
        return answer

    server = hostile_server(script)
    with client_of(server) as client, pytest.raises(ApiError) as caught:
        client.list_page()
    assert caught.value.request_id.isprintable()
    assert len(caught.value.request_id) <= 64


@pytest.mark.parametrize("char", ["\x1b", "\n", "\x9b", "\u202e", "\u2066", "\x7f"])
def test_an_id_with_a_control_or_bidi_character_is_refused(char: str) -> None:
    with pytest.raises(ProtocolError, match=r"DigitalHumanId.*control or bidi"):
        parse_human({"DigitalHumanId": f"8f0c{char}e2a1", "Name": "x"})


def test_a_page_with_such_an_id_fails_plainly_over_http(hostile_server: HostileFactory) -> None:
    humans = [human("Fine"), human("Sly", human_id="1234\x1b]0;owned\x07")]
    server = hostile_server(serve_humans(humans))
    with client_of(server) as client, pytest.raises(ProtocolError) as caught:
        client.list_page()
    assert "Data.DigitalHumans[1].DigitalHumanId" in caught.value.hint
    assert caught.value.hint.isprintable()


def test_names_and_action_names_with_markup_or_escapes_are_data(
    hostile_server: HostileFactory,
) -> None:
    """They are what the server calls its humans: kept exactly, shown as text elsewhere."""
    record = human(f"{MARKUP} {TERMINAL}", actions=[f"<b>wave</b>{TERMINAL}"])
    server = hostile_server(serve_humans([record]))
    with client_of(server) as client:
        page = client.list_page()
    assert page.humans[0].name == record["Name"]
    assert page.humans[0].actions[0].name == record["Actions"][0]["Action"]


# -- the terminal: --check and --pick -------------------------------------------------------------


def test_check_prints_no_server_escape_to_the_terminal(
    qtbot: QtBot, hostile_server: HostileFactory
) -> None:
    """The step lines carry names (the portrait step) and messages; none may reach the
    terminal raw, and the summary stays one JSON line."""
    humans = [human(f"Eve {TERMINAL}")]
    # A portrait that does not decode: the step's line then names the human.
    server = hostile_server(serve_humans(humans), media={"/portrait.png": b"not a picture"})
    humans[0]["AvatarUrl"] = f"{server.base_url}/portrait.png"
    out = io.StringIO()
    run_check(server.connection("Check of <b>hostile</b>"), out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 6, lines  # header, four steps, summary: no forged line
    for line in lines:
        assert line.isprintable(), repr(line)
        assert "\x1b" not in line
        assert "\u202e" not in line
    assert any("\\x1b]0;owned title\\x07" in line for line in lines), lines
    json.loads(lines[-1])


def test_check_prints_an_api_message_escaped(qtbot: QtBot, hostile_server: HostileFactory) -> None:
    server = hostile_server(lambda call: api_error(ReturnCode.INVALID_PARAMETER, TERMINAL))
    out = io.StringIO()
    assert run_check(server.connection(), out) == 1
    assert all(line.isprintable() for line in out.getvalue().splitlines())
    assert "owned title" in out.getvalue()


def hostile_pick() -> tuple[DigitalHuman, ActionClip]:
    action = ActionClip(f"wave{TERMINAL}", "")
    picked = DigitalHuman("f1e2d3c4-0000-4000-8000-000000000001", TERMINAL, "", True, (action,))
    return picked, action


@pytest.mark.parametrize("output_format", ["id", "json"])
def test_pick_prints_only_escaped_text(
    output_format: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dhbrowser --pick` as a script runs it: stdout is the id, or one line of JSON that
    decodes to what the server sent, with nothing a terminal would act on."""
    picked = hostile_pick()
    monkeypatch.setattr(
        "dhbrowser.gui.app.run_browser", lambda *args, **kwargs: BrowserOutcome(0, picked)
    )
    code = cli.main(["--pick", "--demo", "--format", output_format])
    out = capsys.readouterr().out
    assert code == 0
    assert out.endswith("\n")
    assert out.count("\n") == 1
    assert out[:-1].isprintable(), repr(out)
    if output_format == "json":
        document = json.loads(out)
        assert document["Name"] == TERMINAL
        assert document["SelectedAction"] == f"wave{TERMINAL}"
    else:
        assert out == f"{picked[0].id}\n"


def test_pick_output_escapes_an_id_that_got_past_the_models() -> None:
    """Defence in depth: whatever builds a DigitalHuman, the id line is escaped too."""
    picked, action = hostile_pick()
    sly = DigitalHuman("id\x1b[2J", picked.name, "", True, picked.actions)
    assert cli.pick_output(sly, action, None, "id") == "id\\x1b[2J"


def test_cli_errors_on_stderr_are_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object, **kwargs: object) -> BrowserOutcome:
        raise DhError(f"the browser failed: {TERMINAL}")

    monkeypatch.setattr("dhbrowser.gui.app.run_browser", refuse)
    assert cli.main(["--demo"]) == 2
    err = capsys.readouterr().err
    assert "dhbrowser: the browser failed: \\x1b]0;owned title" in err
    assert all(line.isprintable() for line in err.splitlines()), repr(err)


@pytest.mark.expect_log("WARNING", r"page failed: Eve")
def test_logs_quote_the_server_escaped_on_stderr_and_in_the_file(
    user_dirs: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(verbose=False).path
    assert path is not None
    try:
        logging.getLogger("dhbrowser.test").warning("page failed: %s", f"Eve {TERMINAL}")
    finally:
        close_logging()
    err = capfd.readouterr().err
    written = path.read_text(encoding="utf-8")
    for text in (err, written):
        assert "page failed: Eve \\x1b]0;owned title" in text
        assert all(line.isprintable() for line in text.splitlines()), repr(text)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_csv_export_never_holds_a_formula(start: str) -> None:
    formula = f'{start}HYPERLINK("https://evil.invalid/","click")'
    record = DigitalHuman(
        "f1e2d3c4-0000-4000-8000-000000000002", formula, "", False, (ActionClip(formula),)
    )
    rows = list(csv.DictReader(io.StringIO(catalog_csv([record]))))
    assert rows[0]["name"] == f"'{formula}"
    assert rows[0]["actions"] == f"'{formula}"
    assert rows[0]["id"] == record.id


def test_a_csv_export_keeps_ordinary_names_as_they_are() -> None:
    record = DigitalHuman("id-1", "Aiko <b>Tanaka</b> = 1", "", True, (ActionClip("idle_action"),))
    rows = list(csv.DictReader(io.StringIO(catalog_csv([record]))))
    assert (rows[0]["name"], rows[0]["actions"]) == ("Aiko <b>Tanaka</b> = 1", "idle_action")


@pytest.mark.parametrize(
    "name",
    [f"../../.bashrc{TERMINAL}", "/etc/passwd", "..", 'a\\b:c*d?e"f<g>h|i', "x" * 500, "\x00"],
)
def test_a_saved_preview_is_offered_a_name_inside_the_chosen_folder(name: str) -> None:
    suggested = suggested_file_name(DigitalHuman("id", name, "", True), ActionClip("wave"))
    assert suggested.endswith(".mp4")
    assert suggested.isprintable()
    assert not set(suggested) & set('/\\:*?"<>|')
    assert not suggested.startswith(".")
    assert len(suggested) <= 124


def test_a_huge_name_is_cut_and_huge_identifiers_are_refused(
    hostile_server: HostileFactory,
) -> None:
    long_name = "ab cd " * 200_000  # 1.2 million characters
    server = hostile_server(serve_humans([human(long_name), human("ok")]))
    with client_of(server) as client:
        shown = client.list_page().humans[0]
    assert len(shown.name) == MAX_NAME
    assert shown.name.endswith("…")
    assert long_name.startswith(shown.name[:-1])

    for record, complaint in (
        (human("long id", human_id="7" * (MAX_IDENTIFIER + 1)), "than an identifier"),
        (human("long action", actions=["a" * (MAX_IDENTIFIER + 1)]), "than an identifier"),
        (human("busy", actions=[f"a{n}" for n in range(MAX_ACTIONS + 1)]), "than a digital"),
    ):
        server.script = serve_humans([record])
        with client_of(server) as client, pytest.raises(ProtocolError, match=complaint):
            client.list_page()


def test_identifiers_up_to_the_bound_are_taken_whole() -> None:
    record = parse_human(
        {
            "DigitalHumanId": "7" * MAX_IDENTIFIER,
            "Name": "n" * MAX_NAME,
            "Actions": [{"Action": "a" * MAX_IDENTIFIER}],
        }
    )
    assert (len(record.id), len(record.name)) == (MAX_IDENTIFIER, MAX_NAME)
    assert len(record.actions[0].name) == MAX_IDENTIFIER
    busy = parse_human(
        {"DigitalHumanId": "busy", "Actions": [{"Action": f"a{n}"} for n in range(MAX_ACTIONS)]}
    )
    assert len(busy.actions) == MAX_ACTIONS
