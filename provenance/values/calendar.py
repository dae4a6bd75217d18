"""Calendar arithmetic for resolving date phrases against a publication date.

All intervals are inclusive ``(first_day, last_day)`` pairs of `datetime.date`.
Weeks run Monday to Sunday. Seasons are meteorological (northern hemisphere):
spring = March-May, summer = June-August, fall/autumn = September-November,
winter = December-February (the winter of year Y starts in December of Y-1 or Y:
see dates.py for how an explicit "winter 2022" is widened).
"""

from __future__ import annotations

import calendar
import datetime
from functools import lru_cache

from dateutil.relativedelta import relativedelta

Interval = tuple[datetime.date, datetime.date]
DAY = datetime.timedelta(days=1)
SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
CACHED = 4096  # intervals and shifts kept per function: a corpus repeats its few dates


@lru_cache(maxsize=CACHED)
def month_interval(year: int, month: int) -> Interval:
    """First and last day of a month."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def year_interval(year: int) -> Interval:
    """First and last day of a year."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


@lru_cache(maxsize=CACHED)
def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` shifted by whole months, clamped to the month's last day (relativedelta is
    slow next to the scan's parsing: each day and shift is computed once)."""
    return day + relativedelta(months=months)


def week_interval(day: datetime.date) -> Interval:
    """Monday to Sunday of the week containing `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def weekday_on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    """The most recent `weekday` (0 = Monday) on or before `day`."""
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    """The first `weekday` (0 = Monday) on or after `day`."""
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def month_on_or_before(day: datetime.date, month: int) -> Interval:
    """The most recent occurrence of `month` starting on or before `day`."""
    year = day.year if month <= day.month else day.year - 1
    return month_interval(year, month)


def month_on_or_after(day: datetime.date, month: int) -> Interval:
    """The first occurrence of `month` ending on or after `day`."""
    year = day.year if month >= day.month else day.year + 1
    return month_interval(year, month)


@lru_cache(maxsize=CACHED)
def season_interval(season: str, year: int) -> Interval:
    """The season starting in `year` (winter Y = December Y to February Y+1)."""
    start = datetime.date(year, SEASON_START[season], 1)
    end = add_months(start, 3) - DAY
    return start, end


def season_on_or_before(day: datetime.date, season: str) -> Interval:
    """The most recent occurrence of `season` starting on or before `day`."""
    start = season_interval(season, day.year)
    return start if start[0] <= day else season_interval(season, day.year - 1)


def season_ended_before(day: datetime.date, season: str) -> Interval:
    """The most recent occurrence of `season` that ended before `day` ("last summer")."""
    for year in (day.year, day.year - 1, day.year - 2):
        found = season_interval(season, year)
        if found[1] < day:
            return found
    raise AssertionError("unreachable: a season ends within two years")


def season_after(day: datetime.date, season: str) -> Interval:
    """The first occurrence of `season` starting after `day` ("next summer")."""
    found = season_interval(season, day.year)
    return found if found[0] > day else season_interval(season, day.year + 1)


def thirds(first: datetime.date, last: datetime.date, part: str) -> Interval:
    """The early/mid/late third of an interval (months: days 1-10, 11-20, 21-end)."""
    if first.day == 1 and first.month == last.month and first.year == last.year:
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part]
        return first.replace(day=bounds[0]), first.replace(day=bounds[1])
    span = (last - first).days + 1
    index = {"early": 0, "mid": 1, "late": 2}[part]
    lo = first + datetime.timedelta(days=span * index // 3)
    hi = first + datetime.timedelta(days=span * (index + 1) // 3) - DAY
    if first.month == 1 and last.month == 12:  # years: Jan-Apr, May-Aug, Sep-Dec
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        lo = month_interval(first.year, months[0])[0]
        hi = month_interval(first.year, months[1])[1]
    return lo, hi
