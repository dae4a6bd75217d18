"""Durations in days."""

import pytest

from provenance.values import parse_value

MONTH, YEAR = 30.4375, 365.25


@pytest.mark.parametrize(
    ("quote", "qualifier", "low", "high"),
    [
        ("two months left in office", "exact", 2 * MONTH, 2 * MONTH),
        ("a year", "exact", YEAR, YEAR),
        ("48 hours", "exact", 2, 2),
        ("36 years", "exact", 36 * YEAR, 36 * YEAR),
        ("less than a month", "less_than", None, MONTH),
        ("more than three decades", "more_than", 30 * YEAR, None),
        ("more than two decades", "more_than", 20 * YEAR, None),
        ("two to three weeks", "range", 14, 21),
        ("a few days", "vague", 2, 5),
        ("For months I have called", "vague", 2 * MONTH, 2 * YEAR),
        ("after years of talks", "vague", 2 * YEAR, 20 * YEAR),
        ("one year", "exact", YEAR, YEAR),
    ],
)
def test_durations_in_days(quote, qualifier, low, high):
    value = parse_value(quote, None)
    assert (value.kind, value.qualifier, value.unit) == ("duration", qualifier, "day")
    assert (value.low, value.high) == (pytest.approx(low) if low else low,
                                       pytest.approx(high) if high else high)


def test_duration_value_is_stated_figure_in_days():
    assert parse_value("two months", None).value == 2 * MONTH


@pytest.mark.parametrize("quote", ["twice a day", "once a week", "times a year"])
def test_rates_are_not_durations(quote):
    assert parse_value(quote, None).kind == "text"
