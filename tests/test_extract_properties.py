"""Properties of extraction and parsing on arbitrary input."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract import extract
from provenance.values import parse_value

NEWS_WORDS = st.sampled_from(
    ["about", "more than", "between", "and", "to", "-", "last", "next", "this", "in", "on",
     "since", "a", "an", "the", "few", "several", "hundred", "hundreds", "of", "two", "one",
     "May", "March", "Sunday", "Thursday", "night", "week", "year", "years", "ago", "months",
     "coming", "days", "within", "1,000", "50,000", "2024", "2008", "1990s", "17", "Nov.",
     "miles", "km", "%", "$", "troops", "ATACMS", "2024-11-17", "11/12/24", "early", "mid-",
     "winter", "will", "or more", "'s", ",", ".", "\n", "today", "weekend", "1.5", "million"]
)
NEWSY = st.lists(NEWS_WORDS, max_size=30).map(" ".join)
TEXTS = st.text(max_size=200) | NEWSY
PUBLISHED = st.none() | st.dates()


def check_mentions(text, published):
    found = extract(text, published)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
        assert mention.start < mention.end
    for first, second in zip(found, found[1:], strict=False):
        assert first.end <= second.start


@settings(max_examples=300)
@given(TEXTS, PUBLISHED)
def test_spans_round_trip_sorted_and_disjoint(text, published):
    check_mentions(text, published)


@given(st.dates())
def test_calendar_edges_never_raise(published):
    check_mentions("tomorrow, next year, a century ago, in the coming years, last week", published)


@settings(max_examples=300)
@given(TEXTS, PUBLISHED, st.sampled_from([None, "quantity", "duration", "date", "text"]))
def test_parse_value_never_raises(quote, published, kind):
    value = parse_value(quote, published, kind)
    assert value.kind in {"quantity", "duration", "date", "text"}


@settings(max_examples=300)
@given(NEWSY, st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)))
def test_intervals_contain_the_stated_value(text, published):
    for mention in extract(text, published):
        value = mention.value
        if value.value is not None:
            assert value.low is None or value.low <= value.value
            assert value.high is None or value.value <= value.high
        if value.date_low and value.date_high:
            assert value.date_low <= value.date_high
        if value.low is not None and value.high is not None:
            assert value.low <= value.high


@settings(max_examples=200)
@given(NEWSY, PUBLISHED)
def test_value_cells_round_trip(text, published):
    for mention in extract(text, published):
        assert type(mention.value).from_cells(mention.value.to_cells()) == mention.value
