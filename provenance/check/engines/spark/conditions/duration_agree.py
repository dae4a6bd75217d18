"""Spark condition of ``expect_duration_claims_to_agree_across_sources``."""

from __future__ import annotations

from great_expectations.execution_engine import SparkDFExecutionEngine
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)
from great_expectations.expectations.metrics.metric_provider import MetricPartialFunctionTypes

from provenance.check.engines.pandas.expectations.expect_duration_claims_to_agree_across_sources import (  # noqa: E501
    DurationClaimsAgree,
)
from provenance.check.engines.spark.conditions._agreeing import agreeing


class DurationClaimsAgreeSpark(MulticolumnMapMetricProvider):
    """Row-wise in Spark: the duration claim overlaps every other source's claim on its key."""

    condition_metric_name = DurationClaimsAgree.condition_metric_name
    condition_value_keys = DurationClaimsAgree.condition_value_keys

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine,
                                   partial_fn_type=MetricPartialFunctionTypes.WINDOW_CONDITION_FN)
    def _spark(cls, column_list, **kwargs):
        return agreeing(column_list, "duration", kwargs)
