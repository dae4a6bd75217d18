"""Days of the month named by ordinals, and days relative to the story.

- An ordinal with "of" and a month: "the Fourth of July", "second of Aug",
  "twenty second of June" -> that day (nearest to publication without a year).
- A month then an ordinal word or "the" + ordinal: "May twenty-first", "Jan first",
  "September the 21st" (the lower-case verbs "may" and "march" need the "the").
- "the 27th" alone: a day of a nearby month. Ordinals are far more often ranks ("the
  27th anniversary", "finished 27th"), so a date needs a date context: "on", "by",
  "until" or "for" right before ("on the 27th", "on 22nd") and the
  end of the clause right after. The value covers the most recent such day on or before
  publication and the next one on or after it, ``ambiguous`` when they differ.
- "the next day", "the following day", "the previous day": counted from the story's own
  time, which is unknown; read as publication +/- 1 day and flagged ``ambiguous`` (like
  "the previous week" in dates.py).
"""

from __future__ import annotations

import datetime
import re

from . import calendar as cal
from .dates import _MONTH_ALT, MONTHS, YEAR, _date_value, safe_date
from .limits import not_a_day
from .numeric_dates import nearest
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_ORD_ALT = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL = (rf"(?:(?P<tens>twenty|thirty)[\s-]?)?(?P<ord>{_ORD_ALT})\b"
           r"|(?P<num>(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th))\b")
ORDINAL_OF_RE = re.compile(rf"(?<![\w-])(?:{ORDINAL})\s+of\s+$", re.IGNORECASE)
MONTH_ORDINAL_RE = re.compile(
    rf"(?P<name>{_MONTH_ALT})\.?\s+(?P<the>the\s+)?(?:{ORDINAL})"
    rf"(?:,?\s+(?P<year>{YEAR}))?", re.IGNORECASE)
ORDINAL_AT_RE = re.compile(rf"(?:{ORDINAL})\s+of\s+(?=(?:{_MONTH_ALT})\b)", re.IGNORECASE)
OR_AFTER_RE = re.compile(r"\s+or\b", re.IGNORECASE)
MONTH_YEAR_RE = re.compile(rf"(?P<name>{_MONTH_ALT})\b\.?(?:,?\s+(?P<year>{YEAR}))?",
                           re.IGNORECASE)
DAY_CONTEXT_RE = re.compile(r"(?<!\w)(?:on|by|until|for)\s+(?P<the>the\s+)?$", re.IGNORECASE)
CLAUSE_END_RE = re.compile(r"\s*(?:[.,;:!?)]|$)")
DAY_SUFFIX_RE = re.compile(r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)\b", re.IGNORECASE)
STORY_DAY_RE = re.compile(r"(?<![\w-])(?:the\s+)?(?P<mod>next|following|previous)\s+$",
                          re.IGNORECASE)


def _day(m: re.Match[str]) -> int:
    if m["num"]:
        return int(re.sub(r"\D", "", m["num"]))
    tens = {"twenty": 20, "thirty": 30}.get((m["tens"] or "").lower(), 0)
    return tens + ORDINALS[m["ord"].lower()]


def _resolve(published: Date, month: int, day: int, year: str | None,
             where: tuple[str, int, int]) -> Value:
    """The day named; `where` (text, start, end) names an impossible one when refused."""
    if year:
        found = safe_date(int(year), month, day)
        if found is None:
            raise not_a_day(*where)
        return _date_value((found, found))
    if safe_date(2024, month, day) is None:
        raise not_a_day(*where)
    if published is None:
        return _date_value(None)
    found = nearest(published, month, day)
    return _date_value((found, found))


def ordinal_of_month(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'fourth of May', 'the 4th of March 2016' at the month anchor `pos`."""
    before = ORDINAL_OF_RE.search(text, max(floor, pos - 24), pos)
    month = MONTH_YEAR_RE.match(text, pos)
    if not before or not month:
        return None
    value = _resolve(published, MONTHS[month["name"].lower()], _day(before), month["year"],
                     (text, before.start(), month.end()))
    return before.start(), month.end(), value


def ordinal_at(text: str, pos: int, published: Date) -> Found | None:
    """'twenty second of June' at the anchor 'twenty' (not 20 seconds)."""
    m = ORDINAL_AT_RE.match(text, pos)
    month = MONTH_YEAR_RE.match(text, m.end()) if m else None
    if not month:
        return None
    value = _resolve(published, MONTHS[month["name"].lower()], _day(m), month["year"],
                     (text, pos, month.end()))
    return pos, month.end(), value


def month_ordinal(text: str, pos: int, published: Date) -> Found | None:
    """'May twenty-first', 'Jan first', 'September the 21st' at the month anchor."""
    m = MONTH_ORDINAL_RE.match(text, pos)
    if not m or (m["num"] and not m["the"]):
        return None  # "May 21st" is read by date_phrases
    if m["name"].lower() in {"may", "march"} and m["name"].islower() and not m["the"]:
        return None
    value = _resolve(published, MONTHS[m["name"].lower()], _day(m), m["year"],
                     (text, pos, m.end()))
    return pos, m.end(), value


def day_of_month(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'on the 27th', 'on 22nd' at a digit anchor (see the module docstring)."""
    m = DAY_SUFFIX_RE.match(text, pos)
    context = DAY_CONTEXT_RE.search(text, max(floor, pos - 12), pos) if m else None
    if not m or not context or not CLAUSE_END_RE.match(text, m.end()):
        return None
    start = context.start("the") if context["the"] else pos
    if published is None:
        return start, m.end(), _date_value(None)
    day = int(re.sub(r"\D", "", m[0]))
    past = _day_on_or_before(published, day)
    future = _day_on_or_after(published, day)
    if past is None or future is None:
        return None
    return start, m.end(), _date_value((past, future), ambiguous=past != future)


def _day_on_or_before(published: datetime.date, day: int) -> datetime.date | None:
    for k in range(0, -4, -1):
        first = cal.add_months(published.replace(day=1), k)
        found = safe_date(first.year, first.month, day)
        if found and found <= published:
            return found
    return None


def _day_on_or_after(published: datetime.date, day: int) -> datetime.date | None:
    for k in range(4):
        first = cal.add_months(published.replace(day=1), k)
        found = safe_date(first.year, first.month, day)
        if found and found >= published:
            return found
    return None


def story_day(text: str, pos: int, end: int, published: Date, floor: int) -> Found | None:
    """'the next day', 'the following day', 'the previous day' at the anchor 'day'."""
    m = STORY_DAY_RE.search(text, max(floor, pos - 14), pos)
    if not m or OR_AFTER_RE.match(text, end):  # "the next day or two": a window
        return None
    if published is None:
        return m.start(), end, _date_value(None)
    day = published + (cal.DAY if m["mod"].lower() != "previous" else -cal.DAY)
    return m.start(), end, _date_value((day, day), ambiguous=True)
