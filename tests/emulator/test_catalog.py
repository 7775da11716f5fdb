"""The emulator's catalog: loading catalog.json, scaling it, changing it, and finding it."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

import dhbrowser
from dhbrowser.api.models import FetchMode
from dhbrowser.emulator import Catalog, CatalogError, Emulator
from dhbrowser.emulator.resources import CatalogNotFoundError, catalog_dir
from tests.emulator_fixtures import client_for, fixture_catalog, write_fixture_catalog


def test_from_dir_reads_what_the_fixture_wrote(tmp_path: Path) -> None:
    loaded = Catalog.from_dir(write_fixture_catalog(tmp_path))
    expected = fixture_catalog()
    assert loaded.records() == expected.records()
    for human in expected.records():
        for path in human.media_paths():
            assert loaded.media(path) == expected.media(path)


def _write(tmp_path: Path, humans: list[dict[str, Any]], version: int = 1) -> Path:
    write_fixture_catalog(tmp_path)
    (tmp_path / "catalog.json").write_text(json.dumps({"version": version, "humans": humans}))
    return tmp_path


_GOOD: dict[str, Any] = {
    "id": "h1",
    "name": "Aiko Tanaka",
    "public": True,
    "portrait": "portraits/aiko-tanaka.jpg",
    "actions": [{"action": "wave_action", "preview": ""}],
}


@pytest.mark.parametrize(
    ("humans", "version", "complaint"),
    [
        ([_GOOD], 2, "version 1"),
        ([{**_GOOD, "public": "yes"}], 1, r"humans\[0\]\.public"),
        ([{**_GOOD, "name": ""}], 1, r"humans\[0\]\.name"),
        ([{**_GOOD, "portrait": "../secret.jpg"}], 1, "relative path inside"),
        ([{**_GOOD, "portrait": "/etc/passwd.jpg"}], 1, "relative path inside"),
        ([{**_GOOD, "portrait": "portraits/aiko.gif"}], 1, "must end in"),
        ([{**_GOOD, "portrait": "portraits/missing.jpg"}], 1, "cannot read portraits/missing"),
        ([{**_GOOD, "actions": [{"preview": ""}]}], 1, r"actions\[0\]"),
        ([_GOOD, _GOOD], 1, "duplicate DigitalHumanId 'h1'"),
    ],
)
def test_a_broken_catalog_names_the_problem(
    tmp_path: Path, humans: list[dict[str, Any]], version: int, complaint: str
) -> None:
    with pytest.raises(CatalogError, match=complaint):
        Catalog.from_dir(_write(tmp_path, humans, version))


def test_a_media_path_that_is_not_a_file_fails_at_load(tmp_path: Path) -> None:
    (tmp_path / "portraits" / "folder.jpg").mkdir(parents=True)
    humans = [{**_GOOD, "portrait": "portraits/folder.jpg"}]
    with pytest.raises(CatalogError, match=r"cannot read portraits/folder\.jpg: not a regular"):
        Catalog.from_dir(_write(tmp_path, humans))


def test_media_are_read_on_first_request_then_kept(tmp_path: Path) -> None:
    catalog = Catalog.from_dir(write_fixture_catalog(tmp_path))
    portrait = catalog.records()[0].portrait
    (tmp_path / portrait).write_bytes(b"written after load")
    assert catalog.media(portrait) == b"written after load"
    (tmp_path / portrait).write_bytes(b"written after the first request")
    assert catalog.copy().media(portrait) == b"written after load"


@pytest.mark.expect_log("WARNING", r"cannot read catalog media")
def test_a_media_file_removed_after_load_is_a_404(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalog = Catalog.from_dir(write_fixture_catalog(tmp_path))
    aiko, bruno = catalog.records()[:2]
    (tmp_path / aiko.portrait).unlink()
    with caplog.at_level(logging.WARNING, logger="dhbrowser.emulator"):
        assert catalog.media(aiko.portrait) is None
        with Emulator(catalog, qps=1_000_000) as emu, client_for(emu, unlimited=True) as client:
            gone, there = (client.get_info(human.id).avatar_url for human in (aiko, bruno))
            assert httpx.get(gone).status_code == 404
            assert httpx.get(there).content == (tmp_path / bruno.portrait).read_bytes()
            assert emu.stats.get("media_404") == 1
    assert f"cannot read catalog media {aiko.portrait}" in caplog.text


def test_synthetic_catalogs_are_deterministic_and_share_media() -> None:
    base = fixture_catalog()
    first, second = Catalog.synthetic(10_000, base=base), Catalog.synthetic(10_000, base=base)
    assert first.records() == second.records()
    humans = first.records()
    assert len({human.id for human in humans}) == 10_000
    assert humans[42].name == "Aiko Tanaka #0042"  # 42 = 6 * 7: the first fixture human
    assert humans[9999].name.endswith("#9999")
    assert [human.public for human in humans[:7]] == [h.public for h in base.records()]
    portrait = humans[0].portrait
    assert first.media(portrait) is base.media(portrait)


def test_insert_and_remove_are_checked() -> None:
    catalog = fixture_catalog()
    aiko = catalog.records()[0]
    with pytest.raises(CatalogError, match="duplicate"):
        catalog.insert(0, aiko)
    with pytest.raises(CatalogError, match="unknown media"):
        catalog.insert(0, replace(aiko, id="new", portrait="portraits/nobody.png"))
    with pytest.raises(KeyError):
        catalog.remove("nobody")
    catalog.insert(2, replace(aiko, id="new"))
    assert [human.id for human in catalog.records()][2] == "new"
    assert catalog.remove("new").name == "Aiko Tanaka"
    assert len(catalog) == 7


def test_page_filters_by_fetch_mode() -> None:
    catalog = fixture_catalog()
    assert catalog.page(FetchMode.PUBLIC, 1, 2)[0] == 4
    assert [h.name for h in catalog.page(FetchMode.PRIVATE, 1, 5)[1]] == [
        "Elena Petrova",
        "Grace Kim",
    ]
    assert catalog.page(FetchMode.ALL, 7, 20) == (7, [])


def test_the_demo_catalog_loads_and_pages() -> None:
    demo = Catalog.demo()
    records = demo.records()
    assert len(records) >= 20
    assert {human.public for human in records} == {True, False}
    for human in records:
        for path in human.media_paths():
            data = demo.media(path)
            assert data is not None
            if path.endswith(".jpg"):
                assert data.startswith(b"\xff\xd8\xff")
            else:
                assert data[4:8] == b"ftyp"
    with Emulator(demo, qps=1_000_000) as emu, client_for(emu, unlimited=True) as client:
        ids = [human.id for human in client.iter_humans(FetchMode.ALL, 7)]
        public = client.list_page(0, 1, FetchMode.PUBLIC).total
        private = client.list_page(0, 1, FetchMode.PRIVATE).total
    assert ids == [human.id for human in records]
    assert public + private == len(ids)


def _package_at(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make dhbrowser look installed under `root` (a wheel's site-packages, a bundle)."""
    package = root / "dhbrowser"
    package.mkdir(parents=True)
    monkeypatch.setattr(dhbrowser, "__file__", str(package / "__init__.py"))
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    return package


def _catalog_in(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "catalog.json").write_text('{"version": 1, "humans": []}')
    return folder


def test_catalog_dir_finds_the_wheel_layout_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package_at(tmp_path, monkeypatch)
    _catalog_in(tmp_path / "resources" / "catalog")
    assert catalog_dir() == tmp_path / "resources" / "catalog"  # a source checkout
    wheel = _catalog_in(package / "resources" / "catalog")
    assert catalog_dir() == wheel


def test_catalog_dir_looks_in_a_pyinstaller_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package_at(tmp_path / "app", monkeypatch)
    bundle = tmp_path / "bundle"
    found = _catalog_in(bundle / "dhbrowser" / "resources" / "catalog")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert catalog_dir() == found


def test_catalog_dir_explains_a_missing_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package_at(tmp_path, monkeypatch)
    with pytest.raises(CatalogNotFoundError, match=r"generate_catalog\.py") as caught:
        catalog_dir()
    assert str(tmp_path / "resources" / "catalog") in str(caught.value)
