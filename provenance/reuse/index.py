"""Exact shingle join: every pair of positions where two sources share a shingle.

All shingles of all sources are sorted once by hash; equal hashes of different sources
are paired by comparing each entry with the ones after it in its run (as many passes
as the longest run, each one vectorised). A shingle found in more than
``COMMON_SOURCES`` sources is a stock phrase or boilerplate ("according to the
ministry", a newsletter sign-up line): it seeds no passage, though it may lie inside one
(passages are extended word by word, see :mod:`provenance.reuse.align`). That cap keeps
the join linear in the number of shingles.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

COMMON_SOURCES = 50


def common_shingles(hashes: Sequence[np.ndarray], limit: int = COMMON_SOURCES) -> np.ndarray:
    """The shingle hashes found in more than ``limit`` sources, or more than twice
    ``limit`` times in all (a line a source repeats), sorted."""
    if not hashes:
        return np.zeros(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate(hashes), return_counts=True)
    distinct, sources = np.unique(np.concatenate([np.unique(h) for h in hashes]),
                                  return_counts=True)
    return np.union1d(values[counts > 2 * limit], distinct[sources > limit])


def seed_pairs(hashes: Sequence[np.ndarray], sources: Sequence[int],
               common: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    """Shared shingle positions per pair of sources ``(a, b)`` with ``a < b``: an array of
    rows ``(position in a, position in b)``. ``hashes[i]`` are the shingles of source
    ``sources[i]``; hashes in ``common`` are left out."""
    if not hashes:
        return {}
    values = np.concatenate(hashes)
    owner = np.concatenate([np.full(len(h), s, dtype=np.int64)
                            for h, s in zip(hashes, sources, strict=True)])
    position = np.concatenate([np.arange(len(h), dtype=np.int64) for h in hashes])
    keep = ~np.isin(values, common)
    order = np.argsort(values[keep], kind="stable")
    values, owner, position = values[keep][order], owner[keep][order], position[keep][order]
    found: list[np.ndarray] = []
    step = 1
    while step < len(values):
        same = values[step:] == values[:-step]
        if not same.any():
            break
        first = np.flatnonzero(same)
        second = first + step
        cross = owner[first] != owner[second]
        found.append(np.stack([owner[first][cross], position[first][cross],
                               owner[second][cross], position[second][cross]], axis=1))
        step += 1
    return _by_pair(np.concatenate(found) if found else np.zeros((0, 4), dtype=np.int64))


def _by_pair(rows: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    """Rows ``(source, position, source, position)`` grouped by ordered source pair."""
    flip = rows[:, 0] > rows[:, 2]
    rows[flip] = rows[flip][:, [2, 3, 0, 1]]
    order = np.lexsort((rows[:, 3], rows[:, 1], rows[:, 2], rows[:, 0]))
    rows = rows[order]
    keys = rows[:, [0, 2]]
    cuts = np.flatnonzero((keys[1:] != keys[:-1]).any(axis=1)) + 1
    return {(int(part[0, 0]), int(part[0, 2])): part[:, [1, 3]]
            for part in np.split(rows, cuts) if len(part)}
