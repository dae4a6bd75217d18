"""Exact CSV reading at Arrow's pace, for files where Arrow and the csv module read alike.

``csvio.parse`` reads a large file through here first. Arrow's multithreaded reader gives
the cells; numpy over the bytes gives where each record starts (a line end outside quoted
fields: one after an even number of quote marks), so every record's raw text is still a
slice of the file and an unedited table writes back byte for byte. Arrow is only asked
where it cannot part from the csv module: nothing :func:`csvio._doubtful` flags (no NUL,
no lone CR, no quote mark inside a field's text), an even number of quote marks, no
blank first line, two to ``csvio.MEMO_COLUMNS`` columns, and every record exactly as wide
as the header. Anything else (and any record count or header that does not match)
returns None and the csv module reads the file, which also words any error.
"""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from provenance import csvio
from provenance.errors import LedgerFormatError

HEADER_GUESS_BYTES = 1 << 16  # where the header's first line is looked for
FAST_MIN_BYTES = 1 << 20  # smaller files are read by the csv module (Arrow's start-up)
ARROW_BLOCK_BYTES = 1 << 21  # Arrow's blocks of a file in memory: a quarter less CPU than
# csvio.BLOCK_BYTES at 1M claims (75 MB), and more blocks for its threads


@dataclass(frozen=True)
class Records:
    """A file's header, its cells column by column, and where its records are."""

    header: list[str]
    columns: list[np.ndarray]
    bounds: np.ndarray  # code-point offsets: each record's start, then the text's end
    lines: list[int]  # the 1-based line where each record starts
    arrow: list[pa.ChunkedArray] | None  # the same cells as Arrow read them, when kept


@dataclass(frozen=True)
class ArrowRecords:
    """:class:`Records` with the cells as Arrow read them (strings, no Python objects)."""

    header: list[str]
    table: pa.Table  # one large_string column per header column, named as the header
    bounds: np.ndarray  # code-point offsets, or byte offsets when read without the text
    lines: np.ndarray  # int64, as :attr:`Records.lines`


def arrow_records(body: bytes, text: str, name: str, *, keep: bool = False
                  ) -> Records | None:
    """``body`` (UTF-8, no BOM; ``text`` is it decoded) read by Arrow, or None when the
    csv module must read it (see the module docstring); with ``keep``, Arrow's cells are
    kept beside the Python ones."""
    read = arrow_table(body, text, name)
    if read is None:
        return None
    header, bounds, lines, records = read.header, read.bounds, read.lines, read.table
    del read
    columns, kept = [], records.columns if keep else None
    while records.num_columns:  # each Arrow column let go once its cells are made
        columns.append(_cells(records.column(0)))
        records = records.remove_column(0)
    pa.default_memory_pool().release_unused()  # what Arrow freed goes back to the system
    return Records(header, columns, bounds, lines.tolist(), kept)


def arrow_table(body: bytes, text: str | None, name: str) -> ArrowRecords | None:
    """:func:`arrow_records` with the cells left as Arrow strings; without ``text`` (the
    body not decoded: Arrow checks that every cell is UTF-8) the bounds are byte offsets.
    Arrow parses the body while numpy finds where its records are (a body found doubtful
    waits for that parse, then goes to the csv module)."""
    if len(body) < FAST_MIN_BYTES or body[:1] in (b"\n", b"\r"):
        return None
    data = np.frombuffer(body, dtype=np.uint8)
    with ThreadPoolExecutor(max_workers=1) as pool:  # Arrow parses while numpy scans
        width = _first_line_width(bytes(body[:HEADER_GUESS_BYTES]))
        parsed = pool.submit(_read, body, width, name) if width > 1 else None
        marks = csvio.byte_marks(data)
        if marks.odd or marks.doubtful:
            return None
        starts, newlines = _record_starts(data, marks.quotes, marks.newlines)
        try:
            raw_header = bytes(data[: starts[1] if len(starts) > 1 else len(data)]).decode(
                "utf-8")
        except UnicodeDecodeError:  # the exact reader words it
            return None
        header = next(csv.reader(io.StringIO(raw_header, newline="\n"), strict=True), [])
        if not 2 <= len(header) <= csvio.MEMO_COLUMNS:  # one column, or wider than a ledger
            return None
        table = (parsed.result() if parsed and width == len(header)  # else guessed wrong
                 else _read(body, len(header), name))
    if table is None or table.num_rows != len(starts) or table.slice(0, 1).to_pylist() != [
            dict(zip(table.column_names, header, strict=True))]:
        return None
    bounds = np.append(starts[1:], len(body))
    bounds = bounds if text is None else _code_points(text, data, bounds)
    lines = np.searchsorted(newlines, starts[1:]) + 1
    return ArrowRecords(header, table.slice(1).rename_columns(header), bounds, lines)


def _cells(column: pa.ChunkedArray) -> np.ndarray:
    """A column's cells as an object array of str, equal cells one string object (a
    million "confirmed" cells take one string's memory, as the csv path's memo gives),
    unless most of its first ``csvio.MEMO_CELLS`` cells differ (claim ids, quotes): such
    a column is left as read, one string per cell, as the csv path leaves a column with
    more distinct cells than that."""
    sample = column.slice(0, csvio.MEMO_CELLS)
    if pc.count_distinct(sample).as_py() * 2 > len(sample):
        return column.to_numpy(zero_copy_only=False)
    coded = column.combine_chunks().dictionary_encode()
    return coded.dictionary.to_numpy(zero_copy_only=False)[coded.indices.to_numpy()]


def _record_starts(data: np.ndarray, quotes: np.ndarray, newlines: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Byte offsets where records start (the header first), and of every line feed
    (``quotes`` and ``newlines``: the offsets of the quote marks and line feeds).

    A record ends at a line feed after an even number of quote marks; a blank line stays
    with the record before it, as the csv module reads it."""
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0] + 1
    starts = np.concatenate(([0], ends[ends < len(data)])).astype(np.int64)
    following = np.append(starts[1:], len(data))
    length = following - starts
    blank = (length == 1) | ((length == 2) & (data[np.minimum(starts, len(data) - 1)]
                                              == ord("\r")))
    return starts[~blank], newlines


def _code_points(text: str, data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Byte offsets into UTF-8 ``data`` as code-point offsets into ``text``."""
    if len(text) == len(data):
        return offsets
    continuation = np.flatnonzero((data & 0xC0) == 0x80)
    return offsets - np.searchsorted(continuation, offsets)


def _first_line_width(start: bytes) -> int:
    """The number of cells on the first line of ``start`` (0 when it has no whole line or
    cannot be read): the header's width, unless a quoted header cell holds a line feed."""
    line, found, _ = start.partition(b"\n")
    try:
        return len(next(csv.reader([line.decode("utf-8")]), [])) if found else 0
    except (UnicodeDecodeError, csv.Error):
        return 0


def _read(body: bytes, width: int, name: str) -> pa.Table | None:
    """Every record of ``body`` (the header row too) as ``width`` string columns; None
    when Arrow finds a record of another width or cannot read the file."""
    import pyarrow.csv as pacsv  # only large files come here (as csvio.read_frame does)

    names = [f"f{i}" for i in range(width)]
    try:
        block = csvio.block_size(io.BytesIO(body), len(body), name, ARROW_BLOCK_BYTES)
        return pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(body)),
            read_options=pacsv.ReadOptions(block_size=block, column_names=names),
            parse_options=pacsv.ParseOptions(newlines_in_values=True,
                                             invalid_row_handler=lambda row: "error"),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowKeyError, LedgerFormatError):
        return None
