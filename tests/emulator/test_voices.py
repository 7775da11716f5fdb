"""The emulator's voices: timbres.json, the demo catalog's voices, and synthetic catalogs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from dhbrowser.api.models import FetchMode
from dhbrowser.emulator import Catalog, CatalogError, Emulator
from tests.emulator_fixtures import client_for, fixture_catalog, write_fixture_catalog

#: The demo's media budget for one voice picture: a small PNG.
PICTURE_BUDGET_BYTES = 8_000


def test_from_dir_reads_the_voices_the_fixture_wrote(tmp_path: Path) -> None:
    loaded = Catalog.from_dir(write_fixture_catalog(tmp_path))
    assert loaded.timbres() == fixture_catalog().timbres()
    assert all(loaded.media(voice.picture) for voice in loaded.timbres())


def test_a_folder_without_timbres_json_has_no_voices(tmp_path: Path) -> None:
    write_fixture_catalog(tmp_path)
    (tmp_path / "timbres.json").unlink()
    assert Catalog.from_dir(tmp_path).timbres() == ()


_VOICE: dict[str, Any] = {"id": "v1", "name": "Voice", "picture": "voices/female-test-gentle.png"}


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ({"version": 2, "timbres": []}, "version 1 voice list"),
        ({"version": 1, "timbres": {}}, "'timbres' must be a list"),
        ({"version": 1, "timbres": [{**_VOICE, "name": ""}]}, r"timbres\[0\]\.name"),
        ({"version": 1, "timbres": [{**_VOICE, "picture": "../x.png"}]}, "relative path"),
        ({"version": 1, "timbres": [{**_VOICE, "picture": "voices/no.png"}]}, "cannot read"),
        ({"version": 1, "timbres": [{**_VOICE, "human": 7}]}, r"timbres\[0\]\.human"),
        ({"version": 1, "timbres": [{**_VOICE, "human": "nobody"}]}, "unknown human 'nobody'"),
        ({"version": 1, "timbres": [_VOICE, _VOICE]}, "duplicate TimbreId 'v1'"),
    ],
)
def test_a_broken_voice_list_names_the_problem(
    tmp_path: Path, document: dict[str, Any], complaint: str
) -> None:
    write_fixture_catalog(tmp_path)
    (tmp_path / "timbres.json").write_text(json.dumps(document))
    with pytest.raises(CatalogError, match=complaint):
        Catalog.from_dir(tmp_path)


def test_the_demo_has_a_dozen_public_voices_and_private_ones_bound_to_private_humans() -> None:
    demo = Catalog.demo()
    voices = demo.timbres()
    public = [voice for voice in voices if not voice.human]
    bound = [voice for voice in voices if voice.human]
    assert len(public) == 12
    assert bound
    owners = [demo.get(voice.human) for voice in bound]
    assert all(owner is not None and not owner.public for owner in owners)
    # Some private humans have no voice of their own: the window must say so.
    private = {human.id for human in demo.records() if not human.public}
    assert private - {voice.human for voice in bound}
    pictures = [demo.media(voice.picture) for voice in voices]
    assert len(set(pictures)) == len(voices)  # each its own picture
    for picture in pictures:
        assert picture is not None
        assert picture.startswith(b"\x89PNG")
        assert len(picture) <= PICTURE_BUDGET_BYTES


def test_the_demo_serves_its_voices_with_pictures(fast_emulator: Emulator) -> None:
    with client_for(fast_emulator, unlimited=True) as client:
        public = list(client.iter_timbres(page_size=5))
        private_humans = list(client.iter_humans(FetchMode.PRIVATE))
        bound = [list(client.iter_timbres(human.id)) for human in private_humans]
    assert len(public) == 12
    assert sum(len(voices) for voices in bound) == len(fast_emulator.catalog.timbres()) - 12
    with httpx.Client() as http:
        assert http.get(public[0].avatar_url).headers["content-type"] == "image/png"


def test_synthetic_catalogs_give_each_human_its_own_bound_voices() -> None:
    base = fixture_catalog()
    chiara = next(human for human in base.records() if human.name == "Chiara Russo")
    catalog = Catalog.synthetic(14, base=base)
    copies = [human for human in catalog.records() if human.name.startswith("Chiara Russo")]
    assert len(copies) == 2
    first, second = (catalog.timbre_page(human.id, 0, 20) for human in copies)
    assert first is not None
    assert second is not None
    assert first[0] == second[0] == 2
    assert {voice.id for voice in first[1]}.isdisjoint(voice.id for voice in second[1])
    assert [voice.name for voice in first[1]] == [
        voice.name for voice in base.timbres() if voice.human == chiara.id
    ]
    assert catalog.timbre_page("", 0, 20) == base.timbre_page("", 0, 20)
    assert Catalog.synthetic(14, base=base).timbres() == catalog.timbres()


def test_a_copy_drops_the_voices_of_removed_humans() -> None:
    catalog = fixture_catalog()
    elena = next(human for human in catalog.records() if human.name == "Elena Petrova")
    catalog.remove(elena.id)
    assert catalog.timbre_page(elena.id, 0, 20) is None
    assert all(voice.human != elena.id for voice in catalog.copy().timbres())
