"""Filling many claims at once: spans in one pass per source, one reading per value shape.

``fill.complete`` hands over its incomplete rows. The *plain* ones (no offsets, no
occurrence number, a quote found exactly once in a known source) are anchored where
``anchoring.exact_once_each`` finds them (all of a source's quotes in one pass over its
text) and valued per value shape (values/shapes.py): claims whose
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

from provenance.anchoring import exact_once_each
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
    """A plain row to read: its quote, sentence window, the quote's start in it, kind and
    publication date."""

    quote: str
    window: str
    start: int
    kind: str | None
    published: dt.date | None


@dataclass
class Plain:
    """What the bulk path did: the rows it completed (positions among the incomplete
    rows), their new cells by column, and which of them were valued."""

    rows: np.ndarray
    updates: dict[str, np.ndarray]
    valued: np.ndarray


@dataclass
class Shapes:
    """The plain rows to value, by value shape (and whether they have a publication
    date), with where each masked figure is in its quote."""

    ledger: Ledger
    cells: dict[str, np.ndarray]
    spans: dict[int, int]
    groups: dict[tuple[Shape, bool], list[int]]
    figures: dict[int, tuple[int, int]]

    def published(self, i: int) -> dt.date | None:
        """The publication date of row ``i``'s source."""
        return self.ledger.published(self.cells["source_id"][i])

    def claim(self, i: int) -> Claim:
        """Row ``i`` as a claim to read (its window cut again: only read rows need it)."""
        quote, start = self.cells["quote"][i], self.spans[i]
        text = self.ledger.texts[self.cells["source_id"][i]]
        lo, hi = sentence_window(text, start, start + len(quote))
        return Claim(quote, text[lo:hi], start - lo, self.cells["kind"][i] or None,
                     self.published(i))

    def figure(self, i: int) -> str:
        """Row ``i``'s masked figure as written."""
        lo, hi = self.figures[i]
        return self.cells["quote"][i][lo:hi]


def fill_plain(ledger: Ledger, cells: dict[str, np.ndarray]) -> Plain:
    """Anchor and value the plain rows among ``cells`` (one array per column)."""
    spans = plain_spans(ledger, cells)
    shapes = shapes_of(ledger, cells, spans)
    values = read_values(shapes)
    kinds, quotes = cells["kind"], cells["quote"]
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


def shapes_of(ledger: Ledger, cells: dict[str, np.ndarray], spans: dict[int, int]) -> Shapes:
    """The value shapes of the anchored rows that need a value."""
    source_ids, quotes, kinds, qualifiers = (cells[c].tolist() for c in
                                             ("source_id", "quote", "kind", "qualifier"))
    dated = {source_id: ledger.published(source_id) is not None
             for source_id in {source_ids[i] for i in spans}}
    shapes = Shapes(ledger, cells, spans, defaultdict(list), {})
    texts = ledger.texts
    for i, start in spans.items():
        kind = kinds[i]
        if kind == "text" or (kind and qualifiers[i]):
            continue
        text, quote = texts[source_ids[i]], quotes[i]
        lo, hi = sentence_window(text, start, start + len(quote))
        shape, figure = shape_of(text[lo:hi], start - lo, quote, kind or None)
        if figure is not None:
            shapes.figures[i] = figure
        shapes.groups[shape, dated[source_ids[i]]].append(i)
    return shapes


def _of_kind(value: Value, kind: str) -> bool:
    """Whether a reading completes a row of ``kind`` (empty: any kind but text)."""
    return value.kind != "text" and value.kind == (kind or value.kind)


def plain_spans(ledger: Ledger, cells: dict[str, np.ndarray]) -> dict[int, int]:
    """Where the quote of each plain row starts in its source (see module docstring),
    found with one pass over each source's text."""
    occurrence = cells.get("occurrence")
    by_source: dict[str, list[int]] = defaultdict(list)
    columns = zip(cells["source_id"], cells["quote"], cells["start"], cells["end"], strict=True)
    for i, (source_id, quote, start, end) in enumerate(columns):
        if not (start or end or (occurrence is not None and occurrence[i].strip())) \
                and quote.strip():
            by_source[source_id].append(i)
    spans: dict[int, int] = {}
    quotes = cells["quote"]
    for source_id, rows in by_source.items():
        text = ledger.texts.get(source_id)
        if text is None:
            continue
        for i, start in zip(rows, exact_once_each(text, [quotes[i] for i in rows]),
                            strict=True):
            if start is not None:
                spans[i] = start
    return dict(sorted(spans.items()))


def read_values(shapes: Shapes) -> dict[int, Value]:
    """The value of every row of ``shapes``, read once per value shape (values/shapes.py)."""
    values: dict[int, Value] = {}
    stated_values: dict[tuple[str, str | None, str], Value] = {}
    for (shape, _), members in shapes.groups.items():
        _value_shape(shape, members, shapes, values, stated_values)
    return values


def _value_shape(shape: Shape, members: list[int], shapes: Shapes, values: dict[int, Value],
                 stated_values: dict[tuple[str, str | None, str], Value]) -> None:
    """Value the rows of one shape (all with a publication date, or all without);
    ``stated_values`` keeps the values of figures already stated."""
    value = _read(shapes.claim(members[0]), free=True)
    if shape.masked:
        formula = value and figure_reading(value, shapes.figure(members[0]))
        if formula:
            for i in members:
                key = (*formula, shapes.figure(i))
                if key not in stated_values:
                    stated_values[key] = stated(formula[0], digits_value(key[2]), formula[1])
                values[i] = stated_values[key]
            return
        by_quote: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_quote[shapes.cells["quote"][i]].append(i)
        for quote, same in by_quote.items():
            _value_shape(as_written(shape, quote), same, shapes, values, stated_values)
        return
    if value is not None:
        values.update(dict.fromkeys(members, value))
        return
    by_date: dict[dt.date | None, Value] = {}
    for i in members:
        published = shapes.published(i)
        if published not in by_date:
            by_date[published] = _read(shapes.claim(i), free=False)
        values[i] = by_date[published]


def _read(claim: Claim, *, free: bool) -> Value | None:
    """The claim's value; with ``free``, read without its publication date (None when
    the reading needs it)."""
    published = UNUSED if free and claim.published is not None else claim.published
    try:
        return parse_in_window(claim.quote, published, claim.kind, (claim.window, claim.start))
    except PublishedUsed:
        return None
