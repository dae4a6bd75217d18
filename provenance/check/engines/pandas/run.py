"""``provenance check``: run the GX suites on a ledger and list the conflicts they found.

The ledger is validated as one GX batch (``check_batch.py``) holding only the columns
the suites name. The agreement expectations mark conflicting rows inside GX; the pairs
behind them come from the same analysis (:mod:`provenance.agreement`: sort and search per
fact key), computed once and used by both GX and the listing, clearest pairs first,
counted per fact key. Once the batch is made, the analyses run in a worker thread while
GX does its own work, and the listing and its messages are written in another.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance.agreement import disagreements
from provenance.alignment.keys import close_key_warnings
from provenance.cells import arrow_text
from provenance.check_batch import DERIVED_COLUMNS, build_batch
from provenance.check_messages import CONFLICT_COLUMNS, conflict_frame
from provenance.check_spans import SourceBytes, SourceTexts
from provenance.check_summary import compared_summary
from provenance.discrepancy import discrepancy_pairs
from provenance.errors import LedgerFormatError, SourceError, UsageError
from provenance.expectations import AGREEMENT, CLOSENESS
from provenance.expectations._agreement import analysis, shared_analyses, tuning_from
from provenance.findings import Finding
from provenance.schema import OPTIONAL_CLAIM_COLUMNS
from provenance.sources import outlets
from provenance.suite_rules import COLUMN_KWARGS
from provenance.suites import (
    SuiteFile,
    check_suite_columns,
    columns_needed,
    combined,
    in_suite_order,
    load_suite,
    resolve,
    shown_path,
    validate,
)

COUNT_COLUMNS = ["fact_key", "kind", "claims", "cross_pairs", "internal_pairs"]
RESULT_FORMAT = {  # every unexpected row's position (the batch's unnamed RangeIndex)
    "result_format": "COMPLETE",
    "exclude_unexpected_values": True,
    "return_unexpected_index_query": False,  # a query string over every unexpected row
}
LIMIT_PER_KEY = 20
__all__ = [
    "CONFLICT_COLUMNS", "CheckResult", "ExpectationOutcome", "load_for_check", "run_check",
]


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's verdict: the claims it found unexpected, and how much that matters."""

    expectation: str
    success: bool
    unexpected: list[str]
    severity: str = "critical"
    suite: str = ""
    error: str = ""
    description: str = ""  # in plain words, from the suite's ``meta.description``


@dataclass
class CheckResult:
    """What a check found. ``success`` ignores failures of warning/info severity."""

    success: bool
    conflicts: pd.DataFrame
    internal: pd.DataFrame
    counts: pd.DataFrame
    results: list[ExpectationOutcome]
    validations: list[Any] = field(default_factory=list, repr=False)
    warnings: list[Finding] = field(default_factory=list)  # never change ``success``
    discrepancies: pd.DataFrame = field(  # pairs that touch but differ widely (CONFLICT_COLUMNS)
        default_factory=lambda: pd.DataFrame(columns=CONFLICT_COLUMNS))
    discrepancy_counts: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COUNT_COLUMNS))
    summary: dict = field(default_factory=dict)  # what was compared (check_summary.py)
    unchecked: list[Finding] = field(default_factory=list)  # rows fill cannot derive
    internal_discrepancies: pd.DataFrame = field(  # discrepancies inside one outlet
        default_factory=lambda: pd.DataFrame(columns=CONFLICT_COLUMNS))

    @property
    def errors(self) -> list[ExpectationOutcome]:
        """The expectations GX could not evaluate (an exception, not a verdict): a check
        with any is no pass, whatever their severity."""
        return [o for o in self.results if o.error]

    def to_json(self) -> dict:
        """The ``--json`` object: success, conflicts, internal, counts, results, warnings;
        and headline, discrepancies, discrepancy_counts, summary (results carry their
        plain ``description``), unchecked (validate's findings for rows left out),
        internal_discrepancies. Pairs of one outlet (one article, or two of its articles)
        are ``internal``/``internal_discrepancies``, never conflicts or discrepancies."""
        from provenance.check_report import headline

        return {
            "success": self.success,
            "conflicts": _pairs_json(self.conflicts),
            "internal": _pairs_json(self.internal),
            "counts": self.counts.to_dict("records"),
            "results": [
                {"expectation": o.expectation, "success": o.success,
                 "unexpected": o.unexpected, "severity": o.severity, "error": o.error,
                 "description": o.description}
                for o in self.results
            ],
            "warnings": [asdict(w) for w in self.warnings],
            "headline": headline(self),
            "discrepancies": _pairs_json(self.discrepancies),
            "discrepancy_counts": self.discrepancy_counts.to_dict("records"),
            "summary": self.summary,
            "unchecked": [asdict(f) for f in self.unchecked],
            "internal_discrepancies": _pairs_json(self.internal_discrepancies),
        }


