"""A profile: which ZEGOCLOUD app to browse (name, AppId, endpoint), checked once, here.

The ServerSecret is deliberately not a field: it lives only in the OS keyring
(dhbrowser.core.secret_store), so a Profile can be stored, logged and shown without care.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dhbrowser.api.errors import DhError, UnsafeUrlError
from dhbrowser.api.secret import SPACES_INSIDE, has_spaces_inside
from dhbrowser.api.signing import MAX_APP_ID, is_app_id
from dhbrowser.api.urls import DEFAULT_ENDPOINT, normalize_endpoint
from dhbrowser.i18n import _

__all__ = ["DEFAULT_ENDPOINT", "MAX_APP_ID", "MAX_NAME_LENGTH", "Profile", "ProfileError"]

MAX_NAME_LENGTH = 64


class ProfileError(DhError):
    """A profile that cannot be used as given; the message says what to change."""


class MissingSecret(ProfileError):
    """The profile exists but the keyring has no ServerSecret for it (or it was session-only)."""

    def __init__(self, profile_name: str) -> None:
        self.profile_name = profile_name
        super().__init__(
            _(
                "No ServerSecret is stored for profile {name}: enter it again (Profile ▸ "
                "Connect an app…, or `dhbrowser profile add --name {name} …`)."
            ).format(name=repr(profile_name))
        )


@dataclass(frozen=True)
class Profile:
    """One app to browse; constructing it validates and normalises every field."""

    name: str
    app_id: int
    endpoint: str = DEFAULT_ENDPOINT

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name))
        object.__setattr__(self, "app_id", check_app_id(self.app_id))
        object.__setattr__(self, "endpoint", check_endpoint(self.endpoint))


def check_name(name: str) -> str:
    """The name without surrounding blanks; it must be short, visible text on one line."""
    if not isinstance(name, str):
        raise ProfileError(_("A profile name is text."))
    name = name.strip()
    if not name:
        raise ProfileError(_("Give the profile a name."))
    if len(name) > MAX_NAME_LENGTH:
        raise ProfileError(
            _("A profile name has at most {count} characters.").format(count=MAX_NAME_LENGTH)
        )
    if any(unicodedata.category(character).startswith("C") for character in name):
        raise ProfileError(_("A profile name cannot contain control characters or line breaks."))
    return name


def check_app_id(app_id: int) -> int:
    if not is_app_id(app_id):
        raise ProfileError(
            _("The AppId is a number from 1 to {maximum}.").format(maximum=MAX_APP_ID)
        )
    return app_id


def parse_app_id(text: str) -> int:
    """An AppId typed by a person: digits only (no sign, no spaces inside), 1..4294967295."""
    text = text.strip()
    if not text:
        raise ProfileError(_("Enter the AppId from the ZEGOCLOUD console."))
    if not (text.isascii() and text.isdigit()):
        raise ProfileError(_("The AppId has digits only."))
    if len(text) > len(str(MAX_APP_ID)) or int(text) > MAX_APP_ID:
        raise ProfileError(_("The AppId is at most {maximum}.").format(maximum=MAX_APP_ID))
    return check_app_id(int(text))


#: A ServerSecret as the ZEGOCLOUD console shows it: 32 hexadecimal digits.
SECRET_LENGTH = 32


def secret_problem(text: str, *, complete: bool) -> str:
    """What is wrong with a ServerSecret typed by a person ("" if nothing is), checked
    without the network; while still typing (`complete` False) a short one is no problem."""
    text = text.strip()
    if not text:
        return _("Enter the ServerSecret from the ZEGOCLOUD console.") if complete else ""
    if has_spaces_inside(text):
        return _(SPACES_INSIDE)
    if not all(character in "0123456789abcdefABCDEF" for character in text):
        return _("A ServerSecret has only the digits 0–9 and the letters a–f.")
    if len(text) > SECRET_LENGTH or (complete and len(text) < SECRET_LENGTH):
        return _("A ServerSecret has {count} characters; this one has {length}.").format(
            count=SECRET_LENGTH, length=len(text)
        )
    return ""


def check_endpoint(endpoint: str) -> str:
    """The endpoint normalised (no trailing slash); https, or http only to this computer."""
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise ProfileError(_("Enter the endpoint address."))
    try:
        return normalize_endpoint(endpoint)
    except UnsafeUrlError as error:
        raise ProfileError(str(error)) from None
