"""Filling many claims at once: spans in one pass per source, one reading per value shape.

``fill.complete`` hands over its incomplete rows. The *plain* ones (no offsets, no
occurrence number, a quote found exactly once in a known source) are anchored where
``anchoring.exact_once_each`` finds them (all of a source's quotes in one pass over its
text), or where fill's pre-check (``span_rules``) found them, when it looked for the same
quotes in the same text (``ledger.found_once``): each quote is looked for once. Their
sentence windows and value shapes come from one scan of each source's text (windows.py,
values/shapes.py), and they are valued per shape: claims whose windows differ only in a
figure share one reading, and each gets the value of its own figure.
Cells are set a column at a time: each distinct value's cells are made once and taken by
every row of it. A plain row whose reading is not of its kind (or of no kind) is left,
like every other row, to the per-row path (``fill.complete_row``), which gives the same
cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from provenance.anchoring import exact_once_each, take_found
from provenance.schema import VALUE_COLUMNS
from provenance.values import parse_in_window
from provenance.values.numbers import digits_value
from provenance.values.quantities import figure_reading
from provenance.values.shapes import (
    UNUSED,
    PublishedUsed,
    Shape,
    Shapes,
    as_written,
    text_shapes,
)
from provenance.values.stated_cells import stated_cells
from provenance.values.value import CELL_COLUMNS, Value
from provenance.windows import Texts, sentence_windows

if TYPE_CHECKING:
    from provenance.ledger import Ledger

BATCH = 1 << 23  # code points of source text whose windows are found at once
SPAN_COLUMNS = ("rows", "source", "starts", "ends", "lows", "highs", "shape",
                "figure_starts", "figure_ends")


@dataclass
class Plain:
    """What the bulk path did: the rows it completed (positions among the incomplete
    rows), their new cells by column, and which of them were valued."""

    rows: np.ndarray
    updates: dict[str, np.ndarray]
    valued: np.ndarray


@dataclass
class Anchored:
    """The plain rows found exactly once in their source, in row order, by column
    (``SPAN_COLUMNS``): position among the incomplete rows, source (a number into
    ``texts`` and ``published``), span, sentence window, shape (a number into ``shapes``;
    -1 for a row that needs no value) and masked figure's place in the quote (-1: none)."""

    columns: dict[str, np.ndarray]
    quotes: np.ndarray
    kinds: np.ndarray
    texts: list[str]
    published: list[dt.date | None]
    shapes: list[tuple[Shape, bool]]

    def __getitem__(self, column: str) -> np.ndarray:
        return self.columns[column]

    def claim(self, i: int) -> tuple[str, dt.date | None, str | None, tuple[str, int]]:
        """Row ``i``'s reading: quote, publication date, kind, window and start in it."""
        source, low, high = (int(self[c][i]) for c in ("source", "lows", "highs"))
        return (self.quotes[i], self.published[source], self.kinds[i] or None,
                (self.texts[source][low:high], int(self["starts"][i]) - low))

    def figure(self, i: int) -> str:
        """Row ``i``'s masked figure as written."""
        return self.quotes[i][self["figure_starts"][i]:self["figure_ends"][i]]

    def figures(self, rows: np.ndarray) -> np.ndarray:
        """The masked figures of ``rows`` as written."""
        return np.array([quote[start:end] for quote, start, end in zip(
            self.quotes[rows].tolist(), self["figure_starts"][rows].tolist(),
            self["figure_ends"][rows].tolist(), strict=True)], dtype=object)


def fill_plain(ledger: Ledger, cells: dict[str, np.ndarray]) -> Plain:
    """Anchor and value the plain rows among ``cells`` (one array per column)."""
    anchored = anchor_plain(ledger, cells)
    code, table = read_values(anchored)
    value_kinds = np.append(table["kind"], "")[code]
    kinds = anchored.kinds
    done = (code < 0) | ((value_kinds != "text") & ((kinds == "") | (kinds == value_kinds)))
    rows, code = anchored["rows"][done], code[done]
    statuses, keys = cells["status"][rows], cells["fact_key"][rows]
    updates = {
        "start": _strings(anchored["starts"][done]),
        "end": _strings(anchored["ends"][done]),
        "status": np.where(statuses != "", statuses,
                           np.where(blank(keys), "candidate", "confirmed")).astype(object),
    }
    valued = code >= 0
    every = bool(valued.all())
    for column in ("kind", *VALUE_COLUMNS):
        if every:  # each row takes its value's cell
            updates[column] = table[column][code]
            continue
        new = cells[column][rows]
        new[valued] = table[column][code[valued]]
        updates[column] = new
    return Plain(rows, updates, valued)


