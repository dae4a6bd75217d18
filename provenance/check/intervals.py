"""Claims as comparable intervals: base units, hedge tolerance, rounding, minimum overlap.

Works on the typed *check batch* (see ``engines/pandas/batch.py``): ``value``/``low``/``high`` are
floats (NaN when empty), ``date_low``/``date_high`` datetime64 (NaT when empty) and the
rest categorical. The result is the frame :mod:`provenance.check.agreement` takes: ``claim_id``,
``source_id``, ``fact_key``, ``lo``, ``hi`` (``-inf``/``inf`` for unbounded ends), one
row per comparable claim. Everything is vectorised; units are converted once per unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from provenance.values.hedges import APPROX_TOLERANCE, HEDGE_BOUNDS
from provenance.values.rounding import MAX_ROUNDING_SHARE, rounding_half_width
from provenance.values.units import to_base

COMPARED_STATUSES = ("confirmed",)  # candidates await review: never compared
MAX_RELATIVE_GAP = 0.2  # central values further apart (larger over smaller - 1) differ
INTERVAL_COLUMNS = ["claim_id", "source_id", "fact_key", "lo", "hi", "own_lo", "own_hi", "centre"]


@dataclass(frozen=True)
class Tuning:
    """The expectation kwargs that decide when two claims are compatible.

    ``min_overlap`` is a fraction of each figure's size for quantities and a number of
    days for durations and dates; negative values give slack instead.
    """

    approx_tolerance: float = APPROX_TOLERANCE
    rounding_precision: float = 0.0
    round_figure_min_zeros: int = 2
    max_rounding_share: float = MAX_ROUNDING_SHARE
    min_overlap: float = 0.0
    max_relative_gap: float = MAX_RELATIVE_GAP
    statuses: tuple[str, ...] = COMPARED_STATUSES


def _selected(batch: pd.DataFrame, kind: str, tuning: Tuning) -> pd.DataFrame:
    """Rows of ``kind`` with a tuned status and a fact key (nothing to compare without one)."""
    key = batch["fact_key"]
    mask = ((batch["kind"] == kind) & key.notna() & key.ne("")).to_numpy().copy()
    if "status" in batch.columns:
        mask &= batch["status"].isin(tuning.statuses).to_numpy()
    return batch.loc[mask]


@dataclass(frozen=True)
class _Labels:
    """A text column as codes per row and the distinct names (compared per name, not per
    row: a million string comparisons would hold the GIL)."""

    codes: np.ndarray
    names: list[str]

    def isin(self, *names: str) -> np.ndarray:
        """True for the rows labelled with one of ``names``."""
        return np.isin(self.codes, [i for i, name in enumerate(self.names) if name in names])


def _qualifiers(rows: pd.DataFrame) -> _Labels:
    """The rows' qualifiers, empty cells as ``exact``."""
    codes, names = pd.factorize(rows["qualifier"])
    return _Labels(np.where(codes < 0, len(names), codes), [*map(str, names), "exact"])


