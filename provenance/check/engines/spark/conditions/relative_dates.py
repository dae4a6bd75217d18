"""Spark condition of ``expect_relative_dates_to_have_known_publication``."""

from __future__ import annotations

from great_expectations.execution_engine import SparkDFExecutionEngine
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)
from pyspark.sql import functions as F

from provenance.check.engines.pandas.expectations.expect_relative_dates_to_have_known_publication import (  # noqa: E501
    EXPLICIT_YEAR,
    RelativeDatesHaveKnownPublication,
)
from provenance.check.intervals import COMPARED_STATUSES


class RelativeDatesHaveKnownPublicationSpark(MulticolumnMapMetricProvider):
    """Row-wise in Spark: a date claim without a year resolves against a printed date."""

    condition_metric_name = RelativeDatesHaveKnownPublication.condition_metric_name
    condition_value_keys = RelativeDatesHaveKnownPublication.condition_value_keys

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine)
    def _spark(cls, column_list, **kwargs):
        statuses = kwargs.get("statuses") or list(COMPARED_STATUSES)
        unknown = F.col("published").isNull() | F.coalesce(F.col("published_inferred"),
                                                           F.lit(False))
        suspect = unknown & (F.col("kind") == "date") & F.col("status").isin(list(statuses))
        pattern = kwargs.get("explicit_date_pattern") or EXPLICIT_YEAR
        suspect &= ~F.coalesce(F.col("date_quote"), F.lit("")).rlike(pattern)
        return ~F.coalesce(suspect, F.lit(False))
