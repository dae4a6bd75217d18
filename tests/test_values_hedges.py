"""Hedges -> qualifiers and intervals."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.check.intervals import Tuning, _hedged, _qualifiers
from provenance.values import APPROX_TOLERANCE, parse_value
from provenance.values.hedges import HEDGE_BOUNDS, interval


@pytest.mark.parametrize(
    ("quote", "qualifier", "low", "high"),
    [
        ("50,000 soldiers", "exact", 50000, 50000),
        ("an estimated 50,000 soldiers", "approx", 45000, 55000),
        ("about 190 miles", "approx", 171, 209),
        ("around 300 people", "approx", 270, 330),
        ("roughly 1,000", "approx", 900, 1100),
        ("some 300 people", "approx", 270, 330),
        ("approximately 20 drones", "approx", 18, 22),
        ("1,000 or so", "approx", 900, 1100),
        ("more than 10,000 North Korean troops", "more_than", 10000, None),
        ("over 200 drones", "more_than", 200, None),
        ("upwards of 500", "more_than", 500, None),
        ("in excess of 40 tons", "more_than", 40, None),
        ("at least 12 people", "at_least", 12, None),
        ("10,000 or more", "at_least", 10000, None),
        ("less than 5 percent", "less_than", None, 5),
        ("fewer than 30 troops", "less_than", None, 30),
        ("under 5 percent", "less_than", None, 5),
        ("up to 30 drones", "at_most", None, 30),
        ("at most 3 missiles", "at_most", None, 3),
        ("no more than 12", "at_most", None, 12),
        ("nearly 100 people", "nearly", 90, 100),
        ("almost 200 miles", "nearly", 180, 200),
        ("just under 1,000", "nearly", 900, 1000),
        ("close to 60 percent", "nearly", 54, 60),
    ],
)
def test_hedge_intervals(quote, qualifier, low, high):
    value = parse_value(quote, None)
    assert (value.qualifier, value.low, value.high) == (qualifier, low, high)


def test_default_tolerance_is_ten_percent():
    assert APPROX_TOLERANCE == 0.1


def test_tolerance_is_configurable():
    value = parse_value("about 200 miles", None, tolerance=0.25)
    assert (value.low, value.high) == (150, 250)


@pytest.mark.parametrize(
    "qualifier", ["exact", "approx", "more_than", "at_least", "less_than", "at_most", "nearly"]
)
def test_interval_contains_stated_figure(qualifier):
    low, high = interval(qualifier, 190.0)
    assert (low is None or low <= 190) and (high is None or high >= 190)


@settings(max_examples=200, deadline=None)
@given(
    qualifier=st.sampled_from([*HEDGE_BOUNDS, ""]),
    value=st.floats(-1e9, 1e9, allow_nan=False),
    tolerance=st.floats(0, 1),
)
def test_the_check_hedges_a_figure_as_its_parser_does(qualifier, value, tolerance):
    """One rule: the check's vectorised bounds of a stated figure (no stored bounds) are
    the parser's interval, unsorted and without its tidying of binary noise."""
    rows = pd.DataFrame({"qualifier": [qualifier or None], "value": [value],
                         "low": [np.nan], "high": [np.nan]})
    lo, hi = _hedged(rows, _qualifiers(rows), Tuning(approx_tolerance=tolerance))
    ends = [None if np.isnan(end) else float(end) for end in (lo[0], hi[0])]
    expected = interval(qualifier, value, tolerance)
    if None not in ends:
        ends = sorted(ends)
    assert [end is None for end in ends] == [end is None for end in expected]
    assert [e for e in ends if e is not None] == pytest.approx(
        [e for e in expected if e is not None], rel=1e-11)


def test_stated_bounds_stay_unless_another_tolerance_changes_a_hedge_that_depends_on_it():
    rows = pd.DataFrame({"qualifier": ["approx", "more_than", "approx"],
                         "value": [100.0, 100.0, 100.0], "low": [80.0, 90.0, np.nan],
                         "high": [120.0, np.nan, np.nan]})
    for tolerance, low, high in [(APPROX_TOLERANCE, [80, 90, 90], [120, np.nan, 110]),
                                 (0.5, [50, 90, 50], [150, np.nan, 150])]:
        bounds = _hedged(rows, _qualifiers(rows), Tuning(approx_tolerance=tolerance))
        np.testing.assert_allclose(bounds, [low, high], rtol=1e-12)
