"""The packaged installer, end to end: build the .deb, install it, run what was installed.

A PyInstaller build takes a while, so this module runs only when asked:
`DHBROWSER_RUN_PACKAGING=1` (what `make test-package` sets). `DHBROWSER_DEB=/path/x.deb`
tests a package built earlier in the same CI run instead of building one.

As root (and when no dhbrowser package is installed already) the package goes in with
`dpkg -i` and out with `dpkg -r`, exactly as a user would do it; otherwise it is unpacked into
a temporary root with `dpkg-deb -x`. The installed program runs from a folder outside the
repository, so it cannot fall back on the source tree.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO / "packaging" / "build.py"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
INSTALL_DIR = "opt/dhbrowser"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("DHBROWSER_RUN_PACKAGING"),
        reason="packaging test: run `make test-package` (sets DHBROWSER_RUN_PACKAGING=1)",
    ),
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
        reason="the .deb is built and installed with dpkg-deb on Linux",
    ),
]


@dataclass(frozen=True)
class Installation:
    """Where the package's files are: `/` after dpkg -i, a temporary folder after unpacking."""

    root: Path
    by_dpkg: bool

    def path(self, installed_path: str) -> Path:
        return self.root / installed_path.lstrip("/")

    @property
    def command(self) -> Path:
        """The program as a user starts it: the /usr/bin launcher when really installed."""
        if self.by_dpkg:
            return Path("/usr/bin/dhbrowser")
        return self.path(f"{INSTALL_DIR}/dhbrowser")


