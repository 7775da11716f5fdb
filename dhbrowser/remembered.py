"""The first page of each catalog as last seen, so that the next start paints it at once.

A catalog is one app (AppId and endpoint, or the demo) in one FetchMode. When its first
page arrives it is written here; when the same catalog is opened again, the remembered
page is shown while the fresh one is on its way, and the fresh one replaces it. The
portraits come from the thumbnails' disk cache, so a repeat start needs no network to
show its first screenful: the request, httpx's import and the demo's emulator are all
off that path.

Nothing secret is stored: names, ids, public/private flags and media links (which expire
on their own). It is a cache: a file of another format or catalog is ignored, a damaged
one (too large, not JSON, not a page) is renamed `*.damaged` with a warning that names it
(one per catalog, evicted with the rest), at most `MAX_FILES` catalogs are kept, and
they are read and written by workers only.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from dhbrowser.api.errors import ProtocolError
from dhbrowser.api.models import DigitalHuman, FetchMode, parse_human
from dhbrowser.connection import Connection
from dhbrowser.files import write_atomic
from dhbrowser.profiles import Profile

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
#: Catalogs remembered at most; the least recently written go first.
MAX_FILES = 32
#: A first page is at most 20 humans, a few kilobytes; anything larger is not ours.
MAX_FILE_BYTES = 1 << 20


@dataclass(frozen=True)
class CatalogKey:
    """Which catalog a page belongs to. The demo's endpoint changes every start (a free
    port), so the demo is one catalog whatever its address."""

    app_id: int
    endpoint: str
    fetch_mode: FetchMode

    @classmethod
    def demo(cls, fetch_mode: FetchMode) -> CatalogKey:
        return cls(0, "demo", fetch_mode)

    @classmethod
    def of_connection(cls, connection: Connection, fetch_mode: FetchMode) -> CatalogKey:
        if connection.is_demo:
            return cls.demo(fetch_mode)
        return cls(connection.app_id, connection.endpoint.rstrip("/"), fetch_mode)

    @classmethod
    def of_profile(cls, profile: Profile, fetch_mode: FetchMode) -> CatalogKey:
        return cls(profile.app_id, profile.endpoint.rstrip("/"), fetch_mode)

    def file_name(self) -> str:
        identity = f"{self.app_id}\n{self.endpoint}\n{int(self.fetch_mode)}"
        return hashlib.sha256(identity.encode()).hexdigest()[:32] + ".json"


class RememberedPages:
    """First pages on disk, one small JSON file per catalog; call from workers only."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def load(self, key: CatalogKey) -> list[DigitalHuman]:
        """The page remembered for `key`, or [] if there is none or it cannot be read."""
        path = self.directory / key.file_name()
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
            document = json.loads(path.read_bytes())
            if not isinstance(document, dict):
                raise TypeError("not a JSON object")
            if document.get("version") != FORMAT_VERSION or document.get("key") != _key_json(key):
                log.info("ignoring the remembered first page %s: another format or catalog", path)
                return []
            return [parse_human(raw, where="humans[]") for raw in document["humans"]]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as error:
            log.warning("cannot read the remembered first page %s: %s", path, error)
            return []
        except (ValueError, TypeError, KeyError, AttributeError, ProtocolError) as error:
            self._move_aside(path, error)
            return []

    def _move_aside(self, path: Path, error: Exception) -> None:
        aside = path.with_suffix(".damaged")
        try:
            path.replace(aside)
        except OSError as move_error:
            log.warning("the remembered first page %s is damaged (%s): %s", path, error, move_error)
            return
        log.warning("the remembered first page was damaged (%s): moved to %s", error, aside)

    def save(self, key: CatalogKey, humans: list[DigitalHuman]) -> None:
        """Remember `humans` as `key`'s first page; a full or read-only disk only costs this."""
        document = {
            "version": FORMAT_VERSION,
            "key": _key_json(key),
            "humans": [human.to_json() for human in humans],
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomic(self.directory / key.file_name(), json.dumps(document).encode())
            self._evict()
        except OSError as error:
            log.warning("cannot remember the first page of the catalog: %s", error)

    def _evict(self) -> None:
        for pattern in ("*.json", "*.damaged"):
            files = sorted(self.directory.glob(pattern), key=lambda path: path.stat().st_mtime)
            for path in files[:-MAX_FILES]:
                path.unlink(missing_ok=True)


def _key_json(key: CatalogKey) -> list[object]:
    return [key.app_id, key.endpoint, int(key.fetch_mode)]
