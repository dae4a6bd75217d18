"""Value normalisation: the typed, comparable value of a claim's quote.

``parse_value(quote, published, kind)`` reads the first mention of ``kind`` (or of any
kind) in the quote; see the module docstrings for the readings:
numbers.py (figures, vague amounts), hedges.py (qualifiers, ``APPROX_TOLERANCE``),
units.py (pint), durations.py (days), dates.py (calendar intervals); limits.py for
what is refused (out-of-range figures, impossible days, dates beyond the calendar).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from .dates import as_date
from .durations import after_lasting_verb, best_unit
from .hedges import APPROX_TOLERANCE
from .relative import offset
from .scan import refusals, scan
from .tense import sentence_window
from .units import to_base
from .value import Value

__all__ = ["APPROX_TOLERANCE", "Value", "explain", "parse_in_window", "parse_value", "to_base"]

_OFFSET_RE = re.compile(r"\s+(?P<dir>before|after|from\s+now|later|earlier)\b", re.IGNORECASE)


def parse_value(quote: str, published: datetime.date | str | None, kind: str | None = None,
                *, tolerance: float = APPROX_TOLERANCE,
                context: tuple[str, int] | None = None) -> Value:
    """The value of a claim quote: its first mention of `kind` (any kind when None).

    `published` is a date or an ISO 'YYYY-MM-DD' string. Returns ``Value(kind="text")``
    for kind "text" or when nothing is found; never raises on any quote (refusals:
    limits.py, and `explain` says why). For kind "date", a duration followed by
    "before"/"after" ("two months before Trump takes office") is read as an offset from
    the publication date and flagged ``ambiguous``: the story's reference time is
    assumed to be publication. `context` is the source text and the quote's start in
    it: a bare month, season or weekday is then read with its sentence and paragraph
    (tense.py); a mention must still lie inside the quote.
    """
    if kind == "text":
        return Value(kind="text")
    window = None
    if context is not None:
        text, start = context
        end = start + len(quote)
        if start >= 0 and text[start:end] == quote:
            lo, hi = sentence_window(text, start, end)
            window = (text[lo:hi], start - lo)
    return parse_in_window(quote, published, kind, window, tolerance=tolerance)


def parse_in_window(quote: str, published: datetime.date | str | None, kind: str | None,
                    window: tuple[str, int] | None, *,
                    tolerance: float = APPROX_TOLERANCE) -> Value:
    """`parse_value` with the quote's context already cut to its sentence window
    (``tense.sentence_window``): the window's text and the quote's start in it. The value
    depends on nothing else, which is what lets ``fill`` share it between claims."""
    if kind == "text":
        return Value(kind="text")
    published = as_date(published)
    if window is not None:
        found = _in_window(quote, published, kind, tolerance, *window)
        if found is not None:
            return found
    durations = []
    for start, end, value in scan(quote, published, tolerance):
        if kind is None or value.kind == kind:
            return value
        if value.kind == "duration" and not after_lasting_verb(quote, start):
            durations.append((end, value))
    if kind == "date":
        for end, value in durations:
            offset = _offset(quote, end, value, published)
            if offset is not None:
                return offset
    return Value(kind="text")


def _in_window(quote: str, published: datetime.date | None, kind: str | None,
               tolerance: float, window: str, start: int) -> Value | None:
    """The quote's first mention of `kind` scanned within its sentence window (see
    `sentence_window`), or None to read the quote alone."""
    end = start + len(quote)
    for s, e, value in scan(window, published, tolerance):
        if s >= start and e <= end and (kind is None or value.kind == kind):
            return value
    return None


def _offset(quote: str, end: int, duration: Value, published: datetime.date | None
            ) -> Value | None:
    """'two months before X' -> X is about two months after publication."""
    m = _OFFSET_RE.match(quote, end)
    if not m or duration.low is None:
        return None
    sign = 1 if m["dir"].lower() in {"before", "from now", "later"} else -1
    try:
        found = offset(duration, published, best_unit(duration.low), sign)
    except (OverflowError, ValueError):  # beyond the calendar: as without a date (limits)
        found = offset(duration, None, best_unit(duration.low), sign)
    return replace(found, ambiguous=True)


def explain(quote: str, published: datetime.date | str | None) -> str | None:
    """Why `quote` gave no value of `kind`: the first refusal in it ("'30 February' is
    not a real date", see limits.py), or None when nothing was refused."""
    return next(iter(refusals(quote, published)), None)