def run_installed(
    installation: Installation, *args: str, cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed program headless, in an environment with no trace of the venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LD_LIBRARY_PATH"}
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    return subprocess.run(
        [str(installation.command), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def build_script() -> ModuleType:
    """packaging/build.py as a module (it is a script, not part of the dhbrowser package)."""
    spec = importlib.util.spec_from_file_location("dhbrowser_packaging_build", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def dpkg_is_installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    ).stdout
    return "ok installed" in status or "unpacked" in status or "half" in status


def deb_fields(deb: Path) -> dict[str, str]:
    fields = {}
    for name in (
        "Package",
        "Version",
        "Architecture",
        "Maintainer",
        "Depends",
        "Recommends",
        "Description",
    ):
        fields[name] = subprocess.run(
            ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()
    return fields


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def last_json_line(output: str) -> Mapping[str, object]:
    for line in reversed(output.splitlines()):
        if line.startswith("{"):
            parsed = json.loads(line)
            assert isinstance(parsed, dict)
            return parsed
    raise AssertionError(f"no JSON summary in the output:\n{output}")


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The .deb under test: DHBROWSER_DEB, or a fresh `packaging/build.py` build (deleted after)."""
    prebuilt = os.environ.get("DHBROWSER_DEB")
    if prebuilt:
        path = Path(prebuilt).resolve()
        assert path.is_file(), f"DHBROWSER_DEB={prebuilt} does not exist"
        yield path
        return
    dist = tmp_path_factory.mktemp("dist")
    # gzip instead of the release's xz: the same files, built in a fifth of the time.
    completed = subprocess.run(
        [
            sys.executable,
            str(BUILD_SCRIPT),
            "--dist-dir",
            str(dist),
            "--compression",
            "gzip",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, f"build failed:\n{completed.stdout}\n{completed.stderr}"
    summary = last_json_line(completed.stdout)
    path = Path(str(summary["deb"]))
    assert path.is_file()
    yield path
    shutil.rmtree(dist, ignore_errors=True)  # ~250 MB of bundle and package


@pytest.fixture(scope="module")
def installation(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    """The package installed with dpkg (removed afterwards), or unpacked into a temporary root."""
    can_use_dpkg = (
        os.geteuid() == 0
        and shutil.which("dpkg") is not None
        and not dpkg_is_installed("dhbrowser")
    )
    if not can_use_dpkg:
        root = tmp_path_factory.mktemp("root")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        yield Installation(root, by_dpkg=False)
        return
    try:
        installed = subprocess.run(
            ["dpkg", "-i", str(deb)], capture_output=True, text=True, check=False
        )
        assert installed.returncode == 0, f"dpkg -i failed:\n{installed.stdout}{installed.stderr}"
        yield Installation(Path("/"), by_dpkg=True)
    finally:
        subprocess.run(["dpkg", "-r", "dhbrowser"], capture_output=True, check=False)
    assert not dpkg_is_installed("dhbrowser"), "dpkg -r left dhbrowser installed"
    leftovers = [
        path
        for path in (
            "/opt/dhbrowser",
            "/usr/bin/dhbrowser",
            "/usr/share/applications/dhbrowser.desktop",
        )
        if os.path.lexists(path)
    ]
    assert not leftovers, f"dpkg -r left files behind: {leftovers}"


def test_installed_program_passes_its_headless_check(
    installation: Installation, tmp_path: Path
) -> None:
    """`dhbrowser --check --demo` from the package: emulator, page, portrait and video frames."""
    completed = run_installed(installation, "--check", "--demo", cwd=tmp_path)
    report = f"stdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
    assert completed.returncode == 0, report
    summary = last_json_line(completed.stdout)
    assert summary["ok"] is True, report
    frames = summary["preview_frames"]
    assert isinstance(frames, int), report
    assert frames >= 1, report


def test_launcher_reports_the_package_version(
    installation: Installation, deb: Path, tmp_path: Path
) -> None:
    """The frozen program knows its version (Help → About shows the same) and so does dpkg."""
    completed = run_installed(installation, "--version", cwd=tmp_path)
    expected = version("dhbrowser")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"dhbrowser {expected}"
    assert deb_fields(deb)["Version"] == build_script().debian_version(expected)


def test_usr_bin_launcher_points_at_the_program(installation: Installation) -> None:
    launcher = installation.path("/usr/bin/dhbrowser")
    assert launcher.is_symlink()
    assert os.readlink(launcher) == f"/{INSTALL_DIR}/dhbrowser"
    program = installation.path(f"{INSTALL_DIR}/dhbrowser")
    assert program.is_file()
    assert os.access(program, os.X_OK)
    if installation.by_dpkg:
        assert shutil.which("dhbrowser", path="/usr/bin") == "/usr/bin/dhbrowser"


def test_desktop_menu_entry_and_icons_are_installed(installation: Installation) -> None:
    desktop_file = installation.path("/usr/share/applications/dhbrowser.desktop")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(desktop_file, encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Name"] == "dhbrowser"
    assert main["Exec"].split()[0] == "dhbrowser"
    assert main["Icon"] == "dhbrowser"
    assert main["Terminal"] == "false"
    validator = shutil.which("desktop-file-validate")
    if validator:
        validated = subprocess.run(
            [validator, str(desktop_file)], capture_output=True, text=True, check=False
        )
        assert validated.returncode == 0, validated.stdout + validated.stderr
    hicolor = installation.path("/usr/share/icons/hicolor")
    for size in ICON_SIZES:
        assert png_size(hicolor / f"{size}x{size}" / "apps" / "dhbrowser.png") == (size, size)
    svg = (hicolor / "scalable" / "apps" / "dhbrowser.svg").read_text(encoding="utf-8")
    assert "<svg" in svg


def test_package_declares_what_it_needs(deb: Path) -> None:
    fields = deb_fields(deb)
    assert fields["Package"] == "dhbrowser"
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert fields["Architecture"] == architecture
    assert "<" in fields["Maintainer"]
    assert "@" in fields["Maintainer"]
    depends = {alternative.split()[0] for alternative in fields["Depends"].split(", ")}
    # The libraries a minimal desktop install may lack and Qt cannot start or play video
    # without: the C library, OpenGL/EGL, the xcb cursor library, PulseAudio, OpenSSL.
    for package in ("libc6", "libgl1", "libegl1", "libxcb-cursor0", "libpulse0"):
        assert package in depends, fields["Depends"]
    assert any(package.startswith("libssl3") for package in depends), fields["Depends"]
    # Without a CJK font the Chinese interface is drawn as empty boxes.
    assert "fonts-wqy-microhei" in fields["Recommends"].split(", "), fields.get("Recommends")


def test_bundle_carries_its_video_backend_and_resources(installation: Installation) -> None:
    internal = installation.path(f"{INSTALL_DIR}/_internal")
    qt = internal / "PySide6" / "Qt"
    assert (qt / "plugins" / "multimedia" / "libffmpegmediaplugin.so").is_file()
    assert list((qt / "lib").glob("libavcodec.so.*")), "FFmpeg's codec library is missing"
    assert (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert (qt / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    resources = internal / "dhbrowser" / "resources"
    catalog = json.loads((resources / "catalog" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["humans"], "the demo catalog is empty"
    assert (resources / "icons" / "dhbrowser-256.png").is_file()
    assert not list(qt.glob("lib/libQt6WebEngine*")), "QtWebEngine should not be bundled"


def test_every_bundled_library_resolves(installation: Installation) -> None:
    """No file in the bundle needs a library that is neither bundled nor on the system."""
    program_dir = installation.path(INSTALL_DIR)
    binaries = [path for path in program_dir.rglob("*") if is_elf(path)]
    library_path = os.pathsep.join(sorted({str(path.parent) for path in binaries}))
    missing = {}
    for binary in binaries:
        listing = subprocess.run(
            ["ldd", str(binary)],
            capture_output=True,
            text=True,
            env={**os.environ, "LD_LIBRARY_PATH": library_path},
            check=False,
        ).stdout
        unresolved = [line.split()[0] for line in listing.splitlines() if "not found" in line]
        if unresolved:
            missing[str(binary.relative_to(program_dir))] = unresolved
    assert not missing, missing
