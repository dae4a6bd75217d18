"""Figures with thousands separators read once per shape (values/figure_shapes): every
mention the scan finds is the one reading it as written finds, whichever mention of its
shape was read first; a shape is shared only when its first reading is the figure as
stated and no other figure can have been read with it."""

from __future__ import annotations

import datetime
import importlib
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract import extract
from provenance.values.scan import refusals
from tests.spies import Spy

figure_shapes = importlib.import_module("provenance.values.figure_shapes")
scan = importlib.import_module("provenance.values.scan")

WORDS = st.sampled_from(
    ["about", "more than", "and", "to", "-", "in", "since", "last", "the", "a", "ago", "one",
     "two", "thousand", "year", "years", "months", "days", "km", "percent", "troops",
     "officials", "May", "March", "Sunday", "2024", "1,000", "50,000", "17", "3", "1.5", "½",
     ",", ".", ";", "\n", "  ", "Officials said", "on the record."])
BEFORE = st.sampled_from(
    ["", "about ", "more than ", "between ", "from ", "Page ", "minus ", "-", "took ",
     "lasted about ", "in ", "since ", "over the past ", "$", "F-", "March ", "the ", "1.",
     "up to ", "nearly ", "Sunday, "])
AFTER = st.sampled_from(
    ["", " troops", " km", " kilometer", " years", " days", " hours", " percent", "%",
     " senior U.S. officials", " North Korean troops", " straight days", " miles per hour",
     " square kilometers", " more weeks", " people", "\ntroops", ",", "."])
TAIL = st.sampled_from(
    ["", " to {=}", " and {=}", "-{=}", " to {=} troops", " out of {=}", " and {=} months",
     " to 50,000", " and 50,000", "-50,000", " out of fifty thousand", " in five",
     " and zero months", " and three months", ", 3 months", " ago", " from now", " or more",
     " or so", " and a half", " million", " to fifty thousand", " to 50,000 troops",
     "^2", " 3", " 2024", " last week", " on the record."])
FIGURE, OTHER = "{}", "{=}"  # where a template takes a figure, and another of its shape
FILLER = st.lists(WORDS, max_size=8).map(" ".join)
TEMPLATES = st.builds(lambda *parts: "".join(parts), FILLER.map(lambda w: w + " "), BEFORE,
                      st.just(FIGURE), AFTER, TAIL, FILLER.map(lambda w: " " + w))


@st.composite
def figures(draw: st.DrawFn) -> list[str]:
    """Figures of one length (so of one shape): a leading group and groups of three."""
    lead, groups = draw(st.integers(1, 3)), draw(st.sampled_from([1, 1, 2, 4]))
    numbers = st.integers(10 ** (lead - 1), 10 ** lead - 1)
    group = st.integers(0, 999).map("{:03d}".format)
    return [f"{draw(numbers)}," + ",".join(draw(st.lists(group, min_size=groups,
                                                          max_size=groups)))
            for _ in range(draw(st.integers(3, 5)))]


def as_written(text: str, published: datetime.date | None) -> list:
    """The mentions with every figure read as written (no shape is looked up)."""
    with mock.patch.object(figure_shapes, "shape_of", lambda *_: None):
        return extract(text, published)


@settings(max_examples=400, deadline=None)
@given(TEMPLATES, st.data(), st.none() | st.dates())
def test_every_mention_is_the_one_read_as_written(template, data, published):
    figure_shapes.forget()
    other, *filled = data.draw(figures())
    for figure in filled:
        text = template.replace(FIGURE, figure).replace(OTHER, other)
        assert extract(text, published) == as_written(text, published)


@settings(max_examples=100, deadline=None)
@given(TEMPLATES, st.data(), st.dates(), st.dates())
def test_refusals_are_the_ones_read_as_written(template, data, first, second):
    figure_shapes.forget()
    other, *filled = data.draw(figures())
    for figure, published in zip(filled, [first, second] * 2, strict=False):
        text = template.replace(FIGURE, figure).replace(OTHER, other)
        with mock.patch.object(figure_shapes, "shape_of", lambda *_: None):
            plain = refusals(text, published)
        assert refusals(text, published) == plain


def test_a_shape_is_read_once_and_each_mention_gets_its_own_figure(monkeypatch):
    spy = Spy(scan._parse_within_calendar)
    monkeypatch.setattr(scan, "_parse_within_calendar", spy)
    found = [extract(f"Officials said about {figure} troops left.", None)[0]
             for figure in ("12,345", "67,890")]
    assert [(m.text, m.value.value, m.value.low) for m in found] == [
        ("about 12,345 troops", 12345, 11110.5), ("about 67,890 troops", 67890, 61101.0)]
    assert spy.calls == 1


@pytest.mark.parametrize("template", [
    "between {} and 50,000 troops",  # a range framed before it
    "{} troops to 50,000 troops",  # a figure after it
    "{} out of fifty thousand",  # a ratio
    "{} years and zero months",  # a compound duration
    "Page {}",  # a name: no reading to share
])
def test_a_shape_whose_reading_may_read_another_figure_is_read_as_written(template,
                                                                          monkeypatch):
    spy = Spy(scan._parse_within_calendar)
    monkeypatch.setattr(scan, "_parse_within_calendar", spy)
    for figure in ("67,890", "12,345"):  # the first reads no range, ratio or compound
        text = template.format(figure)
        found, read = extract(text, None), spy.calls
        assert found == as_written(text, None)
        assert spy.calls == 2 * read  # every anchor read as written, the second time too
        spy.args.clear()
