"""Exact CSV reading at Arrow's pace, for files where Arrow and the csv module read alike.

``csvio.parse`` reads a large file through here first. numpy over the bytes gives where
each record starts (a line end outside quoted fields: one after an even number of quote
marks), so every record's raw text is still a slice of the file and an unedited table
writes back byte for byte; Arrow's reader gives the cells of pieces of the file cut
there, parsed in threads. Arrow is only asked where it cannot part from the csv module:
nothing :func:`csvio._doubtful` flags (no NUL, no lone CR, no quote mark inside a
field's text), an even number of quote marks, no blank first line, two to
``csvio.MEMO_COLUMNS`` columns, and every record exactly as wide as the header. Anything
else (and any record count or header that does not match) returns None and the csv
module reads the file, which also words any error.
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

FAST_MIN_BYTES = 1 << 20  # smaller files are read by the csv module (Arrow's start-up)
ARROW_BLOCK_BYTES = 1 << 21  # the pieces Arrow parses: a quarter less CPU than
# csvio.BLOCK_BYTES at 1M claims (75 MB), and more pieces for the threads


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


def arrow_records(body: bytes, text: str, *, keep: bool = False) -> Records | None:
    """``body`` (UTF-8, no BOM; ``text`` is it decoded) read by Arrow, or None when the
    csv module must read it (see the module docstring); with ``keep``, Arrow's cells are
    kept beside the Python ones."""
    read = arrow_table(body, text)
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


def arrow_table(body: bytes, text: str | None) -> ArrowRecords | None:
    """:func:`arrow_records` with the cells left as Arrow strings; without ``text`` (the
    body not decoded: Arrow checks that every cell is UTF-8) the bounds are byte offsets.
    numpy finds where the records are, then Arrow parses the body in pieces cut there."""
    if len(body) < FAST_MIN_BYTES or body[:1] in (b"\n", b"\r"):
        return None
    data = np.frombuffer(body, dtype=np.uint8)
    marks = csvio.byte_marks(data)
    if marks.odd or marks.doubtful:
        return None
    starts, newlines = _record_starts(data, marks.quotes, marks.newlines)
    try:
        raw_header = bytes(data[: starts[1] if len(starts) > 1 else len(data)]).decode("utf-8")
    except UnicodeDecodeError:  # the exact reader words it
        return None
    header = next(csv.reader(io.StringIO(raw_header, newline="\n"), strict=True), [])
    if not 2 <= len(header) <= csvio.MEMO_COLUMNS:  # one column, or wider than a ledger
        return None
    table = _read(body, len(header), starts)
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


def _read(body: bytes, width: int, starts: np.ndarray) -> pa.Table | None:
    """Every record of ``body`` (the header row too) as ``width`` string columns; None
    when Arrow finds a record of another width or cannot read the file.

    The body is cut where records start (``starts``) into pieces of about
    :data:`ARROW_BLOCK_BYTES`, and Arrow parses each as one final block, in threads: its
    own split into blocks would look for line feeds inside quoted fields (a third of its
    parse, at 1M claims) and could end a block between a CR and its LF."""
    import pyarrow.csv as pacsv  # only large files come here (as csvio.read_frame does)

    names = [f"f{i}" for i in range(width)]
    whole = pa.py_buffer(body)
    ahead = np.searchsorted(starts, np.arange(0, len(body), ARROW_BLOCK_BYTES))
    cuts = np.unique(np.append(starts[ahead[ahead < len(starts)]], len(body))).tolist()

    def piece(first: int, end: int) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(whole.slice(first, end - first)),
            read_options=pacsv.ReadOptions(block_size=end - first, column_names=names,
                                           use_threads=False),
            parse_options=pacsv.ParseOptions(invalid_row_handler=lambda row: "error"),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )

    try:
        with ThreadPoolExecutor(max_workers=pa.cpu_count()) as pool:  # outside the GIL
            return pa.concat_tables(pool.map(piece, cuts[:-1], cuts[1:]))
    except (pa.ArrowInvalid, pa.ArrowKeyError):
        return None
