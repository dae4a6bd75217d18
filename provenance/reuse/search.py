"""Finding the passages sources share: words, shingles, candidate pairs, passages, origins.

Every pair of sources sharing a shingle is compared (an exact join,
:mod:`provenance.reuse.index`). In benchmarks/reuse_scale.py its CPU time grew as
sources^0.86 from 10,000 to 40,000 sources, and with the passages found beyond; MinHash
LSH over passages (datasketch), measured there against it, took 3-4 times the CPU time
and 4.5-5 times the memory and found a fifth of the passages, so there is no LSH path
(docs/performance.md, "Quote chains"). A passage's spans are code points of the sources' own texts:
``text[start:end]`` is the passage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from provenance.reuse import index
from provenance.reuse.align import passages
from provenance.reuse.chains import origin
from provenance.reuse.shingles import Vocabulary, Words, shingles

MIN_WORDS = 6


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
               min_words: int = MIN_WORDS, progress: bool = False) -> list[Passage]:
    """Every passage of at least ``min_words`` words that two of ``texts`` (source id ->
    text) share verbatim or nearly, longest first; ``outlets`` and ``published`` (by
    source id) decide the direction."""
    ids = list(texts)
    vocabulary = Vocabulary()
    words = [vocabulary.words(texts[i]) for i in _shown(ids, progress)]
    hashes = [shingles(w) for w in words]
    common = index.common_shingles(hashes)
    seeds = index.seed_pairs(hashes, list(range(len(ids))), common)
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


def _shown(ids: list[str], progress: bool) -> Iterable[str]:
    """``ids``, with a tqdm bar on the terminal when ``progress`` is asked for."""
    if not progress:
        return ids
    from tqdm import tqdm

    return tqdm(ids, desc="reading", unit="source", leave=False)
