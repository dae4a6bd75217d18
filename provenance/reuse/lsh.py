"""Candidate pairs of sources for large corpora: MinHash LSH over passages (datasketch).

Each source's shingles (stock phrases left out) are cut into overlapping windows of
``WINDOW`` shingles, ``STRIDE`` apart; each window's MinHash goes into one
``MinHashLSH`` index, and two sources whose windows collide in it are a candidate
pair, to be compared exactly (:func:`provenance.reuse.index.seed_pairs` on the two).
A passage of 12 words or more gives windows with a Jaccard similarity of about 0.3 or
more in both texts, so ``THRESHOLD`` keeps them while unrelated windows rarely collide.
Memory and time grow with the number of windows, not with the pairs of sources.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

WINDOW = 12
STRIDE = 6
THRESHOLD = 0.3
PERMUTATIONS = 32


def windows(hashes: np.ndarray) -> Iterator[np.ndarray]:
    """Overlapping windows of a source's shingles (one window when it has few)."""
    if len(hashes) == 0:
        return
    last = max(len(hashes) - WINDOW, 0)
    for start in range(0, last + 1, STRIDE):
        yield hashes[start : start + WINDOW]
    if last % STRIDE:
        yield hashes[last:]


def candidate_pairs(hashes: Sequence[np.ndarray], sources: Sequence[int],
                    common: np.ndarray) -> set[tuple[int, int]]:
    """Pairs ``(a, b)``, ``a < b``, of sources with a window in common in the LSH index."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    keys: list[tuple[int, int]] = []
    sets: list[np.ndarray] = []
    for source, values in zip(sources, hashes, strict=True):
        for window in windows(values[~np.isin(values, common)]):
            keys.append((source, len(keys)))
            sets.append(window & np.uint64(0xFFFFFFFF))
    signatures = list(MinHash.generator(sets, num_perm=PERMUTATIONS, hashfunc=int))
    with lsh.insertion_session() as session:
        for key, signature in zip(keys, signatures, strict=True):
            session.insert(key, signature, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for (source, _), signature in zip(keys, signatures, strict=True):
        for other, _ in lsh.query(signature):
            if other != source:
                pairs.add((min(source, other), max(source, other)))
    return pairs
