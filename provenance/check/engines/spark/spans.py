"""Span integrity in Spark: every quote against its source text, in code points.

A claim's span holds when its quote is not empty, ``0 <= start <= end <= len(text)`` and
``text[start:end] == quote``. Spark's strings count code points (``char_length``,
``substring``), so this is the pandas engine's rule (``pandas/spans.py``) as written; the
texts are a column of the sources joined to the claims (:mod:`.registry`), read as the
bytes stored and decoded as UTF-8 (null when they are not).
"""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F


def _offset(number: Column) -> Column:
    """A whole offset, -1 when empty or not a finite number (as the pandas ``batch.offsets``)."""
    finite = number.isNotNull() & ~F.isnan(number) & (F.abs(number) != float("inf"))
    return F.when(finite, number.cast("long")).otherwise(F.lit(-1))


def span_matches(start: Column, end: Column) -> Column:
    """Per claim (joined with ``text`` and ``chars`` of its source): its span holds."""
    first, last = _offset(start), _offset(end)
    chars, quote = F.coalesce(F.col("chars"), F.lit(-1)), F.col("quote")
    inside = (chars >= 0) & (first >= 0) & (first <= last) & (last <= chars)
    piece = F.substring(F.col("text"), (first + 1).cast("int"), (last - first).cast("int"))
    same = quote.isNotNull() & (F.char_length(quote) > 0) & (piece == quote)
    return F.coalesce(inside & same, F.lit(False))
