"""Extraction's work per mention at scale: calendar arithmetic once per day and shift,
each word after a figure read once, the candidates of many sources added in one step."""

from __future__ import annotations

import hashlib
import importlib
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.candidates import extract_candidates
from provenance.extract import extract
from provenance.ledger import load_ledger
from provenance.values import calendar, counted
from provenance.values.hedges import APPROX_TOLERANCE
from tests.spies import Spy
from tests.tiny_ledger import write_csv

scan_module = importlib.import_module("provenance.values.scan")  # the package exports scan()
LINE = "Officials said the front moved since the summer and again last month.\n"


@pytest.fixture
def fresh_calendar():
    """The calendar's caches emptied before and after the test."""
    cached = (calendar.add_months, calendar.season_interval, calendar.month_interval)
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


def test_calendar_arithmetic_is_done_once_per_day_and_shift(monkeypatch, fresh_calendar):
    shifts = Spy(calendar.relativedelta)
    monkeypatch.setattr(calendar, "relativedelta", shifts)
    mentions = extract(LINE * 500, "2024-11-20")
    assert [m.text for m in mentions[:2]] == ["since the summer", "last month"]
    assert len(mentions) == 1000
    assert shifts.calls <= 10  # one per distinct season, year and month shift, not per mention


def test_cached_intervals_are_the_computed_ones(fresh_calendar):
    assert calendar.season_interval("winter", 2023) == (date(2023, 12, 1), date(2024, 2, 29))
    assert calendar.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert calendar.season_interval("winter", 2023) is calendar.season_interval("winter", 2023)


def test_each_word_after_a_figure_is_read_once(monkeypatch):
    words = Spy(counted.WORD_RE)
    monkeypatch.setattr(counted, "WORD_RE", words)
    text = "5 senior North Korean officers said"
    assert counted.counted_noun(text, 1) == ("officers", len("5 senior North Korean officers"))
    assert words.calls == 5  # the four words read, and the one after the head


def _many_sources(root, count: int) -> None:
    """A ledger of ``count`` fictional sources without claims, two mentions each, and an
    unknown column in claims.csv."""
    (root / "sources").mkdir(parents=True)
    registry = [["source_id", "outlet", "published", "published_note", "path", "title",
                 "byline", "url", "sha256"]]
    for number in range(count):
        day = number % 9 + 1
        data = f"Paragraph {number}. Some {number + 2},000 troops left on 2024-11-0{day}."
        (root / "sources" / f"f{number}.txt").write_bytes(data.encode())
        registry.append([f"f{number}", "The Daily Fictional (FICTIONAL)", "2024-11-20", "",
                         f"f{number}.txt", "", "", "", hashlib.sha256(data.encode()).hexdigest()])
    write_csv(root / "sources" / "sources.csv", registry)
    write_csv(root / "claims.csv", [["claim_id", "source_id", "fact_key", "kind", "quote",
                                     "start", "end", "status", "note", "reviewer"]])


def test_the_candidates_of_many_sources_are_added_in_one_step(tmp_path, monkeypatch):
    _many_sources(tmp_path, 300)
    ledger = load_ledger(tmp_path)
    joins = Spy(pd.concat)
    monkeypatch.setattr(pd, "concat", joins)
    done = extract_candidates(ledger)
    claims = ledger.claims
    assert joins.calls == 1  # not one growing frame per source or per row
    assert sum(len(item.added) for item in done) == len(claims) == 600
    row = claims[claims["claim_id"] == "f7-x13"].iloc[0]
    assert (row["quote"], row["start"], row["end"], row["qualifier"], row["low"],
            row["unit"]) == ("Some 9,000 troops", "13", "30", "approx", "8100", "troops")
    assert set(claims["status"]) == {"candidate"} and set(claims["reviewer"]) == {""}
    assert list(claims.columns)[-1] == "reviewer"  # the unknown column kept, in its place


def test_cells_that_candidates_repeat_are_one_string_each(tmp_path):
    _many_sources(tmp_path, 300)
    ledger = load_ledger(tmp_path)
    extract_candidates(ledger)
    claims = ledger.claims
    for column in ("start", "end", "quote", "date_low"):
        cells = claims[column].tolist()
        assert len({id(cell) for cell in cells}) == len(set(cells)) < len(cells), column


