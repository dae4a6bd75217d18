"""Split a text into segments at claim-span boundaries, for highlighting.

Spans are ``[start, end)`` in code points; overlapping spans are allowed. Every
segment records the claims covering it, so a view can mark it without doing any
offset arithmetic of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A claim's span in a text, with the CSS classes its highlight carries."""

    start: int
    end: int
    claim_id: str
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same set of claims (possibly none)."""

    start: int
    end: int
    text: str
    claim_ids: tuple[str, ...] = ()
    classes: tuple[str, ...] = field(default=())


def usable_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Keep spans that lie inside the text and are not empty."""
    return [s for s in spans if 0 <= s.start < s.end <= len(text)]


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; adjacent pieces with the same cover merge."""
    kept = usable_spans(text, spans)
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    out: list[Segment] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        cover = [s for s in kept if s.start <= lo and hi <= s.end]
        ids = tuple(s.claim_id for s in cover)
        classes = tuple(sorted({c for s in cover for c in s.classes}))
        if out and out[-1].claim_ids == ids and out[-1].classes == classes:
            prev = out.pop()
            out.append(Segment(prev.start, hi, text[prev.start : hi], ids, classes))
        else:
            out.append(Segment(lo, hi, text[lo:hi], ids, classes))
    return out


def context(text: str, start: int, end: int, width: int = 80) -> tuple[str, str, str]:
    """Return (before, quote, after) with up to ``width`` code points either side."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return before, text[start:end], after
