"""Exact CSV reading with positions, and byte-preserving writing.

A table remembers the raw text of every record, its BOM and its line ending, so a
table written back with no edits is byte-identical, and a table with edits changes
only the records that changed. Errors name the file, the line and the column.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance.atomic import Fingerprint, ensure_unchanged, write_atomic
from provenance.errors import LedgerFormatError

MAX_EXACT_BYTES = int(float(os.environ.get("PROVENANCE_MAX_CSV_MB", "64")) * 2**20)
MAX_FRAME_BYTES = 2**30
BLOCK_BYTES = 1 << 24  # pyarrow's 1 MiB default is slower with newlines_in_values
BLOCK_TRIES = 4096  # block sizes tried, from BLOCK_BYTES down, to avoid a split CRLF
# pandas 3's default ``str`` dtype, backed by Arrow: read_frame hands Arrow text over
# without building a million Python strings.
TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))


@dataclass
class CsvTable:
    """A parsed CSV file and everything needed to write it back unchanged."""

    name: str
    header: list[str]
    rows: list[list[str]]
    raw_header: str
    raw: list[str]
    lines: list[int]
    bom: bool
    newline: str
    fingerprint: Fingerprint

    def dump(self, header: list[str], rows: list[list[str]]) -> bytes:
        """Encode ``header`` and ``rows``, reusing the raw text of every unchanged record."""
        same_header = header == self.header
        known = dict(zip(map(tuple, self.rows), self.raw, strict=True)) if same_header else {}
        chunks = [self.raw_header if same_header else self._serialise(header)]
        for row in rows:
            if not chunks[-1].endswith("\n"):
                chunks[-1] += self.newline
            chunks.append(known.get(tuple(row)) or self._serialise(row))
        text = "".join(chunks)
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")

    def write_over(self, path: Path, header: list[str], rows: list[list[str]]) -> bool:
        """Write ``header`` and ``rows`` atomically over the file this table was read from.

        Nothing is written when the bytes would not change; a file changed on disk since
        it was read is refused (StaleLedgerError). Returns True when the file was written.
        """
        data = self.dump(header, rows)
        if data == self.dump(self.header, self.rows):
            return False
        ensure_unchanged(path, self.fingerprint)
        write_atomic(path, data)
        return True

    def _serialise(self, row: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=self.newline).writerow(row)
        return buffer.getvalue()


def frame_cells(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The header and string cells of a DataFrame, missing values as empty cells."""
    cells = frame.fillna("").astype(str)
    return list(cells.columns), cells.to_numpy().tolist()


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


def read_table(path: Path, name: str | None = None) -> CsvTable:
    """Read a CSV file exactly; raise LedgerFormatError naming file, line and column."""
    name = name or str(path)
    path = Path(path)
    if path.is_dir():
        raise LedgerFormatError(name, None, None, "is a folder, not a CSV file")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LedgerFormatError(name, None, None, "file not found") from None
    if size > MAX_EXACT_BYTES:
        raise LedgerFormatError(
            name,
            None,
            None,
            f"file is {size / 2**20:.1f} MiB; exact reading is limited to "
            f"{MAX_EXACT_BYTES / 2**20:.0f} MiB (set PROVENANCE_MAX_CSV_MB to raise it); "
            "`provenance check` reads large ledgers",
        )
    data = path.read_bytes()
    text, bom = decode(data, name)
    return parse(text, name, bom=bom, fingerprint=Fingerprint.of_bytes(data))


def parse(text: str, name: str, *, bom: bool = False, fingerprint: Fingerprint | None = None):
    """Parse CSV text into a CsvTable, checking the header and every record's width."""
    if not text.strip():
        raise LedgerFormatError(name, 1, 1, "empty file: expected a header row")
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    reader = csv.reader(iter(lines), strict=True)
    records: list[tuple[int, list[str], str]] = []
    consumed = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _locate_error(lines, consumed, name, str(exc)) from None
        raw = "".join(lines[consumed : reader.line_num])
        if not row:
            _attach_blank(records, raw)
        else:
            records.append((consumed + 1, row, raw))
        consumed = reader.line_num
    if not records:
        raise LedgerFormatError(name, 1, 1, "empty file: expected a header row")
    (_, header, raw_header), *body = records
    _check_header(header, raw_header, name)
    for line, row, raw in body:
        if len(row) != len(header):
            raise _width_error(raw, line, name, len(row), len(header))
    return CsvTable(
        name=name,
        header=header,
        rows=[row for _, row, _ in body],
        raw_header=raw_header,
        raw=[raw for _, _, raw in body],
        lines=[line for line, _, _ in body],
        bom=bom,
        newline=newline,
        fingerprint=fingerprint or Fingerprint.of_bytes(text.encode("utf-8")),
    )


def _attach_blank(records: list[tuple[int, list[str], str]], raw: str) -> None:
    """Keep a blank line's bytes with the record before it."""
    if records:
        line, row, previous = records[-1]
        records[-1] = (line, row, previous + raw)


