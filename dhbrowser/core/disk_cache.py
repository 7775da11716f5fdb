"""A bounded folder of downloaded files (portraits, previews), shared by their workers.

Qt-free, so the preview and portrait workers and `dhbrowser --check` can all use it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dhbrowser.api.urls import cache_key_path
from dhbrowser.core.files import write_atomic, write_atomic_with

log = logging.getLogger(__name__)

#: A temporary file older than this was left by a crash mid-write and is removed.
STALE_TEMPORARY_SECONDS = 3600.0


class DiskCache:
    """Original downloaded bytes on disk, keyed by human and URL path; used from workers only.

    Portraits and previews each have one (their own folder and file suffix).

    Bounded by `limit_bytes`: when a write takes the folder over it, the oldest files (by
    mtime, refreshed on every hit) are removed until it holds `EVICT_TO` of the limit. The
    folder is listed once; after that its size is counted as files are written, so a write
    costs the same with 10 portraits cached or 3,500 (listing and stat-ing the folder on
    every write cost 20 ms a write, GIL held, once the cache was full). Writes go to a
    temporary file that is renamed into place, so a crash never leaves half a file under a
    real name.

    A folder that cannot be written (a read-only home) turns the bytes API (`read`, `write`)
    into a cache in memory, bounded by MEMORY_LIMIT_BYTES, for the rest of the session. A
    file larger than `limit_bytes` was never written here: it is damage, removed unread.
    """

    #: Eviction makes room down to this fraction of the limit, so that a full cache is
    #: listed once every few hundred writes rather than on every one.
    EVICT_TO = 0.9
    #: What the cache may hold in memory when its folder cannot be written.
    MEMORY_LIMIT_BYTES = 64 * 1024 * 1024

    def __init__(self, directory: Path, limit_bytes: int, suffix: str = ".portrait") -> None:
        self.directory = directory
        self.limit_bytes = limit_bytes
        self.suffix = suffix
        self._evict_lock = threading.Lock()
        self._known_bytes: int | None = None  # the folder's size: last listing + writes since
        #: Set once a write failed: the files of this session, oldest first.
        self._memory: OrderedDict[Path, bytes] | None = None
        self._memory_bytes = 0

    @property
    def in_memory(self) -> bool:
        """Whether the folder could not be written and the cache lives in memory instead."""
        return self._memory is not None

    def path_for(self, human_id: str, url: str, variant: str = "") -> Path:
        """The file of `url`'s bytes, or (`variant`) of something made from them, such as
        a portrait scaled to one size: each variant is a file of its own."""
        name = f"{human_id}\n{cache_key_path(url)}"
        if variant:
            name += f"\n{variant}"
        digest = hashlib.sha256(name.encode()).hexdigest()
        return self.directory / f"{digest}{self.suffix}"

    def read(self, human_id: str, url: str, variant: str = "") -> bytes | None:
        path = self.path_for(human_id, url, variant)
        with self._evict_lock:
            if self._memory is not None and path in self._memory:
                self._memory.move_to_end(path)
                return self._memory[path]
        try:
            if path.stat().st_size > self.limit_bytes:
                log.warning("removing cached file %s: larger than the cache", path.name)
                path.unlink(missing_ok=True)
                return None
            data = path.read_bytes()
            os.utime(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("cannot read cached file %s: %s", path.name, error)
            return None
        return data

    def discard(self, human_id: str, url: str, variant: str = "") -> None:
        path = self.path_for(human_id, url, variant)
        with self._evict_lock:
            if self._memory is not None and (dropped := self._memory.pop(path, None)):
                self._memory_bytes -= len(dropped)
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot remove cached file %s: %s", path.name, error)

    def write(self, human_id: str, url: str, data: bytes, variant: str = "") -> None:
        """Store `data`; a full or read-only disk only costs the cache, never the thumbnail."""
        if len(data) > self.limit_bytes:
            return
        path = self.path_for(human_id, url, variant)
        if not self.in_memory:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                write_atomic(path, data)
                self._account(len(data))
                return
            except OSError as error:
                log.warning(
                    "cannot cache files in %s (%s): keeping them in memory for this session",
                    self.directory,
                    error,
                )
        self._remember(path, data)

    def _remember(self, path: Path, data: bytes) -> None:
        with self._evict_lock:
            if self._memory is None:
                self._memory = OrderedDict()
            previous = self._memory.pop(path, None)
            self._memory_bytes -= len(previous) if previous is not None else 0
            self._memory[path] = data
            self._memory_bytes += len(data)
            while self._memory_bytes > min(self.limit_bytes, self.MEMORY_LIMIT_BYTES):
                _oldest, dropped = self._memory.popitem(last=False)
                self._memory_bytes -= len(dropped)

    def find(self, human_id: str, url: str) -> Path | None:
        """The cached file of `url`, if there is one (marked as just used, so it is evicted last)."""
        path = self.path_for(human_id, url)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def store(self, human_id: str, url: str, fill: Callable[[BinaryIO], object]) -> Path:
        """Write a file through `fill(file)` and put it in place; OSError if the disk refuses.

        For downloads too large to hold in memory: the bytes go straight to the cache folder,
        and a failed or cancelled `fill` leaves nothing behind.
        """
        path = self.path_for(human_id, url)
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomic_with(path, fill)
        self._account(path.stat().st_size)
        return path

    def size_bytes(self) -> int:
        return sum(size for _mtime, size, _path in self._entries())

    def _entries(self) -> list[tuple[float, int, Path]]:
        """(mtime, size, path) of every cached file; stale temporary files are removed."""
        entries: list[tuple[float, int, Path]] = []
        stale_before = time.time() - STALE_TEMPORARY_SECONDS
        if not self.directory.is_dir():
            return entries
        with os.scandir(self.directory) as listing:
            for entry in listing:
                try:
                    stat = entry.stat()
                except FileNotFoundError:  # another worker evicted it meanwhile
                    continue
                if entry.name.endswith(self.suffix):
                    entries.append((stat.st_mtime, stat.st_size, Path(entry.path)))
                elif entry.name.endswith(".part") and stat.st_mtime < stale_before:
                    Path(entry.path).unlink(missing_ok=True)
        return entries

    def _account(self, written: int) -> None:
        """Count a write; list the folder only the first time and when it is over the limit.

        A file that a write replaced is counted twice until the next listing: the count errs
        high, so the bound holds and eviction merely comes a little early.
        """
        with self._evict_lock:
            if self._known_bytes is None:
                self._known_bytes = self.size_bytes()
            else:
                self._known_bytes += written
            if self._known_bytes > self.limit_bytes:
                self._known_bytes = self._evict(int(self.limit_bytes * self.EVICT_TO))

    def _evict(self, target_bytes: int) -> int:
        """Remove the oldest files until the folder holds `target_bytes`; return its size."""
        entries = sorted(self._entries(), key=lambda entry: entry[0])
        total = sum(size for _mtime, size, _path in entries)
        for _mtime, size, path in entries:
            if total <= target_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
        return total
