"""The rules of a claim row, asked of whole columns.

Each rule is one test over the columns of the rows checked, held as Arrow strings, and
names the rows it finds as a :class:`Hit`, which words its finding for a row only when
asked. A rule that reads a cell with a Python function (a number, a date, an offset)
has Arrow pass the cells a plain pattern shows to hold (``rules.PLAIN_*``, RE2) and
reads each distinct other cell once, with that function. ``validate.check_claims``
places and orders the findings: by row, then by the rules' order here (:data:`ORDER`),
the order a person reads a row in. The span rules are in :mod:`provenance.span_rules`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from provenance.cells import arrow_text
from provenance.export import FORMULA_START, is_formula_like
from provenance.plain_cells import flags, matches, plain_numbers
from provenance.quote_split import may_hold_two, two_values_message
from provenance.rules import (
    PLAIN_CATEGORY,
    VOCABULARIES,
    category_problem,
    read_number,
)
from provenance.schema import FACT_KEY, MAX_FIGURE
from provenance.sources import parse_iso_date

if TYPE_CHECKING:
    from provenance.ledger import Ledger

IDENTITY = ("claim_id", "source_id", "quote")
NUMBERS = ("value", "low", "high")
DATES = ("date_low", "date_high")
PLAIN_FACT_KEY = r"^[a-z0-9_]+(\.[a-z0-9_]+)*$"  # FACT_KEY in RE2
SHORT_CELL_BYTES = 7  # a cell this short and its length fit one uint64
SHOWN = "[!-~]"  # a cell with a printable ASCII character is not white space only
FORMULA_FIRST = np.zeros(257, dtype=bool)  # by first byte (-1, none, is the last entry)
FORMULA_FIRST[[ord(start) for start in FORMULA_START]] = True  # single ASCII bytes
# the rules in the order of a row's findings; then a formula-like cell's, in column order,
# and last a quote holding two values
ORDER = [*(f"missing:{c}" for c in IDENTITY), "missing:fact_key", "duplicate", "fact-key",
         *(f"vocabulary:{c}" for c in VOCABULARIES), "unknown-source", "occurrence",
         "anchor", "offset:start", "offset:end", "orphaned", "empty-span", "out-of-range",
         "mismatch", *(f"number:{c}" for c in NUMBERS), "number-order",
         *(f"date:{c}" for c in DATES), "date-order", "category"]
RANK = {rule: rank for rank, rule in enumerate(ORDER)}


@dataclass(frozen=True)
class Hit:
    """The rows (positions among those checked, ascending) one rule finds, and how it
    words its finding for one of them."""

    slug: str
    column: str | None
    rows: np.ndarray
    message: Callable[[int], str]
    severity: str = "error"
    rank: int = 0  # the rule's place among a row's findings


def as_read(ledger: Ledger) -> dict[int, pa.ChunkedArray]:
    """The claims' columns (by position) whose cells are still those Arrow read from
    claims.csv, as Arrow read them, when the ledger was loaded to be checked (taken from
    its table once): a column is compared with the table's cells (a copy of them, as
    loaded, compares object by object), not converted again."""
    table, claims = ledger.claims_table, ledger.claims
    arrow = None if table is None else table.take_arrow()
    if arrow is None or len(claims) != len(table.raw):
        return {}
    position = {name: at for at, name in enumerate(table.header)}
    found = {}
    for i, (name, dtype) in enumerate(zip(claims.columns, claims.dtypes, strict=True)):
        at = position.get(name)
        if at is not None and dtype is np.dtype(object) and np.array_equal(
                claims.iloc[:, i].to_numpy(), table.columns[at]):
            found[i] = arrow[at]
    return found


class Cells:
    """The cells of the rows checked, column by column, as Arrow strings."""

    def __init__(self, ledger: Ledger, rows: np.ndarray | None = None, *,
                 line_of: Callable[[object], int | None] | None = None):
        claims = ledger.claims
        self.ledger, self.line_of = ledger, line_of or ledger.line_of
        self.rows = np.arange(len(claims)) if rows is None else rows
        self.size = len(self.rows)
        self.names = [str(c) for c in claims.columns]
        taken = None if rows is None else pa.array(rows, pa.int64())
        read = as_read(ledger)
        self._columns: dict[str, pa.ChunkedArray] = {}
        for i, name in enumerate(self.names):
            text = read[i] if i in read else arrow_text(claims.iloc[:, i])
            text = text.fill_null("") if text.null_count else text
            self._columns[name] = text if taken is None else text.take(taken)
        self._none = pa.chunked_array([pa.repeat(pa.scalar("", pa.large_string()),
                                                 self.size)])
        self._first: dict[str | None, np.ndarray] = {}
        self._blank: dict[str, np.ndarray] = {}
        self._once = threading.RLock()  # rules run two at a time: each found once

    def __getitem__(self, name: str) -> pa.ChunkedArray:
        """A column's cells (empty cells for a column the file leaves out)."""
        return self._columns.get(name, self._none)

    def __contains__(self, name: str) -> bool:
        return name in self._columns

    def first_bytes(self, name: str) -> np.ndarray:
        """:func:`first_bytes` of a column, read once (several rules test it)."""
        key = name if name in self._columns else None  # None: the columns left out
        with self._once:
            if key not in self._first:
                self._first[key] = first_bytes(self[name])
            return self._first[key]

    def empty(self, name: str) -> np.ndarray:
        """A column's empty cells (from its first bytes)."""
        return self.first_bytes(name) < 0

    def blank(self, name: str) -> np.ndarray:
        """:func:`blank` of a column, found once (several rules test it)."""
        with self._once:
            if name not in self._blank:
                self._blank[name] = blank(self[name], self.first_bytes(name))
            return self._blank[name]

    def cell(self, name: str, at: int) -> str:
        """One cell of a row checked."""
        return self[name][at].as_py() if name in self._columns else ""

    def row(self, at: int) -> dict[str, str]:
        """The cells of one row checked, by column."""
        return {name: values[at].as_py() for name, values in self._columns.items()}


