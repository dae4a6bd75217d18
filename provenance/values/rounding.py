"""The rounding model: what precision a bare written figure implies.

A hedge says how loosely a figure is meant ("about 50,000"); a bare figure says it too,
by how it is written. "50,000 soldiers" is a figure rounded to its last significant
digit, the ten-thousands: a reporter writes it for anything that rounds there. The
model, applied by the consistency check (the ledger keeps ``[v, v]``, what the text
says), is:

* **Last significant place** ``p``: ``10**k`` for a whole figure ending in ``k`` zeros
  (50,000 → 10,000; 14,000 → 1,000; 300 → 100; 190 → 10; 62 → 1).
* **Round figures only**: a figure is widened when ``k >= round_figure_min_zeros``
  (default 2): 300 and 14,000 are round, 190 and 62 are read as exact.
* **Half a unit of that place**: the interval is ``v ± rounding_precision × p``
  (default 0.5): 50,000 → 45,000–55,000, 14,000 → 13,500–14,500, 300 → 250–350.
* **Capped by magnitude**: never wider than ``max_rounding_share × |v|`` either side
  (default 0.4). This binds only for figures with a leading 1, whose last place is as
  large as the figure: 10,000 → 6,000–14,000, not 5,000–15,000, so "10,000" and
  "15,000" cannot overlap (a 50 % gap is a conflict) while "10,000" and "14,000" still
  touch. Central values that far apart are reported by the discrepancy finding
  (``expect_numeric_claims_to_be_close_across_sources``), never passed over silently.

=============  =====  ==================  ==============
figure         p      half a unit of p    interval
=============  =====  ==================  ==============
62             1      not round           62
190            10     not round           190
300            100    50                  250–350
14,000         1,000  500                 13,500–14,500
40,000         10,000 5,000               35,000–45,000
50,000         10,000 5,000               45,000–55,000
10,000         10,000 5,000, capped 4,000 6,000–14,000
=============  =====  ==================  ==============

Every setting is a kwarg of the quantity expectations in the suite JSON; one rule, here,
serves the check, its report and the dashboard.
"""

from __future__ import annotations

import numpy as np

ROUNDING_PRECISION = 0.5
ROUND_FIGURE_MIN_ZEROS = 2
MAX_ROUNDING_SHARE = 0.4
MAX_PLACE = 15  # figures of 10**15 and beyond are left as written


def last_place(values: np.ndarray) -> np.ndarray:
    """Per figure, ``10**k`` for a whole figure ending in ``k`` zeros (1 otherwise)."""
    values = np.asarray(values, dtype=np.float64)
    whole = np.isfinite(values) & (values != 0) & (np.abs(values) < 10.0**MAX_PLACE)
    whole &= np.mod(np.where(whole, values, 1.0), 1.0) == 0
    place = np.ones(len(values))
    alive = np.flatnonzero(whole)
    for k in range(1, MAX_PLACE + 1):  # a multiple of 10**k is one of 10**(k-1): stop at none
        alive = alive[np.mod(values[alive], 10.0**k) == 0]
        if not len(alive):
            break
        place[alive] = 10.0**k
    return place


def rounding_half_width(values: np.ndarray, precision: float = ROUNDING_PRECISION,
                        min_zeros: int = ROUND_FIGURE_MIN_ZEROS,
                        max_share: float = MAX_ROUNDING_SHARE) -> np.ndarray:
    """How far each bare figure is widened either side (0 for figures that are not round)."""
    values = np.asarray(values, dtype=np.float64)
    if precision <= 0 or not len(values):
        return np.zeros(len(values))
    place = last_place(values)
    widen = np.where(place >= 10.0**min_zeros, precision * place, 0.0)
    return np.minimum(widen, max_share * np.abs(np.nan_to_num(values)))
