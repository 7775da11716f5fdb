"""The emulator's digital humans, in list order, their voices, and the media bytes they point at.

The list is mutable while the emulator serves it (tests insert and remove humans between
pages, as a real account changes while someone browses), so every access takes a lock.
Media files are read on first request, not at load, so that starting the demo costs no
disk reads; what was read is kept, since the demo catalog is a few megabytes and a
synthetic catalog of any size shares the same bytes.

Voices (timbres) come from timbres.json beside catalog.json: public ones, and private
ones bound to one human each. They do not change while serving; a catalog folder without
timbres.json has no voices.
"""

from __future__ import annotations

import functools
import json
import logging
import stat
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from dhbrowser.api.models import FetchMode
from dhbrowser.emulator.resources import CATALOG_FILE, catalog_dir

log = logging.getLogger(__name__)

CATALOG_VERSION = 1
TIMBRES_FILE = "timbres.json"
MEDIA_TYPES: Mapping[str, str] = MappingProxyType(
    {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".mp4": "video/mp4"}
)
#: A catalog file larger than this is not one (the demo's is a few kilobytes; 100,000
#: humans fit in well under this).
MAX_CATALOG_FILE_BYTES = 64 * 1024 * 1024
#: Namespace of the deterministic ids of `Catalog.synthetic` humans.
SYNTHETIC_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "synthetic.emulator.dhbrowser.invalid")


class CatalogError(ValueError):
    """catalog.json, or a human added at runtime, does not fit the catalog's rules."""


def media_type(path: str) -> str:
    """The Content-Type of a catalog media file, from its extension."""
    return MEDIA_TYPES[PurePosixPath(path).suffix.lower()]


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """One action of a human; `preview` is a media path in the catalog, "" when there is none."""

    action: str
    preview: str = ""


@dataclass(frozen=True, slots=True)
class HumanRecord:
    """One human as catalog.json describes it: media are paths, not URLs."""

    id: str
    name: str
    public: bool
    portrait: str
    actions: tuple[ActionRecord, ...] = ()

    @classmethod
    def from_json(cls, item: object, where: str = "human") -> HumanRecord:
        """Parse one entry of catalog.json's `humans`, naming the bad field on error."""
        if not isinstance(item, dict):
            raise CatalogError(f"{where} must be an object")
        human_id, name, public = item.get("id"), item.get("name"), item.get("public")
        if not isinstance(human_id, str) or not human_id:
            raise CatalogError(f"{where}.id must be a non-empty string")
        if not isinstance(name, str) or not name:
            raise CatalogError(f"{where}.name must be a non-empty string")
        if not isinstance(public, bool):
            raise CatalogError(f"{where}.public must be true or false")
        raw_actions = item.get("actions", [])
        if not isinstance(raw_actions, list):
            raise CatalogError(f"{where}.actions must be a list")
        actions = []
        for index, raw in enumerate(raw_actions):
            here = f"{where}.actions[{index}]"
            if not isinstance(raw, dict) or not isinstance(raw.get("action"), str):
                raise CatalogError(f"{here} must be an object with a string 'action'")
            if not raw["action"]:
                raise CatalogError(f"{here}.action must not be empty")
            preview = _media_path(raw.get("preview", ""), f"{here}.preview", allow_empty=True)
            actions.append(ActionRecord(raw["action"], preview))
        portrait = _media_path(item.get("portrait"), f"{where}.portrait", allow_empty=False)
        return cls(human_id, name, public, portrait, tuple(actions))

    def to_json(self) -> dict[str, object]:
        """The entry of catalog.json's `humans` that `from_json` reads back as this human."""
        return {
            "id": self.id,
            "name": self.name,
            "public": self.public,
            "portrait": self.portrait,
            "actions": [{"action": a.action, "preview": a.preview} for a in self.actions],
        }

    def media_paths(self) -> list[str]:
        """Every media file this human needs."""
        return [self.portrait, *(action.preview for action in self.actions if action.preview)]


