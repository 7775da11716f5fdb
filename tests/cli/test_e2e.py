"""The `dhbrowser` command as a user runs it: a real process, a real X server, real keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dhbrowser.emulator import Catalog

PICK_TITLE = "Choose a digital human"
#: What the picker logs (INFO, in its log file) once Enter and the arrows act on a card...
FIRST_CARD_SELECTED = "the first card is selected"
#: ...and, with `--with-voice`, once the selected human's voices are listed (one chosen).
VOICES_LISTED = "are listed"


def dhbrowser(*args: str) -> list[str]:
    return [sys.executable, "-m", "dhbrowser", *args]


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """A user with no profile: fresh settings, cache and log folders."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    env.pop("QT_QPA_PLATFORM", None)
    return env


@pytest.fixture
def xvfb(app_env: dict[str, str]) -> Iterator[dict[str, str]]:
    """A private X server; the environment to run programs on it."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("Xvfb and xdotool are needed: run `make deps`")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as display_pipe:
        display = display_pipe.readline().strip()
    env = dict(app_env, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
    try:
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for_window(env: dict[str, str], title: str, process: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title],
            env=env,
            capture_output=True,
            text=True,
        )
        if found.stdout.strip():
            return found.stdout.split()[0]
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    _out, err = process.communicate()
    pytest.fail(f"no window titled {title!r} appeared; stderr:\n{err}")


def press(env: dict[str, str], window: str, *keys: str) -> None:
    """Real key presses (XTEST) into `window`; there is no window manager to activate it."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], env=env, check=True)


def wait_for_log_line(
    env: dict[str, str], text: str, process: subprocess.Popen[str], timeout: float = 30
) -> None:
    """Wait until the app's log file has `text` (a readiness line it logs at INFO)."""
    log_root = Path(env["XDG_STATE_HOME"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(text in log.read_text(errors="replace") for log in log_root.rglob("dhbrowser.log")):
            return
        time.sleep(0.1)  # polling the file for the line, not a wait in place of it
    process.kill()
    _out, err = process.communicate()
    logs = "".join(log.read_text(errors="replace") for log in log_root.rglob("dhbrowser.log"))
    pytest.fail(f"the picker never logged {text!r}; log:\n{logs}\nstderr:\n{err}")


def run_picker(
    env: dict[str, str], keys: tuple[str, ...], *extra: str
) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        dhbrowser("--pick", "--demo", *extra),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    window = wait_for_window(env, PICK_TITLE, process)
    wait_for_log_line(env, FIRST_CARD_SELECTED, process)
    if "--with-voice" in extra:
        wait_for_log_line(env, VOICES_LISTED, process)
    press(env, window, *keys)
    try:
        out, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"the picker did not exit; stderr:\n{err}")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_pick_prints_the_id_and_exits_0(xvfb: dict[str, str]) -> None:
    demo = Catalog.demo().records()
    result = run_picker(xvfb, ("Right", "Return"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{demo[1].id}\n", "stdout carries the id and nothing else"
    assert result.stderr == "", "scripts read --pick's stderr: Qt's chatter goes to the log file"


def test_pick_cancel_prints_nothing_and_exits_1(xvfb: dict[str, str]) -> None:
    result = run_picker(xvfb, ("Escape",))
    assert result.returncode == 1
    assert result.stdout == ""


def test_pick_escape_in_the_search_clears_it_and_the_searched_human_is_picked(
    xvfb: dict[str, str],
) -> None:
    zoe = next(record for record in Catalog.demo().records() if record.name == "Zoë Müller")
    result = run_picker(xvfb, ("ctrl+f", *"muller", "Escape", "Return"))
    assert result.returncode == 0, "Esc with text in the search box cancelled the pick"
    assert result.stdout == f"{zoe.id}\n"


def test_pick_json_with_a_fetch_mode(xvfb: dict[str, str]) -> None:
    first_private = next(record for record in Catalog.demo().records() if not record.public)
    result = run_picker(xvfb, ("Return",), "--fetch-mode", "private", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["DigitalHumanId"] == first_private.id
    assert document["IsPublic"] is False
    assert document["Actions"] == [action.action for action in first_private.actions]


def test_check_demo_reports_every_step(app_env: dict[str, str]) -> None:
    result = subprocess.run(
        dhbrowser("--check", "--demo"),
        env=dict(app_env, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"] is True
    assert summary["thumbnail"] is True
    assert summary["preview_frames"] >= 1
    assert summary["humans"] >= 1
    assert summary["total"] == len(Catalog.demo().records())


def test_pick_with_voice_prints_the_human_and_its_voice(xvfb: dict[str, str]) -> None:
    demo = Catalog.demo()
    first_public_voice = next(voice for voice in demo.timbres() if not voice.human)
    result = run_picker(xvfb, ("Return",), "--with-voice")
    assert result.returncode == 0, result.stderr
    # The first card is a public human: its voices are the public ones, the first chosen.
    assert result.stdout == f"{demo.records()[0].id} {first_public_voice.id}\n"


def test_pick_with_voice_json_has_a_timbre(xvfb: dict[str, str]) -> None:
    result = run_picker(xvfb, ("Return",), "--with-voice", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document["Timbre"]) == {"TimbreId", "Name"}
