"""The Debian packages dhbrowser needs, computed from what its PySide6 actually links to.

    python packaging/system_deps.py run            # install what `make run` needs (as root)
    python packaging/system_deps.py run test --list  # only print the chosen package names

One source of truth for system packages: `make deps` (running and testing) and the .deb's
`Depends:` (packaging/build.py) both come from here. The sonames come from the ELF files of
the PySide6 installed next to this interpreter (the Python modules dhbrowser imports, the
Qt plugins those load, and the Qt libraries they pull in from the wheel); whatever the
wheel does not carry itself is mapped to a Debian package by the one reviewed table below.
tests/test_system_deps.py fails when PySide6 needs a soname the table does not know, so
the table cannot drift behind a PySide6 upgrade.

Qt-free and stdlib-only on purpose: it runs before the system libraries Qt needs exist
(importing PySide6 would fail), and its tiny ELF reader needs no binutils.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The PySide6 modules dhbrowser imports (tests/test_system_deps.py checks the source agrees).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtMultimedia")

#: Plugin folders Qt loads from for those modules: windows (X11, Wayland, offscreen), their
#: GL integration, input methods, icons and images, video and TLS. Left out: plugin kinds
#: for modules dhbrowser does not use (3D, WebEngine, sensors, SQL, ...).
PLUGIN_DIRS = (
    "platforms",
    "xcbglintegrations",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
    "platforminputcontexts",
    "platformthemes",
    "iconengines",
    "imageformats",
    "multimedia",
    "tls",
)

#: Plugins Qt only tries when asked, that fall back quietly when their libraries are missing:
#: the GTK 3 theme (a GTK desktop already has GTK; elsewhere Qt uses its own theme) and the
#: framebuffer/VNC/Vulkan-display platforms nobody runs a desktop app on.
SKIPPED_PLUGINS = frozenset(
    {"libqgtk3.so", "libqlinuxfb.so", "libqvnc.so", "libqvkkhrdisplay.so", "libqeglfs.so"}
)

#: Opened with dlopen() by Qt's TLS backend and QtMultimedia's FFmpeg, so no ELF file names
#: them. Without OpenSSL, FFmpeg cannot play the API's https preview URLs: required.
DLOPENED_REQUIRED = ("libssl.so.3", "libcrypto.so.3")
#: VA-API only speeds decoding up (Qt says "Couldn't load va-x11 library" without it: the
#: logging rules send that to the log file) and Qt falls back to PulseAudio without PipeWire.
DLOPENED_RECOMMENDED = ("libva.so.2", "libva-drm.so.2", "libva-x11.so.2", "libpipewire-0.3.so.0")
#: What makes a recommended library usable: libpipewire without its client.conf (in
#: pipewire-bin) makes Qt 6.12 crash listing audio devices (pw_context_new fails, Qt goes on).
RECOMMENDED_EXTRAS = ("pipewire-bin",)

#: The reviewed table: soname -> Debian package, "a | b" where Debian 13 (and Ubuntu 24.04)
#: renamed the package for 64-bit time_t (the new name first). Check with `dpkg -S` or
#: packages.debian.org before adding a line.
PACKAGES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libresolv.so.2": "libc6",
    "libbz2.so.1": "libbz2-1.0",
    "libbz2.so.1.0": "libbz2-1.0",
    "libzstd.so.1": "libzstd1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "liblzma.so.5": "liblzma5",
    "libffi.so.8": "libffi8",
    "libexpat.so.1": "libexpat1",
    # What Debian's own Python's lib-dynload modules link to (they go into the bundle).
    "libncursesw.so.6": "libncursesw6",
    "libtinfo.so.6": "libtinfo6",
    "libreadline.so.8": "libreadline8t64 | libreadline8",
    "libuuid.so.1": "libuuid1",
    "libsqlite3.so.0": "libsqlite3-0",
    "libcrypt.so.1": "libcrypt1",
    "libssl.so.3": "libssl3t64 | libssl3",
    "libcrypto.so.3": "libssl3t64 | libssl3",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpulse.so.0": "libpulse0",
    "libpulse-mainloop-glib.so.0": "libpulse-mainloop-glib0",
    "libasound.so.2": "libasound2t64 | libasound2",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXext.so.6": "libxext6",
    "libXrandr.so.2": "libxrandr2",
    "libXfixes.so.3": "libxfixes3",
    "libXrender.so.1": "libxrender1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libwayland-server.so.0": "libwayland-server0",
    "libva.so.2": "libva2",
    "libva-drm.so.2": "libva-drm2",
    "libva-x11.so.2": "libva-x11-2",
    "libpipewire-0.3.so.0": "libpipewire-0.3-0t64 | libpipewire-0.3-0",
    "libcups.so.2": "libcups2t64 | libcups2",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "libmtdev.so.1": "libmtdev1",
    "libinput.so.10": "libinput10",
    "libudev.so.1": "libudev1",
    "libts.so.0": "libts0t64 | libts0",
}

#: What no ELF file names but a person would miss: fonts (Qt draws no text without one; the
#: WenQuanYi face draws the Chinese interface and the Chinese names in catalogs). The .deb
#: recommends them too: fontconfig brings only a Latin font.
RUN_EXTRAS = ("fonts-dejavu-core", "fonts-wqy-microhei")
#: The tests' tools: a virtual X server (xauth for xvfb-run), xdotool, a private D-Bus with
#: gnome-keyring for the keyring tests, binutils and dpkg for the packaging test.
TEST_EXTRAS = ("xvfb", "xauth", "xdotool", "dbus", "gnome-keyring", "binutils", "dpkg")
#: `make test-fresh` builds brand-new Debian roots.
FRESH_EXTRAS = ("mmdebstrap",)


class DepsError(Exception):
    """Something the user must fix; the message says what."""


@dataclass(frozen=True)
class Requirement:
    """One package to have, given as alternatives ("a | b"); optional ones may be missing."""

    alternatives: tuple[str, ...]
    optional: bool = False

    @classmethod
    def parse(cls, text: str, *, optional: bool = False) -> Requirement:
        return cls(tuple(part.strip() for part in text.split("|")), optional)

    def __str__(self) -> str:
        return " | ".join(self.alternatives)


# --- reading ELF files ---------------------------------------------------------------------

SHT_DYNAMIC = 6
DT_NEEDED = 1


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def needed_sonames(path: Path) -> list[str]:
    """The DT_NEEDED entries of one ELF file (what it names itself, not what those pull in)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        raise DepsError(f"{path} is not an ELF file")
    is_64 = data[4] == 2
    order = "<" if data[5] == 1 else ">"
    if is_64:
        section_offset, section_size, section_count = (
            struct.unpack_from(order + "Q", data, 0x28)[0],
            *struct.unpack_from(order + "HH", data, 0x3A),
        )
        section_format, entry_format = order + "IIQQQQIIQQ", order + "qQ"
    else:
        section_offset, section_size, section_count = (
            struct.unpack_from(order + "I", data, 0x20)[0],
            *struct.unpack_from(order + "HH", data, 0x2E),
        )
        section_format, entry_format = order + "IIIIIIIIII", order + "iI"
    sections = [
        struct.unpack_from(section_format, data, section_offset + index * section_size)
        for index in range(section_count)
    ]
    entry_size = struct.calcsize(entry_format)
    names = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != SHT_DYNAMIC:
            continue
        strings_offset = sections[link][4]
        for start in range(offset, offset + size - entry_size + 1, entry_size):
            tag, value = struct.unpack_from(entry_format, data, start)
            if tag == 0:
                break
            if tag == DT_NEEDED:
                end = data.index(b"\0", strings_offset + value)
                names.append(data[strings_offset + value : end].decode())
    return names


