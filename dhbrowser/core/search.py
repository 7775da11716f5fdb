"""Search that forgives how people type: accents, case and word order do not matter.

"muller" finds "Zoë Müller", "tanaka aiko" finds "Aiko Tanaka", "idle" finds every human
with an `idle_action`. A query is split into words; a human matches when every word occurs
somewhere in its name, id or action names, each folded the same way (NFKD with the
combining marks dropped, then casefold).

Folding a human's text is the costly part, so it is done once per human record and kept
in `SearchIndex`. `matches` is what a query means; the window's grid runs the same test as
one regular expression over the folded keys, in Qt's C++ (`gui.catalog_model.SearchTexts`),
so a keystroke over 10,000 humans calls no Python per human. Qt-free.
"""

from __future__ import annotations

import unicodedata

from dhbrowser.api.models import DigitalHuman

#: Letters that NFKD leaves whole but that people type without their stroke or ligature.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae", "ı": "i"}
)
#: Fields are joined by a character no query word can contain, so no word spans two.
_SEPARATOR = "\n"


def fold(text: str) -> str:
    """`text` without accents or case: "Zoë Müller" -> "zoe muller"."""
    if text.isascii():  # nothing to decompose, and casefold is lower: 10x quicker
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold()


def query_words(text: str) -> tuple[str, ...]:
    """The folded words of a search box's text; () for a blank one (everything matches)."""
    return tuple(fold(text).split())


def search_key(human: DigitalHuman) -> str:
    """Everything a search looks at for `human`, folded once."""
    fields = (human.name, human.id, *(action.name for action in human.actions))
    # Field by field: the ids and action names are ASCII, folded quickly, even beside a name
    # with accents (folding is letter by letter, so it is the same text).
    return _SEPARATOR.join(fold(" ".join(field.split())) for field in fields)


def matches(words: tuple[str, ...], key: str) -> bool:
    """Whether every word of the query occurs in a human's `search_key`, in any order."""
    return all(word in key for word in words)


class SearchIndex:
    """The folded key of each human, kept until its record is replaced (fresh URLs may
    come with a new name) or the index is cleared."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[DigitalHuman, str]] = {}

    def key(self, human: DigitalHuman) -> str:
        cached = self._keys.get(human.id)
        if cached is not None and cached[0] is human:
            return cached[1]
        key = search_key(human)
        self._keys[human.id] = (human, key)
        return key

    def clear(self) -> None:
        self._keys.clear()
