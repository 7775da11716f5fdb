"""When `dhbrowser` opens its early connection: `--demo` before Qt, never before a stored catalog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dhbrowser.api.models import FetchMode


@pytest.mark.parametrize("stored", [False, True], ids=["first launch", "catalog stored"])
def test_the_demo_connects_early_only_when_no_stored_catalog_paints_first(
    stored: bool, user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeat start paints the stored catalog and connects after that paint: a connection
    opened before it (importing the emulator and httpx in a thread) would delay the paint."""
    import dhbrowser.core.connection
    import dhbrowser.gui.app
    from dhbrowser import cli
    from dhbrowser.gui.app import BrowserOutcome
    from dhbrowser.store import default_path

    monkeypatch.setenv("XDG_DATA_HOME", str(user_dirs / "xdg_data_home"))
    if stored:
        default_path().parent.mkdir(parents=True)
        default_path().write_bytes(b"")  # the window opens (or repairs) it; here it only exists
    opened: list[FetchMode] = []
    monkeypatch.setattr(
        dhbrowser.core.connection, "open_early", lambda _connect, mode: opened.append(mode)
    )
    monkeypatch.setattr(
        dhbrowser.gui.app, "run_browser", lambda *_args, **_options: BrowserOutcome(0)
    )

    assert cli.main(["--demo", "--fetch-mode", "public"]) == 0

    assert opened == ([] if stored else [FetchMode.PUBLIC])


def test_demo_sends_its_first_request_before_qt_is_imported(user_dirs: Path) -> None:
    """`dhbrowser --demo` on a first launch: the list request's round trip overlaps the
    import of PySide6 (a tenth of a second or more) instead of following it."""
    probe = """
import sys
import dhbrowser.cli as cli
import dhbrowser.core.connection as connection
seen = []
connection.open_early = lambda connect, mode: seen.append("PySide6" in sys.modules)
cli._run = lambda args, demo, logs: (0, False)
assert cli.main(["--demo"]) == 0
print(seen)
"""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(user_dirs / "xdg_data_home"),
        "XDG_STATE_HOME": str(user_dirs / "xdg_state_home"),
    }
    finished = subprocess.run(
        [sys.executable, "-c", probe],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "[False]", "PySide6 was imported before the request left"
