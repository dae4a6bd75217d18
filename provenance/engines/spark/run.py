"""``provenance check --engine spark``: the suites run by GX's ``SparkDFExecutionEngine``.

The result is the pandas engine's :class:`provenance.check.CheckResult` (same frames,
counts, outcomes and success rule), so the report, ``--json`` and the exit codes are
shared. The ledger stays in Spark: the driver holds the registry, the suites, the
unexpected claims, the listed pairs (at most ``limit_per_key`` per key) and their cells.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from provenance.agreement import Disagreements
from provenance.alignment.keys import close_key_warnings
from provenance.check import (
    LIMIT_PER_KEY,
    RESULT_FORMAT,
    CheckResult,
    ExpectationOutcome,
    _counts,
    _error,
    _label,
)
from provenance.check_batch import DERIVED_COLUMNS
from provenance.check_messages import Claim, conflict_frame
from provenance.engines.spark import gate
from provenance.engines.spark.agreement import disagreeing, disagreements, flag_column
from provenance.engines.spark.batch import as_text, read_claims, typed_batch
from provenance.engines.spark.intervals import interval_frame
from provenance.engines.spark.metrics import without_spark
from provenance.engines.spark.registry import read_registry, source_frame
from provenance.engines.spark.session import spark_session
from provenance.errors import UsageError
from provenance.expectations import AGREEMENT
from provenance.expectations._agreement import REQUIRED, tuning_from
from provenance.schema import CLAIMS
from provenance.suites import (
    SuiteFile,
    check_suite_columns,
    columns_needed,
    combined,
    context,
    in_suite_order,
    load_suite,
    resolve,
    shown_path,
)

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
    config = result.expectation_config
    listed = result.result.get("unexpected_index_list") or []
    pairs = sorted((row, claim) for part in listed
                   for row, claim in zip(part["_row"], part["claim_id"], strict=True))
    severity = getattr(config.severity, "value", None) or str(config.severity or "critical")
    return ExpectationOutcome(_label(config), bool(result.success),
                              [claim or "" for _, claim in pairs], severity, suite,
                              _error(result.exception_info or {}))


def _agreement_jobs(batch: DataFrame, suites: list[SuiteFile]) -> dict[str, tuple]:
    """Per kind, the first agreement expectation's columns (with ``_row``) and tuning, when
    its ``column_list`` has what the comparison needs (else GX reports its error)."""
    jobs: dict[str, tuple] = {}
    for item in suites:
        for expectation in item.suite.expectations:
            kind = AGREEMENT.get(expectation.expectation_type)
            if kind and kind not in jobs:
                columns = [c for c in expectation.column_list if c in batch.columns]
                tuning = tuning_from({k: getattr(expectation, k, None)
                                      for k in expectation.success_keys})
                if all(c in columns for c in REQUIRED[kind]):
                    frame = batch.select("_row", *dict.fromkeys(columns))
                    jobs[kind] = (frame, tuning, flag_column(kind, tuning, columns))
    return jobs


def _cells(claims: DataFrame, rows: list[int]) -> pd.DataFrame:
    """The cells messages read of the claims at ``rows`` (``_row`` values), in that order."""
    wanted = claims.sparkSession.createDataFrame(pd.DataFrame({"_row": rows}), "_row long")
    names = [c for c in Claim._fields if c in claims.columns]
    found = claims.join(F.broadcast(wanted), "_row").select("_row", *names).toPandas()
    return found.set_index("_row").reindex(rows).fillna("").astype(object).reset_index(drop=True)


def _messages(found: dict[str, Disagreements], claims: DataFrame, sources: pd.DataFrame
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The conflict and internal frames of the listed pairs, worded by ``conflict_frame``."""
    rows = sorted({int(r) for d in found.values() for part in (d.pairs, d.internal)
                   for r in (*part["row_a"], *part["row_b"])})
    cells = _cells(claims, rows) if rows else pd.DataFrame(columns=list(Claim._fields))
    at = {row: index for index, row in enumerate(rows)}

    def placed(pairs: pd.DataFrame) -> pd.DataFrame:
        return pairs.assign(row_a=pairs["row_a"].map(at), row_b=pairs["row_b"].map(at))

    local = {kind: Disagreements(placed(d.pairs), placed(d.internal), d.counts)
             for kind, d in found.items()}
    return (conflict_frame(local, "pairs", cells, sources),
            conflict_frame(local, "internal", cells, sources))


def run_check_spark(ledger_dir: str | Path, suites: list[str] | None = None,
                    master: str | None = None, *, claims: str | Path | None = None,
                    limit_per_key: int = LIMIT_PER_KEY) -> CheckResult:
    """Validate the ledger at ``ledger_dir`` against its suites (or the named ones) on
    Spark (``master``, default ``local[*]``; ``SPARK_REMOTE`` for Spark Connect).

    ``claims`` reads another copy of the claims (the Parquet file of ``provenance export
    --format parquet``). Raises what the pandas check raises for a ledger it refuses, and
    UsageError for an expectation without a Spark implementation.
    """
    from provenance.transaction import recover

    root = Path(ledger_dir)
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
    raw = read_claims(spark, path)
    if registry.broken or gate.needs_refusal(raw, path.suffix == ".parquet"):
        gate.refuse_as_pandas(root)
    texts = gate.derived(gate.with_claim_columns(as_text(raw)), root).persist()
    cached = [texts]
    try:
        check_suite_columns(loaded, root, [*texts.columns, *DERIVED_COLUMNS])
        needed = [*columns_needed(loaded), "claim_id"]
        batch = typed_batch(texts, source_frame(spark, root, registry), needed).persist()
        cached.append(batch)
        return _checked(loaded, batch, texts, registry.frame, limit_per_key, cached)
    finally:
        for frame in cached:
            frame.unpersist()


def _checked(loaded: list[SuiteFile], batch: DataFrame, texts: DataFrame,
             sources: pd.DataFrame, limit: int, cached: list[DataFrame]) -> CheckResult:
    """Each agreement job's intervals are made once: their verdicts become columns of the
    batch GX validates (``agreement.flag_column``), their pairs the listing."""
    rows, checked = {}, batch
    for kind, (frame, tuning, name) in _agreement_jobs(batch, loaded).items():
        rows[kind] = interval_frame(frame, kind, tuning).persist()
        checked = checked.join(disagreeing(rows[kind], name), "_row", "left")
    checked = checked.persist()
    cached += [*rows.values(), checked]
    validation = validate_spark(checked, combined(loaded))
    outcomes = [_outcome(r, name) for name, r in in_suite_order(loaded, validation.results)]
    found = {kind: disagreements(frame, limit) for kind, frame in rows.items()}
    conflicts, internal = _messages(found, texts, sources)
    success = all((o.success or o.severity in {"warning", "info"}) and not o.error
                  for o in outcomes)
    return CheckResult(success, conflicts, internal, _counts(found), outcomes, [validation],
                       close_key_warnings(gate.key_rows(texts)))
