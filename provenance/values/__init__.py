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

__all__ = ["APPROX_TOLERANCE", "Value", "explain", "parse_value", "to_base"]

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
    published = as_date(published)
    if context is not None:
        found = _in_context(quote, published, kind, tolerance, *context)
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


def _in_context(quote: str, published: datetime.date | None, kind: str | None,
                tolerance: float, text: str, start: int) -> Value | None:
    """The quote's first mention of `kind` scanned within its paragraph and sentence
    (see `sentence_window`), or None to read the quote alone."""
    end = start + len(quote)
    if start < 0 or text[start:end] != quote:
        return None
    lo, hi = sentence_window(text, start, end)
    for s, e, value in scan(text[lo:hi], published, tolerance):
        if s + lo >= start and e + lo <= end and (kind is None or value.kind == kind):
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
