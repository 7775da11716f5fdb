"""What the window remembers, read back from a real settings file: each choice survives a
restart, and a value it cannot use falls back to its default instead of breaking the start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from dhbrowser.api.models import FetchMode
from dhbrowser.gui.card_delegate import CARD_WIDTHS, DEFAULT_CARD_WIDTH
from dhbrowser.gui.view_settings import (
    DEFAULT_DETAILS_SHARE,
    ViewSettings,
    remember_selection,
    remembered_selection,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "dhbrowser.conf"


def settings_at(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_the_views_choices_survive_a_restart(path: Path) -> None:
    chosen = ViewSettings(
        card_width=CARD_WIDTHS[-1],
        fetch_mode=FetchMode.PRIVATE,
        sorted_by_name=True,
        favourites_only=True,
        details_share=0.5,
    )
    written = settings_at(path)
    chosen.write(written)
    written.sync()
    assert ViewSettings.read(settings_at(path)) == chosen


def test_a_first_start_reads_the_defaults(path: Path) -> None:
    assert ViewSettings.read(settings_at(path)) == ViewSettings()
    assert ViewSettings().card_width == DEFAULT_CARD_WIDTH


def test_values_it_cannot_use_fall_back_to_their_defaults(path: Path) -> None:
    path.write_text(
        "[view]\ncard_width=huge\nfetch_mode=99\nsort=sideways\nfavourites_only=perhaps\n"
        "[window]\ndetails_share=1.5\n",
        encoding="utf-8",
    )
    read = ViewSettings.read(settings_at(path))
    assert read == ViewSettings()
    path.write_text("[window]\ndetails_share=half\n", encoding="utf-8")
    assert ViewSettings.read(settings_at(path)).details_share == DEFAULT_DETAILS_SHARE


def test_each_catalog_remembers_its_own_selection(path: Path) -> None:
    written = settings_at(path)
    remember_selection(written, "prod/eu", "human-1")
    remember_selection(written, "staging", "human-2")
    remember_selection(written, "", "human-3")
    written.sync()
    read = settings_at(path)
    assert remembered_selection(read, "prod/eu") == "human-1"
    assert remembered_selection(read, "staging") == "human-2"
    assert remembered_selection(read, "") == "human-3"
    assert remembered_selection(read, "never browsed") is None
