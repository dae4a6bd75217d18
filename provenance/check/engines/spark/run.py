"""``provenance check --engine spark``: the suites run by GX's ``SparkDFExecutionEngine``.

The result is the core's :class:`provenance.check.results.CheckResult` (same frames,
counts, outcomes and success rule), so the report, ``--json`` and the exit codes are
shared. The ledger stays in Spark: the driver holds the registry, the suites, the
unexpected claims, the listed pairs (at most ``limit_per_key`` per key) and their cells.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from provenance.alignment.keys import close_key_warnings
from provenance.check.agreement import Disagreements
from provenance.check.engines.gx import RESULT_FORMAT, combined, context, load_suite
from provenance.check.engines.spark import gate
from provenance.check.engines.spark.agreement import disagreeing, disagreements, flag_column
from provenance.check.engines.spark.batch import as_text, read_claims, typed_batch
from provenance.check.engines.spark.closeness import close_pairs, differing, discrepancies
from provenance.check.engines.spark.intervals import interval_frame
from provenance.check.engines.spark.metrics import without_spark
from provenance.check.engines.spark.registry import read_registry, source_frame
from provenance.check.engines.spark.reuse import reused_claims
from provenance.check.engines.spark.session import spark_session
from provenance.check.engines.spark.summary import compared_summary
from provenance.check.jobs import REQUIRED, job_candidates
from provenance.check.messages import Claim, conflict_frame
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
from provenance.errors import UsageError
from provenance.findings import Finding
from provenance.schema import CLAIMS, OPTIONAL_CLAIM_COLUMNS

INDEX_COLUMNS = ["_row", "claim_id"]  # what GX lists of every unexpected row
SPARK_RESULT_FORMAT = {**RESULT_FORMAT, "unexpected_index_column_names": INDEX_COLUMNS}


@cache
def _batch_definition() -> Any:
    source = context().data_sources.add_spark("provenance-spark")
    return source.add_dataframe_asset("claims").add_batch_definition_whole_dataframe("all")


def validate_spark(frame: DataFrame, suite: Any) -> Any:
    """Validate the Spark ``frame`` as one GX batch against ``suite``."""
    from great_expectations.validator.v1_validator import Validator

    validator = Validator(batch_definition=_batch_definition(),
                          batch_parameters={"dataframe": frame},
                          result_format=SPARK_RESULT_FORMAT)
    return validator.validate_expectation_suite(suite)


def _outcome(result: Any, suite: str) -> ExpectationOutcome:
    """An expectation's verdict with its unexpected claims in file order."""
    listed = result.result.get("unexpected_index_list") or []
    pairs = sorted((row, claim) for part in listed
                   for row, claim in zip(part["_row"], part["claim_id"], strict=True))
    return outcome_of(result, suite, [claim or "" for _, claim in pairs])


def _jobs(batch: DataFrame, suites: list[SuiteFile]) -> dict[str, tuple]:
    """Per job (a kind, or ``<kind>:close`` for discrepancies), the first agreement or
    closeness expectation's columns (with ``_row``), tuning and flag column, when its
    ``column_list`` has what the comparison needs (else GX reports its error)."""
    jobs: dict[str, tuple] = {}
    for name, columns, tuning in job_candidates(suites, batch.columns):
        if name not in jobs and all(c in columns for c in REQUIRED[name.partition(":")[0]]):
            frame = batch.select("_row", *dict.fromkeys(columns))
            jobs[name] = (frame, tuning, flag_column(name, tuning, columns))
    return jobs


def _cells(claims: DataFrame, rows: list[int]) -> pd.DataFrame:
    """The cells messages read of the claims at ``rows`` (``_row`` values), in that order,
    with their fact keys."""
    wanted = claims.sparkSession.createDataFrame(pd.DataFrame({"_row": rows}), "_row long")
    names = [c for c in (*Claim._fields, "fact_key") if c in claims.columns]
    found = claims.join(F.broadcast(wanted), "_row").select("_row", *names).toPandas()
    return found.set_index("_row").reindex(rows).fillna("").astype(object).reset_index(drop=True)


