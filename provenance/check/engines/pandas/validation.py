"""The pandas engine's GX data source: a batch over a pandas frame, validated once."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from provenance.check.engines.gx import context


@functools.cache
def _batch_definition() -> Any:
    source = context().data_sources.add_pandas("provenance")
    return source.add_dataframe_asset("claims").add_batch_definition_whole_dataframe("all")


def get_batch(frame: pd.DataFrame) -> Any:
    """A GX batch over ``frame`` (GX fingerprints it here, and again in ``Batch.validate``)."""
    return _batch_definition().get_batch(batch_parameters={"dataframe": frame})


def validate(frame: pd.DataFrame, suite: Any, result_format: dict) -> Any:
    """Validate ``frame`` as one GX batch against ``suite``.

    This is what ``get_batch(frame).validate(suite)`` does, through the same GX
    validator, without loading (and fingerprinting every column of) the batch twice.
    """
    from great_expectations.validator.v1_validator import Validator

    validator = Validator(batch_definition=_batch_definition(),
                          batch_parameters={"dataframe": frame}, result_format=result_format)
    return validator.validate_expectation_suite(suite)
