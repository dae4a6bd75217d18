"""Sentences of a source text: the one splitter that tense reading (values/tense.py) and
the words signal of key suggestions (alignment/text.py) both use.

A sentence ends:

- at ".", "!", "?" or "…", with any closing quotes or brackets after it, followed by
  white space and a capital letter (optionally after an opening quote or bracket):
  ``He left. "We will return," she said.`` is two sentences;
- at ";" followed by white space: the clauses of a semicolon have their own subject
  and tense ("Troops withdrew on Sunday; talks will resume on Thursday");
- at a line break: a stored text holds one paragraph per line, so a line never
  continues a sentence, and a heading is a sentence of its own.

A "." does not end a sentence after a single letter (initials "Donald J. Trump",
dotted abbreviations "U.S.", "U.N.", "a.m.", "p.m.", "e.g.") or after a title written
before a name (``TITLES``: "Mr.", "Gen.", "Sen.", ...). The price is that a sentence
really ending in "the U.S." runs on into the next one. A "." with no white space after
it never ends one, so "3.5" and "U.S." are never cut inside.

Sentences are ``[start, end)`` code-point spans that cover the text in order with no
gap: each holds its end mark, closing quotes and the white space after them. Looking
up the sentence at a position reads at most ``REACH`` code points on each side, so a
scan over a whole text stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby

REACH = 400
TITLES = ("Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Ft", "Gen", "Lt", "Col", "Maj", "Sgt",
          "Capt", "Cmdr", "Adm", "Brig", "Gov", "Sen", "Rep", "Rev", "Prof", "Pres", "Amb",
          "vs")
_LOOKAHEAD = 2  # an opening quote and a capital: what the end mark's look-ahead reads


def _not_after_abbreviation() -> str:
    """Look-behinds refusing a "." after a single letter or a title (one per length:
    a look-behind's alternatives must share a width)."""
    by_length = groupby(sorted(TITLES, key=len), key=len)
    titles = "".join(rf"(?<!\b(?:{'|'.join(group)})\.)" for _, group in by_length)
    return rf"(?<!\b[^\W\d_]\.){titles}"


BOUNDARY_RE = re.compile(  # a mark first, so `re` skips to the marks; then by the mark
    rf"[.!?…;\n](?:(?<=[.!?…]){_not_after_abbreviation()}[\"'”’)\]]*\s+"
    r"(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ])|(?<=;)\s+|(?<=\n)\s*)"
)


def spans(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of `text` in order, as spans covering it with no gap (none for "")."""
    begin = 0
    for m in BOUNDARY_RE.finditer(text):
        if m.end() == len(text):
            break
        yield begin, m.end()
        begin = m.end()
    if begin < len(text):
        yield begin, len(text)


def bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The span of the sentences holding ``text[start:end]`` (one position when `end`
    is None): those of ``spans``, read at most ``REACH`` code points beyond it on each
    side (a longer sentence is cut there).

    The text's sentence ends are found once (``_ends``) and each call looks its own up
    by binary search, rather than reading ``2 * REACH`` code points per call; a call
    whose reach starts inside a sentence end (a run of white space) reads its window
    as a window (``_bounds_in_window``), since the window may split that end apart."""
    last = start if end is None or end <= start else end - 1
    lo, hi = max(0, start - REACH), min(len(text), last + REACH + 1)
    starts, ends = _ends(text)
    i = bisect_left(starts, lo)
    if i and ends[i - 1] > lo:
        return _bounds_in_window(text, start, last, lo, hi)
    begin = lo
    for k in range(i, len(ends)):  # from the i-th end on, not walked to from the first
        stop = ends[k]
        if stop >= hi:
            break
        if stop > last:
            return begin, stop
        if stop <= start:
            begin = stop
    return begin, hi


@lru_cache(maxsize=8)
def _ends(text: str) -> tuple[list[int], list[int]]:
    """Where each of the text's sentence ends (``BOUNDARY_RE``) starts and stops."""
    found = [m.span() for m in BOUNDARY_RE.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def _bounds_in_window(text: str, start: int, last: int, lo: int, hi: int
                      ) -> tuple[int, int]:
    """``bounds`` read from the window ``[lo, hi)`` alone (and the look-ahead past it)."""
    begin = lo
    for m in BOUNDARY_RE.finditer(text, lo, min(len(text), hi + _LOOKAHEAD)):
        if m.end() >= hi:
            break
        if m.end() > last:
            return begin, m.end()
        if m.end() <= start:
            begin = m.end()
    return begin, hi


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, without its surrounding white space."""
    return text[slice(*bounds(text, start, end))].strip()
