"""The custom GX expectations: registered, serialisable, and tuned by their kwargs."""

from __future__ import annotations

import contextvars
import json
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from great_expectations.expectations.registry import get_expectation_impl

import provenance.check.engines.pandas.expectations as px
from provenance.check.engines.gx import load_suite
from provenance.check.engines.pandas.expectations import _agreement
from provenance.check.engines.pandas.validation import get_batch
from provenance.check.intervals import Tuning, quantity_intervals
from provenance.check.suites import DEFAULTS_DIR, suite_json

ROOT = Path(__file__).resolve().parents[1]
CUSTOM = [
    px.ExpectClaimSpansToMatchSourceText,
    px.ExpectQuantityClaimsToAgreeAcrossSources,
    px.ExpectDurationClaimsToAgreeAcrossSources,
    px.ExpectDateClaimsToAgreeAcrossSources,
    px.ExpectPastDatesToPrecedePublication,
    px.ExpectRelativeDatesToHaveKnownPublication,
]
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["claim_id"]}


def unexpected(expectation, frame: pd.DataFrame) -> list[str]:
    """Claim ids GX reports as unexpected when ``expectation`` validates ``frame``."""
    result = get_batch(frame).validate(expectation, result_format=RESULT_FORMAT)
    assert not result.exception_info.get("raised_exception"), result.exception_info
    return sorted(row["claim_id"] for row in result.result["unexpected_index_list"])


def quantities(*rows) -> pd.DataFrame:
    """Batch rows (claim_id, source_id, fact_key, qualifier, value, low, high, unit)."""
    frame = pd.DataFrame(rows, columns=["claim_id", "source_id", "fact_key", "qualifier",
                                        "value", "low", "high", "unit"])
    return frame.assign(kind="quantity", status="confirmed")


@pytest.mark.parametrize("cls", CUSTOM)
def test_each_custom_expectation_is_registered_by_its_snake_case_name(cls):
    name = cls().expectation_type
    assert name.startswith("expect_") and get_expectation_impl(name) is cls


@pytest.mark.parametrize("name", ["ledger_integrity", "cross_outlet_consistency"])
def test_bundled_suites_load_round_trip_and_match_the_repository_copies(name):
    path = DEFAULTS_DIR / f"{name}.json"
    suite = load_suite(path).suite
    again = load_suite(path).suite.__class__(**json.loads(suite_json(suite)))
    assert again == suite
    assert (ROOT / "expectations" / f"{name}.json").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("cls", CUSTOM)
def test_every_kwarg_is_spelled_out_in_the_bundled_suites(cls):
    texts = " ".join(p.read_text() for p in DEFAULTS_DIR.glob("*.json"))
    for key in cls.success_keys:
        if key != "mostly":
            assert f'"{key}"' in texts, key


def test_rounding_precision_decides_whether_round_figures_agree():
    frame = quantities(("a", "x", "k", "exact", 50000, 50000, 50000, "troops"),
                       ("b", "y", "k", "exact", 47000, 47000, 47000, "troops"))
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame) == []
    strict = px.ExpectQuantityClaimsToAgreeAcrossSources(rounding_precision=0.0)
    assert unexpected(strict, frame) == ["a", "b"]


def test_approx_tolerance_is_re_derived_from_value_and_qualifier():
    frame = quantities(("a", "x", "k", "approx", 100, 90, 110, "percent"),
                       ("b", "y", "k", "exact", 118, 118, 118, "percent"))
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame) == ["a", "b"]
    loose = px.ExpectQuantityClaimsToAgreeAcrossSources(approx_tolerance=0.2)
    assert unexpected(loose, frame) == []


def test_units_are_converted_before_comparing():
    frame = quantities(("a", "x", "k", "exact", 1, 1, 1, "mile"),
                       ("b", "y", "k", "exact", 1.609344, 1.609344, 1.609344, "kilometer"),
                       ("c", "z", "k", "exact", 1, 1, 1, "kilometer"))
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame) == ["a", "b", "c"]
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame.iloc[:2]) == []


def test_figures_in_units_of_different_dimensions_are_compared_per_unit():
    frame = quantities(("a", "x", "k", "exact", 10, 10, 10, "mile"),
                       ("b", "y", "k", "exact", 5000, 5000, 5000, "troops"),
                       ("c", "z", "k", "exact", 20, 20, 20, "mile"))
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame) == ["a", "c"]


def test_figures_in_units_of_different_dimensions_are_listed_under_the_key_and_unit():
    frame = quantities(("a", "x", "k", "exact", 10, 10, 10, "mile"),
                       ("b", "y", "k", "exact", 5000, 5000, 5000, "troops"))
    assert sorted(quantity_intervals(frame, Tuning())["fact_key"]) == ["k [count]", "k [meter]"]


def test_claims_of_one_source_never_fail_agreement():
    frame = quantities(("a", "x", "k", "exact", 1, 1, 1, "troops"),
                       ("b", "x", "k", "exact", 9, 9, 9, "troops"))
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame) == []