def _own_bounds(frame: DataFrame, rows: list[int], at: dict[int, int]) -> pd.DataFrame:
    """``own_lo``/``own_hi`` of an interval frame's rows among ``rows``, indexed by their
    position in ``rows``."""
    wanted = frame.sparkSession.createDataFrame(pd.DataFrame({"_row": rows}), "_row long")
    found = frame.join(F.broadcast(wanted), "_row", "left_semi").select(
        "_row", "own_lo", "own_hi").toPandas()
    return found.set_index(found["_row"].map(at)).drop(columns="_row")


def settled(frame: DataFrame) -> DataFrame:
    """``frame`` computed now and cut from its plan (``localCheckpoint``): its rows stay
    in the executors' block store and every later query starts from them. A persisted
    frame keeps its whole plan, which Spark analyses again for every query built on it;
    the validated batch's plan (every interval and flag joined in) ran to ~280k
    characters, and GX's ~80 metric queries over it took minutes on a 20-claim ledger."""
    return frame.localCheckpoint(eager=True)


@dataclass(frozen=True)
class _Listing:
    """The listed pairs with their messages, and what the summary reads of them."""

    conflicts: pd.DataFrame
    internal: pd.DataFrame
    discrepancies: pd.DataFrame
    conflicting: set[str]
    discrepant: set[str]


def _messages(found: dict[str, Disagreements], claims: DataFrame, sources: pd.DataFrame,
              frames: dict[str, DataFrame]) -> _Listing:
    """The conflict, internal and discrepancy frames of the listed pairs, worded by
    ``conflict_frame``, and the fact keys of the cross-source ones."""
    rows = sorted({int(r) for d in found.values() for part in (d.pairs, d.internal)
                   for r in (*part["row_a"], *part["row_b"])})
    columns = [*Claim._fields, "fact_key"]
    cells = _cells(claims, rows) if rows else pd.DataFrame(columns=columns)
    at = {row: index for index, row in enumerate(rows)}

    def placed(pairs: pd.DataFrame) -> pd.DataFrame:
        return pairs.assign(row_a=pairs["row_a"].map(at), row_b=pairs["row_b"].map(at))

    local = {kind: Disagreements(placed(d.pairs), placed(d.internal), d.counts)
             for kind, d in found.items()}
    bounds = {kind: _own_bounds(frames[kind], rows, at) for kind, d in local.items()
              if not (d.pairs.empty and d.internal.empty)}
    agree = {k: d for k, d in local.items() if not k.endswith(":close")}
    close = {k: d for k, d in local.items() if k.endswith(":close")}

    def keys(listed: dict[str, Disagreements]) -> set[str]:
        return {cells["fact_key"].iloc[r] for d in listed.values() for r in d.pairs["row_a"]}

    return _Listing(conflict_frame(agree, "pairs", cells, sources, bounds),
                    conflict_frame(agree, "internal", cells, sources, bounds),
                    conflict_frame(close, "pairs", cells, sources, bounds),
                    keys(agree), keys(close))


def run_check_spark(ledger_dir: str | Path, suites: list[str] | None = None,
                    master: str | None = None, *, claims: str | Path | None = None,
                    limit_per_key: int = LIMIT_PER_KEY) -> CheckResult:
    """Validate the ledger at ``ledger_dir`` against its suites (or the named ones) on
    Spark (``master``, default ``local[*]``; ``SPARK_REMOTE`` for Spark Connect).

    ``claims`` reads another copy of the claims (the Parquet file of ``provenance export
    --format parquet``). Raises what the pandas check raises for a ledger it refuses, and
    UsageError for an expectation without a Spark implementation.
    """
    return _run(Path(ledger_dir), suites, master, claims, limit_per_key, chains=False)[0]


