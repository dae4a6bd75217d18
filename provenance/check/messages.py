"""Messages a fact-checker reads: outlet, date, quote and the interval compared, of both
claims, and what the comparison found.

``Harbor Courier (fictional) (Sun 17 Nov 2024) "less than a month left in office" (up to
31 days) vs The Daily Lantern (fictional) (Mon 18 Nov 2024) "two months left in office"
(about 61 days (two months)): no overlap``; a text claim shows its category instead of an
interval, and two categories that differ are ``different``: ``… "quickly followed suit"
(= allowed) vs … "remain restricted" (= restricted): different``

The intervals are the ones compared (hedge and rounding applied, see
:mod:`provenance.values.rounding`), each in its claim's own unit; where the two claims'
units differ the second is also given in the first's ("300 km" (250–350 kilometres, i.e.
155–217 miles)).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from provenance import human
from provenance.values.units import to_base

CONFLICT_COLUMNS = [
    "fact_key", "kind", "claim_a", "claim_b", "source_a", "source_b", "gap", "message",
]
QUOTE_WIDTH = 90
FOUND = {"pairs": "no overlap", "internal": "no overlap"}
TEXT_FOUND = "different"  # two categories of one fact key (provenance.check.categories)


class Claim(NamedTuple):
    """The cells of one claim that its message reads (empty when the ledger lacks one)."""

    claim_id: str
    source_id: str
    kind: str
    quote: str
    unit: str
    category: str


class Shown(NamedTuple):
    """One side of a pair: its words and what converting its interval needs."""

    text: str
    unit: str
    kind: str
    lo: float
    hi: float


def short_quote(quote: str) -> str:
    """The quote on one line, cut to a readable width."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_WIDTH else flat[: QUOTE_WIDTH - 1] + "…"


@cache  # one publication date per source, read by every claim of it
def published_words(published: str) -> str:
    """An ISO publication date as "Sun 17 Nov 2024" ("date unknown" when empty or odd)."""
    try:
        number = (pd.Timestamp(published).date() - human.EPOCH).days
    except (TypeError, ValueError):
        return "date unknown"
    return human.day(number)


def shown_value(claim: Claim, lo: float, hi: float) -> str:
    """The compared interval in words; a text claim's category as the person typed it
    (``= restricted``)."""
    if claim.kind == "text":
        return f"= {claim.category.strip()}"
    return human.interval(lo, hi, claim.unit, claim.kind)


def _side(claim: Claim, source: tuple[str, str] | None, lo: float, hi: float) -> Shown:
    """``outlet (published) "quote" (interval)``; the source id stands in for an outlet the
    registry lacks."""
    outlet, published = source or ("", "")
    text = (f'{outlet or claim.source_id} ({published_words(published)}) '
            f'"{short_quote(claim.quote)}" ({shown_value(claim, lo, hi)}')
    return Shown(text, claim.unit, claim.kind, lo, hi)


@cache
def _affine(unit: str) -> tuple[float, float, str]:
    """``base = zero + scale × x`` for a unit, and its base unit."""
    zero, one, base = to_base(0.0, 1.0, unit or None)
    return float(zero), float(one) - float(zero), str(base)


def _in_unit_of(b: Shown, a: Shown) -> str:
    """``, i.e. 155–217 miles`` when b's unit differs from a's but converts to it."""
    if b.kind != "quantity" or b.unit == a.unit:
        return ""
    (za, sa, base_a), (zb, sb, base_b) = _affine(a.unit), _affine(b.unit)
    if base_a != base_b or (za, sa) == (zb, sb) or sa == 0:
        return ""

    def convert(x: float) -> float:
        return x if not math.isfinite(x) else (zb + sb * x - za) / sa

    return f", i.e. {human.interval(convert(b.lo), convert(b.hi), a.unit, 'quantity')}"