@dataclass(frozen=True, slots=True)
class TimbreRecord:
    """One voice as timbres.json describes it; `human` is the id of the one human it is
    bound to (a private voice), "" for a public voice."""

    id: str
    name: str
    picture: str
    human: str = ""

    @classmethod
    def from_json(cls, item: object, where: str = "timbre") -> TimbreRecord:
        """Parse one entry of timbres.json's `timbres`, naming the bad field on error."""
        if not isinstance(item, dict):
            raise CatalogError(f"{where} must be an object")
        timbre_id, name, human = item.get("id"), item.get("name"), item.get("human", "")
        if not isinstance(timbre_id, str) or not timbre_id:
            raise CatalogError(f"{where}.id must be a non-empty string")
        if not isinstance(name, str) or not name:
            raise CatalogError(f"{where}.name must be a non-empty string")
        if not isinstance(human, str):
            raise CatalogError(f"{where}.human must be a DigitalHumanId or absent")
        picture = _media_path(item.get("picture"), f"{where}.picture", allow_empty=False)
        return cls(timbre_id, name, picture, human)


class MediaFiles(Mapping[str, bytes]):
    """The media files of a catalog folder, each read on first request and then kept.

    The keys are fixed; `__getitem__` raises OSError for a file that can no longer be read.
    Threads may read the same file twice at first; the first bytes stored win.
    """

    def __init__(self, folder: Path, paths: Iterable[str]) -> None:
        self._folder = folder
        self._paths = tuple(dict.fromkeys(paths))
        self._known = frozenset(self._paths)
        self._read: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def __getitem__(self, path: str) -> bytes:
        data = self._read.get(path)
        if data is not None:
            return data
        if path not in self._known:
            raise KeyError(path)
        data = (self._folder / path).read_bytes()
        with self._lock:
            return self._read.setdefault(path, data)

    def __contains__(self, path: object) -> bool:
        return path in self._known  # without reading, unlike Mapping's default

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


