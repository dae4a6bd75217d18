"""Exact CSV reading with positions, and byte-preserving writing.

A table remembers the raw text of every record, its BOM and its line ending, so a
table written back with no edits is byte-identical, and a table with edits changes
only the records that changed. A record may stop after its last non-empty field (a
hand-typed row): it is read with empty cells for the columns it leaves out, and written
back as it was unless its cells change. Errors name the file, the line and the column.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance.atomic import Fingerprint
from provenance.csvwrite import (
    QUOTED_BYTES,
    Cells,
    Columns,
    Plan,
    RawRecords,
    columns_of,
    encoded,
    plan,
)
from provenance.errors import LedgerFormatError
from provenance.files import env_limit_bytes, read_regular, regular_size, size_message

if TYPE_CHECKING:
    from provenance.transaction import Transaction

LIMIT_VARIABLE = "PROVENANCE_MAX_CSV_MB"
MAX_EXACT_BYTES: int | None = None  # None: PROVENANCE_MAX_CSV_MB, else what memory holds
MEMORY_PER_BYTE = 12  # peak memory of a command per byte of claims.csv (measured at 1M rows)
MIN_EXACT_MB = 64  # never less, however little memory is free
FRAME_MEMORY_PER_BYTE = 9  # the check's frames and batch: about 8.5x the file at 1M claims
MEMO_COLUMNS = 256  # tables wider than this keep their cells as read
MEMO_CELLS = 1 << 17  # distinct cells of a column beyond which equal cells are not shared
CHUNK_ROWS = 256  # records gathered at a time (few enough to die young: less GC work)
NEWLINE = re.compile("\n")
BLOCK_BYTES = 1 << 22  # pyarrow parses 4 MiB blocks faster than 16 MiB (1 MiB is slower)
SCAN_BYTES = 1 << 19  # bytes scanned at a time (their work arrays stay in the cache)
# by byte: may stand next to a quote mark that opens or closes a field: a quote, a comma,
# a line end, the very bytes a cell is quoted for
FIELD_BOUND = QUOTED_BYTES
BLOCK_TRIES = 4096  # block sizes tried, from BLOCK_BYTES down, to avoid a split CRLF
# pandas 3's default ``str`` dtype, backed by Arrow: read_frame hands Arrow text over
# without building a million Python strings.
TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))


@dataclass
class CsvTable:
    """A parsed CSV file and everything needed to write it back unchanged."""

    name: str
    header: list[str]
    columns: list[np.ndarray]  # one object array of str cells per column
    raw_header: str
    raw: RawRecords
    lines: list[int]
    bom: bool
    newline: str
    fingerprint: Fingerprint
    arrow: list[pa.ChunkedArray] | None = field(default=None, repr=False, compare=False)
    """The cells of ``columns`` as Arrow read them, when asked for (``read_table``), until
    taken (:meth:`take_arrow`)."""

    def take_arrow(self) -> list[pa.ChunkedArray] | None:
        """:attr:`arrow`, handed over once (the table then lets them go)."""
        arrow, self.arrow = self.arrow, None
        return arrow

    @property
    def rows(self) -> list[list[str]]:
        """The records' cells, row by row (built on each call: prefer ``columns``)."""
        return [list(row) for row in zip(*self.columns, strict=True)]

    def dump(self, header: list[str], rows: Cells) -> bytes:
        """Encode ``header`` and ``rows``, reusing the raw text of every unchanged record."""
        return b"".join(self.blocks(header, rows))

    def blocks(self, header: list[str], rows: Cells) -> Iterator[bytes]:
        """:meth:`dump` in blocks of bytes, to be written as they come."""
        planned, _, raw = self._planned(header, rows)
        return self._bytes(planned, raw)

    def write_over(
        self, path: Path, header: list[str], rows: Cells, *, tx: Transaction
    ) -> CsvTable | None:
        """Stage ``header`` and ``rows`` (lists of cells, or :class:`Columns`) in ``tx`` over
        the file this table was read from.

        Nothing is staged when the bytes would not change (None); a file changed on disk
        since it was read is refused (StaleLedgerError). Returns the table as it will be
        once ``tx`` commits: its records' text is this table's text and the records
        written anew, not a second copy of the file; its cells are those given, in arrays
        of its own (a frame edited in place later leaves them).
        """
        planned, cells, raw = self._planned(header, rows)
        if planned.unchanged:
            return None
        written = tx.replace(path, self._bytes(planned, raw), expected=self.fingerprint)
        return CsvTable(name=self.name, header=list(header),
                        columns=[np.array(column, dtype=object) for column in cells.arrays],
                        raw_header=planned.header, raw=raw, lines=self._lines(planned).tolist(),
                        bom=self.bom, newline=self.newline, fingerprint=written)

    def stage_over(
        self, path: Path, header: list[str], rows: Cells, *, tx: Transaction
    ) -> bool:
        """:meth:`write_over` without the new table: whether anything was staged."""
        planned, _, raw = self._planned(header, rows)
        if not planned.unchanged:
            tx.replace(path, self._bytes(planned, raw), expected=self.fingerprint)
        return not planned.unchanged

    def _planned(self, header: list[str], rows: Cells) -> tuple[Plan, Columns, RawRecords]:
        """How ``header`` and ``rows`` are written over this table: the plan, the cells and
        the new file's records."""
        cells = columns_of(rows, len(header), self.name)
        planned = plan(self, header, cells)
        return planned, cells, self.raw.kept(planned.order, planned.fresh, self.newline)

    def _bytes(self, planned: Plan, raw: RawRecords) -> Iterator[bytes]:
        """The new file's bytes, block by block: the header, then the records ``raw``."""
        return encoded(itertools.chain([planned.header], raw.pieces()), self.bom)

    def _lines(self, planned: Plan) -> np.ndarray:
        """The line where each record of the file ``planned`` starts: each kept record
        spans as many lines as it did here, a new one as many as its line feeds."""
        order = planned.order
        spans = np.diff(np.asarray(self.lines, dtype=np.int64), append=0)
        if len(spans):
            spans[-1] = self.raw[len(spans) - 1].count("\n")
        counts = np.zeros(len(order), dtype=np.int64)
        counts[order >= 0] = spans[order[order >= 0]]
        for index, record in planned.fresh.items():
            counts[index] = record.count("\n")
        if len(spans) and not self.raw[len(spans) - 1].endswith("\n"):  # given a line end
            counts[np.flatnonzero(order[:-1] == len(spans) - 1)] += 1
        first = planned.header.count("\n") + 1
        return first + np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)


