"""GX's regex metric matched once per category gives what GX's own computation gives."""

from __future__ import annotations

import great_expectations as gx
import pandas as pd
import pytest
from great_expectations.expectations.registry import get_metric_provider
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.check.engines.gx import load_suite
from provenance.check.engines.pandas.batch import category, category_text
from provenance.check.engines.pandas.expectations.categorical_metrics import (
    ColumnValuesMatchRegexPerCategory,
    match_regex,
)
from provenance.check.engines.pandas.validation import get_batch
from provenance.check.suites import DEFAULTS_DIR

ID_PATTERNS = [
    expectation.configuration.kwargs["regex"]
    for expectation in load_suite(DEFAULTS_DIR / "ledger_integrity.json").suite.expectations
    if expectation.expectation_type == "expect_column_values_to_match_regex"
]
PATTERNS = [*ID_PATTERNS, r"\d", r"(?i)^c", "é", "^$", r"\s", "00:00", r"e\+", "^T"]


def gx_way(column: pd.Series, regex: str) -> pd.Series:
    """GX's pandas condition for ``column_values.match_regex``, as GX 1.x writes it."""
    return column.astype(str).str.contains(regex)


def test_the_per_category_provider_is_what_gx_runs_for_pandas():
    _, condition = get_metric_provider("column_values.match_regex.condition",
                                       gx.execution_engine.PandasExecutionEngine())
    assert condition.__qualname__.startswith(ColumnValuesMatchRegexPerCategory.__name__)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ac0_.-é \n", max_size=6), max_size=30),
       st.sampled_from(PATTERNS))
def test_a_categorical_of_strings_matches_as_gx_matches_its_rows(cells, regex):
    column = pd.Series(cells, dtype="category", name="claim_id",
                       index=pd.RangeIndex(len(cells), name="row"))
    pd.testing.assert_series_equal(match_regex(column, regex), gx_way(column, regex))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ac0_.-é \n", min_size=1, max_size=6), max_size=30),
       st.sampled_from(PATTERNS))
def test_a_check_batch_categorical_matches_in_its_arrow_strings_as_gx_matches_its_rows(
        cells, regex):
    made = category(pd.Series(cells, dtype="str"))
    assert category_text(made.categories) is not None
    column = pd.Series(made, name="claim_id", index=pd.RangeIndex(len(cells)))
    pd.testing.assert_series_equal(match_regex(column, regex), gx_way(column, regex))


@pytest.mark.parametrize("column", [
    pd.Series(pd.to_datetime(["2024-11-17", "2024-11-18 10:00"], format="ISO8601"),
              dtype="category"),
    pd.Series([10, 200, 3000, 10], dtype="category"),
    pd.Series([1.0, 1e20, -0.0, 1 / 3], dtype="category"),
    pd.Series([True, False, True], dtype="category"),
    pd.Series(pd.Categorical([1, "c1", 2.5])),
    pd.Series(pd.to_timedelta(["1D", "2h"]), dtype="category"),
    pd.Series(pd.Categorical(["c1", "bad id"], categories=pd.Index(["c1", "bad id"],
                                                                   dtype="str"))),
], ids=["dates", "integers", "floats", "booleans", "mixed", "durations", "arrow categories"])
def test_categories_of_any_type_match_as_gx_matches_their_rows(column):
    for regex in PATTERNS:
        pd.testing.assert_series_equal(match_regex(column, regex), gx_way(column, regex))


@pytest.mark.parametrize("column", [
    pd.Series(["c1", None, "bad id"], dtype="category"),
    pd.Series(["c1", "bad id", "c2"], dtype="str"),
    pd.Series(["c1", "bad id", "c2"], dtype=object),
], ids=["categorical with missing values", "arrow text", "object text"])
def test_other_columns_match_exactly_as_gx_matches_them(column):
    for regex in PATTERNS:
        pd.testing.assert_series_equal(match_regex(column, regex), gx_way(column, regex))


def test_gx_reports_the_rows_of_a_categorical_that_break_the_pattern():
    frame = pd.DataFrame({"claim_id": pd.Categorical(["c1", "bad id", "c2", "bad id", "-c"])},
                         index=pd.RangeIndex(5))
    expectation = gx.expectations.ExpectColumnValuesToMatchRegex(column="claim_id",
                                                                 regex=ID_PATTERNS[0])
    result = get_batch(frame).validate(expectation, result_format="COMPLETE")
    assert result.result["unexpected_index_list"] == [1, 3, 4]
