"""Round-2 date rules: all-numeric dates, ordinal days, story-relative days, weekdays
pinned to a week or a month; one row per rule, resolved against a Monday paper."""


import pytest

from provenance.extract import extract
from tests.mentions import D, P, only


@pytest.mark.parametrize(
    ("text", "quote", "low", "high", "ambiguous"),
    [
        ("filed on 2015/08/12 in court", "2015/08/12", D(2015, 8, 12), D(2015, 8, 12), False),
        ("the 2015.5.13 release", "2015.5.13", D(2015, 5, 13), D(2015, 5, 13), False),
        ("arrested 9-18-15 in Ohio", "9-18-15", D(2015, 9, 18), D(2015, 9, 18), False),
        ("signed 21-04-2016 in Rome", "21-04-2016", D(2016, 4, 21), D(2016, 4, 21), False),
        ("held on 13.5.2015 in Bern", "13.5.2015", D(2015, 5, 13), D(2015, 5, 13), False),
        ("due 3-7-2017 at noon", "3-7-2017", D(2017, 3, 7), D(2017, 7, 3), True),
        ("the rally of 11/22 drew", "11/22", D(2024, 11, 22), D(2024, 11, 22), False),
        ("the rally of 22/11 drew", "22/11", D(2024, 11, 22), D(2024, 11, 22), False),
        ("voting closes on 4-22", "4-22", D(2025, 4, 22), D(2025, 4, 22), False),
        ("the memo dated 3/4 said", "3/4", D(2025, 3, 4), D(2025, 4, 3), True),
    ],
)
def test_numeric_dates(text, quote, low, high, ambiguous):
    m = only(text)
    assert (m.text, m.value.date_low, m.value.date_high, m.value.ambiguous) == (
        quote, low, high, ambiguous)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("add 3/4 cup of flour", ["quantity"]),  # a fraction, not March 4
        ("a 5-4 vote", ["quantity", "quantity"]),  # a score, not May 4
        ("prices rose from 10-12 dollars", ["quantity"]),  # a range
        ("news 24/7 from us", ["quantity", "quantity"]),  # an idiom, not a date
        ("running Python 3.10.12 now", []),  # a version
    ],
)
def test_numeric_shapes_that_are_not_dates(text, kinds):
    assert [m.kind for m in extract(text, P)] == kinds


@pytest.mark.parametrize(
    ("text", "quote", "low", "high", "ambiguous"),
    [
        ("the parade on the Fourth of July", "Fourth of July", D(2024, 7, 4), D(2024, 7, 4),
         False),
        ("born the second of Aug. 1990", "second of Aug. 1990", D(1990, 8, 2),
         D(1990, 8, 2), False),
        ("from the twenty second of June", "twenty second of June", D(2024, 6, 22),
         D(2024, 6, 22), False),
        ("due by the 4th of March", "4th of March", D(2025, 3, 4), D(2025, 3, 4), False),
        ("signed on May twenty-first", "May twenty-first", D(2024, 5, 21), D(2024, 5, 21),
         False),
        ("it opens Jan first", "Jan first", D(2025, 1, 1), D(2025, 1, 1), False),
        ("we met September the 21st", "September the 21st", D(2024, 9, 21),
         D(2024, 9, 21), False),
        ("the vote is on the 27th.", "the 27th", D(2024, 10, 27), D(2024, 11, 27), True),
        ("rent is due by the 1st", "the 1st", D(2024, 11, 1), D(2024, 12, 1), True),
        ("the deal closed on the 18th", "the 18th", P, P, False),
    ],
)
def test_ordinal_days(text, quote, low, high, ambiguous):
    m = only(text)
    assert (m.text, m.value.date_low, m.value.date_high, m.value.ambiguous) == (
        quote, low, high, ambiguous)


@pytest.mark.parametrize(
    "text",
    [
        "on the 27th anniversary of the war",  # a rank before a noun
        "she finished 27th in the race",  # no date context
        "you may first want to wait",  # the verb 'may'
    ],
)
def test_ordinals_that_are_ranks(text):
    assert [m for m in extract(text, P) if m.kind == "date"] == []


@pytest.mark.parametrize(
    ("text", "quote", "day", "ambiguous"),
    [
        ("we meet tmrw at noon", "tmrw", D(2024, 11, 19), False),
        ("talks resume the day after tomorrow", "the day after tomorrow", D(2024, 11, 20),
         False),
        ("he left the day before yesterday", "the day before yesterday", D(2024, 11, 16),
         False),
        ("He was arrested. The next day, police said", "The next day", D(2024, 11, 19),
         True),
        ("on the previous day, troops had", "the previous day", D(2024, 11, 17), True),
        ("the vote is on Tues. in the house", "Tues", D(2024, 11, 12), False),
    ],
)
def test_relative_days(text, quote, day, ambiguous):
    m = only(text)
    assert (m.text, m.value.date_low, m.value.date_high, m.value.ambiguous) == (
        quote, day, day, ambiguous)


def test_the_next_day_or_two_is_not_a_day():
    assert [m.kind for m in extract("in the next day or two", P)] == ["quantity"]


@pytest.mark.parametrize(
    ("text", "quote", "day"),
    [
        ("the summit is Friday next week", "Friday next week", D(2024, 11, 29)),
        ("on Tuesday of next week", "Tuesday of next week", D(2024, 11, 26)),
        ("talks resume next week on Friday", "next week on Friday", D(2024, 11, 29)),
        ("it was due this week Sunday", "this week Sunday", D(2024, 11, 24)),
        ("on Friday of last week", "Friday of last week", D(2024, 11, 15)),
        ("the first Friday of next month", "the first Friday of next month",
         D(2024, 12, 6)),
        ("on the second Monday in March 2024", "the second Monday in March 2024",
         D(2024, 3, 11)),
        ("the last Sunday of this month", "the last Sunday of this month", D(2024, 11, 24)),
        ("the first Tuesday in November", "the first Tuesday in November", D(2024, 11, 5)),
        ("the rally on Friday 11/22 drew", "Friday 11/22", D(2024, 11, 22)),
    ],
)
def test_weekday_in_a_named_week_or_month(text, quote, day):
    m = only(text)
    assert (m.text, m.value.date_low, m.value.date_high) == (quote, day, day)
