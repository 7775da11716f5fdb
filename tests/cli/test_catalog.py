"""`dhbrowser catalog …` as a script runs it: real processes, the demo, a store on disk."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dhbrowser.api.models import DigitalHuman
from dhbrowser.emulator import Catalog
from dhbrowser.store import CatalogStore, StoreKey
from dhbrowser.store.database import FILE_NAME

DEMO = Catalog.demo().records()
GONE = DigitalHuman("retired-avatar", "Retired Avatar", "", False)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A user with fresh settings, data, cache and log folders."""
    environment = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        environment[name] = str(tmp_path / name.lower())
    return environment


def store_of(env: dict[str, str]) -> CatalogStore:
    return CatalogStore(Path(env["XDG_DATA_HOME"]) / "dhbrowser" / FILE_NAME)


def catalog(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dhbrowser", "catalog", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def seed_an_earlier_sync(env: dict[str, str]) -> None:
    """Yesterday's demo catalog: without its first two humans, with one since retired."""
    earlier = [DigitalHuman(record.id, record.name, "", record.public) for record in DEMO[2:]] + [
        GONE
    ]
    with store_of(env) as store:
        store.record_sync(StoreKey.demo(), earlier, started_at=1.0, finished_at=1_000_000.0)
        store.set_favourite(StoreKey.demo(), GONE.id, True)


def test_sync_prints_what_changed_as_json_and_changes_repeats_it_offline(
    env: dict[str, str],
) -> None:
    seed_an_earlier_sync(env)

    synced = catalog(env, "sync", "--demo", "--format", "json", "--exit-code")
    assert synced.returncode == 1, synced.stderr
    expected = {
        "added": [
            {"DigitalHumanId": record.id, "Name": record.name, "IsPublic": record.public}
            for record in DEMO[:2]
        ],
        "removed": [
            {"DigitalHumanId": GONE.id, "Name": GONE.name, "IsPublic": False, "Favourite": True}
        ],
    }
    assert json.loads(synced.stdout) == expected
    assert "2 new, 1 gone since" in synced.stderr
    assert "1 of your favourites gone" in synced.stderr

    offline = catalog(env, "changes", "--demo", "--format", "json")
    assert (offline.returncode, json.loads(offline.stdout)) == (0, expected)


def test_list_prints_the_stored_catalog_as_csv_and_export_keeps_the_gone(
    env: dict[str, str],
) -> None:
    seed_an_earlier_sync(env)
    assert catalog(env, "sync", "--demo").returncode == 0
    with store_of(env) as store:
        store.set_label(StoreKey.demo(), "802_921474", "nod")

    found = catalog(env, "list", "--demo", "--search", "NOD", "--format", "json")
    assert found.returncode == 0, found.stderr
    assert {human["DigitalHumanId"] for human in json.loads(found.stdout)} == {
        record.id for record in DEMO if any(a.action == "802_921474" for a in record.actions)
    } | {record.id for record in DEMO if any("nod" in a.action for a in record.actions)}

    listed = catalog(env, "list", "--demo", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert listed.returncode == 0, listed.stderr
    assert [row["id"] for row in rows] == [record.id for record in DEMO]

    exported = catalog(env, "export", "--demo", "--format", "json")
    humans = json.loads(exported.stdout)
    assert humans[-1]["DigitalHumanId"] == GONE.id
    assert (humans[-1]["Present"], humans[-1]["Favourite"]) == (False, True)
    labelled = [human for human in humans if "802_921474" in human["Actions"]]
    assert labelled
    assert all(human["ActionLabels"] == {"802_921474": "nod"} for human in labelled)


def test_changes_since_a_date_compares_with_the_sync_of_that_day(env: dict[str, str]) -> None:
    seed_an_earlier_sync(env)  # finished on 1970-01-12, whatever the time zone
    assert catalog(env, "sync", "--demo").returncode == 0

    since = catalog(env, "changes", "--demo", "--since", "1970-01-14", "--format", "json")
    assert since.returncode == 0, since.stderr
    assert [human["DigitalHumanId"] for human in json.loads(since.stdout)["removed"]] == [GONE.id]

    before_any = catalog(env, "changes", "--demo", "--since", "1970-01-02")
    assert before_any.returncode == 3
    assert "No sync of the demo catalog finished on or before 1970-01-02" in before_any.stderr

    garbage = catalog(env, "changes", "--demo", "--since", "last tuesday")
    assert garbage.returncode == 2
    assert "is not a date" in garbage.stderr


def test_an_empty_store_says_to_sync_first(env: dict[str, str]) -> None:
    result = catalog(env, "list", "--demo")
    assert (result.returncode, result.stdout) == (3, "")
    assert "run `dhbrowser catalog sync --demo` first" in result.stderr


def test_a_sync_that_cannot_reach_its_app_stores_nothing_and_says_so(env: dict[str, str]) -> None:
    """A profile whose secret the keyring cannot give: exit 4, nothing stored, no traffic."""
    settings = Path(env["XDG_CONFIG_HOME"]) / "dhbrowser" / "dhbrowser.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        "[profiles]\n1\\name=prod\n1\\app_id=123\n1\\endpoint=https://api.example.invalid\nsize=1\n"
    )
    result = catalog(env, "sync", "--profile", "prod")
    assert result.returncode == 4, result.stderr
    assert "Nothing was stored" in result.stderr
    assert "Traceback" not in result.stderr
    assert catalog(env, "list", "--profile", "prod").returncode == 3
    unknown = catalog(env, "list", "--profile", "nobody")
    assert unknown.returncode == 2
    assert "no profile named 'nobody'" in unknown.stderr


def test_help_documents_the_exit_codes(env: dict[str, str]) -> None:
    result = catalog(env, "changes", "--help")
    assert result.returncode == 0
    assert "exit codes:" in result.stdout
    assert "nothing is stored for this catalog yet" in result.stdout


def test_a_teams_labels_go_in_from_json_and_come_out_the_same(
    env: dict[str, str], tmp_path: Path
) -> None:
    shared = {"802_921474": "nod", "idle_action": "idle (looped)"}
    labels_file = tmp_path / "labels.json"
    labels_file.write_text(json.dumps(shared), encoding="utf-8")

    imported = catalog(env, "labels", "--demo", "--import", str(labels_file), "--format", "json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == shared
    assert "Set 2 labels for the demo catalog" in imported.stderr
    listed = catalog(env, "labels", "--demo", "--format", "csv")
    assert list(csv.reader(io.StringIO(listed.stdout))) == [
        ["action", "label"],
        ["802_921474", "nod"],
        ["idle_action", "idle (looped)"],
    ]

    labels_file.write_text(json.dumps({"802_921474": "x" * 201}), encoding="utf-8")
    too_long = catalog(env, "labels", "--demo", "--import", str(labels_file))
    assert too_long.returncode == 2
    assert "longer than 200 characters; nothing was set" in too_long.stderr
    labels_file.write_text("[1, 2]", encoding="utf-8")
    not_labels = catalog(env, "labels", "--demo", "--import", str(labels_file))
    assert not_labels.returncode == 2
    assert "is not a labels file" in not_labels.stderr
    unchanged = catalog(env, "labels", "--demo", "--format", "json")
    assert json.loads(unchanged.stdout) == shared


def test_sync_stores_the_voices_and_which_private_human_each_is_bound_to(
    env: dict[str, str],
) -> None:
    assert catalog(env, "sync", "--demo").returncode == 0
    timbres = Catalog.demo().timbres()
    with store_of(env) as store:
        voices = {voice.id: voice for voice in store.voices(StoreKey.demo())}
        pairings = store.pairings(StoreKey.demo())
    assert set(voices) == {timbre.id for timbre in timbres}
    assert {voice.id for voice in voices.values() if voice.is_public} == {
        timbre.id for timbre in timbres if not timbre.human
    }
    expected: dict[str, set[str]] = {}
    for timbre in timbres:
        if timbre.human:
            expected.setdefault(timbre.human, set()).add(timbre.id)
    assert {human: set(ids) for human, ids in pairings.items()} == expected
    assert expected, "the demo binds some voices to its private humans"
