"""A quote's masked figure: the leading group kept when a month or weekday name stands
shortly before it (values/shapes.masked_figure), looked up once per distinct text."""

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

WORDS = st.lists(st.sampled_from(["March", "mon", "Monday", "xMay", "May", "on", " ", ",",
                                  "about", "12", "7", "the", "Sun", "é"]), max_size=12)
FIGURES = st.sampled_from(["12,345", "59,000", "60,000", "7,409", "1,234,567", "012,345",
                           "1,234.5", "12,34", "1,2345", "x12,345", "12,345,", "_7,409"])


def reference(prefix: str, quote: str) -> tuple[str, int, int] | None:
    """The rule spelled out: the name is looked for in the ``NAME_REACH`` code points
    before the figure, of the prefix and the quote together."""
    m = re.fullmatch(rf"[^0-9]*{shapes.FIGURE_RE.pattern}[^0-9]*", quote)
    if m is None:
        return None
    first, hi = m.start("lead"), m.end("rest")
    before = prefix + quote[:first]
    named = shapes.NAME_BEFORE_RE.search(before, max(0, len(before) - shapes.NAME_REACH))
    kept = m["lead"] if int(m["lead"]) <= shapes.DAY_LIKE and named else ""
    return quote[:first] + kept + "#" + quote[hi:], first, hi


@given(WORDS, WORDS, FIGURES, WORDS)
def test_the_leading_group_is_kept_when_a_name_comes_shortly_before(prefix, head, figure,
                                                                     tail):
    quote = " ".join(head) + figure + " ".join(tail)
    window = "".join(prefix)
    assert shapes.masked_figure(window, quote) == reference(window, quote)


@pytest.mark.parametrize(("prefix", "quote", "masked"), [
    ("It rained on March ", "12,345 times", "12#"),  # "March 12": a day may follow
    ("It rained on ", "12,345 times", "#"),
    ("In March the northern army counted ", "12,345 troops", "#"),  # too far back
    ("xMarch ", "12,345 times", "#"),  # not a word of its own
    ("on March ", "60,000 times", "#"),  # 60 is no day
])
def test_a_figure_after_a_month_keeps_a_leading_group_that_may_be_a_day(prefix, quote, masked):
    assert shapes.masked_figure(prefix, quote)[0].split(" ")[0] == masked


def test_the_name_is_looked_for_once_per_distinct_text_before_the_figure(monkeypatch):
    searched = Spy(shapes.NAME_BEFORE_RE)
    shapes.name_before.cache_clear()
    monkeypatch.setattr(shapes, "NAME_BEFORE_RE", searched)
    for figure in ("12,345", "13,000", "14,500", "12,345"):
        shapes.masked_figure("The count rose on March ", f"{figure} cases")
    assert searched.calls == 1


@given(WORDS, WORDS, FIGURES, WORDS)
def test_the_figure_is_read_from_the_digit_bounds_text_shapes_gives(prefix, head, figure,
                                                                    tail):
    quote = " ".join(head) + figure + " ".join(tail)
    window = "".join(prefix)
    texts = Texts.of([window + quote])
    starts, ends = np.array([len(window)]), np.array([len(window + quote)])
    first, stop = (int(bound[0]) for bound in texts.digit_bounds(starts, ends))
    assert (first, stop) == shapes.digit_bounds(quote)
    assert shapes.masked_figure(window, quote, (first, stop)) == reference(window, quote)


def test_the_figure_pattern_is_tried_once_a_quote_at_its_first_digit(monkeypatch):
    tried = Spy(shapes.FIGURE_RE)
    monkeypatch.setattr(shapes, "FIGURE_RE", tried)
    quote = "officials said about 45,678 troops were there"
    assert shapes.masked_figure("", quote) == ("officials said about # troops were there",
                                               21, 27)
    assert tried.args == [(quote, quote.index("4"))]
