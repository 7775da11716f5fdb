"""Favourites live in the catalog store; those QSettings kept before come in once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from dhbrowser.core.profiles import Profile
from dhbrowser.qt.favourites import Favourites
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.store import CatalogStore, StoreKey

PROD = Profile("prod/eu", 1001, "https://api.example.invalid")
PROD_KEY = StoreKey.of_profile(PROD)
STAGING_KEY = StoreKey("https://staging.example.invalid", 1002)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def link(qapp: object, pool: QThreadPool, tmp_path: Path) -> Iterator[StoreLink]:
    link = StoreLink(pool, tmp_path / "catalog.sqlite3")
    yield link
    pool.waitForDone(10_000)
    link.close()


def starred_the_old_way(settings: QSettings, profile: str, *ids: str) -> None:
    favourites = Favourites(settings)
    favourites.load(profile)
    for human_id in ids:
        favourites.toggle(human_id)


def stored(tmp_path: Path, key: StoreKey) -> frozenset[str]:
    with CatalogStore(tmp_path / "catalog.sqlite3") as store:
        return store.favourites(key)


def test_a_profiles_qsettings_favourites_come_into_its_catalog_once(
    qtbot: QtBot, settings: QSettings, link: StoreLink, pool: QThreadPool, tmp_path: Path
) -> None:
    starred_the_old_way(settings, PROD.name, "anna", "ben")
    favourites = Favourites(settings, store=link)

    with qtbot.waitSignal(favourites.changed, check_params_cb=bool) as loaded:
        favourites.load(PROD.name, PROD_KEY)
    assert loaded.args == [frozenset({"anna", "ben"})]

    assert not favourites.toggle("anna")
    pool.waitForDone(10_000)
    assert stored(tmp_path, PROD_KEY) == {"ben"}

    # Opened again: the store has them, QSettings' copy is not brought in a second time.
    again = Favourites(settings, store=link)
    with qtbot.waitSignal(again.changed, check_params_cb=bool) as reloaded:
        again.load(PROD.name, PROD_KEY)
    assert reloaded.args == [frozenset({"ben"})]
    assert settings.value("favourites/prod_eu") == ["anna", "ben"]  # left for older versions


def test_each_catalog_has_its_own_favourites(
    qtbot: QtBot, settings: QSettings, link: StoreLink, pool: QThreadPool, tmp_path: Path
) -> None:
    favourites = Favourites(settings, store=link)
    favourites.load("staging", STAGING_KEY)
    pool.waitForDone(10_000)
    favourites.toggle("cleo")
    pool.waitForDone(10_000)
    emitted: list[frozenset[str]] = []
    favourites.changed.connect(emitted.append)
    favourites.load(PROD.name, PROD_KEY)
    qtbot.waitUntil(lambda: len(emitted) == 2)  # at once, then the store's answer
    assert emitted == [frozenset(), frozenset()]
    assert stored(tmp_path, STAGING_KEY) == {"cleo"}
    assert stored(tmp_path, PROD_KEY) == set()
