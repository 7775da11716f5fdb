"""`dhbrowser voices` as a user runs it (a real process against the demo emulator), the
voice in the JSON a developer copies, and the DriveByText body of a chosen pair."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dhbrowser.api.models import ActionClip, DigitalHuman, Timbre
from dhbrowser.core.export import (
    MAX_DRIVE_TEXT,
    TASK_ID_PLACEHOLDER,
    catalog_csv,
    catalog_json,
    drive_by_text_body,
    human_json,
    request_pair,
)
from dhbrowser.emulator import Catalog


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A user with no profile: fresh settings, cache and log folders."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        environment[name] = str(tmp_path / name.lower())
    return environment


def voices(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dhbrowser", "voices", "--demo", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_voices_json_lists_the_public_voices_with_their_pictures(env: dict[str, str]) -> None:
    result = voices(env, "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    public = [voice for voice in Catalog.demo().timbres() if not voice.human]
    assert [item["TimbreId"] for item in listed] == [voice.id for voice in public]
    assert [item["Name"] for item in listed] == [voice.name for voice in public]
    assert all(set(item) == {"TimbreId", "Name", "AvatarUrl"} for item in listed)
    assert all(item["AvatarUrl"].startswith("http://127.0.0.1:") for item in listed)


def test_voices_of_a_private_human_are_its_bound_ones(env: dict[str, str]) -> None:
    demo = Catalog.demo()
    owner = next(voice.human for voice in demo.timbres() if voice.human)
    result = voices(env, "--human", owner)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TIMBRE", "ID", "NAME", "KIND"]
    bound = [voice.id for voice in demo.timbres() if voice.human == owner]
    assert [line.split()[0] for line in lines[1:]] == bound
    assert all(line.endswith("bound") for line in lines[1:])


def test_voices_of_a_public_human_are_the_public_ones(env: dict[str, str]) -> None:
    demo = Catalog.demo()
    public_human = next(human for human in demo.records() if human.public)
    result = voices(env, "--human", public_human.id, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 12


def test_an_unknown_human_is_explained_on_stderr_with_a_non_zero_exit(env: dict[str, str]) -> None:
    result = voices(env, "--human", "0f0f0f0f-no-such-human")
    assert result.returncode != 0
    assert result.stdout == ""
    assert "do not know the id “0f0f0f0f-no-such-human”" in result.stderr
    assert "another app or another endpoint" in result.stderr


def test_an_unknown_profile_is_explained(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dhbrowser", "voices", "--profile", "nope"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert "nope" in result.stderr


HUMAN = DigitalHuman("h-1", "Aiko", "https://x.example.invalid/a.jpg", True, (ActionClip("wave"),))
VOICE = Timbre("zh_female_x_bigtts", "清语", "https://x.example.invalid/v.png")


def test_the_human_json_carries_the_chosen_voice_without_its_expiring_picture() -> None:
    document = human_json(HUMAN, HUMAN.actions[0], VOICE)
    assert document["Timbre"] == {"TimbreId": "zh_female_x_bigtts", "Name": "清语"}
    assert document["SelectedAction"] == "wave"
    assert "Timbre" not in human_json(HUMAN)


def test_the_drive_by_text_body_is_ready_but_for_the_named_task_id() -> None:
    body = json.loads(drive_by_text_body(VOICE))
    assert body["TaskId"] == TASK_ID_PLACEHOLDER == "<TaskId from CreateDigitalHumanStreamTask>"
    assert body["TTSConfig"] == {
        "TimbreId": "zh_female_x_bigtts",
        "SpeechRate": 0,
        "PitchRate": 0,
        "Volume": 0,
    }
    assert 0 < len(body["Text"]) <= MAX_DRIVE_TEXT
    with pytest.raises(ValueError, match="1800"):
        drive_by_text_body(VOICE, "x" * (MAX_DRIVE_TEXT + 1))


def test_the_pair_is_the_stream_task_then_the_drive_with_the_voice() -> None:
    text = request_pair(HUMAN, VOICE)
    first, second = text.split("\n\n", 1)
    assert first.startswith("POST ?Action=CreateDigitalHumanStreamTask\n")
    stream = json.loads(first.partition("\n")[2])
    assert stream["DigitalHumanConfig"]["DigitalHumanId"] == "h-1"
    assert second.startswith("POST ?Action=DriveByText\n")
    assert json.loads(second.partition("\n")[2])["TTSConfig"]["TimbreId"] == VOICE.id


def test_the_export_carries_each_humans_bound_voices() -> None:
    private = DigitalHuman("h-2", "Li", "", False)
    bound = {"h-2": [VOICE, Timbre("clone_2", "Li (live)", "")]}
    documents = json.loads(catalog_json([HUMAN, private], bound))
    assert documents[0]["Timbres"] == []
    assert [item["TimbreId"] for item in documents[1]["Timbres"]] == [VOICE.id, "clone_2"]
    rows = catalog_csv([HUMAN, private], bound).splitlines()
    assert rows[0] == "id,name,public,actions,timbres"
    assert rows[2] == f"h-2,Li,false,,{VOICE.id};clone_2"
