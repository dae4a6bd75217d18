"""The Spark batch the suites validate: the claims, typed, with the columns the check adds.

Claims are read as CSV (RFC 4180 quoting: ``"`` escapes ``"``, quoted cells may hold
newlines, so ``multiLine``; every cell a string, empty as null) or as the Parquet copy
``provenance export --format parquet`` writes. ``_row`` is a claim's position in the file:
a multi-line CSV file is read whole by one task, so Spark's increasing ids are positions,
and Parquet gives its ``row_index``. The columns are those of the pandas engine's batch
(``pandas/batch.py``): numbers as doubles, dates as dates, ``published``,
``published_inferred``, ``source_sha_ok`` and ``span_matches`` (:mod:`.spans`) from one
join with the sources, ``date_quote`` the quote of date claims.
"""

from __future__ import annotations

from pathlib import Path

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DateType, NumericType

from provenance.check.engines.spark.spans import span_matches
from provenance.check.suites import SOURCE_COLUMNS
from provenance.schema import OPTIONAL_CLAIM_COLUMNS

FLOAT_COLUMNS = ("value", "low", "high", "start", "end")
DATE_COLUMNS = ("date_low", "date_high")
CSV_OPTIONS = {
    "header": "true", "multiLine": "true", "quote": '"', "escape": '"', "mode": "FAILFAST",
    "encoding": "UTF-8", "inferSchema": "false", "ignoreLeadingWhiteSpace": "false",
    "ignoreTrailingWhiteSpace": "false",
}


def read_claims(spark: SparkSession, path: Path) -> DataFrame:
    """``claims.csv`` (or a ``.parquet`` copy) with ``_row``, each claim's position."""
    if path.suffix == ".parquet":
        frame = spark.read.parquet(str(path))
        return frame.withColumn("_row", F.col("_metadata.row_index"))
    return spark.read.options(**CSV_OPTIONS).csv(str(path)).withColumn(
        "_row", F.monotonically_increasing_id())


def as_text(frame: DataFrame) -> DataFrame:
    """Every column but ``_row`` as text, empty cells as null (typed Parquet columns as the
    CSV cells they stand for)."""
    def text(name: str) -> Column:
        kind = frame.schema[name].dataType
        cell = F.col(name)
        if isinstance(kind, DateType):
            cell = F.date_format(cell, "yyyy-MM-dd")
        elif isinstance(kind, NumericType) and name in FLOAT_COLUMNS:
            cell = F.regexp_replace(cell.cast("string"), r"\.0$", "")
        return F.nullif(cell.cast("string"), F.lit("")).alias(name)

    return frame.select(*[text(c) if c != "_row" else F.col(c) for c in frame.columns])


def _number(name: str) -> Column:
    """Python's ``float`` of a cell (digits may be grouped by ``_``), null when none."""
    return F.regexp_replace(F.col(name), r"(?<=[0-9])_(?=[0-9])", "").try_cast("double")


def typed_batch(claims: DataFrame, sources: DataFrame, columns: list[str]) -> DataFrame:
    """The batch of the requested ``columns`` (those the claims lack are skipped), with
    ``_row``, from text ``claims`` (:func:`as_text`) and :func:`registry.source_frame`."""
    names = [c for c in dict.fromkeys(columns) if c != "_row"]
    joined = claims.join(sources.withColumnRenamed("source_id", "_source"),
                         claims["source_id"] == F.col("_source"), "left")
    out = [F.col("_row")]
    for name in names:
        if name in FLOAT_COLUMNS and name in claims.columns:
            out.append(_number(name).alias(name))
        elif name in DATE_COLUMNS and name in claims.columns:
            out.append(F.try_to_date(F.trim(F.col(name)), "yyyy-MM-dd").alias(name))
        elif name == "published_inferred":
            out.append(F.coalesce(F.col(name), F.lit(False)).alias(name))
        elif name in SOURCE_COLUMNS:
            out.append(F.col(name) if name == "published"
                       else F.coalesce(F.col(name), F.lit(False)).alias(name))
        elif name == "span_matches":
            out.append(span_matches(_number("start"), _number("end")).alias(name))
        elif name == "date_quote":
            out.append(F.when(F.col("kind") == "date", F.col("quote")).alias(name))
        elif name in claims.columns:
            out.append(F.col(name))
        elif name in OPTIONAL_CLAIM_COLUMNS:  # all null, as the pandas batch has it
            out.append(F.lit(None).cast("string").alias(name))
    return joined.select(*out)
