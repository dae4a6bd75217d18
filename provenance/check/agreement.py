"""Disjoint-interval pairs within groups, by sorting and searching (engine-neutral).

Input is a DataFrame with columns ``claim_id``, ``source_id``, ``fact_key``, ``lo``, ``hi``
(floats; ``-inf``/``inf`` for unbounded ends) and optionally ``outlet``. Two claims
*disagree* when their closed intervals are disjoint: ``lo_b > hi_a``. A pair is
*internal* when both claims come from one outlet (one article, or two articles of one
outlet: the outlet contradicting itself, not two reports); without an ``outlet`` column,
when they come from one source. Everything here runs in O(n log n) per group
(plus the size of the output when pairs are listed): intervals are sorted by ``lo`` and,
for each interval, a binary search finds the block of intervals that start after it
ends. Counting that block needs no pairs at all, so counts stay cheap for a fact key
with thousands of claims, and a wide interval that bridges others never hides a pair
(the bug of a running-max sweep).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

PAIR_COLUMNS = ["fact_key", "claim_a", "claim_b", "source_a", "source_b", "gap", "row_a", "row_b"]
COUNT_COLUMNS = ["fact_key", "claims", "cross_pairs", "internal_pairs"]
MAX_CANDIDATES = 512  # rows per side tried at once before a key gets a search of its own
CANDIDATE_BUDGET = 1 << 22  # candidate pairs compared in one numpy pass


@dataclass(frozen=True)
class Disagreements:
    """Pairs of disjoint claims, listed clearest first, with exact counts per fact key.

    ``pairs`` and ``internal`` have :data:`PAIR_COLUMNS` (``claim_a`` is the lower
    interval, ``gap = lo_b - hi_a > 0``, ``row_a``/``row_b`` the input's index labels);
    ``counts`` has :data:`COUNT_COLUMNS` for every fact key with at least one
    disagreement, so a listing capped per key still reports how many pairs it left out.
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
        values, inverse = dense_ranks(np.concatenate([lo, hi]))
        return cls(inverse[: len(lo)], inverse[len(lo) :], np.int64(len(values) + 1))

    def rows(self, rows: np.ndarray) -> _Ranks:
        """The ranks of some rows (still comparable with every other row's)."""
        return _Ranks(self.lo[rows], self.hi[rows], self.width)

    def mirrored(self) -> _Ranks:
        """Ranks of ``(-hi, -lo)``: the same intervals seen from above."""
        top = self.width - 2
        return _Ranks(top - self.hi, top - self.lo, self.width)


def dense_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What ``np.unique(values, return_inverse=True)`` gives (the distinct values sorted,
    and each value's rank among them), sorting only the distinct values (hashed first)
    rather than every one."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    order = np.argsort(distinct)
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[order] = np.arange(len(distinct))
    return distinct[order], rank[codes]


def _blocks(groups: np.ndarray, ranks: _Ranks) -> _Blocks:
    """Sort by (group, lo), ties in row order; binary-search each row's ``hi`` among its
    group's ``lo``."""
    base = groups.astype(np.int64) * ranks.width
    keys = base + ranks.lo
    order = np.argsort(keys, kind="stable")
    keys, base = keys[order], base[order]
    first = np.searchsorted(keys, base + ranks.hi[order], "right")
    ends = np.append(np.flatnonzero(base[1:] != base[:-1]) + 1, len(base))  # groups' ends
    end = np.repeat(ends, np.diff(ends, prepend=0))
    return _Blocks(order, first, end)


def outlet_codes(source_ids: pd.Series, outlets: Mapping[str, str]) -> np.ndarray:
    """Per row, a code of its source's outlet (``outlets``: source id -> outlet name):
    sources of one named outlet share a code, a source whose outlet is blank or unknown has
    its own, a missing source id is -1. Outlets are looked up once per distinct source."""
    codes, names = pd.factorize(source_ids)
    labels = []
    for name in np.asarray(names, dtype=object).tolist():
        outlet = str(outlets.get(name) or "").strip()
        labels.append(("outlet", outlet) if outlet else ("source", str(name)))
    groups = pd.factorize(pd.Index(labels or [("", "")], tupleize_cols=False))[0]
    return np.where(codes >= 0, groups[np.maximum(codes, 0)], -1).astype(np.int64)


def reporter_codes(frame: pd.DataFrame) -> np.ndarray:
    """Per row, a code of who reports the claim: its ``outlet`` when the frame has that
    column, else its source. Pairs of one code are internal."""
    return pd.factorize(frame["outlet" if "outlet" in frame.columns else "source_id"]
                        )[0].astype(np.int64)


def _codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Integer codes for fact keys, reporters (:func:`reporter_codes`), and (fact key,
    reporter) pairs; and the fact keys' names."""
    keys, names = pd.factorize(frame["fact_key"])
    keys = keys.astype(np.int64)
    sources = reporter_codes(frame)
    return keys, sources, _key_source(keys, sources), np.asarray(names, dtype=object)


def _key_source(keys: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """One code per distinct (fact key, source) pair of the rows' key and source codes."""
    return pd.factorize(keys * (sources.max(initial=0) + 1) + sources)[0].astype(np.int64)


def _bounds(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return (
        frame["lo"].to_numpy(dtype=np.float64, na_value=-np.inf),
        frame["hi"].to_numpy(dtype=np.float64, na_value=np.inf),
    )


def _counts(groups: np.ndarray, ranks: _Ranks) -> tuple[np.ndarray, np.ndarray]:
    """Per original row: how many rows of its group start after it ends (above), and how
    many end before it starts (below). One sort by (group, lo) and one of the (group, hi)
    keys alone: both searches take needles in (group, lo) order."""
    base = groups.astype(np.int64) * ranks.width
    los = base + ranks.lo
    order = np.argsort(los)  # the counts do not depend on ties' order
    los, base = los[order], base[order]
    his = np.sort(base + ranks.hi[order])
    ends = np.append(np.flatnonzero(base[1:] != base[:-1]) + 1, len(base))  # groups' ends
    sizes = np.diff(ends, prepend=0)
    above, below = np.empty(len(groups), dtype=np.int64), np.empty(len(groups), dtype=np.int64)
    above[order] = np.repeat(ends, sizes) - np.searchsorted(los, base + ranks.hi[order], "right")
    below[order] = np.searchsorted(his, los, "left") - np.repeat(ends - sizes, sizes)
    return above, below


def _counts_shared(groups: np.ndarray, ranks: _Ranks) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_counts`, sorting only the rows that share their group with another
    (most (fact key, source) groups hold one claim, which has no partner in it)."""
    above, below = np.zeros(len(groups), dtype=np.int64), np.zeros(len(groups), dtype=np.int64)
    shared = np.flatnonzero(np.bincount(groups)[groups] > 1)
    if len(shared):
        above[shared], below[shared] = _counts(groups[shared], ranks.rows(shared))
    return above, below


@dataclass(frozen=True)
class Analysis:
    """Per row of an interval frame: how many claims it is disjoint from, by direction.

    One analysis serves the GX condition (which rows have a partner of another source)
    and the report (pairs per fact key), so a check computes it once per kind.
    """

    frame: pd.DataFrame
    keys: np.ndarray  # fact key code per row
    sources: np.ndarray  # reporter code per row (outlet, or source: see reporter_codes)
    above: np.ndarray  # claims of other sources in the key starting after this one ends
    below: np.ndarray  # claims of other sources in the key ending before this one starts
    above_same: np.ndarray  # claims of this row's own source starting after it ends
    ranks: _Ranks  # dense ranks of every row's bounds, for the listing's sorts
    key_names: np.ndarray  # the fact key of each key code
    groups: np.ndarray  # (fact key, reporter) code per row

    @property
    def reporters_per_key(self) -> np.ndarray:
        """Per key code, how many outlets (or sources) report it."""
        key_of_group = np.zeros(self.groups.max(initial=-1) + 1, dtype=np.int64)
        key_of_group[self.groups] = self.keys
        return np.bincount(key_of_group, minlength=len(self.key_names))

    @property
    def partners(self) -> np.ndarray:
        """Per row, the number of claims of *other* sources it is disjoint from."""
        return self.above + self.below

    def counts(self) -> pd.DataFrame:
        """Exact cross- and same-source disjoint pairs per fact key (keys with any)."""
        if self.frame.empty:
            return pd.DataFrame(columns=COUNT_COLUMNS)
        names = self.key_names
        sums = [np.bincount(self.keys, weights=w, minlength=len(names)).astype(np.int64)
                for w in (None, self.above, self.above_same)]
        keep = np.flatnonzero((sums[1] > 0) | (sums[2] > 0))
        table = pd.DataFrame({"fact_key": names[keep], "claims": sums[0][keep],
                              "cross_pairs": sums[1][keep], "internal_pairs": sums[2][keep]})
        return table.sort_values("fact_key", ignore_index=True)


def analyse(frame: pd.DataFrame) -> Analysis:
    """Count every row's disjoint partners in O(n log n) (sorts and binary searches)."""
    if frame.empty:
        empty = np.zeros(0, dtype=np.int64)
        return Analysis(frame, empty, empty, empty, empty, empty,
                        _Ranks(empty, empty, np.int64(1)), np.zeros(0, dtype=object), empty)
    keys, sources, both, names = _codes(frame)
    ranks = _Ranks.of(*_bounds(frame))
    above_same, below_same = _counts_shared(both, ranks)
    above, below = _counts(keys, ranks)
    above, below = above - above_same, below - below_same
    return Analysis(frame, keys, sources, above, below, above_same, ranks, names, both)


def partner_counts(frame: pd.DataFrame) -> np.ndarray:
    """Per row, the number of claims of *other* sources in its fact key it is disjoint from."""
    return analyse(frame).partners


def count_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Exact numbers of cross-source and same-source disjoint pairs per fact key."""
    return analyse(frame).counts()


def _all_pairs(keys: np.ndarray, ranks: _Ranks) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (a, b) of every disjoint pair within a fact key (``keys`` codes), a the
    lower one."""
    blocks = _blocks(keys, ranks)
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


@dataclass(frozen=True)
class _Sorted:
    """Rows of several keys sorted by (key, hi) and by (key, -lo)."""

    lo: np.ndarray
    hi: np.ndarray
    src: np.ndarray
    starts: np.ndarray  # first sorted position of each key
    sizes: np.ndarray  # rows per key
    by_hi: np.ndarray
    by_lo: np.ndarray

    @classmethod
    def of(cls, key: np.ndarray, lo: np.ndarray, hi: np.ndarray, src: np.ndarray,
           ranks: _Ranks) -> _Sorted:
        """Sort once by rank (``ranks`` of ``lo``/``hi``): ``(key, hi)`` and ``(key, -lo)``
        as one int64 each, stably, in the order ``np.lexsort`` gives (several times faster)."""
        sizes = np.bincount(key)
        base = key.astype(np.int64) * ranks.width
        minus_lo = ranks.mirrored().hi
        return cls(lo, hi, src, np.cumsum(sizes) - sizes, sizes,
                   np.argsort(base + ranks.hi, kind="stable"),
                   np.argsort(base + minus_lo, kind="stable"))

    def candidates(self, order: np.ndarray, keys: np.ndarray, count: np.ndarray) -> np.ndarray:
        """Per key, its first ``count`` rows in ``order`` (padded with -1), as a matrix."""
        step = np.arange(int(count.max(initial=0)))
        at = np.minimum(self.starts[keys][:, None] + step, len(order) - 1)
        return np.where(step < count[:, None], order[at], -1)


def _best_of_candidates(rows: _Sorted, keys: np.ndarray, m: int, want: int, cross: bool,
                        available: np.ndarray):
    """Try the ``m`` lowest-ending x ``m`` highest-starting rows of ``keys``: the best pairs
    of the keys where that provably holds the ``want`` clearest, and which keys those are."""
    count = np.minimum(m, rows.sizes[keys])
    a = rows.candidates(rows.by_hi, keys, count)[:, :, None]
    b = rows.candidates(rows.by_lo, keys, count)[:, None, :]
    gap = np.where((a >= 0) & (b >= 0), rows.lo[b] - rows.hi[a], -np.inf)
    gap[(rows.src[a] != rows.src[b]) != cross] = -np.inf
    gap = gap.reshape(len(keys), -1)
    best = np.argsort(-gap, axis=1, kind="stable")[:, :want]
    top = np.take_along_axis(gap, best, axis=1)
    found = (top > 0).sum(axis=1)
    first, last = rows.starts[keys], rows.starts[keys] + count - 1
    outside = np.maximum(rows.lo[rows.by_lo[first]] - rows.hi[rows.by_hi[last]],
                         rows.lo[rows.by_lo[last]] - rows.hi[rows.by_hi[first]])
    done = (count == rows.sizes[keys]) | (found == available[keys])
    done |= (found == want) & (top[:, -1] >= outside)
    pick, column = np.nonzero(done[:, None] & (top > 0))
    flat = best[pick, column]
    width = a.shape[1]
    return done, a[:, :, 0][pick, flat // width], b[:, 0, :][pick, flat % width]


def _clearest(rows: _Sorted, want: int, cross: bool,
              available: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``want`` largest-gap disjoint pairs per key (cross- or same-source), keys at once.

    ``available`` is the exact number of such pairs per key. A key's pairs are looked for
    among its ``m`` lowest-ending and ``m`` highest-starting rows; a pair left out has a
    gap of at most ``max lo - (m-th lowest hi)`` or ``(m-th highest lo) - min hi``, so a
    key is done once its ``want``-th gap reaches that bound, all its pairs are found or
    every row is a candidate. The others go round again with ``m`` doubled, and past
    :data:`MAX_CANDIDATES` by a best-first search of their own.
    """
    sizes, lo, hi, src = rows.sizes, rows.lo, rows.hi, rows.src
    pending, m = np.flatnonzero(sizes), want
    found_a, found_b = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    while len(pending) and m <= MAX_CANDIDATES:
        chunks = max(1, len(pending) * m * m // CANDIDATE_BUDGET)
        finished = []
        for keys in np.array_split(pending, chunks):
            done, a, b = _best_of_candidates(rows, keys, m, want, cross, available)
            finished.append(done)
            found_a.append(a)
            found_b.append(b)
        pending, m = pending[~np.concatenate(finished)], 2 * m
    for k in pending:  # the search stops once it has all the key's pairs, if fewer
        members = rows.by_hi[rows.starts[k] : rows.starts[k] + sizes[k]]
        pairs = np.array(_top_pairs(lo[members], hi[members], src[members],
                                    min(want, int(available[k])), cross),
                         dtype=np.int64).reshape(-1, 2)
        found_a.append(members[pairs[:, 0]])
        found_b.append(members[pairs[:, 1]])
    return np.concatenate(found_a), np.concatenate(found_b)


def _take(frame: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    return np.asarray(frame[column].take(rows), dtype=object)


def pair_frame(frame: pd.DataFrame, a: np.ndarray, b: np.ndarray, gap: np.ndarray
               ) -> pd.DataFrame:
    """Pairs of rows (positions ``a``, ``b`` of ``frame``) as :data:`PAIR_COLUMNS`, by fact
    key, widest ``gap`` first."""
    labels = frame.index.to_numpy()
    out = pd.DataFrame(
        {
            "fact_key": _take(frame, "fact_key", a),
            "claim_a": _take(frame, "claim_id", a),
            "claim_b": _take(frame, "claim_id", b),
            "source_a": _take(frame, "source_id", a),
            "source_b": _take(frame, "source_id", b),
            "gap": gap,
            "row_a": labels[a],
            "row_b": labels[b],
        },
        columns=PAIR_COLUMNS,
    )
    return out.sort_values(["fact_key", "gap", "claim_a", "claim_b"],
                           ascending=[True, False, True, True], kind="stable", ignore_index=True)


def _listed(analysis: Analysis, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs per key: all of them when few, else the ``limit`` clearest of each sort."""
    frame, keys = analysis.frame, analysis.keys
    total = np.bincount(keys, weights=analysis.above + analysis.above_same)[keys]
    lo, hi = _bounds(frame)
    a_parts, b_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    rows = np.flatnonzero((total > 0) & (total <= limit))
    if len(rows):
        a, b = _all_pairs(keys[rows], analysis.ranks.rows(rows))
        a_parts.append(rows[a])
        b_parts.append(rows[b])
    large = np.flatnonzero(total > limit)
    if len(large):
        key = pd.factorize(keys[large])[0]
        rows = _Sorted.of(key, lo[large], hi[large], analysis.sources[large],
                          analysis.ranks.rows(large))
        available = np.bincount(key, weights=analysis.above[large]).astype(np.int64)
        a, b = _clearest(rows, limit, True, available)
        a_parts.append(large[a])
        b_parts.append(large[b])
        a, b = _clearest_internal(analysis, large, lo, hi, limit)
        a_parts.append(a)
        b_parts.append(b)
    return np.concatenate(a_parts), np.concatenate(b_parts)


def _clearest_internal(analysis: Analysis, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                       limit: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``limit`` clearest same-source pairs per fact key among ``rows``.

    They are looked for per (fact key, source), where every pair is a same-source one
    (searching a whole key would step over its cross-source pairs, often thousands, to
    reach a few of one source), then the ``limit`` clearest of each key are kept."""
    group = _key_source(analysis.keys[rows], analysis.sources[rows])
    shared = np.bincount(group)[group] > 1
    rows, group = rows[shared], pd.factorize(group[shared])[0]
    ordered = _Sorted.of(group, lo[rows], hi[rows], analysis.sources[rows],
                         analysis.ranks.rows(rows))
    available = np.bincount(group, weights=analysis.above_same[rows]).astype(np.int64)
    a, b = _clearest(ordered, limit, False, available)
    a, b = rows[a], rows[b]
    order = np.lexsort((hi[a] - lo[b], analysis.keys[a]))  # by key, then widest gap first
    key = analysis.keys[a][order]
    keep = order[np.arange(len(order)) - np.searchsorted(key, key) < limit]
    return a[keep], b[keep]


def find_disagreements(frame: pd.DataFrame, limit_per_key: int | None = None) -> Disagreements:
    """All disjoint pairs within each fact key (or the ``limit_per_key`` clearest), with counts.

    Cross-source pairs go to ``pairs``; pairs of one source go to ``internal``.
    """
    return disagreements(analyse(frame), limit_per_key)


def disagreements(analysis: Analysis, limit_per_key: int | None = None) -> Disagreements:
    """The pairs and counts of an analysed frame (see :func:`find_disagreements`)."""
    frame = analysis.frame
    if limit_per_key is None:
        a, b = (_all_pairs(analysis.keys, analysis.ranks) if len(frame)
                else (np.zeros(0, int), np.zeros(0, int)))
    else:
        a, b = _listed(analysis, limit_per_key)
    cross = analysis.sources[a] != analysis.sources[b]
    lo, hi = _bounds(frame)

    def listed(x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
        return pair_frame(frame, x, y, lo[y] - hi[x])

    return Disagreements(listed(a[cross], b[cross]), listed(a[~cross], b[~cross]),
                         analysis.counts())