def check_with_chains(ledger_dir: str | Path, suites: list[str] | None = None,
                      master: str | None = None, *, claims: str | Path | None = None
                      ) -> tuple[CheckResult, pd.DataFrame]:
    """:func:`run_check_spark` and the quote chains of the same claims
    (``reuse.via.reused_claims``), as ``provenance check --engine spark`` prints them."""
    return _run(Path(ledger_dir), suites, master, claims, LIMIT_PER_KEY, chains=True)


def _run(root: Path, suites: list[str] | None, master: str | None,
         claims: str | Path | None, limit: int, chains: bool
         ) -> tuple[CheckResult, pd.DataFrame | None]:
    from provenance.transaction import recover

    if not root.is_dir():
        raise UsageError(f"{root}: no such ledger folder")
    recover(root)
    loaded = [load_suite(p, shown_path(root, p)) for p in resolve(root, suites)]
    missing = without_spark([e for item in loaded for e in item.suite.expectations])
    if missing:
        raise UsageError(f"no Spark implementation of {', '.join(missing)}: "
                         "check with --engine pandas")
    spark = spark_session(master)
    registry = read_registry(root)
    path = Path(claims) if claims else root / CLAIMS
    read = as_text(read_claims(spark, path)).persist()  # the file is parsed once
    try:
        if registry.broken or gate.needs_refusal(read, path.suffix == ".parquet"):
            gate.refuse_as_pandas(root)
        texts, unchecked = gate.derived(gate.with_claim_columns(read), root)
        check_suite_columns(loaded, root, [*texts.columns, *DERIVED_COLUMNS,
                                           *OPTIONAL_CLAIM_COLUMNS])
        sources = source_frame(spark, root, registry)
        needed = [*columns_needed(loaded), "claim_id"]
        batch = settled(typed_batch(texts, sources, needed))
        result = _checked(loaded, batch, texts, registry.frame, limit, unchecked)
        reused = reused_claims(root, read, sources, registry.frame) if chains else None
        return result, reused
    finally:
        read.unpersist()


def _checked(loaded: list[SuiteFile], batch: DataFrame, texts: DataFrame,
             sources: pd.DataFrame, limit: int, unchecked: list[Finding]) -> CheckResult:
    """Each job's intervals are made once (a conflict and a discrepancy job of one kind
    and tuning share them): their verdicts become columns of the batch GX validates
    (``agreement.flag_column``), their pairs the listing."""
    frames: dict[str, DataFrame] = {}
    made: dict[tuple, DataFrame] = {}
    close: dict[str, DataFrame] = {}
    checked = batch
    for name, (frame, tuning, flag) in _jobs(batch, loaded).items():
        kind, _, measure = name.partition(":")
        key = (kind, replace(tuning, max_relative_gap=0.0), tuple(frame.columns))
        if key not in made:
            made[key] = settled(interval_frame(frame, kind, tuning))
        frames[name] = made[key]
        if measure:
            close[name] = settled(close_pairs(frames[name], tuning.max_relative_gap))
            flags = differing(close[name], flag)
        else:
            flags = disagreeing(frames[name], flag)
        checked = checked.join(flags, "_row", "left")
    checked = settled(checked)
    validation = validate_spark(checked, combined(loaded))
    outcomes = [_outcome(r, name) for name, r in in_suite_order(loaded, validation.results)]
    found = {name: (discrepancies(close[name], rows, limit) if name in close
                    else disagreements(rows, limit)) for name, rows in frames.items()}
    listing = _messages(found, texts, sources, frames)
    summary = compared_summary(batch, texts, sources, frames, listing.conflicting,
                               listing.discrepant)
    success = passed(outcomes, unchecked)
    agree = {k: d for k, d in found.items() if k not in close}
    differ = {k: d for k, d in found.items() if k in close}
    return CheckResult(success, listing.conflicts, listing.internal, counts(agree), outcomes,
                       [validation], close_key_warnings(gate.key_rows(texts)),
                       listing.discrepancies, counts(differ), summary, unchecked)
