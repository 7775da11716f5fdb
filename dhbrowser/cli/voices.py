"""`dhbrowser voices [--human ID]`: the voices (timbres) of an app, or those a human can use.

Standard output carries only the list (a table, or JSON for scripts); errors go to stderr
in plain words, with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from dhbrowser.api.client import DigitalHumanClient
from dhbrowser.api.errors import ApiError, DhError, ReturnCode
from dhbrowser.api.models import Timbre
from dhbrowser.api.text import display_width, padded
from dhbrowser.core.assets import unknown_id_hint, usable_voices
from dhbrowser.core.connection import connection_for
from dhbrowser.core.demo import DemoService
from dhbrowser.core.logs import close_logging, setup_logging
from dhbrowser.core.secret_store import SecretStore, command_hint
from dhbrowser.i18n import N_, _
from dhbrowser.qt.settings import ProfileSettings

#: The table's KIND column: a voice bound to the human, or one of the public voices.
BOUND = N_("bound")
PUBLIC = N_("public")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dhbrowser voices",
        description=_(
            "List the voices (timbres) of an app: the public ones, or with --human those a "
            "digital human can speak with (its bound voices first, then the public ones if "
            "the human is public)."
        ),
    )
    parser.add_argument("--human", metavar="ID", help=_("the voices this DigitalHumanId can use"))
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help=_("the built-in demo catalog"))
    source.add_argument(
        "--profile", metavar="NAME", help=_("this profile instead of the active one")
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=_('a table, or JSON: a list of {"TimbreId", "Name", "AvatarUrl"}'),
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=_("log debug details to stderr")
    )
    return parser


def voices_command(argv: Sequence[str]) -> int:
    """Run `dhbrowser voices …` with `argv` (what follows `voices`); returns the exit code."""
    args = build_parser().parse_args(list(argv))
    setup_logging(args.verbose)
    demo = DemoService()
    try:
        settings = ProfileSettings()
        profile = None if args.demo else args.profile or settings.active()
        connection = (
            demo.connection()
            if profile is None
            else connection_for(profile, settings, SecretStore())
        )
        with connection.client() as client:
            rows = _voices(client, args.human)
    except DhError as error:
        print(f"dhbrowser voices: {_explain(error, args.human)}", file=sys.stderr)
        return 2
    finally:
        demo.stop()
        close_logging()
    if args.format == "json":
        print(
            json.dumps([timbre.to_json() for timbre, _kind in rows], indent=2, ensure_ascii=False)
        )
    else:
        print_table(rows)
    return 0


def _voices(client: DigitalHumanClient, human_id: str | None) -> list[tuple[Timbre, str]]:
    if human_id is None:
        return [(timbre, PUBLIC) for timbre in client.iter_timbres()]
    voices = usable_voices(client, client.get_info(human_id))
    return [(t, BOUND) for t in voices.bound] + [(t, PUBLIC) for t in voices.public]


def _explain(error: DhError, human_id: str | None) -> str:
    if isinstance(error, ApiError) and error.code == ReturnCode.HUMAN_NOT_FOUND and human_id:
        return unknown_id_hint(human_id)
    return command_hint(error)


def printable(text: str) -> str:
    """Server text for a terminal: control characters (escape sequences) shown as �."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in text)


def print_table(rows: Sequence[tuple[Timbre, str]]) -> None:
    if not rows:
        print(_("No voices."), file=sys.stderr)
        return
    table = [
        (_("TIMBRE ID"), _("NAME"), _("KIND")),
        *((printable(t.id), printable(t.name), _(kind)) for t, kind in rows),
    ]
    widths = [max(display_width(row[column]) for row in table) for column in range(2)]
    for timbre_id, name, kind in table:
        cells = [
            padded(timbre_id, widths[0]),
            padded(name, widths[1]),
            kind,
        ]
        print("  ".join(cells))