def anchor_plain(ledger: Ledger, cells: dict[str, np.ndarray]) -> Anchored:
    """The plain rows of ``cells`` found exactly once in their source, with their windows
    and shapes (found for a batch of sources at a time)."""
    quotes = cells["quote"]
    plain = (cells["start"] == "") & (cells["end"] == "") & ~blank(quotes)
    if "occurrence" in cells:
        plain &= blank(cells["occurrence"])
    candidates = np.flatnonzero(plain)
    sources, source_ids = pd.factorize(cells["source_id"][candidates])
    order = np.argsort(sources, kind="stable")
    bounds = np.searchsorted(sources[order], np.arange(len(source_ids) + 1))
    texts: list[str] = []
    published: list[dt.date | None] = []
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for number, source_id in enumerate(source_ids.tolist()):
        text = ledger.texts.get(source_id)
        if text is None:
            continue
        rows = candidates[order[bounds[number]:bounds[number + 1]]]
        wanted = quotes[rows].tolist()
        starts = take_found(ledger.found_once, source_id, text, wanted)
        if starts is None:
            starts = exact_once_each(text, wanted)
        kept = np.array([start is not None for start in starts], dtype=bool)
        found.append((rows[kept], np.array([s for s in starts if s is not None], np.int64)))
        texts.append(text)
        published.append(ledger.published(source_id))
    spans = Spans(cells, texts, published)
    first = 0
    for last in _batches(texts):
        spans.add(first, last, found[first:last])
        first = last
    return spans.anchored()


def _batches(texts: list[str]) -> list[int]:
    """Where batches of ``texts`` of about ``BATCH`` code points end."""
    ends, size = [], 0
    for number, text in enumerate(texts, 1):
        size += len(text)
        if size >= BATCH or number == len(texts):
            ends.append(number)
            size = 0
    return ends


