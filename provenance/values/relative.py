"""Relative date phrases ("today", "last week", "in the coming days", "a year ago");
the readings are documented in dates.py."""

from __future__ import annotations

import datetime
import re

from . import calendar as cal
from .dates import _date_value
from .durations import DAYS, MONTHS_IN
from .hedges import APPROX_TOLERANCE
from .tense import is_future
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None

RELATIVE_RE = re.compile(
    r"(?P<day>today|tonight|yesterday|tomorrow|tmrw)\b"
    r"|(?:(?P<edge>earlier|later)\s+this"
    r"|(?P<mod>last|next|this|past|previous|following|coming|upcoming))"
    r"\s+(?P<unit>weekend|week|month|year|decade)\b"
    r"|(?P<window>coming|within|recent)\s+(?P<wunit>hours|days|weeks|months|years)\b"
    r"|(?P<weekend>weekend)\b",
    re.IGNORECASE,
)
BEFORE_WINDOW_RE = re.compile(r"(?<!\w)(?:(?:in|over)\s+)?the\s+$", re.IGNORECASE)
AGO_END_RE = re.compile(r"\s+ago\b", re.IGNORECASE)
WINDOW_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:the\s+)?(?P<mod>past|last|next|coming|previous|following)\s+$",
    re.IGNORECASE)
TITLE_AFTER_RE = re.compile(r"['’]s\s+[A-Z]")  # "Today's Paper": a name
IN_RECENT_RE = re.compile(r"(?<!\w)in\s+$", re.IGNORECASE)
_WINDOW_DAYS = {"hours": 2, "days": 14, "weeks": 56, "months": 365, "years": 3652}
_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1}
DAY_AFTER_RE = re.compile(r"(?<![\w-])(?:the\s+)?day\s+(?P<dir>after|before)\s+$",
                          re.IGNORECASE)
_PAST_DAYS = {"week": 7, "month": 30, "year": 365, "decade": 3652}
_AGO_HALF_WIDTH = {"week": 3.0}  # other units: 15 days minimum, days and shorter: 0


def match_relative(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """A relative date phrase starting at `pos` (the article may extend it leftwards)."""
    m = RELATIVE_RE.match(text, pos)
    if not m:
        return None
    the = BEFORE_WINDOW_RE.search(text, max(floor, pos - 12), pos)
    start = the.start() if the else pos
    if m["weekend"]:
        if not the:
            return None
        return start, m.end(), _weekend(published, None, is_future(text, pos))
    if m["window"]:
        return _window(text, pos, m, published, floor, the)
    if m["day"] and TITLE_AFTER_RE.match(text, m.end()):
        return None
    if published is None:
        return start, m.end(), _date_value(None)
    if m["day"]:
        shift = _DAY_OFFSET[m["day"].lower()]
        extra = DAY_AFTER_RE.search(text, max(floor, pos - 16), pos) if shift else None
        if extra:  # "the day after tomorrow", "the day before yesterday"
            shift += 1 if extra["dir"].lower() == "after" else -1
        day = published + datetime.timedelta(days=shift)
        return (extra.start() if extra else pos), m.end(), _date_value((day, day))
    unit = m["unit"].lower()
    if m["edge"]:
        whole = _period(published, unit, 0)
        edge = m["edge"].lower()
        found = (whole[0], published) if edge == "earlier" else (published, whole[1])
        return pos, m.end(), _date_value(found)
    mod = m["mod"].lower()
    if mod in {"past", "previous", "following", "coming", "upcoming"} and not the:
        return None
    if unit == "weekend":
        return start, m.end(), _weekend(published, mod, is_future(text, pos))
    if mod == "past":
        return start, m.end(), _date_value(
            (published - datetime.timedelta(days=_PAST_DAYS[unit]), published))
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1, "coming": 1,
             "upcoming": 1}[mod]
    value = _date_value(_period(published, unit, shift),
                        ambiguous=mod in {"previous", "following"})
    return start, m.end(), value


def _period(published: datetime.date, unit: str, shift: int) -> cal.Interval:
    """The week, month or year `shift` periods from the one holding `published`."""
    if unit == "week":
        monday = cal.week_interval(published)[0] + datetime.timedelta(days=7 * shift)
        return monday, monday + datetime.timedelta(days=6)
    if unit == "month":
        first = cal.add_months(published.replace(day=1), shift)
        return cal.month_interval(first.year, first.month)
    if unit == "decade":
        first = published.year // 10 * 10 + 10 * shift
        return cal.year_interval(first)[0], cal.year_interval(first + 9)[1]
    return cal.year_interval(published.year + shift)


