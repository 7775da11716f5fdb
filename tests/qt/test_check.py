"""`dhbrowser --check` (run_check) against emulators that work, refuse, or serve broken media."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.emulator import (
    DEMO_APP_ID,
    DEMO_SERVER_SECRET,
    ActionRecord,
    Catalog,
    Emulator,
    HumanRecord,
)
from dhbrowser.qt.check import MULTIMEDIA_MISSING, run_check
from tests.hostile_media import NOT_A_VIDEO

WRONG_SECRET = "0123456789abcdef0123456789abcdef"


def connection_to(emu: Emulator | str, secret: str = DEMO_SERVER_SECRET) -> Connection:
    endpoint = emu if isinstance(emu, str) else emu.base_url
    return Connection("Check test", DEMO_APP_ID, endpoint, Secret(secret))


def check(connection: Connection) -> tuple[int, list[str], dict[str, Any]]:
    """(exit code, the step lines, the JSON summary) of one run."""
    out = io.StringIO()
    code = run_check(connection, out)
    lines = out.getvalue().splitlines()
    return code, lines[1:-1], json.loads(lines[-1])


def line_of(lines: list[str], step: str) -> str:
    return next(line for line in lines if line[2:].startswith(step))


def test_passes_against_the_demo_catalog(
    qtbot: QtBot, emulator: Emulator, artifacts_dir: Path
) -> None:
    code, lines, summary = check(connection_to(emulator))

    assert code == 0, lines
    assert [line[:2] for line in lines] == ["✓ "] * 4
    assert [line[2:].split()[0] for line in lines] == ["sign", "list", "portrait", "preview"]
    assert "720×1280" in line_of(lines, "portrait")
    assert summary["ok"] is True
    assert summary["thumbnail"] is True
    assert summary["preview_frames"] >= 1
    assert (summary["humans"], summary["total"]) == (20, len(emulator.catalog))
    assert summary["seconds"] > 0
    (artifacts_dir / "check-demo.txt").write_text("\n".join([*lines, json.dumps(summary)]))


def test_a_wrong_secret_fails_with_the_hint_and_skips_the_rest(
    qtbot: QtBot, emulator: Emulator
) -> None:
    out = io.StringIO()
    code = run_check(connection_to(emulator, WRONG_SECRET), out)
    text = out.getvalue()
    lines = text.splitlines()
    summary = json.loads(lines[-1])

    assert code != 0
    assert lines[1].startswith("✗ sign")
    assert "The ServerSecret does not match this AppId" in lines[1]
    assert all("skipped" in line for line in lines[2:-1])
    assert summary == {
        "ok": False,
        "humans": 0,
        "total": 0,
        "thumbnail": False,
        "preview_frames": 0,
        "seconds": summary["seconds"],
    }
    assert WRONG_SECRET not in text
    assert DEMO_SERVER_SECRET not in text


def test_an_unreachable_endpoint_says_so(qtbot: QtBot) -> None:
    with Emulator() as emu:
        endpoint = emu.base_url  # nothing listens there once it has stopped

    code, lines, summary = check(connection_to(endpoint))

    assert code != 0
    assert lines[0].startswith("✗ sign")
    assert "cannot be reached" in lines[0]
    assert summary["ok"] is False


@pytest.mark.qt_log_ignore(r"Could not open media\. FFmpeg error description")
def test_unplayable_previews_fail_the_video_step_only(
    qtbot: QtBot, small_emulator: Emulator
) -> None:
    """The portrait decodes but the "video" is an MP4 header and random bytes."""
    real = small_emulator.catalog.records()[0]
    portrait = small_emulator.catalog.media(real.portrait)
    assert portrait is not None
    human = HumanRecord(
        "b7d0c6d2-0000-4000-8000-000000000003",
        "Unplayable Preview",
        True,
        real.portrait,
        (ActionRecord("idle_action", "previews/idle.mp4"),),
    )
    catalog = Catalog([human], {real.portrait: portrait, "previews/idle.mp4": NOT_A_VIDEO})
    with Emulator(catalog) as emu:
        code, lines, summary = check(connection_to(emu))

    assert code != 0
    assert line_of(lines, "portrait").startswith("✓")
    assert line_of(lines, "preview").startswith("✗")
    assert "cannot be played" in line_of(lines, "preview")
    assert summary["thumbnail"] is True
    assert summary["preview_frames"] == 0
    assert summary["ok"] is False


def test_a_broken_portrait_fails_its_step_and_the_video_is_still_checked(
    qtbot: QtBot, emulator: Emulator
) -> None:
    real = emulator.catalog.records()[0]
    preview = emulator.catalog.media(real.actions[0].preview)
    assert preview is not None
    human = HumanRecord(
        "b7d0c6d2-0000-4000-8000-000000000002",
        "Broken Portrait",
        True,
        "portraits/broken.jpg",
        (ActionRecord("idle_action", "previews/idle.mp4"),),
    )
    catalog = Catalog(
        [human],
        {"portraits/broken.jpg": b"<html>Not an image</html>", "previews/idle.mp4": preview},
    )
    with Emulator(catalog) as emu:
        code, lines, summary = check(connection_to(emu))

    assert code != 0
    assert line_of(lines, "portrait").startswith("✗")
    assert "Broken Portrait cannot be decoded" in line_of(lines, "portrait")
    assert line_of(lines, "preview").startswith("✓")
    assert (summary["thumbnail"], summary["ok"]) == (False, False)
    assert summary["preview_frames"] >= 1


def test_without_qtmultimedia_it_says_how_to_fix_it(emulator: Emulator) -> None:
    """A machine without libpulse0 cannot import QtMultimedia; simulate that import failure."""
    script = f"""
import sys
sys.modules["PySide6.QtMultimedia"] = None  # the import fails as it does without libpulse0
from dhbrowser.api.secret import Secret
from dhbrowser.qt.check import run_check
from dhbrowser.core.connection import Connection
connection = Connection("Demo", {DEMO_APP_ID}, {emulator.base_url!r}, Secret({DEMO_SERVER_SECRET!r}))
sys.exit(run_check(connection))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},  # no QT_QPA_PLATFORM: run_check must go headless itself
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )

    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stderr
    assert line_of(lines, "portrait").startswith("✓")
    assert line_of(lines, "preview").startswith(f"✗ preview   {MULTIMEDIA_MISSING}")
    assert json.loads(lines[-1])["preview_frames"] == 0