@dataclass
class Spans:
    """The plain rows found, their windows and shapes, gathered a batch at a time."""

    cells: dict[str, np.ndarray]
    texts: list[str]
    published: list[dt.date | None]
    parts: list[list[np.ndarray]] = field(default_factory=list)
    keys: dict[tuple, int] = field(default_factory=dict)

    def add(self, first: int, last: int, found: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """Windows and shapes of the rows found in texts ``first`` to ``last``."""
        texts = Texts.of(self.texts[first:last])
        rows = np.concatenate([r for r, _ in found])
        which = np.repeat(np.arange(last - first), [len(r) for r, _ in found])
        bases = texts.bases[which]
        starts = np.concatenate([s for _, s in found]) + bases
        quotes, kinds = self.cells["quote"][rows], self.cells["kind"][rows]
        ends = starts + np.fromiter(map(len, quotes), dtype=np.int64, count=len(quotes))
        lows, highs = sentence_windows(texts, which, starts, ends)
        needs = (kinds != "text") & ((kinds == "") | (self.cells["qualifier"][rows] == ""))
        shape, figure_starts, figure_ends = (np.full(len(rows), -1, dtype=np.int64)
                                             for _ in range(3))
        at = np.flatnonzero(needs)
        dated = np.array([date is not None for date in self.published[first:last]],
                         dtype=bool)[which[at]]
        found = text_shapes(texts, quotes[at].tolist(), starts[at], ends[at], lows[at],
                            highs[at])
        shape[at] = self.numbered(kinds[at], found, dated)
        figure_starts[at], figure_ends[at] = found.figure_start, found.figure_end
        self.parts.append([rows, which + first, starts - bases, ends - bases, lows - bases,
                           highs - bases, shape, figure_starts, figure_ends])

    def numbered(self, kinds: np.ndarray, found: Shapes, dated: np.ndarray) -> np.ndarray:
        """The number of each row's shape, keyed by its kind, its shape's text, whether
        its figure is masked and whether its source has a publication date: rows are
        grouped by the codes of those cells, and each group's key is looked up once."""
        masked = found.figure_start >= 0
        group = np.zeros(len(kinds), dtype=np.int64)
        for column in (kinds, found.before, found.quote, found.after, masked, dated):
            codes, distinct = pd.factorize(column)
            group = pd.factorize(group * len(distinct) + codes)[0]
        _, firsts = np.unique(group, return_index=True)
        keys = self.keys
        numbers = [keys.setdefault((kinds[i] or None, found.before[i], found.quote[i],
                                    found.after[i], bool(masked[i]), bool(dated[i])), len(keys))
                   for i in firsts.tolist()]
        return np.array(numbers, dtype=np.int64)[group]

    def anchored(self) -> Anchored:
        """Everything gathered, in row order."""
        columns = ([np.concatenate(column) for column in zip(*self.parts, strict=True)]
                   if self.parts else [np.zeros(0, dtype=np.int64)] * len(SPAN_COLUMNS))
        first = np.argsort(columns[0], kind="stable")
        arrays = {name: column[first] for name, column in
                  zip(SPAN_COLUMNS, columns, strict=True)}
        rows = arrays["rows"]
        return Anchored(arrays, self.cells["quote"][rows], self.cells["kind"][rows],
                        self.texts, self.published,
                        [(Shape(*key[:5]), key[5]) for key in self.keys])


def read_values(anchored: Anchored) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The value of every row of ``anchored``, read once per value shape
    (values/shapes.py): a number into the table of distinct values' cells returned
    (one object array per column of ``value.CELL_COLUMNS``; -1 for a row that needs
    none)."""
    readings = Readings(np.full(len(anchored.quotes), -1, dtype=np.int64))
    shape = anchored["shape"]
    order = np.argsort(shape, kind="stable")
    bounds = np.searchsorted(shape[order], np.arange(len(anchored.shapes) + 1))
    for number, (key, _) in enumerate(anchored.shapes):
        _value_shape(key, order[bounds[number]:bounds[number + 1]], anchored, readings)
    return readings.code, readings.table()


@dataclass
class Readings:
    """The values read: each row's (``code``, a number into the table of cells
    :meth:`table` makes), each distinct value read once, and the figures stated under
    a qualifier and unit (their rows and figures as written, valued together)."""

    code: np.ndarray
    values: list[Value] = field(default_factory=list)
    numbers: dict[int, int] = field(default_factory=dict)
    stated: dict[tuple[str, str | None], list[tuple[np.ndarray, np.ndarray]]] = field(
        default_factory=dict)

    def number(self, value: Value) -> int:
        """The number of ``value`` (the same object, the same number)."""
        if id(value) not in self.numbers:
            self.numbers[id(value)] = len(self.values)
            self.values.append(value)
        return self.numbers[id(value)]

    def of_figures(self, qualifier: str, unit: str | None, rows: np.ndarray,
                   figures: np.ndarray) -> None:
        """Value ``rows`` as their ``figures`` stated under ``qualifier`` and ``unit``."""
        self.stated.setdefault((qualifier, unit), []).append((rows, figures))

    def table(self) -> dict[str, np.ndarray]:
        """The cells of every value read (:attr:`code` numbers its rows): the distinct
        values' first, then each distinct figure's under each qualifier and unit."""
        distinct = [value.cells() for value in self.values]
        parts = [{column: np.array([cells[i] for cells in distinct], dtype=object)
                  for i, column in enumerate(CELL_COLUMNS)}]
        size = len(self.values)
        for (qualifier, unit), found in self.stated.items():
            rows = np.concatenate([r for r, _ in found])
            codes, distinct = pd.factorize(np.concatenate([f for _, f in found]))
            self.code[rows] = codes + size
            figures = np.array([digits_value(f) for f in distinct.tolist()], dtype=np.float64)
            parts.append(stated_cells(qualifier, figures, unit))
            size += len(distinct)
        return {column: np.concatenate([part[column] for part in parts])
                for column in CELL_COLUMNS}


def _value_shape(shape: Shape, members: np.ndarray, anchored: Anchored,
                 readings: Readings) -> None:
    """Value the rows of one shape (all with a publication date, or all without)."""
    value = _read(*anchored.claim(members[0]), free=True)
    if shape.masked:
        formula = value and figure_reading(value, anchored.figure(members[0]))
        if formula:
            readings.of_figures(*formula, members, anchored.figures(members))
            return
        quotes, distinct = pd.factorize(anchored.quotes[members])
        for number, quote in enumerate(distinct.tolist()):
            _value_shape(as_written(shape, quote), members[quotes == number], anchored,
                         readings)
        return
    if value is not None:
        readings.code[members] = readings.number(value)
        return
    by_date: dict[dt.date | None, list[int]] = {}
    for i, source in zip(members.tolist(), anchored["source"][members].tolist(), strict=True):
        by_date.setdefault(anchored.published[source], []).append(i)
    for same in by_date.values():
        readings.code[same] = readings.number(_read(*anchored.claim(same[0]), free=False))


def _read(quote: str, published: dt.date | None, kind: str | None,
          window: tuple[str, int], *, free: bool) -> Value | None:
    """The claim's value; with ``free``, read without its publication date (None when
    the reading needs it)."""
    date = UNUSED if free and published is not None else published
    try:
        return parse_in_window(quote, date, kind, window)
    except PublishedUsed:
        return None


def blank(values: np.ndarray) -> np.ndarray:
    """Cells that are empty or white space only."""
    return (values == "") | np.fromiter(map(str.isspace, values), bool, len(values))


def _strings(numbers: np.ndarray) -> np.ndarray:
    """Whole numbers as cells."""
    return np.array(list(map(str, numbers.tolist())), dtype=object)
