"""The span rules of claim rows, asked of whole columns: the source is known, and the span
is exact (``text[start:end] == quote``), or, for a row ``fill`` will anchor, its quote
anchors as ``fill`` anchors it.

Sources are looked up once per distinct source id. Spans are compared over the texts'
UTF-8 bytes (``check.engines.pandas.spans.span_matches``, the check's own comparison); the quotes of
rows ``fill`` will anchor are looked for with one pass over a batch of source texts
(``anchoring.exact_once_many``), and only a quote not found exactly once there is put to
``fill.locate``, whose error is the finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from provenance.anchoring import exact_once_many, keep_found
from provenance.check.engines.pandas.spans import SourceBytes, SourceTexts, span_matches
from provenance.claim_rules import Cells, Hit, distinct, hit, read_distinct
from provenance.errors import AnchorError
from provenance.fill import locate
from provenance.plain_cells import flags, matches
from provenance.rules import PLAIN_OCCURRENCE, is_occurrence, is_offset

SMALL_DIGITS = 18  # an offset of at most this many ASCII digits is one Arrow reads as int64


def spans(cells: Cells) -> Iterator[Hit]:
    """The span findings of the rows checked (see the module docstring)."""
    ledger = cells.ledger
    coded = pc.dictionary_encode(cells["source_id"]).combine_chunks()
    codes = np.asarray(coded.indices).astype(np.int64)
    source_ids = coded.dictionary.to_pylist()
    registered, texts = set(ledger.sources["source_id"].tolist()), ledger.texts
    unknown = np.array([bool(i) and i not in registered for i in source_ids], bool)[codes]
    yield from hit("unknown-source", "unknown-source", "source_id", unknown,
                   lambda at: f"unknown source_id {cells.cell('source_id', at)!r}")
    readable = np.array([i in texts for i in source_ids], bool)[codes] & ~unknown
    digits = {column: flags(pc.ascii_is_decimal(cells[column])) for column in ("start", "end")}
    start, empty_start = cells["start"], cells.empty("start")
    decimal = digits["start"] | distinct(start, str.isdecimal, ~digits["start"] & ~empty_start)
    anchored = readable & cells.empty("end") & (empty_start | decimal)
    yield from _anchorable(cells, anchored, codes, source_ids)
    yield from _offsets(cells, readable & ~anchored, codes, source_ids, digits)


def _anchorable(cells: Cells, anchored: np.ndarray, codes: np.ndarray,
                source_ids: list[str]) -> Iterator[Hit]:
    """Rows without offsets: a bad occurrence, or a quote that does not anchor."""
    occurrence = cells["occurrence"]
    unnumbered = cells.blank("occurrence")
    bad = anchored & distinct(occurrence, lambda cell: not is_occurrence(cell),
                              ~unnumbered & ~matches(occurrence, PLAIN_OCCURRENCE, ~unnumbered))
    yield from hit("occurrence", "bad-occurrence", "occurrence", bad,
                   lambda at: f"occurrence {cells.cell('occurrence', at).strip()!r} is not a "
                              "whole number from 1 (1 = the first place)")
    quotes = cells["quote"]
    doubtful = anchored & ~bad
    plain = np.flatnonzero(doubtful & unnumbered & ~cells.blank("quote"))
    order = plain[np.argsort(codes[plain], kind="stable")]
    wanted = quotes.take(pa.array(order, pa.int64())).to_pylist()
    groups = list(_by_source(codes, order))
    texts = [cells.ledger.texts[source_ids[code]] for code, _ in groups]
    bounds = np.cumsum([0, *(len(rows) for _, rows in groups)]).tolist()
    quoted = [wanted[first:last] for first, last in itertools.pairwise(bounds)]
    for (code, rows), text, those, found in zip(groups, texts, quoted,
                                               exact_once_many(texts, quoted), strict=True):
        keep_found(cells.ledger.found_once, source_ids[code], text, those, found)
        doubtful[rows] = [at is None for at in found]
    failures = {}
    for at in np.flatnonzero(doubtful).tolist():
        try:
            locate(cells.ledger, cells.row(at))
        except AnchorError as exc:
            failures[at] = str(exc)
    failed = np.zeros(cells.size, dtype=bool)
    failed[list(failures)] = True
    yield from hit("anchor", "anchor-failed", "quote", failed, failures.__getitem__)


def _by_source(codes: np.ndarray, order: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Rows ``order`` (sorted by their source code) in runs of one source."""
    for group in np.split(order, np.flatnonzero(np.diff(codes[order])) + 1):
        if len(group):
            yield int(codes[group[0]]), group


