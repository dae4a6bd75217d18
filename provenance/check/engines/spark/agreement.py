"""Disjoint-interval pairs in Spark: the agreement condition, exact counts, clearest pairs.

Nothing here is quadratic in the claims of a fact key, and nothing brings the ledger to
the driver:

* **Condition.** A claim disagrees when another source's claim on its key starts after it
  ends or ends before it starts. Per key, the highest start and the source holding it
  (``max(struct(lo, source))``) and the highest start of any *other* source are window
  aggregates; a claim of the top source compares with the second, any other with the
  first (likewise for the lowest end).
* **Counts.** Pairs ``lo_b > hi_a`` of a group are counted by one sort of its bounds: in
  descending order (ends before starts at a tie) each end is passed by exactly the
  starts above it. Per key minus per (key, source) gives the cross-source pairs.
* **Listing.** The ``limit`` clearest pairs of a key (largest gap ``lo_b - hi_a``, then
  the lower claim's end and the rows' order, as the pandas engine breaks ties) use only
  the ``limit`` lowest-ending claims of each source that can be the lower side, of which
  the ``2 * limit`` lowest-ending in the key, and the same for the upper side: a claim
  past those has ``limit`` clearer pairs with the same partner. Those few candidates per
  key are joined (Spark broadcasts them when small).
"""

from __future__ import annotations

import hashlib

import pandas as pd
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from provenance.check.agreement import COUNT_COLUMNS, PAIR_COLUMNS, Disagreements
from provenance.check.intervals import Tuning


def _others(window: Window, value: Column, top: Column, largest: bool) -> Column:
    """Per row: the largest (or smallest) ``value`` of the rows of *other* sources in
    ``window``, from the extreme and the source holding it (``top``)."""
    extreme = F.max if largest else F.min
    mine = F.col("source_id").eqNullSafe(top["source_id"])
    second = extreme(F.when(~mine, value)).over(window)
    return F.when(mine, second).otherwise(top["v"])


def disagrees(found: Column) -> Column:
    """True for compared rows whose interval (``found``: a struct of ``compared``, ``lo``,
    ``hi``, ``base``) is disjoint from another source's on their key."""
    compared = F.coalesce(found["compared"], F.lit(False))
    group = [F.when(compared, F.col("fact_key")).otherwise(
                 F.concat(F.lit("\0"), F.col("claim_id"))),
             F.when(compared, found["base"])]
    window = Window.partitionBy(*group)
    lo, hi = F.when(compared, found["lo"]), F.when(compared, found["hi"])
    top = F.max(F.struct(lo.alias("v"), F.col("source_id"))).over(window)
    bottom = F.min(F.struct(hi.alias("v"), F.col("source_id"))).over(window)
    above = _others(window, lo, top, True) > found["hi"]
    below = _others(window, hi, bottom, False) < found["lo"]
    return compared & F.coalesce(above | below, F.lit(False))


def flag_column(kind: str, tuning: Tuning, columns: list[str]) -> str:
    """The batch column holding the verdict of one agreement or closeness job (its kind,
    e.g. ``quantity`` or ``quantity:close``, tuning and ``column_list``), so the GX
    condition finds what the check computed."""
    digest = hashlib.sha1(repr((kind, tuning, tuple(columns))).encode()).hexdigest()[:12]
    return f"_flag_{kind.replace(':', '_')}_{digest}"


def disagreeing(rows: DataFrame, name: str) -> DataFrame:
    """``_row`` and ``name`` (true) of the rows of an interval frame that disagree with
    another source: :func:`disagrees` computed in stages over the materialised bounds."""
    window = Window.partitionBy("fact_key")
    staged = rows.select(
        "_row", "fact_key", "source_id", "lo", "hi",
        F.max(F.struct(F.col("lo").alias("v"), "source_id")).over(window).alias("top"),
        F.min(F.struct(F.col("hi").alias("v"), "source_id")).over(window).alias("bottom"))
    staged = staged.select(
        "_row", "lo", "hi",
        _others(window, F.col("lo"), F.col("top"), True).alias("high_start"),
        _others(window, F.col("hi"), F.col("bottom"), False).alias("low_end"))
    wrong = (F.col("high_start") > F.col("hi")) | (F.col("low_end") < F.col("lo"))
    return staged.where(wrong).select("_row", F.lit(True).alias(name))