def message(a: Shown, b: Shown, found: str) -> str:
    """One pair from both claims' sides, lower claim first, and what was found."""
    return f"{a.text}) vs {b.text}{_in_unit_of(b, a)}): {found}"


def discrepancy_found(gap: float) -> str:
    """What a discrepancy is: the intervals touch, the central figures differ by ``gap``."""
    return f"overlap, but the central figures differ by {gap:.0%}"


def found_words(kind: str, gap: float, attribute: str) -> str:
    """What the comparison of a pair found, by its job's kind (``quantity:close`` for a
    discrepancy) and the listing (``pairs`` or ``internal``)."""
    if kind.endswith(":close"):
        return discrepancy_found(gap)
    return TEXT_FOUND if kind == "text" else FOUND[attribute]


def plain_cells(column: pd.Series, rows: np.ndarray | None) -> list:
    """The cells of ``column`` (all, or those at ascending positions ``rows``) as Python
    objects."""
    if rows is None:
        return column.astype(object).tolist()
    return column.iloc[rows].astype(object).tolist()


Cells = Callable[[pd.Series, "np.ndarray | None"], list]


def _columns(frame: pd.DataFrame, names: tuple[str, ...], rows: np.ndarray | None,
             cells: Cells = plain_cells) -> list:
    """The cells of each named column (all rows, or those at ascending positions ``rows``),
    empty strings for a column ``frame`` lacks."""
    blank = [""] * (len(frame) if rows is None else len(rows))
    return [cells(frame[c], rows) if c in frame.columns else blank for c in names]


def conflict_frame(found: dict[str, Any], attribute: str, claims: pd.DataFrame,
                   sources: pd.DataFrame, frames: dict[str, pd.DataFrame],
                   cells: Cells = plain_cells) -> pd.DataFrame:
    """Listed pairs of every kind as rows of :data:`CONFLICT_COLUMNS`, with messages.

    ``found`` maps a kind (``quantity``, ``text``, or ``quantity:close`` for discrepancies)
    to its pairs; ``frames`` maps it to the compared interval frame (``own_lo``/``own_hi``
    per row). ``row_a``/``row_b`` of the pairs are row positions in ``claims``, whose
    cells ``cells`` reads (an engine may read its own columns its own way)."""
    parts = [getattr(d, attribute).assign(kind=kind) for kind, d in found.items()]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    pairs = pd.concat(parts, ignore_index=True)
    pairs.loc[pairs["kind"].eq("text").to_numpy(), "gap"] = np.nan  # categories have no gap
    rows = np.unique(np.concatenate([pairs["row_a"], pairs["row_b"]]))
    named = sources[sources["source_id"].isin(np.concatenate([pairs["source_a"],
                                                              pairs["source_b"]]))]
    ids, outlets, published = _columns(named, ("source_id", "outlet", "published"), None)
    by_source = dict(zip(ids, zip(outlets, published, strict=True), strict=True))
    bounds = {}
    for kind in pairs["kind"].unique():
        frame = frames[kind]
        mine = frame.index.intersection(rows)
        bounds.update(zip(mine.tolist(), zip(frame.loc[mine, "own_lo"].tolist(),
                                             frame.loc[mine, "own_hi"].tolist(), strict=True),
                          strict=True))
    taken = map(Claim, *_columns(claims, Claim._fields, rows, cells))
    sides = {  # one per claim, however many pairs it is in
        row: _side(claim, by_source.get(claim.source_id), *bounds[row])
        for row, claim in zip(rows.tolist(), taken, strict=True)
    }
    pairs["message"] = [
        message(sides[a], sides[b], found_words(kind, gap, attribute))
        for a, b, gap, kind in zip(pairs["row_a"].tolist(), pairs["row_b"].tolist(),
                                   pairs["gap"].tolist(), pairs["kind"].tolist(), strict=True)]
    pairs["kind"] = pairs["kind"].str.removesuffix(":close")
    return pairs[CONFLICT_COLUMNS]
