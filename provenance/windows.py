"""Sentence windows of many spans of one text at once.

``tense.sentence_window(text, start, end)`` runs from the start of the span's paragraph
(its line, reaching at most ``REACH`` code points back) to the end of its last sentence
(``sentences.bounds``: the first sentence boundary ending past the span, looked for at
most ``REACH`` code points beyond it). :class:`TextMarks` finds a text's line breaks,
sentence boundaries and ASCII digits once; :func:`sentence_windows` then gives every
span's window by binary search (and values/shapes.py every span's shape).

``bounds`` scans for boundaries from ``start - REACH``. A scan started there finds the
boundaries one scan of the whole text finds, from the first that starts there on: a
boundary is an end mark, closing marks and white space, so a scan started inside one
finds its end or nothing, and the two scans agree from there. A span whose deciding
boundary starts before that point is left to ``sentence_window`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from provenance.sentences import BOUNDARY_RE, REACH
from provenance.values.tense import sentence_window

NEWLINE, ZERO, NINE, HASH = ord("\n"), ord("0"), ord("9"), ord("#")


@dataclass(frozen=True)
class TextMarks:
    """Where a text's line breaks, sentence boundaries (start and end of each, as one
    scan of the whole text finds them) and ASCII digits are, and where its digits and
    ``#`` are (what masking makes ``#``)."""

    length: int
    breaks: np.ndarray
    boundary_starts: np.ndarray
    boundary_ends: np.ndarray
    digits: np.ndarray
    masked: np.ndarray

    @classmethod
    def of(cls, text: str) -> TextMarks:
        """The marks of ``text``."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        spans = np.array([m.span() for m in BOUNDARY_RE.finditer(text)],
                         dtype=np.int64).reshape(-1, 2)
        digit = (codes >= ZERO) & (codes <= NINE)
        return cls(len(text), np.flatnonzero(codes == NEWLINE), spans[:, 0], spans[:, 1],
                   np.flatnonzero(digit), np.flatnonzero(digit | (codes == HASH)))

    def last_masked_before(self, ends: np.ndarray, floors: np.ndarray) -> np.ndarray:
        """The last digit or ``#`` before each of ``ends`` and at or after its floor (-1:
        none)."""
        return _last_before(self.masked, ends, floors)

    def digit_within(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Whether a digit stands in each ``[starts[i], ends[i])``."""
        at = np.searchsorted(self.digits, starts)
        return _pick(self.digits, at, np.iinfo(np.int64).max) < ends

    def first_boundary_from(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of the first boundary starting at or after each position (the
        text's length for both when there is none)."""
        at = np.searchsorted(self.boundary_starts, positions)
        return (_pick(self.boundary_starts, at, self.length),
                _pick(self.boundary_ends, at, self.length))


def sentence_windows(text: str, marks: TextMarks, starts: np.ndarray, ends: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """``tense.sentence_window(text, start, end)`` of every span, as two arrays."""
    floors = np.maximum(starts - REACH, 0)
    line = _last_before(marks.breaks, starts, floors)
    lows = np.where(line >= 0, line + 1, floors)
    last = np.maximum(starts, ends - 1)
    reach = np.minimum(marks.length, last + REACH + 1)
    at = np.searchsorted(marks.boundary_ends, last, side="right")  # first ending past it
    found = at < len(marks.boundary_ends)
    begins = _pick(marks.boundary_starts, at, 0)
    finish = _pick(marks.boundary_ends, at, marks.length)
    highs = np.maximum(ends, np.where(found & (finish < reach), finish, reach))
    for i in np.flatnonzero(found & (begins < floors)).tolist():
        lows[i], highs[i] = sentence_window(text, int(starts[i]), int(ends[i]))
    return lows, highs


def _last_before(positions: np.ndarray, ends: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """The last of sorted ``positions`` before each end and at or after its floor (-1)."""
    found = _pick(positions, np.searchsorted(positions, ends) - 1, -1)
    return np.where(found >= floors, found, -1)


def _pick(values: np.ndarray, at: np.ndarray, missing: int) -> np.ndarray:
    """``values[at]``, ``missing`` where ``at`` is out of range."""
    inside = (at >= 0) & (at < len(values))
    picked = np.full(len(at), missing, dtype=np.int64)
    picked[inside] = values[at[inside]]
    return picked