def _pairs_json(frame: pd.DataFrame) -> list[dict]:
    return [
        {"fact_key": r.fact_key, "kind": r.kind, "claims": [r.claim_a, r.claim_b],
         "sources": [r.source_a, r.source_b], "message": r.message}
        for r in frame.itertuples()
    ]


def _label(config: Any) -> str:
    """``expect_x(column)``: the expectation type with the columns it is about."""
    kwargs = config.kwargs
    named = [kwargs[k] for k in COLUMN_KWARGS if isinstance(kwargs.get(k), str)]
    return f"{config.type}({', '.join(named)})" if named else config.type


def _error(info: dict) -> str:
    """GX's exception message for a result, given flat or per metric that raised."""
    raised = [info, *(v for v in info.values() if isinstance(v, dict))]
    messages = (r.get("exception_message") or "error" for r in raised if r.get("raised_exception"))
    return next(messages, "")


def _outcome(result: Any, suite: str, claim_ids: Callable[[np.ndarray], list[str]]
             ) -> ExpectationOutcome:
    rows = result.result.get("unexpected_index_list") or []
    return outcome_of(result, suite, claim_ids(np.asarray(rows, dtype=np.int64)))


def outcome_of(result: Any, suite: str, unexpected: list[str]) -> ExpectationOutcome:
    """A GX expectation result as an outcome, with the ids of its ``unexpected`` claims."""
    config = result.expectation_config
    error = _error(result.exception_info or {})
    severity = getattr(config.severity, "value", None) or str(config.severity or "critical")
    meta = config.meta if isinstance(config.meta, dict) else {}
    described = meta.get("description")
    return ExpectationOutcome(_label(config), bool(result.success), unexpected, severity, suite,
                              error, described if isinstance(described, str) else "")


def _claim_ids(batch: pd.DataFrame, claims: pd.DataFrame) -> Callable[[np.ndarray], list[str]]:
    """The claim ids at some row positions ("" for an empty one): from the batch's
    categories, Python strings already, when it has them, else from the claims."""
    if "claim_id" not in batch.columns:
        text = arrow_text(claims["claim_id"])
        return lambda rows: text.take(pa.array(rows)).fill_null("").to_pylist()
    column = batch["claim_id"].array
    names = np.append(np.asarray(column.categories, dtype=object), "")  # code -1 is last
    return lambda rows: names[column.codes[rows]].tolist()


def _claims(ledger: Any) -> tuple[pd.DataFrame, list[Finding]]:
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


def job_candidates(suites: list[SuiteFile], present: Iterable[str]
                   ) -> Iterator[tuple[str, list[str], Any]]:
    """Each agreement (or closeness) expectation's jobs in suite order: the job's name (a
    kind, or ``<kind>:close`` for closeness), the expectation's ``column_list`` columns
    found in ``present`` (what GX hands its condition) and its tuning, class defaults
    included, as GX sees it. An engine keeps the first of each name it can run."""
    present = set(present)
    for item in suites:
        for expectation in item.suite.expectations:
            kind = expectation.expectation_type
            names = ([AGREEMENT[kind]] if kind in AGREEMENT else
                     [f"{k}:close" for k in getattr(expectation, CLOSENESS[kind])]
                     if kind in CLOSENESS else [])
            if not names:
                continue
            columns = [c for c in expectation.column_list if c in present]
            tuning = tuning_from({k: getattr(expectation, k, None)
                                  for k in expectation.success_keys})
            for name in names:
                yield name, columns, tuning


def _agreement_jobs(batch: pd.DataFrame, suites: list[SuiteFile]) -> dict[str, tuple]:
    """Per job, the first agreement (or closeness) expectation's view of the batch (its
    ``column_list``) and its tuning (see :func:`job_candidates`)."""
    jobs: dict[str, tuple] = {}
    for name, columns, tuning in job_candidates(suites, batch.columns):
        if name not in jobs:
            jobs[name] = (batch[columns], name, tuning)
    return jobs


