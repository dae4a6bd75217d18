"""Date phrases -> inclusive calendar intervals, resolved against the publication date.

Readings (``P`` is the publication date; intervals are inclusive):

- Absolute: "Nov. 17, 2024", "17 November 2024", "2024-11-17" -> that day;
  "February 2022" -> the month; "in 2008" -> the year; "the 1990s" -> the decade;
  "2022-2024", "between 2020 and 2023" -> both years and those between (qualifier
  ``range``). US "11/12/2024" where both parts
  could be the month is ``ambiguous`` and covers both days.
- "November 17" (no year) -> the occurrence nearest to ``P``.
- Weekdays ("Thursday", "on Sunday", "Sunday night", "Sunday's") -> the most recent
  such day on or before ``P`` (so "on Sunday" in a Sunday paper is ``P`` itself), or
  the first on or after ``P`` when the sentence is in the future tense.
  "last Thursday" -> strictly before ``P``; "this Thursday" -> in ``P``'s Monday-Sunday
  week; "next Thursday" -> ``ambiguous``: the first Thursday after ``P`` or the one a
  week later.
- Months ("in May", "In August") and seasons ("last summer"): "last" = the most
  recent one before ``P``'s own; "next" = the first one after ``P``'s; "this" = the one
  in ``P``'s year. A bare name is read with its sentence and paragraph (tense.py): a
  year named nearby wins ("In 2023 ... in October"), future tense points forward, past
  tense back, and where nothing decides it the value is ``ambiguous`` and covers the
  most recent and the coming occurrence.
  "early" / "mid-" / "late" take a third of the period (months: days 1-10, 11-20,
  21-end; years: Jan-Apr, May-Aug, Sep-Dec). An explicit "winter 2022" is ``ambiguous``
  (Dec 2021-Feb 2022 or Dec 2022-Feb 2023) and covers both.
- Qualifiers right before a date: "since X" -> X's interval, qualifier ``since``;
  "before X" -> (unbounded, day before X]; "after X" -> [day after X, unbounded).
- Relative: today/tonight = ``P``, yesterday, tomorrow; this/last/next week (Monday to
  Sunday), month, year; "this weekend" / "the weekend" like a weekday (the most recent
  Saturday-Sunday on or before ``P``, ``ambiguous`` with the coming one when the
  sentence is in the future tense: the weekdays' and months' rule, tense.py);
  "earlier this month" = [start of month, ``P``]; "later this year" = [``P``, end of
  year]; "the past week/month/year" = the 7, 30 or 365 days up to ``P``. "The
  previous week" and "the following week" count from the story's own time, which is
  unknown: they are read as last / next week and flagged ``ambiguous``.
- Vague windows (qualifier ``vague``): "in the coming days" = [``P``, ``P`` + 14 days],
  "coming weeks" = 8 weeks, "coming months" = 1 year, "coming years" = 10 years;
  "within hours/days/weeks/months" = [``P``, ``P`` + 2 days / 14 days / 8 weeks / 1 year];
  "in recent days/weeks/months/years" mirror these before ``P``.
- "N units ago" (see ``ago``): ``P`` minus the duration. Days are exact; longer units
  are ``approx`` with a half-width of max(tolerance x offset, 3 days for weeks,
  15 days for months and longer), whole days rounded down: "a year ago" in a paper of
  2024-11-17 covers 2023-10-12 .. 2023-12-23 (36 days either side of 2023-11-17; whole
  months and years move by the calendar, other units by days).
- More forms, each documented in its module: all-numeric dates ("4/22", "9-18-15",
  "2015/08/12") in numeric_dates.py; ordinal days ("the Fourth of July", "on the 27th")
  and story-relative days ("the next day") in day_phrases.py; weekdays pinned to a week
  or month ("Friday next week", "the first Monday of next month") in week_days.py;
  "tmrw", "the day after tomorrow" and "the day before yesterday" here (P +/- 1 or 2).
- Without a publication date, phrases that need it give a date ``Value`` with no
  interval and ``ambiguous=True``; so do phrases resolved beyond the calendar.
  Impossible days ("30 February") are refused, and years are read from 1500 to 2099:
  see limits.py.
"""

from __future__ import annotations

import datetime
import re

from . import calendar as cal
from .patterns import Caseless
from .value import Value

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "tues": 1, "weds": 2, "thurs": 3,
}
WORD_MONTHS = {"may", "march", "april", "june", "august"}  # also ordinary words or names
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"