def _weekend(published: Date, mod: str | None, future: bool = False) -> Value:
    """Saturday-Sunday, read like a weekday: 'the weekend' and 'this weekend' = the most
    recent one on or before publication (future wording: ambiguous, also the coming
    one); 'last'/'next' strictly before/after."""
    if published is None:
        return _date_value(None)
    sunday = cal.weekday_on_or_before(published, 6)
    saturday = cal.weekday_on_or_before(published, 5)
    if mod in {"next", "following"}:
        sat = cal.weekday_on_or_after(published + cal.DAY, 5)
        return _date_value((sat, sat + cal.DAY), ambiguous=mod == "following")
    if mod in {"last", "previous", "past"}:
        sun = cal.weekday_on_or_before(published - cal.DAY, 6)
        return _date_value((sun - cal.DAY, sun), ambiguous=mod == "previous")
    recent = (saturday, max(saturday + cal.DAY, sunday))
    if future and published.weekday() < 5:
        coming = cal.weekday_on_or_after(published, 6)
        return _date_value((recent[0], coming), ambiguous=True)
    return _date_value(recent)


def _window(text: str, pos: int, m: re.Match[str], published: Date, floor: int,
            the: re.Match[str] | None) -> Found | None:
    """'in the coming days', 'within days', 'in recent weeks' (qualifier vague)."""
    kind, unit = m["window"].lower(), m["wunit"].lower()
    start = pos
    if kind == "coming":
        if not the:
            return None
        start = the.start()
    elif kind == "recent":
        before = IN_RECENT_RE.search(text, max(floor, pos - 6), pos)
        if not before:
            return None
        start = before.start()
    if published is None:
        return start, m.end(), Value(kind="date", qualifier="vague", ambiguous=True)
    width = datetime.timedelta(days=_WINDOW_DAYS[unit])
    found = (published - width, published) if kind == "recent" else (
        published, published + width)
    return start, m.end(), _date_value(found, "vague")


def window(duration: Value, published: Date, unit: str, mod: str) -> Value:
    """'the past two years' = [P - 2 years, P]; 'the next five years' = [P, P + 5 years]
    (the far end from the duration's upper bound, else its lower one)."""
    if published is None:
        return _date_value(None)
    days = duration.high if duration.high is not None else duration.low
    sign = -1 if mod.lower() in {"past", "last", "previous"} else 1
    far = _shift(published, days, unit, sign)
    return _date_value((far, published) if sign < 0 else (published, far))


def ago(duration: Value, published: Date, unit: str,
        tolerance: float = APPROX_TOLERANCE) -> Value:
    """The date `duration` before publication ('a year ago'); see dates.py."""
    return offset(duration, published, unit, -1, tolerance)


def offset(duration: Value, published: Date, unit: str, sign: int,
           tolerance: float = APPROX_TOLERANCE) -> Value:
    """The date `duration` after (sign 1) or before (sign -1) publication."""
    if published is None:
        return _date_value(None, duration.qualifier)
    low, high, qualifier = duration.low, duration.high, duration.qualifier
    half = 0.0
    if qualifier == "exact" and DAYS[unit] >= 7 and low is not None:
        half = max(tolerance * low, _AGO_HALF_WIDTH.get(unit, 15.0))
        qualifier = "approx"
    near = _shift(published, low, unit, sign) if low is not None else published
    far = _shift(published, high, unit, sign) if high is not None else None
    if half:
        width = datetime.timedelta(days=int(half))
        near, far = near - width, near + width
    elif sign < 0:
        near, far = far, near
    return Value(kind="date", qualifier=qualifier, date_low=near, date_high=far,
                 ambiguous=duration.ambiguous)


def _shift(published: datetime.date, days: float, unit: str, sign: int) -> datetime.date:
    """`published` moved by `days`: whole months and years by the calendar."""
    count = days / DAYS[unit]
    if unit in MONTHS_IN and count == int(count):
        return cal.add_months(published, sign * int(count) * MONTHS_IN[unit])
    return published + datetime.timedelta(days=sign * round(days))