def _pair_counts(rows: DataFrame, group: list[str]) -> DataFrame:
    """Per group: rows and pairs ``(a, b)`` with ``lo_b > hi_a``, by one sort of the bounds."""
    ends = rows.select(*group, F.col("hi").alias("v"), F.lit(0).alias("start"))
    starts = rows.select(*group, F.col("lo").alias("v"), F.lit(1).alias("start"))
    order = Window.partitionBy(*group).orderBy(F.desc("v"), "start").rowsBetween(
        Window.unboundedPreceding, Window.currentRow)
    passed = F.sum("start").over(order)
    events = ends.unionByName(starts).withColumn("passed", passed)
    return events.groupBy(*group).agg(
        F.sum(F.when(F.col("start") == 0, F.col("passed")).otherwise(0)).alias("pairs"),
        F.sum(F.col("start")).alias("claims"))


def counts(rows: DataFrame) -> DataFrame:
    """Exact cross- and same-source pairs per fact key (keys with any), as Spark rows."""
    total = _pair_counts(rows, ["fact_key"])
    same = _pair_counts(rows, ["fact_key", "source_id"]).groupBy("fact_key").agg(
        F.sum("pairs").alias("internal_pairs"))
    table = total.join(same, "fact_key").select(
        "fact_key", "claims", (F.col("pairs") - F.col("internal_pairs")).alias("cross_pairs"),
        "internal_pairs")
    return table.where((F.col("cross_pairs") > 0) | (F.col("internal_pairs") > 0))


def ranked(rows: DataFrame, by: list[str], order: list[Column], limit: int) -> DataFrame:
    return rows.withColumn("_rank", F.row_number().over(
        Window.partitionBy(*by).orderBy(*order))).where(F.col("_rank") <= limit).drop("_rank")


def _sides(rows: DataFrame, limit: int, cross: bool) -> tuple[DataFrame, DataFrame]:
    """The candidates for the lower and the upper claim of the clearest pairs per key."""
    lower_order = [F.col("hi").asc(), F.col("_row").asc()]
    upper_order = [F.col("lo").desc(), F.col("_row").asc()]
    lower = ranked(rows, ["fact_key", "source_id"], lower_order, limit)
    upper = ranked(rows, ["fact_key", "source_id"], upper_order, limit)
    if cross:
        lower = ranked(lower, ["fact_key"], lower_order, 2 * limit)
        upper = ranked(upper, ["fact_key"], upper_order, 2 * limit)
    names = ["_row", "claim_id", "source_id", "lo", "hi"]
    return (lower.select("fact_key", *[F.col(c).alias(f"{c}_a") for c in names]),
            upper.select("fact_key", *[F.col(c).alias(f"{c}_b") for c in names]))


def clearest(rows: DataFrame, limit: int, cross: bool) -> DataFrame:
    """The ``limit`` clearest cross-source (or same-source) pairs per fact key."""
    lower, upper = _sides(rows, limit, cross)
    same = F.col("source_id_a").eqNullSafe(F.col("source_id_b"))
    pairs = lower.join(upper, "fact_key").where(
        (F.col("lo_b") > F.col("hi_a")) & (~same if cross else same))
    pairs = pairs.withColumn("gap", F.col("lo_b") - F.col("hi_a"))
    order = [F.desc("gap"), F.asc("hi_a"), F.asc("_row_a"), F.asc("_row_b")]
    return ranked(pairs, ["fact_key"], order, limit).select(
        "fact_key", F.col("claim_id_a").alias("claim_a"), F.col("claim_id_b").alias("claim_b"),
        F.col("source_id_a").alias("source_a"), F.col("source_id_b").alias("source_b"), "gap",
        F.col("_row_a").alias("row_a"), F.col("_row_b").alias("row_b"))


def collected_pairs(frame: DataFrame) -> pd.DataFrame:
    """Collected pairs (few: at most ``limit`` per key) in the pandas engine's order."""
    table = pd.DataFrame([r.asDict() for r in frame.collect()], columns=PAIR_COLUMNS)
    return table.sort_values(["fact_key", "gap", "claim_a", "claim_b"],
                             ascending=[True, False, True, True], kind="stable",
                             ignore_index=True)


def disagreements(rows: DataFrame, limit: int) -> Disagreements:
    """Listed pairs and exact counts of an interval frame (``intervals.interval_frame``)."""
    table = pd.DataFrame([r.asDict() for r in counts(rows).collect()], columns=COUNT_COLUMNS)
    table = table.astype({c: "int64" for c in COUNT_COLUMNS[1:]}).sort_values(
        "fact_key", ignore_index=True)
    if table.empty:
        empty = pd.DataFrame(columns=PAIR_COLUMNS)
        return Disagreements(empty, empty.copy(), table)
    listed = rows.sparkSession.createDataFrame(table[["fact_key"]], "fact_key string")
    keys = rows.join(F.broadcast(listed), "fact_key", "left_semi")
    return Disagreements(collected_pairs(clearest(keys, limit, True)),
                         collected_pairs(clearest(keys, limit, False)), table)
