"""packaging/system_deps.py: the one list of system packages, computed from PySide6's ELF files."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def load_system_deps() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "dhbrowser_system_deps", REPO / "packaging" / "system_deps.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


deps = load_system_deps()


def test_every_library_pyside6_needs_is_bundled_or_in_the_table() -> None:
    """Fails when a PySide6 upgrade brings a soname nobody mapped to a Debian package."""
    sonames = deps.pyside_sonames()

    assert "libglib-2.0.so.0" in sonames, "QtCore's own need, seen through the wheel"
    assert "libxcb-cursor.so.0" in sonames, "the xcb platform plugin's need"
    assert not any(name.startswith("libQt6") for name in sonames), "the wheel carries Qt"
    assert deps.unknown_sonames(sonames) == []


def test_the_scanned_qt_modules_are_the_ones_dhbrowser_imports() -> None:
    imported: set[str] = set()
    for source in (REPO / "dhbrowser").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                imported.add((node.module or "").split(".")[1])
            elif isinstance(node, ast.Import):
                imported |= {
                    alias.name.split(".")[1]
                    for alias in node.names
                    if alias.name.startswith("PySide6.")
                }
    assert imported == set(deps.QT_MODULES)


@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils (make deps) not installed")
def test_the_elf_reader_agrees_with_readelf() -> None:
    pyside = deps.package_dir("PySide6")
    samples = [
        pyside / "QtCore.abi3.so",
        pyside / "Qt" / "plugins" / "platforms" / "libqxcb.so",
        Path(sys.executable).resolve(),
    ]
    for sample in samples:
        dynamic = subprocess.run(
            ["readelf", "--dynamic", "--wide", str(sample)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        expected = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
        assert deps.needed_sonames(sample) == expected, sample


def test_the_alternative_apt_knows_is_chosen() -> None:
    Requirement = deps.Requirement
    glib = Requirement.parse("libglib2.0-0t64 | libglib2.0-0")
    vaapi = Requirement(("libva2",), optional=True)
    fonts = Requirement(("fonts-dejavu-core",))

    debian_13 = deps.choose([glib, vaapi, fonts], {"libglib2.0-0t64", "fonts-dejavu-core"})
    debian_12 = deps.choose([glib, vaapi], {"libglib2.0-0", "libva2"})
    nowhere = deps.choose([glib, vaapi], set())

    assert debian_13 == (["libglib2.0-0t64", "fonts-dejavu-core"], [])
    assert debian_12 == (["libglib2.0-0", "libva2"], [])
    assert nowhere == ([], ["libglib2.0-0t64 | libglib2.0-0"]), "optional ones may be missing"


def test_run_needs_what_qt_loads_at_run_time_and_test_needs_pyinstallers_libpython() -> None:
    run = {str(item): item.optional for item in deps.requirements(["run"])}
    test = [str(item) for item in deps.requirements(["test"])]

    assert run["libssl3t64 | libssl3"] is False, "FFmpeg's https needs OpenSSL (dlopen)"
    assert run["libva-x11-2"] is True
    assert run["libxcb-cursor0"] is False
    assert run["pipewire-bin"] is True, "libpipewire without its client.conf crashes Qt 6.12"
    assert "xvfb" in test
    libpython = f"libpython{sys.version_info.major}.{sys.version_info.minor}"
    assert (libpython in test) == (sys.base_prefix == "/usr"), "Debian's Python: yes; pyenv's: no"


def test_build_py_takes_its_table_from_here() -> None:
    build = (REPO / "packaging" / "build.py").read_text(encoding="utf-8")
    assert "import system_deps" in build
    assert '"libc.so.6":' not in build, "no second soname table"
