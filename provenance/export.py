"""Copies of the ledger for other tools, never touching the ledger itself."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from provenance.atomic import write_atomic
from provenance.csvio import frame_columns
from provenance.csvwrite import Columns
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
    asked: their first characters are compared as one numpy array of code points)."""
    first = values.astype("U1").view(np.uint32)  # an empty cell's is 0
    found = np.isin(first, [ord(start) for start in FORMULA_START])
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
    header, cells = frame_columns(ledger.claims)
    safe, changed = [], 0
    for values in cells.arrays:
        formulas = formula_cells(values)
        if formulas.any():
            values = values.copy()  # the ledger's own cells stay as they are
            values[formulas] = [neutralise(cell) for cell in values[formulas]]
            changed += int(formulas.sum())
        safe.append(values)
    try:  # written as it is made: unchanged records are the ledger file's own text
        write_atomic(output, ledger.claims_table.blocks(header, Columns(safe, cells.length)))
    except OSError as exc:
        raise write_error(output, exc) from None
    return changed
