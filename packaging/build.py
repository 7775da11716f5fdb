"""Build dhbrowser's one-folder bundle with PyInstaller, then a Debian package around it.

    .venv/bin/python packaging/build.py            # what `make package` runs

Result: dist/dhbrowser/ (the bundle) and dist/dhbrowser_<version>_<arch>.deb, which installs
- /opt/dhbrowser/                 the bundle,
- /usr/bin/dhbrowser              a symlink to /opt/dhbrowser/dhbrowser,
- /usr/share/applications/dhbrowser.desktop and the hicolor icons (PNG sizes + scalable SVG).

`Depends:` is computed, not written by hand: `ldd` over every ELF file in the bundle lists
the system libraries it loads from outside the bundle, and `dpkg -S` names the Debian package
that owns each one (a reviewed table covers hosts where dpkg cannot tell). Libraries that Qt
and FFmpeg open at run time with dlopen(), which ldd cannot see, are declared by name below.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import metadata, version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PACKAGE = "dhbrowser"
INSTALL_DIR = Path("/opt") / PACKAGE
DEFAULT_MAINTAINER = "dhbrowser developers <maintainers@dhbrowser.invalid>"
SYNOPSIS = "desktop browser for ZEGOCLOUD AIGC digital humans"

# Opened with dlopen() by QtMultimedia, so invisible to ldd. Without OpenSSL, FFmpeg cannot
# play the API's https preview URLs: required. VA-API only speeds decoding up, and Qt falls
# back to PulseAudio without PipeWire: recommended.
DLOPENED_REQUIRED = ("libssl.so.3", "libcrypto.so.3")
DLOPENED_RECOMMENDED = ("libva.so.2", "libva-drm.so.2", "libva-x11.so.2", "libpipewire-0.3.so.0")

# Reviewed fallback for hosts where `dpkg -S` cannot name a library's package (a library
# outside dpkg's database, or a build in a chroot without it). Debian 12 / Ubuntu 22.04+
# names; "a | b" lists the Ubuntu 24.04 64-bit-time_t rename first.
KNOWN_PACKAGES = {
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
    "libbz2.so.1.0": "libbz2-1.0",
    "liblzma.so.5": "liblzma5",
    "libffi.so.8": "libffi8",
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
    "libdbus-1.so.3": "libdbus-1-3",
    "libpulse.so.0": "libpulse0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXext.so.6": "libxext6",
    "libXrandr.so.2": "libxrandr2",
    "libdrm.so.2": "libdrm2",
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
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libva.so.2": "libva2",
    "libva-drm.so.2": "libva-drm2",
    "libva-x11.so.2": "libva-x11-2",
    "libpipewire-0.3.so.0": "libpipewire-0.3-0t64 | libpipewire-0.3-0",
}

LDD_LINE = re.compile(r"^\s*(?P<name>\S+)\s+=>\s+(?P<path>\S+|not found)")
NEEDED_LINE = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")
GLIBC_VERSION = re.compile(r"\bGLIBC_(\d+)\.(\d+)\b")


class BuildError(Exception):
    """A step failed; the message says which and what to do."""


@dataclass(frozen=True)
class Dependencies:
    depends: list[str]
    recommends: list[str]


def run(
    command: Sequence[str | Path], *, capture: bool = False, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a build tool; BuildError (with the command line) if it is missing or fails."""
    printable = " ".join(str(part) for part in command)
    try:
        return subprocess.run(
            [str(part) for part in command],
            check=True,
            text=True,
            capture_output=capture,
            cwd=cwd,
        )
    except FileNotFoundError as error:
        raise BuildError(f"{command[0]} is not installed (needed for: {printable})") from error
    except subprocess.CalledProcessError as error:
        raise BuildError(f"`{printable}` failed with exit status {error.returncode}") from error