def frame_cells(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The header and string cells of a DataFrame, row by row, missing values as empty
    cells. A column of str objects gives its own objects (no copy of a million cells)."""
    header, cells = frame_columns(frame)
    rows = (np.column_stack(cells.arrays).tolist() if cells.arrays
            else [[] for _ in range(cells.length)])
    return header, rows


def frame_columns(frame: pd.DataFrame) -> tuple[list[str], Columns]:
    """:func:`frame_cells` column by column, for writing a table without building its rows.

    A frame read from a table (:func:`provenance.ledger.load_ledger`) is labelled by
    record number; whole-number labels go with the cells as the records the rows were
    read from, so rows that were only moved keep their records' text."""
    columns = [_strings(frame.iloc[:, i]) for i in range(frame.shape[1])]
    index = frame.index
    origins = index.to_numpy(dtype=np.int64) if pd.api.types.is_integer_dtype(index) else None
    return list(map(str, frame.columns)), Columns(columns, len(frame), origins)


def _strings(column: pd.Series) -> np.ndarray:
    """A column's cells as an object array of str (missing values as "")."""
    values = column.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return values
    return column.fillna("").astype(str).to_numpy(dtype=object)


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 bytes."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    return line, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def decode(data: bytes, name: str) -> tuple[str, bool]:
    """Decode UTF-8 (with an optional BOM); a bad byte is an error at its line and column."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LedgerFormatError(
            name,
            *byte_position(body, exc.start),
            f"not UTF-8: byte 0x{body[exc.start]:02x} cannot be decoded; save the file as UTF-8",
        ) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        raise LedgerFormatError(name, line, column, "NUL character: this looks like a binary file")
    return text, bom


def read_table(path: Path, name: str | None = None, *, arrow: bool = False) -> CsvTable:
    """Read a CSV file exactly; raise LedgerFormatError naming file, line and column.
    With ``arrow``, a file Arrow reads keeps its cells as read (:attr:`CsvTable.arrow`)."""
    name = name or str(path)
    return table_of_bytes(exact_bytes(Path(path), name), name, arrow=arrow)


def exact_bytes(path: Path, name: str) -> bytes:
    """A CSV file's bytes for exact reading, refused beyond :func:`exact_limit`."""
    limit = exact_limit()
    size = regular_size(path, name)  # a FIFO or a device is refused before it is opened
    if size > limit:
        raise LedgerFormatError(
            name,
            None,
            None,
            f"file is {size / 2**20:.1f} MiB; exact reading is limited to "
            f"{limit / 2**20:.0f} MiB (set {LIMIT_VARIABLE} to raise it); "
            "`provenance check` reads large ledgers",
        )
    return read_regular(path, name, limit, what="exact reading", setting=LIMIT_VARIABLE)


def table_of_bytes(data: bytes, name: str, *, arrow: bool = False) -> CsvTable:
    """Parse a CSV file's bytes exactly (see :func:`read_table`)."""
    text, bom = decode(data, name)
    fingerprint = Fingerprint.of_bytes(data)
    return parse(text, name, bom=bom, fingerprint=fingerprint,
                 body=memoryview(data)[len(codecs.BOM_UTF8) if bom else 0:], arrow=arrow)


def exact_limit() -> int:
    """The exact reader's size limit in bytes: ``MAX_EXACT_BYTES`` when set, else
    :func:`memory_limit` at ``MEMORY_PER_BYTE`` (cells, frames, the text kept for
    byte-exact writing)."""
    if MAX_EXACT_BYTES is not None:
        return MAX_EXACT_BYTES
    return memory_limit(MEMORY_PER_BYTE)


def frame_limit() -> int:
    """The fast reader's size limit in bytes: :func:`memory_limit` at
    ``FRAME_MEMORY_PER_BYTE`` (the check's frames and batch)."""
    return memory_limit(FRAME_MEMORY_PER_BYTE)


def memory_limit(per_byte: float) -> int:
    """``PROVENANCE_MAX_CSV_MB`` in bytes (a bad value is a UsageError naming it), else
    what the machine's available memory holds when a read file takes ``per_byte`` times
    its size, never under ``MIN_EXACT_MB``."""
    fitting = available_memory() / per_byte / 2**20
    return env_limit_bytes(LIMIT_VARIABLE, max(MIN_EXACT_MB, fitting))


def available_memory() -> int:
    """Bytes of memory available to a new allocation: ``MemAvailable`` of /proc/meminfo,
    else the physical memory; 0 when neither can be read."""
    try:
        with Path("/proc/meminfo").open() as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return 0


def parse(text: str, name: str, *, bom: bool = False, fingerprint: Fingerprint | None = None,
          body: bytes | memoryview | None = None, arrow: bool = False):
    """Parse CSV text into a CsvTable, checking the header and every record's width.

    A record shorter than the header gets empty cells for the columns it leaves out.
    A large file Arrow reads as the csv module would is read by Arrow (see
    :mod:`provenance.csvarrow`; ``body`` is the text's UTF-8 bytes when the caller has
    them; with ``arrow`` the table keeps Arrow's cells too); else one pass of the csv
    module over the whole text; cells are gathered
    column by column and a record's raw text is a slice of ``text`` taken only when
    asked for.
    """
    if not text.strip():
        raise LedgerFormatError(name, 1, 1, "empty file: expected a header row")
    from provenance.csvarrow import arrow_records  # it reads this module's helpers

    fast = arrow_records(text.encode("utf-8") if body is None else body, text, keep=arrow)
    if fast is not None:
        check_header(fast.header, text[: fast.bounds[0]], name)
        return CsvTable(name=name, header=fast.header, columns=fast.columns,
                        raw_header=text[: fast.bounds[0]], raw=RawRecords(text, fast.bounds),
                        lines=fast.lines, bom=bom, newline=_newline(text),
                        fingerprint=fingerprint or Fingerprint.of_bytes(text.encode("utf-8")),
                        arrow=fast.arrow)
    lines = line_starts(text)
    newline = _newline(text)
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
    header: list[str] | None = None
    header_line = consumed = 0
    body_lines = array("q")  # arrays of numbers and numpy arrays of cells: nothing the
    parts: list[np.ndarray] = []  # garbage collector walks, however many records
    memos: list[dict[str, str] | None] = []
    chunk: list[list[str]] = []
    try:
        for row in reader:
            if not row:  # a blank line stays with the record before it
                consumed = reader.line_num
                continue
            if header is None:
                header, header_line = row, consumed
                memos = [{} if len(header) <= MEMO_COLUMNS else None for _ in header]
            elif len(row) != len(header):
                if len(row) > len(header):
                    raw = text[lines[consumed] : lines[reader.line_num]]
                    raise _width_error(raw, consumed + 1, name, len(row), len(header))
                chunk.append(padded(row, len(header)))
                body_lines.append(consumed + 1)
            else:
                chunk.append(row)
                body_lines.append(consumed + 1)
            if len(chunk) >= CHUNK_ROWS:
                _gather(parts, memos, chunk)
            consumed = reader.line_num
    except csv.Error as exc:
        raise _locate_error(text[lines[consumed] :], consumed, name, str(exc)) from None
    if header is None:
        raise LedgerFormatError(name, 1, 1, "empty file: expected a header row")
    _gather(parts, memos, chunk)
    bounds = np.append(lines[np.frombuffer(body_lines, dtype=np.int64) - 1], len(text))
    raw_header = text[lines[header_line] : bounds[0]]
    check_header(header, raw_header, name)
    return CsvTable(
        name=name,
        header=header,
        columns=_columns(parts, len(header)),
        raw_header=raw_header,
        raw=RawRecords(text, bounds),
        lines=body_lines.tolist(),
        bom=bom,
        newline=newline,
        fingerprint=fingerprint or Fingerprint.of_bytes(text.encode("utf-8")),
    )


def _newline(text: str) -> str:
    """The line ending of a file: that of its first line."""
    first_end = text.find("\n")
    return "\r\n" if first_end > 0 and text[first_end - 1] == "\r" else "\n"


def _gather(parts: list[np.ndarray], memos: list[dict[str, str] | None],
            chunk: list[list[str]]) -> None:
    """Move a chunk of records into ``parts`` as one 2-D array of cells; empty it.

    Equal cells of a column with few distinct values become one string object (a million
    "confirmed" cells take one string's memory, and hash once); a column found to have
    more than ``MEMO_CELLS`` distinct values is left as read, and so is a table wider than
    ``MEMO_COLUMNS``.
    """
    if not chunk:
        return
    if any(memo is not None for memo in memos):
        columns = [cells if memo is None else list(map(memo.setdefault, cells, cells))
                   for memo, cells in zip(memos, zip(*chunk, strict=True), strict=True)]
        block = np.array(columns, dtype=object).T
        memos[:] = [None if memo is not None and len(memo) > MEMO_CELLS else memo
                    for memo in memos]
    else:
        block = np.array(chunk, dtype=object)
    parts.append(block)
    chunk.clear()


def _columns(parts: list[np.ndarray], width: int) -> list[np.ndarray]:
    """The parts' cells as one array per column (views of one 2-D array)."""
    cells = np.concatenate(parts) if parts else np.empty((0, width), dtype=object)
    parts.clear()
    return [cells[:, i] for i in range(width)]


def line_starts(text: str) -> np.ndarray:
    """The offset (code points) where each line of ``text`` starts, and ``len(text)`` last."""
    if text.isascii():  # numpy over the bytes, a block at a time
        ends = np.concatenate([[]] + [
            np.flatnonzero(np.frombuffer(text[at : at + BLOCK_BYTES].encode("ascii"),
                                         dtype=np.uint8) == ord("\n")) + (at + 1)
            for at in range(0, len(text), BLOCK_BYTES)
        ]).astype(np.int64)
    else:
        ends = np.fromiter((m.end() for m in NEWLINE.finditer(text)), dtype=np.int64)
    return np.concatenate(([0], ends[ends < len(text)], [len(text)])).astype(np.int64)


def check_header(header: list[str], raw_header: str, name: str) -> None:
    """Refuse an empty or duplicate column name; linear in the number of columns (the
    header is scanned for positions once, and only when there is something to report)."""
    seen: set[str] = set()
    for index, column in enumerate(header):
        if not column.strip():
            col = field_columns(raw_header)[index][1]
            raise LedgerFormatError(name, 1, col, f"column {index + 1} has an empty name")
        if column in seen:
            col = field_columns(raw_header)[index][1]
            raise LedgerFormatError(name, 1, col, f"duplicate column {column!r}")
        seen.add(column)


def padded(row: list[str], width: int) -> list[str]:
    """A record's cells with empty ones added up to ``width`` (a row that stops early)."""
    return row + [""] * (width - len(row)) if len(row) < width else row


def _width_error(raw: str, line: int, name: str, width: int, expected: int) -> LedgerFormatError:
    at_line, at_col = field_columns(raw, line)[expected]
    what = f"row has {width} fields, the header has {expected}; extra field starts here"
    return LedgerFormatError(name, at_line, at_col, what)


def cell_position(raw: str, line: int, index: int) -> tuple[int, int]:
    """``(line, column)`` of field ``index`` of a raw record; for a field the record leaves
    out (it stops early), the place just after its last character. The record is split
    at its commas when the fields before the one asked for hold no quote mark or line end
    (for a field it leaves out, when the record holds none), else walked character by
    character."""
    parts = raw.split(",", index)
    if len(parts) > index:
        before = len(raw) - len(parts[-1])
        head = raw[:before]
        if '"' not in head and "\n" not in head and "\r" not in head:
            return line, before + 1
    body = raw.rstrip("\r\n")
    if '"' not in body and "\n" not in body and "\r" not in body:  # fewer fields
        return line, len(body) + 1
    starts = field_columns(raw, line)
    if index < len(starts):
        return starts[index]
    return line + body.count("\n"), len(body) - body.rfind("\n")


def field_columns(raw: str, line: int = 1) -> list[tuple[int, int]]:
    """``(line, column)`` (1-based) where each field of one raw CSV record starts."""
    return _scan(raw, line)[0]


def _scan(text: str, line: int) -> tuple[list[tuple[int, int]], tuple[int, int, str] | None]:
    """Walk the first CSV record of ``text``: field starts, and the first error if any."""
    starts = [(line, 1)]
    col, index, in_quotes, at_start, opened = 1, 0, False, True, (line, 1)
    while index < len(text):
        char = text[index]
        step = 1
        if in_quotes:
            following = text[index + 1 : index + 2]
            if char == '"' and following == '"':
                step = 2
            elif char == '"':
                in_quotes = False
                if following not in ("", ",", "\n", "\r"):
                    return starts, (
                        line,
                        col + 1,
                        f"unexpected {following!r} after a closing quote",
                    )
        elif char == '"' and at_start:
            in_quotes, opened = True, (line, col)
        elif char == ",":
            starts.append((line, col + 1))
        elif char == "\n":
            break
        at_start = char == "," and not in_quotes
        if char == "\n":
            line, col = line + 1, 1
        else:
            col += step
        index += step
    if in_quotes:
        return starts, (*opened, "quoted field is never closed (unterminated quote)")
    return starts, None


def _locate_error(rest: str, first: int, name: str, reason: str) -> LedgerFormatError:
    """Find where a record that the csv module rejected goes wrong (``rest``: the text from
    the start of its line, line ``first + 1``)."""
    error = _scan(rest, first + 1)[1]
    if error is None:
        return LedgerFormatError(name, first + 1, 1, f"malformed CSV: {reason}")
    return LedgerFormatError(name, *error)


def read_frame(path: Path, usecols: list[str] | None = None, name: str | None = None):
    """Read a large CSV fast into string columns (pyarrow's reader).

    Quoted newlines are allowed and no record may be wider than the header; anything
    the reader rejects (a row too wide, a bad quote, bad UTF-8) is re-read exactly to
    report its file, line and column. A record that stops early gets empty cells, as
    the exact reader gives it; Arrow cannot say where such a record was, so these rows
    come after the others (what a check finds does not depend on the rows' order).
    Arrow reads the file in blocks itself, so the whole file is never one Python
    ``bytes``; the quotes are counted in a second read, and a file that changed in
    between is an error. Arrow parses in one thread while numpy counts the quotes in
    another (the check reads the sources beside both; Arrow's own threads would cost a
    quarter more CPU).
    """
    import pyarrow.csv as pacsv  # only large files come here

    name = name or str(path)
    regular_size(path, name)  # a FIFO or a device is refused before it is opened
    before = _stamp(Path(path))
    size = before[1]
    limit = frame_limit()
    if size > limit:
        raise LedgerFormatError(name, None, None,
                                size_message(size, limit, "reading", LIMIT_VARIABLE))
    with Path(path).open("rb") as handle:
        first = handle.readline()
        header = _header(first)
        check_header(header, first.decode("utf-8-sig", errors="replace"), name)
        block = block_size(handle, size, name)
    short: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        scan = pool.submit(_quote_scan, Path(path))
        try:
            table = pacsv.read_csv(
                str(path),
                read_options=pacsv.ReadOptions(block_size=block, use_threads=False),
                parse_options=pacsv.ParseOptions(
                    newlines_in_values=True, invalid_row_handler=_keep_short(short)
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(header, pa.large_string()),
                    include_columns=usecols,
                    strings_can_be_null=False, quoted_strings_can_be_null=False,
                    check_utf8=False,  # the scan checks it, a block at a time
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowKeyError, UnicodeDecodeError) as exc:
            read_table(Path(path), name)
            raise LedgerFormatError(name, 1, None, str(exc).strip()) from None
        odd, doubtful = scan.result()
    if _stamp(Path(path)) != before:
        raise LedgerFormatError(name, None, None, "changed while it was read; check again")
    if odd:
        _unbalanced_quotes(Path(path), name)
    if doubtful:
        table_of_bytes(Path(path).read_bytes(), name)  # raises where the exact reader does
    frame = table.to_pandas(types_mapper={pa.large_string(): TEXT}.get)  # no copy
    return _with_short_rows(frame, header, short, name) if short else frame


def _keep_short(short: list[str]) -> Callable[[Any], str]:
    """Arrow's handler of rows that are not the header's width: a row that stops early
    is set aside in ``short`` (its text) and skipped; a row too wide is an error."""
    def handle(row: Any) -> str:
        if row.actual_columns > row.expected_columns:
            return "error"
        short.append(row.text)
        return "skip"

    return handle


def _with_short_rows(frame: pd.DataFrame, header: list[str], short: list[str], name: str
                     ) -> pd.DataFrame:
    """``frame`` with the rows that stopped early after it, padded with empty cells."""
    try:
        rows = [padded(next(csv.reader(io.StringIO(text), strict=True)), len(header))
                for text in short]
    except csv.Error as exc:
        raise LedgerFormatError(name, None, None, f"malformed CSV: {exc}") from None
    extra = pd.DataFrame(rows, columns=header, dtype=TEXT)[list(frame.columns)]
    return pd.concat([frame, extra], ignore_index=True)


def block_size(handle: BinaryIO, size: int, name: str, largest: int | None = None) -> int:
    """pyarrow's block size for a file: ``largest`` (:data:`BLOCK_BYTES` unless given), or
    the next smaller size with no block ending between the CR and the LF of a CRLF.

    pyarrow drops an LF that starts a block after a CR that ended the previous one, even
    inside a quoted value (apache/arrow#51368): the value would lose a byte.
    """
    def straddles(at: int) -> bool:
        handle.seek(at - 1)
        return handle.read(2) == b"\r\n"

    largest = largest or BLOCK_BYTES
    for block in range(largest, max(largest - BLOCK_TRIES, 0), -1):
        if not any(straddles(at) for at in range(block, size, block)):
            return block
    raise LedgerFormatError(name, None, None, "CRLF line ends fall on every block boundary "
                            "tried; save the file with LF line ends")


def _stamp(path: Path) -> tuple[int, int, int]:
    """A file's inode, size and modification time: what an edit or a replacement changes."""
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def _quote_scan(path: Path) -> tuple[bool, bool]:
    """:func:`quote_scan` of a file."""
    with path.open("rb") as handle:
        return quote_scan(handle)


def quote_scan(handle: io.BufferedReader) -> tuple[bool, bool]:
    """Whether a file has an odd number of '"' bytes, and whether it has a place where
    Arrow and the exact reader may part (:func:`_doubtful`), bytes that are not UTF-8
    included (Arrow reads without checking them). Read by numpy :data:`SCAN_BYTES` at a
    time in one reused buffer (outside the GIL: ``bytes.count`` would hold it while the
    sources are read in parallel); only a block with a non-ASCII byte is decoded."""
    block = np.empty(SCAN_BYTES + 1, dtype=np.uint8)
    block[0] = ord("\n")  # the byte before the file: a line's end
    utf8 = codecs.getincrementaldecoder("utf-8")()
    valid = True

    def blocks() -> Iterator[tuple[np.ndarray, int]]:
        nonlocal valid
        while read := handle.readinto(block[1:]):
            valid = valid and _utf8(utf8, block[1 : read + 1])
            yield block[: read + 1], (handle.peek(1)[:1] or b"\n")[0]
            block[0] = block[read]

    marks = _marks(blocks(), keep=False)
    return marks.odd, marks.doubtful or not (valid and _utf8(utf8, None))


def _utf8(decoder: codecs.IncrementalDecoder, data: np.ndarray | None) -> bool:
    """Whether ``data``, the next bytes of a file, go on its valid UTF-8 (None: whether
    the file ended on a whole character)."""
    if data is not None and data.max(initial=0) < 0x80 and not decoder.getstate()[0]:
        return True  # ASCII, with no character begun before it
    try:
        decoder.decode(b"" if data is None else data.tobytes(), final=data is None)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class Marks:
    """What one scan of a CSV file's bytes finds: :func:`quote_scan`'s two answers, and
    the byte offsets of its quote marks and line feeds."""

    odd: bool
    doubtful: bool
    quotes: np.ndarray
    newlines: np.ndarray


def byte_marks(data: np.ndarray) -> Marks:
    """:func:`quote_scan` of bytes in memory, with where their quote marks and line feeds
    are: one pass, ``SCAN_BYTES`` at a time (small blocks stay in the cache)."""
    block = np.empty(SCAN_BYTES + 1, dtype=np.uint8)
    block[0] = ord("\n")

    def blocks() -> Iterator[tuple[np.ndarray, int]]:
        for at in range(0, len(data), SCAN_BYTES):
            part = data[at : at + SCAN_BYTES]
            block[1 : len(part) + 1] = part
            yield block[: len(part) + 1], (data[at + len(part)] if at + len(part) < len(data)
                                           else ord("\n"))
            block[0] = part[-1]

    return _marks(blocks(), keep=True)


def _marks(blocks: Iterator[tuple[np.ndarray, int]], *, keep: bool) -> Marks:
    """Scan ``blocks`` (each with the byte before it first, and the byte after it); the
    positions of quote marks and line feeds only when ``keep``."""
    quotes, doubtful, offset = 0, False, 0
    found: list[np.ndarray] = []
    newlines: list[np.ndarray] = []
    for data, following in blocks:
        at = np.flatnonzero(data[1:] == ord('"')) + 1
        doubtful = doubtful or _doubtful(data, at, quotes, following)
        quotes += len(at)
        if keep:
            found.append(at + (offset - 1))
            newlines.append(np.flatnonzero(data[1:] == ord("\n")) + offset)
        offset += len(data) - 1
    empty = np.empty(0, dtype=np.int64)
    return Marks(quotes % 2 == 1, doubtful, np.concatenate([empty, *found]),
                 np.concatenate([empty, *newlines]))


def _doubtful(data: np.ndarray, at: np.ndarray, before: int, following: int) -> bool:
    """True when ``data[1:]`` (``data[0]`` being the byte before it, ``following`` the one
    after, ``at`` the positions of its quote marks, ``before`` the number of quote marks
    before it) has a NUL, a CR not before a LF, a closing quote mark (an odd one of the
    file) followed by text (``"abc"def``), or an opening one after text (``ab"c``, which
    both readers take as it is but which upsets the count of quote marks)."""
    def byte_at(positions: np.ndarray) -> np.ndarray:
        inside = positions < len(data)
        return np.where(inside, data[np.where(inside, positions, 0)], following)

    body = data[1:]
    if np.count_nonzero(body == 0):
        return True
    if np.count_nonzero(body == ord("\r")):
        returns = np.flatnonzero(body == ord("\r")) + 1
        if np.any(byte_at(returns + 1) != ord("\n")):
            return True
    closing = (before + np.arange(len(at))) % 2 == 1
    after, previous = byte_at(at + 1), data[at - 1]
    return bool(np.any(closing & ~FIELD_BOUND[after]) or np.any(~closing & ~FIELD_BOUND[previous]))


def _unbalanced_quotes(path: Path, name: str) -> None:
    """An odd number of quote marks: find the unclosed field, which pyarrow lets run to EOF."""
    if path.stat().st_size <= exact_limit():
        read_table(path, name)  # raises at the unclosed quote, or accepts a stray one
        return
    raise LedgerFormatError(
        name, None, None, 'odd number of \'"\' characters: a quoted field is never closed'
    )


def _header(line: bytes) -> list[str]:
    """The column names on the first line of a CSV file (its bytes)."""
    return next(csv.reader([line.decode("utf-8-sig", errors="replace").rstrip("\r\n")]), [])
