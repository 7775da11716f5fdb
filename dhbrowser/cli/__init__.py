"""The `dhbrowser` command: the browser by default, a diagnostic, a picker, profiles.

Standard output carries only what a script asks for (the picked id, the check's report);
logs go to stderr and the log file. Whatever carries server text is written through
`terminal_text` / `terminal_json`, so a server's name cannot drive the user's terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import dhbrowser
from dhbrowser.api.errors import DhError
from dhbrowser.api.models import ActionClip, DigitalHuman, FetchMode, Timbre
from dhbrowser.api.text import terminal_json, terminal_text
from dhbrowser.core.connection import connection_for, discard_early
from dhbrowser.core.demo import DemoService
from dhbrowser.core.export import human_json
from dhbrowser.core.logs import LogDestination, close_logging, setup_logging
from dhbrowser.core.secret_store import SecretStore, command_hint
from dhbrowser.i18n import _, system_language, use_language

# dhbrowser.qt.settings (QSettings: PySide6) is imported where it is used, after `--demo`'s
# first list request has left: see `_connect_early`.

FETCH_MODES = {"all": FetchMode.ALL, "public": FetchMode.PUBLIC, "private": FetchMode.PRIVATE}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dhbrowser",
        description=_(
            "Browse the ZEGOCLOUD AIGC digital humans of an app: portraits, action previews, ids."
        ),
        epilog=_(
            "Profiles: dhbrowser profile list|add|remove|use (see dhbrowser profile --help). "
            "Voices: dhbrowser voices [--human ID] (see dhbrowser voices --help). "
            "Stored catalogs: dhbrowser catalog sync|list|changes|export (see dhbrowser catalog --help)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dhbrowser {dhbrowser.__version__}",
        help=_("show program's version number and exit"),
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help=_("browse the built-in demo catalog"))
    source.add_argument(
        "--profile", metavar="NAME", help=_("browse with this profile instead of the active one")
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help=_("run a headless diagnostic (sign, list, portrait, video) and print a JSON summary"),
    )
    parser.add_argument(
        "--pick",
        action="store_true",
        help=_("choose a digital human and print its id on stdout (exit 1 if cancelled)"),
    )
    parser.add_argument(
        "--with-voice",
        action="store_true",
        help=_('with --pick: choose a voice too; prints HUMAN_ID TIMBRE_ID (JSON: a "Timbre")'),
    )
    parser.add_argument(
        "--fetch-mode",
        choices=list(FETCH_MODES),
        default="all",
        help=_("which digital humans to list first"),
    )
    parser.add_argument(
        "--format",
        choices=("id", "json"),
        default="id",
        help=_(
            "with --pick: print the id, or the human with its actions (and the chosen action) as JSON"
        ),
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=_("log debug details to stderr")
    )
    return parser


#: The exit code of a command whose reader went away, as the shell reports a tool that
#: SIGPIPE ended (128 + 13): `dhbrowser voices | head -1` is not an error worth a traceback.
READER_GONE = 141


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _command(argv)
        sys.stdout.flush()  # a reader that has gone shows here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        # Python flushes stdout again at exit and would print a second error there: point
        # the descriptor at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return READER_GONE


def _command(argv: Sequence[str] | None) -> int:
    use_language(system_language())
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["profile"]:
        from dhbrowser.cli.profiles import profile_command

        return profile_command(arguments[1:])
    if arguments[:1] == ["voices"]:
        from dhbrowser.cli.voices import voices_command

        return voices_command(arguments[1:])
    if arguments[:1] == ["catalog"]:
        from dhbrowser.cli.catalog import catalog_command

        return catalog_command(arguments[1:])
    args = build_parser().parse_args(arguments)
    logs = setup_logging(args.verbose)
    demo = DemoService()
    try:
        if args.demo:
            _connect_early(args, demo)
        code, end_at_once = _run(args, demo, logs)
    except DhError as error:
        message = command_hint(error)
        print(terminal_text(f"dhbrowser: {message}"), file=sys.stderr)
        return 2
    finally:
        discard_early()
        demo.stop()
        close_logging()
    if end_at_once:
        _leave_now(code)
    return code


def _run(args: argparse.Namespace, demo: DemoService, logs: LogDestination) -> tuple[int, bool]:
    """The command's exit code, and whether the process must end without finalising."""
    from dhbrowser.qt.settings import open_profile_settings

    settings, notices = open_profile_settings()
    for notice in notices:
        print(f"dhbrowser: {notice}", file=sys.stderr)
    profile = None if args.demo else args.profile or settings.active()
    if profile is not None:
        settings.require(profile)  # a typo fails here, before any window opens
    if args.check:
        from dhbrowser.qt.check import run_check

        connection = (
            demo.connection()
            if profile is None
            else connection_for(profile, settings, SecretStore(on_wait=_waiting_for_keyring))
        )
        return run_check(connection), False

    from dhbrowser.cli.display import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"dhbrowser: {_(problem)}", file=sys.stderr)
        return 2, False
    if profile is None and not args.demo:  # the demo by default: known only now
        _connect_early(args, demo)
    from dhbrowser.gui.app import run_browser

    outcome = run_browser(
        demo,
        settings,
        profile=profile,
        pick_mode=args.pick,
        fetch_mode=FETCH_MODES[args.fetch_mode],
        notices=[*notices, *([logs.problem] if logs.problem else [])],
        with_voice=args.with_voice,
    )
    voice = outcome.voice if args.with_voice else None
    code = _report_pick(args, outcome.picked, voice) if args.pick else outcome.exit_code
    return code, outcome.end_without_finalizing


