"""Validation: every check yields findings naming file, line and column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np

from provenance.alignment.keys import close_key_warnings
from provenance.claim_screen import suspect_rows
from provenance.csvio import cell_position
from provenance.errors import AnchorError, LedgerFormatError, SourceError, UsageError
from provenance.export import is_formula_like
from provenance.fill import locate
from provenance.findings import Finding, Report
from provenance.ledger import Ledger, load_ledger
from provenance.quote_split import two_values_message
from provenance.rules import (
    VOCABULARIES,
    category_problem,
    is_occurrence,
    is_offset,
    read_number,
)
from provenance.schema import CLAIMS, FACT_KEY, MAX_FIGURE
from provenance.sources import parse_iso_date


def validate_ledger(path: str | Path = ".") -> Report:
    """Load and check a ledger folder; unreadable files become findings too."""
    try:
        ledger = load_ledger(path, strict=False)
    except (LedgerFormatError, SourceError) as exc:
        return Report([Finding("unreadable", exc.message, exc.file, exc.line, exc.column)])
    return validate_loaded(ledger)


def validate_loaded(ledger: Ledger, *, warnings: bool = True) -> Report:
    """The findings of a ledger already loaded (with ``strict=False``). Without
    ``warnings`` the rules that only warn and read every quote or key (two values in a
    quote, close fact keys) are skipped: for a command that acts on errors only."""
    keys = close_key_warnings(ledger.claims, line_of=ledger.line_of) if warnings else []
    return Report([*ledger.problems, *check_claims(ledger, warnings=warnings), *keys])


class _Row:
    """One claims.csv row with a way to place findings at its cells."""

    def __init__(self, ledger: Ledger, index: int, cells: dict[str, str]):
        self.cells = cells
        self.claim_id = cells.get("claim_id", "")
        self.line = ledger.line_of(index)
        self._ledger, self._index = ledger, index

    def finding(self, slug: str, column: str | None, message: str, severity: str = "error"):
        """A finding at this row's ``column`` cell (the row's end for a cell it leaves out)."""
        line, col = self.line, None
        columns, table = self._ledger.claims.columns, self._ledger.claims_table
        if column in columns and table and self.line:  # a hashed lookup, no copy per row
            raw = table.raw[self._index]
            line, col = cell_position(raw, self.line, columns.get_loc(column))
        return Finding(slug, message, CLAIMS, line, col, self.claim_id, severity)


def check_claims(ledger: Ledger, rows: Iterable[int] | None = None, *,
                 warnings: bool = True) -> Iterator[Finding]:
    """Check every claim row of a loaded ledger (or the rows at positions ``rows``);
    ``warnings`` as in :func:`validate_loaded`.

    The checks run over whole columns (see :mod:`provenance.claim_screen`); only the rows
    they flag are checked one by one, by the rules below, which word the findings.
    """
    claims = ledger.claims
    first = first_lines(ledger)
    columns = {column: claims[column].to_numpy() for column in claims.columns}
    positions = np.flatnonzero(suspect_rows(ledger)).tolist() if rows is None else rows
    for position in positions:
        cells = {column: values[position] for column, values in columns.items()}
        yield from row_findings(ledger, claims.index[position], cells, first, warnings=warnings)


def first_lines(ledger: Ledger) -> dict[str, tuple[object, int | None]]:
    """The first row (its index label) and line of each claim id used more than once."""
    ids = ledger.claims.get("claim_id")
    if ids is None:
        return {}
    firsts = ids[ids.duplicated(keep=False) & ~ids.duplicated() & ids.ne("")]
    return {claim_id: (label, ledger.line_of(label)) for label, claim_id in firsts.items()}


def row_findings(ledger: Ledger, index, cells: dict[str, str],
                 first: dict[str, tuple[object, int | None]], *, warnings: bool = True
                 ) -> Iterator[Finding]:
    """Every finding of one row, checked rule by rule (``warnings``: see validate_loaded)."""
    row = _Row(ledger, index, cells)
    yield from _identity(row, index, first)
    yield from _vocabulary(row)
    yield from _span(row, ledger)
    yield from _numbers(row)
    yield from _dates(row)
    yield from _category(row)
    yield from _formulas(row)
    if warnings:
        yield from _two_values(row)


def _identity(row: _Row, index, first: dict[str, tuple[object, int | None]]
              ) -> Iterator[Finding]:
    for column in ("claim_id", "source_id", "quote"):
        if not row.cells.get(column, "").strip():
            yield row.finding("missing-value", column, f"{column} is empty")
    if row.cells.get("status") == "confirmed" and not row.cells.get("fact_key", "").strip():
        yield row.finding(
            "missing-value", "fact_key",
            "a confirmed claim needs a fact_key; give one or set status candidate",
        )
    claim_id = row.claim_id
    if claim_id in first and first[claim_id][0] != index:
        yield row.finding(
            "duplicate-claim-id", "claim_id",
            f"duplicate claim_id (first on line {first[claim_id][1]})",
        )
    key = row.cells.get("fact_key", "")
    if key and not FACT_KEY.match(key):
        yield row.finding(
            "fact-key-format",
            "fact_key",
            f"fact_key {key!r} should be dotted lowercase words, e.g. kursk.assault_force.size",
            "warning",
        )


def _vocabulary(row: _Row) -> Iterator[Finding]:
    for column, allowed in VOCABULARIES.items():
        value = row.cells.get(column, "")
        if value and value not in allowed:
            choices = ", ".join(sorted(allowed))
            yield row.finding(
                f"bad-{column}", column, f"{column} {value!r} is not one of {choices}"
            )


def _span(row: _Row, ledger: Ledger) -> Iterator[Finding]:
    source_id = row.cells.get("source_id", "")
    if source_id and source_id not in ledger.source_rows():
        yield row.finding("unknown-source", "source_id", f"unknown source_id {source_id!r}")
        return
    if source_id not in ledger.texts:
        return
    text, name = ledger.texts[source_id], ledger.source_path(source_id)
    quote, start, end = row.cells["quote"], row.cells.get("start", ""), row.cells.get("end", "")
    if not end and (not start or start.isdecimal()):  # fill anchors it (a start is a hint)
        yield from _anchorable(row, ledger)
        return
    offsets = {}
    for column, cell in (("start", start), ("end", end)):
        if not is_offset(cell):
            yield row.finding(
                "bad-offset", column, f"{column} {cell!r} is not a non-negative whole number"
            )
        else:
            offsets[column] = int(cell)
    if len(offsets) < 2:
        return
    if row.cells.get("status") == "orphaned":
        yield row.finding(
            "orphaned-claim", "status",
            "orphaned: its quote was lost when the source changed; fix it by hand or reject it",
            "warning",
        )
        return
    begin, finish = offsets["start"], offsets["end"]
    if begin >= finish:
        yield row.finding("empty-span", "start", f"start {begin} is not before end {finish}")
    elif finish > len(text):
        yield row.finding(
            "span-out-of-range",
            "end",
            f"offsets [{begin}:{finish}] run past the end of {name} ({len(text)} code points)",
        )
    elif text[begin:finish] != quote:
        yield row.finding(
            "quote-mismatch",
            "quote",
            f'quote "{quote}" does not match {name}[{begin}:{finish}] = "{text[begin:finish]}"',
        )


def _anchorable(row: _Row, ledger: Ledger) -> Iterator[Finding]:
    """A row without offsets: its quote must anchor as fill will anchor it."""
    occurrence = row.cells.get("occurrence", "").strip()
    if not is_occurrence(occurrence):
        yield row.finding(
            "bad-occurrence", "occurrence",
            f"occurrence {occurrence!r} is not a whole number from 1 (1 = the first place)",
        )
        return
    try:
        locate(ledger, row.cells)
    except AnchorError as exc:
        yield row.finding("anchor-failed", "quote", str(exc))


def _numbers(row: _Row) -> Iterator[Finding]:
    numbers = {}
    for column in ("value", "low", "high"):
        cell = row.cells.get(column, "").strip()
        if not cell:
            continue
        number = read_number(cell)
        if isinstance(number, str):
            yield row.finding("bad-number", column, f"{column} {cell!r} is {number}")
            continue
        if abs(number) > MAX_FIGURE:
            yield row.finding(
                "number-out-of-range",
                column,
                f"{column} {cell!r} is beyond {MAX_FIGURE:.0e}, the largest figure read "
                "as a value (see provenance/values/limits.py)",
                "warning",
            )
        numbers[column] = number
    if "low" in numbers and "high" in numbers and numbers["low"] > numbers["high"]:
        yield row.finding(
            "low-above-high", "low", f"low {numbers['low']:g} > high {numbers['high']:g}"
        )


def _dates(row: _Row) -> Iterator[Finding]:
    dates = {}
    for column in ("date_low", "date_high"):
        cell = row.cells.get(column, "").strip()
        if not cell:
            continue
        parsed = parse_iso_date(cell)
        if parsed is None:
            yield row.finding(
                "bad-date", column, f"{column} {cell!r} is not a real YYYY-MM-DD date"
            )
        else:
            dates[column] = parsed
    if len(dates) == 2 and dates["date_low"] > dates["date_high"]:
        yield row.finding(
            "low-above-high",
            "date_low",
            f"date_low {dates['date_low']} is after date_high {dates['date_high']}",
        )


def _category(row: _Row) -> Iterator[Finding]:
    """A ``category`` is a short single-line value, and only text claims are compared by it."""
    cell = row.cells.get("category", "")
    if not cell.strip():
        return
    problem = category_problem(cell)
    if problem:
        yield row.finding("bad-category", "category", f"category {cell!r} {problem}")
        return
    kind = row.cells.get("kind", "")
    if kind and kind != "text":
        yield row.finding(
            "category-not-text", "category",
            f"category {cell!r} is only compared on kind=text claims, and this claim is "
            f"kind={kind}: its {kind} is compared, not the category; clear it or set kind "
            "text",
            "warning",
        )


def _formulas(row: _Row) -> Iterator[Finding]:
    for column, cell in row.cells.items():
        if not is_formula_like(cell):
            continue
        yield row.finding(
            "formula-injection",
            column,
            f"{column} begins with {cell[0]!r}: a spreadsheet may run it as a formula; "
            "`provenance export --spreadsheet-safe` writes a neutralised copy",
            "warning",
        )


@lru_cache(maxsize=1 << 16)
def _two_values_message(quote: str, kind: str) -> str | None:
    """``two_values_message``, read once per distinct quote and kind (ledgers repeat them)."""
    return two_values_message(quote, kind)


def _two_values(row: _Row) -> Iterator[Finding]:
    """A value claim's quote holding two values of its kind (see quote_split.py)."""
    message = _two_values_message(row.cells.get("quote", ""), row.cells.get("kind", ""))
    if message:
        yield row.finding("quote-holds-two-values", "quote", message, "warning")


def check_ledger_path(path: str | Path) -> Path:
    """The ledger folder, or a UsageError when it is not one."""
    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such ledger folder")
    return folder
