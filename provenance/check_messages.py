"""Conflict messages a fact-checker reads: outlet, date, quote and value of both claims.

``The New York Times (2024-11-17) "two months left in office" ≈ 61 days vs Example Daily
(2024-11-18) "less than a month" < 31 days — no overlap``
"""

from __future__ import annotations

from typing import Any

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
MESSAGE_COLUMNS = [  # the claim cells a message reads
    "claim_id", "source_id", "kind", "quote", "qualifier", "value", "low", "high", "unit",
    "date_low", "date_high",
]


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


def describe(row: dict[str, str]) -> str:
    """The claim's normalised value: ``≈ 61 days``, ``10,000–12,000 troops``, ``= 2024-11-17``."""
    kind = row.get("kind", "")
    if kind == "date":
        low, high = row.get("date_low", ""), row.get("date_high", "")
        if low and low == high:
            return f"= {low}"
        return f"{low or '…'} to {high or '…'}"
    unit = _unit(row.get("unit", ""), kind)
    qualifier, value = row.get("qualifier", ""), row.get("value", "")
    if value and qualifier in SYMBOLS:
        return f"{SYMBOLS[qualifier]} {number(value)} {unit}".rstrip()
    low, high = row.get("low", ""), row.get("high", "")
    return f"{number(low) if low else '…'}–{number(high) if high else '…'} {unit}".rstrip()


def short_quote(quote: str) -> str:
    """The quote on one line, cut to a readable width."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_WIDTH else flat[: QUOTE_WIDTH - 1] + "…"


def _side(claim: dict[str, str], source: dict[str, str]) -> str:
    outlet = source.get("outlet") or claim.get("source_id", "")
    published = source.get("published") or "date unknown"
    return f'{outlet} ({published}) "{short_quote(claim.get("quote", ""))}" {describe(claim)}'


def message(side_a: str, side_b: str) -> str:
    """One conflict from both claims' sides (see ``_side``), lower claim first."""
    return f"{side_a} vs {side_b} — no overlap"


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


def _records(frame: pd.DataFrame, columns: list[str],
             rows: np.ndarray | None = None) -> list[dict[str, str]]:
    """Rows (all, or those at ascending positions ``rows``) as dicts of strings, read from
    the named columns only (faster than ``to_dict`` for many rows)."""
    columns = [c for c in columns if c in frame.columns]
    values = zip(*(_cells(frame[c], rows) for c in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


def conflict_frame(found: dict[str, Any], attribute: str, claims: pd.DataFrame,
                   sources: pd.DataFrame) -> pd.DataFrame:
    """Listed pairs of every kind as rows of :data:`CONFLICT_COLUMNS`, with messages.

    ``row_a``/``row_b`` of the pairs are row positions in ``claims``."""
    parts = [getattr(d, attribute).assign(kind=kind) for kind, d in found.items()]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    pairs = pd.concat(parts, ignore_index=True)
    rows = np.unique(np.concatenate([pairs["row_a"], pairs["row_b"]]))
    named = sources[sources["source_id"].isin(np.concatenate([pairs["source_a"],
                                                              pairs["source_b"]]))]
    by_source = {r["source_id"]: r for r in _records(named, ["source_id", "outlet",
                                                            "published"])}
    sides = {  # one per claim, however many pairs it is in
        row: _side(claim, by_source.get(claim.get("source_id", ""), {}))
        for row, claim in zip(rows.tolist(), _records(claims, MESSAGE_COLUMNS, rows),
                              strict=True)
    }
    pairs["message"] = [message(sides[a], sides[b]) for a, b in
                        zip(pairs["row_a"].tolist(), pairs["row_b"].tolist(), strict=True)]
    return pairs[CONFLICT_COLUMNS]
