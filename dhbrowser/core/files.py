"""Small file helpers shared by exports, saved previews and the thumbnail cache."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dhbrowser.i18n import _


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file, so readers never see half a file."""
    return write_atomic_with(path, lambda file: file.write(data))


def write_atomic_with(path: Path, fill: Callable[[BinaryIO], object]) -> Path:
    """Let `fill` write `path`'s content to a temporary file, then rename it into place."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            fill(file)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def unwritable(directory: Path) -> str | None:
    """Why no file can be written in `directory` (made if missing), or None if one can.

    Trying is the only reliable test: permission bits say nothing to root, nor about a
    read-only mount or a path through a file.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        return _("{folder} cannot be written ({problem})").format(
            folder=directory, problem=error.strerror or error
        )
    return None
