"""The emulator's catalog changes between syncs: from a file, and by adding and removing humans."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import IO

import pytest

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import ApiError
from dhbrowser.api.models import FetchMode
from dhbrowser.emulator import (
    DEMO_APP_ID,
    DEMO_SERVER_SECRET,
    Catalog,
    CatalogError,
    Emulator,
    HumanRecord,
)
from tests.emulator_fixtures import client_for


def write_catalog_file(path: Path, humans: list[HumanRecord]) -> Path:
    document = {"version": 1, "humans": [human.to_json() for human in humans]}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _lines(stream: IO[str]) -> queue.Queue[str]:
    """The stream's lines, read on a thread so the test can wait for one with a timeout."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def listed_ids(client: DigitalHumanClient) -> list[str]:
    return [human.id for human in client.iter_humans(FetchMode.ALL)]


def test_a_catalog_file_is_served_over_the_demos_media(tmp_path: Path) -> None:
    demo = Catalog.demo().records()
    catalog = Catalog.from_file(write_catalog_file(tmp_path / "mine.json", [demo[3], demo[0]]))
    with Emulator(catalog) as emulator, client_for(emulator) as client:
        assert listed_ids(client) == [demo[3].id, demo[0].id]
        info = client.get_info(demo[3].id)
    assert info.avatar_url.startswith(emulator.base_url)


def test_a_catalog_file_naming_media_that_do_not_exist_is_refused_by_name(tmp_path: Path) -> None:
    entry = replace(Catalog.demo().records()[0], portrait="portraits/nobody.jpg").to_json()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"version": 1, "humans": [entry]}), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bad\.json.*unknown media"):
        Catalog.from_file(path)


def test_humans_added_and_removed_while_it_runs_change_the_next_listing() -> None:
    demo = Catalog.demo().records()
    newcomer = replace(demo[5], id="trained-overnight", name="Our Presenter", public=False)
    with Emulator(Catalog(demo[:5], Catalog.demo()._media)) as emulator:
        with client_for(emulator) as client:
            before = listed_ids(client)
        emulator.add_human(newcomer, index=0)
        removed = emulator.remove_human(demo[2].id)
        with client_for(emulator) as client:
            after = listed_ids(client)
            assert client.get_info("trained-overnight").name == "Our Presenter"
            with pytest.raises(ApiError) as gone:
                client.get_info(demo[2].id)
    assert removed == demo[2]
    assert after == ["trained-overnight", *[item for item in before if item != demo[2].id]]
    assert gone.value.code == 400000003


def test_a_larger_synthetic_catalog_keeps_the_ids_of_the_smaller_ones_prefix() -> None:
    small = [human.id for human in Catalog.synthetic(30).records()]
    large = [human.id for human in Catalog.synthetic(75).records()]
    assert large[:30] == small
    assert len(set(large)) == 75


def test_the_command_line_emulator_follows_its_catalog_file(tmp_path: Path) -> None:
    records = Catalog.demo().records()
    path = write_catalog_file(tmp_path / "catalog-now.json", records[:4])
    command = [sys.executable, "-m", "dhbrowser.emulator", "--catalog-file", str(path)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        lines = _lines(process.stdout)
        try:
            endpoint = ""
            while not endpoint:
                line = lines.get(timeout=30)
                if "Endpoint:" in line:
                    endpoint = line.split()[-1]
            with DigitalHumanClient(DEMO_APP_ID, DEMO_SERVER_SECRET, endpoint) as client:
                assert listed_ids(client) == [human.id for human in records[:4]]
                write_catalog_file(path, [records[1], records[7]])
                while "2 digital humans from" not in lines.get(timeout=30):
                    pass
                assert listed_ids(client) == [records[1].id, records[7].id]
        finally:
            process.terminate()
            process.wait(timeout=10)
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()
