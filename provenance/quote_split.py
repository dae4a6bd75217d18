"""A quote holding two values, and how to split it into two claims.

A value claim (quantity, duration or date) stands for one figure; a quote with two
mentions of its kind ("50 troops and 40 tanks") keeps only the first when filled.
`validate` warns about it (``quote-holds-two-values``, naming both) and `split_quote`
gives the two sub-spans a person can claim instead: the first runs from the quote's
start to the separator between the two mentions (a comma, a semicolon, "and", "or",
"but", "while"), the second from after that separator to the quote's end; without a
separator the cut is right after the first mention. Offsets are exact code points of
the source (``text[start:end]`` is the sub-quote), trimmed of surrounding spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from provenance.extract import Mention, extract
from provenance.values.numerals import VULGAR
from provenance.values.scan import WORD_KIND

VALUE_KINDS = ("quantity", "duration", "date")
SEPARATOR_RE = re.compile(r"\s*(?:[,;:]\s*(?:and\s+|or\s+|but\s+)?|\s(?:and|or|but|while)\s+)",
                          re.IGNORECASE)


def _words(*kinds: str) -> str:
    """The extractor's anchor words of ``kinds`` (values/scan.py), as one alternation."""
    words = sorted((w for w, k in WORD_KIND.items() if k in kinds), key=len, reverse=True)
    return r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"


# RE2 (Arrow's regex engine), whose \b and \s are ASCII: a boundary or a space it sees
# where Python's re would not only adds a place, which is the safe side.
_FIGURE = rf"(?:\b[0-9]|[{VULGAR}])[0-9,.]*"
_NUMBER = rf"(?:{_FIGURE}|{_words('num', 'after_article', 'quarter')})"
_SCALE = rf"(?:[\s-]+{_words('scale')})*"
_TIME = _words("unit", "period", "plural")
# Where a mention of each kind can start (the anchors the extractor starts it at: a
# quantity at a figure or a number word, a duration at those or a unit of time, a date
# at any); a figure with the scale or time unit that follows it counts once, and so does
# an ISO date.
MENTION_PARTS = {
    "quantity": rf"{_NUMBER}{_SCALE}|{_words('scale')}",
    "duration": rf"(?:{_NUMBER}{_SCALE}[\s-]+)?{_TIME}|{_NUMBER}{_SCALE}|{_words('scale')}",
    "": rf"\b[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\b|{_FIGURE}|{_words(*set(WORD_KIND.values()))}"
        r"|\b[QH][1-4]\b",
}
# Places counted above where no mention of the kind starts: a week, month, year or decade
# after a period word ("last month", "this year": scan.PERIOD_MOD_RE) is read as a date
# or not at all, never as a duration (a period word starts a duration only after "a" or
# "an"), and each such place is a count of its own (nothing before the word takes it in).
NOT_STARTS = {
    "duration": r"\b(?:last|next|this|past|previous|following|coming|upcoming)\s+"
                r"(?:week|month|year|decade)\b",
}


def may_hold_two(quotes: Sequence[str] | pa.Array | pa.ChunkedArray, kind: str | None
                 ) -> np.ndarray:
    """For each quote, False when it cannot hold two values of ``kind`` (fewer than two
    places a mention of that kind can start at, less those :data:`NOT_STARTS` names),
    True when it may (``quote_values`` decides). One regex over the whole column in
    Arrow, a second over the quotes it flags: a million quotes in a fraction of a
    second, before the extractor reads the few flagged."""
    if kind == "text":
        return np.zeros(len(quotes), dtype=bool)
    parts = MENTION_PARTS.get(kind or "", MENTION_PARTS[""])
    column = _arrow(quotes)
    counts = pc.count_substring_regex(column, parts, ignore_case=True)
    maybe = counts.to_numpy(zero_copy_only=False) >= 2
    if kind in NOT_STARTS and maybe.any():
        rows = pa.array(np.flatnonzero(maybe), pa.int64())
        left = pc.subtract(counts.take(rows), pc.count_substring_regex(
            column.take(rows), NOT_STARTS[kind], ignore_case=True))
        maybe[rows.to_numpy()] = left.to_numpy(zero_copy_only=False) >= 2
    return maybe


def _arrow(quotes: Sequence[str] | pa.Array | pa.ChunkedArray) -> pa.Array:
    """Quotes as one Arrow array of large strings (Arrow's own without a Python object:
    ``pa.array`` of a chunked array goes through Python)."""
    if isinstance(quotes, pa.ChunkedArray):
        quotes = quotes.combine_chunks()
    if isinstance(quotes, pa.Array):
        return quotes.cast(pa.large_string())
    return pa.array(quotes, type=pa.large_string())


Span = tuple[int, int]


def quote_values(quote: str, kind: str | None) -> list[Mention]:
    """The mentions in `quote` of a value claim's `kind` (every value kind when empty);
    none for a text claim."""
    if kind == "text":
        return []
    kinds = (kind,) if kind else VALUE_KINDS
    return [m for m in extract(quote, None) if m.kind in kinds]


def split_quote(quote: str, kind: str | None = None, start: int = 0) -> tuple[Span, Span] | None:
    """The two sub-spans of a quote holding two values (module docstring), as offsets
    shifted by `start` (the quote's start in its source); None when it holds fewer."""
    found = quote_values(quote, kind)
    if len(found) < 2:
        return None
    first, second = found[0], found[1]
    sep = SEPARATOR_RE.search(quote, first.end, second.start)
    cut, resume = (sep.start(), sep.end()) if sep else (first.end, first.end)
    one, two = _trim(quote, 0, cut), _trim(quote, resume, len(quote))
    return (one[0] + start, one[1] + start), (two[0] + start, two[1] + start)


def _trim(quote: str, lo: int, hi: int) -> Span:
    while lo < hi and quote[lo].isspace():
        lo += 1
    while hi > lo and quote[hi - 1].isspace():
        hi -= 1
    return lo, hi


def two_values_message(quote: str, kind: str | None) -> str | None:
    """The `validate` warning for a quote holding two values, or None."""
    found = quote_values(quote, kind)
    if len(found) < 2:
        return None
    return (f"the quote holds {len(found)} values, {found[0].text!r} and {found[1].text!r}; "
            "only the first is kept: split it into one claim per value "
            "(provenance.quote_split.split_quote, or the claim editor's Split button)")