def debian_version(python_version: str) -> str:
    """PEP 440 to Debian: pre-releases and dev builds sort before the release (`~`)."""
    match = re.fullmatch(
        r"(?P<release>\d+(?:\.\d+)*)(?P<pre>(?:a|b|rc)\d+)?(?:\.post(?P<post>\d+))?"
        r"(?:\.dev(?P<dev>\d+))?(?:\+(?P<local>[A-Za-z0-9.]+))?",
        python_version,
    )
    if match is None:
        raise BuildError(f"cannot turn version {python_version!r} into a Debian version")
    result = match["release"]
    if match["pre"]:
        result += f"~{match['pre']}"
    if match["post"]:
        result += f".post{match['post']}"
    if match["dev"]:
        result += f"~dev{match['dev']}"
    if match["local"]:
        result += f"+{match['local']}"
    return result


def build_bundle(dist_dir: Path, work_dir: Path) -> Path:
    # The spec bundles the compiled catalogues: build them from their sources first.
    run([sys.executable, PACKAGING / "translations.py", "build"], cwd=REPO)
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            dist_dir,
            "--workpath",
            work_dir / "pyinstaller",
            PACKAGING / "dhbrowser.spec",
        ],
        cwd=REPO,
    )
    bundle = dist_dir / PACKAGE
    if not (bundle / PACKAGE).is_file():
        raise BuildError(f"PyInstaller finished but {bundle / PACKAGE} is missing")
    strip_debug_info(bundle)
    return bundle


def strip_debug_info(bundle: Path) -> int:
    """Remove debug sections (a pyenv or self-built Python brings ~30 MB); returns files changed.

    Only `--strip-debug`, only on files that have debug sections, and never PySide6's own
    files: a full strip breaks its patchelf-edited FFmpeg libraries (see the spec).
    """
    changed = 0
    for binary in elf_files(bundle):
        if "PySide6" in binary.relative_to(bundle).parts:
            continue
        sections = run(["readelf", "--section-headers", "--wide", binary], capture=True).stdout
        if " .debug_" in sections:
            run(["strip", "--strip-debug", binary])
            changed += 1
    return changed


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def elf_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if is_elf(path))


def ldd_libraries(binary: Path, library_path: str) -> dict[str, str]:
    """{soname: resolved path or "not found"} for one ELF file, as the dynamic loader sees it."""
    completed = subprocess.run(
        ["ldd", str(binary)],
        capture_output=True,
        text=True,
        env={**os.environ, "LD_LIBRARY_PATH": library_path},
        check=False,
    )
    libraries = {}
    for line in completed.stdout.splitlines():
        match = LDD_LINE.match(line)
        if match:
            libraries[match["name"]] = match["path"]
    return libraries


def direct_needs(binary: Path) -> set[str]:
    """The sonames binary itself names (DT_NEEDED), not what those pull in."""
    dynamic = run(["readelf", "--dynamic", "--wide", binary], capture=True).stdout
    return set(NEEDED_LINE.findall(dynamic))


def external_libraries(bundle: Path) -> dict[str, Path]:
    """{soname: system path} of the libraries the bundle's ELF files load from outside it.

    Only direct needs count: their packages depend on what those libraries need in turn.
    """
    binaries = elf_files(bundle)
    bundled_names = {path.name for path in bundle.rglob("*")}
    library_path = os.pathsep.join(sorted({str(path.parent) for path in binaries}))
    direct = set().union(*map(direct_needs, binaries))
    external: dict[str, Path] = {}
    unresolved: set[str] = set()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for libraries in pool.map(lambda path: ldd_libraries(path, library_path), binaries):
            for name, resolved in libraries.items():
                if resolved == "not found":
                    if name not in bundled_names:
                        unresolved.add(name)
                elif name in direct and not Path(resolved).resolve().is_relative_to(bundle):
                    external[name] = Path(resolved)
    if unresolved:
        raise BuildError(
            "the bundle needs libraries this machine does not have: "
            + ", ".join(sorted(unresolved))
            + ". Install them (`make deps`) and build again."
        )
    return external