DATEISH = st.lists(st.sampled_from(
    ["1", "2", "9", "0", "12", "31", "2024", "1990", "20", "-", "/", ".", ",", " ", "'s", "s",
     "th", "st", "nd", "of", "November", "nov", "May", "to", "and", "century", "Century",
     "-century", "troops", "\n", "’s", "–", "through"]), min_size=1, max_size=8
).map("".join)


@settings(max_examples=500)
@given(st.sampled_from(["1", "2", "3", "12", "31", "2024", "90"]), DATEISH)
def test_the_date_shapes_match_where_any_date_reading_starts(figure, rest):
    text = figure + rest
    for pattern in scan_module.DATE_SHAPES:  # a superset: no date reading is passed over
        if pattern.match(text):
            assert scan_module.DATE_SHAPES_RE.match(text), pattern.pattern


LEADS = st.lists(st.sampled_from(
    ["1", "0", "12", "123", "2024", "20245", "-", "/", ".", ",", ":", " ", "\u00a0", "\u2009",
     "\n", "'", "’", "–", "—", "s", "S", "\u017f", "t", "T", "n", "r", "u", "a", "A", "h",
     "o", "K", "\u212a", "of", "may", "th", "to", "and", "until", "till", "thru", "century"]),
    min_size=1, max_size=8).map("".join)


@settings(max_examples=1000)
@given(st.sampled_from(["1", "2", "3", "12", "31", "2024", "90", "123", "44"]), DATEISH | LEADS)
def test_every_date_shape_starts_with_a_date_lead(figure, rest):
    """The lead-in test that passes most figures over never passes over a date shape."""
    text = figure + rest
    if scan_module.DATE_SHAPES_RE.match(text):
        assert scan_module.DATE_LEAD_RE.match(text)


@pytest.mark.parametrize("text", ["Paragraph 387. Officials said 44,885 troops left.",
                                  "Paragraph 1038. Officials said 44,885 troops left.",
                                  "It rose 123 percent on 1,250 sites."])
def test_a_figure_no_date_shape_can_start_is_not_matched_against_the_shapes(monkeypatch, text):
    shapes = Spy(scan_module.DATE_SHAPES_RE)
    monkeypatch.setattr(scan_module, "DATE_SHAPES_RE", shapes)
    extract(text, "2024-11-20")
    assert shapes.calls == 0  # the ten shapes' union at every figure: 4 % of dense text
    assert [m.text for m in extract("on 2024-11-03", "2024-11-20")] == ["2024-11-03"]
    assert shapes.calls == 1


@pytest.mark.parametrize("text", ["Some 12,000 troops left.", "It rose 5 percent."])
def test_a_figure_of_no_date_shape_skips_the_date_readings(monkeypatch, text):
    dates = Spy(scan_module.match_numeric_date)
    monkeypatch.setattr(scan_module, "match_numeric_date", dates)
    assert len(extract(text, "2024-11-20")) == 1
    assert dates.calls == 0
    assert list(scan_module.scan("on 2024-11-03", "2024-11-20", APPROX_TOLERANCE))
    assert dates.calls == 1


def test_a_stated_duration_is_built_without_copying_its_value(monkeypatch):
    quantities = importlib.import_module("provenance.values.quantities")
    copies = Spy(quantities.replace)
    monkeypatch.setattr(quantities, "replace", copies)
    mentions = extract("Officials said 46,417 days in the region on the record.\n" * 200,
                       "2024-11-02")
    assert {(m.text, m.value.low, m.value.unit) for m in mentions} == {
        ("46,417 days", 46417.0, "day")}
    assert copies.calls == 0  # dataclasses.replace cost a few microseconds a mention


