"""The forgiving matcher: accents, case and word order do not matter (Qt-free)."""

from __future__ import annotations

import pytest

from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.core.search import SearchIndex, fold, matches, query_words, search_key


def human(name: str, human_id: str = "a1b2c3", actions: tuple[str, ...] = ()) -> DigitalHuman:
    return DigitalHuman(human_id, name, "", True, tuple(ActionClip(a) for a in actions))


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("muller", "Zoë Müller"),
        ("zoe", "Zoë Müller"),
        ("MÜLLER zoë", "Zoë Müller"),
        ("hernandez", "Ana Lucía Hernández"),
        ("tanaka aiko", "Aiko Tanaka"),
        ("aydin", "Yasmin Aydın"),
        ("sebastian", "Sebastián Ortega"),
        ("o'connor", "Liam O'Connor"),
        ("李", "李华"),
    ],
)
def test_a_query_finds_the_name_however_it_is_typed(query: str, name: str) -> None:
    assert matches(query_words(query), search_key(human(name)))


def test_every_word_must_occur_but_in_any_field() -> None:
    key = search_key(human("Aiko Tanaka", "f00dcafe", ("idle_action", "wave_action")))
    assert matches(query_words("wave aiko"), key)
    assert matches(query_words("F00D"), key)
    assert not matches(query_words("aiko nod"), key)
    assert not matches(query_words("tanaka mateo"), key)


def test_a_word_does_not_span_two_fields() -> None:
    key = search_key(human("Mia", "xyz", ("nod_action",)))
    assert not matches(query_words("miaxyz"), key)
    assert not matches(query_words("xyznod"), key)


def test_a_blank_query_matches_everyone() -> None:
    assert query_words("   ") == ()
    assert matches((), SearchIndex().key(human("Anyone")))


def test_the_index_folds_a_record_once_and_again_when_it_is_replaced() -> None:
    index = SearchIndex()
    first = human("Zoë Müller")
    assert index.key(first) is index.key(first)
    renamed = human("Zoë Schmidt")  # the same id, a fresh record
    assert matches(query_words("schmidt"), index.key(renamed))
    assert not matches(query_words("muller"), index.key(renamed))


def test_fold() -> None:
    assert fold("Zoë Müller") == "zoe muller"
    assert fold("Straße") == "strasse"
    assert fold("Øre Æsir") == "ore aesir"
