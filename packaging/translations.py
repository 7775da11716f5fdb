"""Build dhbrowser's translations from their sources, or refresh the sources from the code.

    python packaging/translations.py build    # .ts -> .qm (lrelease), .po -> .mo: `make translations`
    python packaging/translations.py update   # the code -> .ts (lupdate) and .pot/.po: `make update-translations`

Two catalogues per language, both under resources/translations/:
- dhbrowser_<lang>.ts: the GUI's strings (Qt's tr() and QCoreApplication.translate), made by
  `pyside6-lupdate`, compiled by `pyside6-lrelease`. dhbrowser_en.ts holds only the plural
  forms ("%n action(s)" -> "1 action", "3 actions"): English needs them too.
- dhbrowser_<lang>.po: the Qt-free core's strings (gettext: error hints, the command line,
  the emulator), extracted and compiled with Babel (pybabel), which also extracts argparse's
  own messages ("usage:", "options:") so `--help` is translated whole.

The compiled .qm and .mo files are build output (git ignores them): never edit them.
Babel rather than GNU gettext's msgfmt: it is a pip package (so the build needs no system
tool, on Linux, macOS and Windows alike), well kept, and its reader lets the tests check
that every entry is translated.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "resources" / "translations"
DOMAIN = "dhbrowser"
#: The languages translated (English is the source language: no .po, a plural-only .ts).
LANGUAGES = ("zh_CN",)
#: The Qt layers' sources (lupdate: Qt's translate) and all of dhbrowser (pybabel: gettext's _).
GUI_SOURCES = (REPO / "dhbrowser" / "qt", REPO / "dhbrowser" / "gui")
CORE_SOURCES = REPO / "dhbrowser"
TEMPLATE = TRANSLATIONS / f"{DOMAIN}.pot"


class TranslationError(Exception):
    """A tool is missing or failed; the message says which."""


def ts_files() -> list[Path]:
    return [TRANSLATIONS / f"{DOMAIN}_{language}.ts" for language in ("en", *LANGUAGES)]


def po_files() -> list[Path]:
    return [TRANSLATIONS / f"{DOMAIN}_{language}.po" for language in LANGUAGES]


def _tool(name: str) -> str:
    """A tool installed next to this Python (the venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise TranslationError(f"{name} is not installed: run `make venv` first")
    return found


def _run(command: Sequence[str | Path]) -> None:
    try:
        subprocess.run([str(part) for part in command], check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        printable = " ".join(str(part) for part in command)
        raise TranslationError(f"`{printable}` failed:\n{error.stderr or error.stdout}") from None


def build(destination: Path = TRANSLATIONS) -> list[Path]:
    """Compile every catalogue into `destination`; returns the files written."""
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for source in ts_files():
        target = destination / source.with_suffix(".qm").name
        _run([_tool("pyside6-lrelease"), "-silent", source, "-qm", target])
        written.append(target)
    for source in po_files():
        target = destination / source.with_suffix(".mo").name
        _run([_tool("pybabel"), "compile", "--statistics", "-i", source, "-o", target])
        written.append(target)
    return written


def update() -> None:
    """Refresh the sources from the code: new strings arrive unfinished, vanished ones go."""
    gui_files = sorted(path for folder in GUI_SOURCES for path in folder.rglob("*.py"))
    translated, plural_only = ts_files()[1:], ts_files()[0]
    common = [_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none"]
    _run([*common, *gui_files, "-ts", *translated])
    _run([*common, "-pluralonly", *gui_files, "-ts", plural_only])
    for ts in ts_files():
        _drop_code_comments(ts)
    # Everything: the GUI marks a few core terms too (N_), which gettext translates.
    core_files = sorted(CORE_SOURCES.rglob("*.py"))
    _run(
        [
            _tool("pybabel"),
            "extract",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "--project",
            DOMAIN,
            "--copyright-holder",
            "dhbrowser developers",
            "-o",
            TEMPLATE,
            *core_files,
            argparse.__file__,
        ]
    )
    for po in po_files():
        language = po.stem.removeprefix(f"{DOMAIN}_")
        if po.exists():
            _run(
                [
                    _tool("pybabel"),
                    "update",
                    "--no-fuzzy-matching",
                    "--ignore-pot-creation-date",
                    *("-l", language, "-i", str(TEMPLATE), "-o", str(po)),
                ]
            )
        else:
            _run([_tool("pybabel"), "init", "-i", TEMPLATE, "-o", po, "-l", language])


def _drop_code_comments(ts: Path) -> None:
    """lupdate takes a `#:` comment before a tr() call as a note to translators; in this
    code `#:` documents an attribute for developers, so those notes only mislead."""
    text = ts.read_text(encoding="utf-8")
    ts.write_text(
        re.sub(r"\n *<extracomment>.*?</extracomment>", "", text, flags=re.S), encoding="utf-8"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("build", "update"))
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build()
        else:
            update()
    except TranslationError as error:
        print(f"translations.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