def hit(rule: str, slug: str, column: str | None, found: np.ndarray,
        message: Callable[[int], str], severity: str = "error", rank: int | None = None
        ) -> Iterator[Hit]:
    """A Hit for the rows ``found`` (a boolean per row), when there are any; ranked as
    ``rule`` in :data:`ORDER` unless ``rank`` is given."""
    rows = np.flatnonzero(found)
    if len(rows):
        yield Hit(slug, column, rows, message, severity, RANK[rule] if rank is None else rank)


def distinct(text: pa.ChunkedArray, test: Callable[[str], object], among: np.ndarray
             ) -> np.ndarray:
    """``test`` of the cells ``among`` (a boolean per row), asked once per distinct cell."""
    return _per_distinct(text, lambda cell: bool(test(cell)), among,
                         np.zeros(len(text), dtype=bool))


def read_distinct(text: pa.ChunkedArray, read: Callable[[str], object], among: np.ndarray
                  ) -> np.ndarray:
    """``read`` of the cells ``among`` (None elsewhere), asked once per distinct cell."""
    return _per_distinct(text, read, among, np.full(len(text), None, dtype=object))


def _per_distinct(text: pa.ChunkedArray, read: Callable[[str], object], among: np.ndarray,
                  out: np.ndarray) -> np.ndarray:
    """``out`` with ``read`` of each cell ``among`` written at its row: the cells ``among``
    are encoded once (only those rows hashed), and each distinct one read once."""
    if among.any():
        coded = pc.dictionary_encode(text.filter(pa.array(among))).combine_chunks()
        once = np.empty(len(coded.dictionary), dtype=out.dtype)
        once[:] = [read(cell) for cell in coded.dictionary.to_pylist()]
        out[among] = once[coded.indices.to_numpy()]
    return out


