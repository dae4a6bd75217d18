"""Values in a reader's words: "about 61 days (two months)", "Sun 17 Nov 2024",
"171–209 miles", "10,000 reservists or more".

The report, ``--json``'s messages and the dashboard all word values here. Intervals are
those the check compared (hedge and rounding applied), in the claim's own unit; dates are
day numbers since 1970-01-01, an interval ``[first, last + 1)``.
"""

from __future__ import annotations

import datetime as dt
import math

from provenance.values.units import UNIT_FORMS

EPOCH = dt.date(1970, 1, 1)
MONTH_DAYS, YEAR_DAYS = 365.25 / 12, 365.25
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve")
CLOSE = 0.03  # a duration within 3 % of whole months or years is named so


def figure(x: float) -> str:
    """A figure with thousands separators: whole above 100, else to three significant
    digits ("186", "12.5", "0.333")."""
    if x == 0:
        return "0"
    if abs(x) >= 100 or float(x).is_integer():
        return f"{round(x):,}"
    digits = max(0, 2 - math.floor(math.log10(abs(x))))
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


def unit_words(unit: str) -> str:
    """A stored unit as a reader says it: "mile" -> "miles", "percent" -> "percent"."""
    forms = UNIT_FORMS.get(unit)
    return forms[0] if forms else unit


def _count(n: int, word: str) -> str:
    name = WORDS[n] if n < len(WORDS) else f"{n:,}"
    return f"{name} {word}{'' if n == 1 else 's'}"


def days(x: float) -> str:
    """A number of days: "61 days", "about 61 days (two months)", "14 days (two weeks)"."""
    whole = round(x)
    text = f"{'' if abs(x - whole) < 1e-9 else 'about '}{whole:,} day{'' if whole == 1 else 's'}"
    for length, word in ((YEAR_DAYS, "year"), (MONTH_DAYS, "month"), (7, "week")):
        n = round(x / length)
        exact = word == "week" and abs(x - 7 * n) < 1e-9
        if n >= 1 and (exact or (word != "week" and abs(x - n * length) <= CLOSE * x)):
            return f"{text} ({_count(n, word)})"
    return text


def day(number: float) -> str:
    """A day number as "Sun 17 Nov 2024"."""
    date = EPOCH + dt.timedelta(days=int(number))
    return f"{date:%a} {date.day} {date:%b %Y}"


def dates(first: float, end: float) -> str:
    """Inclusive days ``[first, end)``: "Sun 17 Nov 2024" or "… to …"."""
    if not math.isfinite(first) and not math.isfinite(end):
        return "no date"
    if not math.isfinite(first):
        return f"on or before {day(end - 1)}"
    if not math.isfinite(end):
        return f"on or after {day(first)}"
    last = math.ceil(end) - 1
    return day(first) if last <= first else f"{day(first)} to {day(last)}"


def interval(lo: float, hi: float, unit: str, kind: str) -> str:
    """A compared interval in the claim's unit: "171–209 miles", "186 miles", "10,000
    troops or more", "up to 31 days", "about 61 days (two months)"."""
    if kind == "date":
        return dates(lo, hi)
    if kind == "duration":
        words, tail = days, ""
    else:
        shown = unit_words(unit) if unit else ""
        tail = f" {shown}" if shown else ""
        words = figure
    if math.isfinite(lo) and math.isfinite(hi):
        if abs(hi - lo) < 1e-9 * max(abs(lo), 1.0):
            return f"{words(lo)}{tail}"
        return f"{figure(lo)}–{figure(hi)}{' days' if kind == 'duration' else tail}"
    if math.isfinite(lo):
        return f"{words(lo)}{tail} or more"
    if math.isfinite(hi):
        return f"up to {words(hi)}{tail}"
    return "any value"
