"""Copies of the ledger for other tools, never touching the ledger itself."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

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


def formula_cells(values: np.ndarray) -> np.ndarray:
    """Cells a spreadsheet could run as formulas (only cells that start like one are
    asked: their first characters are compared as one numpy array)."""
    found = np.isin(values.astype("U1"), list(FORMULA_START))
    rows = np.flatnonzero(found)
    found[rows] = [is_formula_like(cell) for cell in values[rows].tolist()]
    return found


def export_spreadsheet_safe(ledger: Ledger, output: Path) -> int:
    """Write ``claims.csv`` to ``output`` with formula-like cells neutralised; return how many.

    ``output`` may not lie in the ledger's own files (links followed) nor be a folder, and
    its folder must exist (UsageError); an OS error while writing is one UsageError line.
    """
    refuse_ledger_path(ledger.root, output, "--output")
    output = output_file(output, "--output")
    cells = ledger.claims.copy(deep=False)  # columns are replaced below, never edited
    changed = 0
    for column in cells.columns:
        values = cells[column].fillna("").to_numpy(dtype=object)
        formulas = formula_cells(values)
        if formulas.any():
            values = values.copy()
            values[formulas] = [neutralise(cell) for cell in values[formulas]]
            cells[column] = values
            changed += int(formulas.sum())
    try:
        write_atomic(output, ledger.claims_table.dump(*frame_cells(cells)))
    except OSError as exc:
        raise write_error(output, exc) from None
    return changed
