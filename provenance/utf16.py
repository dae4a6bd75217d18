"""UTF-16 code-unit offsets (JavaScript strings, browser selections, annotation tools)
and the code points the ledger counts.

Browsers, doccano and Label Studio measure text in UTF-16 code units; the ledger stores
code points of the decoded text. Characters outside the Basic Multilingual Plane (emoji,
some CJK) take two code units but one code point. Every conversion reads one table per
text (:func:`utf16_prefix_table`), kept for the last few texts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

BMP_LAST = 0xFFFF  # the last code point that is one UTF-16 code unit


@lru_cache(maxsize=8)
def utf16_prefix_table(text: str) -> list[int] | None:
    """``table[i]`` is the UTF-16 offset of code point ``i`` (length ``len(text) + 1``);
    None when every character is one code unit (then both offsets are the same)."""
    if text.isascii() or max(map(ord, text)) <= BMP_LAST:
        return None
    return [0, *accumulate(2 if ord(ch) > BMP_LAST else 1 for ch in text)]


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units JavaScript's ``text.length`` reports."""
    table = utf16_prefix_table(text)
    return len(text) if table is None else table[-1]


def codepoint_to_utf16(text: str, offset: int) -> int:
    """The UTF-16 offset of code-point ``offset`` in ``text``."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"code-point offset {offset} outside 0..{len(text)}")
    table = utf16_prefix_table(text)
    return offset if table is None else table[offset]


def utf16_to_codepoint(text: str, offset: int) -> int:
    """The code-point offset of UTF-16 ``offset``; inside a surrogate pair it snaps back."""
    if offset < 0:
        raise ValueError(f"UTF-16 offset {offset} is negative")
    units = utf16_length(text)
    if offset > units:
        raise ValueError(f"UTF-16 offset {offset} beyond the text's {units} code units")
    table = utf16_prefix_table(text)
    return offset if table is None else bisect_right(table, offset) - 1


def utf16_span_to_codepoints(text: str, start: int, end: int) -> tuple[int, int]:
    """Convert a ``[start, end)`` UTF-16 selection to code points, ordered."""
    lo, hi = sorted((start, end))
    return utf16_to_codepoint(text, lo), utf16_to_codepoint(text, hi)


def from_utf16(text: str, unit: int) -> int | None:
    """The code-point offset of UTF-16 offset ``unit`` of ``text`` (None inside a pair
    or past the end)."""
    table = utf16_prefix_table(text)
    if table is None:
        return unit if unit <= len(text) else None
    index = bisect_left(table, unit)
    return index if index < len(table) and table[index] == unit else None


def utf16_slice(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` in UTF-16 units of ``text`` as code points (None when invalid)."""
    begin, stop = from_utf16(text, start), from_utf16(text, end)
    return None if begin is None or stop is None or begin >= stop else (begin, stop)
