"""Discrepancies: claims whose intervals touch but whose central figures are far apart.

Input is an interval frame of :mod:`provenance.check.intervals` (``lo``/``hi`` in base units
and ``centre``, the stated figure or a range's middle, NaN for open and vague claims).
Two claims of one fact key *differ* when their intervals overlap (so they are no
conflict) but the larger central figure exceeds the smaller by more than
``max_relative_gap``: "10,000 troops" (6,000–14,000) and "14,000 troops"
(13,500–14,500) touch, and 14,000 is 40 % above 10,000.

Rows are sorted by (fact key, centre) once. A row can be the lower claim of such a pair
only if some claim of its key whose centre lies beyond its own by the gap starts where
it ends or before: a binary search finds the first such centre and a running minimum of
``lo`` from the end of each key answers that for every row at once (O(n log n)). Only
these rows' pairs are then listed and tested in full (overlap, other source), so the
cost beyond the sort is the number of pairs tested, not the square of a fact key.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from provenance.check.agreement import (
    COUNT_COLUMNS,
    Disagreements,
    dense_ranks,
    pair_frame,
    reporter_codes,
)

PAIR_BUDGET = 1 << 22  # candidate pairs tested in one numpy pass


@dataclass(frozen=True)
class Closeness:
    """Every pair of a frame whose intervals overlap but whose centres differ too much.

    ``a``/``b`` are row positions in ``frame`` (``a`` the lower centre), ``gap`` the
    relative gap ``centre_b / centre_a - 1``, ``cross`` whether the outlets differ (the
    sources, for a frame without ``outlet``: :func:`provenance.check.agreement.reporter_codes`).
    """

    frame: pd.DataFrame
    a: np.ndarray
    b: np.ndarray
    gap: np.ndarray
    cross: np.ndarray

    @property
    def partners(self) -> np.ndarray:
        """Per row, the number of claims of other sources it differs from."""
        both = np.concatenate([self.a[self.cross], self.b[self.cross]])
        return np.bincount(both, minlength=len(self.frame))


def _lower_candidates(keys: np.ndarray, centre: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                      gap: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows sorted by (key, centre); per sorted row the first position whose centre is
    beyond its own by the gap and its key's end. ``first`` is set to ``end`` for a row
    with no claim from ``first`` on that starts by its end (it leads no pair)."""
    values, rank = dense_ranks(centre)
    beyond = np.searchsorted(values, values * (1 + gap), "right") - 1  # sorted: one pass
    threshold = beyond[rank]  # the last rank not beyond each row's centre by the gap
    base = keys * np.int64(len(values))
    order = np.argsort(base + rank, kind="stable")
    first = np.searchsorted((base + rank)[order], (base + threshold)[order], "right")
    k = keys[order]
    ends = np.append(np.flatnonzero(k[1:] != k[:-1]) + 1, len(k))
    end = np.repeat(ends, np.diff(ends, prepend=0))
    backwards = pd.Series(lo[order][::-1])  # per key, the lowest start from each row on
    lowest = np.append(backwards.groupby(k[::-1], sort=False).cummin().to_numpy()[::-1], np.inf)
    ok = (first < end) & (lowest[first] <= hi[order])
    return order, np.where(ok, first, end), end


def _pairs(order: np.ndarray, first: np.ndarray, end: np.ndarray):
    """Row pairs (lower, upper) of every sorted row with every row from ``first`` on."""
    sizes = end - first
    rows = np.flatnonzero(sizes > 0)
    sizes = sizes[rows]
    out_a, out_b = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    bounds = np.searchsorted(np.cumsum(sizes), np.arange(PAIR_BUDGET, sizes.sum(), PAIR_BUDGET))
    for part in np.split(np.arange(len(rows)), bounds):
        n = sizes[part]
        lower = np.repeat(rows[part], n)
        step = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        out_a.append(order[lower])
        out_b.append(order[first[lower] + step])
    return np.concatenate(out_a), np.concatenate(out_b)


def find_discrepancies(frame: pd.DataFrame, max_relative_gap: float) -> Closeness:
    """Every pair of one fact key whose intervals overlap while their centres differ."""
    centre = frame["centre"].to_numpy(dtype=np.float64, na_value=np.nan)
    usable = np.flatnonzero(np.isfinite(centre) & (centre > 0))
    lo = frame["lo"].to_numpy(dtype=np.float64)[usable]
    hi = frame["hi"].to_numpy(dtype=np.float64)[usable]
    keys = pd.factorize(frame["fact_key"].take(usable))[0].astype(np.int64)
    c = centre[usable]
    empty = np.zeros(0, np.int64)
    if not len(usable):
        return Closeness(frame, empty, empty, np.zeros(0), np.zeros(0, bool))
    order, first, end = _lower_candidates(keys, c, lo, hi, max_relative_gap)
    a, b = _pairs(order, first, end)
    keep = (lo[b] <= hi[a]) & (lo[a] <= hi[b]) & (c[b] > c[a] * (1 + max_relative_gap))
    a, b = a[keep], b[keep]
    reporters = reporter_codes(frame)[usable]
    return Closeness(frame, usable[a], usable[b], c[b] / c[a] - 1, reporters[a] != reporters[b])


def _pair_frame(found: Closeness, rows: np.ndarray) -> pd.DataFrame:
    return pair_frame(found.frame, found.a[rows], found.b[rows], found.gap[rows])


def _capped(pairs: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    if limit is None:
        return pairs
    return pairs[pairs.groupby("fact_key", sort=False).cumcount() < limit].reset_index(drop=True)


def discrepancy_pairs(found: Closeness, limit_per_key: int | None = None) -> Disagreements:
    """The pairs (widest gap first, at most ``limit_per_key`` per key) and exact counts."""
    cross = _pair_frame(found, np.flatnonzero(found.cross))
    internal = _pair_frame(found, np.flatnonzero(~found.cross))
    counts = pd.DataFrame(columns=COUNT_COLUMNS)
    if len(found.a):
        keys = pd.Series(np.asarray(found.frame["fact_key"].take(found.a), dtype=object))
        claims = found.frame["fact_key"].astype(object).value_counts()
        table = pd.crosstab(keys, found.cross).reindex(columns=[True, False], fill_value=0)
        counts = pd.DataFrame({"fact_key": table.index.astype(object),
                               "claims": claims.reindex(table.index).to_numpy(),
                               "cross_pairs": table[True].to_numpy(),
                               "internal_pairs": table[False].to_numpy()})
        counts = counts.sort_values("fact_key", ignore_index=True)
    return Disagreements(_capped(cross, limit_per_key), _capped(internal, limit_per_key), counts)
