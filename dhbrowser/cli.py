"""The `dhbrowser` command: the browser by default, a diagnostic, a picker, profiles.

Standard output carries only what a script asks for (the picked id, the check's report);
logs go to stderr and the log file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

import dhbrowser
from dhbrowser.api.errors import DhError
from dhbrowser.connection import Connection
from dhbrowser.demo import DemoService

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dhbrowser",
        description="Browse the ZEGOCLOUD AIGC digital humans of an app: portraits, action previews, ids.",
        epilog="Profiles: dhbrowser profile list|add|remove|use (see dhbrowser profile --help).",
    )
    parser.add_argument("--version", action="version", version=f"dhbrowser {dhbrowser.__version__}")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help="browse the built-in demo catalog")
    source.add_argument(
        "--profile", metavar="NAME", help="browse with this profile instead of the active one"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="run a headless diagnostic (sign, list, portrait, video) and print a JSON summary",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(arguments)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    demo = DemoService()
    try:
        try:
            connection = resolve_connection(args, demo)
        except DhError as error:
            print(f"dhbrowser: {error.hint}", file=sys.stderr)
            return 2
        if args.check:
            from dhbrowser.check import run_check

            return run_check(connection)
        from dhbrowser.gui.app import run_browser

        return run_browser(connection)
    finally:
        demo.stop()


def resolve_connection(args: argparse.Namespace, demo: DemoService) -> Connection:
    """The demo when asked for or when no profile is configured, else the chosen profile."""
    return demo.connection()
