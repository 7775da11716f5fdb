"""The layers hold at run time: the Qt-free layers run where PySide6 cannot be imported, and
the headless Qt layer (what `--check` runs) runs where QtWidgets cannot.

import-linter checks the imports statically (`make lint`); these tests check them at run
time, the way napari's Qt-less CI job does: a meta-path finder refuses the hidden modules
(and notes every attempt, so an import that code catches and survives still fails the test),
then every module of the layers is imported and put to a short real use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dhbrowser"

#: The Qt-free layers (see the layers contract in pyproject.toml) and what they must not need.
QT_FREE = ("dhbrowser.core", "dhbrowser.store", "dhbrowser.emulator", "dhbrowser.api")
QT_FREE_ROOT = ("dhbrowser.i18n", "dhbrowser.resources")
QT = ("PySide6", "shiboken6")
#: The headless Qt layer, and what it must not need.
HEADLESS = ("dhbrowser.qt",)
WIDGETS = ("PySide6.QtWidgets", "PySide6.QtMultimediaWidgets", "PySide6.QtSvgWidgets")


def hiding(hidden: tuple[str, ...]) -> str:
    """A script's first lines: `hidden` (and their submodules) cannot be imported, and every
    attempt is noted in `refused`."""
    return textwrap.dedent(
        f"""
        import importlib.abc, sys

        HIDDEN = {hidden!r}
        refused = []

        class Hidden(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if any(name == hidden or name.startswith(hidden + ".") for hidden in HIDDEN):
                    refused.append(name)
                    raise ImportError(f"{{name}} is hidden in this test")
                return None

        sys.meta_path.insert(0, Hidden())
        """
    )


def importing_every_module(packages: tuple[str, ...], modules: tuple[str, ...] = ()) -> str:
    """Script lines that import every module of `packages` (and `modules`), listed in `imported`."""
    return textwrap.dedent(
        f"""
        import importlib, pkgutil

        imported = []
        for name in {modules!r}:
            imported.append(importlib.import_module(name).__name__)
        for package in {packages!r}:
            root = importlib.import_module(package)
            imported.append(package)
            for module in pkgutil.walk_packages(root.__path__, package + "."):
                imported.append(importlib.import_module(module.name).__name__)
        """
    )


def modules_on_disk(packages: tuple[str, ...]) -> set[str]:
    """Every module the packages' folders hold: a walk that skipped one would not cover it."""
    found = set()
    for package in packages:
        folder = PACKAGE.joinpath(*package.split(".")[1:])
        for path in folder.rglob("*.py"):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def run(script: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=environment
    )


QT_FREE_USE = textwrap.dedent(
    """
    import pathlib, tempfile
    from dhbrowser.api.models import FetchMode
    from dhbrowser.core.demo import DemoService
    from dhbrowser.store import CatalogStore
    from dhbrowser.store.sync import sync_catalog

    demo = DemoService()
    connection = demo.connection()
    with connection.client() as client:
        humans = list(client.iter_humans(FetchMode.ALL))
    with CatalogStore(pathlib.Path(tempfile.mkdtemp()) / "catalog.sqlite3") as store:
        assert sync_catalog(store, connection).human_count == len(humans)
    demo.stop()
    assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
    print(len(humans))
    """
)

HEADLESS_USE = textwrap.dedent(
    """
    import io
    from dhbrowser.core.demo import DemoService
    from dhbrowser.qt.check import run_check

    demo = DemoService()
    out = io.StringIO()
    code = run_check(demo.connection(), out)
    demo.stop()
    assert code == 0, out.getvalue()
    assert not [m for m in sys.modules if m.endswith("Widgets")]
    print(len(out.getvalue().splitlines()))
    """
)

#: The script's last lines: what it imported, and what it tried to import and was refused.
REPORT = "import json\nprint(json.dumps(imported), json.dumps(refused), sep='\\n')\n"


def test_core_store_emulator_and_api_run_without_qt() -> None:
    """Every module of the Qt-free layers imports, and the demo is served, listed and stored."""
    result = run(hiding(QT) + importing_every_module(QT_FREE, QT_FREE_ROOT) + QT_FREE_USE + REPORT)

    assert result.returncode == 0, result.stderr
    humans, imported, refused = result.stdout.splitlines()
    assert int(humans) >= 24, "the emulator served no humans"
    assert json.loads(refused) == [], "tried to import Qt"
    assert modules_on_disk(QT_FREE) <= set(json.loads(imported))


def test_the_headless_qt_layer_and_check_run_without_widgets() -> None:
    """Every module of qt/ imports, and `--check`'s diagnostic passes, with no QtWidgets."""
    result = run(hiding(WIDGETS) + importing_every_module(HEADLESS) + HEADLESS_USE + REPORT)

    assert result.returncode == 0, result.stderr
    lines, imported, refused = result.stdout.splitlines()
    assert int(lines) >= 4, "the check said nothing"
    assert json.loads(refused) == [], "tried to import widgets"
    assert modules_on_disk(HEADLESS) <= set(json.loads(imported))


@pytest.mark.parametrize(
    ("hidden", "module"), [(QT, "dhbrowser.gui.mainwindow"), (WIDGETS, "dhbrowser.gui.theme")]
)
def test_the_blockers_would_catch_a_forbidden_import(hidden: tuple[str, ...], module: str) -> None:
    """The checks above can fail: a module that does import what is hidden is refused."""
    result = run(hiding(hidden) + f"import {module}\n")

    assert result.returncode != 0
    assert "hidden in this test" in result.stderr


#: What the window's first paint must not wait for: the network stack, the keyring, the
#: demo's emulator and QtMultimedia are loaded later, by the work that needs them.
NOT_AT_START_UP = (
    "httpx",
    "keyring",
    "dhbrowser.emulator",
    "PySide6.QtMultimedia",
    "importlib.metadata",
    "dhbrowser.gui.connect_dialog",
)


def test_starting_the_window_imports_nothing_its_first_paint_does_not_need() -> None:
    script = (
        "import sys\n"
        "import dhbrowser.cli, dhbrowser.gui.app, dhbrowser.gui.mainwindow\n"
        f"print(','.join(m for m in {NOT_AT_START_UP!r} if m in sys.modules))\n"
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=environment
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout.strip()}"
