"""ingest.literals: the prefix-tree patterns find what the plain alternations they replace find."""

import random
import re

import pytest

from ingest.extract.gazetteer import load_gazetteer
from ingest.literals import longest_of, starts_of
from ingest.vocab import sector_labels


def _alternation(words):
    """The pattern the tree replaces: every word, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s))))


def _every_start(words, text):
    return [(i, text[i]) for i in range(len(text)) if any(text.startswith(w, i) for w in words)]


def _texts(words, n=200, seed=7):
    """Random texts made of the words, their pieces and other characters, so that words overlap,
    nest and break off."""
    rng = random.Random(seed)
    pieces = list(words) + [w[: rng.randint(1, len(w))] for w in words] + list("的和、，（）(.*+?)应急")
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def test_the_gazetteer_names_are_found_as_the_longest_first_alternation_finds_them():
    names = load_gazetteer().surfaces_with_prefixes()
    tree, plain = re.compile(longest_of(names)), _alternation(names)
    for text in _texts(names):
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_words_with_regex_characters_and_nested_prefixes():
    words = ["a.b", "a", "a.bc", "(x)", "x", "xy*", "应急", "应急管理", "应急管理局", "管理局"]
    tree, plain = re.compile(longest_of(words)), _alternation(words)
    for text in _texts(words, 500):
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert [m.group() for m in tree.finditer("应急管理局和应急管理")] == ["应急管理局", "应急管理"]


def test_starts_of_stops_at_every_position_where_a_word_starts_overlaps_included():
    labels = list(sector_labels())
    starts = re.compile(starts_of(labels))
    for text in _texts(labels, 300) + ["危险化学品安全生产", "城镇燃气燃气"]:
        assert [(m.start(), m.group()) for m in starts.finditer(text)] == _every_start(labels, text), text
    words = ["ab", "abc", "bcd", "c"]
    assert [m.start() for m in re.compile(starts_of(words)).finditer("abcd")] == [0, 1, 2]


def test_an_empty_word_or_list_is_refused():
    with pytest.raises(ValueError):
        longest_of(["应急", ""])
    with pytest.raises(ValueError):
        starts_of([])
