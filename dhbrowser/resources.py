"""Where the shipped resources (demo catalog, icons) are, however dhbrowser was installed.

An installed wheel and the PyInstaller bundle carry them inside the package as
`dhbrowser/resources/`; a source checkout has them at the repository's `resources/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding `catalog/` and `icons/`; FileNotFoundError if it is missing."""
    candidates = [_PACKAGE / "resources", _PACKAGE.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "dhbrowser" / "resources")
    for candidate in candidates:
        if (candidate / "catalog").is_dir():
            return candidate
    searched = ", ".join(str(path) for path in candidates)
    raise FileNotFoundError(
        f"dhbrowser's resources are missing (looked in {searched}); reinstall dhbrowser."
    )


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
