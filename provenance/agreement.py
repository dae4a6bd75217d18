"""Disjoint-interval pairs within groups, by sorting and searching (engine-neutral).

Input is a DataFrame with columns ``claim_id``, ``source_id``, ``fact_key``, ``lo``, ``hi``
(floats; ``-inf``/``inf`` for unbounded ends). Two claims *disagree* when their closed
intervals are disjoint: ``lo_b > hi_a``. Everything here runs in O(n log n) per group
(plus the size of the output when pairs are listed): intervals are sorted by ``lo`` and,
for each interval, a binary search finds the block of intervals that start after it
ends. Counting that block needs no pairs at all, so counts stay cheap for a fact key
with thousands of claims, and a wide interval that bridges others never hides a pair
(the bug of a running-max sweep).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import pandas as pd

PAIR_COLUMNS = ["fact_key", "claim_a", "claim_b", "source_a", "source_b", "gap"]
COUNT_COLUMNS = ["fact_key", "claims", "cross_pairs", "internal_pairs"]


@dataclass(frozen=True)
class Disagreements:
    """Pairs of disjoint claims, listed clearest first, with exact counts per fact key.

    ``pairs`` and ``internal`` have :data:`PAIR_COLUMNS` (``claim_a`` is the lower
    interval, ``gap = lo_b - hi_a > 0``); ``counts`` has :data:`COUNT_COLUMNS` for every
    fact key with at least one disagreement, so a listing capped per key still reports
    how many pairs it left out.
    """

    pairs: pd.DataFrame
    internal: pd.DataFrame
    counts: pd.DataFrame


@dataclass(frozen=True)
class _Blocks:
    """Rows sorted by (group, lo), and per sorted row the block of later-starting rows."""

    order: np.ndarray  # sorted position -> original row
    first: np.ndarray  # first sorted position whose lo > this row's hi (same group)
    end: np.ndarray  # end of this row's group in sorted positions


@dataclass(frozen=True)
class _Ranks:
    """Dense ranks of every bound (lo and hi together), so one int64 key sorts (group, lo)."""

    lo: np.ndarray
    hi: np.ndarray
    width: np.int64

    @classmethod
    def of(cls, lo: np.ndarray, hi: np.ndarray) -> _Ranks:
        values, inverse = np.unique(np.concatenate([lo, hi]), return_inverse=True)
        inverse = inverse.astype(np.int64)
        return cls(inverse[: len(lo)], inverse[len(lo) :], np.int64(len(values) + 1))

    def mirrored(self) -> _Ranks:
        """Ranks of ``(-hi, -lo)``: the same intervals seen from above."""
        top = self.width - 2
        return _Ranks(top - self.hi, top - self.lo, self.width)


def _blocks(groups: np.ndarray, ranks: _Ranks) -> _Blocks:
    """Sort by (group, lo); binary-search each row's ``hi`` among its group's ``lo``."""
    base = groups.astype(np.int64) * ranks.width
    keys = base + ranks.lo
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.searchsorted(keys, base[order] + ranks.hi[order], "right")
    end = np.searchsorted(keys, base[order] + ranks.width, "left")
    return _Blocks(order, first, end)


def _codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer codes for fact keys, sources, and (fact key, source) pairs."""
    keys = pd.factorize(frame["fact_key"])[0].astype(np.int64)
    sources = pd.factorize(frame["source_id"])[0].astype(np.int64)
    both = pd.factorize(keys * (sources.max(initial=0) + 1) + sources)[0].astype(np.int64)
    return keys, sources, both


