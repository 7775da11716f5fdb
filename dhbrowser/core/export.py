"""Turning digital humans and their voices into text people paste elsewhere: JSON, CSV,
request bodies."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dhbrowser.api.models import ActionClip, DigitalHuman, Timbre

#: What DriveByText's `TaskId` is until the stream task exists: named, so nobody sends it.
TASK_ID_PLACEHOLDER = "<TaskId from CreateDigitalHumanStreamTask>"
#: CreateDigitalHumanStreamTask's RTC room and stream are the caller's to choose; named, so
#: a pasted body says what to fill in instead of carrying ids that look real.
ROOM_ID_PLACEHOLDER = "<RoomId: your RTC room, at most 128 bytes>"
STREAM_ID_PLACEHOLDER = "<StreamId: unique in your AppId, at most 128 of 0-9 A-Z a-z - _>"
#: DriveByText's `Text` may be at most this long (zego-api.md).
MAX_DRIVE_TEXT = 1800
SAMPLE_TEXT = "Hello! I am your digital human, speaking with the voice you chose in dhbrowser."


def timbre_json(timbre: Timbre) -> dict[str, str]:
    """A voice as other APIs take it: the id and the name (the picture URL expires)."""
    return {"TimbreId": timbre.id, "Name": timbre.name}


def human_json(
    human: DigitalHuman, action: ActionClip | None = None, timbre: Timbre | None = None
) -> dict[str, Any]:
    """The human in the API's field names, plus the chosen action and voice if there are.

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
    if timbre is not None:
        document["Timbre"] = timbre_json(timbre)
    return document


def stream_task_body(human: DigitalHuman) -> str:
    """A request body for CreateDigitalHumanStreamTask that starts a stream of this human.

    Field names follow ZEGOCLOUD's public "Create Digital Human Video Stream Task" page
    (revision of 2026-03-20): DigitalHumanConfig.DigitalHumanId (required),
    RTCConfig.RoomId and RTCConfig.StreamId (required, at most 128 bytes; StreamId only
    digits, letters, '-' and '_', unique within the AppID), TTL (10..86400 s) and
    MaxIdleTime (30..86400 s). RoomId and StreamId are named placeholders: only the caller
    knows its room, and a made-up StreamId could collide with a live stream.
    """
    body = {
        "DigitalHumanConfig": {"DigitalHumanId": human.id},
        "RTCConfig": {"RoomId": ROOM_ID_PLACEHOLDER, "StreamId": STREAM_ID_PLACEHOLDER},
        "TTL": 3600,
        "MaxIdleTime": 900,
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def drive_by_text_body(timbre: Timbre, text: str = SAMPLE_TEXT) -> str:
    """A DriveByText request body that makes the stream speak `text` with this voice.

    TaskId is a named placeholder: the id exists only once CreateDigitalHumanStreamTask has
    answered. SpeechRate and PitchRate are their documented defaults (0, range -500..500);
    the documentation gives Volume no range or default, so 0 (unchanged on the same scale as
    its siblings) is an assumption, written out so that it is easy to edit.
    """
    if len(text) > MAX_DRIVE_TEXT:
        raise ValueError(f"DriveByText takes at most {MAX_DRIVE_TEXT} characters")
    body = {
        "TaskId": TASK_ID_PLACEHOLDER,
        "Text": text,
        "InterruptMode": 0,
        "TTSConfig": {"TimbreId": timbre.id, "SpeechRate": 0, "PitchRate": 0, "Volume": 0},
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def request_pair(human: DigitalHuman, timbre: Timbre) -> str:
    """The two requests that make this human speak with this voice, in the order they are sent.

    The documented CreateDigitalHumanStreamTask body has no voice field (the voice is
    DriveByText's TTSConfig.TimbreId), so the chosen voice travels in the second request.
    """
    return (
        "POST ?Action=CreateDigitalHumanStreamTask\n"
        f"{stream_task_body(human)}\n\n"
        "POST ?Action=DriveByText\n"
        f"{drive_by_text_body(timbre)}\n"
    )


def catalog_json(
    humans: Iterable[DigitalHuman], voices: Mapping[str, Sequence[Timbre]] | None = None
) -> str:
    """The humans as JSON; with `voices` (human id → its bound voices), each human carries
    its bound voices as "Timbres"."""
    documents = []
    for human in humans:
        document = human_json(human)
        if voices is not None:
            document["Timbres"] = [timbre_json(timbre) for timbre in voices.get(human.id, ())]
        documents.append(document)
    return json.dumps(documents, indent=2, ensure_ascii=False) + "\n"


def catalog_csv(
    humans: Iterable[DigitalHuman], voices: Mapping[str, Sequence[Timbre]] | None = None
) -> str:
    """One row per human; actions joined by ';' (names never contain it in ZEGO's catalogs).
    With `voices`, a "timbres" column holds the human's bound TimbreIds, joined by ';' too."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["id", "name", "public", "actions", *(["timbres"] if voices is not None else [])]
    )
    for human in humans:
        row = [
            _as_text_cell(human.id),
            _as_text_cell(human.name),
            "true" if human.is_public else "false",
            _as_text_cell(";".join(a.name for a in human.actions)),
        ]
        if voices is not None:
            row.append(_as_text_cell(";".join(timbre.id for timbre in voices.get(human.id, ()))))
        writer.writerow(row)
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
