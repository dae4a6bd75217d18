"""Quote chains in Spark: the claims inside a passage their source copied (``reuse.csv``).

``reuse.csv`` is small (one row per shared passage) and is read and checked on the driver
as the pandas engine reads it, with the texts of the sources it names only. The claims
stay in Spark: the copied spans are broadcast and joined with them, and only the claims
that lie inside one come to the driver, where the origin's passage is tested for their
words (``reuse.chains.holds_quote``), as :func:`provenance.reuse.via.reused_claims` does.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from provenance.csvio import read_table
from provenance.reuse.chains import copy_spans, holds_quote
from provenance.reuse.store import REUSE, load_reuse
from provenance.reuse.via import VIA_COLUMNS, via_frame
from provenance.sources import outlets

SIDES = ("source_a", "source_b")


def _named_texts(root: Path, sources: DataFrame) -> dict[str, str]:
    """The readable texts of the sources ``reuse.csv`` names (by source id)."""
    table = read_table(root / REUSE, REUSE)
    at = [table.header.index(c) for c in SIDES if c in table.header]
    named = sorted({row[i] for row in table.rows for i in at})
    if not named:
        return {}
    found = sources.where(F.col("source_id").isin(named) & F.col("text").isNotNull())
    return {r["source_id"]: r["text"] for r in found.select("source_id", "text").collect()}


def _via(claims: DataFrame, copies: pd.DataFrame, texts: dict[str, str]) -> dict[str, str]:
    """Claim id -> origin of the claims inside a copied span whose words the origin has
    (in file order, later passages of a claim last, as the pandas engine's merge)."""
    # texts as Python strings: Spark Connect's Arrow conversion refuses the chunked
    # string columns of a pandas concat ("Cannot convert ChunkedArray to Array")
    spans = claims.sparkSession.createDataFrame(
        copies.reset_index(names="_copy").astype({"copy_start": "int64", "copy_end": "int64",
                                                  "origin_start": "int64",
                                                  "origin_end": "int64",
                                                  "source": object, "origin": object}))
    start, end = F.col("start").try_cast("double"), F.col("end").try_cast("double")
    rows = claims.where(F.col("claim_id").isNotNull() & F.col("quote").isNotNull()
                        & start.isNotNull() & end.isNotNull())
    inside = rows.join(F.broadcast(spans), (F.col("source_id") == F.col("source"))
                       & (start >= F.col("copy_start")) & (end <= F.col("copy_end")))
    found = inside.select("_row", "_copy", "claim_id", "quote", "origin", "origin_start",
                          "origin_end").orderBy("_row", "_copy").collect()
    return {r["claim_id"]: r["origin"] for r in found
            if holds_quote(texts[r["origin"]][r["origin_start"]:r["origin_end"]], r["quote"])}


def reused_claims(root: Path, claims: DataFrame, sources: DataFrame,
                  registry: pd.DataFrame) -> pd.DataFrame:
    """The :data:`VIA_COLUMNS` frame of ``reuse.via.reused_claims`` for the text ``claims``
    (with ``_row``), the Spark ``sources`` (``registry.source_frame``) and the registry."""
    if not (root / REUSE).exists():
        return pd.DataFrame(columns=VIA_COLUMNS)
    texts = _named_texts(root, sources)
    copies = copy_spans(load_reuse(SimpleNamespace(root=root, texts=texts)))
    via = _via(claims, copies, texts) if not copies.empty else {}
    if not via:
        return pd.DataFrame(columns=VIA_COLUMNS)
    wanted = claims.sparkSession.createDataFrame(pd.DataFrame({"claim_id": list(via)}),
                                                 "claim_id string")
    names = [c for c in ("claim_id", "source_id", "fact_key", "quote") if c in claims.columns]
    rows = claims.join(F.broadcast(wanted), "claim_id", "left_semi").orderBy("_row")
    return via_frame(rows.select(*names).toPandas(), via, outlets(registry))