def _bounds(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return (
        frame["lo"].to_numpy(dtype=np.float64, na_value=-np.inf),
        frame["hi"].to_numpy(dtype=np.float64, na_value=np.inf),
    )


def _above_counts(groups: np.ndarray, ranks: _Ranks) -> np.ndarray:
    """Per original row: how many rows of its group start after it ends."""
    blocks = _blocks(groups, ranks)
    counts = np.empty(len(groups), dtype=np.int64)
    counts[blocks.order] = blocks.end - blocks.first
    return counts


def partner_counts(frame: pd.DataFrame) -> np.ndarray:
    """Per row, the number of claims of *other* sources in its fact key it is disjoint from."""
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    keys, _, both = _codes(frame)
    ranks = _Ranks.of(*_bounds(frame))
    above = _above_counts(keys, ranks) - _above_counts(both, ranks)
    mirrored = ranks.mirrored()
    below = _above_counts(keys, mirrored) - _above_counts(both, mirrored)
    return above + below


def count_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Exact numbers of cross-source and same-source disjoint pairs per fact key."""
    if frame.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    keys, _, both = _codes(frame)
    ranks = _Ranks.of(*_bounds(frame))
    every, same = _above_counts(keys, ranks), _above_counts(both, ranks)
    table = pd.DataFrame(
        {"key": keys, "claims": 1, "cross_pairs": every - same, "internal_pairs": same}
    )
    table = table.groupby("key", sort=False).sum()
    names = np.asarray(pd.factorize(frame["fact_key"])[1], dtype=object)
    table.insert(0, "fact_key", names[table.index.to_numpy()])
    table = table.sort_values("fact_key", ignore_index=True)
    table = table[(table["cross_pairs"] > 0) | (table["internal_pairs"] > 0)]
    return table.astype({"claims": "int64", "cross_pairs": "int64", "internal_pairs": "int64"})


def _all_pairs(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (a, b) of every disjoint pair within a fact key, a the lower one."""
    keys, _, _ = _codes(frame)
    blocks = _blocks(keys, _Ranks.of(*_bounds(frame)))
    sizes = blocks.end - blocks.first
    total = int(sizes.sum())
    lower = np.repeat(np.arange(len(sizes)), sizes)
    offsets = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    upper = np.repeat(blocks.first, sizes) + offsets
    return blocks.order[lower], blocks.order[upper]


def _top_pairs(lo: np.ndarray, hi: np.ndarray, src: np.ndarray, want: int, cross: bool):
    """The ``want`` largest-gap disjoint pairs of one group (best-first search on two sorts)."""
    by_hi, by_lo = np.argsort(hi, kind="stable"), np.argsort(-lo, kind="stable")
    heap, seen, found = [(hi[by_hi[0]] - lo[by_lo[0]], 0, 0)], {(0, 0)}, []
    while heap and len(found) < want:
        negative_gap, x, y = heapq.heappop(heap)
        if negative_gap >= 0:
            break
        a, b = by_hi[x], by_lo[y]
        if (src[a] != src[b]) == cross:
            found.append((a, b))
        for nx, ny in ((x + 1, y), (x, y + 1)):
            if nx < len(by_hi) and ny < len(by_lo) and (nx, ny) not in seen:
                seen.add((nx, ny))
                heapq.heappush(heap, (hi[by_hi[nx]] - lo[by_lo[ny]], nx, ny))
    return found


def _take(frame: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    return np.asarray(frame[column].take(rows), dtype=object)


def _pair_frame(frame: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    lo, hi = _bounds(frame)
    out = pd.DataFrame(
        {
            "fact_key": _take(frame, "fact_key", a),
            "claim_a": _take(frame, "claim_id", a),
            "claim_b": _take(frame, "claim_id", b),
            "source_a": _take(frame, "source_id", a),
            "source_b": _take(frame, "source_id", b),
            "gap": lo[b] - hi[a],
        },
        columns=PAIR_COLUMNS,
    )
    return out.sort_values(["fact_key", "gap", "claim_a", "claim_b"],
                           ascending=[True, False, True, True], kind="stable", ignore_index=True)


def _listed(frame: pd.DataFrame, counts: pd.DataFrame, limit: int):
    """Row pairs per key: all of them when few, else the ``limit`` clearest of each sort."""
    total = counts["cross_pairs"] + counts["internal_pairs"]
    small = frame["fact_key"].isin(set(counts.loc[total <= limit, "fact_key"])).to_numpy()
    lo, hi = _bounds(frame)
    src = pd.factorize(frame["source_id"])[0]
    a_parts, b_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    if small.any():
        rows = np.flatnonzero(small)
        a, b = _all_pairs(frame.iloc[rows])
        a_parts.append(rows[a])
        b_parts.append(rows[b])
    codes, names = pd.factorize(frame["fact_key"])
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    position = {name: i for i, name in enumerate(np.asarray(names, dtype=object))}
    for key in counts.loc[total > limit, "fact_key"]:
        code = position[key]
        rows = order[bounds[code] : bounds[code + 1]]
        for cross in (True, False):
            found = _top_pairs(lo[rows], hi[rows], src[rows], limit, cross)
            found = np.array(found, dtype=np.int64).reshape(-1, 2)
            a_parts.append(rows[found[:, 0]])
            b_parts.append(rows[found[:, 1]])
    return np.concatenate(a_parts), np.concatenate(b_parts)


def find_disagreements(frame: pd.DataFrame, limit_per_key: int | None = None) -> Disagreements:
    """All disjoint pairs within each fact key (or the ``limit_per_key`` clearest), with counts.

    Cross-source pairs go to ``pairs``; pairs of one source go to ``internal``.
    """
    frame = frame.reset_index(drop=True)
    counts = count_pairs(frame).reset_index(drop=True)
    if limit_per_key is None:
        a, b = _all_pairs(frame) if len(frame) else (np.zeros(0, int), np.zeros(0, int))
    else:
        a, b = _listed(frame, counts, limit_per_key)
    src = pd.factorize(frame["source_id"])[0]
    cross = src[a] != src[b]
    return Disagreements(
        _pair_frame(frame, a[cross], b[cross]), _pair_frame(frame, a[~cross], b[~cross]), counts
    )
