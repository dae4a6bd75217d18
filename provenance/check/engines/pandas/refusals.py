"""What ``provenance check`` refuses: a ledger ``validate`` cannot read, with its line.

``check`` reads ``claims.csv`` with Arrow and ``validate`` with the exact reader; both
refuse the same inputs with the same line. A file either reader cannot read, a
``claims.csv`` without a required column, a registry row ``validate`` skips or cannot
verify, and a cell that is not a value of its column's type (:mod:`provenance.rules`)
are refused: :class:`LedgerRefused`, rendered as the finding ``validate`` prints. The
cells are tested a column at a time (:func:`broken_rows`); only when a row breaks a rule
is ``claims.csv`` read exactly, to place it as ``validate`` does and word it with
``validate``'s own check. What the cells say (spans, ids, sources, ranges) is what the
expectation suites test: ``check`` reports it as a failure, not a refusal.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from provenance.cells import arrow_text
from provenance.errors import LedgerFormatError, PositionedError
from provenance.findings import Finding
from provenance.plain_cells import flags, plain
from provenance.rules import READING_SLUGS, RULED_COLUMNS, cell_holds, check_claims_header

HINT = "run `provenance validate` for the full list"


class LedgerRefused(LedgerFormatError):
    """A ledger ``check`` will not read: one line, the finding ``validate`` gives it."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(finding.file, finding.line, finding.column, finding.message)

    def __str__(self) -> str:
        return f"{self.finding.render()} ({HINT})"


def unreadable(exc: PositionedError) -> LedgerRefused:
    """The refusal of a file that cannot be read, as ``validate`` reports it."""
    return LedgerRefused(Finding("unreadable", exc.message, exc.file, exc.line, exc.column))


def refuse_problems(problems: Iterable[Finding]) -> None:
    """Raise LedgerRefused for the first registry problem that is a reading rule's."""
    for problem in problems:
        if problem.slug in READING_SLUGS and problem.severity == "error":
            raise LedgerRefused(problem)


def broken_cells(column: pd.Series | pa.ChunkedArray, name: str) -> np.ndarray:
    """Per row: the cell of column ``name`` is not empty and breaks its rule. Cells that
    match the column's plain pattern hold; each distinct other cell is put to the rule."""
    text = column if isinstance(column, pa.ChunkedArray) else arrow_text(column)
    text = text.fill_null("")
    doubtful = pa.array(flags(pc.not_equal(text, "")) & ~plain(text, name))
    values = pc.unique(pc.filter(text, doubtful))
    bad = [value for value in values.to_pylist() if not cell_holds(name, value)]
    if not bad:
        return np.zeros(len(text), dtype=bool)
    return np.asarray(pc.is_in(text, value_set=pa.array(bad, text.type)), dtype=bool)


def broken_rows(claims: pd.DataFrame) -> np.ndarray:
    """Positions of the rows with a cell that breaks its column's rule. The columns are
    tested two at a time (Arrow matches them outside the GIL): nothing else runs while
    they are, and the load of a large ledger ends with them."""
    broken = np.zeros(len(claims), dtype=bool)
    names = [name for name in RULED_COLUMNS if name in claims.columns]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for cells in pool.map(lambda name: broken_cells(claims[name], name), names):
            broken |= cells
    return np.flatnonzero(broken)


def refuse_unreadable_claims(ledger: Any) -> None:
    """Raise LedgerRefused when ``ledger`` (claims read fast, by ``load_for_check``) has
    what ``validate`` refuses: a missing column, a registry row it cannot use, a cell that
    breaks its rule. Only then is ``claims.csv`` read exactly, to place and word it."""
    try:
        check_claims_header(list(ledger.claims.columns))
    except LedgerFormatError as exc:
        raise unreadable(exc) from None
    refuse_problems(ledger.problems)
    refuse_uncited(ledger)
    if len(broken_rows(ledger.claims)):
        refuse_rows(ledger)


def refuse_uncited(ledger: Any) -> None:
    """Raise LedgerRefused for a problem of a stored source that no claim cites (a changed
    or missing file): no suite looks at such a source, and ``validate`` refuses it."""
    paths = dict(zip("sources/" + ledger.sources["path"], ledger.sources["source_id"],
                     strict=True))
    cited = set(pd.unique(ledger.claims["source_id"])) if "source_id" in ledger.claims else set()
    for problem in ledger.problems:
        source_id = paths.get(problem.file)
        if problem.severity == "error" and source_id is not None and source_id not in cited:
            raise LedgerRefused(problem)


def refuse_rows(ledger: Any) -> None:
    """Read ``claims.csv`` exactly and raise the first reading-rule finding of
    ``validate``'s own checks of the rows that break a rule."""
    from provenance.csvio import read_table
    from provenance.ledger import Ledger, _frame
    from provenance.schema import CLAIMS
    from provenance.validate import check_claims

    try:
        table = read_table(ledger.root / CLAIMS, CLAIMS)
    except LedgerFormatError as exc:
        raise unreadable(exc) from None
    exact = Ledger(ledger.root, _frame(table), ledger.sources, ledger.texts, ledger.problems,
                   table, ledger.sources_table)
    for finding in check_claims(exact, broken_rows(exact.claims).tolist()):
        if finding.slug in READING_SLUGS and finding.severity == "error":
            raise LedgerRefused(finding)

