"""Calendar periods: quarters, halves, decades and centuries.

- "the third quarter (of 2024)", "third-quarter", "Q3 2016", "the first half of 2024",
  "H1 2016", "the second half of the year": the quarter (3 months) or half (6 months)
  of that year; "of this/last/next year" count from publication; without a year, the
  most recent such period starting on or before publication. "final" = the last one.
- Decades without a century: "the '90s", "the 70s", "the seventies" (after "the") ->
  the most recent such decade starting on or before publication (1970-1979).
- Centuries: "the 20th century" -> 1900-1999 (the common reading, not 1901-2000).
"""

from __future__ import annotations

import datetime
import re

from . import calendar as cal
from .dates import YEAR, _date_value
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "final": 0}
PART_BEFORE_RE = re.compile(
    r"(?<!\w)(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+$",
    re.IGNORECASE,
)
PART_RE = re.compile(
    rf"(?P<part>quarter|half)\b(?:\s+of\s+(?:(?P<y>{YEAR})|(?:the\s+)?(?P<rel>this|last|next)?"
    rf"\s*(?P<the>year)\b)|,?\s+(?P<y2>{YEAR}))?",
    re.IGNORECASE,
)
QH_RE = re.compile(rf"(?P<k>[QH])(?P<n>[1-4])\b(?:\s+(?P<y>{YEAR}))?")
DECADE_DIGITS_RE = re.compile(r"(?P<d>[0-9]0)(?:'s|’s|s)\b")
DECADE_BEFORE_RE = re.compile(r"(?<!\w)(?:the|early|mid|late)[\s-]+['’]?$", re.IGNORECASE)
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}
DECADE_WORD_RE = re.compile("(?P<w>" + "|".join(DECADE_WORDS) + r")\b", re.IGNORECASE)
THE_BEFORE_RE = re.compile(r"(?<!\w)the\s+$", re.IGNORECASE)
CENTURY_RE = re.compile(r"(?P<n>[12]?[0-9])(?:st|nd|rd|th)[\s-]+century\b", re.IGNORECASE)
_SHIFT = {"this": 0, "last": -1, "next": 1}


def match_part(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'the third quarter of 2024', 'first-half', 'the second half of the year'."""
    before = PART_BEFORE_RE.search(text, max(floor, pos - 12), pos)
    m = PART_RE.match(text, pos)
    if not before or not m:
        return None
    parts = 4 if m["part"].lower() == "quarter" else 2
    index = ORDINALS[before["ord"].lower()] or parts
    if index > parts:
        return None
    year = m["y"] or m["y2"]
    if year is None and m["the"] and published is not None:
        year = published.year + _SHIFT.get((m["rel"] or "this").lower(), 0)
    return before.start(), m.end(), _part_value(published, parts, index, year)


def match_qh(text: str, pos: int, published: Date) -> Found | None:
    """'Q3', 'Q1 2016', 'H2 2016' (H needs a year)."""
    m = QH_RE.match(text, pos)
    if not m or (m["k"] == "H" and (int(m["n"]) > 2 or not m["y"])):
        return None
    parts = 4 if m["k"] == "Q" else 2
    return pos, m.end(), _part_value(published, parts, int(m["n"]), m["y"])


def _part_value(published: Date, parts: int, index: int, year: str | int | None) -> Value:
    months = 12 // parts
    if year is None:
        if published is None:
            return _date_value(None)
        year = published.year
        if datetime.date(year, (index - 1) * months + 1, 1) > published:
            year -= 1
    first = datetime.date(int(year), (index - 1) * months + 1, 1)
    return _date_value((first, cal.add_months(first, months) - cal.DAY))


def match_decade_digits(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """"the '90s", 'the 70s', "mid-'80s"."""
    m = DECADE_DIGITS_RE.match(text, pos)
    if not m:
        return None
    apostrophe = pos > 0 and text[pos - 1] in "'’"
    before = DECADE_BEFORE_RE.search(text, max(floor, pos - 7), pos)
    if not (before or apostrophe):
        return None
    start = before.start() if before and before[0][0].lower() != "t" else pos - apostrophe
    return max(start, floor), m.end(), _decade(published, int(m["d"]))


def match_decade_word(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'the seventies' (needs 'the': 'in her seventies' is an age)."""
    m = DECADE_WORD_RE.match(text, pos)
    if not m or not THE_BEFORE_RE.search(text, max(floor, pos - 5), pos):
        return None
    return pos, m.end(), _decade(published, DECADE_WORDS[m["w"].lower()])


def _decade(published: Date, digits: int) -> Value:
    now = published.year if published else 2029
    century = now // 100 * 100
    first = century + digits if century + digits <= now else century - 100 + digits
    return _date_value((cal.year_interval(first)[0], cal.year_interval(first + 9)[1]))


def match_century(text: str, pos: int) -> Found | None:
    """'the 20th century' -> 1900-1999."""
    m = CENTURY_RE.match(text, pos)
    if not m or int(m["n"]) < 1:
        return None
    first = (int(m["n"]) - 1) * 100
    if first < 1:
        return None
    return pos, m.end(), _date_value((cal.year_interval(first)[0],
                                      cal.year_interval(first + 99)[1]))