@pytest.mark.parametrize(("numbers", "inside"), [
    ((None, None, None), True),
    ((5.0, 4.5, 5.5), True),
    ((None, -1e18, None), True),  # MAX_FIGURE itself
    ((None, -1e19, None), False),
    ((float("nan"), None, None), False),
    ((None, None, float("inf")), False),
])
def test_in_range_bounds_every_number_of_a_value(numbers, inside):
    limits = importlib.import_module("provenance.values.limits")
    value, low, high = numbers
    quantity = limits.Value(kind="quantity", value=value, low=low, high=high)
    assert limits.in_range(quantity) is inside


@pytest.mark.parametrize(("text", "quote", "reads"), [
    ("Officials said 44,885 percent along the front line.", "44,885 percent", 0),
    ("Officials said 5 troops left.", "5 troops", 0),
    ("Between 10,000 and 12,000 troops left.", "Between 10,000 and 12,000 troops", 1),
    ("It was 10,000-12,000 troops.", "10,000-12,000 troops", 1),
])
def test_between_is_looked_for_only_before_a_range_word(monkeypatch, text, quote, reads):
    quantities = importlib.import_module("provenance.values.quantities")
    between = Spy(quantities._between)
    monkeypatch.setattr(quantities, "_between", between)
    assert [m.text for m in extract(text, "2024-11-20")] == [quote]
    assert between.calls == reads  # only where a separator ('-', 'to', 'and') follows


@pytest.mark.parametrize(("text", "qualifier", "reads"), [
    ("About 5,000 troops left.", "approx", 0),  # hedged before: no hedge after looked for
    ("Some 5,000 troops or more left.", "approx", 0),
    ("5,000 troops or more left.", "at_least", 1),  # found after the unit
    ("It grew 5,000 or so.", "approx", 1),  # no unit: its end is the figure's, read once
    ("It grew 5,000 troops.", "exact", 2),  # after the unit, then after the figure
])
def test_a_hedge_after_a_figure_is_looked_for_once_an_end(monkeypatch, text, qualifier,
                                                           reads):
    hedges = importlib.import_module("provenance.values.hedges")
    after = Spy(hedges.hedge_after)
    monkeypatch.setattr(hedges, "hedge_after", after)
    [mention] = extract(text, "2024-11-20")
    assert mention.value.qualifier == qualifier
    assert after.calls == reads


def test_candidates_make_no_mention_object_per_mention(tmp_path, monkeypatch):
    extract_module = importlib.import_module("provenance.extract")
    made = Spy(extract_module.Mention.__init__)
    monkeypatch.setattr(extract_module.Mention, "__init__", made)
    _many_sources(tmp_path, 30)
    ledger = load_ledger(tmp_path)
    done = extract_candidates(ledger)
    assert sum(len(item.added) for item in done) == len(ledger.claims) == 60
    assert made.calls == 0  # rows are built from the scan's (start, end, value) directly


@pytest.mark.parametrize(("text", "unit"), [
    ("Officials said 46,417 days in the region.", "day"),
    ("Officials said between 2 and 3 weeks.", "day"),  # a range: its bounds in days
    ("Officials said 44,885 percent.", "percent"),
])
def test_a_mention_value_is_made_once(monkeypatch, text, unit):
    quantities = importlib.import_module("provenance.values.quantities")
    made = Spy(quantities.Value)
    monkeypatch.setattr(quantities, "Value", made)
    [mention] = extract(text, "2024-11-02")
    assert mention.value.unit == unit
    assert made.calls == 1  # a duration is not made as a quantity first and converted


@pytest.mark.parametrize(("text", "reads", "found"), [
    ("It cost 44,885 dollars.", 0, 1),  # six characters cannot hold 16 significant digits
    ("It cost 123,456,789,012,345 dollars.", 1, 1),  # 15 digits: read, and kept
    ("It cost 1,234,567,890,123,456 dollars.", 1, 0),  # 16: refused
])
def test_digits_are_counted_only_in_a_figure_long_enough_to_exceed_a_float(
        monkeypatch, text, reads, found):
    limits = importlib.import_module("provenance.values.limits")
    digits = Spy(limits.NOT_DIGIT_RE)
    monkeypatch.setattr(limits, "NOT_DIGIT_RE", digits)
    assert len(extract(text, "2024-11-02")) == found
    assert digits.calls == reads
