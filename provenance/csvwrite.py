"""Writing a CSV table back: unchanged records from their raw text, the rest serialised.

The new cells are compared with the cells the table was read with column by column
(numpy over the object arrays), so a save that edits a few rows of a million looks at
those rows only. A row that kept its cells at its place is written from its record's
raw text. Rows that changed, moved, came or went are matched as whole rows against the
old records left over: a row whose cells equal an unused old record's takes that
record's raw text (first come, first served, as rows alike in cells may differ in bytes:
one stops short), and the rest are serialised in the file's quoting and line ending.
The file goes out in blocks: runs of unchanged records are slices of the text read, so
neither the new text nor its bytes is ever built whole, and the table of the file
written keeps the text read plus the records written anew (:class:`RawRecords`).
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from provenance.errors import UsageError

if TYPE_CHECKING:
    from provenance.csvio import CsvTable

PIECE_CHARS = 1 << 22  # the text goes out in blocks of about this many characters
FRESH_RECORDS = 1 << 12  # records written anew go out this many at a time
QUOTED = ',"\r\n'  # a cell holding one of these is quoted (the csv module's minimal quoting)
QUOTED_BYTES = np.isin(np.arange(256), list(QUOTED.encode()))  # by byte: one of QUOTED


class RawRecords(Sequence[str]):
    """The raw text of each record (with any blank lines after it): a slice of the text
    read (``bounds``: each record's start, then the text's end), or, in a table written
    since, the slice of the record it kept (``order``) or the text written anew for it
    (``fresh``, by position)."""

    def __init__(self, text: str, bounds: np.ndarray, order: np.ndarray | None = None,
                 fresh: Mapping[int, str] | None = None):
        self._text, self._bounds = text, bounds
        self._order = np.arange(len(bounds) - 1, dtype=np.int64) if order is None else order
        self._fresh = fresh or {}

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        at = int(self._order[index])
        return self._fresh[index] if at < 0 else self._text[self._bounds[at]:self._bounds[at + 1]]

    def __iter__(self) -> Iterator[str]:
        text, bounds, fresh = self._text, self._bounds.tolist(), self._fresh
        for index, at in enumerate(self._order.tolist()):
            yield fresh[index] if at < 0 else text[bounds[at] : bounds[at + 1]]

    def pieces(self) -> Iterator[str]:
        """All records' text, in order, as blocks of at most ``PIECE_CHARS`` characters
        (records kept in a row are one slice of the text read) and of records written
        anew (``FRESH_RECORDS`` at a time)."""
        order, text, bounds = self._order, self._text, self._bounds
        if not len(order):
            return
        previous = np.concatenate(([-2], order[:-1]))
        fresh = order < 0  # a run of records written anew is one run too
        begins = (fresh != (previous < 0)) | (~fresh & (order != previous + 1))
        begins[0] = True
        starts = np.flatnonzero(begins)
        for first, stop in itertools.pairwise([*starts.tolist(), len(order)]):
            at = int(order[first])
            if at < 0:
                for block in range(first, stop, FRESH_RECORDS):
                    yield "".join(map(self._fresh.__getitem__,
                                      range(block, min(stop, block + FRESH_RECORDS))))
                continue
            low, high = int(bounds[at]), int(bounds[order[stop - 1] + 1])
            for block in range(low, high, PIECE_CHARS):
                yield text[block : min(high, block + PIECE_CHARS)]

    def kept(self, order: np.ndarray, fresh: Mapping[int, str], newline: str) -> RawRecords:
        """The records of a table written from this one: record ``order[i]`` of these, or
        ``fresh[i]`` where ``order[i]`` is -1. A record that ended the file without a line
        end gets ``newline`` when another follows it."""
        kept = order >= 0
        composed = np.full(len(order), -1, dtype=np.int64)
        composed[kept] = self._order[order[kept]]
        texts = dict(fresh)
        carried = np.flatnonzero(kept & (composed < 0))
        texts.update(zip(carried.tolist(), (self._fresh[at] for at in order[carried].tolist()),
                         strict=True))
        last = len(self) - 1
        if last >= 0 and not self[last].endswith("\n"):
            for index in np.flatnonzero(order[:-1] == last).tolist():
                texts[index], composed[index] = self[last] + newline, -1
        return RawRecords(self._text, self._bounds, composed, texts)


@dataclass(frozen=True)
class Columns:
    """Cells column by column: one object array per column, each ``length`` long; with
    ``origins``, the record of the table read that each row was read from (any other
    number where it is unknown: a row added, a table built anew)."""

    arrays: list[np.ndarray]
    length: int
    origins: np.ndarray | None = None


Cells = Columns | Sequence[Sequence[str]]  # a table's cells: by column, or row by row


def columns_of(rows: Cells, width: int, name: str) -> Columns:
    """Rows of cells as :class:`Columns` (a row that is not ``width`` cells wide is refused)."""
    if isinstance(rows, Columns):
        return rows
    cells = np.empty((len(rows), width), dtype=object)
    for index, row in enumerate(rows):
        if len(row) != width:
            raise UsageError(f"{name}: row {index + 1} has {len(row)} cells, the header "
                             f"{width}; not written")
        cells[index, :] = list(row)
    return Columns([cells[:, i] for i in range(width)], len(rows))


@dataclass(frozen=True)
class Plan:
    """What a table's file becomes: the header record, which old record each row keeps
    (-1: written anew) and the new records' text; ``unchanged`` when the file's bytes
    would stay as they are."""

    header: str
    order: np.ndarray
    fresh: dict[int, str]
    unchanged: bool


def plan(table: CsvTable, header: list[str], cells: Columns) -> Plan:
    """How ``table`` is written with ``header`` and ``cells`` (see the module docstring)."""
    same_header = header == table.header
    if same_header:
        order = _kept(table.columns, cells, len(table.raw))
    else:
        order = np.full(cells.length, -1, dtype=np.int64)
    written = np.flatnonzero(order < 0)
    records = serialise_columns(cells.arrays, written, table.newline, table.name)
    fresh = dict(zip(written.tolist(), records, strict=True))
    head = table.raw_header if same_header else serialise([header], table.newline, table.name)[0]
    if len(order) and not head.endswith("\n"):
        head += table.newline
    unchanged = (same_header and cells.length == len(table.raw)
                 and not len(written) and bool((order == np.arange(len(order))).all()))
    return Plan(head, order, fresh, unchanged)


def _kept(old: list[np.ndarray], new: Columns, old_length: int) -> np.ndarray:
    """Each new row's old record (its raw text is written again), or -1.

    Rows moved from where they were read (``new.origins``) are matched as
    :func:`_kept_by_origin` does. Otherwise rows equal at their place keep their record;
    the rest (and every row sharing a first cell with one of them) are matched as
    :func:`_matched` does."""
    origins = new.origins
    if origins is not None and not np.array_equal(origins, np.arange(new.length)):
        return _kept_by_origin(old, new, origins, old_length)
    length = min(new.length, old_length)
    same = np.ones(length, dtype=bool)
    for fresh, held in zip(new.arrays, old, strict=True):
        if fresh is not held:
            same &= np.asarray(fresh[:length] == held[:length], dtype=bool)
    order = np.arange(new.length, dtype=np.int64)
    moved = np.flatnonzero(~same)
    new_side = np.concatenate([moved, np.arange(length, new.length)]).astype(np.int64)
    old_side = np.concatenate([moved, np.arange(length, old_length)]).astype(np.int64)
    if not len(new_side) and not len(old_side):
        return order
    if not old_length:  # nothing to keep
        return np.full(new.length, -1, dtype=np.int64)
    if not new.arrays:  # no columns: every row is alike
        return _matched(old, new.arrays, np.arange(old_length), np.arange(new.length), order)
    firsts = set(new.arrays[0][new_side].tolist()) | set(old[0][old_side].tolist())
    return _matched(old, new.arrays, _having(old[0], firsts), _having(new.arrays[0], firsts),
                    order)


def _kept_by_origin(old: list[np.ndarray], new: Columns, origins: np.ndarray,
                    old_length: int) -> np.ndarray:
    """Each new row's old record, or -1: a row whose cells are still those of the record
    it was read from keeps that record (the first such row, where several are); each
    of the rest takes the first unused old record with its cells, as :func:`_matched`
    does (only records sharing its first cell are looked at)."""
    order = np.full(new.length, -1, dtype=np.int64)
    rows = np.flatnonzero((origins >= 0) & (origins < old_length))
    records = origins[rows].astype(np.int64)
    same = np.ones(len(rows), dtype=bool)
    for fresh, held in zip(new.arrays, old, strict=True):
        same &= np.asarray(fresh[rows] == held[records], dtype=bool)
    rows, records = rows[same], records[same]
    first = np.unique(records, return_index=True)[1]  # the first row still holding each
    order[rows[first]] = records[first]
    used = np.zeros(old_length, dtype=bool)
    used[records] = True
    unused = np.flatnonzero(~used)
    left = np.flatnonzero(order < 0)
    if new.arrays and len(left) and len(unused):
        firsts = set(new.arrays[0][left].tolist())
        unused = unused[_having(old[0][unused], firsts)]
    if not len(left) or not len(unused):  # every row placed, or no record left to take
        return order
    return _matched(old, new.arrays, unused, left, order)


def _matched(old: list[np.ndarray], new: list[np.ndarray], old_rows: np.ndarray,
             new_rows: np.ndarray, order: np.ndarray) -> np.ndarray:
    """``order`` with each of ``new_rows`` given the first unused of ``old_rows`` whose
    cells equal its own (-1 when none is left). Every row whose cells are those of a
    changed row is among them, so the rest keep the records at their places."""
    unused: dict[tuple, int | deque[int]] = {}
    for key, at in zip(_rows(old, old_rows), old_rows.tolist(), strict=True):
        held = unused.setdefault(key, at)  # rows alike in cells are few: a deque for them
        if held != at:
            if not isinstance(held, deque):
                unused[key] = held = deque([held])
            held.append(at)
    for key, at in zip(_rows(new, new_rows), new_rows.tolist(), strict=True):
        held = unused.get(key)
        if isinstance(held, deque):
            order[at] = held.popleft()
            if not held:
                del unused[key]
        elif held is None:
            order[at] = -1
        else:
            order[at] = held
            del unused[key]
    return order


def _rows(columns: list[np.ndarray], rows: np.ndarray) -> Iterable[tuple]:
    """The cells of ``rows`` (ascending) as tuples; all rows are read from the columns
    themselves, not from copies of them."""
    if not columns:
        return [()] * len(rows)
    whole = len(rows) == len(columns[0])
    return zip(*(column if whole else column[rows] for column in columns), strict=True)


def _having(column: np.ndarray, cells: set) -> np.ndarray:
    """The rows whose cell in ``column`` is one of ``cells``."""
    found = np.fromiter(map(cells.__contains__, column), dtype=bool, count=len(column))
    return np.flatnonzero(found)


def serialise(rows: Iterable[Sequence[str]], newline: str, name: str) -> list[str]:
    """Records in the line ending ``newline``; a cell holding a line break of either kind is
    quoted (with a "\\n" terminator the csv module would leave a lone "\\r" bare, which no
    reader reads). A NUL in a cell is refused (UsageError naming ``name``)."""
    write = csv.writer(_Echo(), lineterminator="\r\n").writerow
    records = (list(map(write, rows)) if newline == "\r\n" else  # one list, never two
               [write(row)[:-2] + newline for row in rows])
    if any("\x00" in record for record in records):
        raise UsageError(f"{name}: a cell holds a NUL character; not written")
    return records


def serialise_columns(columns: list[np.ndarray], rows: np.ndarray, newline: str,
                      name: str) -> list[str]:
    """:func:`serialise` of ``rows`` (ascending) of ``columns``, a column at a time: a
    column is joined and searched once (a NUL refused, the cells that need quotes found
    by their bytes), and only the cells holding a comma, a quote or a line break are
    quoted. Cells that are not all str are left to :func:`serialise`."""
    whole = len(columns) > 0 and len(rows) == len(columns[0])
    try:
        quoted = [_quoted(column if whole else column[rows], name) for column in columns]
    except TypeError:  # a cell that is not str: the csv module writes it as it does
        return serialise(_rows(columns, rows), newline, name)
    if not quoted:
        return [newline] * len(rows)
    if len(quoted) == 1:  # the csv module quotes a record's only cell when it is empty
        quoted[0] = ['""' if cell == "" else cell for cell in quoted[0]]
    quoted[-1] = [cell + newline for cell in quoted[-1]]
    return list(map(",".join, zip(*quoted, strict=True)))


def _quoted(cells: np.ndarray, name: str) -> list[str]:
    """The cells as written: quoted (inner quotes doubled) where they hold a comma, a
    quote or a line break; a NUL is refused (UsageError naming ``name``), a cell that is
    not str raises TypeError."""
    listed = cells.tolist()
    joined = "\x00".join(listed)
    if joined.count("\x00") != max(len(listed) - 1, 0):
        raise UsageError(f"{name}: a cell holds a NUL character; not written")
    if not any(mark in joined for mark in QUOTED):
        return listed
    data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    marks = np.flatnonzero(QUOTED_BYTES[data])
    at = np.searchsorted(np.flatnonzero(data == 0), marks)  # ascending: each cell's marks
    for index in at[np.concatenate(([True], at[1:] != at[:-1]))].tolist():
        listed[index] = '"' + listed[index].replace('"', '""') + '"'
    return listed


class _Echo:
    """A file for ``csv.writer`` whose ``write`` returns the line: ``writerow`` returns it."""

    @staticmethod
    def write(line: str) -> str:
        return line


def encoded(pieces: Iterable[str], bom: bool) -> Iterator[bytes]:
    """UTF-8 of ``pieces`` (a BOM first when ``bom``), in blocks of about ``PIECE_CHARS``."""
    if bom:
        yield codecs.BOM_UTF8
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= PIECE_CHARS:
            yield "".join(batch).encode("utf-8")
            batch, size = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")