# --- what PySide6 needs -------------------------------------------------------------------


def package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing it (PySide6 would fail)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise DepsError(
            f"{name} is not installed for {sys.executable}: create the virtual environment "
            "first (`make venv`)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def pyside_entry_points(pyside: Path) -> list[Path]:
    """The ELF files dhbrowser makes Qt load: its Python modules and their plugins."""
    modules = [pyside / f"{name}.abi3.so" for name in QT_MODULES]
    plugins_root = pyside / "Qt" / "plugins"
    plugins = [
        plugin
        for folder in PLUGIN_DIRS
        for plugin in sorted((plugins_root / folder).glob("*.so"))
        if plugin.name not in SKIPPED_PLUGINS
    ]
    return [path for path in [*modules, *plugins] if path.is_file()]


def external_sonames(entry_points: Iterable[Path], bundled_dirs: Iterable[Path]) -> set[str]:
    """Sonames the entry points need, following libraries the wheels carry, that they lack."""
    bundled: dict[str, Path] = {}
    for folder in bundled_dirs:
        for path in folder.rglob("*.so*"):
            if path.is_file():
                bundled.setdefault(path.name, path.resolve())
    seen: set[Path] = set()
    pending = [path.resolve() for path in entry_points]
    external: set[str] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for soname in needed_sonames(path):
            if soname in bundled:
                pending.append(bundled[soname])
            else:
                external.add(soname)
    return external


def pyside_sonames() -> set[str]:
    """What the installed PySide6, as dhbrowser uses it, needs from the system."""
    pyside = package_dir("PySide6")
    shiboken = package_dir("shiboken6")
    return external_sonames(pyside_entry_points(pyside), [pyside, shiboken])


def unknown_sonames(sonames: Iterable[str]) -> list[str]:
    return sorted(name for name in sonames if name not in PACKAGES)


def packages_for(sonames: Iterable[str]) -> list[Requirement]:
    """The table's packages for sonames; DepsError naming every soname it does not know."""
    names = set(sonames)
    unknown = unknown_sonames(names)
    if unknown:
        raise DepsError(
            "no Debian package is known for: " + ", ".join(unknown) + ". Add each to "
            "PACKAGES in packaging/system_deps.py after checking which package ships it."
        )
    return sorted({Requirement.parse(PACKAGES[name]) for name in names}, key=str)


def libpython_package() -> str | None:
    """Debian's libpython3.X, which PyInstaller needs to bundle Debian's own Python.

    Debian's python3 carries its interpreter in the binary and ships the shared library
    separately; other Pythons (pyenv, a venv of one) bring their own.
    """
    if sys.base_prefix != "/usr":
        return None
    return f"libpython{sys.version_info.major}.{sys.version_info.minor}"


def requirements(groups: Sequence[str]) -> list[Requirement]:
    """The packages of the groups ("run", "test", "fresh"), required ones first."""
    wanted: list[Requirement] = []
    if "run" in groups:
        wanted += packages_for(pyside_sonames() | set(DLOPENED_REQUIRED))
        wanted += [Requirement((name,)) for name in RUN_EXTRAS]
        wanted += [
            Requirement(item.alternatives, optional=True)
            for item in packages_for(DLOPENED_RECOMMENDED)
        ]
        wanted += [Requirement((name,), optional=True) for name in RECOMMENDED_EXTRAS]
    if "test" in groups:
        wanted += [Requirement((name,)) for name in TEST_EXTRAS]
        libpython = libpython_package()
        if libpython is not None:
            wanted.append(Requirement((libpython,)))
    if "fresh" in groups:
        wanted += [Requirement((name,)) for name in FRESH_EXTRAS]
    unique: dict[tuple[str, ...], Requirement] = {}
    for item in wanted:
        unique.setdefault(item.alternatives, item)
    return list(unique.values())


# --- asking dpkg and apt ------------------------------------------------------------------


def installed_packages(names: Iterable[str]) -> set[str]:
    if not shutil.which("dpkg-query"):
        return set()
    completed = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\n", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        line.split()[0].split(":")[0]
        for line in completed.stdout.splitlines()
        if line.endswith(" installed")
    }


