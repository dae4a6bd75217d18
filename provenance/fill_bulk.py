"""Filling many claims at once: spans by ``str.find``, one reading per value shape.

``fill.complete`` hands over its incomplete rows. The *plain* ones (no offsets, no
occurrence number, a quote found exactly once in a known source) are anchored where
``str.find`` finds them and valued per value shape (values/shapes.py): claims whose
sentence windows differ only in a figure share one reading, and each gets the value of
its own figure. A plain row whose reading is not of its kind (or of no kind) is left,
like every other row, to the per-row path (``fill.complete_row``), which gives the same
cells.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from provenance.anchoring import exact_once
from provenance.fill import default_status
from provenance.schema import VALUE_COLUMNS
from provenance.values import parse_in_window
from provenance.values.numbers import digits_value
from provenance.values.quantities import stated
from provenance.values.shapes import (
    UNUSED,
    PublishedUsed,
    Shape,
    as_written,
    figure_reading,
    shape_of,
)
from provenance.values.tense import sentence_window
from provenance.values.value import Value

if TYPE_CHECKING:
    from provenance.ledger import Ledger


@dataclass
class Claim:
    """A plain row to value: its quote, sentence window, the quote's start in it, kind,
    publication date, and where its masked figure is in the quote (None: none masked)."""

    quote: str
    window: str
    start: int
    kind: str | None
    published: dt.date | None
    figure: tuple[int, int] | None = None

    def figure_text(self) -> str:
        """The masked figure as written."""
        lo, hi = self.figure or (0, 0)
        return self.quote[lo:hi]


@dataclass
class Plain:
    """What the bulk path did: the rows it completed (positions among the incomplete
    rows), their new cells by column, and which of them were valued."""

    rows: np.ndarray
    updates: dict[str, np.ndarray]
    valued: np.ndarray


def fill_plain(ledger: Ledger, cells: dict[str, np.ndarray]) -> Plain:
    """Anchor and value the plain rows among ``cells`` (one array per column)."""
    spans = plain_spans(ledger, cells)
    source_ids, quotes, kinds = cells["source_id"], cells["quote"], cells["kind"]
    published = {source_id: ledger.published(source_id)
                 for source_id in {source_ids[i] for i in spans}}
    texts = ledger.texts
    claims: dict[int, Claim] = {}
    for i, start in spans.items():
        kind = kinds[i]
        if kind == "text" or (kind and cells["qualifier"][i]):
            continue
        text, quote = texts[source_ids[i]], quotes[i]
        lo, hi = sentence_window(text, start, start + len(quote))
        claims[i] = Claim(quote, text[lo:hi], start - lo, kind or None, published[source_ids[i]])
    values = read_values(claims)
    done = [i for i in spans if i not in values or _of_kind(values[i], kinds[i])]
    rows = np.array(done, dtype=np.int64)
    found = [values.get(i) for i in done]
    updates = {
        "start": np.array([str(spans[i]) for i in done], dtype=object),
        "end": np.array([str(spans[i] + len(quotes[i])) for i in done], dtype=object),
        "status": np.array(
            [s or default_status(k) for s, k in
             zip(cells["status"][rows], cells["fact_key"][rows], strict=True)], dtype=object),
    }
    codes: dict[int, int] = {}
    distinct: list[dict[str, str]] = []
    for value in found:
        if value is not None and id(value) not in codes:
            codes[id(value)] = len(distinct)
            distinct.append(value.to_cells())
    code = np.array([-1 if value is None else codes[id(value)] for value in found],
                    dtype=np.int64)
    valued = code >= 0
    for column in ("kind", *VALUE_COLUMNS):
        new = cells[column][rows]
        new[valued] = np.array([c[column] for c in distinct], dtype=object)[code[valued]]
        updates[column] = new
    return Plain(rows, updates, valued)


def _of_kind(value: Value, kind: str) -> bool:
    """Whether a reading completes a row of ``kind`` (empty: any kind but text)."""
    return value.kind != "text" and value.kind == (kind or value.kind)


def plain_spans(ledger: Ledger, cells: dict[str, np.ndarray]) -> dict[int, int]:
    """Where the quote of each plain row starts in its source (see module docstring)."""
    texts = ledger.texts
    occurrence = cells.get("occurrence")
    spans: dict[int, int] = {}
    columns = zip(cells["source_id"], cells["quote"], cells["start"], cells["end"], strict=True)
    for i, (source_id, quote, start, end) in enumerate(columns):
        if start or end or (occurrence is not None and occurrence[i].strip()):
            continue
        text = texts.get(source_id)
        if text is None or not quote.strip():
            continue
        found = exact_once(text, quote)
        if found is not None:
            spans[i] = found
    return spans


def read_values(claims: dict[int, Claim]) -> dict[int, Value]:
    """The value of every claim, read once per value shape (see values/shapes.py)."""
    groups: dict[tuple[Shape, bool], list[int]] = defaultdict(list)
    for i, claim in claims.items():
        shape, claim.figure = shape_of(claim.window, claim.start, claim.quote, claim.kind)
        groups[shape, claim.published is None].append(i)
    values: dict[int, Value] = {}
    stated_values: dict[tuple[str, str | None, str], Value] = {}
    for (shape, _), members in groups.items():
        _value_shape(shape, members, claims, values, stated_values)
    return values


def _value_shape(shape: Shape, members: list[int], claims: dict[int, Claim],
                 values: dict[int, Value],
                 stated_values: dict[tuple[str, str | None, str], Value]) -> None:
    """Value the claims of one shape (all with a publication date, or all without);
    ``stated_values`` keeps the values of figures already stated."""
    first = claims[members[0]]
    value = _read(first, free=True)
    if shape.masked:
        formula = value and figure_reading(value, first.figure_text())
        if formula:
            for i in members:
                key = (*formula, claims[i].figure_text())
                if key not in stated_values:
                    stated_values[key] = stated(formula[0], digits_value(key[2]), formula[1])
                values[i] = stated_values[key]
            return
        by_quote: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_quote[claims[i].quote].append(i)
        for quote, same in by_quote.items():
            _value_shape(as_written(shape, quote), same, claims, values, stated_values)
        return
    if value is not None:
        values.update(dict.fromkeys(members, value))
        return
    by_date: dict[dt.date | None, Value] = {}
    for i in members:
        published = claims[i].published
        if published not in by_date:
            by_date[published] = _read(claims[i], free=False)
        values[i] = by_date[published]


def _read(claim: Claim, *, free: bool) -> Value | None:
    """The claim's value; with ``free``, read without its publication date (None when
    the reading needs it)."""
    published = UNUSED if free and claim.published is not None else claim.published
    try:
        return parse_in_window(claim.quote, published, claim.kind, (claim.window, claim.start))
    except PublishedUsed:
        return None
