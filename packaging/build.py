"""Build dhbrowser's one-folder bundle with PyInstaller, then a Debian package around it.

    .venv/bin/python packaging/build.py            # what `make package` runs

Result: dist/dhbrowser/ (the bundle) and dist/dhbrowser_<version>_<arch>.deb, which installs
- /opt/dhbrowser/                 the bundle,
- /usr/bin/dhbrowser              a symlink to /opt/dhbrowser/dhbrowser,
- /usr/share/applications/dhbrowser.desktop and the hicolor icons (PNG sizes + scalable SVG).

`Depends:` is computed, not written by hand: `ldd` over every ELF file in the bundle lists
the system libraries it loads from outside the bundle, and packaging/system_deps.py (the one
soname -> Debian package table, which `make deps` uses too) names each one's package. The
libraries Qt and FFmpeg open at run time with dlopen(), which ldd cannot see, come from the
same module.
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

# The one table of system packages lives beside this script (also when a test imports it).
sys.path.insert(0, str(Path(__file__).resolve().parent))
import system_deps

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PACKAGE = "dhbrowser"
INSTALL_DIR = Path("/opt") / PACKAGE
DEFAULT_MAINTAINER = "dhbrowser developers <maintainers@dhbrowser.invalid>"
SYNOPSIS = "desktop browser for ZEGOCLOUD AIGC digital humans"

LDD_LINE = re.compile(r"^\s*(?P<name>\S+)\s+=>\s+(?P<path>\S+|not found)")
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


def elf_files(root: Path) -> list[Path]:
    return list(system_deps.iter_elf_files(root))


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
    return set(system_deps.needed_sonames(binary))


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


def packages_for(sonames: Iterable[str]) -> list[str]:
    """Debian dependencies ("a | b" where Debian 13 renamed a package) from the one table."""
    try:
        return [str(item) for item in system_deps.packages_for(sonames)]
    except system_deps.DepsError as error:
        raise BuildError(str(error)) from error


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
    depends = packages_for({*external_libraries(bundle), *system_deps.DLOPENED_REQUIRED})
    glibc = minimum_glibc(bundle)
    if glibc is not None and "libc6" in depends:
        depends[depends.index("libc6")] = f"libc6 (>= {glibc})"
    recommended = [
        *packages_for(system_deps.DLOPENED_RECOMMENDED),
        *system_deps.RECOMMENDED_EXTRAS,
        *system_deps.RUN_EXTRAS,
    ]
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
