"""What a Spark check compared (``CheckResult.summary``), as ``check/summary.py`` words it.

The counting is Spark's: distinct outlets per fact key over the confirmed claims, and per
compared group of every interval frame. The driver receives per-key answers only (which
keys two outlets share, which were compared or split by unit, and for the keys shared
but not compared the kinds and ambiguity of their claims), then applies the pandas
engine's set arithmetic and reasons (``check.summary._reason``) to them.
"""

from __future__ import annotations

from collections import Counter
from functools import reduce

import pandas as pd
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from provenance.check.summary import _reason

NO_SOURCE = "\0"  # the outlet of a row without a source id (a code of its own, as in pandas)


def outlet_frame(batch: DataFrame, sources: pd.DataFrame) -> DataFrame:
    """``_row`` and ``_outlet`` (the source's outlet, else its id) of every batch row."""
    names = batch.sparkSession.createDataFrame(
        sources[["source_id", "outlet"]].astype(str).rename(columns={"source_id": "_source"}),
        "_source string, outlet string")
    outlet = F.coalesce(F.nullif(F.col("outlet"), F.lit("")), F.col("source_id"))
    joined = batch.join(F.broadcast(names), F.col("source_id") == F.col("_source"), "left")
    return joined.select("_row", outlet.alias("_outlet"))


def _keys(frame: DataFrame, condition: Column | None = None) -> set[str]:
    return {r[0] for r in (frame if condition is None else frame.where(condition))
            .select("key").distinct().collect()}


def _compared(frames: dict[str, DataFrame], outlets: DataFrame) -> tuple[set[str], set[str]]:
    """Keys with two outlets' claims in one compared group, and keys split by unit: the
    groups of every interval frame counted in one query."""
    if not frames:
        return set(), set()
    parts = [frame.select(F.lit(i).alias("_frame"), "_row", "fact_key", "key")
             for i, frame in enumerate(frames.values())]
    rows = reduce(DataFrame.unionByName, parts).join(outlets, "_row").select(
        "_frame", "fact_key", "key", F.coalesce("_outlet", F.lit(NO_SOURCE)).alias("_outlet"))
    groups = rows.groupBy("_frame", "fact_key", "key").agg(
        (F.countDistinct("_outlet") >= 2).alias("shared"),
        F.col("fact_key").endswith("]").alias("split"))
    found = groups.groupBy("key").agg(F.max("shared").alias("shared"),
                                      F.max("split").alias("split"))
    listed = found.where("shared or split").collect()
    return ({r["key"] for r in listed if r["shared"]}, {r["key"] for r in listed if r["split"]})


def compared_summary(batch: DataFrame, claims: DataFrame, sources: pd.DataFrame,
                     frames: dict[str, DataFrame], conflicting: set[str],
                     discrepant: set[str]) -> dict:
    """The summary of a check (``check.summary.compared_summary``): ``frames`` are the
    interval frames of every job listed, ``conflicting``/``discrepant`` the fact keys of
    the listed cross-source conflicts and discrepancies."""
    if not {"fact_key", "source_id"} <= set(batch.columns):
        return _summary(0, set(), set(), set(), set(), {})
    outlets = outlet_frame(batch, sources)
    rows = batch.join(outlets, "_row").where(
        F.col("fact_key").isNotNull() & F.col("_outlet").isNotNull())
    if "status" in batch.columns:
        rows = rows.where(F.coalesce(F.col("status") == "confirmed", F.lit(False)))
    spread = rows.groupBy(F.col("fact_key").alias("key")).agg(
        F.countDistinct("_outlet").alias("n"))
    shared = _keys(spread, F.col("n") >= 2)
    count = rows.select(F.countDistinct("_outlet")).first()[0]
    compared, split = _compared(frames, outlets)
    missing = sorted(shared - compared)
    reasons = {}
    if missing:
        wanted = batch.sparkSession.createDataFrame(pd.DataFrame({"fact_key": missing}),
                                                    "fact_key string")
        picked = rows.join(F.broadcast(wanted), "fact_key", "left_semi").join(
            claims.select("_row", *[c for c in ("ambiguous",) if c in claims.columns]), "_row")
        ambiguous = (F.lower(F.col("ambiguous")) == "true" if "ambiguous" in claims.columns
                     else F.lit(False))
        kinds = F.collect_set("kind") if "kind" in batch.columns else F.array()
        found = picked.groupBy("fact_key").agg(
            kinds.alias("kinds"), F.max(F.coalesce(ambiguous, F.lit(False))).alias("ambiguous"),
            F.max(F.col("kind").isNull() if "kind" in batch.columns else F.lit(False))
            .alias("no_kind")).collect()
        by_key = {r["fact_key"]: r for r in found}
        for key in missing:
            row = by_key[key]
            kinds_seen = set(row["kinds"]) | ({None} if row["no_kind"] else set())
            reasons[key] = _reason(kinds_seen, bool(row["ambiguous"]), key in split)
    return _summary(count, shared, compared, conflicting & shared,
                    (discrepant & shared) - conflicting, reasons)


def _summary(outlets: int, shared: set[str], compared: set[str], conflicting: set[str],
             discrepant: set[str], reasons: dict[str, str]) -> dict:
    return {
        "outlets": outlets,
        "shared_facts": len(shared),
        "agreed": len((shared & compared) - conflicting - discrepant),
        "conflicting": len(conflicting),
        "discrepant": len(discrepant),
        "not_compared": len(reasons),
        "not_compared_reasons": dict(Counter(reasons.values()).most_common()),
        "not_compared_facts": [{"fact_key": k, "reason": r} for k, r in reasons.items()],
    }
