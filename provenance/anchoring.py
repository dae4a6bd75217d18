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
SIEVE_SPARSITY = 64  # the sieve's slots per quote hash (at least 2**16 slots)
_BASE = 1_000_003
_TEXT_MIX = np.uint64(0x9E3779B97F4A7C15)  # a text's number mixed into its places' hashes
_UTF32 = ("utf-32-le", "surrogatepass")
ONE_PASS = 4096  # code points of a text from which one pass beats a search per quote
BATCH_CHARS = 1 << 17  # code points of long texts joined and read in one pass
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
    """:func:`exact_once` of every quote (see :func:`exact_once_many`)."""
    return exact_once_many([text], [quotes])[0]


def exact_once_many(texts: Sequence[str], quotes: Sequence[Sequence[str]]
                    ) -> list[list[int | None]]:
    """:func:`exact_once` of each of ``quotes[i]`` in ``texts[i]``. A text shorter than
    ``ONE_PASS`` is searched per quote; the longer ones are joined in batches of about
    ``BATCH_CHARS`` code points, and each batch is read in one pass
    (:func:`_one_pass`)."""
    found: list[list[int | None]] = [
        [exact_once(text, quote) for quote in wanted] if len(text) < ONE_PASS else []
        for text, wanted in zip(texts, quotes, strict=True)]
    batch: list[int] = []
    size = 0
    for number, text in enumerate(texts):
        if len(text) < ONE_PASS:
            continue
        batch.append(number)
        size += len(text)
        if size >= BATCH_CHARS:
            _one_pass(texts, quotes, batch, found)
            batch, size = [], 0
    if batch:
        _one_pass(texts, quotes, batch, found)
    return found


def _one_pass(texts: Sequence[str], quotes: Sequence[Sequence[str]], batch: list[int],
              found: list[list[int | None]]) -> None:
    """Set ``found[i]`` for each text ``i`` of ``batch``: the texts joined, each place
    where a quote's first ``HEAD`` code points hash like the joined text's there, the
    hash mixed with the number of the text (the quote's, the place's), is checked with
    one ``str.startswith`` when the quote would end inside its own text (the hashes are
    sieved on their top bits, then looked up among the quotes'); a quote shorter than
    ``HEAD`` is looked up with :func:`exact_once`, cheaper there."""
    joined = "".join([texts[i] for i in batch])
    bases = np.cumsum([0, *(len(texts[i]) for i in batch)], dtype=np.int64)
    listed = [quote for i in batch for quote in quotes[i]]
    owner = np.repeat(np.arange(len(batch)), [len(quotes[i]) for i in batch])
    sizes = np.fromiter(map(len, listed), dtype=np.int64, count=len(listed))
    result: list[int | None] = [
        exact_once(texts[batch[text]], quote) if size < HEAD else None
        for quote, size, text in zip(listed, sizes.tolist(), owner.tolist(), strict=True)]
    long = np.flatnonzero((sizes >= HEAD) & (sizes <= np.diff(bases)[owner]))
    if len(long):
        heads = "".join([listed[i][:HEAD] for i in long.tolist()]).encode(*_UTF32)
        keys = _window_hashes(np.frombuffer(heads, dtype=np.uint32))[::HEAD]
        keys += owner[long].astype(np.uint64) * _TEXT_MIX
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        bits = max(16, int(len(keys) * SIEVE_SPARSITY).bit_length())
        shift = np.uint64(64 - bits)
        sieve = np.zeros(1 << bits, dtype=bool)
        sieve[keys >> shift] = True
        hashes = _window_hashes(np.frombuffer(joined.encode(*_UTF32), dtype=np.uint32))
        hashes += np.repeat(np.arange(len(batch), dtype=np.uint64),
                            np.diff(bases))[:len(hashes)] * _TEXT_MIX
        maybe = np.flatnonzero(sieve[hashes >> shift])
        lows = np.searchsorted(keys, hashes[maybe], side="left")
        counts = np.searchsorted(keys, hashes[maybe], side="right") - lows
        places = np.repeat(maybe, counts)  # each place once per quote hashing like it
        which = long[order[np.arange(len(places)) - np.repeat(np.cumsum(counts) - counts - lows,
                                                              counts)]]
        base = bases[owner[which]]
        inside = (places >= base) & (places + sizes[which] <= bases[owner[which] + 1])
        which, places, base = which[inside], places[inside], base[inside]
        there = np.fromiter(map(joined.startswith, [listed[i] for i in which.tolist()],
                                places.tolist()), dtype=bool, count=len(places))
        which, places = which[there], places[there] - base[there]
        once = (np.bincount(which, minlength=len(listed)) == 1)[which]
        for i, place in zip(which[once].tolist(), places[once].tolist(), strict=True):
            result[i] = place
    first = 0
    for i in batch:
        found[i] = result[first:first + len(quotes[i])]
        first += len(quotes[i])


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
