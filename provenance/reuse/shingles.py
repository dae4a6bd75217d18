"""Word shingles of a text, with every word's exact code-point span.

Words are runs of letters and digits (``\\w``) after the typographic folding anchoring
uses (:func:`provenance.anchoring.fold_same_length`: curly and straight quotes, dashes,
white space), case-folded. Folding keeps every character in place, so each word keeps
``[start, end)`` of the original text and a passage found among words is an exact span.
A shingle is the hash of ``SHINGLE`` consecutive words: each word is numbered once per
run (a shared vocabulary), and the numbers of a window are combined by a polynomial
hash in numpy, so a text of n words costs n dictionary look-ups and a few array passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from provenance.anchoring import fold_same_length

SHINGLE = 5
WORD = re.compile(r"\w+")
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial hash


@dataclass(frozen=True)
class Words:
    """A text's words: their numbers in a shared vocabulary and their exact spans."""

    ids: np.ndarray  # int64, one per word
    starts: np.ndarray  # int64 code-point offsets
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """``[start, end)`` of words ``first`` to ``last`` (inclusive)."""
        return int(self.starts[first]), int(self.ends[last])


class Vocabulary:
    """Numbers for folded words, shared by every text of one search."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def words(self, text: str) -> Words:
        """The words of ``text`` (see the module docstring)."""
        folded = fold_same_length(text)
        numbers = self.numbers
        ids, starts, ends = [], [], []
        for match in WORD.finditer(folded):
            word = match.group().casefold()
            ids.append(numbers.setdefault(word, len(numbers) + 1))
            starts.append(match.start())
            ends.append(match.end())
        return Words(np.array(ids, dtype=np.int64), np.array(starts, dtype=np.int64),
                     np.array(ends, dtype=np.int64))


def shingles(words: Words, size: int = SHINGLE) -> np.ndarray:
    """One uint64 hash per run of ``size`` consecutive words (position i: words i..i+size-1);
    empty when the text has fewer words."""
    count = len(words) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    ids = words.ids.astype(np.uint64)
    hashed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            hashed = hashed * _BASE + ids[k : k + count]
        return hashed ^ (hashed >> np.uint64(29))
