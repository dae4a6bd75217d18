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
  metric; here each such domain's records are made once per validation and shared by
  its metrics (GX's metrics read records, never write them: without a row condition
  they all get the batch itself).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import pandas as pd
from great_expectations.core.batch import BatchMarkers
from great_expectations.core.batch_spec import RuntimeDataBatchSpec
from great_expectations.datasource.fluent import PandasDatasource
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.execution_engine.pandas_batch_data import PandasBatchData

from provenance.check.engines.gx import context

CONDITION_KEYS = ("batch_id", "row_condition", "condition_parser")  # what filters the batch
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
        """GX's records of a domain, made once per validation when they are a copy; those
        of a column pair with missing values to ignore hold the pair's two columns only."""
        if not domain_kwargs.get("row_condition") and not _drops_pair(domain_kwargs):
            return super().get_domain_records(domain_kwargs)  # the batch itself
        batch_id = domain_kwargs.get("batch_id")
        batch = (self.batch_manager.batch_data_cache.get(batch_id) if batch_id
                 else self.batch_manager.active_batch_data)
        owner, made = self.__dict__.get("_records", (None, {}))
        if owner is not batch:  # records of another batch are never reused
            made = {}
            self.__dict__["_records"] = (batch, made)
        key = json.dumps(domain_kwargs if _drops_rows(domain_kwargs) else {
            name: domain_kwargs.get(name) for name in CONDITION_KEYS}, sort_keys=True, default=repr)
        if key not in made:
            made[key] = self._records_of(domain_kwargs)
        return made[key]

    def forget_records(self) -> None:
        """Let go of the records made for a validation that ended."""
        self.__dict__.pop("_records", None)

    def _records_of(self, domain_kwargs: dict) -> pd.DataFrame:
        """A domain's records as GX makes them, a pair's from its two columns."""
        if not _drops_pair(domain_kwargs):
            return super().get_domain_records(domain_kwargs)
        pair = [domain_kwargs["column_A"], domain_kwargs["column_B"]]
        rows = self.get_domain_records(  # the row condition applied, nothing dropped
            {key: value for key, value in domain_kwargs.items() if key != "ignore_row_if"})
        how = PAIR_DROPS[domain_kwargs["ignore_row_if"]]
        return rows[list(dict.fromkeys(pair))].dropna(axis=0, how=how, subset=pair)


def _drops_rows(domain_kwargs: dict) -> bool:
    """Whether GX drops rows missing a value after the row condition (a column pair or
    list with ``ignore_row_if``): else the records are the filtered batch itself."""
    return "column" not in domain_kwargs and "ignore_row_if" in domain_kwargs and (
        "column_list" in domain_kwargs or {"column_A", "column_B"} <= domain_kwargs.keys())


def _drops_pair(domain_kwargs: dict) -> bool:
    """Whether GX would drop a column pair's rows missing a value from the whole batch."""
    return ("column" not in domain_kwargs and PAIR_DROPS.get(domain_kwargs.get("ignore_row_if"))
            is not None and None not in (domain_kwargs.get("column_A"),
                                         domain_kwargs.get("column_B")))


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
