"""Discrepancies in Spark: claims whose intervals touch but whose central figures are far
apart (:mod:`provenance.check.discrepancy`), from an interval frame (``intervals.interval_frame``).

Two claims of one compared group differ when their intervals overlap and the larger
central figure exceeds the smaller by more than ``max_relative_gap`` (central figures
finite and positive). Per group, a claim can be the lower side of such a pair only if
its centre lies below the group's largest over ``1 + gap``, and the upper side only if
above the smallest times ``1 + gap`` (window extremes); only those candidates are joined
within their group and tested in full, so a group whose figures all lie close together
costs no join at all. The pairs stay in Spark: the flags of the rows in a cross-source
pair, the exact counts per group and the ``limit`` widest gaps per group come from them.
"""

from __future__ import annotations

import pandas as pd
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from provenance.check.agreement import COUNT_COLUMNS, Disagreements
from provenance.check.engines.spark.agreement import collected_pairs, ranked

SIDE = ["_row", "claim_id", "source_id", "lo", "hi", "centre"]


def close_pairs(rows: DataFrame, max_relative_gap: float) -> DataFrame:
    """Every pair ``(a, b)`` of one group whose intervals overlap while ``centre_b`` exceeds
    ``centre_a`` by more than the gap: ``fact_key``, ``*_a``, ``*_b``, ``gap``, ``cross``."""
    factor = 1 + max_relative_gap
    centre = F.col("centre")
    usable = rows.where(centre.isNotNull() & ~F.isnan(centre) & (F.abs(centre) != float("inf"))
                        & (centre > 0))
    group = Window.partitionBy("fact_key")
    marked = usable.select("fact_key", *SIDE, F.max(centre).over(group).alias("_top"),
                           F.min(centre).over(group).alias("_bottom"))
    lower = marked.where(F.col("_top") > centre * factor).select(
        "fact_key", *[F.col(c).alias(f"{c}_a") for c in SIDE])
    upper = marked.where(centre > F.col("_bottom") * factor).select(
        "fact_key", *[F.col(c).alias(f"{c}_b") for c in SIDE])
    pairs = lower.join(upper, "fact_key").where(
        (F.col("centre_b") > F.col("centre_a") * factor)
        & (F.col("lo_b") <= F.col("hi_a")) & (F.col("lo_a") <= F.col("hi_b")))
    return pairs.select(
        "fact_key", *[f"{c}_{s}" for s in "ab" for c in SIDE],
        (F.col("centre_b") / F.col("centre_a") - 1).alias("gap"),
        (~F.col("source_id_a").eqNullSafe(F.col("source_id_b"))).alias("cross"))


def differing(pairs: DataFrame, name: str) -> DataFrame:
    """``_row`` and ``name`` (true) of the rows in a cross-source pair of :func:`close_pairs`."""
    cross = pairs.where("cross")
    rows = cross.select(F.col("_row_a").alias("_row")).union(
        cross.select(F.col("_row_b").alias("_row")))
    return rows.distinct().select("_row", F.lit(True).alias(name))


def _counts(pairs: DataFrame, rows: DataFrame) -> pd.DataFrame:
    """Exact cross- and same-source pairs per group with any, and the group's claims."""
    per_key = pairs.groupBy("fact_key").agg(
        F.sum(F.col("cross").cast("long")).alias("cross_pairs"),
        F.sum((~F.col("cross")).cast("long")).alias("internal_pairs"))
    claims = rows.groupBy("fact_key").agg(F.count(F.lit(1)).alias("claims"))
    found = per_key.join(claims, "fact_key").select(*COUNT_COLUMNS).collect()
    table = pd.DataFrame([r.asDict() for r in found], columns=COUNT_COLUMNS)
    return table.astype({c: "int64" for c in COUNT_COLUMNS[1:]}).sort_values(
        "fact_key", ignore_index=True)


def _widest(pairs: DataFrame, cross: bool, limit: int) -> pd.DataFrame:
    """The ``limit`` widest-gap pairs per group, as the pandas engine lists them."""
    chosen = pairs.where(F.col("cross") if cross else ~F.col("cross"))
    order = [F.desc("gap"), F.asc("claim_id_a"), F.asc("claim_id_b")]
    top = ranked(chosen, ["fact_key"], order, limit)
    return collected_pairs(top.select(
        "fact_key", F.col("claim_id_a").alias("claim_a"), F.col("claim_id_b").alias("claim_b"),
        F.col("source_id_a").alias("source_a"), F.col("source_id_b").alias("source_b"), "gap",
        F.col("_row_a").alias("row_a"), F.col("_row_b").alias("row_b")))


def discrepancies(pairs: DataFrame, rows: DataFrame, limit: int) -> Disagreements:
    """Listed pairs (widest gap first, at most ``limit`` per group) and exact counts."""
    return Disagreements(_widest(pairs, True, limit), _widest(pairs, False, limit),
                         _counts(pairs, rows))