_COMMA = r"(?:\s?,)?\s+"  # "17, 2024" and tokenised "17 , 2024"
MONTH_RE = re.compile(
    rf"(?P<name>{_MONTH_ALT})\b(?P<dot>\.)?"
    rf"(?:(?:\s+|-)(?P<day>{DAY})(?:{_COMMA}(?P<year>{YEAR}))?|{_COMMA}(?P<year2>{YEAR}))?",
    re.IGNORECASE,
)
DAY_MONTH_RE = re.compile(
    rf"(?P<day>{DAY})(?:\s+(?:of\s+)?|-)(?P<name>{_MONTH_ALT})\b\.?"
    rf"(?:{_COMMA}(?P<year>{YEAR}))?",
    re.IGNORECASE,
)
ISO_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])")
SLASH_RE = re.compile(r"(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})(?![0-9/])")
YEAR_RE = re.compile(
    rf"(?P<y>{YEAR})(?:(?P<decade>s|'s|’s)\b|\s*(?:-|–|to)\s*(?P<y2>{YEAR}|[0-9]{{2}}(?![0-9])))?"
)
WEEKDAY_RE = re.compile(
    rf"(?P<name>{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})\b"
    r"(?:(?P<poss>'s|’s)?\s+(?P<part>night|morning|afternoon|evening)\b"
    rf"|,?\s+the\s+(?P<mday>{DAY}))?",
    re.IGNORECASE,
)
SEASON_RE = re.compile(
    rf"(?P<name>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
    re.IGNORECASE,
)
BEFORE_RE = Caseless(
    r"(?<![\w-])(?:(?P<rel>since|before|after)\s+)?(?:(?:in|on|during|by|until|of)\s+)?"
    r"(?:the\s+)?(?P<mod>last|next|this|early|mid|late)?(?(mod)[\s-]+|)$"
)
CONTEXT_RE = Caseless(
    r"(?<![\w-])(?:in|on|since|by|until|till|from|before|after|during|through|to|of|the|"
    r"early|mid|late|last|next|this|spring|summer|fall|autumn|winter|between|year|and)[\s-]+$"
)
WINDOW = 40


def _date_value(interval: cal.Interval | None, qualifier: str = "exact",
                ambiguous: bool = False) -> Value:
    """A date Value; without an interval (no publication date) it is ambiguous."""
    if interval is None:
        return Value(kind="date", qualifier=qualifier, ambiguous=True)
    return Value(kind="date", qualifier=qualifier, date_low=interval[0],
                 date_high=interval[1], ambiguous=ambiguous)


def prefix(text: str, start: int, floor: int) -> tuple[str | None, str | None, int]:
    """Qualifier word (since/before/after) and modifier (last/next/this/early/mid/late)
    right before `start`, and where they begin."""
    m = BEFORE_RE.search(text, max(floor, start - WINDOW), start)
    if not m or not (m["rel"] or m["mod"]):
        return None, None, start
    begin = m.start("rel") if m["rel"] else m.start("mod")
    return (m["rel"] or "").lower() or None, (m["mod"] or "").lower() or None, begin


def has_context(text: str, start: int, floor: int) -> bool:
    """Whether a temporal word ("in", "since", "the", "early") comes right before `start`."""
    return CONTEXT_RE.search(text, max(floor, start - 12), start) is not None


def qualify(value: Value, rel: str | None) -> Value:
    """Apply since/before/after to a resolved date value."""
    if rel is None or value.date_low is None or value.date_high is None:
        return value
    if rel == "since":
        return Value(kind="date", qualifier="since", date_low=value.date_low,
                     date_high=value.date_high, ambiguous=value.ambiguous)
    if rel == "before":
        return Value(kind="date", qualifier="before", date_high=value.date_low - cal.DAY,
                     ambiguous=value.ambiguous)
    return Value(kind="date", qualifier="after", date_low=value.date_high + cal.DAY,
                 ambiguous=value.ambiguous)


def span(first: cal.Interval, second: cal.Interval) -> cal.Interval:
    """The smallest interval covering two intervals."""
    return min(first[0], second[0]), max(first[1], second[1])


def as_date(published: datetime.date | str | None) -> datetime.date | None:
    """A publication date given as a date, a datetime or an ISO 'YYYY-MM-DD' string
    ('' is None); raises ValueError naming any other string."""
    if isinstance(published, datetime.datetime):
        return published.date()
    if not isinstance(published, str):
        return published
    if not published.strip():
        return None
    try:
        return datetime.date.fromisoformat(published.strip())
    except ValueError:
        raise ValueError(f"published {published!r} is not a YYYY-MM-DD date") from None


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """`datetime.date` or None when the day does not exist."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
