"""Figures stated under a qualifier and unit, a column at a time, give the cells one
``stated(...).to_cells()`` per figure gives."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from provenance.values.durations import DAYS
from provenance.values.hedges import HEDGE_BOUNDS
from provenance.values.quantities import stated
from provenance.values.stated_cells import number_cells, stated_cells
from provenance.values.value import CELL_COLUMNS, format_number

QUALIFIERS = st.sampled_from([*HEDGE_BOUNDS, "range", "vague"])
UNITS = st.sampled_from([None, "troops", "percent", "kilometer", *(f"time:{u}" for u in DAYS)])
FIGURES = st.one_of(
    st.integers(min_value=1, max_value=10**15).map(float),
    st.floats(allow_nan=False),
    st.sampled_from([0.0, -0.0, 0.5, 1e18, -1e18, 1e18 - 128, 99999.95, 1e-300]),
)


@given(QUALIFIERS, st.lists(FIGURES, max_size=20), UNITS)
def test_stated_cells_are_each_figures_stated_cells(qualifier, figures, unit):
    cells = stated_cells(qualifier, np.array(figures, dtype=np.float64), unit)
    assert list(cells) == list(CELL_COLUMNS)
    rows = [dict(zip(CELL_COLUMNS, row, strict=True))
            for row in zip(*(cells[c].tolist() for c in CELL_COLUMNS), strict=True)]
    assert rows == [stated(qualifier, figure, unit).to_cells() for figure in figures]
    assert all(type(cell) is str for column in cells.values() for cell in column)


@given(st.lists(st.one_of(FIGURES, st.just(float("nan"))), max_size=20))
def test_number_cells_are_format_number(numbers):
    assert number_cells(np.array(numbers, dtype=np.float64)).tolist() == list(
        map(format_number, numbers))


def test_an_approximate_bound_is_tidied_then_a_duration_put_in_days():
    cells = stated_cells("approx", np.array([55.0, 7409.0]), "time:week")
    assert cells["value"].tolist() == ["385", "51863"]
    assert cells["low"].tolist() == ["346.5", "46676.700000000004"]
    assert cells["unit"].tolist() == ["day", "day"]
    assert cells["kind"].tolist() == ["duration", "duration"]
