"""Validation: every check yields findings naming file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from provenance import claim_rules
from provenance.alignment.keys import close_key_warnings
from provenance.claim_rules import Cells, Hit
from provenance.csvio import cell_position
from provenance.errors import LedgerFormatError, SourceError, UsageError
from provenance.findings import Finding, Report
from provenance.ledger import Ledger
from provenance.schema import CLAIMS, FACT_KEY
from provenance.span_rules import spans
from provenance.validate_load import Records, load_for_validate

__all__ = ["FACT_KEY", "check_claims", "check_ledger_path", "validate_ledger",
           "validate_loaded"]


def validate_ledger(path: str | Path = ".") -> Report:
    """Load and check a ledger folder; unreadable files become findings too."""
    try:
        ledger, records = load_for_validate(path)
    except (LedgerFormatError, SourceError) as exc:
        return Report([Finding("unreadable", exc.message, exc.file, exc.line, exc.column)])
    return validate_loaded(ledger, records=records)


def validate_loaded(ledger: Ledger, *, warnings: bool = True,
                    records: Records | None = None) -> Report:
    """The findings of a ledger already loaded (with ``strict=False``; ``records``: where
    its claims are in claims.csv, when it was not loaded with its table). Without
    ``warnings`` the rules that only warn and read every quote or key (two values in a
    quote, close fact keys) are skipped: for a command that acts on errors only."""
    records = records or Records.of(ledger)
    if not warnings:
        return Report([*ledger.problems, *check_claims(ledger, warnings=False, records=records)])
    with ThreadPoolExecutor(max_workers=1) as pool:  # the keys compared while rules run
        keys = pool.submit(close_key_warnings, ledger.claims, line_of=records.line_of)
        found = check_claims(ledger, records=records)
        return Report([*ledger.problems, *found, *keys.result()])


RULES = (claim_rules.identity, claim_rules.vocabulary, spans, claim_rules.numbers,
         claim_rules.dates, claim_rules.category, claim_rules.formulas)


def check_claims(ledger: Ledger, rows: Iterable[int] | None = None, *,
                 warnings: bool = True, records: Records | None = None) -> list[Finding]:
    """The findings of every claim row of a loaded ledger (or of the rows at positions
    ``rows``), row by row in the order given, each row's in the rules' order;
    ``warnings`` and ``records`` as in :func:`validate_loaded`.

    Each rule tests whole columns (:mod:`provenance.claim_rules`,
    :mod:`provenance.span_rules`), two rules at a time; a finding is worded and placed
    only for a row a rule finds.
    """
    records = records or Records.of(ledger)
    cells = Cells(ledger, None if rows is None else np.asarray(list(rows), dtype=np.int64),
                  line_of=records.line_of)
    rules = (*RULES, claim_rules.two_values) if warnings else RULES
    with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow and numpy work outside the GIL
        hits = [found for each in pool.map(lambda rule: list(rule(cells)), rules)
                for found in each]
    if not hits:
        return []
    at = np.concatenate([found.rows for found in hits])
    which = np.repeat(np.arange(len(hits)), [len(found.rows) for found in hits])
    order = np.lexsort((np.array([found.rank for found in hits])[which], at))
    at, which = at[order], which[order]
    ids = cells["claim_id"].take(pa.array(at, pa.int64())).to_pylist()
    return _placed(cells, records, [hits[h] for h in which.tolist()], at, ids)


def _placed(cells: Cells, records: Records, found: list[Hit], at: np.ndarray,
            ids: list[str]) -> list[Finding]:
    """The findings of hits ``found`` (``at``: their rows among those checked), each placed
    at the line its record starts on and the column of its cell, from the record's raw
    text (:func:`plain_columns` first, when the records are held as the file's bytes)."""
    columns = {name: i for i, name in enumerate(cells.names)}
    index = cells.ledger.claims.index[cells.rows[at]].tolist()
    lines = [records.line_of(i) for i in index]
    fields = np.array([columns.get(hit.column, -1) if line else -1
                       for hit, line in zip(found, lines, strict=True)], dtype=np.int64)
    known = (plain_columns(cells, records, at, np.asarray(index, dtype=np.int64), fields)
             if records.in_bytes and len(at) else np.zeros(len(at), dtype=np.int64)).tolist()
    findings = []
    for hit, row, i, line, field, col, claim_id in zip(found, at.tolist(), index, lines,
                                                      fields.tolist(), known, ids, strict=True):
        if not col and field >= 0:
            line, col = cell_position(records.raw[i], line, field)
        findings.append(Finding(hit.slug, hit.message(row), CLAIMS, line, col or None,
                                claim_id, hit.severity))
    return findings


def plain_columns(cells: Cells, records: Records, at: np.ndarray, index: np.ndarray,
                  fields: np.ndarray) -> np.ndarray:
    """The column (1-based, in code points) where field ``fields`` of the record of each
    row ``at`` (row ``index`` of the claims) starts, found from the cells' lengths when the
    fields before it are not quoted: each then reads as its cell followed by a comma. 0
    where a field before it is quoted, or ``fields`` is -1 (no field to place)."""
    column, offset = np.ones(len(at), dtype=np.int64), np.zeros(len(at), dtype=np.int64)
    plain = fields >= 0
    taken = pa.array(at, pa.int64())
    for field in range(int(fields.max(initial=0))):
        before = fields > field
        text = cells[cells.names[field]].take(taken)
        size = np.asarray(pc.binary_length(text), dtype=np.int64)
        plain &= ~before | ((records.byte_at(index, offset) != ord('"'))
                            & (records.byte_at(index, offset + size) == ord(",")))
        offset += np.where(before, size + 1, 0)
        column += np.where(before, np.asarray(pc.utf8_length(text), dtype=np.int64) + 1, 0)
    return np.where(plain, column, 0)


def check_ledger_path(path: str | Path) -> Path:
    """The ledger folder, or a UsageError when it is not one."""
    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such ledger folder")
    return folder
