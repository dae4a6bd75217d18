"""All-numeric dates beyond ISO and "11/17/2024" (those are in date_phrases.py).

- Year first, any one separator: ``2015/08/12``, ``2015/5/13``, ``2015.08.12`` -> that day.
- Day and month with a year, dashes or dots: ``9-18-15``, ``21-04-2016``, ``13.5.2015``.
  Dotted dates need a four-digit year ("Python 3.10.12" is a version); dashed ones
  take two digits too ("9-18-15" = 2015-09-18). When both parts could be the month
  ("3-7-2017") the value is ``ambiguous`` and covers both days, as for slashes.
- Month and day without a year, ``4/22``, ``22/04``: the occurrence nearest to
  publication of each possible reading, ``ambiguous`` when both parts could be the
  month. A slashed pair that reads as a fraction ("3/4", "1/2": numerator below a
  common denominator, see numerals.py) is a date only after "on", "since", "until",
  "till" or "dated" ("on 3/4"); so is a dashed pair ("on 4-22"), since "a 5-4 vote",
  "won by 3-1" and "from 10-12" are scores and ranges. Dotted pairs ("4.22") are
  decimals. "24/7" and "9/11" are names.
- A pair glued to a letter, slash, dot or hyphen before it (URLs, "F-16/22") is not a
  date.
"""

from __future__ import annotations

import datetime
import re

from .dates import _date_value, safe_date
from .limits import not_a_day
from .numerals import is_fraction
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None

YEAR_FIRST_RE = re.compile(
    r"(?P<y>(?:1[5-9]|20)[0-9]{2})(?P<s>[-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})"
    r"(?![0-9]|[-/.][0-9])")
DAY_MONTH_YEAR_RE = re.compile(
    r"(?P<a>[0-9]{1,2})(?:(?P<dash>-)|\.)(?P<b>[0-9]{1,2})(?(dash)-|\.)"
    r"(?P<y>[0-9]{4}|(?(dash)[0-9]{2}|(?!)))(?![0-9]|[-/.][0-9])")
PAIR_RE = re.compile(r"(?P<a>[0-9]{1,2})(?P<s>[/-])(?P<b>[0-9]{1,2})(?![0-9]|[-/.,][0-9])")
DATE_PREPOSITION_RE = re.compile(r"(?<!\w)(?:on|since|until|till|dated)\s+$", re.IGNORECASE)
NAMES = {"24/7", "9/11"}


def match_numeric(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """An all-numeric date starting at `pos` (see the module docstring), or None."""
    if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_/.-−"):
        return None
    m = YEAR_FIRST_RE.match(text, pos)
    if m:
        day = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            raise not_a_day(text, pos, m.end())
        return pos, m.end(), _date_value((day, day))
    m = DAY_MONTH_YEAR_RE.match(text, pos)
    if m:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        days = sorted({d for d in (safe_date(year, int(m["a"]), int(m["b"])),
                                   safe_date(year, int(m["b"]), int(m["a"]))) if d})
        if not days:
            raise not_a_day(text, pos, m.end())
        return pos, m.end(), _date_value((days[0], days[-1]), ambiguous=len(days) > 1)
    m = PAIR_RE.match(text, pos)
    return _pair(text, pos, m, published, floor) if m else None


def _pair(text: str, pos: int, m: re.Match[str], published: Date, floor: int
          ) -> Found | None:
    """'4/22', '22/04', 'on 4-22': month and day without a year."""
    a, b = int(m["a"]), int(m["b"])
    after_preposition = DATE_PREPOSITION_RE.search(text, max(floor, pos - 8), pos)
    if m[0] in NAMES or not (after_preposition or (m["s"] == "/" and not is_fraction(a, b))):
        return None
    readings = [r for r in ((a, b), (b, a)) if safe_date(2024, *r)]
    if not readings:
        if after_preposition:  # "on 2/30"
            raise not_a_day(text, pos, m.end())
        return None
    if published is None:
        return pos, m.end(), _date_value(None)
    days = [nearest(published, month, day) for month, day in readings]
    return pos, m.end(), _date_value((min(days), max(days)), ambiguous=len(set(days)) > 1)


def nearest(published: datetime.date, month: int, day: int) -> datetime.date:
    """The `month`/`day` occurrence nearest to `published` (year before, same or after)."""
    options = [safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    return min((d for d in options if d), key=lambda d: abs((d - published).days))
