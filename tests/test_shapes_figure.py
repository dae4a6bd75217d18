"""A quote's figure, found over the texts' code points for many quotes at once
(values/shapes.quote_figures) as the figure pattern finds it in one quote, and its masked
form: the leading group kept when a month or weekday name stands shortly before it
(the name looked for once per distinct text before the figure)."""

from __future__ import annotations

import importlib
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.windows import Texts
from tests.spies import Spy

shapes = importlib.import_module("provenance.values.shapes")

FIGURE_RE = re.compile(  # the rule spelled out, one quote at a time
    r"[^0-9]*(?<![\w.,])(?P<lead>[1-9][0-9]{0,2})(?P<rest>(?:,[0-9]{3}){1,4})"
    r"(?![\w,]|\.[0-9])[^0-9]*")
WORDS = st.lists(st.sampled_from(["March", "mon", "Monday", "xMay", "May", "on", " ", ",",
                                  "about", "12", "7", "the", "Sun", "é"]), max_size=12)
FIGURES = st.sampled_from(["12,345", "59,000", "60,000", "7,409", "1,234,567", "012,345",
                           "1,234.5", "12,34", "1,2345", "x12,345", "12,345,", "_7,409",
                           "1,234,567,890,123", "1,234,567,890,123,456", "1234,567",
                           "é7,409", "7,409é", "٣7,409", "7,409²", ".7,409", "7,409.",
                           "7,409.5", "7,40٣", "7;409", "1,000 and 2"])
CHARACTERS = st.sampled_from(list("0123456789,,,.. _aZé٣²½-#\n"))


def rows_of(found: shapes.Shapes) -> list[tuple]:
    """The shapes as one tuple per quote: before, quote, after, and the masked figure's
    start and end in the quote (None when none is masked)."""
    return [(before, quote, after, None if start < 0 else (start, end))
            for before, quote, after, start, end in zip(
                *(column.tolist() for column in found), strict=True)]


def reference(prefix: str, quote: str) -> tuple[str, int, int] | None:
    """The rule spelled out: the name is looked for in the ``NAME_REACH`` code points
    before the figure, of the prefix and the quote together."""
    m = FIGURE_RE.fullmatch(quote)
    if m is None:
        return None
    first, hi = m.start("lead"), m.end("rest")
    before = prefix + quote[:first]
    named = shapes.NAME_BEFORE_RE.search(before, max(0, len(before) - shapes.NAME_REACH))
    kept = m["lead"] if int(m["lead"]) <= shapes.DAY_LIKE and named else ""
    return quote[:first] + kept + "#" + quote[hi:], first, hi


def found_figures(window: str, quotes: list[str]) -> list[tuple[str, int, int] | None]:
    """``quote_figures`` of ``quotes`` written one after another after ``window`` (each
    quote's sentence window all that comes before it), as masked quotes."""
    texts = Texts.of([window + "".join(quotes)])
    sizes = np.array([len(quote) for quote in quotes], dtype=np.int64)
    ends = len(window) + np.cumsum(sizes)
    found = shapes.quote_figures(texts, ends - sizes, ends, np.zeros(len(quotes), np.int64))
    return [None if first < 0 else (quote[:cut] + "#" + quote[stop:], first, stop)
            for quote, first, cut, stop in zip(quotes, *(f.tolist() for f in found),
                                                strict=True)]


def expected(window: str, quotes: list[str]) -> list[tuple[str, int, int] | None]:
    """``reference`` of each quote, after the window and the quotes before it."""
    return [reference(window + "".join(quotes[:i]), quote) for i, quote in enumerate(quotes)]


@given(WORDS, st.lists(st.tuples(WORDS, FIGURES, WORDS), min_size=1, max_size=6))
def test_the_figures_of_many_quotes_are_those_the_pattern_finds_in_each(window, parts):
    quotes = [" ".join(head) + figure + " ".join(tail) for head, figure, tail in parts]
    assert found_figures("".join(window), quotes) == expected("".join(window), quotes)


@given(st.lists(st.lists(CHARACTERS, min_size=1, max_size=30).map("".join), min_size=1,
                max_size=8))
def test_the_figures_of_any_quotes_are_those_the_pattern_finds_in_each(quotes):
    assert found_figures("", quotes) == expected("", quotes)


@given(WORDS, WORDS, FIGURES, WORDS)
def test_the_leading_group_is_kept_when_a_name_comes_shortly_before(prefix, head, figure,
                                                                     tail):
    quote = " ".join(head) + figure + " ".join(tail)
    window = "".join(prefix)
    assert found_figures(window, [quote]) == [reference(window, quote)]


@pytest.mark.parametrize(("prefix", "quote", "masked"), [
    ("It rained on March ", "12,345 times", "12#"),  # "March 12": a day may follow
    ("It rained on ", "12,345 times", "#"),
    ("In March the northern army counted ", "12,345 troops", "#"),  # too far back
    ("xMarch ", "12,345 times", "#"),  # not a word of its own
    ("on March ", "60,000 times", "#"),  # 60 is no day
    ("on March ", "7,000 times", "7#"),
    ("on March ", "100,000 times", "#"),
])
def test_a_figure_after_a_month_keeps_a_leading_group_that_may_be_a_day(prefix, quote, masked):
    assert found_figures(prefix, [quote])[0][0].split(" ")[0] == masked


def test_the_name_is_looked_for_once_per_distinct_text_before_the_figure(monkeypatch):
    searched = Spy(shapes.NAME_BEFORE_RE)
    shapes.name_before.cache_clear()
    monkeypatch.setattr(shapes, "NAME_BEFORE_RE", searched)
    for figure in ("12,345", "13,000", "14,500", "12,345"):
        found_figures("The count rose on March ", [f"{figure} cases"])
    assert searched.calls == 1


def test_no_figure_pattern_is_matched_per_quote(monkeypatch):
    matched = Spy(FIGURE_RE)  # where the figure pattern was, were a quote matched against it
    monkeypatch.setattr(shapes, "FIGURE_RE", matched, raising=False)
    quotes = ["about 45,678 troops", "on 2024-05-29 since the summer", "a few troops",
              "12,34 troops", "7,409 mile"]
    window = "Officials said " + "; ".join(quotes) + "."
    texts = Texts.of([window])
    starts = np.array([window.index(quote) for quote in quotes], dtype=np.int64)
    ends = starts + np.array([len(quote) for quote in quotes], dtype=np.int64)
    lows, highs = starts.copy(), ends.copy()  # each quote its own window
    found = rows_of(shapes.text_shapes(texts, quotes, starts, ends, lows, highs))
    assert [quote for _, quote, _, _ in found] == [
        "about # troops", "on 2024-05-29 since the summer", "a few troops", "12,34 troops",
        "# mile"]
    assert [figure for *_, figure in found] == [(6, 12), None, None, None, (0, 5)]
    assert matched.calls == 0
