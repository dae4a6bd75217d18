"""Extracted mentions as candidate claims awaiting review.

Unless sources are named, only sources without any claim are extracted: a curated
source is left as its person made it. No candidate is added where its span overlaps
the span of an existing claim of its source, whatever that claim's status, so a
mention the person rejected (the rejected row stays in the ledger as that record) is
never proposed again.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

import pandas as pd

from provenance.errors import AnchorError, UsageError
from provenance.fill import locate, with_columns
from provenance.ledger import Ledger
from provenance.values.scan import Found, scan
from provenance.values.value import CELL_COLUMNS


@dataclass(frozen=True)
class Extraction:
    """What extraction did with one source."""

    source_id: str
    added: list[str] = field(default_factory=list)
    overlapping: int = 0  # mentions left out: they overlap an existing claim
    has_claims: bool = False  # not extracted: the source has claims and was not named


class ClaimedSpans:
    """The spans ``[start, end)`` of one source's claims, asked about overlaps in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # furthest end so far

    def __len__(self) -> int:
        return len(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` intersects one of the spans."""
        before = bisect_left(self.starts, end)  # the spans that start before ``end``
        return before > 0 and self.reach[before - 1] > start


def claimed_spans(ledger: Ledger, claims: pd.DataFrame, source_ids: list[str]
                  ) -> dict[str, ClaimedSpans]:
    """Per source of ``source_ids``, the spans of its claims: their offsets, or where their
    quote anchors for a row not filled yet (a quote that does not anchor claims no span)."""
    spans: dict[str, list[tuple[int, int]]] = {source_id: [] for source_id in source_ids}
    names = list(claims.columns)
    columns = [claims[name].to_numpy(dtype=object) for name in names]
    ends = (columns[names.index(c)] for c in ("source_id", "start", "end"))
    for position, (source_id, start, end) in enumerate(zip(*ends, strict=True)):
        if source_id not in spans:
            continue
        if not (start.isdecimal() and end.isdecimal()):  # where fill will anchor it
            row = {name: cells[position] for name, cells in zip(names, columns, strict=True)}
            try:
                span = locate(ledger, row)
            except (AnchorError, UsageError):
                continue
            start, end = span.start, span.end
        spans[source_id].append((int(start), int(end)))
    return {source_id: ClaimedSpans(found) for source_id, found in spans.items()}


def _chosen(ledger: Ledger, source_ids: list[str] | None) -> list[str]:
    """The registered sources asked for (all when None), in registry order."""
    known = list(ledger.sources["source_id"])
    registered = ledger.source_rows()
    unknown = [s for s in source_ids or [] if s not in registered]
    if unknown:
        raise UsageError(f"unknown source {unknown[0]!r} (known: {', '.join(known)})")
    if source_ids is None:
        return known
    wanted = set(source_ids)
    return [s for s in known if s in wanted]


def extract_candidates(ledger: Ledger, source_ids: list[str] | None = None) -> list[Extraction]:
    """Add the mentions of sources as ``status=candidate`` claims (in memory), one
    :class:`Extraction` per source considered.

    With ``source_ids`` None, every source that has no claim yet; otherwise the sources
    named, claims or not (an unknown id is a UsageError). Mentions overlapping an
    existing claim of their source are left out.
    """
    chosen = _chosen(ledger, source_ids)
    claims = with_columns(ledger.claims)
    with_claims = set(claims["source_id"])
    claimed = claimed_spans(ledger, claims, chosen)
    taken = set(claims["claim_id"])
    results, new = [], _NewRows()
    for source_id in chosen:
        if source_ids is None and source_id in with_claims:
            results.append(Extraction(source_id, has_claims=True))
            continue
        spans = claimed[source_id]
        text = ledger.text(source_id)
        found = list(scan(text, ledger.published(source_id)))  # extract(), unwrapped
        kept = [mention for mention in found  # every one when nothing can be claimed
                if not (spans.overlaps(mention[0], mention[1])
                        or f"{source_id}-x{mention[0]}" in taken)] if spans or taken else found
        results.append(Extraction(source_id, new.add(source_id, text, kept),
                                  len(found) - len(kept)))
    if new.count:
        first = int(claims.index.max()) + 1 if len(claims) else 0
        ledger.claims = pd.concat([claims, new.frame(list(claims.columns), first)])
    return results


class _NewRows:
    """Candidate rows gathered a column at a time, a source's mentions at once: strings in
    a list per column (its values' cells transposed into theirs), no object kept per
    mention. A cell that rows repeat (an offset, a quote such as "last month", a day) is
    one string object, not a copy per row."""

    def __init__(self) -> None:
        self.claim_ids: list[str] = []
        self.source_ids: list[str] = []
        self.quotes: list[str] = []
        self.starts: list[str] = []
        self.ends: list[str] = []
        self.cells: list[list[str]] = [[] for _ in CELL_COLUMNS]  # Value.cells
        self.strings: dict[str, str] = {}  # a quote
        self.offsets: dict[int, str] = {}  # an offset's digits

    @property
    def count(self) -> int:
        return len(self.claim_ids)

    def add(self, source_id: str, text: str, found: list[Found]) -> list[str]:
        """The rows of one source's mentions (span ``[start, end)`` of ``text``, value),
        ``status=candidate``; returns their claim ids."""
        claim_ids = [f"{source_id}-x{start}" for start, _, _ in found]
        strings, offsets = self.strings, self.offsets
        self.claim_ids += claim_ids
        self.source_ids += [source_id] * len(found)
        self.quotes += [strings.setdefault(quote, quote)
                        for quote in [text[start:end] for start, end, _ in found]]
        self.starts += [offsets.get(start) or offsets.setdefault(start, str(start))
                        for start, _, _ in found]
        self.ends += [offsets.get(end) or offsets.setdefault(end, str(end))
                      for _, end, _ in found]
        if found:
            rows = [value.cells() for _, _, value in found]
            for cells, column in zip(self.cells, zip(*rows, strict=True), strict=True):
                cells += column
        return claim_ids

    def frame(self, columns: list[str], first: int) -> pd.DataFrame:
        """The rows under ``columns`` (other cells empty), indexed from ``first``."""
        filled = {"claim_id": self.claim_ids, "source_id": self.source_ids,
                  "quote": self.quotes, "start": self.starts, "end": self.ends,
                  "status": ["candidate"] * self.count,
                  "note": ["found by provenance extract"] * self.count}
        filled.update(zip(CELL_COLUMNS, self.cells, strict=True))
        data = {column: filled.get(column) or [""] * self.count for column in columns}
        return pd.DataFrame(data, columns=columns, dtype=object,
                            index=range(first, first + self.count))


def add_candidates(ledger: Ledger, source_ids: list[str] | None = None) -> list[str]:
    """:func:`extract_candidates`, returning the ids of the candidates added."""
    return [claim_id for done in extract_candidates(ledger, source_ids) for claim_id in done.added]