def installable_packages(names: Iterable[str]) -> set[str]:
    """The names apt has a candidate version for (needs `apt-get update` on a new machine)."""
    completed = subprocess.run(
        ["apt-cache", "policy", *names], capture_output=True, text=True, check=False
    )
    found: set[str] = set()
    current: str | None = None
    for line in completed.stdout.splitlines():
        if not line.startswith(" "):
            current = line.rstrip(":").split(":")[0]
        elif (
            current
            and line.strip().startswith("Candidate:")
            and line.split(":", 1)[1].strip() != "(none)"
        ):
            found.add(current)
    return found


def choose(missing: Sequence[Requirement], installable: set[str]) -> tuple[list[str], list[str]]:
    """(packages to install, required requirements apt cannot provide)."""
    chosen: list[str] = []
    unavailable: list[str] = []
    for item in missing:
        name = next((name for name in item.alternatives if name in installable), None)
        if name is not None:
            chosen.append(name)
        elif not item.optional:
            unavailable.append(str(item))
    return chosen, unavailable


def missing_requirements(wanted: Sequence[Requirement]) -> list[Requirement]:
    installed = installed_packages({name for item in wanted for name in item.alternatives})
    return [item for item in wanted if not installed.intersection(item.alternatives)]


def install(groups: Sequence[str]) -> int:
    """Install what the groups need and is missing; 0 when everything is there."""
    missing = missing_requirements(requirements(groups))
    if not missing:
        return 0
    if not shutil.which("apt-get"):
        names = ", ".join(str(item) for item in missing)
        print(f"dhbrowser needs these system packages (Debian names): {names}", file=sys.stderr)
        print("Install their equivalents with your system's package manager.", file=sys.stderr)
        return 1
    if os.geteuid() != 0:
        chosen, _ = choose(missing, installable_packages(_names(missing)))
        names = " ".join(chosen or [item.alternatives[-1] for item in missing])
        print("dhbrowser needs system packages that are not installed. Run:", file=sys.stderr)
        print(
            f"    sudo apt-get update && sudo apt-get install -y --no-install-recommends {names}",
            file=sys.stderr,
        )
        return 1
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environment)
    chosen, unavailable = choose(missing, installable_packages(_names(missing)))
    if unavailable:
        print(
            "apt knows no package for: " + ", ".join(unavailable) + " (is this Debian 12, "
            "Debian 13 or Ubuntu 22.04 or newer, with its main archive enabled?)",
            file=sys.stderr,
        )
        return 1
    if chosen:
        print("Installing system packages: " + " ".join(chosen), flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *chosen],
            check=True,
            env=environment,
            stdout=subprocess.DEVNULL,
        )
    return 0


def _names(items: Iterable[Requirement]) -> list[str]:
    return sorted({name for item in items for name in item.alternatives})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="+", choices=("run", "test", "fresh"))
    parser.add_argument(
        "--list", action="store_true", help="print the requirements instead of installing"
    )
    args = parser.parse_args(argv)
    try:
        if args.list:
            for item in requirements(args.groups):
                print(f"{item}{' (optional)' if item.optional else ''}")
            return 0
        return install(args.groups)
    except DepsError as error:
        print(f"system_deps.py: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"system_deps.py: `{' '.join(error.cmd)}` failed", file=sys.stderr)
        return 1


def iter_elf_files(root: Path) -> Iterator[Path]:
    """Every ELF file under root (for packaging/build.py's bundle)."""
    return (path for path in sorted(root.rglob("*")) if is_elf(path))


if __name__ == "__main__":
    sys.exit(main())
