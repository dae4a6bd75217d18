"""The source registry for the Spark engine: ``sources.csv`` on the driver (one row per
article), the texts read by Spark (``binaryFile``), never by the driver.

What ``provenance check`` refuses in a registry is decided by its cheap rules here (bad or
duplicate ids, a missing sha256, an unreadable date, a path leaving ``sources/``); when
one breaks, :func:`needs_refusal` says so and the caller lets the pandas loader word the
refusal, so both engines refuse with the same line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from provenance.errors import SourceError
from provenance.sources import (
    REGISTRY,
    SOURCE_ID,
    check_registry_header,
    is_inferred,
    parse_iso_date,
    safe_source_path,
)


@dataclass(frozen=True)
class Registry:
    """``sources.csv`` as strings (first row per id) and whether a rule is broken."""

    frame: pd.DataFrame
    broken: bool


def read_registry(root: Path) -> Registry:
    """The registry's rows and a verdict on its reading rules (no text is read)."""
    from provenance.csvio import read_table
    from provenance.ledger import _frame

    table = read_table(root / REGISTRY, REGISTRY)
    check_registry_header(table.header)
    frame = _frame(table).fillna("")
    ids = frame["source_id"]
    broken = bool((~ids.map(lambda s: SOURCE_ID.match(s) is not None)).any()
                  or ids.duplicated().any())
    if "sha256" in frame:
        broken |= bool(frame["sha256"].str.strip().eq("").any())
    dates = frame["published"].str.strip()
    broken |= bool((dates.ne("") & dates.map(lambda d: parse_iso_date(d) is None)).any())
    return Registry(frame.drop_duplicates("source_id"), broken)


def _file_uri(root: Path, row: dict[str, str]) -> str | None:
    """``file:`` and the real path of a source's text (as Spark names it), or None when
    the path is unsafe or no regular file is there."""
    sources = root / "sources"
    try:
        path = safe_source_path(sources, row["path"], REGISTRY)
    except SourceError:
        return None
    real = Path(path).resolve()
    return f"file:{real}" if real.is_file() else None


def source_frame(spark: SparkSession, root: Path, registry: Registry) -> DataFrame:
    """Per source id: ``published`` (date), ``published_inferred``, ``source_sha_ok``,
    the decoded ``text`` (null when missing or not UTF-8) and its ``chars``."""
    rows = registry.frame.to_dict("records")
    table = pd.DataFrame({
        "source_id": [r["source_id"] for r in rows],
        "published": [r["published"].strip() for r in rows],
        "published_inferred": [is_inferred(r.get("published_note", "")) for r in rows],
        "sha256": [r.get("sha256", "").strip().lower() for r in rows],
        "uri": [_file_uri(root, r) for r in rows],
    })
    schema = ("source_id string, published string, published_inferred boolean, "
              "sha256 string, uri string")
    registered = spark.createDataFrame(table, schema)
    uris = [u for u in table["uri"].dropna().unique().tolist()]
    if uris:
        files = spark.read.format("binaryFile").load(uris).select(
            F.col("path").alias("uri"), "content")
    else:
        files = spark.createDataFrame([], "uri string, content binary")
    text = F.col("content").cast("string")
    readable = F.coalesce(F.is_valid_utf8(text), F.lit(False))
    sha_ok = readable & ((F.col("sha256") == "") | (F.sha2("content", 256) == F.col("sha256")))
    return registered.join(files, "uri", "left").select(
        "source_id",
        F.try_to_date("published", "yyyy-MM-dd").alias("published"),
        "published_inferred",
        sha_ok.alias("source_sha_ok"),
        F.when(readable, text).alias("text"),
        F.when(readable, F.char_length(text)).otherwise(F.lit(-1)).alias("chars"),
    )
