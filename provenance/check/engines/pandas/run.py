"""The pandas engine of ``provenance check``: the GX suites run on a ledger in memory.

The ledger is validated as one GX batch (``batch.py``) holding only the columns
the suites name. The agreement expectations mark conflicting rows inside GX; the pairs
behind them come from the same analysis (:mod:`provenance.check.agreement`: sort and search per
fact key), computed once and used by both GX and the listing, clearest pairs first,
counted per fact key. Once the batch is made, the analyses run in worker threads while
GX does its own work; beside it each kind's pairs are listed as soon as its analysis is
done, the pairs' messages are written and the summary is made from them, and the warnings
about fact keys are found.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance.alignment.keys import KEY_COLUMNS, close_key_warnings
from provenance.cells import arrow_text
from provenance.check.agreement import disagreements
from provenance.check.discrepancy import discrepancy_pairs
from provenance.check.engines.gx import RESULT_FORMAT, combined, load_suite
from provenance.check.engines.pandas.batch import build_batch, category_text
from provenance.check.engines.pandas.chunked import arrow_cells
from provenance.check.engines.pandas.expectations._agreement import (
    analysis,
    in_completion_order,
    shared_analyses,
)
from provenance.check.engines.pandas.spans import SourceBytes, SourceTexts
from provenance.check.engines.pandas.validation import validate
from provenance.check.jobs import AGREEMENT_COLUMNS, job_candidates
from provenance.check.messages import conflict_frame
from provenance.check.results import (
    LIMIT_PER_KEY,
    CheckResult,
    ExpectationOutcome,
    counts,
    outcome_of,
    passed,
)
from provenance.check.suites import (
    DERIVED_COLUMNS,
    SuiteFile,
    check_suite_columns,
    columns_needed,
    in_suite_order,
    resolve,
    shown_path,
)
from provenance.check.summary import compared_summary
from provenance.errors import LedgerFormatError, SourceError, UsageError
from provenance.findings import Finding
from provenance.schema import OPTIONAL_CLAIM_COLUMNS
from provenance.sources import outlets
from provenance.values import units

__all__ = ["checked_claims", "load_for_check", "run_check"]


def _outcome(result: Any, suite: str, claim_ids: Callable[[np.ndarray], list[str]]
             ) -> ExpectationOutcome:
    rows = result.result.get("unexpected_index_list") or []
    return outcome_of(result, suite, claim_ids(np.asarray(rows, dtype=np.int64)))


def _claim_ids(batch: pd.DataFrame, claims: pd.DataFrame) -> Callable[[np.ndarray], list[str]]:
    """The claim ids at some row positions ("" for an empty one), taken from the batch's
    categories (Arrow strings, see ``batch.py``) or the claims: only the rows asked for
    become Python strings."""
    if "claim_id" in batch.columns:
        column = batch["claim_id"].array
        text = category_text(column.categories)
        if text is None:
            text = pd.Series(column.categories, dtype=object)
        names, codes = arrow_text(text), column.codes
    else:
        names, codes = arrow_text(claims["claim_id"]), None

    def ids(rows: np.ndarray) -> list[str]:
        taken = rows if codes is None else codes[rows]
        return names.take(pa.array(taken, mask=taken < 0)).fill_null("").to_pylist()
    return ids


def checked_claims(ledger: Any) -> tuple[pd.DataFrame, list[Finding]]:
    """The claims, with offsets and values derived in memory for quote-only rows; a row
    that cannot be derived (its quote not found, or found more than once) is left out
    and gets ``validate``'s findings instead of the failures GX would report for it."""
    from provenance.fill import complete, incomplete, with_columns
    from provenance.schema import CLAIM_COLUMNS
    from provenance.validate import check_claims

    claims = ledger.claims
    if not set(CLAIM_COLUMNS) <= set(claims.columns):
        claims = with_columns(claims)
    if not incomplete(claims).any():
        return claims, []
    claims, report = complete(ledger, claims)
    failed = claims["claim_id"].isin({f.claim_id for f in report.findings
                                      if f.severity == "error"}).to_numpy()
    if not failed.any():
        return claims, []
    findings = [f for f in check_claims(ledger, np.flatnonzero(failed).tolist())
                if f.severity == "error"]
    return claims.loc[~failed].reset_index(drop=True), findings


