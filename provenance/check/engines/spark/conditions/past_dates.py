"""Spark condition of ``expect_past_dates_to_precede_publication``."""

from __future__ import annotations

import re

from great_expectations.execution_engine import SparkDFExecutionEngine
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)
from pyspark.sql import functions as F

from provenance.check.engines.pandas.expectations.expect_past_dates_to_precede_publication import (  # noqa: E501
    FUTURE_MARKERS,
    PastDatesPrecedePublication,
)
from provenance.check.intervals import COMPARED_STATUSES


class PastDatesPrecedePublicationSpark(MulticolumnMapMetricProvider):
    """Row-wise in Spark: a date claim starts no later than its source's publication
    (plus grace), unless its quote names the future."""

    condition_metric_name = PastDatesPrecedePublication.condition_metric_name
    condition_value_keys = PastDatesPrecedePublication.condition_value_keys

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine)
    def _spark(cls, column_list, **kwargs):
        statuses = kwargs.get("statuses") or list(COMPARED_STATUSES)
        grace = int(kwargs.get("grace_days") or 0)
        after = F.datediff(F.col("date_low"), F.col("published")) > grace
        suspect = after & (F.col("kind") == "date") & F.col("status").isin(list(statuses))
        markers = kwargs.get("future_markers")
        words = FUTURE_MARKERS if markers is None else list(markers)
        if words:  # Python's whole-word, any-case search, in Java's syntax
            pattern = r"(?iU)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
            suspect &= ~F.coalesce(F.col("date_quote"), F.lit("")).rlike(pattern)
        return ~F.coalesce(suspect, F.lit(False))
