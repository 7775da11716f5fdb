"""Favourites starred before the store existed move into it once, per catalog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from dhbrowser.demo import DEMO_LABEL
from dhbrowser.gui.favourites import Favourites, migrate_favourites
from dhbrowser.profiles import Profile
from dhbrowser.store import CatalogStore, StoreKey

PROD = Profile("prod/eu", 1001, "https://api.example.invalid")
STAGING = Profile("staging", 1002, "https://staging.example.invalid")


def starred_the_old_way(settings: QSettings, profile: str, *ids: str) -> None:
    favourites = Favourites(settings)
    favourites.load(profile)
    for human_id in ids:
        favourites.toggle(human_id)


def test_each_profiles_favourites_reach_its_catalog_once(
    qapp: QApplication, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    starred_the_old_way(settings, PROD.name, "anna", "ben")
    starred_the_old_way(settings, DEMO_LABEL, "demo-human")
    starred_the_old_way(settings, "removed profile", "orphan")
    store = CatalogStore(tmp_path / "catalog.sqlite3")

    assert migrate_favourites(settings, store, [PROD, STAGING]) == 2
    assert store.favourites(StoreKey.of_profile(PROD)) == {"anna", "ben"}
    assert store.favourites(StoreKey.demo()) == {"demo-human"}
    assert store.favourites(StoreKey.of_profile(STAGING)) == set()

    store.set_favourite(StoreKey.of_profile(PROD), "anna", False)
    assert migrate_favourites(settings, store, [PROD, STAGING]) == 0
    assert store.favourites(StoreKey.of_profile(PROD)) == {"ben"}
    # QSettings is left as it was, for an older dhbrowser.
    assert settings.value("favourites/prod_eu") == ["anna", "ben"]
