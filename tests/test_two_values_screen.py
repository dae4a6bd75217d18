"""validate's screen of quotes that may hold two values: never passes one that does, and
leaves the extractor to the few it cannot pass; one Arrow regex over the whole column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.quote_split import may_hold_two, quote_values
from provenance.values.scan import WORD_KIND

KINDS = ("quantity", "duration", "date", "")
PIECES = ["5", "1,234", "1.2", "½", "£5", "$ 3", "48h", "3-4", "1990s", "'90s", "5th", "Q1",
          "H2", "2024-05-29", "2023-2024", "2024-05", "2024-13-45", "29.05.2024", "05/29/2024",
          "and", "a", "an", "the", "of", "last", "next", "for", "ago", ",", "-", "about",
          "troops", "miles", "km", "since", "over", "nearly", "within", "first", "per", "hrs",
          "to", "between", "from", "until", "on", "in", "by"]
WORDS = st.sampled_from([*WORD_KIND, *PIECES, *(w.capitalize() for w in WORD_KIND)])


@settings(max_examples=3000, deadline=None)
@given(st.lists(WORDS, min_size=2, max_size=7), st.sampled_from([" ", "-", ", "]))
def test_a_quote_holding_two_values_of_its_kind_is_never_passed(words, joint):
    quote = words[0] + joint + " ".join(words[1:])
    for kind in KINDS:
        if len(quote_values(quote, kind)) >= 2:
            assert may_hold_two([quote], kind)[0], (quote, kind)


@pytest.mark.parametrize(("quote", "kind"), [
    ("about 1,234 troops along the front line", "quantity"),
    ("about 1,234 troops last month", "quantity"),  # a date beside a quantity
    ("1.2 million troops since the summer", "quantity"),
    ("about 1,234 days since the summer", "duration"),
    ("a few days", "duration"),
    ("on 2024-05-29 along the front line", "date"),
    ("50 troops and 40 tanks", "text"),
])
def test_quotes_of_one_value_are_passed_without_the_extractor(quote, kind):
    assert not may_hold_two([quote], kind)[0]


@pytest.mark.parametrize(("quote", "kind"), [
    ("50 troops and 40 tanks", "quantity"),
    ("3 days and 4 weeks", "duration"),
    ("on 2024-05-29 since the summer", "date"),
    ("the eighties and the nineties", "date"),
])
def test_quotes_of_two_values_are_left_to_the_extractor(quote, kind):
    assert may_hold_two([quote], kind)[0]
    assert len(quote_values(quote, kind)) == 2


def test_the_screen_reads_a_column_at_once():
    quotes = ["about 1,234 troops", "50 troops and 40 tanks", "", "½ and ¼ of the troops"]
    assert may_hold_two(quotes, "quantity").tolist() == [False, True, False, True]


MODIFIERS = ["last", "next", "this", "past", "previous", "following", "coming", "upcoming",
             "earlier this", "later this", "the past", "the coming", "over the past", "a",
             "an", "for", "5", "about 1,234", "a few", "Last", "NEXT"]
PERIODS = ["week", "month", "year", "decade", "weeks", "months", "Month", "YEAR", "weekend",
           "day", "days", "hour"]
GAPS = [" ", "  ", "\n", "\t", "\xa0", "-", " the "]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MODIFIERS), st.sampled_from(GAPS),
                          st.sampled_from(PERIODS)), min_size=1, max_size=4),
       st.sampled_from(["", "about 1,234 days ", "3 days and ", "on 2024-05-29 "]),
       st.sampled_from([" ", ", ", " and ", " ago, "]))
def test_a_period_word_after_last_or_next_is_left_out_only_when_no_duration_starts_there(
        phrases, lead, joint):
    quote = lead + joint.join(m + gap + p for m, gap, p in phrases)
    for kind in KINDS:
        if len(quote_values(quote, kind)) >= 2:
            assert may_hold_two([quote], kind)[0], (quote, kind)


@pytest.mark.parametrize("quote", [
    "about 1,234 days last month", "1,234 days last month", "1,234\ndays this year",
    "for 3 weeks earlier this month", "5 days over the past decade", "a week next year",
])
def test_a_duration_beside_last_month_is_passed_without_the_extractor(quote):
    assert len(quote_values(quote, "duration")) == 1
    assert not may_hold_two([quote], "duration")[0]


@pytest.mark.parametrize("quote", ["3 days last month and a week", "a month, a year",
                                   "5 days last month, 4 weeks this year"])
def test_two_durations_beside_last_month_are_left_to_the_extractor(quote):
    assert len(quote_values(quote, "duration")) == 2
    assert may_hold_two([quote], "duration")[0]


def test_validate_reads_with_the_extractor_only_the_quotes_that_may_hold_two(tmp_path,
                                                                           monkeypatch):
    from provenance import claim_rules
    from provenance.validate import validate_ledger
    from tests.test_bulk_paths import HEADER, write_ledger

    asked = []
    real = claim_rules.two_values_message
    monkeypatch.setattr(claim_rules, "two_values_message",
                        lambda quote, kind: asked.append((quote, kind)) or real(quote, kind))
    quotes = [f"{n:,} days last month" for n in range(1000, 1040)] + ["3 days and 4 weeks"]
    rows = [[f"c{i}", "daily", f"topic.k{i}", "duration", quote] + [""] * (len(HEADER) - 5)
            for i, quote in enumerate(quotes)]
    report = validate_ledger(write_ledger(tmp_path, HEADER, rows))
    assert asked == [("3 days and 4 weeks", "duration")]
    assert [f.claim_id for f in report.findings if f.slug == "quote-holds-two-values"] == [
        "c40"]
