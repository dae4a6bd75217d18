"""``provenance check``: the suites run on a ledger, and the conflicts they found.

This package is the engine-neutral core: suites as files (``suites``, ``suite_rules``),
the comparison jobs (``jobs``), intervals (``intervals``, ``categories``), disjoint pairs
(``agreement``) and discrepancies (``discrepancy``), the claims compared (``claims``),
results (``results``), what was compared (``summary``), messages (``messages``) and the
report (``report``): plain data and functions over pandas frames and numpy arrays, free
of Arrow, threads and GX. Each engine lives in ``engines/`` and owns every trick it
needs: ``engines/pandas`` (the default), ``engines/spark``; ``engines/gx.py`` is the GX
both share (the context, suites built from their checked JSON).

The public names are loaded on first use (PEP 562), so importing a core module loads no
engine: ``run_check`` and ``load_for_check`` are the pandas engine's,
``run_check_spark`` the Spark engine's (``pip install 'provenance[spark]'``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from provenance.check.engines.pandas.run import load_for_check, run_check
    from provenance.check.engines.spark.run import run_check_spark
    from provenance.check.messages import CONFLICT_COLUMNS
    from provenance.check.results import LIMIT_PER_KEY, CheckResult, ExpectationOutcome

_LAZY = {
    "CheckResult": "provenance.check.results",
    "ExpectationOutcome": "provenance.check.results",
    "LIMIT_PER_KEY": "provenance.check.results",
    "CONFLICT_COLUMNS": "provenance.check.messages",
    "load_for_check": "provenance.check.engines.pandas.run",
    "run_check": "provenance.check.engines.pandas.run",
    "run_check_spark": "provenance.check.engines.spark.run",
}
__all__ = [
    "CONFLICT_COLUMNS", "LIMIT_PER_KEY", "CheckResult", "ExpectationOutcome", "load_for_check",
    "run_check", "run_check_spark",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