def first_bytes(text: pa.ChunkedArray) -> np.ndarray:
    """The first UTF-8 byte of each cell (-1 for an empty or missing one), read from the
    Arrow buffers: a test of a cell's first ASCII character without a regex per cell."""
    parts = []
    for chunk in text.cast(pa.large_string()).chunks:
        _, offsets, data = chunk.buffers()
        starts = np.frombuffer(offsets, np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
        first = np.full(len(chunk), -1, dtype=np.int16)
        given = np.flatnonzero(np.diff(starts) > 0)
        if len(given):
            first[given] = np.frombuffer(data, np.uint8)[starts[given]]
        parts.append(first)
    return np.concatenate([np.empty(0, np.int16), *parts])


def blank(text: pa.ChunkedArray, first: np.ndarray | None = None) -> np.ndarray:
    """Cells that are empty or white space only (``not cell.strip()``): a cell starting
    with a printable ASCII character is not; the others are read by a regex, then
    ``str.isspace`` (``first``: the cells' :func:`first_bytes`, when known)."""
    first = first_bytes(text) if first is None else first
    none = first < 0
    doubtful = ~none & ((first < ord("!")) | (first > ord("~")))
    if doubtful.any():
        rows = np.flatnonzero(doubtful)
        doubtful[rows] = ~matches(text.take(pa.array(rows, pa.int64())), SHOWN)
    return none | distinct(text, str.isspace, doubtful)


def identity(cells: Cells) -> Iterator[Hit]:
    """Cells that must not be empty, a confirmed claim's fact key, duplicate claim ids
    and the fact key's form."""
    for column in IDENTITY:
        yield from hit(f"missing:{column}", "missing-value", column, cells.blank(column),
                       lambda _, column=column: f"{column} is empty")
    fact_key = cells["fact_key"]
    confirmed = flags(pc.equal(cells["status"], "confirmed"))
    yield from hit("missing:fact_key", "missing-value", "fact_key",
                   confirmed & cells.blank("fact_key"),
                   lambda _: "a confirmed claim needs a fact_key; give one or set status "
                             "candidate")
    yield from _duplicates(cells)
    odd = distinct(fact_key, lambda key: not FACT_KEY.match(key),
                   ~cells.empty("fact_key") & ~matches(fact_key, PLAIN_FACT_KEY))
    yield from hit("fact-key", "fact-key-format", "fact_key", odd,
                   lambda at: f"fact_key {cells.cell('fact_key', at)!r} should be dotted "
                              "lowercase words, e.g. kursk.assault_force.size", "warning")


def _duplicates(cells: Cells) -> Iterator[Hit]:
    """Rows repeating a claim id of an earlier row (of the whole ledger)."""
    ledger = cells.ledger
    if "claim_id" not in ledger.claims.columns:
        return
    ids = arrow_text(ledger.claims["claim_id"]).fill_null("")
    if short_and_distinct(ids):  # every id once: nothing repeats
        return
    coded = pc.dictionary_encode(ids).combine_chunks()
    if len(coded.dictionary) == len(ids):  # longer ids, each once
        return
    codes = np.asarray(coded.indices)
    repeated = np.ones(len(codes), dtype=bool)
    repeated[np.unique(codes, return_index=True)[1]] = False
    repeated &= ~flags(pc.equal(ids, ""))
    if not repeated.any():
        return
    first = np.full(len(coded.dictionary), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # each id's first row

    def message(at: int) -> str:
        label = ledger.claims.index[first[codes[cells.rows[at]]]]
        return f"duplicate claim_id (first on line {cells.line_of(label)})"

    yield from hit("duplicate", "duplicate-claim-id", "claim_id", repeated[cells.rows], message)


def short_and_distinct(text: pa.ChunkedArray) -> bool:
    """True when every cell is at most :data:`SHORT_CELL_BYTES` of UTF-8 and no two are
    equal: each cell's bytes and length packed into one integer, the integers sorted
    (no hash table of strings)."""
    packed = [np.empty(0, np.uint64)]
    for chunk in text.cast(pa.large_string()).chunks:
        _, offsets, data = chunk.buffers()
        starts = np.frombuffer(offsets, np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
        sizes, first = np.diff(starts), starts[:-1]
        longest = int(sizes.max(initial=0))
        if longest > SHORT_CELL_BYTES:
            return False
        raw = np.frombuffer(data or b"\0", np.uint8)
        word = sizes.astype(np.uint64) << np.uint64(8 * SHORT_CELL_BYTES)
        for k in range(longest):
            byte = np.where(sizes > k, raw[np.minimum(first + k, len(raw) - 1)], 0)
            word |= byte.astype(np.uint64) << np.uint64(8 * k)
        packed.append(word)
    words = np.sort(np.concatenate(packed))
    return not (words[1:] == words[:-1]).any()


def vocabulary(cells: Cells) -> Iterator[Hit]:
    """Cells of a column with a vocabulary that are not one of its words."""
    for column, allowed in VOCABULARIES.items():
        values = cells[column]
        choices = ", ".join(sorted(allowed))
        known = flags(pc.is_in(values, value_set=pa.array(sorted(allowed), values.type)))
        yield from hit(f"vocabulary:{column}", f"bad-{column}", column,
                       ~cells.empty(column) & ~known,
                       lambda at, column=column, choices=choices:
                       f"{column} {cells.cell(column, at)!r} is not one of {choices}")


def numbers(cells: Cells) -> Iterator[Hit]:
    """Number cells that are not finite numbers, beyond the largest figure, or low above
    high (a cell is read stripped, by ``rules.read_number``)."""
    read: dict[str, np.ndarray] = {}
    for column in NUMBERS:
        text = cells[column]
        plain = plain_numbers(text)
        floats = np.full(cells.size, np.nan)
        if plain.any():
            floats[plain] = np.asarray(pc.cast(text.filter(pa.array(plain)), pa.float64()))
        read_here = ~plain & ~cells.blank(column)
        other = read_distinct(text, lambda cell: read_number(cell.strip()), read_here)
        bad = np.zeros(cells.size, dtype=bool)
        bad[read_here] = [isinstance(n, str) for n in other[read_here]]
        number = read_here & ~bad
        floats[number] = other[number].astype(float)
        read[column] = floats
        yield from hit(f"number:{column}", "bad-number", column, bad,
                       lambda at, column=column, other=other:
                       f"{column} {cells.cell(column, at).strip()!r} is {other[at]}")
        with np.errstate(invalid="ignore"):
            beyond = np.abs(floats) > MAX_FIGURE
        yield from hit(f"number:{column}", "number-out-of-range", column, beyond,
                       lambda at, column=column:
                       f"{column} {cells.cell(column, at).strip()!r} is beyond "
                       f"{MAX_FIGURE:.0e}, the largest figure read as a value (see "
                       "provenance/values/limits.py)", "warning")
    low, high = read["low"], read["high"]
    with np.errstate(invalid="ignore"):
        yield from hit("number-order", "low-above-high", "low", low > high,
                       lambda at: f"low {low[at]:g} > high {high[at]:g}")


def dates(cells: Cells) -> Iterator[Hit]:
    """Date cells that are not real YYYY-MM-DD dates, or date_low after date_high."""
    read: dict[str, np.ndarray] = {}
    for column in DATES:
        text = cells[column]
        given = ~cells.blank(column)
        day = read_distinct(text, parse_iso_date, given)
        read[column] = day
        yield from hit(f"date:{column}", "bad-date", column, given & (day == None),  # noqa: E711
                       lambda at, column=column:
                       f"{column} {cells.cell(column, at).strip()!r} is not a real "
                       "YYYY-MM-DD date")
    low, high = read["date_low"], read["date_high"]
    both = (low != None) & (high != None)  # noqa: E711
    after = np.zeros(cells.size, dtype=bool)
    after[both] = low[both] > high[both]
    yield from hit("date-order", "low-above-high", "date_low", after,
                   lambda at: f"date_low {low[at]} is after date_high {high[at]}")


def category(cells: Cells) -> Iterator[Hit]:
    """A category that is not a short single-line value; one on a claim not of kind text."""
    values, kind = cells["category"], cells["kind"]
    given = ~cells.blank("category")
    bad = distinct(values, category_problem, given & ~matches(values, PLAIN_CATEGORY, given))
    yield from hit("category", "bad-category", "category", bad,
                   lambda at: f"category {cells.cell('category', at)!r} "
                              f"{category_problem(cells.cell('category', at))}")

    def other_kind(at: int) -> str:
        shown = cells.cell("kind", at)
        return (f"category {cells.cell('category', at)!r} is only compared on kind=text "
                f"claims, and this claim is kind={shown}: its {shown} is compared, not the "
                "category; clear it or set kind text")

    text_kind = flags(pc.is_in(kind, value_set=pa.array(["", "text"], kind.type)))
    yield from hit("category", "category-not-text", "category", given & ~bad & ~text_kind,
                   other_kind, "warning")


def formulas(cells: Cells) -> Iterator[Hit]:
    """Cells a spreadsheet could run as formulas, in the file's column order."""
    for index, column in enumerate(cells.names):
        values = cells[column]
        found = distinct(values, is_formula_like, FORMULA_FIRST[cells.first_bytes(column)])
        yield from hit("formula", "formula-injection", column, found,
                       lambda at, column=column:
                       f"{column} begins with {cells.cell(column, at)[0]!r}: a spreadsheet "
                       "may run it as a formula; `provenance export --spreadsheet-safe` "
                       "writes a neutralised copy", "warning", rank=len(ORDER) + index)


def two_values(cells: Cells) -> Iterator[Hit]:
    """A value claim's quote holding two values of its kind (see quote_split.py): the
    quotes that may (one Arrow regex per kind) are read by the extractor, each distinct
    quote and kind once."""
    quotes, kinds = cells["quote"], cells["kind"]
    maybe = np.zeros(cells.size, dtype=bool)
    for kind in pc.unique(kinds).to_pylist():
        rows = flags(pc.equal(kinds, kind))
        maybe[rows] = may_hold_two(quotes.filter(pa.array(rows)), kind)
    rows = np.flatnonzero(maybe)
    taken = pa.array(rows, pa.int64())
    said: dict[tuple[str, str], str | None] = {}
    message = np.full(cells.size, None, dtype=object)
    for at, pair in zip(rows.tolist(), zip(quotes.take(taken).to_pylist(),
                                           kinds.take(taken).to_pylist(), strict=True),
                        strict=True):
        if pair not in said:
            said[pair] = two_values_message(*pair)
        message[at] = said[pair]
    yield from hit("two-values", "quote-holds-two-values", "quote",
                   message != None, message.__getitem__, "warning",  # noqa: E711
                   rank=len(ORDER) + len(cells.names))
