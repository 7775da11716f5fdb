"""Where the demo catalog lives: in the source tree, an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import dhbrowser

CATALOG_FILE = "catalog.json"


class CatalogNotFoundError(FileNotFoundError):
    """No demo catalog was shipped with this copy of dhbrowser."""


def catalog_dir() -> Path:
    """The folder holding catalog.json, portraits/ and previews/.

    A wheel (and a PyInstaller bundle) carries it as `dhbrowser/resources/catalog`; a source
    checkout has it at the repository root as `resources/catalog`.
    """
    package = Path(dhbrowser.__file__).resolve().parent
    candidates = [
        package / "resources" / "catalog",
        package.parent / "resources" / "catalog",
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str):
        candidates += [
            Path(bundle) / "dhbrowser" / "resources" / "catalog",
            Path(bundle) / "resources" / "catalog",
        ]
    for candidate in candidates:
        if (candidate / CATALOG_FILE).is_file():
            return candidate
    tried = ", ".join(str(candidate) for candidate in candidates)
    raise CatalogNotFoundError(
        f"The demo catalog ({CATALOG_FILE}) is missing; looked in: {tried}. "
        "In a source checkout, generate it with `python tools/generate_catalog.py`."
    )