def _hedged(rows: pd.DataFrame, qualifier: _Labels, tuning: Tuning):
    """Stored bounds, re-derived from ``value`` by the hedge rule (:data:`HEDGE_BOUNDS`)
    where none is stored, or where the tolerance differs for a hedge that depends on it."""
    lo = rows["low"].to_numpy(dtype=np.float64, na_value=np.nan)
    hi = rows["high"].to_numpy(dtype=np.float64, na_value=np.nan)
    value = rows["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    has_value = ~np.isnan(value)
    unset = np.isnan(lo) & np.isnan(hi) & has_value
    t = tuning.approx_tolerance
    retuned = has_value & (t != APPROX_TOLERANCE)
    for name in {*qualifier.names}:
        ends = HEDGE_BOUNDS.get(name or "exact")
        if ends is None:  # range, vague: their bounds are stated
            continue
        tolerant = any(ends)  # an end that is not the figure itself nor unbounded
        redo = qualifier.isin(name) & (unset | (retuned & tolerant))
        lo, hi = (bound if k is None else np.where(redo, value * (1 + k * t), bound)
                  for k, bound in zip(ends, (lo, hi), strict=True))
    return lo, hi


def _rounded(rows: pd.DataFrame, qualifier: _Labels, lo: np.ndarray, hi: np.ndarray,
             tuning: Tuning):
    """Widen bare round figures (``exact``) by the precision their writing implies
    (:mod:`provenance.values.rounding`)."""
    if tuning.rounding_precision <= 0:
        return lo, hi
    value = rows["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    exact = np.flatnonzero(qualifier.isin("exact") & np.isfinite(value))
    widen = np.zeros(len(value))
    widen[exact] = rounding_half_width(value[exact], tuning.rounding_precision,
                                       tuning.round_figure_min_zeros,
                                       tuning.max_rounding_share)
    return lo - widen, hi + widen


def _to_base(rows: pd.DataFrame, *bounds: np.ndarray):
    """Each array of bounds in base units, and the base unit per row (an affine map per
    distinct unit; infinite and NaN bounds stay as they are)."""
    codes, units = pd.factorize(rows["unit"], use_na_sentinel=False)
    maps = [to_base(0.0, 1.0, u if isinstance(u, str) and u else None) for u in units]
    zero = np.array([m[0] for m in maps], dtype=np.float64)[codes]
    scale = np.array([m[1] - m[0] for m in maps], dtype=np.float64)[codes]
    base_codes, base_names = pd.factorize(np.array([m[2] or "" for m in maps], dtype=object))
    out = [np.where(np.isfinite(b), zero + scale * b, b) for b in bounds]
    return (*out, _Labels(base_codes[codes], list(base_names)))


def _centres(rows: pd.DataFrame, qualifier: _Labels, lo: np.ndarray, hi: np.ndarray):
    """The figure a claim centres on: its stated figure for ``exact``, ``approx`` and
    ``nearly``, the middle of a ``range``; NaN for open and vague claims, which have none."""
    value = rows["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    stated = qualifier.isin("exact", "approx", "nearly", "")
    middle = qualifier.isin("range") & np.isfinite(lo) & np.isfinite(hi)
    return np.where(stated, value, np.where(middle, (lo + hi) / 2, np.nan))


def _narrowed(lo: np.ndarray, hi: np.ndarray, half: np.ndarray):
    """Move both ends inwards by ``half`` (outwards when negative), never past the middle."""
    new_lo, new_hi = lo + half, hi - half
    middle = (lo + hi) / 2
    crossed = new_lo > new_hi
    return np.where(crossed, middle, new_lo), np.where(crossed, middle, new_hi)


def _frame(rows: pd.DataFrame, keys, lo: np.ndarray, hi: np.ndarray,
           shown: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """The comparable rows; ``shown`` is each claim's interval in its own unit (hedge and
    rounding applied) and its central figure in ``lo``/``hi``'s units, for the report."""
    lo = np.where(np.isnan(lo), -np.inf, lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    keep = np.isfinite(lo) | np.isfinite(hi)
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    own_lo, own_hi, centre = shown or (lo, hi, np.full(len(lo), np.nan))
    out = pd.DataFrame(
        {
            "claim_id": rows["claim_id"],
            "source_id": rows["source_id"],
            "fact_key": keys,
            "lo": lo,
            "hi": hi,
            "own_lo": np.where(np.isnan(own_lo), -np.inf, own_lo),
            "own_hi": np.where(np.isnan(own_hi), np.inf, own_hi),
            "centre": centre,
        },
        index=rows.index,
    )
    return out.loc[keep]


def _split_units(keys: pd.Series, base_units: _Labels):
    """Fact keys whose claims use several base units are compared per unit, named ``key [unit]``."""
    key_codes, names = pd.factorize(keys, use_na_sentinel=False)
    width = len(base_units.names) + 1
    pairs = pd.unique(key_codes.astype(np.int64) * width + base_units.codes)
    split = np.bincount(pairs // width, minlength=len(names))[key_codes] > 1
    if not split.any():
        return keys
    named = np.asarray(keys, dtype=object).copy()
    units = np.asarray(base_units.names, dtype=object)[base_units.codes[split]]
    named[split] = [f"{k} [{u}]" for k, u in zip(named[split], units, strict=True)]
    return named


def quantity_intervals(batch: pd.DataFrame, tuning: Tuning) -> pd.DataFrame:
    """Comparable intervals of ``kind=quantity`` claims, in base units."""
    rows = _selected(batch, "quantity", tuning)
    qualifier = _qualifiers(rows)
    own_lo, own_hi = _rounded(rows, qualifier, *_hedged(rows, qualifier, tuning), tuning)
    centre = _centres(rows, qualifier, own_lo, own_hi)
    lo, hi, centre, base_units = _to_base(rows, own_lo, own_hi, centre)
    finite = np.where(np.isfinite(lo), np.abs(lo), 0.0)
    size = np.maximum(finite, np.where(np.isfinite(hi), np.abs(hi), 0.0))
    lo, hi = _narrowed(lo, hi, tuning.min_overlap * size / 2)
    keys = _split_units(rows["fact_key"], base_units)
    return _frame(rows, keys, lo, hi, (own_lo, own_hi, centre))


def duration_intervals(batch: pd.DataFrame, tuning: Tuning) -> pd.DataFrame:
    """Comparable intervals of ``kind=duration`` claims, in days."""
    rows = _selected(batch, "duration", tuning)
    qualifier = _qualifiers(rows)
    own_lo, own_hi = _hedged(rows, qualifier, tuning)
    centre = _centres(rows, qualifier, own_lo, own_hi)
    lo, hi = _narrowed(own_lo, own_hi, np.full(len(own_lo), tuning.min_overlap / 2))
    return _frame(rows, rows["fact_key"], lo, hi, (own_lo, own_hi, centre))


def day_numbers(column: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 as floats (NaN for NaT)."""
    days = column.to_numpy(dtype="datetime64[D]")
    out = days.astype(np.int64).astype(np.float64)
    out[np.isnat(days)] = np.nan
    return out


def date_intervals(batch: pd.DataFrame, tuning: Tuning) -> pd.DataFrame:
    """Comparable intervals of ``kind=date`` claims: inclusive days as ``[first, last + 1)``."""
    rows = _selected(batch, "date", tuning)
    days = day_numbers(rows["date_low"]), day_numbers(rows["date_high"]) + 1
    lo, hi = _narrowed(*days, np.full(len(days[0]), tuning.min_overlap / 2))
    return _frame(rows, rows["fact_key"], lo, hi, (*days, np.full(len(lo), np.nan)))


INTERVALS = {
    "quantity": quantity_intervals,
    "duration": duration_intervals,
    "date": date_intervals,
}
