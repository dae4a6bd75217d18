"""Copies of the ledger for other tools, never touching the ledger itself."""

from __future__ import annotations

import re
from pathlib import Path

from provenance.atomic import write_atomic
from provenance.csvio import frame_cells
from provenance.ledger import Ledger
from provenance.outputs import output_file, refuse_ledger_path, write_error

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?\Z")


def is_formula_like(cell: str) -> bool:
    """True when a spreadsheet could run the cell as a formula (plain numbers are safe)."""
    return cell.startswith(FORMULA_START) and not PLAIN_NUMBER.match(cell)


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe."""
    return "'" + cell if is_formula_like(cell) else cell


def export_spreadsheet_safe(ledger: Ledger, output: Path) -> int:
    """Write ``claims.csv`` to ``output`` with formula-like cells neutralised; return how many.

    ``output`` may not lie in the ledger's own files (links followed) nor be a folder, and
    its folder must exist (UsageError); an OS error while writing is one UsageError line.
    """
    refuse_ledger_path(ledger.root, output, "--output")
    output = output_file(output, "--output")
    header, rows = frame_cells(ledger.claims)
    safe = [[neutralise(cell) for cell in row] for row in rows]
    changed = sum(
        a != b for row, new in zip(rows, safe, strict=True) for a, b in zip(row, new, strict=True)
    )
    try:
        write_atomic(output, ledger.claims_table.dump(header, safe))
    except OSError as exc:
        raise write_error(output, exc) from None
    return changed
