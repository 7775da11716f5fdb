"""`dhbrowser catalog sync|list|changes|export|labels`: the local catalog database from a terminal.

`sync` lists the whole catalog from the service and stores it; the others read only the
store, so they work offline. Standard output carries only the requested table, JSON or
CSV; what happened and what went wrong go to stderr. The exit codes (EXIT_CODES) let a
script tell "nothing stored yet" from "the network failed" from "something changed".
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dhbrowser.api.errors import DhError
from dhbrowser.api.text import display_width, padded
from dhbrowser.core.connection import connection_for
from dhbrowser.core.demo import DemoService
from dhbrowser.core.logs import close_logging, setup_logging
from dhbrowser.core.secret_store import KeyringUnavailable, SecretStore
from dhbrowser.i18n import N_, _, ngettext
from dhbrowser.qt.settings import ProfileSettings
from dhbrowser.store import CatalogStore, Changes, StoredHuman, StoreError, StoreKey, labels_file
from dhbrowser.store.model import local_time

log = logging.getLogger(__name__)

OK, CHANGED, USAGE, NOTHING_STORED, SYNC_FAILED, STORE_UNUSABLE = range(6)
#: What each exit code means, for the help's epilog.
EXIT_CODE_MEANINGS = {
    OK: N_("done"),
    CHANGED: N_("`changes --exit-code` (or `sync --exit-code`): humans were added or removed"),
    USAGE: N_("wrong usage: an unknown option, profile or --since date"),
    NOTHING_STORED: N_(
        "nothing is stored for this catalog yet: run `dhbrowser catalog sync` first"
    ),
    SYNC_FAILED: N_("the sync failed (network, service or keyring); the store is unchanged"),
    STORE_UNUSABLE: N_("the catalog database cannot be used (the message says why)"),
}
#: What each command does (its help line, and its description with a capital and a stop).
COMMANDS = {
    "sync": N_("list the whole catalog from the service, store it, print what changed"),
    "list": N_("print the stored catalog (offline)"),
    "changes": N_("print who was added and removed by the latest sync (offline)"),
    "export": N_("print everything stored: gone humans, labels, tags, notes (offline)"),
    "labels": N_("print your action labels, or take a team's with --import FILE (offline)"),
}


def exit_codes_text() -> str:
    lines = [f"  {code}  {_(meaning)}" for code, meaning in EXIT_CODE_MEANINGS.items()]
    return "\n".join([_("exit codes:"), *lines]) + "\n"


class CommandFailed(Exception):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Target:
    """The catalog a command is about, and whether it is the demo's."""

    key: StoreKey
    label: str
    profile: str | None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    source = common.add_mutually_exclusive_group()
    source.add_argument("--demo", action="store_true", help=_("the built-in demo catalog"))
    source.add_argument(
        "--profile", metavar="NAME", help=_("this profile's app, not the active one")
    )
    common.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help=_("output format")
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", help=_("log debug details to stderr")
    )
    parser = argparse.ArgumentParser(
        prog="dhbrowser catalog",
        description=_(
            "The catalogs dhbrowser keeps on this computer: every human of each synced app, "
            "what changed between syncs, and your favourites, labels, tags and notes. "
            "Only `sync` uses the network."
        ),
        epilog=exit_codes_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, english in COMMANDS.items():
        text = _(english)
        command = commands.add_parser(
            name,
            parents=[common],
            help=text,
            description=text[0].upper() + text[1:] + _("."),
            epilog=exit_codes_text(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if name in ("sync", "changes"):
            command.add_argument(
                "--exit-code",
                action="store_true",
                help=_("exit with {code} when humans were added or removed").format(code=CHANGED),
            )
        if name == "changes":
            command.add_argument(
                "--since",
                metavar="DATE",
                help=_(
                    "compare with the last sync at or before DATE (e.g. 2026-11-30 or "
                    "2026-11-30T18:00, local time) instead of the sync before the latest"
                ),
            )
        if name == "labels":
            command.add_argument(
                "--import",
                dest="import_file",
                type=Path,
                metavar="FILE",
                help=_(
                    'set the labels of a JSON file {"action name": "label", …}, such as '
                    "`labels --format json` prints; an empty label removes one"
                ),
            )
        if name == "list":
            gone_or_search = command.add_mutually_exclusive_group()
            gone_or_search.add_argument(
                "--gone",
                action="store_true",
                help=_("also list humans the service no longer lists"),
            )
            gone_or_search.add_argument(
                "--search",
                metavar="TEXT",
                help=_(
                    "only the humans whose name, id, actions, action labels, tags or note "
                    "contain every word of TEXT"
                ),
            )
    return parser


def catalog_command(argv: list[str]) -> int:
    """Run `dhbrowser catalog …` with `argv` (what follows `catalog`); returns the exit code."""
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    demo = DemoService()
    try:
        return _run(args, demo)
    except CommandFailed as error:
        print(f"dhbrowser catalog {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except StoreError as error:
        print(f"dhbrowser catalog {args.command}: {error.hint}", file=sys.stderr)
        return STORE_UNUSABLE
    except BrokenPipeError:  # `… | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    finally:
        demo.stop()
        close_logging()


def _run(args: argparse.Namespace, demo: DemoService) -> int:
    settings = ProfileSettings()
    target = _target(args, settings)
    since = _parse_since(args.since) if getattr(args, "since", None) else None
    with CatalogStore() as store:
        if store.notice:
            print(f"dhbrowser catalog: {store.notice}", file=sys.stderr)
        if args.command == "labels":  # labels need no sync: any action name can have one
            if args.import_file is not None:
                count = store.import_labels(target.key, _read_labels(args.import_file))
                print(
                    ngettext(
                        "Set {count} label for {catalog}.",
                        "Set {count} labels for {catalog}.",
                        count,
                    ).format(count=count, catalog=target.label),
                    file=sys.stderr,
                )
            _print_labels(store.labels(target.key), args.format)
            return OK
        if args.command == "sync":
            _sync(store, target, settings, demo)
        elif store.latest_sync(target.key) is None:
            raise CommandFailed(
                _("Nothing is stored for {catalog} yet: run `{command}` first.").format(
                    catalog=target.label, command=f"dhbrowser catalog sync{_source_option(target)}"
                ),
                NOTHING_STORED,
            )
        if args.command in ("sync", "changes"):
            changes = store.changes(target.key, since)
            if since is not None and changes.since is None:
                raise CommandFailed(
                    _(
                        "No sync of {catalog} finished on or before {since}: the first one is "
                        "of {first}."
                    ).format(
                        catalog=target.label,
                        since=args.since,
                        first=local_time(store.syncs(target.key)[-1].finished_at),
                    ),
                    NOTHING_STORED,
                )
            _say_changes(changes)
            _print_changes(changes, args.format)
            return CHANGED if args.exit_code and (changes.added or changes.removed) else OK
        if args.command == "list" and args.search:
            humans = store.search(target.key, args.search)
        else:
            humans = store.humans(target.key, include_gone=args.command == "export" or args.gone)
        _print_humans(store, target.key, humans, args.format, full=args.command == "export")
    return OK


def _target(args: argparse.Namespace, settings: ProfileSettings) -> Target:
    name = None if args.demo else args.profile or settings.active()
    if name is None:
        return Target(StoreKey.demo(), _("the demo catalog"), None)
    try:
        profile = settings.require(name)
    except DhError as error:
        raise CommandFailed(error.hint, USAGE) from None
    return Target(StoreKey.of_profile(profile), _("profile {name}").format(name=repr(name)), name)


def _source_option(target: Target) -> str:
    return " --demo" if target.profile is None else f" --profile {target.profile!r}"


def _parse_since(text: str) -> float:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandFailed(
            _("--since {text} is not a date: write it as 2026-11-30 or 2026-11-30T18:00.").format(
                text=repr(text)
            ),
            USAGE,
        ) from None
    return moment.timestamp()  # a date without a zone is local time, as a person means it


def _sync(
    store: CatalogStore, target: Target, settings: ProfileSettings, demo: DemoService
) -> None:
    from dhbrowser.store.sync import sync_catalog

    try:
        connection = (
            demo.connection()
            if target.profile is None
            else connection_for(target.profile, settings, SecretStore())
        )
        try:
            record = sync_catalog(store, connection, _progress_line if _on_terminal() else None)
        finally:
            if _on_terminal():
                print("\r\033[K", end="", file=sys.stderr)  # the progress line goes
    except KeyringUnavailable as error:
        raise CommandFailed(
            _("{problem} Nothing was stored.").format(problem=error.remedy), SYNC_FAILED
        ) from None
    except StoreError:
        raise
    except DhError as error:
        raise CommandFailed(
            _("{problem} Nothing was stored.").format(problem=error.hint), SYNC_FAILED
        ) from None
    print(
        ngettext(
            "Synced {catalog}: {count} digital human.",
            "Synced {catalog}: {count} digital humans.",
            record.human_count,
        ).format(catalog=target.label, count=record.human_count),
        file=sys.stderr,
    )


def _on_terminal() -> bool:
    return sys.stderr.isatty()


def _progress_line(text: str) -> None:
    """One line on a terminal's stderr, rewritten in place."""
    print(f"\r\033[K{text}", end="", file=sys.stderr, flush=True)


def _say_changes(changes: Changes) -> None:
    if changes.since is None:
        print(_("This is the first sync: there is nothing to compare it with."), file=sys.stderr)
        return
    summary = changes.summary(local_time(changes.since.finished_at))
    nothing = _("No change since {moment}.").format(moment=local_time(changes.since.finished_at))
    print(summary or nothing, file=sys.stderr)


def _print_changes(changes: Changes, output: str) -> None:
    gone_favourites = {stored.human.id for stored in changes.favourites_gone}
    if output == "json":
        document = {
            "added": [_brief_json(stored) for stored in changes.added],
            "removed": [
                {**_brief_json(stored), "Favourite": stored.human.id in gone_favourites}
                for stored in changes.removed
            ],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    rows = [[N_("CHANGE"), N_("ID"), N_("NAME"), N_("PUBLIC"), N_("FAVOURITE")]]
    for change, group in ((N_("added"), changes.added), (N_("removed"), changes.removed)):
        rows += [
            [
                _word(change, output),
                stored.human.id,
                stored.human.name,
                _yes(stored.human.is_public, output),
                _yes(stored.human.id in gone_favourites, output),
            ]
            for stored in group
        ]
    _print_rows(rows, output)


def _read_labels(path: Path) -> dict[str, str]:
    try:
        return labels_file.read(path)
    except labels_file.LabelsFileError as error:
        raise CommandFailed(str(error), USAGE) from None


def _print_labels(labels: dict[str, str], output: str) -> None:
    if output == "json":
        print(labels_file.dumps(labels))
    else:
        _print_rows(
            [[N_("ACTION"), N_("LABEL")], *([name, label] for name, label in labels.items())],
            output,
        )


def _brief_json(stored: StoredHuman) -> dict[str, Any]:
    return {
        "DigitalHumanId": stored.human.id,
        "Name": stored.human.name,
        "IsPublic": stored.human.is_public,
    }


def _print_humans(
    store: CatalogStore,
    key: StoreKey,
    humans: Sequence[StoredHuman],
    output: str,
    *,
    full: bool,
) -> None:
    favourites = store.favourites(key)
    labels = store.labels(key) if full else {}
    tags = store.tags(key) if full else {}
    notes = store.notes(key) if full else {}
    if output == "json":
        documents = []
        for stored in humans:
            human = stored.human
            document: dict[str, Any] = {
                **_brief_json(stored),
                "Actions": [action.name for action in human.actions],
                "Favourite": human.id in favourites,
                "FirstSeen": _iso(stored.first_seen),
                "LastSeen": _iso(stored.last_seen),
                "Present": stored.present,
            }
            if full:
                document["ActionLabels"] = {
                    action.name: labels[action.name]
                    for action in human.actions
                    if action.name in labels
                }
                document["Tags"] = list(tags.get(human.id, ()))
                document["Note"] = notes.get(human.id, "")
            documents.append(document)
        print(json.dumps(documents, ensure_ascii=False, indent=2))
        return
    header = [
        N_("ID"),
        N_("NAME"),
        N_("PUBLIC"),
        N_("FAVOURITE"),
        N_("FIRST SEEN"),
        N_("LAST SEEN"),
        N_("PRESENT"),
        N_("ACTIONS"),
    ]
    if full:
        header += [N_("TAGS"), N_("NOTE")]
    rows = [header]
    for stored in humans:
        human = stored.human
        actions = [
            f"{action.name}={labels[action.name]}" if action.name in labels else action.name
            for action in human.actions
        ]
        row = [
            human.id,
            human.name,
            _yes(human.is_public, output),
            _yes(human.id in favourites, output),
            local_time(stored.first_seen),
            local_time(stored.last_seen),
            _yes(stored.present, output),
            ";".join(actions),
        ]
        if full:
            row += [";".join(tags.get(human.id, ())), notes.get(human.id, "")]
        rows.append(row)
    _print_rows(rows, output)


def _print_rows(rows: list[list[str]], output: str) -> None:
    """A table for people (its header in their language, columns as wide as a terminal
    shows them) or CSV for scripts (the English header, lower case)."""
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([[cell.lower() for cell in rows[0]], *rows[1:]])
        return
    if len(rows) == 1:
        return  # a table of nothing: the summary on stderr says so
    shown = [
        [_(cell) for cell in rows[0]],
        *([_one_line(cell) for cell in row] for row in rows[1:]),
    ]
    widths = [max(display_width(row[column]) for row in shown) for column in range(len(shown[0]))]
    for row in shown:
        print("  ".join(map(padded, row, widths)).rstrip())


def _one_line(text: str) -> str:
    """Server text and notes in one table cell: no line breaks or control characters."""
    return "".join(character if character.isprintable() else " " for character in text)


def _word(word: str, output: str) -> str:
    """One of the table's own words (yes, no, added, removed): in the reader's language in
    a table, as itself in CSV, which scripts read."""
    return _(word) if output == "table" else word


def _yes(value: bool, output: str) -> str:
    return _word(N_("yes") if value else N_("no"), output)


def _iso(timestamp: float) -> str:
    return (
        datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )
