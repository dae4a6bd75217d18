"""Fuzzy spans: the word-aligned passage most like a quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.fuzzyspan import best_span, fold_same_length

TEXT = "The introduction of more than 11,000 North Korean troops, officials said."


@pytest.mark.parametrize(
    ("quote", "span_text"),
    [
        ("more than 10,000 North Korean troops", "more than 11,000 North Korean troops"),
        ("officials say", "officials said"),
        ("more than 11,000 North Korean", "more than 11,000 North Korean"),
        ("introduction of more then", "introduction of more than"),
    ],
)
def test_best_span_is_word_aligned(quote: str, span_text: str) -> None:
    span, _ = best_span(TEXT, quote)
    assert span is not None and TEXT[span[0] : span[1]] == span_text


def test_best_span_searches_only_the_given_region() -> None:
    text = "about 155 miles here; about 150 miles there"
    span, _ = best_span(text, "about 155 miles", text.index(";"))
    assert span is not None and text[span[0] : span[1]] == "about 150 miles"


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Biden’s “rockets” — now", "Biden's \"rockets\" - now"), ("a\n\u00a0b\tc", "a  b c")],
)
def test_fold_same_length_makes_variants_plain(text: str, folded: str) -> None:
    assert fold_same_length(text) == folded


@given(st.text())
def test_fold_same_length_keeps_offsets(text: str) -> None:
    assert len(fold_same_length(text)) == len(text)


@given(st.text(max_size=60), st.text(max_size=20))
def test_best_span_never_raises_and_scores_its_span(text: str, quote: str) -> None:
    span, score = best_span(text, quote)
    assert 0.0 <= score <= 100.0
    assert span is None or 0 <= span[0] < span[1] <= len(text)
