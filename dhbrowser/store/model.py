"""What the store hands out: immutable, Qt-free records of stored catalogs and their changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dhbrowser.api.models import DigitalHuman
from dhbrowser.api.paging import MAX_LIMIT, MAX_OFFSET
from dhbrowser.core.connection import Connection
from dhbrowser.core.profiles import Profile
from dhbrowser.i18n import _, ngettext

#: Bounds on what is stored, so that every read of it is bounded too.
#: The most humans one catalog can list (the API's largest offset and one page more).
MAX_HUMANS = MAX_OFFSET + MAX_LIMIT
MAX_ACTIONS = 1000
MAX_VOICES = 100_000
#: Server text longer than this is cut: no real name or URL comes near it.
MAX_TEXT = 8192
MAX_LABEL = 200
MAX_TAG = 64
MAX_TAGS = 64
MAX_NOTE = 10_000
MAX_FAVOURITES = 100_000

#: The demo's endpoint changes every start (a free port), so the demo is one catalog
#: whatever its address, under this name and AppId 0.
DEMO_ENDPOINT = "demo"


def local_time(timestamp: float) -> str:
    """A sync's time as people read it, in their time zone: "2026-12-01 21:40"."""
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class StoreKey:
    """Which catalog: one app, named by its endpoint and AppId."""

    endpoint: str
    app_id: int

    @classmethod
    def demo(cls) -> StoreKey:
        return cls(DEMO_ENDPOINT, 0)

    @classmethod
    def of_connection(cls, connection: Connection) -> StoreKey:
        if connection.is_demo:
            return cls.demo()
        return cls(connection.endpoint.rstrip("/"), connection.app_id)

    @classmethod
    def of_profile(cls, profile: Profile) -> StoreKey:
        return cls(profile.endpoint.rstrip("/"), profile.app_id)


@dataclass(frozen=True, slots=True)
class Voice:
    """One timbre of GetTimbreList as the store keeps it."""

    id: str
    name: str
    avatar_url: str = ""
    is_public: bool = True


@dataclass(frozen=True, slots=True)
class SyncRecord:
    """One complete listing of a catalog."""

    id: int
    started_at: float
    finished_at: float
    human_count: int


@dataclass(frozen=True, slots=True)
class StoredHuman:
    """A human as last listed, with when it was first and last listed (Unix seconds);
    `present` is False once a sync no longer lists it."""

    human: DigitalHuman
    first_seen: float
    last_seen: float
    present: bool


@dataclass(frozen=True, slots=True)
class Changes:
    """What differs between two syncs of one catalog: `since` (None: nothing to compare
    with, e.g. after the first sync) and `until`."""

    since: SyncRecord | None
    until: SyncRecord | None
    added: tuple[StoredHuman, ...] = ()
    removed: tuple[StoredHuman, ...] = ()
    #: Starred humans among `removed`: kept as favourites, shown as gone.
    favourites_gone: tuple[StoredHuman, ...] = ()

    @property
    def private_added(self) -> tuple[StoredHuman, ...]:
        """The headline: the user's own (private) humans that appeared, e.g. a finished training."""
        return tuple(stored for stored in self.added if not stored.human.is_public)

    def summary(self, date_text: str) -> str:
        """ "3 new, 1 gone since <date>", the private humans first; "" when nothing changed."""
        if not self.added and not self.removed:
            return ""
        counts = _("{added} new, {removed} gone since {moment}").format(
            added=len(self.added), removed=len(self.removed), moment=date_text
        )
        if self.favourites_gone:
            counts += _(" ({count} of your favourites gone)").format(
                count=len(self.favourites_gone)
            )
        private = self.private_added
        if not private:
            return counts
        names = _(", ").join(stored.human.name for stored in private[:3])
        if len(private) > 3:
            names = _("{names} and {count} more").format(names=names, count=len(private) - 3)
        # One sentence pair: Chinese puts no space after its full stop.
        return ngettext(
            "Your new digital human: {names}. {counts}",
            "Your new digital humans: {names}. {counts}",
            len(private),
        ).format(names=names, counts=counts)
