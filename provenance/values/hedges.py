"""Hedge words and the intervals they stand for.

A hedge qualifies a stated figure ``v``; ``t`` is the approximation tolerance,
``APPROX_TOLERANCE`` (0.1, i.e. 10 %) unless a caller passes another one:

============  ===========================================================  =================
qualifier     wording (before the figure unless marked "after")            interval
============  ===========================================================  =================
exact         a bare figure                                                [v, v]
approx        about, around, roughly, some, an estimated, approximately,   [v(1-t), v(1+t)]
              estimated, an approximate; after: "or so", "-odd"
more_than     more than, over, upwards of, in excess of, well over,        [v, unbounded)
              just over, greater/larger/higher/bigger than, above,
              exceeding; after: "-plus", "+"
at_least      at least, no less than, no fewer than, a minimum of;         [v, unbounded)
              after: "or more", "or greater", "or higher", "or above"
less_than     less than, under, fewer than, below, just below,            (unbounded, v]
              smaller/lower than
at_most       up to, at most, no more than, as many as, a maximum of;      (unbounded, v]
              after: "or less", "or fewer", "or lower", "or below"
nearly        nearly, almost, just under, close to, not quite              [v(1-t), v]
range         "A to B", "A-B", "between A and B"                           [A, B]
vague         several hundred, hundreds, dozens, a few                     see numbers.py
============  ===========================================================  =================

A bare round number ("50,000 soldiers") is recorded as ``exact`` with the interval
``[v, v]``: its implicit precision (a reporter rounding 49,600 to 50,000) is not
guessed here. The consistency check applies a rounding tolerance when it compares
intervals, so the stored value stays what the text says.
"""

from __future__ import annotations

import re

APPROX_TOLERANCE = 0.1

PREFIX_HEDGES = {
    "approx": (
        "about", "around", "roughly", "some", "an estimated", "estimated",
        "approximately", "an approximate", "approx.", "circa", "c.",
    ),
    "more_than": (
        "more than", "over", "upwards of", "in excess of", "well over", "just over",
        "greater than", "larger than", "higher than", "bigger than", "above", "exceeding",
        "well above",
    ),
    "at_least": (
        "at least", "no less than", "no fewer than", "a minimum of", "not less than",
        "not fewer than",
    ),
    "less_than": (
        "less than", "under", "fewer than", "below", "just below", "well under",
        "smaller than", "lower than", "well below",
    ),
    "at_most": ("up to", "at most", "no more than", "as many as", "a maximum of", "not more than"),
    "nearly": ("nearly", "almost", "just under", "close to", "not quite", "just shy of"),
}
_PREFIX_QUALIFIER = {w: q for q, words in PREFIX_HEDGES.items() for w in words}
_PREFIX_ALT = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_PREFIX_QUALIFIER, key=len, reverse=True)
)
# Anchored at the end of a short window that ends where the figure starts.
PREFIX_RE = re.compile(rf"(?<![\w.])(?P<hedge>{_PREFIX_ALT})\s+(?:of\s+)?$", re.IGNORECASE)
SUFFIX_RE = re.compile(
    r"(?P<hedge>\s+or\s+(?:so|more|less|fewer|greater|higher|above|lower|below)\b"
    r"|-?plus\b|\+|-odd\b)", re.IGNORECASE
)
_SUFFIX_QUALIFIER = {
    "or so": "approx", "or more": "at_least", "or less": "at_most", "or fewer": "at_most",
    "or greater": "at_least", "or higher": "at_least", "or above": "at_least",
    "or lower": "at_most", "or below": "at_most",
    "plus": "more_than", "+": "more_than", "odd": "approx",
}
WINDOW = 24


def hedge_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """The hedge ending right before `start` (not reaching before `floor`), with its start."""
    lo = max(floor, start - WINDOW)
    m = PREFIX_RE.search(text, lo, start)
    if not m:
        return None
    word = " ".join(m["hedge"].lower().split())
    return _PREFIX_QUALIFIER[word], m.start()


def hedge_after(text: str, end: int) -> tuple[str, int] | None:
    """The hedge right after a figure ending at `end` ('or more', '-plus'), with its end."""
    m = SUFFIX_RE.match(text, end)
    if not m:
        return None
    word = " ".join(m["hedge"].lower().lstrip("-").split())
    return _SUFFIX_QUALIFIER[word], m.end()


# The one hedge-to-interval rule: each end of a hedged figure v, as v(1 + k t) for the k
# given (-1 below, 0 the figure itself, +1 above), or None when that end is unbounded.
# Qualifiers without a rule (``range``, ``vague``) state their bounds instead.
HEDGE_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "exact": (0, 0),
    "approx": (-1, 1),
    "nearly": (-1, 0),  # below in magnitude: towards zero
    "more_than": (0, None),
    "at_least": (0, None),
    "less_than": (None, 0),
    "at_most": (None, 0),
}
_EXACT = HEDGE_BOUNDS["exact"]


def interval(
    qualifier: str, value: float, tolerance: float = APPROX_TOLERANCE
) -> tuple[float | None, float | None]:
    """The [low, high] interval a qualifier gives a stated figure (None = unbounded), by
    :data:`HEDGE_BOUNDS` (a qualifier without a rule: ``[v, v]``)."""
    bounds = HEDGE_BOUNDS.get(qualifier, _EXACT)
    if bounds is _EXACT:  # most figures: [v, v], nothing to compute
        return value, value
    low, high = (None if k is None else value if k == 0 else _tidy(value * (1 + k * tolerance))
                 for k in bounds)
    if low is None or high is None:
        return low, high
    return min(low, high), max(low, high)


def _tidy(x: float) -> float:
    """Drop binary noise from a product (55.00000000000001 -> 55.0)."""
    return float(f"{x:.12g}")