def _listed(jobs: dict[str, tuple], limit: int | None) -> dict[str, Any]:
    """The pairs and analysis of every kind whose analysis worked (GX reports a
    failed one as the expectation's error, e.g. a ``column_list`` without a column the
    check needs)."""
    found = {}
    for kind, job in jobs.items():
        try:
            done = analysis(*job)
        except ValueError:
            continue
        pairs = (discrepancy_pairs(done, limit) if kind.endswith(":close")
                 else disagreements(done, limit))
        found[kind] = (pairs, done)
    return found


@dataclass(frozen=True)
class _Listing:
    """What the worker thread lists while GX validates: the pairs of every kind
    (``agree`` for conflicts, ``close`` for discrepancies), their rows with messages, and
    the summary."""

    agree: dict[str, Any]
    close: dict[str, Any]
    conflicts: pd.DataFrame
    internal: pd.DataFrame
    discrepancies: pd.DataFrame
    internal_discrepancies: pd.DataFrame
    summary: dict


def _report(jobs: dict[str, tuple], limit: int | None, claims: pd.DataFrame,
            sources: pd.DataFrame, batch: pd.DataFrame) -> _Listing:
    """The listed pairs of every kind, their messages, and the summary of what was compared."""
    listed = _listed(jobs, limit)
    analysed = {kind: done for kind, (_, done) in listed.items()}
    frames = {kind: done.frame for kind, done in analysed.items()}
    agree = {k: d for k, (d, _) in listed.items() if not k.endswith(":close")}
    close = {k: d for k, (d, _) in listed.items() if k.endswith(":close")}

    def rows(found: dict[str, Any], attribute: str) -> pd.DataFrame:
        return conflict_frame(found, attribute, claims, sources, frames)

    return _Listing(agree, close, rows(agree, "pairs"), rows(agree, "internal"),
                    rows(close, "pairs"), rows(close, "internal"),
                    compared_summary(batch, sources, analysed, agree, close, claims))


def _counts(found: dict[str, Any]) -> pd.DataFrame:
    parts = [d.counts.assign(kind=kind.removesuffix(":close")) for kind, d in found.items()
             if not d.counts.empty]
    if not parts:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    table = pd.concat(parts, ignore_index=True)[COUNT_COLUMNS]
    return table.sort_values(["cross_pairs", "fact_key"], ascending=[False, True],
                             ignore_index=True)


def load_for_check(path: str | Path) -> Any:
    """A ledger read for checking only: ``claims.csv`` through the fast C reader.

    The texts and the registry are read as ``load_ledger`` reads them (a changed file is
    a span-integrity failure here, not an error); the claims skip the exact-position
    reader, so the ledger cannot be saved. What ``validate`` refuses is refused here with
    its line (LedgerRefused, see :mod:`provenance.refusals`). Arrow parses the claims in
    a worker thread (without the GIL) while the sources are read. The texts stay the
    UTF-8 bytes they were read from, in one buffer with their sha256
    (:class:`SourceTexts`): span integrity reads that buffer, and a text is decoded only
    when looked up.
    """
    from provenance.refusals import LedgerRefused, refuse_unreadable_claims, unreadable

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
    claims, unchecked = _claims(ledger)
    check_suite_columns(loaded, root, [*claims.columns, *DERIVED_COLUMNS,
                                       *OPTIONAL_CLAIM_COLUMNS])
    batch = build_batch(claims, ledger.sources, ledger.texts, columns_needed(loaded))
    jobs = _agreement_jobs(batch, loaded)
    with shared_analyses(list(jobs.values()), outlets(ledger.sources)), \
            ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(contextvars.copy_context().run, _report, jobs, limit_per_key,
                             claims, ledger.sources, batch)
        warnings = pool.submit(close_key_warnings, claims)  # also while GX validates
        validation = validate(batch, combined(loaded), RESULT_FORMAT)
        listing = report.result()
    ids = _claim_ids(batch, claims)
    outcomes = [_outcome(r, name, ids) for name, r in in_suite_order(loaded, validation.results)]
    validations = [validation]
    success = not unchecked and all(
        (o.success or o.severity in {"warning", "info"}) and not o.error for o in outcomes)
    return CheckResult(success, listing.conflicts, listing.internal, _counts(listing.agree),
                       outcomes, validations, warnings.result(), listing.discrepancies,
                       _counts(listing.close), listing.summary, unchecked,
                       listing.internal_discrepancies)
