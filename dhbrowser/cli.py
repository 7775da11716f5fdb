"""The `dhbrowser` command: the browser by default, a diagnostic, a picker, profiles.

Standard output carries only what a script asks for (the picked id, the check's report);
logs go to stderr and the log file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import dhbrowser
from dhbrowser.api.errors import DhError
from dhbrowser.api.models import FetchMode
from dhbrowser.demo import DemoService
from dhbrowser.export import human_json
from dhbrowser.logs import close_logging, setup_logging
from dhbrowser.secrets import KeyringUnavailable, SecretStore
from dhbrowser.settings import ProfileSettings, connection_for

FETCH_MODES = {"all": FetchMode.ALL, "public": FetchMode.PUBLIC, "private": FetchMode.PRIVATE}


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
    parser.add_argument(
        "--pick",
        action="store_true",
        help="choose a digital human and print its id on stdout (exit 1 if cancelled)",
    )
    parser.add_argument(
        "--fetch-mode",
        choices=list(FETCH_MODES),
        default="all",
        help="which digital humans to list first",
    )
    parser.add_argument(
        "--format",
        choices=("id", "json"),
        default="id",
        help="with --pick: print the id, or the human with its actions (and the chosen action) as JSON",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["profile"]:
        from dhbrowser.cli_profiles import profile_command

        return profile_command(arguments[1:])
    args = build_parser().parse_args(arguments)
    setup_logging(args.verbose)
    demo = DemoService()
    try:
        return _run(args, demo)
    except DhError as error:
        message = error.remedy if isinstance(error, KeyringUnavailable) else error.hint
        print(f"dhbrowser: {message}", file=sys.stderr)
        return 2
    finally:
        demo.stop()
        close_logging()


def _run(args: argparse.Namespace, demo: DemoService) -> int:
    settings = ProfileSettings()
    profile = None if args.demo else args.profile or settings.active()
    if profile is not None:
        settings.require(profile)  # a typo fails here, before any window opens
    if args.check:
        from dhbrowser.check import run_check

        connection = (
            demo.connection()
            if profile is None
            else connection_for(profile, settings, SecretStore())
        )
        return run_check(connection)

    from dhbrowser.gui.display import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"dhbrowser: {problem}", file=sys.stderr)
        return 2
    from dhbrowser.gui.app import run_browser

    outcome = run_browser(
        demo,
        settings,
        profile=profile,
        pick_mode=args.pick,
        fetch_mode=FETCH_MODES[args.fetch_mode],
    )
    if not args.pick:
        return outcome.exit_code
    if outcome.picked is None:
        return 1
    human, action = outcome.picked
    print(
        json.dumps(human_json(human, action), ensure_ascii=False)
        if args.format == "json"
        else human.id
    )
    return 0
