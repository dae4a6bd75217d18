"""Locating typed quotes: exact text, typographic variants, ambiguity."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from provenance.anchoring import anchor, fold, occurrences
from provenance.errors import AmbiguousQuote, QuoteNotFound

TEXT = (
    "Mr. Biden’s decision is a major change.\n"
    "The potential benefits — Ukraine will reach targets — outweighed the risks.\n"
    "“For months I have called on President Biden,” he said.\u00a0Twice:\n"
    "officials said. officials said."
)

VARIANTS = [
    ("Mr. Biden's decision", "Mr. Biden’s decision"),
    ("benefits - Ukraine", "benefits — Ukraine"),
    ("benefits -- Ukraine", None),
    ('"For months I have', "“For months I have"),
    ("he said. Twice", "he said.\u00a0Twice"),
    ("a  major\tchange", "a major change"),
    ("change. The potential", "change.\nThe potential"),
]


@pytest.mark.parametrize(("typed", "stored"), VARIANTS)
def test_typographic_variants_anchor_to_the_exact_source_text(typed, stored):
    if stored is None:
        with pytest.raises(QuoteNotFound):
            anchor(TEXT, typed)
        return
    span = anchor(TEXT, typed)
    assert TEXT[span.start : span.end] == stored


def test_exact_text_wins_over_variants():
    text = "it's here and it’s there"
    span = anchor(text, "it’s")
    assert (span.start, text[span.start : span.end]) == (14, "it’s")


def test_a_quote_found_twice_lists_both_places():
    with pytest.raises(AmbiguousQuote) as caught:
        anchor(TEXT, "officials said.")
    assert len(caught.value.places) == 2
    assert "line 4:1" in str(caught.value) and "line 4:17" in str(caught.value)


def test_occurrence_number_disambiguates():
    second = anchor(TEXT, "officials said.", occurrence=2)
    assert second.start == TEXT.rindex("officials said.")


def test_start_hint_picks_the_nearest_occurrence():
    hinted = anchor(TEXT, "officials said.", start_hint=TEXT.rindex("officials") - 3)
    assert hinted.start == TEXT.rindex("officials said.")


def test_missing_occurrence_is_an_error():
    with pytest.raises(QuoteNotFound, match="occurrence 3 does not exist"):
        anchor(TEXT, "officials said.", occurrence=3)


def test_not_found_points_to_the_closest_passage():
    with pytest.raises(QuoteNotFound, match="closest passage at line 1"):
        anchor(TEXT, "Mr. Biden’s decisoin is")


def test_empty_quote_is_never_found():
    assert occurrences(TEXT, "   ") == []


def test_fold_makes_variants_equal():
    assert fold("“a”\u00a0–\u2009b’") == fold('"a" - b\'')


@given(
    before=st.text(max_size=40),
    quote=st.text(min_size=1, max_size=20),
    after=st.text(max_size=40),
)
def test_an_inserted_quote_is_found_exactly(before, quote, after):
    text = before + quote + after
    assume(text.count(quote) == 1 and quote.strip())
    span = anchor(text, quote)
    assert text[span.start : span.end] == quote


@given(st.text(max_size=60), st.text(min_size=1, max_size=15))
def test_every_occurrence_folds_to_the_folded_quote(text, quote):
    for span in occurrences(text, quote):
        assert (
            fold(text[span.start : span.end]) == fold(quote.strip())
            or text[span.start : span.end] == quote
        )
