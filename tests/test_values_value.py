"""Value <-> CSV cells."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.values import Value

NUMBERS = st.none() | st.floats(allow_nan=False, allow_infinity=False, width=64)
DATES = st.none() | st.dates()
UNITS = st.none() | st.sampled_from(["mile", "kilometer", "percent", "day", "troops", "ATACMS"])
QUALIFIERS = st.sampled_from(
    ["exact", "approx", "more_than", "at_least", "less_than", "at_most", "nearly", "range",
     "vague", "since", "before", "after"]
)
VALUES = st.builds(
    Value, kind=st.sampled_from(["quantity", "duration", "date", "text"]), qualifier=QUALIFIERS,
    value=NUMBERS, low=NUMBERS, high=NUMBERS, unit=UNITS, date_low=DATES, date_high=DATES,
    ambiguous=st.booleans(),
)


@given(VALUES)
def test_cells_round_trip(value):
    assert Value.from_cells(value.to_cells()) == value


@pytest.mark.parametrize(
    ("value", "cells"),
    [
        (Value("quantity", "more_than", 10000.0, 10000.0, None, "troops"),
         {"kind": "quantity", "qualifier": "more_than", "value": "10000", "low": "10000",
          "high": "", "unit": "troops", "date_low": "", "date_high": "", "ambiguous": ""}),
        (Value("quantity", "approx", 190.0, 171.0, 209.0, "mile"),
         {"kind": "quantity", "qualifier": "approx", "value": "190", "low": "171",
          "high": "209", "unit": "mile", "date_low": "", "date_high": "", "ambiguous": ""}),
        (Value("duration", "exact", 60.875, 60.875, 60.875, "day"),
         {"kind": "duration", "qualifier": "exact", "value": "60.875", "low": "60.875",
          "high": "60.875", "unit": "day", "date_low": "", "date_high": "", "ambiguous": ""}),
        (Value("date", date_low=datetime.date(2024, 11, 14),
               date_high=datetime.date(2024, 11, 21), ambiguous=True),
         {"kind": "date", "qualifier": "exact", "value": "", "low": "", "high": "", "unit": "",
          "date_low": "2024-11-14", "date_high": "2024-11-21", "ambiguous": "true"}),
        (Value("text"),
         {"kind": "text", "qualifier": "exact", "value": "", "low": "", "high": "", "unit": "",
          "date_low": "", "date_high": "", "ambiguous": ""}),
    ],
)
def test_to_cells(value, cells):
    assert value.to_cells() == cells


def test_from_cells_tolerates_missing_and_empty_cells():
    assert Value.from_cells({"kind": "", "low": " ", "ambiguous": ""}) == Value("text")