class Catalog:
    """An ordered, mutable list of humans and a fixed list of voices over an immutable set of
    media files."""

    def __init__(
        self,
        humans: Iterable[HumanRecord],
        media: Mapping[str, bytes],
        timbres: Iterable[TimbreRecord] = (),
    ) -> None:
        """`media` is treated as immutable; a plain dict is copied so that its owner cannot
        change it. Other mappings (`MediaFiles`, another catalog's) are kept as given, unread.
        A voice must be bound to a human of `humans`, if to any."""
        for path in media:
            _media_path(path, f"media path {path!r}", allow_empty=False)
        self._media: Mapping[str, bytes] = (
            MappingProxyType(dict(media)) if isinstance(media, dict) else media
        )
        self._lock = threading.Lock()
        self._humans: list[HumanRecord] = []
        self._by_id: dict[str, HumanRecord] = {}
        for human in humans:
            self._check(human)
            self._humans.append(human)
            self._by_id[human.id] = human
        self._timbres: tuple[TimbreRecord, ...] = tuple(timbres)
        self._timbres_by_id: dict[str, TimbreRecord] = {}
        self._timbres_by_human: dict[str, list[TimbreRecord]] = {}  # "": the public ones
        for timbre in self._timbres:
            self._check_timbre(timbre)
            self._timbres_by_id[timbre.id] = timbre
            self._timbres_by_human.setdefault(timbre.human, []).append(timbre)

    @classmethod
    def from_dir(cls, directory: Path | str) -> Catalog:
        """Load catalog.json from `directory` and check that every media file it names is
        there; the files themselves are read on first request (see `MediaFiles`)."""
        folder = Path(directory)
        source = folder / CATALOG_FILE
        humans = _read_humans(source)
        timbres = _read_timbres(folder / TIMBRES_FILE)
        media = MediaFiles(
            folder,
            [
                *(path for human in humans for path in human.media_paths()),
                *(timbre.picture for timbre in timbres),
            ],
        )
        for path in media:
            try:
                mode = (folder / path).stat().st_mode
            except OSError as exc:
                raise CatalogError(f"{source}: cannot read {path}: {exc}") from exc
            if not stat.S_ISREG(mode):
                raise CatalogError(f"{source}: cannot read {path}: not a regular file")
        return cls(humans, media, timbres)

    @classmethod
    def from_file(cls, path: Path | str, media_from: Catalog | None = None) -> Catalog:
        """The humans a catalog.json-format file lists, over the media of `media_from`
        (default: the demo catalog), so a test or a person can write a catalog of any
        shape, and change it between syncs, without copying a single portrait."""
        source = media_from if media_from is not None else cls.demo()
        humans = _read_humans(Path(path))
        present = {human.id for human in humans}
        timbres = [t for t in source._timbres if not t.human or t.human in present]
        try:
            return cls(humans, source._media, timbres)
        except CatalogError as exc:
            raise CatalogError(f"{path}: {exc}") from None

    @classmethod
    def demo(cls) -> Catalog:
        """The catalog shipped with dhbrowser (see `resources.catalog_dir`), as a fresh copy;
        catalog.json is parsed once per process, media files on first request (then kept)."""
        return _load_demo(catalog_dir()).copy()

    @classmethod
    def synthetic(cls, count: int, base: Catalog | None = None) -> Catalog:
        """`count` humans cycling through `base` (default: the demo), for scale tests.

        Ids are uuid5 of the base id and the index, so the same call gives the same ids;
        names are "<base name> #0042". The media bytes are shared, not copied. The public
        voices are the base's; each human gets its own copy of its model's bound voices.
        """
        if count < 0:
            raise ValueError("count must not be negative")
        source = base if base is not None else cls.demo()
        models = source.records()
        if count and not models:
            raise CatalogError("cannot scale an empty catalog")
        width = max(4, len(str(count - 1)))
        bound: dict[str, list[TimbreRecord]] = {}
        timbres = []
        for timbre in source._timbres:
            if timbre.human:
                bound.setdefault(timbre.human, []).append(timbre)
            else:
                timbres.append(timbre)
        humans = []
        for index in range(count):
            model = models[index % len(models)]
            human_id = str(uuid.uuid5(SYNTHETIC_NAMESPACE, f"{model.id}/{index}"))
            humans.append(
                HumanRecord(
                    id=human_id,
                    name=f"{model.name} #{index:0{width}d}",
                    public=model.public,
                    portrait=model.portrait,
                    actions=model.actions,
                )
            )
            timbres += [
                TimbreRecord(
                    str(uuid.uuid5(SYNTHETIC_NAMESPACE, f"{timbre.id}/{index}")),
                    timbre.name,
                    timbre.picture,
                    human_id,
                )
                for timbre in bound.get(model.id, ())
            ]
        return cls(humans, source._media, timbres)

    def copy(self) -> Catalog:
        """An independent list of the same humans (media shared), for one emulator to mutate;
        the voices of humans removed meanwhile are left out."""
        humans = self.records()
        present = {human.id for human in humans}
        timbres = [
            timbre for timbre in self._timbres if not timbre.human or timbre.human in present
        ]
        return Catalog(humans, self._media, timbres)

    def __len__(self) -> int:
        with self._lock:
            return len(self._humans)

    def records(self) -> list[HumanRecord]:
        """A snapshot of all humans, in list order."""
        with self._lock:
            return list(self._humans)

    def get(self, human_id: str) -> HumanRecord | None:
        with self._lock:
            return self._by_id.get(human_id)

    def page(self, fetch_mode: FetchMode, offset: int, limit: int) -> tuple[int, list[HumanRecord]]:
        """(how many humans match `fetch_mode`, the `limit` of them from `offset`)."""
        with self._lock:
            if fetch_mode == FetchMode.ALL:
                return len(self._humans), self._humans[offset : offset + limit]
            want_public = fetch_mode == FetchMode.PUBLIC
            matching = [human for human in self._humans if human.public == want_public]
        return len(matching), matching[offset : offset + limit]

    def timbres(self) -> tuple[TimbreRecord, ...]:
        """Every voice, public and bound, in list order."""
        return self._timbres

    def get_timbre(self, timbre_id: str) -> TimbreRecord | None:
        return self._timbres_by_id.get(timbre_id)

    def timbre_page(
        self, human_id: str, offset: int, limit: int
    ) -> tuple[int, list[TimbreRecord]] | None:
        """(how many voices match, the `limit` of them from `offset`): the public voices when
        `human_id` is "", else those bound to that human; None if there is no such human."""
        if human_id and self.get(human_id) is None:
            return None
        matching = self._timbres_by_human.get(human_id, [])
        return len(matching), matching[offset : offset + limit]

    def insert(self, index: int, human: HumanRecord) -> None:
        """Add a human at list position `index` (as `list.insert` does)."""
        with self._lock:
            self._check(human)
            self._humans.insert(index, human)
            self._by_id[human.id] = human

    def remove(self, human_id: str) -> HumanRecord:
        """Take a human out of the list; KeyError if there is none with this id."""
        with self._lock:
            human = self._by_id.pop(human_id)
            self._humans.remove(human)
            return human

    def media(self, path: str) -> bytes | None:
        """The bytes of a media file of the catalog, or None. A file removed or made unreadable
        since loading counts as missing: the server answers 404 rather than failing."""
        try:
            return self._media.get(path)
        except OSError as exc:
            log.warning("cannot read catalog media %s: %s", path, exc)
            return None

    def _check(self, human: HumanRecord) -> None:
        if human.id in self._by_id:
            raise CatalogError(f"duplicate DigitalHumanId {human.id!r}")
        missing = [path for path in human.media_paths() if path not in self._media]
        if missing:
            raise CatalogError(f"human {human.id!r} refers to unknown media {missing}")

    def _check_timbre(self, timbre: TimbreRecord) -> None:
        if timbre.id in self._timbres_by_id:
            raise CatalogError(f"duplicate TimbreId {timbre.id!r}")
        if timbre.picture not in self._media:
            raise CatalogError(f"voice {timbre.id!r} refers to unknown media {timbre.picture!r}")
        if timbre.human and timbre.human not in self._by_id:
            raise CatalogError(f"voice {timbre.id!r} is bound to unknown human {timbre.human!r}")


