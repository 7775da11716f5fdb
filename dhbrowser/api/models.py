"""Immutable, typed views of the API's answers, parsed strictly where a wrong value would mislead.

Strict: a missing `DigitalHumanId` or `TimbreId` (or one with control characters), a
non-list `Actions`, a non-integer `Total` raise `ProtocolError` naming the field and the
RequestId. Tolerant: unknown fields are ignored, an empty `PreviewUrl` is allowed, a missing
`Actions` means none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, TypeGuard

from dhbrowser.api.errors import ApiError, ProtocolError
from dhbrowser.api.text import has_unsafe_characters, plain_text

#: The largest Total taken as a count. The API can serve at most about a million humans
#: (Offset 0..1,000,000); beyond this bound (a 32-bit int, what Qt's counts hold) a Total
#: is not a count at all, and passing it on would overflow every progress display.
MAX_TOTAL = 2**31 - 1
#: The longest DigitalHumanId or action name taken. Both are identifiers other API calls take
#: back (ids are UUIDs, 36 characters; ZEGO's RTC ids stop at 128 bytes): a longer one is
#: not an identifier the service could use, and it would cost every widget that shows it.
MAX_IDENTIFIER = 128
#: Names are shown, not sent back, so a longer one is cut (with "…") rather than refused:
#: a name of a million characters froze the window for 6 to 14 s while it laid it out.
MAX_NAME = 256
#: The most actions one human may list. ZEGO's humans have a handful; 100,000 (which fit in
#: an answer) froze the window for 5 s when the human was selected.
MAX_ACTIONS = 1000
#: A RequestId is a UUID (36 characters); it is shown and logged, so it is kept this short.
MAX_REQUEST_ID = 64


class FetchMode(IntEnum):
    ALL = 1
    PUBLIC = 2
    PRIVATE = 3


@dataclass(frozen=True, slots=True)
class ActionClip:
    """One of an avatar's action clips: its API name ("Action") and its preview video."""

    name: str
    preview_url: str = ""

    def to_json(self) -> dict[str, str]:
        return {"Action": self.name, "PreviewUrl": self.preview_url}


@dataclass(frozen=True, slots=True)
class DigitalHuman:
    id: str
    name: str
    avatar_url: str
    is_public: bool
    actions: tuple[ActionClip, ...] = ()

    def preview_url(self, action_name: str) -> str:
        """The preview of the action named `action_name`, "" if it has none or no such action."""
        return next(
            (action.preview_url for action in self.actions if action.name == action_name), ""
        )

    def to_json(self) -> dict[str, Any]:
        """The human in the API's own field names, as the API serves it."""
        return {
            "DigitalHumanId": self.id,
            "Name": self.name,
            "AvatarUrl": self.avatar_url,
            "IsPublic": self.is_public,
            "Actions": [action.to_json() for action in self.actions],
        }


@dataclass(frozen=True, slots=True)
class Page:
    """One answer of GetDigitalHumanList: `humans` starting at `offset`, of `total` in all."""

    total: int
    humans: tuple[DigitalHuman, ...]
    offset: int
    request_id: str = field(default="", compare=False)

    @property
    def items(self) -> tuple[DigitalHuman, ...]:
        """The page's entries, under the name `Pager` reads for every kind of list."""
        return self.humans


@dataclass(frozen=True, slots=True)
class Timbre:
    """A voice a digital human can speak with; `avatar_url` is its picture (signed, 24 h)."""

    id: str
    name: str
    avatar_url: str

    def to_json(self) -> dict[str, str]:
        """The timbre in the API's own field names, as GetTimbreList serves it."""
        return {"TimbreId": self.id, "Name": self.name, "AvatarUrl": self.avatar_url}


@dataclass(frozen=True, slots=True)
class TimbrePage:
    """One answer of GetTimbreList: `timbres` starting at `offset`, of `total` in all."""

    total: int
    timbres: tuple[Timbre, ...]
    offset: int
    request_id: str = field(default="", compare=False)

    @property
    def items(self) -> tuple[Timbre, ...]:
        return self.timbres