def _key_columns(batch: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """What the fact-key warnings read of the claims, as the batch's categoricals when it
    has them all (a million strings are not encoded a second time), else the claims."""
    read = [column for column in KEY_COLUMNS if column in claims.columns]
    return batch[read] if set(read) <= set(batch.columns) else claims


def _compares_quantities(suites: list[SuiteFile]) -> bool:
    """Whether a job of ``suites`` compares quantities (converting units with pint)."""
    return any(name.partition(":")[0] == "quantity"
               for name, _, _ in job_candidates(suites, AGREEMENT_COLUMNS))


def _agreement_jobs(batch: pd.DataFrame, suites: list[SuiteFile]) -> dict[str, tuple]:
    """Per job, the first agreement (or closeness) expectation's view of the batch (its
    ``column_list``) and its tuning (see :func:`job_candidates`)."""
    jobs: dict[str, tuple] = {}
    for name, columns, tuning in job_candidates(suites, batch.columns):
        if name not in jobs:
            jobs[name] = (batch[columns], name, tuning)
    return jobs


@dataclass(frozen=True)
class _Listed:
    """The pairs of every kind whose analysis worked (``agree`` for conflicts, ``close``
    for discrepancies, in the jobs' order) and those analyses."""

    agree: dict[str, Any]
    close: dict[str, Any]
    analysed: dict[str, Any]


def _listed(jobs: dict[str, tuple], limit: int | None) -> _Listed:
    """The pairs and analysis of every kind whose analysis worked (GX reports a
    failed one as the expectation's error, e.g. a ``column_list`` without a column the
    check needs), each listed as soon as its analysis is done."""
    found = {}
    for kind in in_completion_order(jobs):
        try:
            done = analysis(*jobs[kind])
        except ValueError:
            continue
        pairs = (discrepancy_pairs(done, limit) if kind.endswith(":close")
                 else disagreements(done, limit))
        found[kind] = (pairs, done)
    kinds = [kind for kind in jobs if kind in found]
    return _Listed({k: found[k][0] for k in kinds if not k.endswith(":close")},
                   {k: found[k][0] for k in kinds if k.endswith(":close")},
                   {k: found[k][1] for k in kinds})


def _summary(listed: Future[_Listed], batch: pd.DataFrame, sources: pd.DataFrame,
             claims: pd.DataFrame) -> dict:
    """The summary of what was compared, once the pairs are listed."""
    found = listed.result()
    return compared_summary(batch, sources, found.analysed, found.agree, found.close, claims)


def _pair_rows(listed: Future[_Listed], claims: pd.DataFrame, sources: pd.DataFrame
               ) -> tuple[pd.DataFrame, ...]:
    """Once the pairs are listed: conflicts, internal conflicts, discrepancies and
    internal discrepancies, each pair a row with its message."""
    found = listed.result()
    frames = {kind: done.frame for kind, done in found.analysed.items()}
    return tuple(conflict_frame(pairs, attribute, claims, sources, frames, arrow_cells)
                 for pairs in (found.agree, found.close) for attribute in ("pairs", "internal"))


def load_for_check(path: str | Path) -> Any:
    """A ledger read for checking only: ``claims.csv`` through the fast C reader.

    The texts and the registry are read as ``load_ledger`` reads them (a changed file is
    a span-integrity failure here, not an error); the claims skip the exact-position
    reader, so the ledger cannot be saved. What ``validate`` refuses is refused here with
    its line (LedgerRefused, see :mod:`.refusals`). Arrow parses the claims in
    a worker thread (without the GIL) while the sources are read. The texts stay the
    UTF-8 bytes they were read from, in one buffer with their sha256
    (:class:`SourceTexts`): span integrity reads that buffer, and a text is decoded only
    when looked up.
    """
    from provenance.check.engines.pandas.refusals import (
        LedgerRefused,
        refuse_unreadable_claims,
        unreadable,
    )

    root = Path(path)
    if not root.is_dir():
        raise UsageError(f"{root}: no such ledger folder")
    try:
        ledger = _read_for_check(root)
    except LedgerRefused:
        raise
    except (LedgerFormatError, SourceError) as exc:
        raise unreadable(exc) from None
    refuse_unreadable_claims(ledger)
    return ledger


def _read_for_check(root: Path) -> Any:
    """The ledger of ``load_for_check``, before its refusals."""
    from provenance.csvio import read_frame
    from provenance.ledger import Ledger, read_registry
    from provenance.schema import CLAIMS
    from provenance.transaction import recover

    recover(root)
    with ThreadPoolExecutor(max_workers=1) as pool:
        claims = pool.submit(read_frame, root / CLAIMS, name=CLAIMS)
        table, sources, loaded, problems = read_registry(root)
        ids = sources["source_id"].astype(object).tolist()
        texts = SourceTexts(ids, SourceBytes.read(ids, loaded))
        del loaded  # each text is kept once, as bytes
        return Ledger(root, claims.result(), sources, texts, problems, None, table)


def run_check(
    ledger: Any, suites: list[str] | None = None, *, limit_per_key: int | None = LIMIT_PER_KEY
) -> CheckResult:
    """Validate ``ledger`` against its suites (or the named ones) and collect the conflicts.

    ``limit_per_key`` caps the pairs listed per fact key (clearest first); ``counts``
    always has the exact numbers. Unreadable suite files raise LedgerFormatError.
    """
    root = Path(ledger.root)
    loaded = [load_suite(p, shown_path(root, p)) for p in resolve(root, suites)]
    claims, unchecked = checked_claims(ledger)
    check_suite_columns(loaded, root, [*claims.columns, *DERIVED_COLUMNS,
                                       *OPTIONAL_CLAIM_COLUMNS])
    with ThreadPoolExecutor(max_workers=1) as pool:
        if _compares_quantities(loaded):  # pint's registry, made while the batch is
            pool.submit(units.registry)  # (a fifth of a second, mostly importing pint)
        batch = build_batch(claims, ledger.sources, ledger.texts, columns_needed(loaded))
    jobs = _agreement_jobs(batch, loaded)
    with shared_analyses(list(jobs.values()), outlets(ledger.sources)), \
            ThreadPoolExecutor(max_workers=4) as pool:
        listed = pool.submit(contextvars.copy_context().run, _listed, jobs, limit_per_key)
        warnings = pool.submit(close_key_warnings, _key_columns(batch, claims))  # beside it
        summary = pool.submit(_summary, listed, batch, ledger.sources, claims)
        rows = pool.submit(_pair_rows, listed, claims, ledger.sources)
        validation = validate(batch, combined(loaded), RESULT_FORMAT)
        ids = _claim_ids(batch, claims)
        outcomes = [_outcome(r, name, ids)
                    for name, r in in_suite_order(loaded, validation.results)]
        found = listed.result()
        conflicts, internal, discrepancies, internal_discrepancies = rows.result()
    return CheckResult(passed(outcomes, unchecked), conflicts, internal, counts(found.agree),
                       outcomes, [validation], warnings.result(), discrepancies,
                       counts(found.close), summary.result(), unchecked, internal_discrepancies)