def loader_path(soname: str) -> Path | None:
    """Where the dynamic loader would find soname (`ldconfig -p`), or None."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        name, _, rest = line.strip().partition(" ")
        if name == soname and "=>" in rest:
            return Path(rest.split("=>", 1)[1].strip())
    return None


def owning_packages(paths: Iterable[Path]) -> dict[Path, str]:
    """{path: Debian package} for the paths dpkg knows, trying merged-/usr spellings too."""
    candidates: dict[str, Path] = {}
    for path in paths:
        resolved = path.resolve()
        for spelling in {path, resolved, *map(_usr_merge_twin, (path, resolved))}:
            candidates[str(spelling)] = path
    if not shutil.which("dpkg"):
        return {}
    completed = subprocess.run(
        ["dpkg", "-S", *candidates], capture_output=True, text=True, check=False
    )
    owners: dict[Path, str] = {}
    for line in completed.stdout.splitlines():
        packages, _, owned = line.partition(": ")
        if owned in candidates and ", " not in packages:
            owners[candidates[owned]] = packages.split(":")[0]  # drop ":amd64"
    return owners


def _usr_merge_twin(path: Path) -> Path:
    text = str(path)
    return Path(text[4:]) if text.startswith("/usr/") else Path("/usr" + text)


def packages_for(sonames: dict[str, Path | None]) -> list[str]:
    found = {name: path for name, path in sonames.items() if path is not None}
    owners = owning_packages(found.values())
    packages: set[str] = set()
    unknown = []
    for name, path in sonames.items():
        owner = owners.get(path) if path is not None else None
        if owner is None:
            owner = KNOWN_PACKAGES.get(name)
        if owner is None:
            unknown.append(f"{name} ({path or 'not on this machine'})")
        else:
            packages.add(owner)
    if unknown:
        raise BuildError(
            "no Debian package is known for: " + ", ".join(unknown) + ". Add it to "
            "KNOWN_PACKAGES in packaging/build.py after checking which package ships it."
        )
    return sorted(packages)


def minimum_glibc(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any ELF file in the bundle asks for."""
    newest: tuple[int, int] | None = None
    for binary in elf_files(bundle):
        listing = run(["readelf", "--version-info", "--wide", binary], capture=True)
        for major, minor in GLIBC_VERSION.findall(listing.stdout):
            candidate = (int(major), int(minor))
            newest = candidate if newest is None else max(newest, candidate)
    return None if newest is None else f"{newest[0]}.{newest[1]}"


def dependencies(bundle: Path) -> Dependencies:
    needed: dict[str, Path | None] = dict(external_libraries(bundle))
    for soname in DLOPENED_REQUIRED:
        needed.setdefault(soname, loader_path(soname))
    depends = packages_for(needed)
    glibc = minimum_glibc(bundle)
    if glibc is not None and "libc6" in depends:
        depends[depends.index("libc6")] = f"libc6 (>= {glibc})"
    recommended = packages_for({name: loader_path(name) for name in DLOPENED_RECOMMENDED})
    return Dependencies(depends, [name for name in recommended if name not in depends])


def architecture() -> str:
    return run(["dpkg", "--print-architecture"], capture=True).stdout.strip()


def maintainer() -> str:
    """DHBROWSER_MAINTAINER, else the package metadata's author, else a placeholder."""
    configured = os.environ.get("DHBROWSER_MAINTAINER")
    if configured:
        return configured
    author_emails = metadata(PACKAGE).get_all("Author-email") or []
    return author_emails[0] if author_emails and "@" in author_emails[0] else DEFAULT_MAINTAINER