def test_rejected_claims_are_left_out_unless_statuses_say_otherwise():
    frame = quantities(("a", "x", "k", "exact", 1, 1, 1, "troops"),
                       ("b", "y", "k", "exact", 9, 9, 9, "troops"))
    frame.loc[1, "status"] = "rejected"
    assert unexpected(px.ExpectQuantityClaimsToAgreeAcrossSources(), frame) == []
    everything = px.ExpectQuantityClaimsToAgreeAcrossSources(statuses=["confirmed", "rejected"])
    assert unexpected(everything, frame) == ["a", "b"]


def durations(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["claim_id", "source_id", "qualifier", "value", "low",
                                        "high"])
    return frame.assign(fact_key="k", kind="duration", status="confirmed", unit="day")


def test_min_overlap_days_on_durations():
    frame = durations(("a", "x", "range", np.nan, 10, 20), ("b", "y", "range", np.nan, 18, 30))
    assert unexpected(px.ExpectDurationClaimsToAgreeAcrossSources(), frame) == []
    demanding = px.ExpectDurationClaimsToAgreeAcrossSources(min_overlap_days=5)
    assert unexpected(demanding, frame) == ["a", "b"]


def dates(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["claim_id", "source_id", "date_low", "date_high"])
    for column in ("date_low", "date_high"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    return frame.assign(fact_key="k", kind="date", status="confirmed")


@pytest.mark.parametrize(
    ("second", "min_overlap_days", "expected"),
    [
        (("2024-11-17", "2024-11-17"), 1, []),
        (("2024-11-18", "2024-11-18"), 1, ["a", "b"]),
        (("2024-11-18", "2024-11-18"), 0, []),
        (("2024-11-11", "2024-11-17"), 1, []),
        (("2024-11-20", "2024-11-20"), -3, []),
    ],
)
def test_dates_must_share_a_day(second, min_overlap_days, expected):
    frame = dates(("a", "x", "2024-11-17", "2024-11-17"), ("b", "y", *second))
    expectation = px.ExpectDateClaimsToAgreeAcrossSources(min_overlap_days=min_overlap_days)
    assert unexpected(expectation, frame) == expected


def past(quote: str, resolved: str, published: str = "2024-11-18") -> pd.DataFrame:
    frame = pd.DataFrame({"claim_id": ["a"], "kind": ["date"], "status": ["confirmed"],
                          "date_quote": [quote]})
    frame["date_low"] = pd.to_datetime([resolved]).astype("datetime64[s]")
    frame["published"] = pd.to_datetime([published]).astype("datetime64[s]")
    return frame


@pytest.mark.parametrize(
    ("quote", "resolved", "kwargs", "expected"),
    [
        ("on Sunday", "2024-11-17", {}, []),
        ("on Sunday", "2024-11-24", {}, ["a"]),
        ("will meet on Sunday", "2024-11-24", {}, []),
        ("on Sunday", "2024-11-24", {"grace_days": 7}, []),
        ("will meet on Sunday", "2024-11-24", {"future_markers": []}, ["a"]),
    ],
)
def test_past_dates_precede_publication(quote, resolved, kwargs, expected):
    expectation = px.ExpectPastDatesToPrecedePublication(**kwargs)
    assert unexpected(expectation, past(quote, resolved)) == expected


@pytest.mark.parametrize(
    ("quote", "published", "inferred", "expected"),
    [
        ("on Sunday", "2024-11-18", False, []),
        ("on Sunday", "2024-11-18", True, ["a"]),
        ("on Sunday", None, False, ["a"]),
        ("on Nov. 17, 2024", None, True, []),
    ],
)
def test_relative_dates_need_a_printed_publication_date(quote, published, inferred, expected):
    frame = pd.DataFrame({"claim_id": ["a"], "kind": ["date"], "status": ["confirmed"],
                          "date_quote": [quote], "published_inferred": [inferred]})
    frame["published"] = pd.to_datetime([published]).astype("datetime64[s]")
    assert unexpected(px.ExpectRelativeDatesToHaveKnownPublication(), frame) == expected


def test_span_integrity_checks_text_and_optionally_the_hash():
    frame = pd.DataFrame({"claim_id": ["a", "b", "c"], "span_matches": [True, False, True],
                          "source_sha_ok": [True, True, False]})
    assert unexpected(px.ExpectClaimSpansToMatchSourceText(), frame) == ["b", "c"]
    no_hash = px.ExpectClaimSpansToMatchSourceText(check_sha256=False)
    assert unexpected(no_hash, frame) == ["b"]


AGREEING = quantities(("a", "s1", "k", "exact", 10, 10, 10, "troops"),
                      ("b", "s2", "k", "exact", 90, 90, 90, "troops"))


def test_a_shared_analysis_still_queued_is_computed_by_the_thread_asking_for_it(monkeypatch):
    release, computed = threading.Event(), []
    real = _agreement._analysed
    holding = ["duration", "date"][:_agreement.WORKERS]  # the first jobs hold every worker

    def analysed(frame, kind, tuning):
        if kind in holding:
            assert release.wait(10)
        computed.append((kind, threading.current_thread() is threading.main_thread()))
        return real(frame, kind, tuning)

    monkeypatch.setattr(_agreement, "_analysed", analysed)
    jobs = [(AGREEING, kind, Tuning()) for kind in [*holding, "quantity"]]
    with _agreement.shared_analyses(jobs):
        found = _agreement.analysis(AGREEING, "quantity", Tuning())
        release.set()
        assert _agreement.analysis(AGREEING, "duration", Tuning()) is not None
    assert found.partners.tolist() == [1, 1]
    assert computed[0] == ("quantity", True)
    assert sorted(computed[1:]) == sorted((kind, False) for kind in holding)


def _held_quantities(monkeypatch) -> tuple[threading.Event, threading.Event, dict]:
    """``_analysed`` spied on: the thread analysing each kind, quantities held until
    released (the first event is set once they have begun)."""
    begun, release, threads = threading.Event(), threading.Event(), {}
    real = _agreement._analysed

    def analysed(frame, kind, tuning):
        threads[kind] = threading.current_thread()
        if kind == "quantity":
            begun.set()
            assert release.wait(10)
        return real(frame, kind, tuning)

    monkeypatch.setattr(_agreement, "_analysed", analysed)
    return begun, release, threads


HELD_JOBS = [(AGREEING, "quantity", Tuning()), (AGREEING, "duration", Tuning())]


def test_a_job_not_begun_is_analysed_by_its_caller_while_a_long_one_runs(monkeypatch):
    """A long job (quantities) does not hold up the others: the block's worker runs it,
    and a thread asking for a job still queued behind it analyses that job itself."""
    begun, release, threads = _held_quantities(monkeypatch)
    with _agreement.shared_analyses(HELD_JOBS):
        assert begun.wait(10)
        assert _agreement.analysis(AGREEING, "duration", Tuning()) is not None
        release.set()
        assert _agreement.analysis(AGREEING, "quantity", Tuning()).partners.tolist() == [1, 1]
    assert threads["duration"] is threading.current_thread()
    assert threads["quantity"] is not threading.current_thread()


def test_jobs_come_in_the_order_their_analyses_are_done(monkeypatch):
    """The listing takes each kind as soon as its analysis is done: a job queued behind a
    long one comes first (analysed by the caller), the long one once it ends."""
    begun, release, _ = _held_quantities(monkeypatch)
    named = {kind: job for job in HELD_JOBS for kind in [job[1]]}
    seen = []
    with _agreement.shared_analyses(HELD_JOBS):
        assert begun.wait(10)
        for kind in _agreement.in_completion_order(named):
            seen.append(kind)
            _agreement.analysis(*named[kind])
            release.set()
    assert seen == ["duration", "quantity"]


def test_intervals_being_made_are_waited_for_by_the_other_analysis_of_their_kind(monkeypatch):
    """The conflict and the discrepancy analyses of quantities, asked for at once, read one
    interval frame, made once."""
    entered, release, calls = threading.Event(), threading.Event(), []
    made = _agreement.COMPARISONS["quantity"]

    def slow(frame, tuning):
        calls.append("quantity")
        entered.set()
        assert release.wait(10)
        return made(frame, tuning)

    monkeypatch.setitem(_agreement.COMPARISONS, "quantity", slow)
    with _agreement.shared_analyses(), ThreadPoolExecutor(max_workers=2) as pool:
        def ask(kind: str) -> Future:
            return pool.submit(contextvars.copy_context().run, _agreement.analysis, AGREEING,
                               kind, Tuning())

        conflicts = ask("quantity")
        assert entered.wait(10)
        discrepancies = ask("quantity:close")
        release.set()
        assert conflicts.result(timeout=10).frame.equals(discrepancies.result(timeout=10).frame)
    assert calls == ["quantity"]


def test_a_shared_analysis_being_computed_is_waited_for_not_computed_again(monkeypatch):
    entered, release, calls = threading.Event(), threading.Event(), []
    real = _agreement._analysed

    def analysed(frame, kind, tuning):
        calls.append(kind)
        entered.set()
        assert release.wait(10)
        return real(frame, kind, tuning)

    monkeypatch.setattr(_agreement, "_analysed", analysed)
    with _agreement.shared_analyses(), ThreadPoolExecutor(max_workers=2) as pool:
        def ask() -> Future:
            return pool.submit(contextvars.copy_context().run, _agreement.analysis, AGREEING,
                               "quantity", Tuning())

        first = ask()
        assert entered.wait(10)
        second = ask()
        release.set()
        assert first.result(timeout=10) is second.result(timeout=10)
    assert calls == ["quantity"]


def test_a_shared_analysis_that_fails_fails_for_every_caller():
    lacking = AGREEING.drop(columns="unit")
    with _agreement.shared_analyses():
        for _ in range(2):
            with pytest.raises(ValueError, match="column_list lacks unit"):
                _agreement.analysis(lacking, "quantity", Tuning())
