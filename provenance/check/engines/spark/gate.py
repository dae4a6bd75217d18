"""What the Spark engine refuses, and the claims it derives before checking.

A ledger the pandas check refuses is refused with the same line: the rules are tested
in Spark (a column's cells against its plain pattern, then each distinct other cell
against the rule itself, as ``refusals.broken_cells`` does) and, when one breaks, the
pandas loader reads the ledger to place and word the refusal. Quote-only rows (no
offsets or value yet) are derived on the driver as the pandas check derives them; a
large ledger should be filled (``provenance fill``) before a Spark check. A row that
cannot be derived is left out with the findings the pandas check words for it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from provenance.errors import UsageError
from provenance.findings import Finding
from provenance.rules import PLAIN, RULED_COLUMNS, cell_holds
from provenance.schema import CLAIM_COLUMNS, REQUIRED_CLAIM_COLUMNS

MAX_DERIVED = 100_000  # quote-only rows derived on the driver; more must be filled first
MAX_DOUBTFUL = 100_000  # distinct cells put to their rule on the driver


def _doubtful(name: str) -> Column:
    """``(name, cell)`` of a non-empty cell of column ``name`` its plain pattern (if any)
    does not vouch for, else null."""
    cell = F.col(name)
    doubtful = cell.isNotNull()
    if name in PLAIN:
        doubtful &= ~cell.rlike(PLAIN[name])
    return F.when(doubtful, F.struct(F.lit(name).alias("name"), cell.alias("cell")))


def _breaks(claims: DataFrame, names: list[str]) -> bool:
    """True when a non-empty cell of one of the columns ``names`` breaks its rule: the
    distinct doubtful cells of every column (at most ``MAX_DOUBTFUL`` each) in one query."""
    if not names:
        return False
    cells = claims.select(F.explode(F.array(*map(_doubtful, names))).alias("d")).where(
        F.col("d").isNotNull()).select("d.name", "d.cell").distinct()
    first = F.row_number().over(Window.partitionBy("name").orderBy("cell"))
    found = cells.withColumn("_n", first).where(F.col("_n") <= MAX_DOUBTFUL).collect()
    return any(not cell_holds(r["name"], r["cell"]) for r in found)


def needs_refusal(claims: DataFrame, typed: bool) -> bool:
    """True when the claims lack a required column, repeat one, or (text claims) hold a
    cell that breaks its column's rule."""
    names = [c for c in claims.columns if c != "_row"]
    if len(set(names)) < len(names) or any(c not in names for c in REQUIRED_CLAIM_COLUMNS):
        return True
    return not typed and _breaks(claims, [c for c in RULED_COLUMNS if c in names])


def refuse_as_pandas(root: Path) -> None:
    """Raise what the pandas check raises for this ledger (it reads the ledger)."""
    from provenance.check.engines.pandas.run import load_for_check

    load_for_check(root)


def with_claim_columns(claims: DataFrame) -> DataFrame:
    """Every canonical column, missing ones as null (as ``fill.with_columns``)."""
    missing = [c for c in CLAIM_COLUMNS if c not in claims.columns]
    return claims.select("*", *[F.lit(None).cast("string").alias(c) for c in missing])


def _incomplete() -> Column:
    """Rows lacking offsets, a kind or (for non-text kinds) a value (``fill.incomplete``)."""
    kind = F.col("kind")
    no_value = F.col("qualifier").isNull() & F.coalesce(kind != "text", F.lit(True))
    return F.col("start").isNull() | F.col("end").isNull() | kind.isNull() | no_value


def derived(claims: DataFrame, root: Path) -> tuple[DataFrame, list[Finding]]:
    """``claims`` (text, :func:`with_claim_columns`) with quote-only rows derived, and the
    findings of the rows that cannot be (left out, as the pandas check leaves them out)."""
    todo = claims.where(_incomplete())
    count = todo.count()
    if not count:
        return claims, []
    if count > MAX_DERIVED:
        raise UsageError(f"{count} claims lack offsets or values: run `provenance fill` "
                         "before checking with --engine spark")
    from provenance.fill import complete
    from provenance.ledger import Ledger, read_registry

    rows = todo.toPandas()
    positions = rows.pop("_row")
    _, sources, loaded, problems = read_registry(root)
    texts = {sid: source.text for sid, source in loaded.items()}
    frame = rows.fillna("").astype(object)
    done, report = complete(Ledger(root, frame, sources, texts, problems), frame)
    done = done.replace("", None).assign(_row=positions.to_numpy())[claims.columns]
    fresh = claims.sparkSession.createDataFrame(done, schema=claims.schema)
    claims = claims.where(~_incomplete()).unionByName(fresh)
    failed = sorted({f.claim_id for f in report.findings if f.severity == "error"})
    if not failed:
        return claims, []
    return claims.where(~F.col("claim_id").isin(failed)), _unchecked(root)


def _unchecked(root: Path) -> list[Finding]:
    """The findings the pandas check gives the rows it leaves out (it reads the ledger to
    place them: line numbers and repeated ids are the whole file's)."""
    from provenance.check.engines.pandas.run import checked_claims, load_for_check

    return checked_claims(load_for_check(root))[1]


def key_rows(claims: DataFrame) -> pd.DataFrame:
    """Per fact key in use (not rejected), its first claim, and a claim of another source
    when it has one: what ``close_key_warnings`` reads of the claims."""
    used = claims.where(F.col("fact_key").isNotNull()
                        & F.coalesce(F.col("status") != "rejected", F.lit(True)))
    first = F.min(F.struct("_row", "claim_id", "source_id"))
    keys = used.groupBy("fact_key").agg(first.alias("first"),
                                        F.min("source_id").alias("low"),
                                        F.max("source_id").alias("high")).collect()
    firsts = sorted(keys, key=lambda r: r["first"]["_row"])
    rows = [(r["fact_key"], r["first"]["source_id"], r["first"]["claim_id"]) for r in firsts]
    rows += [(r["fact_key"], r["high"] if r["low"] == r["first"]["source_id"] else r["low"], "")
             for r in firsts if r["low"] != r["high"]]
    return pd.DataFrame(rows, columns=["fact_key", "source_id", "claim_id"]).fillna("")