def decode_envelope(body: bytes, status: int) -> tuple[Mapping[str, Any], str]:
    """Check the common response and return (Data, RequestId); raise ApiError on Code != 0."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as exc:
        # ValueError: not UTF-8, not JSON, or an integer of more than 4300 digits (Python's
        # bound on int parsing); RecursionError: arrays or objects nested thousands deep.
        excerpt = body[:60].decode("utf-8", "replace").strip()
        raise ProtocolError(
            f"the answer is not JSON dhbrowser can read ({excerpt!r}…)", status=status
        ) from exc
    if not isinstance(document, dict):
        raise ProtocolError("the answer is not a JSON object", status=status)
    request_id = document.get("RequestId")
    request_id = plain_text(request_id, MAX_REQUEST_ID) if isinstance(request_id, str) else ""
    code = document.get("Code")
    if not _is_int(code):
        raise ProtocolError(
            "field 'Code' is missing or not an integer", status=status, request_id=request_id
        )
    if code != 0:
        message = document.get("Message")
        raise ApiError(code, message if isinstance(message, str) else "", request_id)
    data = document.get("Data")
    if not isinstance(data, dict):
        raise ProtocolError(
            "field 'Data' is missing or not an object", status=status, request_id=request_id
        )
    return data, request_id


def parse_human(data: Mapping[str, Any], request_id: str = "", where: str = "Data") -> DigitalHuman:
    """One DigitalHuman object; `where` names its place in the answer for error messages."""
    human_id = data.get("DigitalHumanId")
    if not isinstance(human_id, str) or not human_id:
        raise ProtocolError(
            f"field '{where}.DigitalHumanId' is missing or not a string", request_id=request_id
        )
    if has_unsafe_characters(human_id):
        # The id is what users copy into code, shell commands and other API calls, and what
        # `--pick` prints for scripts. A control character in it would reach a terminal or a
        # command line; a bidi mark would make the id on screen differ from the id copied.
        # No real id holds one (they are UUIDs), so such an answer is a broken answer.
        raise ProtocolError(
            f"field '{where}.DigitalHumanId' contains control or bidi characters",
            request_id=request_id,
        )
    _check_identifier_length(human_id, f"{where}.DigitalHumanId", request_id)
    raw_actions = data.get("Actions", [])
    if raw_actions is None:
        raw_actions = []
    if not isinstance(raw_actions, list):
        raise ProtocolError(f"field '{where}.Actions' is not a list", request_id=request_id)
    if len(raw_actions) > MAX_ACTIONS:
        raise ProtocolError(
            f"field '{where}.Actions' lists {len(raw_actions):,} actions, more than a digital"
            f" human has ({MAX_ACTIONS})",
            request_id=request_id,
        )
    actions = tuple(
        _parse_action(item, request_id, f"{where}.Actions[{index}]")
        for index, item in enumerate(raw_actions)
    )
    name = data.get("Name")
    if not isinstance(name, str) or not name:
        name = human_id
    elif len(name) > MAX_NAME:
        name = name[: MAX_NAME - 1] + "…"
    avatar_url = data.get("AvatarUrl")
    is_public = data.get("IsPublic")
    return DigitalHuman(
        id=human_id,
        name=name,
        avatar_url=avatar_url if isinstance(avatar_url, str) else "",
        is_public=is_public if isinstance(is_public, bool) else False,
        actions=actions,
    )


def parse_page(data: Mapping[str, Any], offset: int, request_id: str = "") -> Page:
    """The Data of a GetDigitalHumanList answer."""
    total, entries = _list_data(data, "DigitalHumans", request_id)
    humans = tuple(parse_human(item, request_id, where) for where, item in entries)
    return Page(total=total, humans=humans, offset=offset, request_id=request_id)


def parse_timbre(data: Mapping[str, Any], request_id: str = "", where: str = "Data") -> Timbre:
    """One Timbre object: a TimbreId is required (it is what DriveByText takes)."""
    timbre_id = data.get("TimbreId")
    if not isinstance(timbre_id, str) or not timbre_id:
        raise ProtocolError(
            f"field '{where}.TimbreId' is missing or not a string", request_id=request_id
        )
    name = data.get("Name")
    avatar_url = data.get("AvatarUrl")
    return Timbre(
        id=timbre_id,
        name=name if isinstance(name, str) and name else timbre_id,
        avatar_url=avatar_url if isinstance(avatar_url, str) else "",
    )


def parse_timbre_page(data: Mapping[str, Any], offset: int, request_id: str = "") -> TimbrePage:
    """The Data of a GetTimbreList answer."""
    total, entries = _list_data(data, "Timbres", request_id)
    timbres = tuple(parse_timbre(item, request_id, where) for where, item in entries)
    return TimbrePage(total=total, timbres=timbres, offset=offset, request_id=request_id)


def _list_data(
    data: Mapping[str, Any], key: str, request_id: str
) -> tuple[int, list[tuple[str, Mapping[str, Any]]]]:
    """`Total` and the objects of the list `key` of a list answer, each with its place."""
    total = data.get("Total")
    if not _is_int(total) or total < 0:
        raise ProtocolError(
            "field 'Data.Total' is missing or not a non-negative integer", request_id=request_id
        )
    if total > MAX_TOTAL:
        raise ProtocolError(
            f"field 'Data.Total' is {total:.3g}, more than any catalog holds",
            request_id=request_id,
        )
    raw_items = data.get(key, [])
    if raw_items is None:
        raw_items = []
    if not isinstance(raw_items, list):
        raise ProtocolError(f"field 'Data.{key}' is not a list", request_id=request_id)
    entries: list[tuple[str, Mapping[str, Any]]] = []
    for index, item in enumerate(raw_items):
        where = f"Data.{key}[{index}]"
        if not isinstance(item, dict):
            raise ProtocolError(f"field '{where}' is not an object", request_id=request_id)
        entries.append((where, item))
    return total, entries


def _parse_action(item: object, request_id: str, where: str) -> ActionClip:
    if not isinstance(item, dict):
        raise ProtocolError(f"field '{where}' is not an object", request_id=request_id)
    name = item.get("Action")
    if not isinstance(name, str) or not name:
        raise ProtocolError(
            f"field '{where}.Action' is missing or not a string", request_id=request_id
        )
    _check_identifier_length(name, f"{where}.Action", request_id)
    preview = item.get("PreviewUrl")
    return ActionClip(name=name, preview_url=preview if isinstance(preview, str) else "")


def _check_identifier_length(value: str, where: str, request_id: str) -> None:
    if len(value) > MAX_IDENTIFIER:
        raise ProtocolError(
            f"field '{where}' is {len(value):,} characters long, more than an identifier"
            f" ({MAX_IDENTIFIER})",
            request_id=request_id,
        )


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
