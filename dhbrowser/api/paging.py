"""Paging through a list (GetDigitalHumanList, GetTimbreList) that may change between requests.

The service gives no snapshot: a human added or removed while we page shifts everything
after it. `Pager` hands out offsets (several may be in flight), puts answers back in
order, drops humans it has already seen, and stops at `Total`, at a short page, or at an
empty one, whichever comes first. Humans and timbres page alike: a `Pager` reads any
`ListPage` whose items have an `id`.

It also stops when `MAX_BARREN_PAGES` full pages in a row bring no item it has not seen:
a server that sends the same 20 humans forever with a `Total` of 1,000,000 would otherwise
get 50,000 requests (83 minutes of the app's quota). A list that shifts while we page
repeats a few items, never a whole page, so three such pages mean the paging is broken on
the server's side; `stopped_early` then says so in plain words. `MAX_OFFSET` (the API's
own bound on Offset) bounds the number of pages of any query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

MAX_OFFSET = 1_000_000
MAX_LIMIT = 20
#: Full pages in a row without a new human after which paging stops.
MAX_BARREN_PAGES = 3


class Identified(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=Identified)
ItemT_co = TypeVar("ItemT_co", bound=Identified, covariant=True)


class ListPage(Protocol[ItemT_co]):
    """One answer of a paged list: `items` starting at `offset`, of `total` in all."""

    @property
    def total(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def items(self) -> Sequence[ItemT_co]: ...


class Pager(Generic[ItemT]):
    def __init__(self, page_size: int = MAX_LIMIT) -> None:
        if not 1 <= page_size <= MAX_LIMIT:
            raise ValueError(f"page_size must be 1..{MAX_LIMIT}")
        self.page_size = page_size
        self.total: int | None = None
        self.finished = False
        self._next_claim = 0
        self._next_ready = 0  # offset of the first page not yet handed out in order
        self._pending: dict[int, ListPage[ItemT]] = {}
        self._released: list[int] = []
        self._seen: set[str] = set()
        self._barren_pages = 0
        #: Why paging stopped before the end the server announced ("" if it did not).
        self.stopped_early = ""

    def claim(self) -> int | None:
        """The next offset to request, or None if there is nothing to request right now."""
        if self.finished:
            return None
        if self._released:
            return self._released.pop(0)
        if self.total is None and self._next_claim > 0:
            return None  # one request until we know how many there are
        limit = MAX_OFFSET if self.total is None else min(self.total, MAX_OFFSET)
        if self._next_claim >= limit:
            return None
        if self._next_claim >= self._next_ready + MAX_BARREN_PAGES * self.page_size:
            # Further ahead is wasted if these pages all repeat: wait for the earliest.
            return None
        offset = self._next_claim
        self._next_claim += self.page_size
        return offset

    def release(self, offset: int) -> None:
        """A claimed request failed: hand its offset out again on the next claim."""
        if not self.finished and offset >= self._next_ready and offset not in self._released:
            self._released.append(offset)
            self._released.sort()

    def accept(self, page: ListPage[ItemT]) -> list[ItemT]:
        """Take an answer (in any order) and return the items that are now new and in order."""
        if self.finished or page.offset < self._next_ready:
            return []
        self.total = page.total
        self._pending[page.offset] = page
        fresh: list[ItemT] = []
        while (
            not self.finished and (ready := self._pending.pop(self._next_ready, None)) is not None
        ):
            before = len(fresh)
            for item in ready.items:
                if item.id not in self._seen:
                    self._seen.add(item.id)
                    fresh.append(item)
            self._next_ready += self.page_size
            short = len(ready.items) < self.page_size
            self._barren_pages = 0 if len(fresh) > before or short else self._barren_pages + 1
            if self._barren_pages >= MAX_BARREN_PAGES:
                self.stopped_early = (
                    f"The service kept sending entries already listed ({MAX_BARREN_PAGES}"
                    f" pages in a row) although it announced {ready.total:,}: dhbrowser stopped"
                    f" loading at {len(self._seen):,}."
                )
                self._finish()
            elif short or self._next_ready >= min(ready.total, MAX_OFFSET):
                self._finish()
        return fresh

    def _finish(self) -> None:
        self.finished = True
        self._pending.clear()
        self._released.clear()
