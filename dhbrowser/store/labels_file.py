"""A team's labels file: a JSON object of action names to labels, `{"802_921474": "nod"}`.

Written by File → Export labels and `dhbrowser catalog labels --format json`; read, with a
size cap and every entry checked, by File → Import labels and `catalog labels --import`.
"""

from __future__ import annotations

import json
from pathlib import Path

from dhbrowser.api.errors import DhError
from dhbrowser.i18n import _
from dhbrowser.store.model import MAX_LABEL

#: A few kilobytes in practice; anything this large is not a labels file.
MAX_FILE_BYTES = 4 * 1024 * 1024


class LabelsFileError(DhError, ValueError):
    """The file cannot be used as labels; the message says why, and nothing was set.

    A DhError: an expected answer to a user's file, not a bug for the worker log to trace."""


def read(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(_("it is larger than {size} KiB").format(size=MAX_FILE_BYTES // 1024))
        document = json.loads(data)
    except (OSError, ValueError) as error:
        raise LabelsFileError(
            _("Cannot read the labels in {path}: {problem}").format(path=path, problem=error)
        ) from None
    if not isinstance(document, dict) or not all(
        isinstance(name, str) and name and isinstance(label, str)
        for name, label in document.items()
    ):
        raise LabelsFileError(
            _(
                '{path} is not a labels file: it must be a JSON object {{"action name": "label"}}.'
            ).format(path=path)
        )
    too_long = next((name for name, label in document.items() if len(label) > MAX_LABEL), None)
    if too_long is not None:
        raise LabelsFileError(
            _(
                "{path}: the label of {action} is longer than {limit} characters; nothing was set."
            ).format(path=path, action=repr(too_long), limit=MAX_LABEL)
        )
    return document


def dumps(labels: dict[str, str]) -> str:
    return json.dumps(labels, ensure_ascii=False, indent=2)