def _read_timbres(source: Path) -> list[TimbreRecord]:
    """The voices of timbres.json; none when the file is absent (an older catalog folder)."""
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise CatalogError(f"cannot read {source}: {exc}") from exc
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise CatalogError(f"cannot read {source}: {exc}") from exc
    if not isinstance(document, dict) or document.get("version") != CATALOG_VERSION:
        raise CatalogError(f"{source} is not a version {CATALOG_VERSION} voice list")
    raw_timbres = document.get("timbres")
    if not isinstance(raw_timbres, list):
        raise CatalogError(f"{source}: 'timbres' must be a list")
    return [TimbreRecord.from_json(raw, f"timbres[{i}]") for i, raw in enumerate(raw_timbres)]


def _read_humans(source: Path) -> list[HumanRecord]:
    """The `humans` of a catalog.json-format file, read with a size cap."""
    try:
        with source.open("rb") as file:
            data = file.read(MAX_CATALOG_FILE_BYTES + 1)
        if len(data) > MAX_CATALOG_FILE_BYTES:
            raise CatalogError(f"{source} is larger than {MAX_CATALOG_FILE_BYTES} bytes")
        document = json.loads(data)
    except (OSError, ValueError) as exc:
        raise CatalogError(f"cannot read {source}: {exc}") from exc
    if not isinstance(document, dict) or document.get("version") != CATALOG_VERSION:
        raise CatalogError(f"{source} is not a version {CATALOG_VERSION} catalog")
    raw_humans = document.get("humans")
    if not isinstance(raw_humans, list):
        raise CatalogError(f"{source}: 'humans' must be a list")
    try:
        return [HumanRecord.from_json(raw, f"humans[{i}]") for i, raw in enumerate(raw_humans)]
    except CatalogError as exc:
        raise CatalogError(f"{source}: {exc}") from None


@functools.cache
def _load_demo(folder: Path) -> Catalog:
    return Catalog.from_dir(folder)


def _media_path(value: object, where: str, *, allow_empty: bool) -> str:
    """A media path inside the catalog folder: relative, no '..', with a known extension."""
    if not isinstance(value, str):
        raise CatalogError(f"{where} must be a string")
    if not value and allow_empty:
        return ""
    path = PurePosixPath(value)
    if not value or path.is_absolute() or ".." in path.parts or "\\" in value:
        raise CatalogError(f"{where} must be a relative path inside the catalog, not {value!r}")
    if path.suffix.lower() not in MEDIA_TYPES:
        raise CatalogError(f"{where} must end in one of {sorted(MEDIA_TYPES)}, not {value!r}")
    return value
