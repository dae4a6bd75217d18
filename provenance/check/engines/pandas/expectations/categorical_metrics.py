"""GX's built-in regex metric computed once per category when a column is categorical.

GX's pandas engine matches ``expect_column_values_to_match_regex`` as
``column.astype(str).str.contains(regex)``. For a categorical column that checks and
copies every row's string into a new Arrow array, holding the GIL, before matching
(about 0.1 s per million rows, for each id column of the check batch). Every row of a
category matches or fails alike, so here the regex runs once per category and each row
takes its category's answer by code; the categories of a check batch are matched in the
Arrow strings they were made from (``batch.category_text``), others as ``str``.
Any other column, and a categorical with missing values, goes GX's own way.

Importing this module registers :class:`ColumnValuesMatchRegexPerCategory` for the
metric's name, which replaces GX's pandas implementation in this process (GX's registry
keeps the last provider of a metric); the SQL and Spark implementations are inherited.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.metrics.column_map_metrics.column_values_match_regex import (  # noqa: E501
    ColumnValuesMatchRegex,
)
from great_expectations.expectations.metrics.map_metric_provider import (
    column_condition_partial,
)

from provenance.check.engines.pandas.batch import category_text


def match_regex(column: pd.Series, regex: str) -> pd.Series:
    """``column.astype(str).str.contains(regex)``, matched once per category when
    ``column`` is a categorical without missing values."""
    if not isinstance(column.dtype, pd.CategoricalDtype) or column.hasnans:
        return column.astype(str).str.contains(regex)
    categories = category_text(column.cat.categories)
    if categories is None:
        categories = pd.Series(column.cat.categories, dtype=object).astype(str)  # as rows
    matched = categories.str.contains(regex).to_numpy(dtype=bool)
    return pd.Series(matched[column.cat.codes.to_numpy()], index=column.index,
                     name=column.name)


@contextmanager
def _replacing() -> Iterator[None]:
    """Register a metric provider without GX's warning that it replaces the built-in one."""
    registry = logging.getLogger("great_expectations.expectations.registry")
    level = registry.level
    registry.setLevel(logging.ERROR)
    try:
        yield
    finally:
        registry.setLevel(level)


with _replacing():

    class ColumnValuesMatchRegexPerCategory(ColumnValuesMatchRegex):
        """``column_values.match_regex`` with :func:`match_regex` as its pandas condition."""

        @column_condition_partial(engine=PandasExecutionEngine)
        def _pandas(cls, column: pd.Series, regex: str, **kwargs) -> pd.Series:
            return match_regex(column, regex)
