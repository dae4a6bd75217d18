"""The pandas engine's GX data source: a batch over a pandas frame, validated once.

The data source runs GX's pandas execution engine with some of its copies left out
(``CheckExecutionEngine``), each the same rows and verdicts, measured at a million claims:

- GX fingerprints a frame given at run time (``pd.util.hash_pandas_object`` over every
  column and the index, 0.3-0.4 s: a million distinct claim ids are hashed as Python
  strings) only to record the hash in the result's ``batch_markers``; nothing here
  reads it, so the batch is made without it.
- For a column-pair expectation with ``ignore_row_if`` GX drops the rows missing a
  value from the whole batch, a copy of every column, once per metric (four times per
  expectation, about 0.1 s each); here only the pair's two columns are copied, the
  rows and their index being the same. GX's row condition is still applied first, to
  the whole batch, so a condition may read any column.
- GX filters the batch by a row condition, and drops a pair's missing rows, once per
  metric; here each filter (whatever the domain) and each pair's rows are made once
  per validation and shared by the metrics (GX's metrics read records, never write
  them: without a row condition they all get the batch itself).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any

import pandas as pd
from great_expectations.core.batch import BatchMarkers
from great_expectations.core.batch_spec import RuntimeDataBatchSpec
from great_expectations.datasource.fluent import PandasDatasource
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.execution_engine.pandas_batch_data import PandasBatchData

from provenance.check.engines.gx import context

PAIR_DROPS = {"both_values_are_missing": "all", "either_value_is_missing": "any"}


class CheckExecutionEngine(PandasExecutionEngine):
    """GX's pandas execution engine, without the copies the module describes."""

    def get_batch_data_and_markers(self, batch_spec: Any) -> tuple[PandasBatchData, BatchMarkers]:
        """A frame given at run time becomes the batch as GX makes it, unfingerprinted;
        any other batch spec goes GX's own way."""
        frame = getattr(batch_spec, "batch_data", None)
        if not isinstance(batch_spec, RuntimeDataBatchSpec) or not isinstance(frame, pd.DataFrame):
            return super().get_batch_data_and_markers(batch_spec)
        markers = BatchMarkers({"ge_load_time": dt.datetime.now(dt.UTC).strftime(
            "%Y%m%dT%H%M%S.%fZ")})
        batch_spec.batch_data = "PandasDataFrame"  # as GX leaves a spec it has loaded
        frame = self._apply_partitioning_and_sampling_methods(batch_spec, frame)
        return PandasBatchData(execution_engine=self, dataframe=frame), markers

    def get_domain_records(self, domain_kwargs: dict) -> pd.DataFrame:
        """GX's records of a domain; those of a column pair with missing values to ignore
        hold the pair's two columns only, made once per validation."""
        pair = [domain_kwargs.get("column_A"), domain_kwargs.get("column_B")]
        how = PAIR_DROPS.get(domain_kwargs.get("ignore_row_if"))
        if None in pair or how is None or "column" in domain_kwargs:
            return super().get_domain_records(domain_kwargs)
        rows = super().get_domain_records(  # the row condition applied, nothing dropped
            {key: value for key, value in domain_kwargs.items() if key != "ignore_row_if"})
        return self._once(rows, ("pair", _key(domain_kwargs)), lambda: rows[
            list(dict.fromkeys(pair))].dropna(axis=0, how=how, subset=pair))

    def _apply_row_condition_filter(self, data: pd.DataFrame, row_condition: Any,
                                    domain_kwargs: dict) -> pd.DataFrame:
        """GX's rows of ``data`` meeting a row condition, filtered once per validation."""
        key = ("condition", _key([row_condition, domain_kwargs.get("condition_parser")]))
        filtered = super()._apply_row_condition_filter
        return self._once(data, key, lambda: filtered(data, row_condition, domain_kwargs))

    def _once(self, owner: pd.DataFrame, key: tuple, make: Callable[[], pd.DataFrame]
              ) -> pd.DataFrame:
        """What ``make`` gives for ``key`` of the frame ``owner``: made once until
        :meth:`forget_records` (records of another frame are never reused)."""
        made = self.__dict__.setdefault("_records", {})
        found = made.get(key)
        if found is None or found[0] is not owner:
            found = made[key] = (owner, make())
        return found[1]

    def forget_records(self) -> None:
        """Let go of the records made for a validation that ended."""
        self.__dict__.pop("_records", None)


def _key(value: object) -> str:
    """A domain's settings as one string (they hold dicts and lists)."""
    return json.dumps(value, sort_keys=True, default=repr)


class _CheckDatasource(PandasDatasource):
    """GX's pandas data source running :class:`CheckExecutionEngine` (the leading
    underscore keeps GX from registering it as a data source type of its own)."""

    @property
    def execution_engine_type(self) -> type[PandasExecutionEngine]:
        return CheckExecutionEngine


@functools.cache
def _batch_definition() -> Any:
    source = context().data_sources.add_pandas(_CheckDatasource(name="provenance"))
    return source.add_dataframe_asset("claims").add_batch_definition_whole_dataframe("all")


def get_batch(frame: pd.DataFrame) -> Any:
    """A GX batch over ``frame``."""
    return _batch_definition().get_batch(batch_parameters={"dataframe": frame})


def validate(frame: pd.DataFrame, suite: Any, result_format: dict) -> Any:
    """Validate ``frame`` as one GX batch against ``suite``.

    This is what ``get_batch(frame).validate(suite)`` does, through the same GX
    validator, without loading the batch twice.
    """
    from great_expectations.validator.v1_validator import Validator

    definition = _batch_definition()
    validator = Validator(batch_definition=definition, batch_parameters={"dataframe": frame},
                          result_format=result_format)
    try:
        return validator.validate_expectation_suite(suite)
    finally:
        definition.data_asset.datasource.get_execution_engine().forget_records()
