"""Locating a typed quote in its source text.

Exact occurrences win. Otherwise the search tolerates typographic variants: curly
and straight quotes, primes, en and em dashes and hyphens, non-breaking and other
spaces, and runs of white space. The span found is always of the source text
itself, so the stored quote is ``text[start:end]``, never what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from provenance.errors import AmbiguousQuote, QuoteNotFound

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_SPACE = re.compile(r"\s+")
HEAD = 16  # code points of a quote hashed to find its candidate places (a power of 2)
_SIEVE_BITS = 16  # a text's places are sieved on this many top bits of their hash first
_SIEVE_SHIFT = np.uint64(64 - _SIEVE_BITS)
_BASE = 1_000_003
_UTF32 = ("utf-32-le", "surrogatepass")
ONE_PASS = 4096  # code points of a text from which one pass beats a search per quote
_ONE_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Span:
    """A half-open code-point range ``[start, end)`` of a source text."""

    start: int
    end: int


def fold_same_length(text: str) -> str:
    """Typographic variants made plain and each white-space character a space (same length)."""
    return _ONE_SPACE.sub(" ", text.translate(_FOLD))


def fold(text: str) -> str:
    """The comparison form: typographic variants made plain, white-space runs made one space."""
    return _SPACE.sub(" ", text.translate(_FOLD))


@lru_cache(maxsize=64)
def _folded(text: str) -> tuple[str, list[int], list[int]]:
    """Fold ``text`` and map each folded character back to its original start and end."""
    translated = text.translate(_FOLD)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for run in _SPACE.finditer(translated):
        parts.append(translated[position : run.start()])
        starts.extend(range(position, run.start()))
        ends.extend(range(position + 1, run.start() + 1))
        parts.append(" ")
        starts.append(run.start())
        ends.append(run.end())
        position = run.end()
    parts.append(translated[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return "".join(parts), starts, ends


def occurrences(text: str, quote: str) -> list[Span]:
    """Every span of ``text`` that is ``quote``, exactly or up to typographic variants."""
    if not quote.strip():
        return []
    exact = find_all(text, quote)
    if exact:
        return [Span(i, i + len(quote)) for i in exact]
    folded, starts, ends = _folded(text)
    needle = fold(quote.strip())
    return [Span(starts[i], ends[i + len(needle) - 1]) for i in find_all(folded, needle)]


def find_all(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    found, index = [], haystack.find(needle)
    while index != -1:
        found.append(index)
        index = haystack.find(needle, index + 1)
    return found


def exact_once(text: str, quote: str) -> int | None:
    """Where ``quote`` starts when it occurs exactly once in ``text`` (overlaps counted),
    else None: the common case of :func:`anchor`, answered with two ``str.find``."""
    index = text.find(quote)
    if index == -1 or text.find(quote, index + 1) != -1:
        return None
    return index


def exact_once_each(text: str, quotes: Sequence[str]) -> list[int | None]:
    """:func:`exact_once` of every quote, with one pass over a long ``text``: each place
    where a quote's first ``HEAD`` code points hash like the text's there (sieved on the
    hash's top bits, then looked up among the quotes' hashes) is checked with one
    ``str.startswith`` (a quote shorter than that, or any quote of a text shorter than
    ``ONE_PASS``, is looked up with :func:`exact_once`, cheaper there)."""
    if len(text) < ONE_PASS:
        return [exact_once(text, quote) for quote in quotes]
    sizes = np.fromiter(map(len, quotes), dtype=np.int64, count=len(quotes))
    found: list[int | None] = [exact_once(text, quote) if size < HEAD else None
                               for quote, size in zip(quotes, sizes.tolist(), strict=True)]
    long = np.flatnonzero((sizes >= HEAD) & (sizes <= len(text)))
    if not len(long):
        return found
    heads = "".join([quotes[i][:HEAD] for i in long.tolist()]).encode(*_UTF32)
    keys = _window_hashes(np.frombuffer(heads, dtype=np.uint32))[::HEAD]
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    sieve = np.zeros(1 << _SIEVE_BITS, dtype=bool)
    sieve[keys >> _SIEVE_SHIFT] = True
    hashes = _window_hashes(np.frombuffer(text.encode(*_UTF32), dtype=np.uint32))
    maybe = np.flatnonzero(sieve[hashes >> _SIEVE_SHIFT])
    lows = np.searchsorted(keys, hashes[maybe], side="left")
    counts = np.searchsorted(keys, hashes[maybe], side="right") - lows
    places = np.repeat(maybe, counts)  # each place once per quote hashing like it
    which = long[order[np.arange(len(places)) - np.repeat(np.cumsum(counts) - counts - lows,
                                                          counts)]]
    there = np.fromiter(map(text.startswith, [quotes[i] for i in which.tolist()],
                            places.tolist()), dtype=bool, count=len(places))
    which, places = which[there], places[there]
    once = np.bincount(which, minlength=len(quotes)) == 1
    for i, place in zip(which[once[which]].tolist(), places[once[which]].tolist(), strict=True):
        found[i] = place
    return found


Found = dict[str, tuple[str, list[str], list[int | None]]]  # by source: text, quotes, starts


def keep_found(found: Found, source_id: str, text: str, quotes: list[str],
               starts: list[int | None]) -> None:
    """Keep what :func:`exact_once_each` gave for ``quotes`` in a source's ``text``, so that
    a later pass over the same quotes (``fill`` after its pre-check) takes it instead of
    searching again (:func:`take_found`)."""
    found[source_id] = (text, quotes, starts)


def take_found(found: Found, source_id: str, text: str, quotes: list[str]
               ) -> list[int | None] | None:
    """What was kept for ``source_id`` when it was found in this very ``text`` (the same
    object) for these very ``quotes``, else None; the entry is dropped either way."""
    kept = found.pop(source_id, None)
    if kept is None or kept[0] is not text or kept[1] != quotes:
        return None
    return kept[2]


def _window_hashes(codes: np.ndarray) -> np.ndarray:
    """The polynomial hash (modulo 2**64) of the ``HEAD`` code points from each place of
    ``codes`` (as many as have that many after them), by doubling: a window's hash from the
    hashes of its two halves, so ``log2(HEAD)`` steps over the array."""
    hashes, size = codes.astype(np.uint64), 1
    while size < HEAD:
        hashes = hashes[:-size] * np.uint64(pow(_BASE, size, 1 << 64)) + hashes[size:]
        size *= 2
    return hashes


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def anchor(
    text: str,
    quote: str,
    *,
    start_hint: int | None = None,
    occurrence: int | None = None,
    name: str = "the source",
) -> Span:
    """The one span of ``text`` that ``quote`` denotes.

    A quote found more than once needs ``start_hint`` (the occurrence starting there)
    or ``occurrence`` (1-based); otherwise AmbiguousQuote lists every place.
    """
    spans = occurrences(text, quote)
    if not spans:
        raise QuoteNotFound(f"quote {quote!r} not found in {name}{_closest(text, quote)}")
    if start_hint is not None:
        return min(spans, key=lambda span: abs(span.start - start_hint))
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise QuoteNotFound(
                f"quote {quote!r} occurs {len(spans)} time(s) in {name}; "
                f"occurrence {occurrence} does not exist"
            )
        return spans[occurrence - 1]
    if len(spans) > 1:
        places = ", ".join(
            "line {}:{} [{}:{}]".format(*line_col(text, s.start), s.start, s.end) for s in spans
        )
        raise AmbiguousQuote(
            f"quote {quote!r} occurs {len(spans)} times in {name} ({places}); "
            "give a start offset or an occurrence number",
            [(s.start, s.end) for s in spans],
        )
    return spans[0]


def _closest(text: str, quote: str) -> str:
    """A hint naming the passage most like ``quote``, when one is close."""
    if not text or not quote.strip():
        return ""
    match = fuzz.partial_ratio_alignment(quote, text, score_cutoff=70)
    if match is None:
        return ""
    line, col = line_col(text, match.dest_start)
    return f"; closest passage at line {line}:{col}: {text[match.dest_start : match.dest_end]!r}"
