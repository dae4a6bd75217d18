"""Conflict messages a fact-checker reads: outlet, date, quote and value of both claims.

``The New York Times (2024-11-17) "two months left in office" ≈ 61 days vs Example Daily
(2024-11-18) "less than a month" < 31 days — no overlap``; text claims by their category:
``The Week (2024-11-18) "quickly followed suit" = allowed vs … = restricted — different``
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance.check_batch import arrow_text, is_arrow_text
from provenance.values.units import UNIT_FORMS

CONFLICT_COLUMNS = [
    "fact_key", "kind", "claim_a", "claim_b", "source_a", "source_b", "gap", "message",
]
SYMBOLS = {
    "exact": "=", "approx": "≈", "more_than": ">", "at_least": "≥", "less_than": "<",
    "at_most": "≤", "nearly": "nearly",
}
QUOTE_WIDTH = 90


def number(cell: str) -> str:
    """A stored number for people: thousands separators, at most four decimals."""
    try:
        x = float(cell)
    except ValueError:
        return cell
    if x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def _unit(unit: str, kind: str) -> str:
    if kind == "duration":
        return "days"
    forms = UNIT_FORMS.get(unit)
    return forms[0] if forms else unit


class Claim(NamedTuple):
    """The cells of one claim that its message reads (empty when the ledger lacks one)."""

    claim_id: str
    source_id: str
    kind: str
    quote: str
    qualifier: str
    value: str
    low: str
    high: str
    unit: str
    date_low: str
    date_high: str
    category: str


def describe(claim: Claim) -> str:
    """The claim's normalised value: ``≈ 61 days``, ``10,000–12,000 troops``, ``= 2024-11-17``;
    a text claim's category as the person typed it: ``= restricted``."""
    kind = claim.kind
    if kind == "text":
        return f"= {claim.category.strip()}"
    if kind == "date":
        low, high = claim.date_low, claim.date_high
        if low and low == high:
            return f"= {low}"
        return f"{low or '…'} to {high or '…'}"
    unit = _unit(claim.unit, kind)
    qualifier, value = claim.qualifier, claim.value
    if value and qualifier in SYMBOLS:
        return f"{SYMBOLS[qualifier]} {number(value)} {unit}".rstrip()
    low, high = claim.low, claim.high
    return f"{number(low) if low else '…'}–{number(high) if high else '…'} {unit}".rstrip()


def short_quote(quote: str) -> str:
    """The quote on one line, cut to a readable width."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_WIDTH else flat[: QUOTE_WIDTH - 1] + "…"


def _side(claim: Claim, source: tuple[str, str] | None) -> str:
    """``outlet (published) "quote" value``; the source id and "date unknown" stand in for an
    outlet and a date the registry lacks."""
    outlet, published = source or ("", "")
    return (f'{outlet or claim.source_id} ({published or "date unknown"}) '
            f'"{short_quote(claim.quote)}" {describe(claim)}')


def message(side_a: str, side_b: str, kind: str = "") -> str:
    """One conflict from both claims' sides (see ``_side``), lower claim first."""
    return f"{side_a} vs {side_b} — {'different' if kind == 'text' else 'no overlap'}"


def _cells(column: pd.Series, rows: np.ndarray | None) -> list:
    """The cells of ``column`` (all, or those at ascending positions ``rows``) as Python
    objects. Text held in Arrow chunks is taken chunk by chunk: Arrow's ``take`` would
    first join the chunks, a copy of the whole column (50 MB for a million quotes)."""
    if rows is None:
        return column.astype(object).tolist()
    if not is_arrow_text(column):
        return column.iloc[rows].astype(object).tolist()
    chunks = arrow_text(column).chunks
    bounds = np.cumsum([0, *map(len, chunks)])
    cuts = np.searchsorted(rows, bounds)
    return [cell for chunk, first, lo, hi in zip(chunks, bounds[:-1], cuts[:-1], cuts[1:],
                                                          strict=True)
            for cell in chunk.take(pa.array(rows[lo:hi] - first)).to_pylist()]


def _columns(frame: pd.DataFrame, names: tuple[str, ...], rows: np.ndarray | None) -> list:
    """The cells of each named column (all rows, or those at ascending positions ``rows``),
    empty strings for a column ``frame`` lacks."""
    blank = [""] * (len(frame) if rows is None else len(rows))
    return [_cells(frame[c], rows) if c in frame.columns else blank for c in names]


def conflict_frame(found: dict[str, Any], attribute: str, claims: pd.DataFrame,
                   sources: pd.DataFrame) -> pd.DataFrame:
    """Listed pairs of every kind as rows of :data:`CONFLICT_COLUMNS`, with messages.

    ``row_a``/``row_b`` of the pairs are row positions in ``claims``."""
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
    cells = map(Claim, *_columns(claims, Claim._fields, rows))
    sides = {  # one per claim, however many pairs it is in
        row: _side(claim, by_source.get(claim.source_id))
        for row, claim in zip(rows.tolist(), cells, strict=True)
    }
    pairs["message"] = [message(sides[a], sides[b], kind) for a, b, kind in
                        zip(pairs["row_a"].tolist(), pairs["row_b"].tolist(),
                            pairs["kind"].tolist(), strict=True)]
    return pairs[CONFLICT_COLUMNS]
