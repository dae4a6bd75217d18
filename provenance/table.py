"""Typed views of the string DataFrames the ledger keeps."""

from __future__ import annotations

import pandas as pd

from provenance.fill import with_columns

INTEGER_COLUMNS = ("start", "end")
FLOAT_COLUMNS = ("value", "low", "high")
DATE_COLUMNS = ("date_low", "date_high")


def typed_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """Claims with offsets as Int64, numbers as float, dates as datetime64, ``ambiguous`` bool.

    Cells that do not parse become missing values; ``validate`` reports them.
    """
    typed = with_columns(frame)
    for column in INTEGER_COLUMNS:
        typed[column] = pd.to_numeric(typed[column], errors="coerce").astype("Int64")
    for column in FLOAT_COLUMNS:
        typed[column] = pd.to_numeric(typed[column], errors="coerce").astype(float)
    for column in DATE_COLUMNS:
        typed[column] = pd.to_datetime(typed[column], errors="coerce", format="%Y-%m-%d")
    typed["ambiguous"] = typed["ambiguous"].eq("true")
    return typed