def _offsets(cells: Cells, spanned: np.ndarray, codes: np.ndarray, source_ids: list[str],
             digits: dict[str, np.ndarray]) -> Iterator[Hit]:
    """Rows with offsets (``digits``: the offsets of ASCII digits only): offsets that are
    whole numbers, an orphaned claim, and a span that is not empty, inside its text and
    its quote."""
    whole, small = {}, {}
    for column in ("start", "end"):
        text = cells[column]
        small[column] = digits[column] & (np.asarray(pc.binary_length(text)) <= SMALL_DIGITS)
        whole[column] = small[column] | distinct(text, is_offset, ~small[column])
        yield from hit(f"offset:{column}", "bad-offset", column, spanned & ~whole[column],
                       lambda at, column=column:
                       f"{column} {cells.cell(column, at)!r} is not a non-negative whole "
                       "number")
    both = spanned & whole["start"] & whole["end"]
    orphaned = both & flags(pc.equal(cells["status"], "orphaned"))
    yield from hit("orphaned", "orphaned-claim", "status", orphaned,
                   lambda _: "orphaned: its quote was lost when the source changed; fix it "
                             "by hand or reject it", "warning")
    checked = both & ~orphaned
    begin, finish = (_offset(cells[c], checked, small[c]) for c in ("start", "end"))
    sources, code_of = _source_bytes(cells.ledger.texts, source_ids)
    length = np.append(sources.chars, -1)[code_of[codes]]  # -1: no text
    empty_span = checked & (begin >= finish)
    beyond = checked & ~empty_span & (finish > length)
    inside = np.flatnonzero(checked & ~empty_span & ~beyond)
    mismatch = np.zeros(cells.size, dtype=bool)
    if len(inside):
        quotes = cells["quote"]  # taken only when some rows are left out (a copy of each)
        if len(inside) < cells.size:
            quotes = quotes.take(pa.array(inside, pa.int64()))
        mismatch[inside] = ~span_matches(code_of[codes[inside]], begin[inside].astype(np.int64),
                                         finish[inside].astype(np.int64), quotes, sources)
    yield from hit("empty-span", "empty-span", "start", empty_span,
                   lambda at: f"start {begin[at]} is not before end {finish[at]}")
    names: dict[int, str] = {}

    def name(at: int) -> str:
        if codes[at] not in names:
            names[codes[at]] = cells.ledger.source_path(source_ids[codes[at]])
        return names[codes[at]]

    yield from hit("out-of-range", "span-out-of-range", "end", beyond,
                   lambda at: f"offsets [{begin[at]}:{finish[at]}] run past the end of "
                              f"{name(at)} ({length[at]} code points)")

    def differs(at: int) -> str:
        text = cells.ledger.texts[source_ids[codes[at]]][begin[at]:finish[at]]
        return (f'quote "{cells.cell("quote", at)}" does not match '
                f'{name(at)}[{begin[at]}:{finish[at]}] = "{text}"')

    yield from hit("mismatch", "quote-mismatch", "quote", mismatch, differs)


def _offset(text: pa.Array, checked: np.ndarray, small: np.ndarray) -> np.ndarray:
    """The offsets of the rows ``checked`` (0 elsewhere): int64, read by Arrow, when all
    are ``small``; else Python ints, each distinct cell read by ``int``."""
    if not (checked & ~small).any():
        out = np.zeros(len(text), dtype=np.int64)
        out[checked] = np.asarray(pc.cast(text.filter(pa.array(checked)), pa.int64()))
        return out
    out = read_distinct(text, int, checked)
    out[~checked] = 0
    return out


def _source_bytes(texts: Mapping[str, str], source_ids: list[str]
                  ) -> tuple[SourceBytes, np.ndarray]:
    """The texts of ``source_ids`` as one UTF-8 buffer, and the index of each source id's
    text in it (-1 for none): the buffer the texts were read into when they are still
    held as it (:class:`SourceTexts`), else one made of them."""
    if not isinstance(texts, SourceTexts):
        return SourceBytes.of(source_ids, texts), np.arange(len(source_ids))
    first: dict[str, int] = {}
    for index, (source_id, chars) in enumerate(zip(texts.ids, texts.encoded.chars.tolist(),
                                                   strict=True)):
        if chars >= 0:
            first.setdefault(source_id, index)
    return texts.encoded, np.array([first.get(i, -1) for i in source_ids] + [-1],
                                   dtype=np.int64)[:-1]
