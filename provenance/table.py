"""Typed views of the string DataFrames the ledger keeps (cells read by :mod:`.cells`)."""

from __future__ import annotations

import pandas as pd

from provenance.cells import dates, flags, numbers, whole_numbers
from provenance.fill import with_columns
from provenance.rules import DATE_COLUMNS, NUMBER_COLUMNS, OFFSET_COLUMNS


def typed_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """Claims with offsets as Int64, numbers as float, dates as datetime64, ``ambiguous`` bool.

    Cells that do not parse become missing values; ``validate`` reports them.
    """
    typed = with_columns(frame)
    for column in OFFSET_COLUMNS:
        typed[column] = whole_numbers(typed[column])
    for column in NUMBER_COLUMNS:
        typed[column] = numbers(typed[column])
    for column in DATE_COLUMNS:
        typed[column] = dates(typed[column])
    typed["ambiguous"] = flags(typed["ambiguous"])
    return typed
