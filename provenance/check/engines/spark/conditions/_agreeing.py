"""The Spark condition shared by the four agreement expectations.

A check computes each agreement job's verdict in stages when it builds the batch
(``agreement.disagreeing``, a column named by ``agreement.flag_column``) and the
condition reads it; on any other batch the condition computes it in one expression
(``agreement.disagrees``: windows within windows, correct but slower to plan).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from provenance.check.engines.spark.agreement import disagrees, flag_column
from provenance.check.engines.spark.intervals import intervals, lookups
from provenance.check.jobs import require_columns, tuning_from


def agreeing(columns: DataFrame, kind: str, kwargs: dict) -> Column:
    """True for every row except compared claims of ``kind`` that disagree with another
    source on their fact key (``columns``: the expectation's ``column_list``)."""
    require_columns(kind, columns.columns)
    tuning = tuning_from(kwargs)
    made = flag_column(kind, tuning, columns.columns)
    if made in (kwargs.get("_metrics") or {}).get("table.columns", []):
        return ~F.coalesce(F.col(made), F.lit(False))  # computed with the batch
    maps = lookups(columns, kind, tuning)
    return ~disagrees(intervals(kind, tuning, columns.columns, maps))