def description() -> str:
    """Debian's format: a synopsis line, then the extended text indented by one space."""
    summary = (metadata(PACKAGE).get_all("Summary") or [SYNOPSIS])[0]
    extended = [
        *textwrap.wrap(summary, width=76),
        ".",
        "Page through an app's digital humans as portrait cards, watch each action's",
        "preview video, and copy the DigitalHumanId (or a ready request body) for the",
        "code that needs it. Includes a built-in demo catalog that works offline.",
    ]
    return SYNOPSIS + "\n" + "\n".join(f" {line}" for line in extended)


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under root, as they will be on the installed system."""
    if root.exists():
        shutil.rmtree(root)
    program_dir = root / INSTALL_DIR.relative_to("/")
    shutil.copytree(bundle, program_dir, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(INSTALL_DIR / PACKAGE)
    share = root / "usr" / "share"
    applications = share / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(PACKAGING / "dhbrowser.desktop", applications / "dhbrowser.desktop")
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(ICONS / f"dhbrowser-{size}.png", target / "dhbrowser.png")
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(ICONS / "dhbrowser.svg", scalable / "dhbrowser.svg")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {PACKAGE}\n\n"
        "Files: *\nCopyright: dhbrowser developers\nLicense: MIT\n"
        " The bundled Qt (LGPL-3.0), PySide6 (LGPL-3.0), FFmpeg (LGPL-2.1+) and Python (PSF)\n"
        " libraries under /opt/dhbrowser/_internal keep their own licences.\n"
    )
    normalize_permissions(root)


def normalize_permissions(root: Path) -> None:
    """0755 for folders and programs, 0644 for everything else, whatever the umask was."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def installed_size_kib(root: Path) -> int:
    total = sum(path.lstat().st_size for path in root.rglob("*") if not path.is_dir())
    return (total + 1023) // 1024


def write_control(root: Path, fields: dict[str, str]) -> None:
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    control_dir.chmod(0o755)
    text = "".join(f"{key}: {value}\n" for key, value in fields.items())
    (control_dir / "control").write_text(text)
    (control_dir / "control").chmod(0o644)


def build_deb(
    bundle: Path, dist_dir: Path, work_dir: Path, compression: str
) -> tuple[Path, dict[str, str]]:
    deb_version = debian_version(version(PACKAGE))
    arch = architecture()
    root = work_dir / "deb" / "root"
    stage(bundle, root)
    found = dependencies((root / INSTALL_DIR.relative_to("/")).resolve())
    fields = {
        "Package": PACKAGE,
        "Version": deb_version,
        "Architecture": arch,
        "Maintainer": maintainer(),
        "Installed-Size": str(installed_size_kib(root)),
        "Depends": ", ".join(found.depends),
    }
    if found.recommends:
        fields["Recommends"] = ", ".join(found.recommends)
    fields |= {"Section": "video", "Priority": "optional", "Description": description()}
    write_control(root, fields)
    deb = dist_dir / f"{PACKAGE}_{deb_version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", root, deb], capture=True)
    return deb, fields


def disk_usage(path: Path) -> str:
    return run(["du", "-sh", path], capture=True).stdout.split()[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist-dir", type=Path, default=REPO / "dist", help="where results go")
    parser.add_argument(
        "--work-dir", type=Path, default=REPO / "build", help="PyInstaller's cache, the staging"
    )
    parser.add_argument(
        "--compression",
        choices=("xz", "gzip"),
        default="xz",
        help="xz: the smallest download (release builds); gzip: five times faster (tests)",
    )
    parser.add_argument(
        "--json", action="store_true", help="finish with a one-line JSON summary on stdout"
    )
    args = parser.parse_args(argv)
    dist_dir: Path = args.dist_dir.resolve()
    work_dir: Path = args.work_dir.resolve()
    dist_dir.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        bundle = build_bundle(dist_dir, work_dir)
        bundled = time.monotonic()
        deb, fields = build_deb(bundle, dist_dir, work_dir, args.compression)
        finished = time.monotonic()
    except BuildError as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 1
    summary = {
        "deb": str(deb),
        "bundle": str(bundle),
        "version": fields["Version"],
        "bundle_seconds": round(bundled - started, 1),
        "deb_seconds": round(finished - bundled, 1),
        "bundle_size": disk_usage(bundle),
        "deb_bytes": deb.stat().st_size,
        "depends": fields["Depends"],
        "recommends": fields.get("Recommends", ""),
    }
    print(
        f"bundle   {summary['bundle']}  ({summary['bundle_size']}, {summary['bundle_seconds']} s)"
    )
    print(f"package  {deb}  ({deb.stat().st_size / 2**20:.1f} MiB, {summary['deb_seconds']} s)")
    print(f"Depends: {summary['depends']}")
    if summary["recommends"]:
        print(f"Recommends: {summary['recommends']}")
    if args.json:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
