"""The Qt-free core stays Qt-free: it runs in a process where PySide6 cannot be imported.

import-linter checks the imports statically (`make lint`); this test checks it at run time,
the way napari's Qt-less CI job does, by starting the emulator and paging through it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

QT_FREE_SCRIPT = textwrap.dedent(
    """
    import importlib.abc, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"PySide6", "shiboken6"}:
                raise ImportError(f"{name} is hidden in this test")
            return None

    sys.meta_path.insert(0, NoQt())

    import importlib, pkgutil
    import dhbrowser.api, dhbrowser.emulator, dhbrowser.core.export, dhbrowser.core.connection, dhbrowser.core.demo
    for module in pkgutil.iter_modules(dhbrowser.api.__path__, "dhbrowser.api."):
        importlib.import_module(module.name)
    from dhbrowser.api.models import FetchMode

    demo = dhbrowser.core.demo.DemoService()
    connection = demo.connection()
    with connection.client() as client:
        humans = list(client.iter_humans(FetchMode.ALL))
    import pathlib, tempfile
    from dhbrowser.store import CatalogStore
    from dhbrowser.store.sync import sync_catalog
    with CatalogStore(pathlib.Path(tempfile.mkdtemp()) / "catalog.sqlite3") as store:
        assert sync_catalog(store, connection).human_count == len(humans)
    demo.stop()
    assert humans, "the emulator served no humans"
    assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
    print(len(humans))
    """
)


def test_core_and_emulator_run_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", QT_FREE_SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 24


def test_the_qt_blocker_would_catch_a_qt_import() -> None:
    """The check above can fail: importing the GUI under the same blocker is refused."""
    script = QT_FREE_SCRIPT.split("import dhbrowser.api")[0] + "import dhbrowser.gui.mainwindow\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
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
