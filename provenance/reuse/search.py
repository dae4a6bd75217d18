"""Finding the passages sources share: words, shingles, candidate pairs, passages, origins.

Up to ``LSH_SOURCES`` sources every pair sharing a shingle is compared (an exact join,
:mod:`provenance.reuse.index`); beyond, MinHash LSH over passages proposes the pairs
(:mod:`provenance.reuse.lsh`) and each is compared exactly. In benchmarks/reuse_scale.py
the exact join grew linearly to 10,000 sources and was faster than LSH at every size
measured, with better recall; LSH is for corpora whose shingles do not fit in memory.
Either way a passage's spans are code points of the sources' own texts:
``text[start:end]`` is the passage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from provenance.reuse import index, lsh
from provenance.reuse.align import passages
from provenance.reuse.chains import origin
from provenance.reuse.shingles import Vocabulary, Words, shingles

MIN_WORDS = 6
LSH_SOURCES = 20_000
METHODS = ("auto", "exact", "lsh")


@dataclass(frozen=True)
class Passage:
    """A passage two sources share. ``source_a`` is the origin when it is known
    (``origin`` names it, ``basis`` says why: ``date`` or ``credit``)."""

    source_a: str
    start_a: int
    end_a: int
    source_b: str
    start_b: int
    end_b: int
    words: int
    score: float
    kind: str
    origin: str
    basis: str


def find_reuse(texts: Mapping[str, str], *, outlets: Mapping[str, str] | None = None,
               published: Mapping[str, dt.date | None] | None = None,
               min_words: int = MIN_WORDS, method: str = "auto",
               progress: bool = False) -> list[Passage]:
    """Every passage of at least ``min_words`` words that two of ``texts`` (source id ->
    text) share verbatim or nearly, longest first; ``outlets`` and ``published`` (by
    source id) decide the direction."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    ids = list(texts)
    vocabulary = Vocabulary()
    words = [vocabulary.words(texts[i]) for i in _shown(ids, progress, "reading")]
    hashes = [shingles(w) for w in words]
    common = index.common_shingles(hashes)
    numbers = list(range(len(ids)))
    if method == "lsh" or (method == "auto" and len(ids) > LSH_SOURCES):
        pairs = sorted(lsh.candidate_pairs(hashes, numbers, common))
        seeds = {}
        for a, b in _shown(pairs, progress, "comparing"):
            seeds.update(index.seed_pairs([hashes[a], hashes[b]], [a, b], common))
    else:
        seeds = index.seed_pairs(hashes, numbers, common)
    found = []
    for (a, b), rows in seeds.items():
        found += _passages(ids[a], ids[b], rows, words[a], words[b], texts, outlets or {},
                           published or {}, min_words)
    return sorted(found, key=lambda p: (-p.words, p.source_a, p.start_a, p.source_b,
                                        p.start_b))


def _passages(id_a: str, id_b: str, seeds: np.ndarray, a: Words, b: Words,
              texts: Mapping[str, str], outlets: Mapping[str, str],
              published: Mapping[str, dt.date | None], min_words: int) -> list[Passage]:
    """The passages of one pair of sources, each oriented origin first. A passage whose
    copy (either side, when the origin is unknown) overlaps a longer one's is left out:
    each piece of a copy came from one place (a few words of a longer quote also found
    elsewhere in the origin are not a second quote)."""
    out: list[Passage] = []
    matches = [m for m in passages(seeds, a, b, texts[id_a], texts[id_b])
               if m.words >= min_words]
    for match in sorted(matches, key=lambda m: (-m.words, m.first_a)):
        span_a = a.span(match.first_a, match.last_a)
        span_b = b.span(match.first_b, match.last_b)
        source, basis = origin((id_a, id_b), (span_a, span_b), texts, outlets, published)
        sides = [(id_a, *span_a), (id_b, *span_b)]
        if source == id_b:
            sides.reverse()
        if any(_overlaps(p, sides, source) for p in out):
            continue
        out.append(Passage(*sides[0], *sides[1], match.words, match.score, match.kind,
                           source, basis))
    return out


def _overlaps(kept: Passage, sides: list[tuple[str, int, int]], source: str) -> bool:
    """True when a new passage's copy (both sides without an origin) overlaps ``kept``'s."""
    copies = {(kept.source_b, kept.start_b, kept.end_b)}
    if not kept.origin:
        copies.add((kept.source_a, kept.start_a, kept.end_a))
    mine = sides[1:] if source else sides
    return any(s == t and start < end_ and start_ < end
               for s, start, end in mine for t, start_, end_ in copies)


def _shown(items: list, progress: bool, what: str) -> Iterable:
    """``items``, with a tqdm bar on the terminal when ``progress`` is asked for."""
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="source" if what == "reading" else "pair",
                leave=False)
