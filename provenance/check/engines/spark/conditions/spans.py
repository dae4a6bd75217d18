"""Spark condition of ``expect_claim_spans_to_match_source_text``.

Both facts are columns of the Spark batch (:mod:`provenance.check.engines.spark.spans` compares
every quote with its source text when the batch is built), as in the pandas engine.
"""

from __future__ import annotations

from great_expectations.execution_engine import SparkDFExecutionEngine
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)
from pyspark.sql import functions as F

from provenance.check.engines.pandas.expectations.expect_claim_spans_to_match_source_text import (  # noqa: E501
    ClaimSpansMatchSourceText,
)


class ClaimSpansMatchSourceTextSpark(MulticolumnMapMetricProvider):
    """Row-wise in Spark: the span held and the source file's sha256 matched."""

    condition_metric_name = ClaimSpansMatchSourceText.condition_metric_name
    condition_value_keys = ClaimSpansMatchSourceText.condition_value_keys

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine)
    def _spark(cls, column_list, **kwargs):
        matches = F.coalesce(F.col("span_matches"), F.lit(False))
        if not kwargs.get("check_sha256", True):
            return matches
        return matches & F.coalesce(F.col("source_sha_ok"), F.lit(False))
