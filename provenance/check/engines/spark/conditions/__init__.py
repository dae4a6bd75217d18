"""Spark conditions of the custom expectations, one module per expectation.

Each module declares a GX ``MulticolumnMapMetricProvider`` with the *same*
``condition_metric_name`` and ``condition_value_keys`` as the expectation's pandas metric
and only a ``SparkDFExecutionEngine`` partial: GX's registry keeps one provider per metric
and engine, so the pandas one stays and the expectation classes are untouched. Importing
:mod:`provenance.check.engines.spark.metrics` imports every module listed in ``MODULES``.
"""

MODULES = (
    "quantity_agree", "duration_agree", "date_agree", "text_agree", "numeric_close", "spans",
    "past_dates", "relative_dates",
)
