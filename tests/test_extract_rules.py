"""Extraction rules for common news wording: one row per rule, with its value."""

import datetime

import pytest

from provenance.extract import extract
from tests.mentions import D, P, only


@pytest.mark.parametrize(
    ("text", "quote", "qualifier", "low", "high", "unit"),
    [
        ("The strike lasted 3 min before", "3 min", "exact", 3 / 1440, 3 / 1440, "day"),
        ("power returned after 3h of outage", "3h", "exact", 3 / 24, 3 / 24, "day"),
        ("a ceasefire of 48 hrs was agreed", "48 hrs", "exact", 2, 2, "day"),
        ("after six straight days of losses", "six straight days", "exact", 6, 6, "day"),
        ("almost two and a half years behind schedule", "almost two and a half years",
         "nearly", 0.9 * 2.5 * 365.25, 2.5 * 365.25, "day"),
        ("a year and a half later", "a year and a half", "exact", 1.5 * 365.25,
         1.5 * 365.25, "day"),
        ("for two years and three months", "two years and three months", "exact",
         2 * 365.25 + 3 * 30.4375, 2 * 365.25 + 3 * 30.4375, "day"),
        ("after half an hour of talks", "half an hour", "exact", 1 / 48, 1 / 48, "day"),
        ("a quarter century of rule", "a quarter century", "exact", 0.25 * 36525,
         0.25 * 36525, "day"),
        ("a cap of 660 square meters in cities", "660 square meters", "exact", 660, 660,
         "square meter"),
        ("bottles of 75ml each", "75ml", "exact", 75, 75, "milliliter"),
        ("limited to 5 km/h in the zone", "5 km/h", "exact", 5, 5, "kilometer per hour"),
        ("export 0.9 trillion cubic feet of gas", "0.9 trillion cubic feet", "exact", 0.9e12,
         0.9e12, "cubic foot"),
        ("sold 25 lakh tonnes of wheat", "25 lakh tonnes", "exact", 2.5e6, 2.5e6,
         "metric ton"),
        ("a score greater than 4,565 points", "greater than 4,565 points", "more_than", 4565,
         None, "points"),
        ("no less than 20 ships", "no less than 20 ships", "at_least", 20, None, "ships"),
        ("fewer than 30 troops", "fewer than 30 troops", "less_than", None, 30, "troops"),
        ("temperatures above 40 degrees Celsius", "above 40 degrees Celsius", "more_than", 40,
         None, "degree Celsius"),
        ("scores of 200 or higher", "200 or higher", "at_least", 200, None, None),
        ("rose 5 percent", "5 percent", "exact", 5, 5, "percent"),
        ("rose 5% in trading", "5%", "exact", 5, 5, "percent"),
        ("fell five per cent", "five per cent", "exact", 5, 5, "percent"),
        ("up 2 percentage points", "2 percentage points", "exact", 2, 2, "percentage point"),
        ("a deal worth $40 billion", "$40 billion", "exact", 4e10, 4e10, "USD"),
        ("a €5m fine", "€5m", "exact", 5e6, 5e6, "EUR"),
        ("half a million people", "half a million people", "exact", 5e5, 5e5, "people"),
        ("two and a half million voters", "two and a half million voters", "exact", 2.5e6,
         2.5e6, "voters"),
    ],
)
def test_quantities_and_durations(text, quote, qualifier, low, high, unit):
    m = only(text)
    assert (m.text, m.value.qualifier, m.value.unit) == (quote, qualifier, unit)
    assert m.value.low == (pytest.approx(low) if low is not None else None)
    assert m.value.high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize(
    ("text", "quote", "low", "high"),
    [
        ("the vote on april 22 was", "april 22", D(2025, 4, 22), D(2025, 4, 22)),
        ("deadline of jan 1, 2025 for", "jan 1, 2025", D(2025, 1, 1), D(2025, 1, 1)),
        ("due on Jan-1 next", "Jan-1", D(2025, 1, 1), D(2025, 1, 1)),
        ("delivered 28-Nov", "28-Nov", D(2024, 11, 28), D(2024, 11, 28)),
        ("unveiled February 17 , 2005 in Seattle", "February 17 , 2005", D(2005, 2, 17),
         D(2005, 2, 17)),
        ("job cuts announced February 28, 2007", "February 28, 2007", D(2007, 2, 28),
         D(2007, 2, 28)),
        ("sales fell in the month of Feb", "the month of Feb", D(2024, 2, 1), D(2024, 2, 29)),
        ("shipments resume in Sept as planned", "Sept", D(2024, 9, 1), D(2024, 9, 30)),
        ("the vote is on friday", "friday", D(2024, 11, 15), D(2024, 11, 15)),
        ("talks on Friday the 22nd", "Friday the 22nd", D(2024, 11, 22), D(2024, 11, 22)),
        ("the talks ran from May to July", "from May to July", D(2024, 5, 1),
         D(2024, 7, 31)),
        ("rates rose between 2019 and 2021", "between 2019 and 2021", D(2019, 1, 1),
         D(2021, 12, 31)),
        ("open Monday through Friday", "Monday through Friday", D(2024, 11, 18),
         D(2024, 11, 22)),
        ("the games run January 4-22", "January 4-22", D(2025, 1, 4), D(2025, 1, 22)),
        ("the summit, from 4 to 22 January 2017", "from 4 to 22 January 2017",
         D(2017, 1, 4), D(2017, 1, 22)),
        ("growth in the first half of 2024", "the first half of 2024", D(2024, 1, 1),
         D(2024, 6, 30)),
        ("profits in the third quarter", "the third quarter", D(2024, 7, 1), D(2024, 9, 30)),
        ("results for Q1 2016 were", "Q1 2016", D(2016, 1, 1), D(2016, 3, 31)),
        ("music of the '90s", "'90s", D(1990, 1, 1), D(1999, 12, 31)),
        ("cars of the seventies", "seventies", D(1970, 1, 1), D(1979, 12, 31)),
        ("the 1990s", "1990s", D(1990, 1, 1), D(1999, 12, 31)),
        ("wars of the 20th century", "20th century", D(1900, 1, 1), D(1999, 12, 31)),
        ("prices over the past two years", "the past two years", D(2022, 11, 18), P),
        ("sales in the next five years", "the next five years", P, D(2029, 11, 18)),
        ("the past decade of growth", "the past decade", D(2014, 11, 19), P),
        ("due the coming week", "the coming week", D(2024, 11, 25), D(2024, 12, 1)),
        ("last year", "last year", D(2023, 1, 1), D(2023, 12, 31)),
        ("earlier this month", "earlier this month", D(2024, 11, 1), P),
        ("slowed in mid-2023", "mid-2023", D(2023, 5, 1), D(2023, 8, 31)),
        ("ended in late November", "late November", D(2024, 11, 21), D(2024, 11, 30)),
    ],
)
def test_dates(text, quote, low, high):
    m = only(text)
    assert (m.text, m.kind, m.value.date_low, m.value.date_high) == (quote, "date", low, high)


def test_a_count_before_a_date_stops_at_the_date():
    assert [m.text for m in extract("job cuts of 10,000 February 28, 2007", P)] == [
        "10,000", "February 28, 2007"]


def test_two_weeks_from_now_is_about_two_weeks_after_publication():
    m = only("a decision two weeks from now")
    assert (m.text, m.value.qualifier) == ("two weeks from now", "approx")
    assert m.value.date_low <= P + datetime.timedelta(days=14) <= m.value.date_high


@pytest.mark.parametrize(
    "text",
    [
        "you may 5 times ask",
        "they march 5 miles a day",  # the distance only
        "Jan Egeland said",
        "prices continue to fall",
        "Kyiv's 250th day of war was the first",
        "in her seventies",
        "https://example.com/search?q=30%25%2020%",
        "the 2024 election",  # the year only
    ],
)
def test_not_dates_or_not_these_spans(text):
    for m in extract(text, P):
        assert m.kind != "date" or m.text == "2024"
        assert "%2" not in m.text and "may 5" not in m.text and "march" not in m.text
