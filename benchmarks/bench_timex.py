"""TIMEX3 values (TimeML, Recognizers-Text `timex`) as date intervals or durations in days.

Only values with a definite calendar extent or length are read; `PRESENT_REF`,
`XXXX-..` and `PXM`-style unknown amounts give `None` (span-only gold).
Seasons follow meteorological seasons (SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec-Feb).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from bench_model import DAYS

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
PART_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")
DECADE_RE = re.compile(r"^(\d{3})X?$")
CENTURY_RE = re.compile(r"^(\d{2})(?:XX)?$")
DURATION_RE = re.compile(
    r"^P(?:(?P<date>[0-9.]+[YMWD](?:[0-9.]+[YMWD])*))?(?:T(?P<time>[0-9.HMS]+))?$"
)
DURATION_PART_RE = re.compile(r"([0-9.]+)([YMWDHS])")
DATE_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
SEASONS = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
}


def month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """From the first day of month `first` to the last day of month `last`."""
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def timex_date(value: str) -> tuple[dt.date, dt.date] | None:
    """Inclusive interval of a TIMEX3 date value, or None when it has no fixed extent."""
    if m := DATE_RE.match(value):
        year, month, day = (int(g) if g else None for g in m.groups())
        if day and month:
            return dt.date(year, month, day), dt.date(year, month, day)
        if month:
            return month_span(year, month, month)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := WEEK_RE.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        first = monday + dt.timedelta(days=5) if value.endswith("-WE") else monday
        return first, monday + dt.timedelta(days=6)
    if m := PART_RE.match(value):
        year, part = int(m[1]), m[2]
        if part == "WI":
            return dt.date(year, 12, 1), month_span(year + 1, 2, 2)[1]
        return month_span(year, *SEASONS[part])
    if m := DECADE_RE.match(value):
        return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    if m := CENTURY_RE.match(value):
        return dt.date(int(m[1]) * 100, 1, 1), dt.date(int(m[1]) * 100 + 99, 12, 31)
    return None


def timex_days(value: str) -> float | None:
    """Length in days of a TIMEX3 duration such as P2M or PT3H; None for PXM and the like."""
    m = DURATION_RE.match(value)
    if not m or not (m["date"] or m["time"]):
        return None
    days = 0.0
    for part, units in ((m["date"], DATE_UNITS), (m["time"], TIME_UNITS)):
        for amount, unit in DURATION_PART_RE.findall(part or ""):
            if unit not in units:
                return None
            days += float(amount) * DAYS[units[unit]]
    return days
