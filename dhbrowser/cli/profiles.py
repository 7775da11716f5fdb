"""`dhbrowser profile list|add|remove|use`: set up profiles from a terminal or a script.

The ServerSecret is never an argument (argv is visible to every user of the machine in
`ps` and lands in shell history): `add` prompts for it without echo, or reads one line
from stdin when stdin is not a terminal. Standard output carries only `list`'s table;
confirmations and errors go to stderr.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from typing import NoReturn

from dhbrowser.api.errors import DhError
from dhbrowser.api.secret import Secret, has_spaces_inside
from dhbrowser.api.text import display_width, padded
from dhbrowser.core.logs import register_secret, setup_logging
from dhbrowser.core.profiles import DEFAULT_ENDPOINT, Profile, ProfileError, parse_app_id
from dhbrowser.core.secret_store import KeyringUnavailable, SecretStore, command_hint
from dhbrowser.i18n import _
from dhbrowser.qt.settings import ProfileSettings, open_profile_settings

log = logging.getLogger(__name__)


class CommandFailed(Exception):
    """Stop the command: print the message, exit 1."""


class _Parser(argparse.ArgumentParser):
    """Does not echo unknown arguments: a user may have pasted the secret there."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments"):
            message = _(
                "unrecognized arguments (not repeated here). The ServerSecret is never an "
                "argument: `add` asks for it, or reads it from stdin."
            )
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dhbrowser profile",
        description=_(
            "Manage the ZEGOCLOUD apps dhbrowser browses. AppId and endpoint are kept in the "
            "settings file; the ServerSecret only in the system keyring."
        ),
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=_("log debug details to stderr")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help=_("show the profiles (* marks the active one)"))
    add = commands.add_parser(
        "add",
        help=_("add or update a profile; the ServerSecret is read from a prompt or stdin"),
        description=_(
            "Add a profile, or update the one with this name. The ServerSecret is asked for "
            "without echo, or read as one line from stdin when stdin is not a terminal "
            "(e.g. `pass show zego | dhbrowser profile add --name prod --app-id 123`)."
        ),
    )
    add.add_argument("--name", required=True, help=_("a name for the profile"))
    add.add_argument("--app-id", required=True, help=_("the AppId from the ZEGOCLOUD console"))
    add.add_argument(
        "--endpoint",
        default=DEFAULT_ENDPOINT,
        help=_("the API endpoint (default {endpoint})").format(endpoint=DEFAULT_ENDPOINT),
    )
    add.add_argument(
        "--use", action="store_true", help=_("make it the active profile (the first one always is)")
    )
    remove = commands.add_parser("remove", help=_("remove a profile and its keyring entry"))
    remove.add_argument("name", metavar="NAME")
    use = commands.add_parser("use", help=_("choose the profile dhbrowser opens"))
    target = use.add_mutually_exclusive_group(required=True)
    target.add_argument("name", metavar="NAME", nargs="?")
    target.add_argument("--demo", action="store_true", help=_("open the demo catalog instead"))
    return parser


def profile_command(argv: list[str]) -> int:
    """Run `dhbrowser profile …` with `argv` (what follows `profile`); returns the exit code."""
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    settings, notices = open_profile_settings()
    for notice in notices:
        say(f"dhbrowser: {notice}")
    secrets = SecretStore()
    try:
        if args.command == "list":
            list_profiles(settings)
        elif args.command == "add":
            add_profile(args, settings, secrets)
        elif args.command == "remove":
            remove_profile(args.name, settings, secrets)
        else:
            settings.set_active(None if args.demo else args.name)
            say(
                _("dhbrowser will open the demo catalog.")
                if args.demo
                else _("dhbrowser will open {name}.").format(name=repr(args.name))
            )
    except (DhError, CommandFailed) as error:
        log.info("profile %s failed: %s", args.command, error)
        message = command_hint(error) if isinstance(error, DhError) else str(error)
        print(f"dhbrowser profile {args.command}: {message}", file=sys.stderr)
        return 1
    log.info("profile %s done", args.command)
    return 0


def list_profiles(settings: ProfileSettings) -> None:
    profiles = settings.profiles()
    if not profiles:
        say(_("No profiles yet: add one with `dhbrowser profile add --name NAME --app-id APPID`."))
        return
    active = settings.active()
    rows = [("", _("NAME"), _("APPID"), _("ENDPOINT"))]
    rows += [
        ("*" if profile.name == active else "", profile.name, str(profile.app_id), profile.endpoint)
        for profile in profiles
    ]
    # Columns as wide as a terminal shows them: a Chinese name takes two columns a character.
    widths = [max(display_width(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        cells = [padded(cell, width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[3]]).rstrip())


def add_profile(args: argparse.Namespace, settings: ProfileSettings, secrets: SecretStore) -> None:
    """Validate everything first, then keyring, then settings: never a profile without secret."""
    profile = Profile(args.name, parse_app_id(args.app_id), args.endpoint)
    secret = read_secret(profile.name)
    existed = settings.profile(profile.name) is not None
    try:
        secrets.set(profile.name, secret)
    except KeyringUnavailable as error:
        raise CommandFailed(
            _(
                "{remedy} Nothing was saved: without a keyring a command cannot keep the "
                "secret for later. (Details: {detail})"
            ).format(remedy=error.remedy, detail=error.detail)
        ) from None
    try:
        settings.save(profile)
        if args.use or settings.active() is None:
            settings.set_active(profile.name)
    except ProfileError as error:
        raise CommandFailed(
            _(
                "{problem} The ServerSecret was stored in the system keyring; run the command "
                "again once the settings file can be written."
            ).format(problem=error)
        ) from None
    active = settings.active() == profile.name
    if existed:
        done = _("Updated profile {name} (active)") if active else _("Updated profile {name}")
    else:
        done = _("Added profile {name} (active)") if active else _("Added profile {name}")
    say(
        done.format(name=repr(profile.name))
        + _(": AppId {app_id}, {endpoint}; ServerSecret stored in the system keyring.").format(
            app_id=profile.app_id, endpoint=profile.endpoint
        )
    )


def read_secret(profile_name: str) -> Secret:
    """The ServerSecret from a no-echo prompt on a terminal, else one line of stdin."""
    if sys.stdin.isatty():
        value = getpass.getpass(
            _("ServerSecret for {name} (not shown): ").format(name=repr(profile_name))
        )
    else:
        value = sys.stdin.readline().rstrip("\r\n")
    value = value.strip()
    if not value:
        raise CommandFailed(_("No ServerSecret was given: nothing was saved."))
    register_secret(value)
    if has_spaces_inside(value):
        raise CommandFailed(_("A ServerSecret has no spaces inside: nothing was saved."))
    return Secret(value)


def remove_profile(name: str, settings: ProfileSettings, secrets: SecretStore) -> None:
    """Delete the keyring entry first: if that fails the profile stays, so removal can be retried."""
    settings.require(name)
    try:
        secrets.delete(name)
    except KeyringUnavailable as error:
        raise CommandFailed(
            _(
                "The profile was kept because its ServerSecret could not be deleted from the "
                "keyring. {remedy}"
            ).format(remedy=error.remedy)
        ) from None
    settings.remove(name)
    say(_("Removed profile {name} and its ServerSecret.").format(name=repr(name)))


def say(message: str) -> None:
    print(message, file=sys.stderr)
