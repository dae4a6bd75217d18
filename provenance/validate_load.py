"""A ledger read for ``validate``: read once, exactly, and never saved.

``claims.csv`` is read by the exact reader (:mod:`provenance.csvio`), which hands a large
file Arrow reads as the csv module would to Arrow (:mod:`provenance.csvarrow`): its cells
then stay Arrow strings (the claims frame is pandas' Arrow-backed ``str``), and only the
rows a rule finds become Python strings, when their findings are worded. Where each
record starts, its line and its raw text (to place a finding at its cell) come from the
same read, made in a worker thread (Arrow and numpy without the GIL) while the sources are
read, as the check reads them. The texts stay the UTF-8 bytes they were read from, in one
buffer (``check.engines.pandas.spans.SourceTexts``, as the check keeps them), decoded when
looked up.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance import csvio
from provenance.check.engines.pandas.spans import SourceBytes, SourceTexts
from provenance.csvarrow import arrow_table
from provenance.errors import UsageError
from provenance.ledger import Ledger, read_registry
from provenance.rules import check_claims_header
from provenance.schema import CLAIMS
from provenance.transaction import recover


@dataclass(frozen=True)
class Records:
    """Where each record of ``claims.csv`` is: the line it starts on and its raw text."""

    lines: Sequence[int] | np.ndarray
    raw: Sequence[str]

    def line_of(self, index: object) -> int | None:
        """The line where the record of row ``index`` starts (None for a row not read)."""
        if not isinstance(index, int) or not 0 <= index < len(self.lines):
            return None
        return int(self.lines[index])

    @property
    def in_bytes(self) -> bool:
        """True when the records are held as the file's bytes (:meth:`byte_at` reads them)."""
        return isinstance(self.raw, _Slices)

    def byte_at(self, rows: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """The byte at ``offsets`` into the record of each of ``rows`` (-1 past its end)."""
        assert isinstance(self.raw, _Slices)
        return self.raw.byte_at(rows, offsets)

    @classmethod
    def of(cls, ledger: Ledger) -> Records:
        """The records of a ledger loaded from its folder (none for one made in memory)."""
        table = ledger.claims_table
        return cls([], []) if table is None else cls(table.lines, table.raw)


class _Slices(Sequence[str]):
    """Each record's raw text, sliced from the file's UTF-8 bytes and decoded when asked for
    (``bounds``: byte offsets)."""

    def __init__(self, data: memoryview, bounds: np.ndarray):
        self._data, self._bounds = data, bounds
        self._bytes = np.frombuffer(data, dtype=np.uint8)

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def __getitem__(self, index):  # type: ignore[override]
        return str(self._data[self._bounds[index] : self._bounds[index + 1]], "utf-8")

    def byte_at(self, rows: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """:meth:`Records.byte_at`."""
        at = self._bounds[rows] + offsets
        inside = (offsets >= 0) & (at < self._bounds[rows + 1])
        found = np.full(len(rows), -1, dtype=np.int16)
        found[inside] = self._bytes[at[inside]]
        return found


def load_for_validate(path: str | Path) -> tuple[Ledger, Records]:
    """The ledger at ``path`` as ``load_ledger(path, strict=False)`` reads it (the same
    refusals, with the same lines), and where its claims' records are; the ledger
    cannot be saved."""
    root = Path(path)
    if not root.is_dir():
        raise UsageError(f"{root}: no such ledger folder")
    recover(root)
    with ThreadPoolExecutor(max_workers=1) as pool:  # claims.csv read while the sources are
        read = pool.submit(_read_claims, root / CLAIMS)
        sources_table, sources, loaded, problems = read_registry(root)
        ids = sources["source_id"].astype(object).tolist()
        texts = SourceTexts(ids, SourceBytes.read(ids, loaded))
        del loaded  # each text is kept once, as bytes
        claims, records = read.result()  # its error, if any, after the registry's
    check_claims_header(list(claims.columns))
    return Ledger(root, claims, sources, texts, problems, None, sources_table), records


def _read_claims(path: Path) -> tuple[pd.DataFrame, Records]:
    """The claims as a frame of strings, and their records. A file Arrow reads is not
    decoded whole: Arrow checks its cells are UTF-8, and a record is decoded when a
    finding is placed in it."""
    data = csvio.exact_bytes(path, CLAIMS)
    body = memoryview(data)[len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0 :]
    read = arrow_table(body, None)
    if read is None:  # the csv module reads it (and words any error, a blank file's too)
        table = csvio.table_of_bytes(data, CLAIMS)
        frame = pd.DataFrame(dict(zip(table.header, table.columns, strict=True)),
                             columns=table.header, dtype=object)
        return frame, Records(table.lines, table.raw)
    csvio.check_header(read.header, str(body[: read.bounds[0]], "utf-8"), CLAIMS)
    frame = read.table.to_pandas(types_mapper={pa.large_string(): csvio.TEXT}.get)
    return frame, Records(read.lines, _Slices(body, read.bounds))