def _connect_early(args: argparse.Namespace, demo: DemoService) -> None:
    """Send the demo's first list request now, from a thread, while Qt is imported and
    starts: with `--demo` before anything imports PySide6, so that its round trip overlaps
    Qt's start-up rather than following it.

    Only where a window opens on a first launch. A window that starts from a stored catalog
    paints that first and connects after; a connection opened before (the emulator's and
    httpx's imports, in a thread holding the GIL) only delayed that paint, by 190 ms at a
    repeat start as measured.
    """
    from dhbrowser.cli.display import display_problem  # ctypes only: no Qt
    from dhbrowser.store import default_path  # the window imports it next anyway

    if args.check or display_problem() is not None or default_path().exists():
        return
    from dhbrowser.core.connection import open_early

    open_early(demo.connection, FETCH_MODES[args.fetch_mode])


def _report_pick(
    args: argparse.Namespace,
    picked: tuple[DigitalHuman, ActionClip | None] | None,
    voice: Timbre | None,
) -> int:
    """Print the picked human (and voice) as asked; the picker's exit code (1: cancelled)."""
    if picked is None:
        return 1
    print(pick_output(*picked, voice, args.format))
    return 0


def pick_output(
    human: DigitalHuman, action: ActionClip | None, voice: Timbre | None, output_format: str
) -> str:
    """What `--pick` prints: the id (and the voice's), or the human as one line of JSON,
    safe on a terminal.

    An id with control characters never gets here (the API models refuse it); the escape
    is the same one every other line with server text goes through.
    """
    if output_format == "json":
        return terminal_json(human_json(human, action, voice))
    return terminal_text(f"{human.id} {voice.id}" if voice is not None else human.id)


def _leave_now(code: int) -> NoReturn:
    """End the process without finalising the interpreter (see BrowserOutcome): the
    window's state is saved, the emulator stopped and the logs closed by now."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _waiting_for_keyring(timeout: float) -> None:
    message = _(
        "waiting for the system keyring (an unlock prompt may be open); giving up after "
        "{seconds} s."
    ).format(seconds=f"{timeout:.0f}")
    print(
        f"dhbrowser: {message}",
        file=sys.stderr,
        flush=True,
    )
