"""The pandas engine's GX data source: GX's verdicts, without GX's copies of the batch."""

from __future__ import annotations

import itertools

import great_expectations as gx
import numpy as np
import pandas as pd
import pytest

from provenance.check.engines.gx import RESULT_FORMAT, context
from provenance.check.engines.pandas.validation import get_batch, validate

_PLAIN = itertools.count()

COMPARISON = {"column": {"name": "status"}, "operator": "==", "parameter": "confirmed",
              "type": "comparison"}
PAIRS = [  # (column_A, column_B, extra kwargs)
    ("end", "start", {"ignore_row_if": "either_value_is_missing", "or_equal": True}),
    ("high", "low", {"ignore_row_if": "either_value_is_missing", "or_equal": True}),
    ("high", "low", {"ignore_row_if": "both_values_are_missing"}),
    ("high", "low", {"ignore_row_if": "neither", "or_equal": True}),
    ("high", "low", {"ignore_row_if": "either_value_is_missing", "row_condition": COMPARISON}),
    ("date_high", "date_low", {"ignore_row_if": "either_value_is_missing", "or_equal": True}),
    ("high", "high", {"ignore_row_if": "either_value_is_missing", "or_equal": True}),
]


def batch(rows: int = 40, seed: int = 3) -> pd.DataFrame:
    """A batch shaped like the check's: categories, floats with gaps, dates with gaps."""
    rng = np.random.default_rng(seed)
    low = np.where(rng.random(rows) < 0.3, np.nan, rng.integers(0, 10, rows).astype(float))
    high = np.where(rng.random(rows) < 0.3, np.nan, rng.integers(0, 10, rows).astype(float))
    day = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 5, rows), unit="D")
    return pd.DataFrame({
        "claim_id": pd.Categorical([f"c{i}" for i in range(rows)]),
        "status": pd.Categorical(rng.choice(["confirmed", "candidate"], rows)),
        "start": rng.integers(0, 9, rows).astype(float),
        "end": rng.integers(0, 9, rows).astype(float),
        "low": low, "high": high,
        "date_low": day.where(rng.random(rows) < 0.7).to_numpy(dtype="datetime64[s]"),
        "date_high": (day + pd.to_timedelta(rng.integers(-1, 2, rows), unit="D"))
        .where(rng.random(rows) < 0.7).to_numpy(dtype="datetime64[s]"),
    }, index=pd.RangeIndex(rows))


def suite(*expectations: tuple[str, dict]) -> gx.ExpectationSuite:
    context()
    return gx.ExpectationSuite(name=f"spec{next(_PLAIN)}", expectations=[
        {"type": kind, "kwargs": kwargs} for kind, kwargs in expectations])


def pair_suite(a: str, b: str, extra: dict) -> gx.ExpectationSuite:
    return suite(("expect_column_pair_values_a_to_be_greater_than_b",
                  {"column_A": a, "column_B": b, **extra}))


def gx_plain(frame: pd.DataFrame, checked: gx.ExpectationSuite):
    """The same suite validated by GX's own pandas data source and execution engine."""
    source = context().data_sources.add_pandas(f"plain{next(_PLAIN)}")
    definition = source.add_dataframe_asset("claims").add_batch_definition_whole_dataframe("all")
    return definition.get_batch(batch_parameters={"dataframe": frame}).validate(
        checked, result_format=RESULT_FORMAT)


def verdicts(validation) -> list[tuple]:
    return [(r.success, r.result.get("unexpected_index_list"), r.result.get("unexpected_count"),
             r.result.get("element_count"), r.result.get("missing_count"))
            for r in validation.results]


@pytest.mark.parametrize(("a", "b", "extra"), PAIRS, ids=lambda v: str(v)[:40])
def test_a_column_pair_expectation_gives_gx_plain_verdict(a, b, extra):
    frame, checked = batch(), pair_suite(a, b, extra)
    assert verdicts(validate(frame, checked, RESULT_FORMAT)) == verdicts(gx_plain(frame, checked))


