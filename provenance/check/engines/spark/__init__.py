"""The Spark engine of ``provenance check`` (``pip install 'provenance[spark]'``).

``run.run_check_spark`` returns the core's ``CheckResult`` (``check.results``). Everything Spark
needs lives here: the session (``session``), the batch (``batch``, ``registry``,
``spans``, ``gate``), the intervals and pairs (``intervals``, ``agreement``; text claims
by category code), the discrepancies (``closeness``), the summary of what was compared
(``summary``), the quote chains of ``reuse.csv`` (``reuse``) and the Spark metrics of the
custom expectations (``metrics``, one module per expectation in ``conditions/``).
Nothing outside this package imports pyspark.
"""
