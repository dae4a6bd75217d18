"""Word-list patterns (values/patterns.py) match exactly the plain alternation."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.values.patterns import trie_pattern
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
