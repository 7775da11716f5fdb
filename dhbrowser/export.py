"""Turning digital humans into text people paste elsewhere: JSON, CSV, request bodies."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from dhbrowser.api.models import Action, DigitalHuman


def human_json(human: DigitalHuman, action: Action | None = None) -> dict[str, Any]:
    """The human in the API's field names, plus the chosen action if there is one.

    AvatarUrl and PreviewUrls are signed and expire within a day, so they are not part of
    what we hand on; the id is what other APIs take.
    """
    document: dict[str, Any] = {
        "DigitalHumanId": human.id,
        "Name": human.name,
        "IsPublic": human.is_public,
        "Actions": [item.name for item in human.actions],
    }
    if action is not None:
        document["SelectedAction"] = action.name
    return document


def stream_task_body(human: DigitalHuman) -> str:
    """A request body for CreateDigitalHumanStreamTask that starts a stream of this human.

    Field names follow ZEGOCLOUD's public "Create Digital Human Video Stream Task" page
    (revision of 2026-03-20): DigitalHumanConfig.DigitalHumanId (required),
    RTCConfig.RoomId and RTCConfig.StreamId (required, at most 128 bytes; StreamId only
    digits, letters, '-' and '_', unique within the AppID), TTL (10..86400 s) and
    MaxIdleTime (30..86400 s). RoomId and StreamId are suggestions to edit.
    """
    body = {
        "DigitalHumanConfig": {"DigitalHumanId": human.id},
        "RTCConfig": {"RoomId": "dhbrowser-room", "StreamId": f"dh_{human.id[:8]}"},
        "TTL": 3600,
        "MaxIdleTime": 900,
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def catalog_json(humans: Iterable[DigitalHuman]) -> str:
    return json.dumps([human_json(human) for human in humans], indent=2, ensure_ascii=False) + "\n"


def catalog_csv(humans: Iterable[DigitalHuman]) -> str:
    """One row per human; actions joined by ';' (names never contain it in ZEGO's catalogs)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "public", "actions"])
    for human in humans:
        writer.writerow(
            [
                _as_text_cell(human.id),
                _as_text_cell(human.name),
                "true" if human.is_public else "false",
                _as_text_cell(";".join(a.name for a in human.actions)),
            ]
        )
    return out.getvalue()


#: What a spreadsheet takes for the start of a formula in a cell it imports.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text_cell(text: str) -> str:
    """Server text for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    A name such as `=HYPERLINK("http://…")` would otherwise become a live formula when the
    export is opened in a spreadsheet; a leading `'` is the spreadsheets' own mark for
    "this is text" (OWASP's advice for CSV injection), and hidden by them.
    """
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
