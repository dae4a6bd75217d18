"""Date phrases -> inclusive calendar intervals, resolved against publication."""

import datetime

import pytest

from provenance.values import parse_value

D = datetime.date
WEEK = D(2024, 11, 18)  # The Week: a Monday
NYT = D(2024, 11, 17)  # The New York Times: a Sunday


@pytest.mark.parametrize(
    ("quote", "published", "low", "high"),
    [
        ("Biden's ATACMS shift, made Thursday,", WEEK, D(2024, 11, 14), D(2024, 11, 14)),
        ("told multiple news organizations Sunday", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("Zelenskyy said Sunday night", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("called Sunday's U.S. shift", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("Putin warned in September", WEEK, D(2024, 9, 1), D(2024, 9, 30)),
        ("suggested on Sunday that", NYT, D(2024, 11, 17), D(2024, 11, 17)),
        ("launched a cross-border assault in May", NYT, D(2024, 5, 1), D(2024, 5, 31)),
        ("In August, the Ukrainians launched", NYT, D(2024, 8, 1), D(2024, 8, 31)),
        ("that the Ukrainians seized in August.", NYT, D(2024, 8, 1), D(2024, 8, 31)),
        ("full-scale invasion of Ukraine in February 2022", NYT, D(2022, 2, 1), D(2022, 2, 28)),
        ("Nov. 17, 2024", NYT, D(2024, 11, 17), D(2024, 11, 17)),
        ("appears in print on Nov. 18, 2024", NYT, D(2024, 11, 18), D(2024, 11, 18)),
        ("since the site's launch in 2008", WEEK, D(2008, 1, 1), D(2008, 12, 31)),
        ("November 17", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("December 5", WEEK, D(2024, 12, 5), D(2024, 12, 5)),
        ("17 November 2024", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("2024-11-17", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("last Thursday", WEEK, D(2024, 11, 14), D(2024, 11, 14)),
        ("last Thursday", D(2024, 11, 14), D(2024, 11, 7), D(2024, 11, 7)),
        ("this Friday", WEEK, D(2024, 11, 22), D(2024, 11, 22)),
        ("last August", WEEK, D(2024, 8, 1), D(2024, 8, 31)),
        ("last August", D(2024, 8, 20), D(2023, 8, 1), D(2023, 8, 31)),
        ("fighting ended in early May", WEEK, D(2024, 5, 1), D(2024, 5, 10)),
        ("in late 2022", WEEK, D(2022, 9, 1), D(2022, 12, 31)),
        ("mid-2023", WEEK, D(2023, 5, 1), D(2023, 8, 31)),
        ("the 1990s", WEEK, D(1990, 1, 1), D(1999, 12, 31)),
        ("last summer", WEEK, D(2024, 6, 1), D(2024, 8, 31)),
        ("last summer", D(2024, 7, 1), D(2023, 6, 1), D(2023, 8, 31)),
        ("troops advanced in the spring", WEEK, D(2024, 3, 1), D(2024, 5, 31)),
        ("next spring", WEEK, D(2025, 3, 1), D(2025, 5, 31)),
        ("in the fall of 2023", WEEK, D(2023, 9, 1), D(2023, 11, 30)),
        ("today", NYT, NYT, NYT),
        ("yesterday", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
        ("tomorrow", WEEK, D(2024, 11, 19), D(2024, 11, 19)),
        ("last week", WEEK, D(2024, 11, 11), D(2024, 11, 17)),
        ("this week", WEEK, D(2024, 11, 18), D(2024, 11, 24)),
        ("next month", WEEK, D(2024, 12, 1), D(2024, 12, 31)),
        ("last year", WEEK, D(2023, 1, 1), D(2023, 12, 31)),
        ("earlier this month", WEEK, D(2024, 11, 1), WEEK),
        ("later this year", WEEK, WEEK, D(2024, 12, 31)),
        ("the past week", WEEK, D(2024, 11, 11), WEEK),
        ("this weekend's US bombing", WEEK, D(2024, 11, 16), D(2024, 11, 17)),
        ("over the weekend", WEEK, D(2024, 11, 16), D(2024, 11, 17)),
        ("two days ago", WEEK, D(2024, 11, 16), D(2024, 11, 16)),
        ("Sunday, Nov. 17", WEEK, D(2024, 11, 17), D(2024, 11, 17)),
    ],
)
def test_date_intervals(quote, published, low, high):
    value = parse_value(quote, published, "date")
    assert (value.kind, value.date_low, value.date_high) == ("date", low, high)
    assert not value.ambiguous


@pytest.mark.parametrize(
    ("quote", "published", "qualifier", "low", "high"),
    [
        ("since February 2022", NYT, "since", D(2022, 2, 1), D(2022, 2, 28)),
        ("before May 2023", NYT, "before", None, D(2023, 4, 30)),
        ("after May 2023", NYT, "after", D(2023, 6, 1), None),
        ("in the coming days", WEEK, "vague", WEEK, D(2024, 12, 2)),
        ("within days", WEEK, "vague", WEEK, D(2024, 12, 2)),
        ("in recent weeks", WEEK, "vague", D(2024, 9, 23), WEEK),
        ("a year ago", NYT, "approx", D(2023, 10, 12), D(2023, 12, 23)),
        ("more than a year ago", NYT, "more_than", None, D(2023, 11, 17)),
        ("2022-2024", NYT, "range", D(2022, 1, 1), D(2024, 12, 31)),
        ("between 2020 and 2023", NYT, "range", D(2020, 1, 1), D(2023, 12, 31)),
        ("from 2014 to 2022", NYT, "range", D(2014, 1, 1), D(2022, 12, 31)),
    ],
)
def test_qualified_dates(quote, published, qualifier, low, high):
    value = parse_value(quote, published, "date")
    assert (value.qualifier, value.date_low, value.date_high) == (qualifier, low, high)


@pytest.mark.parametrize(
    ("quote", "published", "low", "high"),
    [
        ("next Thursday", WEEK, D(2024, 11, 21), D(2024, 11, 28)),
        ("a cross-border assault in May", NYT, D(2024, 5, 1), D(2025, 5, 31)),
        ("in the spring", WEEK, D(2024, 3, 1), D(2025, 5, 31)),
        ("11/12/2024", WEEK, D(2024, 11, 12), D(2024, 12, 11)),
        ("winter 2022", WEEK, D(2021, 12, 1), D(2023, 2, 28)),
        ("the previous week", WEEK, D(2024, 11, 11), D(2024, 11, 17)),
        ("They will rest this weekend.", WEEK, D(2024, 11, 16), D(2024, 11, 24)),
        ("two months before President-elect Donald J. Trump takes office", NYT,
         D(2025, 1, 2), D(2025, 2, 1)),
    ],
)
def test_ambiguous_readings_are_flagged_and_widened(quote, published, low, high):
    value = parse_value(quote, published, "date")
    assert (value.date_low, value.date_high, value.ambiguous) == (low, high, True)


def test_future_cue_on_the_day_itself_is_not_ambiguous():
    value = parse_value("He will speak on Monday.", WEEK, "date")
    assert (value.date_low, value.date_high, value.ambiguous) == (WEEK, WEEK, False)


def test_without_publication_relative_dates_have_no_interval():
    value = parse_value("Thursday", None, "date")
    assert (value.kind, value.date_low, value.date_high, value.ambiguous) == (
        "date", None, None, True)


def test_absolute_dates_need_no_publication():
    value = parse_value("Nov. 17, 2024", None, "date")
    assert (value.date_low, value.ambiguous) == (D(2024, 11, 17), False)
