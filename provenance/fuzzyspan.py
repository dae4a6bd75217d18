"""Fuzzy spans: the word-aligned passage of a text most like a quote (rapidfuzz).

All comparisons fold typographic variants (curly/straight quotes, dashes, white space)
with a length-preserving table, so offsets into the folded text are offsets into the
original and every returned span is a span of the original text.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from provenance.anchoring import fold_same_length

Span = tuple[int, int]

def locate(text: str, needle: str) -> Span | None:
    """The region of ``text`` best aligned with ``needle`` (folded), or None."""
    if not text or not needle:
        return None
    hit = fuzz.partial_ratio_alignment(fold_same_length(needle), fold_same_length(text))
    if hit is None or hit.dest_end <= hit.dest_start:
        return None
    return hit.dest_start, hit.dest_end


def best_span(
    text: str, quote: str, lo: int = 0, hi: int | None = None
) -> tuple[Span | None, float]:
    """The word-aligned span of ``text[lo:hi]`` most like ``quote``, and its score (0-100).

    ``fuzz.partial_ratio_alignment`` finds the region; its ends are then moved to word
    boundaries within a slack of a quarter of the quote, maximising ``fuzz.ratio``.
    """
    hi = len(text) if hi is None else hi
    region = locate(text[lo:hi], quote)
    if region is None:
        return None, 0.0
    return _snap(text, fold_same_length(quote), lo + region[0], lo + region[1])


def _snap(text: str, fquote: str, start: int, end: int) -> tuple[Span | None, float]:
    """Move the ends of ``[start, end)`` to word boundaries, maximising ``fuzz.ratio``."""
    slack = max(8, len(fquote) // 4)
    lo, hi = max(0, start - slack), min(len(text), end + slack)
    folded = fold_same_length(text[lo:hi])
    starts = [i for i in range(lo, min(len(text), start + slack) + 1) if _is_start(text, i)]
    ends = [i for i in range(max(0, end - slack), hi + 1) if _is_end(text, i)]
    best: Span | None = None
    best_score = 0.0
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            score = fuzz.ratio(fquote, folded[s - lo : e - lo], score_cutoff=best_score)
            if score > best_score or (score == best_score and best is None):
                best, best_score = (s, e), score
    return best, best_score


def _is_start(text: str, i: int) -> bool:
    """A span may start at ``i``: not in white space, not inside a word."""
    if i >= len(text) or text[i].isspace():
        return False
    return i == 0 or not (text[i - 1].isalnum() and text[i].isalnum())


def _is_end(text: str, i: int) -> bool:
    """A span may end at ``i``: after a non-space character, not inside a word."""
    if i <= 0 or text[i - 1].isspace():
        return False
    return i == len(text) or not (text[i - 1].isalnum() and text[i].isalnum())