@pytest.mark.parametrize(("a", "b", "extra"), [p for p in PAIRS if p[2]["ignore_row_if"] !=
                                               "neither"], ids=lambda v: str(v)[:40])
def test_rows_missing_a_pair_value_are_dropped_from_the_two_columns_not_the_batch(
        a, b, extra, monkeypatch):
    widths = []
    dropna = pd.DataFrame.dropna

    def spy(self, *args, **kwargs):
        widths.append(self.shape[1])
        return dropna(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "dropna", spy)
    validate(batch(), pair_suite(a, b, extra), RESULT_FORMAT)
    assert widths
    assert set(widths) == {len({a, b})}


def test_gx_validates_the_batch_without_hashing_it(monkeypatch):
    hashed = []
    hash_frame = pd.util.hash_pandas_object

    def spy(obj, *args, **kwargs):
        hashed.append(type(obj).__name__)
        return hash_frame(obj, *args, **kwargs)

    monkeypatch.setattr(pd.util, "hash_pandas_object", spy)
    validation = validate(batch(), pair_suite(*PAIRS[0][:2], PAIRS[0][2]), RESULT_FORMAT)
    assert hashed == []
    assert "pandas_data_fingerprint" not in validation.meta["batch_markers"]


def test_the_ledger_suites_give_gx_plain_verdicts_on_a_batch(seed_ledger):
    from provenance.check.engines.gx import combined, load_suite
    from provenance.check.engines.pandas.batch import build_batch
    from provenance.check.engines.pandas.run import checked_claims, load_for_check
    from provenance.check.suites import columns_needed, resolve

    ledger = load_for_check(seed_ledger)
    loaded = [load_suite(path) for path in resolve(seed_ledger, None)]
    claims, _ = checked_claims(ledger)
    frame = build_batch(claims, ledger.sources, ledger.texts, columns_needed(loaded))
    checked = combined(loaded)
    assert verdicts(validate(frame, checked, RESULT_FORMAT)) == verdicts(gx_plain(frame, checked))



@pytest.mark.parametrize(("a", "b", "extra"), [p for p in PAIRS if p[2]["ignore_row_if"] !=
                                               "neither"], ids=lambda v: str(v)[:40])
def test_a_pairs_rows_are_dropped_once_for_all_of_its_metrics(a, b, extra, monkeypatch):
    drops = []
    dropna = pd.DataFrame.dropna

    def spy(self, *args, **kwargs):
        drops.append(kwargs.get("subset"))
        return dropna(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "dropna", spy)
    validate(batch(), pair_suite(a, b, extra), RESULT_FORMAT)
    assert drops == [[a, b]]


def test_a_row_condition_filters_the_batch_once_for_all_of_its_metrics(monkeypatch):
    queries = []
    query = pd.DataFrame.query

    def spy(self, expression, *args, **kwargs):
        queries.append(expression)
        return query(self, expression, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "query", spy)
    checked = suite(("expect_column_values_to_not_be_null",
                     {"column": "low", "row_condition": COMPARISON}))
    validate(batch(), checked, RESULT_FORMAT)
    assert len(queries) == 1


@pytest.mark.parametrize("validating", ["validate", "gx batch"])
def test_records_made_for_one_batch_are_never_reused_for_another(validating):
    checked = suite(("expect_column_values_to_not_be_null",
                     {"column": "low", "row_condition": COMPARISON}), *[
        ("expect_column_pair_values_a_to_be_greater_than_b",
         {"column_A": a, "column_B": b, **extra}) for a, b, extra in PAIRS])
    for seed in (3, 4):
        frame = batch(seed=seed)
        if validating == "validate":
            found = validate(frame, checked, RESULT_FORMAT)
        else:
            found = get_batch(frame).validate(checked, result_format=RESULT_FORMAT)
        assert verdicts(found) == verdicts(gx_plain(frame, checked))
