"""A quiet, honest terminal: Qt Multimedia's chatter goes to the log file, and no display
means a plain message and exit 2, never Qt's abort."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLoggingCategory, qCWarning
from pytestqt.qtbot import QtBot

from dhbrowser.cli.display import NO_DISPLAY, display_problem

REPO = Path(__file__).resolve().parents[2]
SIGNED_URL = "https://media.example.invalid/preview.mp4?Signature=abcdef123456&Expires=99"

#: What a new machine without VA-API printed on every start, and FFmpeg's stream dump.
EMIT_MULTIMEDIA_CHATTER = f"""
import sys
from PySide6.QtCore import QLoggingCategory, qCWarning, qCInfo, qWarning
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import QMediaPlayer
from dhbrowser.core.logs import setup_logging, close_logging
from dhbrowser.qt.qt_logging import pyside_avutil, route_ffmpeg_messages, route_qt_messages

print(setup_logging().path)
route_qt_messages()
app = QGuiApplication(sys.argv[:1])
player = QMediaPlayer()  # loads FFmpeg
route_ffmpeg_messages()
resolver = QLoggingCategory("qt.multimedia.symbolsresolver")
ffmpeg = QLoggingCategory("qt.multimedia.ffmpeg")
qCWarning(resolver, "Couldn't load va-x11 library")
qCWarning(ffmpeg, "Input #0, mov,mp4 from '{SIGNED_URL}'")
qCInfo(ffmpeg, "Stream #0:0: Video: h264 from '{SIGNED_URL}'")
qWarning("PulseAudioService: pa_context_connect() failed")
qWarning("a warning of our own")
avutil = pyside_avutil()
avutil.av_log(None, 16, b"Invalid NAL unit size in %s\\n", b"{SIGNED_URL}")  # AV_LOG_ERROR
avutil.av_log(None, 32, b"Duration: 00:00:04.00 of %s\\n", b"{SIGNED_URL}")  # AV_LOG_INFO: dropped
close_logging()
"""


def user_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    return env | extra


def run(tmp_path: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=user_env(tmp_path, **extra_env),
        cwd=REPO,
    )


def test_multimedia_chatter_goes_to_the_log_file_without_url_signatures(tmp_path: Path) -> None:
    result = run(tmp_path, "-c", EMIT_MULTIMEDIA_CHATTER, QT_QPA_PLATFORM="offscreen")

    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith(" WARNING qt: a warning of our own"), "other warnings still show"
    log = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "qt.multimedia.symbolsresolver: warning: Couldn't load va-x11 library" in log
    assert "PulseAudioService: pa_context_connect() failed" in log
    assert "Invalid NAL unit size in https://media.example.invalid/preview.mp4?…" in log
    assert "Duration" not in log, "FFmpeg's info-level stream dump is not kept"
    assert "https://media.example.invalid/preview.mp4?…" in log
    assert "Signature" not in log, "the signed URL's query never reaches the log"
    assert "Stream #0:0" not in log, "info-level stream dumps are not even formatted"


def test_a_multimedia_warning_in_a_test_is_logged_not_failed(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The tests route Qt's messages as the app does (tests/conftest.py)."""
    caplog.set_level(logging.INFO)
    # PySide6's stubs say bytes, its run time wants str.
    category = QLoggingCategory("qt.multimedia.symbolsresolver")  # type: ignore[arg-type]
    qCWarning(category, "Couldn't load va-drm library")  # type: ignore[arg-type]
    assert "Couldn't load va-drm library" in caplog.text


@pytest.mark.parametrize(
    "environment",
    [{}, {"DISPLAY": ":987"}],
    ids=["no DISPLAY", "a DISPLAY that cannot be opened"],
)
@pytest.mark.parametrize("mode", [["--demo"], ["--pick", "--demo"]], ids=["browse", "pick"])
def test_without_a_display_gui_modes_exit_2_with_a_plain_message(
    tmp_path: Path, environment: dict[str, str], mode: list[str]
) -> None:
    result = run(tmp_path, "-m", "dhbrowser", *mode, **environment)

    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert result.stderr == f"dhbrowser: {NO_DISPLAY}\n"
    assert NO_DISPLAY == "no display: run dhbrowser inside a desktop session, or set DISPLAY"


def test_check_needs_no_display_and_keeps_stderr_clean(tmp_path: Path) -> None:
    result = run(tmp_path, "-m", "dhbrowser", "--check", "--demo")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout.splitlines()[-1])["ok"] is True


def test_a_chosen_platform_or_a_wayland_session_is_left_to_qt() -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_problem({}) == NO_DISPLAY
