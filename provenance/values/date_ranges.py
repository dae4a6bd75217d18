"""Date ranges: spans of days in one month, and two dates joined into one interval.

- "January 4-22", "Jan. 4 to 22, 2017", "from 4 to 22 January", "between 3 and 12 of
  Sept" -> the days of that month (qualifier ``range``); without a year, the month is
  the one nearest to publication, as for "November 17".
- Two date mentions joined by "to", "through", "until", "till" or a dash ("from May to
  July", "Monday through Friday", "Jan. 12, 2016 - Feb. 22, 2016"), or by "and" after
  "between" ("between 2019 and March 2021"), are one mention from the first one's start
  to the second one's end (qualifier ``range``); a leading "from" or "between" is part
  of it. When a second date without a year ends before the first starts, it is read
  as the next occurrence ("Friday through Monday": the Monday after; "from November
  to January": the next January); with a year, the two stay apart.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator

from . import calendar as cal
from .date_phrases import VERB_MONTHS, _month_day
from .dates import _COMMA, _MONTH_ALT, DAY, MONTHS, YEAR, _date_value, safe_date
from .limits import not_a_day
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None

_SEP = r"\s*(?P<sep>-|–|—|to|through|thru|until|till|and)\s*"
MONTH_DAYS_RE = re.compile(
    rf"(?P<name>{_MONTH_ALT})\b\.?\s+(?P<d1>{DAY}){_SEP}(?P<d2>{DAY})"
    rf"(?:{_COMMA}(?P<year>{YEAR}))?(?!\s*[/:.,]?[0-9])",
    re.IGNORECASE,
)
DAYS_MONTH_RE = re.compile(
    rf"(?P<d1>{DAY}){_SEP}(?P<d2>{DAY})\s+(?:of\s+)?(?P<name>{_MONTH_ALT})\b\.?"
    rf"(?:{_COMMA}(?P<year>{YEAR}))?",
    re.IGNORECASE,
)
JOIN_RE = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.IGNORECASE)
FROM_RE = re.compile(r"(?<!\w)(?P<w>from|between)\s+$", re.IGNORECASE)
JOINABLE = {"exact", "approx"}
YEAR_IN_RE = re.compile(r"[0-9]{4}")


def match_day_range(text: str, pos: int, published: Date, floor: int,
                    month_first: bool) -> Found | None:
    """'January 4-22' (month_first) or '4 to 22 January' starting at `pos`."""
    m = (MONTH_DAYS_RE if month_first else DAYS_MONTH_RE).match(text, pos)
    if not m:
        return None
    name = m["name"]
    if not (name[0].isupper() or m["year"] or name.lower() not in VERB_MONTHS):
        return None
    lead = FROM_RE.search(text, max(floor, pos - 9), pos)
    if m["sep"].lower() == "and" and not (lead and lead["w"].lower() == "between"):
        return None
    first, last = (int(re.sub(r"\D", "", m[g])) for g in ("d1", "d2"))
    month = MONTHS[name.lower()]
    if first >= last:
        return None
    start = lead.start() if lead else pos
    if safe_date(2024, month, last) is None:
        raise not_a_day(text, start, m.end())
    if m["year"]:
        low, high = safe_date(int(m["year"]), month, first), safe_date(int(m["year"]), month,
                                                                      last)
        if low is None or high is None:
            raise not_a_day(text, start, m.end())
        return start, m.end(), _date_value((low, high), "range")
    anchor = _month_day(published, month, first)
    if anchor is None or anchor.date_low is None:
        return start, m.end(), _date_value(None, "range")
    high = safe_date(anchor.date_low.year, month, last)
    if high is None:  # "February 20-29" nearest a February of 28 days
        raise not_a_day(text, start, m.end())
    return start, m.end(), _date_value((anchor.date_low, high), "range")


def join_ranges(text: str, found: Iterable[Found]) -> Iterator[Found]:
    """Merge date mentions joined as a range (see module docstring); others pass through."""
    pending: Found | None = None
    for item in found:
        if pending is not None:
            joined = _join(text, pending, item)
            if joined is not None:
                yield joined
                pending = None
                continue
            yield pending
        pending = item if _joinable(item[2]) and JOIN_RE.match(text, item[1]) else None
        if pending is None:  # nothing can join it: passed on before the next is read
            yield item
    if pending is not None:
        yield pending


def _joinable(value: Value) -> bool:
    """Whether a mention may start or end a range of dates."""
    return value.kind == "date" and value.qualifier in JOINABLE


def _join(text: str, first: Found, second: Found) -> Found | None:
    """One range mention for two dates joined by a range word, or None."""
    a, b = first[2], second[2]
    if not _joinable(b):
        return None
    sep = JOIN_RE.fullmatch(text, first[1], second[0])
    if sep is None:
        return None
    lead = FROM_RE.search(text, max(0, first[0] - 9), first[0])
    if sep[0].strip().lower() == "and" and not (lead and lead["w"].lower() == "between"):
        return None
    start = lead.start() if lead else first[0]
    if a.date_low is None or b.date_high is None:
        if a.date_low is None and b.date_high is None:
            return start, second[1], Value(kind="date", qualifier="range", ambiguous=True)
        return None
    high = b.date_high
    if high < a.date_low:
        if YEAR_IN_RE.search(text, second[0], second[1]):
            return None
        step = 7 if (a.date_low - high).days < 7 else 0
        try:
            high = high + datetime.timedelta(days=step) if step else cal.add_months(high, 12)
        except (OverflowError, ValueError):  # the next occurrence is past 9999: two dates
            return None
        if high < a.date_low:
            return None
    return start, second[1], Value(kind="date", qualifier="range", date_low=a.date_low,
                                   date_high=high,
                                   ambiguous=a.ambiguous or b.ambiguous)