def _check_header(header: list[str], raw_header: str, name: str) -> None:
    seen: set[str] = set()
    for index, column in enumerate(header):
        col = field_columns(raw_header)[index][1]
        if not column.strip():
            raise LedgerFormatError(name, 1, col, f"column {index + 1} has an empty name")
        if column in seen:
            raise LedgerFormatError(name, 1, col, f"duplicate column {column!r}")
        seen.add(column)


def _width_error(raw: str, line: int, name: str, width: int, expected: int) -> LedgerFormatError:
    starts = field_columns(raw, line)
    if width > expected:
        at_line, at_col = starts[expected]
        what = f"row has {width} fields, the header has {expected}; extra field starts here"
    else:
        body = raw.rstrip("\r\n")
        at_line = line + body.count("\n")
        at_col = len(body) - body.rfind("\n")
        what = f"row has {width} field{'s' * (width != 1)}, the header has {expected}"
    return LedgerFormatError(name, at_line, at_col, what)


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


def _locate_error(lines: list[str], first: int, name: str, reason: str) -> LedgerFormatError:
    """Find where a record that the csv module rejected goes wrong."""
    error = _scan("".join(lines[first:]), first + 1)[1]
    if error is None:
        return LedgerFormatError(name, first + 1, 1, f"malformed CSV: {reason}")
    return LedgerFormatError(name, *error)


def read_frame(path: Path, usecols: list[str] | None = None, name: str | None = None):
    """Read a large CSV fast into string columns (pyarrow's multithreaded reader).

    Quoted newlines are allowed and every record must have the header's width; anything
    the reader rejects (a ragged row, a bad quote, bad UTF-8) is re-read exactly to
    report its file, line and column. Arrow reads the file in blocks itself, so the
    whole file is never one Python ``bytes``; the quotes are counted in a second read,
    and a file that changed in between is an error.
    """
    import pyarrow.csv as pacsv  # only large files need the multithreaded reader

    name = name or str(path)
    before = _stamp(Path(path))
    size = before[1]
    if size > MAX_FRAME_BYTES:
        raise LedgerFormatError(
            name, None, None, f"file is {size / 2**20:.0f} MiB; the limit is 1024 MiB"
        )
    with Path(path).open("rb") as handle:
        header = _header(handle.readline())
        block = _block_size(handle, size, name)
    try:
        table = pacsv.read_csv(
            str(path),
            read_options=pacsv.ReadOptions(block_size=block),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.large_string()),
                include_columns=usecols,
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowKeyError, UnicodeDecodeError) as exc:
        read_table(Path(path), name)
        raise LedgerFormatError(name, 1, None, str(exc).strip()) from None
    odd = _odd_quotes(Path(path))
    if _stamp(Path(path)) != before:
        raise LedgerFormatError(name, None, None, "changed while it was read; check again")
    if odd:
        _unbalanced_quotes(Path(path), name)
    return table.to_pandas(types_mapper={pa.large_string(): TEXT}.get)  # no copy


def _block_size(handle: BinaryIO, size: int, name: str) -> int:
    """pyarrow's block size for a file: :data:`BLOCK_BYTES`, or the next smaller size with
    no block ending between the CR and the LF of a CRLF.

    pyarrow drops an LF that starts a block after a CR that ended the previous one, even
    inside a quoted value (apache/arrow#51368): the value would lose a byte.
    """
    def straddles(at: int) -> bool:
        handle.seek(at - 1)
        return handle.read(2) == b"\r\n"

    for block in range(BLOCK_BYTES, max(BLOCK_BYTES - BLOCK_TRIES, 0), -1):
        if not any(straddles(at) for at in range(block, size, block)):
            return block
    raise LedgerFormatError(name, None, None, "CRLF line ends fall on every block boundary "
                            "tried; save the file with LF line ends")


def _stamp(path: Path) -> tuple[int, int, int]:
    """A file's inode, size and modification time: what an edit or a replacement changes."""
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def _odd_quotes(path: Path) -> bool:
    """An odd number of '"' bytes in the file, counted by numpy a block at a time in one
    reused buffer (outside the GIL: ``bytes.count`` would hold it while the sources are
    read in parallel)."""
    block = np.empty(BLOCK_BYTES, dtype=np.uint8)
    quotes = 0
    with path.open("rb") as handle:
        while read := handle.readinto(block):
            quotes += int(np.count_nonzero(block[:read] == ord('"')))
    return quotes % 2 == 1


def _unbalanced_quotes(path: Path, name: str) -> None:
    """An odd number of quote marks: find the unclosed field, which pyarrow lets run to EOF."""
    if path.stat().st_size <= MAX_EXACT_BYTES:
        read_table(path, name)  # raises at the unclosed quote, or accepts a stray one
        return
    raise LedgerFormatError(
        name, None, None, 'odd number of \'"\' characters: a quoted field is never closed'
    )


def _header(line: bytes) -> list[str]:
    """The column names on the first line of a CSV file (its bytes)."""
    return next(csv.reader([line.decode("utf-8-sig", errors="replace").rstrip("\r\n")]), [])
