"""Suites as files: GX's results matched back to the suites they came from."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from provenance.check.suites import SuiteFile, in_suite_order


def config(kind: str, **kwargs) -> SimpleNamespace:
    return SimpleNamespace(type=kind, kwargs=kwargs)


def suite(name: str, *configs: SimpleNamespace) -> SuiteFile:
    expectations = [SimpleNamespace(configuration=c) for c in configs]
    return SuiteFile(name, Path(f"{name}.json"), SimpleNamespace(expectations=expectations))


def result(kind: str, **kwargs) -> SimpleNamespace:
    """A GX result: its configuration carries the batch id GX adds."""
    return SimpleNamespace(expectation_config=config(kind, batch_id="b", **kwargs))


SUITES = [
    suite("integrity", config("not_null", column="id"), config("pair", column_A="a")),
    suite("cross", config("agree", column_list=["id"]), config("not_null", column="id")),
]


def test_results_come_back_in_suite_order_with_their_suite():
    gx_order = [result("agree", column_list=["id"]), result("not_null", column="id"),
                result("not_null", column="id"), result("pair", column_A="a")]
    placed = [(name, r.expectation_config.type) for name, r in in_suite_order(SUITES, gx_order)]
    assert placed == [("integrity", "not_null"), ("integrity", "pair"), ("cross", "agree"),
                      ("cross", "not_null")]


def test_a_result_matching_no_expectation_comes_last_without_a_suite():
    gx_order = [result("pair", column_A="changed"), result("agree", column_list=["id"])]
    placed = [(name, r.expectation_config.type) for name, r in in_suite_order(SUITES, gx_order)]
    assert placed == [("cross", "agree"), ("", "pair")]
