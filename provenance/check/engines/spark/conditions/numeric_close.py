"""Spark condition of ``expect_numeric_claims_to_be_close_across_sources``.

A discrepancy needs the claims of a group paired with each other (``closeness.close_pairs``:
windows, then a join within each group), which no column expression over the batch can
do: a check computes each kind's verdict when it builds the batch (a column named by
``agreement.flag_column``) and this condition reads it.
"""

from __future__ import annotations

from great_expectations.execution_engine import SparkDFExecutionEngine
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)
from pyspark.sql import functions as F

from provenance.check.engines.pandas.expectations.expect_numeric_claims_to_be_close_across_sources import (  # noqa: E501
    NUMERIC_KINDS,
    NumericClaimsClose,
)
from provenance.check.engines.spark.agreement import flag_column
from provenance.check.jobs import tuning_from


class NumericClaimsCloseSpark(MulticolumnMapMetricProvider):
    """Row-wise in Spark: no claim of another source touches this one's interval with a
    central figure more than ``max_relative_gap`` away."""

    condition_metric_name = NumericClaimsClose.condition_metric_name
    condition_value_keys = NumericClaimsClose.condition_value_keys

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine)
    def _spark(cls, column_list, **kwargs):
        tuning = tuning_from(kwargs)
        made = (kwargs.get("_metrics") or {}).get("table.columns", [])
        close = F.lit(True)
        for kind in kwargs.get("kinds") or NUMERIC_KINDS:
            name = flag_column(f"{kind}:close", tuning, column_list.columns)
            if name not in made:
                raise ValueError(f"the {kind} discrepancies of this batch were not computed: "
                                 "run it with provenance.check.engines.spark.run.run_check_spark")
            close &= ~F.coalesce(F.col(name), F.lit(False))
        return close
