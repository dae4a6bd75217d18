"""The Spark metrics of the custom expectations, and which expectations can run on Spark.

Importing this module registers every condition of :mod:`.conditions` with GX. An
expectation runs on Spark when GX has a ``SparkDFExecutionEngine`` provider for its map
metric's condition (GX's own expectations have one; a custom one needs a module in
``conditions/``): :func:`without_spark` names those that do not, so a check refuses them
instead of skipping them.
"""

from __future__ import annotations

import importlib
from typing import Any

from provenance.check.engines.spark.conditions import MODULES

ENGINE = "SparkDFExecutionEngine"
SUFFIXES = ("condition", "map")  # GX's metric suffixes of map conditions and map functions


def register() -> None:
    """Import every Spark condition module (GX registers their providers on import)."""
    import provenance.check.engines.pandas.expectations  # noqa: F401  (pandas metrics first)

    for name in MODULES:
        importlib.import_module(f"provenance.check.engines.spark.conditions.{name}")


def _spark_provider(metric: str) -> bool:
    from great_expectations.expectations.registry import _registered_metrics

    return any(ENGINE in _registered_metrics.get(f"{metric}.{suffix}", {}).get("providers", {})
               for suffix in SUFFIXES)


def without_spark(expectations: list[Any]) -> list[str]:
    """The types of ``expectations`` (GX expectation objects) with no Spark metric."""
    register()
    missing = []
    for expectation in expectations:
        metric = getattr(type(expectation), "map_metric", None)
        if metric is not None and not _spark_provider(metric):
            missing.append(expectation.expectation_type)
    return list(dict.fromkeys(missing))
