"""The main window and the picker on small, common and large screens, at 1×, 1.5× and 2×.

Each case runs `tests.layout_probe` in a subprocess: the screen's size and QT_SCALE_FACTOR
are fixed when Qt starts. The probe gives the offscreen platform a screen of that size (its
JSON config), so the window meets a real available area in logical pixels at that scale.
Screenshots land in build/test-artifacts/layout-*.png.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest

from dhbrowser.gui.catalog_view import CARD_SPACING
from dhbrowser.gui.player import STAGE_MIN_HEIGHT

ROOT = Path(__file__).resolve().parents[2]
PROBE_TIMEOUT_S = 120

#: name, screen (physical px), scale factor, window size ("" = the window's own choice).
CASES = [
    ("800x500", "1366x768", 1.0, "800x500"),
    ("1366x768", "1366x768", 1.0, ""),
    ("1920x1080", "1920x1080", 1.0, ""),
    ("1366x768-at-1.5x", "1366x768", 1.5, ""),
    ("1600x1000-at-2x", "1600x1000", 2.0, ""),
]


def probe(settings: Path, *args: str, language: str = "") -> dict[str, object]:
    """The probe's report; `language` ("zh_CN") is the system's language it starts under."""
    env = {key: value for key, value in os.environ.items() if key != "QT_SCALE_FACTOR"}
    if language:
        env |= {"LANGUAGE": language, "LANG": f"{language}.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.layout_probe", "--settings", str(settings), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def rect(values: object) -> tuple[int, int, int, int]:
    assert isinstance(values, list)
    assert len(values) == 4
    x, y, width, height = (int(value) for value in values)
    return x, y, width, height


def inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[0] + inner[2] <= outer[0] + outer[2]
        and inner[1] + inner[3] <= outer[1] + outer[3]
    )


def intersects(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def assert_fits(report: dict[str, object]) -> None:
    assert report["settled"], "the window never showed its first card with details"
    assert inside(rect(report["frame"]), rect(report["available"])), report
    columns = report["columns"]
    assert isinstance(columns, int)
    assert columns >= 2, report
    # The columns spread over the width: the spare width is shared, not a band on the right.
    left, right = report["left_spare"], report["right_spare"]
    assert isinstance(left, int)
    assert isinstance(right, int)
    assert abs(right - left) <= CARD_SPACING + 2, report
    unclipped = report["unclipped"]
    assert isinstance(unclipped, dict)
    assert all(unclipped.values()), unclipped
    assert report["video_frame_inside"], report
    # Buttons that do not fit under the details are in the » menu, which works.
    hidden = report["action_bar_hidden_buttons"]
    assert isinstance(hidden, int)
    assert report["overflow_usable"] == (hidden > 0), report
    video = rect(report["video_rect"])
    controls = report["control_rects"]
    assert isinstance(controls, list)
    for control in controls:
        assert not intersects(rect(control), video), (control, video)
        assert rect(control)[1] >= video[1] + video[3], "the controls are below the video"


@pytest.mark.parametrize("pick", [False, True], ids=["main", "picker"])
@pytest.mark.parametrize(("name", "screen", "scale", "window"), CASES, ids=[c[0] for c in CASES])
def test_the_window_fits_the_screen_with_two_columns_and_nothing_clipped(
    tmp_path: Path,
    artifacts_dir: Path,
    name: str,
    screen: str,
    scale: float,
    window: str,
    pick: bool,
) -> None:
    kind = "picker" if pick else "main"
    args = ["--screen", screen, "--scale", str(scale)]
    args += ["--window", window] if window else []
    args += ["--pick"] if pick else []
    report = probe(tmp_path, *args, "--png", str(artifacts_dir / f"layout-{kind}-{name}.png"))
    assert_fits(report)


#: The details' stage on the screens above and in a window smaller than any of them; the
#: last field says whether the window has room enough for more than the least stage.
STAGE_CASES = [
    ("800x500", "1366x768", 1.0, "800x500", False),
    ("570x400", "1366x768", 1.0, "570x400", False),
    ("1366x768", "1366x768", 1.0, "", True),
    ("1920x1080", "1920x1080", 1.0, "", True),
    ("1900x1000-on-1920x1080", "1920x1080", 1.0, "1900x1000", True),
    ("1600x1000-at-2x", "1600x1000", 2.0, "", False),
]


@pytest.mark.parametrize(
    ("name", "screen", "scale", "window", "roomy"), STAGE_CASES, ids=[c[0] for c in STAGE_CASES]
)
def test_the_stage_keeps_a_face_sized_height_and_no_control_lies_over_it(
    tmp_path: Path,
    artifacts_dir: Path,
    name: str,
    screen: str,
    scale: float,
    window: str,
    roomy: bool,
) -> None:
    """The player's controls stay around the stage, never over it; a panel too low for the
    least stage scrolls instead of squeezing it, and a roomy one gives it the room."""
    args = ["--screen", screen, "--scale", str(scale), *(["--window", window] if window else [])]
    report = probe(tmp_path, *args, "--png", str(artifacts_dir / f"layout-stage-{name}.png"))
    assert report["settled"], "the window never showed its first card with details"
    parts_report = report["player_parts"]
    assert isinstance(parts_report, dict)
    parts = {part: rect(values) for part, values in parts_report.items()}
    assert {"stage", "title", "play", "seek", "time"} <= parts.keys(), parts
    stage, frame = parts["stage"], rect(report["video_rect"])
    assert stage[3] >= STAGE_MIN_HEIGHT, parts
    assert frame[3] >= STAGE_MIN_HEIGHT - 2, frame  # the outline is drawn inside the stage
    for (first, first_rect), (second, second_rect) in combinations(parts.items(), 2):
        assert not intersects(first_rect, second_rect), (first, second, parts)
    for control in ("play", "seek", "time"):
        assert parts[control][1] >= stage[1] + stage[3], (control, parts)
    for control in ("title", "loop", "mute"):
        assert parts[control][1] + parts[control][3] <= stage[1], (control, parts)
    page, view = report["details_page_height"], report["details_view_height"]
    assert isinstance(page, int)
    assert isinstance(view, int)
    assert report["details_scrolls"] == (page > view), report
    if roomy:
        assert stage[3] >= view // 2, ("the hero stage leaves its room unused", stage, view)


def test_a_window_saved_at_1x_is_restored_inside_the_screen_at_2x(
    tmp_path: Path, artifacts_dir: Path
) -> None:
    saved = probe(tmp_path, "--screen", "1600x1000", "--scale", "1", "--save-and-quit")
    restored = probe(
        tmp_path,
        *("--screen", "1600x1000", "--scale", "2"),
        *("--png", str(artifacts_dir / "layout-main-restored-at-2x.png")),
    )
    assert rect(saved["frame"])[3] > rect(restored["available"])[3], "the test tests nothing"
    assert_fits(restored)
    saved_share = int(str(saved["details_width"])) / int(str(saved["grid_width"]))
    restored_share = int(str(restored["details_width"])) / int(str(restored["grid_width"]))
    assert restored_share == pytest.approx(saved_share, rel=0.25), (saved, restored)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("pick", [False, True], ids=["main", "picker"])
def test_the_chinese_window_fits_1366x768_with_nothing_clipped(
    tmp_path: Path, artifacts_dir: Path, pick: bool, dark: bool
) -> None:
    """Under a Chinese system locale the window speaks Chinese, and its layout holds."""
    kind = ("picker" if pick else "main") + ("-dark" if dark else "")
    args = ["--screen", "1366x768", *(["--pick"] if pick else []), *(["--dark"] if dark else [])]
    png = artifacts_dir / f"layout-zh_CN-{kind}-1366x768.png"
    report = probe(tmp_path, *args, "--png", str(png), language="zh_CN")
    assert report["language"] == "zh_CN"
    assert_fits(report)
    assert report["clipped_buttons"] == [], report


def test_the_english_window_has_no_clipped_button(tmp_path: Path) -> None:
    report = probe(tmp_path, "--screen", "1366x768")
    assert report["language"] == "en"
    assert report["clipped_buttons"] == [], report
