"""Patterns built by values/patterns.py: a word list's trie matches exactly the plain
alternation, a caseless pattern exactly what re.IGNORECASE matches."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.values import dates, tense
from provenance.values.patterns import Caseless, trie_pattern
from provenance.values.quantities import LABEL_BEFORE_RE, LABELS

WORDS = st.lists(st.text(alphabet="abn.#s", min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300)
@given(WORDS, st.text(alphabet="abn.#sAB ", max_size=7))
def test_a_trie_matches_the_words_and_nothing_else(words, text):
    trie = re.compile(trie_pattern(words), re.IGNORECASE)
    plain = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)
    assert bool(trie.fullmatch(text)) == bool(plain.fullmatch(text))


LABELISH = st.lists(st.sampled_from(
    [*LABELS, "PAGE", "Nos.", "No", "N", "o", ".", "-", "x", " ", "  ", "\n", "\u017f", "s",
     "Paragraph", "1"]), max_size=5).map("".join)


@settings(max_examples=500)
@given(LABELISH)
def test_the_label_pattern_is_the_labels_alternation(text):
    plain = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, LABELS))})\s*$", re.IGNORECASE)
    assert bool(LABEL_BEFORE_RE.search(text)) == bool(plain.search(text))


CASELESS = [tense.FUTURE_RE, tense.YEAR_NAMED_RE, dates.BEFORE_RE, dates.CONTEXT_RE,
            LABEL_BEFORE_RE]
PIECES = st.lists(st.sampled_from(
    ["will", "WILL", "We'll", "plans to", "Is Due To", "in", "In", "during", "2023", "1999",
     "Last", "year", "YEAR", "since", "Before", "the", "The", "early", "mid", "-", " ", "  ",
     "\n", ",", "page", "No.", "#", "x", "a", "1", "\u017f", "\u212a", "\u0130", "\u2019ll"]),
    max_size=8).map("".join)


def _found(match: re.Match[str] | None) -> tuple | None:
    if match is None:
        return None
    return match.regs, tuple((g or "").lower() for g in match.groups())


@settings(max_examples=500)
@given(st.sampled_from(CASELESS), PIECES, st.integers(0, 40), st.integers(0, 40))
def test_a_caseless_pattern_finds_what_ignorecase_finds(caseless, text, pos, length):
    folding = re.compile(caseless.pattern, re.IGNORECASE)
    endpos = min(len(text), pos + length)
    assert _found(caseless.search(text, pos, endpos)) == _found(folding.search(text, pos, endpos))
    assert _found(caseless.match(text, pos, endpos)) == _found(folding.match(text, pos, endpos))
    assert [_found(m) for m in caseless.finditer(text, pos, endpos)] == \
        [_found(m) for m in folding.finditer(text, pos, endpos)]


def test_a_caseless_pattern_refuses_an_upper_case_letter():
    with pytest.raises(ValueError):
        Caseless(r"(?P<name>May)\s+")
    assert Caseless(r"(?P<name>may)\S+").search("MAY-1")
