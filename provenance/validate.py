"""Validation: every check yields findings naming file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa

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
    return _placed(ledger, records, [hits[h] for h in which.tolist()], at, cells.rows[at], ids)


def _placed(ledger: Ledger, records: Records, found: list[Hit], at: np.ndarray,
            positions: np.ndarray, ids: list[str]) -> list[Finding]:
    """The findings of hits ``found`` (``at``: their rows among those checked, at
    ``positions`` in the claims), each placed at the line its record starts on and the
    column of its cell, from the record's raw text."""
    columns = {str(c): i for i, c in enumerate(ledger.claims.columns)}
    index = ledger.claims.index[positions].tolist()
    lines = [records.line_of(i) for i in index]
    findings = []
    for hit, row, i, line, claim_id in zip(found, at.tolist(), index, lines, ids, strict=True):
        col, place = None, line
        if line and hit.column in columns:
            place, col = cell_position(records.raw[i], line, columns[hit.column])
        findings.append(Finding(hit.slug, hit.message(row), CLAIMS, place, col, claim_id,
                                hit.severity))
    return findings


def check_ledger_path(path: str | Path) -> Path:
    """The ledger folder, or a UsageError when it is not one."""
    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such ledger folder")
    return folder
