"""A quote's masked figure: the leading group kept when a month or weekday name stands
shortly before it (values/shapes.masked_figure), looked up once per distinct text."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.spies import Spy

shapes = importlib.import_module("provenance.values.shapes")

WORDS = st.lists(st.sampled_from(["March", "mon", "Monday", "xMay", "May", "on", " ", ",",
                                  "about", "12", "7", "the", "Sun", "é"]), max_size=12)
FIGURES = st.sampled_from(["12,345", "59,000", "60,000", "7,409", "1,234,567", "012,345"])


def reference(prefix: str, quote: str) -> tuple[str, int, int] | None:
    """The rule spelled out: the name is looked for in the ``NAME_REACH`` code points
    before the figure, of the prefix and the quote together."""
    m = shapes.FIGURE_RE.fullmatch(quote)
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
