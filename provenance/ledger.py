"""The ledger: ``claims.csv`` and its registered sources, loaded and saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from provenance.csvio import CsvTable, frame_columns, read_table
from provenance.errors import SourceError, UsageError
from provenance.findings import Finding
from provenance.rules import check_claims_header
from provenance.schema import CLAIMS
from provenance.sources import (
    REGISTRY,
    SOURCE_ID,
    LoadedSource,
    check_registry_header,
    is_inferred,
    parse_iso_date,
    read_source,
)
from provenance.transaction import ledger_transaction, recover

__all__ = ["Ledger", "load_ledger"]


@dataclass
class Ledger:
    """A ledger folder in memory: claims and sources as string DataFrames, and the texts."""

    root: Path
    claims: pd.DataFrame
    sources: pd.DataFrame
    texts: Mapping[str, str]
    problems: list[Finding] = field(default_factory=list)
    claims_table: CsvTable | None = None
    sources_table: CsvTable | None = None
    _index: tuple[pd.DataFrame, dict[str, dict[str, str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # quotes found exactly once, by source, kept by validate for fill (anchoring.take_found)
    found_once: dict[str, tuple[str, list[str], list[int | None]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def text(self, source_id: str) -> str:
        """The stored text of a source."""
        if source_id not in self.texts:
            raise UsageError(f"unknown or unreadable source {source_id!r}")
        return self.texts[source_id]

    def source_rows(self) -> dict[str, dict[str, str]]:
        """The registry rows by source id (the first row of an id), indexed once per
        ``sources`` frame: assigning a new frame to ``ledger.sources`` renews the index
        (edit a copy and assign it back rather than editing the frame in place)."""
        if self._index is None or self._index[0] is not self.sources:
            rows = self.sources.to_dict("records")
            index: dict[str, dict[str, str]] = {}
            for row in rows:
                index.setdefault(row["source_id"], row)
            self._index = (self.sources, index)
        return self._index[1]

    def source(self, source_id: str) -> dict[str, str]:
        """The registry row of a source."""
        return dict(self._row(source_id))

    def _row(self, source_id: str) -> dict[str, str]:
        """The indexed registry row of a source (not a copy: read it, never edit it)."""
        row = self.source_rows().get(source_id)
        if row is None:
            raise UsageError(f"unknown source {source_id!r}")
        return row

    def published(self, source_id: str) -> dt.date | None:
        """The publication date relative dates of a source resolve against."""
        return _published(self._row(source_id).get("published", ""))

    def published_inferred(self, source_id: str) -> bool:
        """True when the source's publication date was inferred rather than printed."""
        return is_inferred(self._row(source_id).get("published_note", ""))

    def source_path(self, source_id: str) -> str:
        """The source file's path relative to the ledger folder, for messages."""
        return f"sources/{self._row(source_id).get('path', '')}"

    def line_of(self, index: int) -> int | None:
        """The line of ``claims.csv`` where a loaded row starts (None for new rows)."""
        table = self.claims_table
        if table is None or not isinstance(index, int) or not 0 <= index < len(table.lines):
            return None
        return table.lines[index]

    def save(self, *, reread: bool = True) -> bool:
        """Write ``claims.csv`` atomically if it differs; refuse if it changed on disk.

        The write takes the ledger lock (see :mod:`provenance.transaction`); inside an
        open ``ledger_transaction`` it joins it. Unchanged rows keep their exact bytes.
        Returns True when the file was written (or staged). The claims are then read
        back from the bytes written; with ``reread=False`` (a command that is done with
        the ledger) they are not, and the ledger cannot be saved again.
        """
        if self.claims_table is None:
            raise UsageError("this ledger was not loaded from a folder, or was saved "
                             "without reading it back")
        header, cells = frame_columns(self.claims)
        with ledger_transaction(self.root) as tx:
            if reread:
                written = self.claims_table.write_over(self.root / CLAIMS, header, cells, tx=tx)
            else:
                staged = self.claims_table.stage_over(self.root / CLAIMS, header, cells, tx=tx)
        if not reread:
            if staged:
                self.claims_table = None
            return staged
        if written is None:
            return False
        self.claims_table = written
        self.claims = _frame(written)
        return True


@lru_cache(maxsize=4096)
def _published(cell: str) -> dt.date | None:
    """A registry ``published`` cell as a date (parsed once per distinct cell)."""
    return parse_iso_date(cell)


def _frame(table: CsvTable) -> pd.DataFrame:
    """String DataFrame of a table, one row per record in file order: its cells are the
    table's own strings, in arrays of its own (an edit of the frame leaves the table's)."""
    return pd.DataFrame(dict(zip(table.header, table.columns, strict=True)),
                        columns=table.header, dtype=object, copy=True)


def load_ledger(path: str | Path = ".", *, strict: bool = True, checked: bool = False
                ) -> Ledger:
    """Load a ledger folder (``claims.csv``, ``sources/sources.csv``, the source files).

    Unreadable files raise LedgerFormatError naming file, line and column. Source
    problems (unsafe path, not UTF-8, sha256 mismatch, bad date) are collected in
    ``ledger.problems``; with ``strict`` the first of them is raised as SourceError.
    With ``checked`` (a ledger about to be validated) a large claims.csv keeps its cells
    as Arrow read them until the first check takes them (``CsvTable.arrow``).
    A change a killed writer left half done is first completed or rolled back.
    """
    root = Path(path)
    if not root.is_dir():
        raise UsageError(f"{root}: no such ledger folder")
    recover(root)
    sources_table, sources, loaded, problems = read_registry(root)
    texts = {source_id: source.text for source_id, source in loaded.items()}
    del loaded  # the files' bytes are not kept
    claims_table = read_table(root / CLAIMS, CLAIMS, arrow=checked)
    check_claims_header(claims_table.header)
    ledger = Ledger(
        root, _frame(claims_table), sources, texts, problems, claims_table, sources_table
    )
    errors = [p for p in problems if p.severity == "error"]
    if strict and errors:
        first = errors[0]
        raise SourceError(first.file, first.line, first.column, first.message, slug=first.slug)
    return ledger


def read_registry(
    root: Path,
) -> tuple[CsvTable, pd.DataFrame, dict[str, LoadedSource], list[Finding]]:
    """``sources/sources.csv`` (as table and frame), the sources it registers that could be
    read (by id, with their bytes and sha256), and the problems of the rest."""
    table = read_table(root / REGISTRY, REGISTRY)
    check_registry_header(table.header)
    loaded, problems = read_sources(root, table)
    return table, _frame(table), loaded, problems


def read_sources(root: Path, table: CsvTable) -> tuple[dict[str, LoadedSource], list[Finding]]:
    """Read every registered source; problems are findings, one per bad row."""
    read: dict[str, LoadedSource] = {}
    problems: list[Finding] = []
    first_line: dict[str, int] = {}
    resolved = (root / "sources").resolve()
    for line, cells in zip(table.lines, table.rows, strict=True):
        row = dict(zip(table.header, cells, strict=True))
        source_id = row["source_id"]
        if not SOURCE_ID.match(source_id):
            problems.append(
                Finding(
                    "source-bad-id", f"source_id {source_id!r} is not a valid id", REGISTRY, line
                )
            )
            continue
        if source_id in first_line:
            problems.append(
                Finding(
                    "source-duplicate-id",
                    f"duplicate source_id {source_id!r} (first on line {first_line[source_id]})",
                    REGISTRY,
                    line,
                )
            )
            continue
        first_line[source_id] = line
        loaded, found = read_source(root, row, line, resolved)
        problems.extend(found)
        if loaded is not None:
            read[source_id] = loaded
    return read, problems
