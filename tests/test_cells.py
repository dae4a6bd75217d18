"""Cell typing: every reader of the ledger's cells types them the same way (provenance.cells)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.alignment.signals import _typed
from provenance.cells import dates, flags, numbers, offsets, whole_numbers
from provenance.check.engines.pandas.batch import build_batch
from provenance.fill import with_columns
from provenance.table import typed_claims

NAT = np.datetime64("NaT", "s")


@pytest.mark.parametrize(
    ("cell", "number", "whole"),
    [
        ("12000", 12000.0, 12000),
        ("", math.nan, None),
        ("1e3", 1000.0, 1000),
        (" 3", 3.0, 3),
        ("1_000", 1000.0, 1000),  # as Python's float (and validate) read it
        ("5.7", 5.7, 5),  # truncated towards zero; validate reports such an offset
        ("-2", -2.0, -2),
        ("inf", math.inf, None),
        ("nan", math.nan, None),
        ("1,000", math.nan, None),
        ("about 5", math.nan, None),
    ],
)
def test_a_number_cell_reads_as_python_float_reads_it(cell, number, whole):
    column = pd.Series([cell], dtype="str")
    assert np.array_equal(numbers(column), [number], equal_nan=True)
    assert whole_numbers(column).tolist() == [pd.NA if whole is None else whole]
    assert offsets(column).tolist() == [-1 if whole is None else whole]


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2024-11-17", "2024-11-17"),
        ("", None),
        ("2024-02-30", None),  # no such day
        ("Nov. 17", None),
        ("2024-11-17T10:00", None),
    ],
)
def test_a_date_cell_reads_as_an_iso_day_only(cell, day):
    expected = NAT if day is None else np.datetime64(day, "s")
    assert np.array_equal(dates(pd.Series([cell], dtype="str")), [expected], equal_nan=True)


def test_a_flag_is_the_word_true_only():
    column = pd.Series(["true", "", "True", None, "false"], dtype="str")
    assert flags(column).tolist() == [True, False, False, False, False]


CELLS = st.one_of(st.sampled_from(["", "1e3", "-2", " 3", "1_000", "x", "2024-11-17", "inf",
                                   "1e30"]),
                  st.floats(-1e15, 1e15).map(repr), st.integers(0, 10**6).map(str))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, st.sampled_from(["2024-11-17", "", "2024-02-30"])),
                min_size=1, max_size=8))
def test_the_dashboard_the_signals_and_the_check_type_cells_alike(rows):
    claims = pd.DataFrame(rows, columns=["value", "start", "date_low"], dtype=object)
    claims = with_columns(claims.assign(claim_id=[f"c-{i}" for i in range(len(rows))]))
    typed, signals = typed_claims(claims), _typed(claims)
    batch = build_batch(claims, pd.DataFrame({"source_id": []}), {},
                        ["value", "start", "date_low"])
    for frame in (typed, signals):
        assert np.array_equal(frame["value"], batch["value"], equal_nan=True)
        assert np.array_equal(frame["date_low"].to_numpy(dtype="datetime64[s]"),
                              batch["date_low"].to_numpy(dtype="datetime64[s]"), equal_nan=True)
    start = batch["start"].to_numpy()
    whole = np.abs(start) < 2.0**63
    assert typed["start"].isna().tolist() == (~whole).tolist()
    assert typed["start"][whole].tolist() == np.trunc(start[whole]).astype(np.int64).tolist()
