"""Conversion between UTF-16 code-unit offsets (JavaScript strings) and code points.

Browsers measure selections in UTF-16 code units; the ledger stores code points
of the decoded text. Characters outside the Basic Multilingual Plane (emoji, some
CJK) take two code units but one code point.
"""

from __future__ import annotations

from itertools import accumulate


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units JavaScript's ``text.length`` reports."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def utf16_prefix_table(text: str) -> list[int]:
    """``table[i]`` is the UTF-16 offset of code point ``i`` (length ``len(text) + 1``)."""
    return [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]


def codepoint_to_utf16(text: str, offset: int) -> int:
    """The UTF-16 offset of code-point ``offset`` in ``text``."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"code-point offset {offset} outside 0..{len(text)}")
    return utf16_length(text[:offset])


def utf16_to_codepoint(text: str, offset: int) -> int:
    """The code-point offset of UTF-16 ``offset``; inside a surrogate pair it snaps back."""
    if offset < 0:
        raise ValueError(f"UTF-16 offset {offset} is negative")
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > offset:
            return index
        units += width
    if offset > units:
        raise ValueError(f"UTF-16 offset {offset} beyond the text's {units} code units")
    return len(text)


def utf16_span_to_codepoints(text: str, start: int, end: int) -> tuple[int, int]:
    """Convert a ``[start, end)`` UTF-16 selection to code points, ordered."""
    lo, hi = sorted((start, end))
    return utf16_to_codepoint(text, lo), utf16_to_codepoint(text, hi)
