"""What both engines share of Great Expectations: the one ephemeral context (custom
expectations registered), the registry as the suite rules read it, suites built from
their checked JSON, and several suites run as one.

The core reads a suite file and checks it (:mod:`provenance.check.suites`,
:mod:`provenance.check.suite_rules`); building it into a GX ``ExpectationSuite`` happens
here. Each engine adds its own data source to :func:`context` and validates through it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from provenance.check.suite_rules import shown_value
from provenance.check.suites import SuiteFile, read_suite
from provenance.errors import LedgerFormatError

RESULT_FORMAT = {  # every unexpected row's position (the pandas batch's unnamed RangeIndex)
    "result_format": "COMPLETE",
    "exclude_unexpected_values": True,
    "return_unexpected_index_query": False,  # a query string over every unexpected row
}


@functools.cache
def context() -> Any:
    """The process's ephemeral GX context, progress bars off, custom expectations registered."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    import provenance.check.engines.pandas.expectations  # noqa: F401  (registers them)

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    return ctx


class GxCatalog:
    """GX's registry of expectations, as :class:`provenance.check.suite_rules.Catalog`."""

    def types(self) -> list[str]:
        """The registered expectation types."""
        from great_expectations.expectations.registry import (
            list_registered_expectation_implementations,
        )

        return list_registered_expectation_implementations()

    def severities(self) -> list[str]:
        """GX's failure severities."""
        from great_expectations.expectations.metadata_types import FailureSeverity

        return [s.value for s in FailureSeverity]

    def kwargs(self, kind: str) -> set[str]:
        """The fields of the expectation class of ``kind``."""
        from great_expectations.expectations.registry import get_expectation_impl

        return set(get_expectation_impl(kind).__fields__)

    def problem(self, kind: str, kwargs: dict, severity: str) -> str:
        """Build the expectation as GX will (its pydantic model checks types and ranges):
        what it refused, in one line, or ""."""
        from great_expectations.compatibility import pydantic
        from great_expectations.expectations.registry import get_expectation_impl

        try:
            get_expectation_impl(kind)(**kwargs, severity=severity)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else ""
            value = f" = {shown_value(kwargs[name])}" if name in kwargs else ""
            return f'kwarg "{name}"{value}: {first["msg"]}'
        except Exception as exc:  # noqa: BLE001 - GX raises many kinds; each is one line here
            return f"GX cannot build it: {exc}"
        return ""


def load_suite(path: Path, shown: str | None = None) -> SuiteFile:
    """Read and check one suite JSON, then build it as a GX ``ExpectationSuite``.

    Raises LedgerFormatError naming the file (as ``shown``) for what the suite rules
    refuse and for a suite GX cannot build whole.
    """
    import great_expectations as gx

    context()
    shown = shown or str(path)
    parsed = read_suite(path, shown, GxCatalog())
    try:
        suite = gx.ExpectationSuite(**parsed)
    except Exception as exc:  # GX raises many kinds for a bad suite; all mean the same here
        raise LedgerFormatError(shown, None, None, f"not a GX suite: {exc}") from None
    if len(suite.expectations) != len(parsed.get("expectations", [])):  # never run fewer
        raise LedgerFormatError(shown, None, None, "GX could not add every expectation")
    return SuiteFile(Path(path).stem, Path(path), suite)


def combined(suites: list[SuiteFile]) -> Any:
    """One suite holding every expectation of ``suites`` in order: GX then fingerprints
    and reads the batch once, not once per suite."""
    import great_expectations as gx

    if len(suites) == 1:
        return suites[0].suite
    merged = gx.ExpectationSuite(name="+".join(item.name for item in suites))
    for item in suites:
        for expectation in item.suite.expectations:
            merged.expectations.append(expectation)
    return merged
