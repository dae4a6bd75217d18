"""Shared shingles of two sources grown into passages.

Shingles shared on one diagonal (the same offset between the two texts) and next to
each other make a block of identical words; each block is extended word by word while
the words agree (so a stock phrase left out of the join still counts inside a passage).
Blocks a few words apart in both texts are joined when the joined passages are still
nearly the same text (rapidfuzz ``fuzz.ratio`` of their folded, case-folded text at
least ``NEAR_SCORE``): a changed word, an inserted attribution, a figure written
differently. Identical words make a ``verbatim`` passage, joined blocks a
``near-verbatim`` one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from provenance.anchoring import fold
from provenance.reuse.shingles import SHINGLE, Words

GAP = 4  # words either text may add or change between two blocks of one passage
NEAR_SCORE = 80.0


@dataclass(frozen=True)
class Match:
    """A shared passage in word indices (inclusive) of both texts."""

    first_a: int
    last_a: int
    first_b: int
    last_b: int
    score: float
    kind: str

    @property
    def words(self) -> int:
        """The passage's length in words (the shorter side)."""
        return min(self.last_a - self.first_a, self.last_b - self.first_b) + 1


def blocks(seeds: np.ndarray, a: Words, b: Words) -> list[tuple[int, int, int]]:
    """Maximal runs of identical words ``(first_a, last_a, offset)`` (b = a + offset) grown
    from the shared shingle positions ``seeds`` (rows: position in a, position in b)."""
    diagonal = seeds[:, 1] - seeds[:, 0]
    order = np.lexsort((seeds[:, 0], diagonal))
    pa, diagonal = seeds[order, 0], diagonal[order]
    breaks = np.flatnonzero((np.diff(diagonal) != 0) | (np.diff(pa) != 1)) + 1
    starts = np.r_[0, breaks]
    ends = np.r_[breaks - 1, len(pa) - 1]
    found: dict[int, list[tuple[int, int]]] = {}
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        offset = int(diagonal[s])
        first, last = _grown(int(pa[s]), int(pa[e]) + SHINGLE - 1, offset, a.ids, b.ids)
        found.setdefault(offset, []).append((first, last))
    return sorted((first, last, offset) for offset, spans in found.items()
                  for first, last in _union(spans))


def _grown(first: int, last: int, offset: int, ids_a: np.ndarray,
           ids_b: np.ndarray) -> tuple[int, int]:
    """A run of identical words extended both ways while the words still agree."""
    while first > 0 and first + offset > 0 and ids_a[first - 1] == ids_b[first - 1 + offset]:
        first -= 1
    while (last + 1 < len(ids_a) and last + 1 + offset < len(ids_b)
           and ids_a[last + 1] == ids_b[last + 1 + offset]):
        last += 1
    return first, last


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges of one diagonal merged."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def passages(seeds: np.ndarray, a: Words, b: Words, text_a: str, text_b: str) -> list[Match]:
    """The passages two texts share (see the module docstring), in the order of text a."""
    found: list[Match] = []
    for first, last, offset in blocks(seeds, a, b):
        block = Match(first, last, first + offset, last + offset, 0.0, "verbatim")
        joined = _joined(found[-1], block, a, b, text_a, text_b) if found else None
        if joined is not None:
            found[-1] = joined
        else:
            found.append(_scored(block, a, b, text_a, text_b))
    return found


def _joined(prev: Match, block: Match, a: Words, b: Words, text_a: str,
            text_b: str) -> Match | None:
    """``prev`` and ``block`` as one near-verbatim passage, if they are close and alike."""
    gap_a = block.first_a - prev.last_a - 1
    gap_b = block.first_b - prev.last_b - 1
    if not (0 <= gap_a <= GAP and 0 <= gap_b <= GAP):
        return None
    joined = Match(prev.first_a, block.last_a, prev.first_b, block.last_b, 0.0,
                   "near-verbatim")
    scored = _scored(joined, a, b, text_a, text_b)
    return scored if scored.score >= NEAR_SCORE else None


def _scored(match: Match, a: Words, b: Words, text_a: str, text_b: str) -> Match:
    """``match`` with the similarity of its two passages (0-100)."""
    start_a, end_a = a.span(match.first_a, match.last_a)
    start_b, end_b = b.span(match.first_b, match.last_b)
    score = fuzz.ratio(plain(text_a[start_a:end_a]), plain(text_b[start_b:end_b]))
    return Match(match.first_a, match.last_a, match.first_b, match.last_b,
                 round(score, 1), match.kind)


def plain(passage: str) -> str:
    """A passage as it is compared: typographic variants folded, case folded."""
    return fold(passage).casefold()
