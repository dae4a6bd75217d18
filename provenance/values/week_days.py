"""A weekday pinned to a week or a month; one mention, not two.

- "Friday next week", "Tuesday of next week", "next week on Friday", "this week Friday",
  "last week Sunday" -> that weekday in the Monday-Sunday week named (this week = the
  week holding publication).
- "Friday 7/6", "Friday, 2018-7-6": one mention, the numeric date's value.
- "the first Friday of next month", "the second Monday in March 2024", "the last
  Sunday of this month" -> that day of the month named (this/next/last month, or a
  month with a year; a bare month is the most recent one starting on or before
  publication, as for "in March").
"""

from __future__ import annotations

import datetime
import re

from . import calendar as cal
from .dates import _MONTH_ALT, MONTHS, WEEKDAYS, YEAR, _date_value
from .numeric_dates import match_numeric
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None

_WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_SHIFT = {"this": 0, "next": 1, "last": -1}
WEEKDAY_NAME_RE = re.compile(rf"(?:{_WEEKDAY_ALT})\b", re.IGNORECASE)
NUMERIC_AFTER_RE = re.compile(r",?\s+(?=[0-9])")
WEEK_AFTER_RE = re.compile(r",?\s+(?:of\s+)?(?P<mod>this|next|last)\s+week\b", re.IGNORECASE)
WEEKDAY_AFTER_RE = re.compile(rf",?\s+(?:on\s+)?(?P<wd>{_WEEKDAY_ALT})\b", re.IGNORECASE)
WEEK_MOD_RE = re.compile(r"(?P<mod>this|next|last)\s+week$", re.IGNORECASE)
NTH_BEFORE_RE = re.compile(r"(?<!\w)the\s+(?P<nth>first|second|third|fourth|last)\s+$",
                           re.IGNORECASE)
MONTH_AFTER_RE = re.compile(
    rf"\s+(?:of|in)\s+(?:(?P<mod>this|next|last)\s+month\b"
    rf"|(?P<month>{_MONTH_ALT})\b(?:,?\s+(?P<year>{YEAR}))?)", re.IGNORECASE)
_NTH = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _in_week(published: datetime.date, mod: str, weekday: int) -> Value:
    monday = cal.week_interval(published)[0] + datetime.timedelta(days=7 * _SHIFT[mod])
    day = monday + datetime.timedelta(days=weekday)
    return _date_value((day, day))


def weekday_then_week(text: str, pos: int, found: Found | None, published: Date
                      ) -> Found | None:
    """Extend a weekday mention at `pos` by 'next week' / 'of this week' after it."""
    name = WEEKDAY_NAME_RE.match(text, pos)
    if found is None or name is None or published is None or found[1] != name.end():
        return found
    week = WEEK_AFTER_RE.match(text, name.end())
    if week is None:
        gap = NUMERIC_AFTER_RE.match(text, name.end())
        dated = match_numeric(text, gap.end(), published, gap.end()) if gap else None
        return (found[0], dated[1], dated[2]) if dated else found
    return found[0], week.end(), _in_week(published, week["mod"].lower(),
                                          WEEKDAYS[name[0].lower()])


def week_then_weekday(text: str, found: Found | None, published: Date) -> Found | None:
    """Extend 'next week' by a weekday after it ('next week on Friday')."""
    if found is None or published is None:
        return found
    week = WEEK_MOD_RE.search(text, found[0], found[1])
    day = WEEKDAY_AFTER_RE.match(text, found[1]) if week else None
    if day is None:
        return found
    return found[0], day.end(), _in_week(published, week["mod"].lower(),
                                         WEEKDAYS[day["wd"].lower()])


def nth_weekday(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'the first Friday of next month' at the weekday anchor `pos`."""
    before = NTH_BEFORE_RE.search(text, max(floor, pos - 12), pos)
    name = WEEKDAY_NAME_RE.match(text, pos)
    month = MONTH_AFTER_RE.match(text, name.end()) if before and name else None
    if month is None:
        return None
    if published is None:
        return before.start(), month.end(), _date_value(None)
    if month["mod"]:
        first = cal.add_months(published.replace(day=1), _SHIFT[month["mod"].lower()])
    elif month["year"]:
        first = datetime.date(int(month["year"]), MONTHS[month["month"].lower()], 1)
    else:
        first = cal.month_on_or_before(published, MONTHS[month["month"].lower()])[0]
    last = cal.month_interval(first.year, first.month)[1]
    weekday, nth = WEEKDAYS[name[0].lower()], before["nth"].lower()
    if nth == "last":
        day = cal.weekday_on_or_before(last, weekday)
    else:
        day = cal.weekday_on_or_after(first, weekday) + datetime.timedelta(days=7 * _NTH[nth])
        if day > last:
            return None
    return before.start(), month.end(), _date_value((day, day))
