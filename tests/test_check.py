"""`run_check` on the fictional four-outlet ledger in tests/fixtures/outlets."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.check import CONFLICT_COLUMNS, load_for_check, run_check
from provenance.check.engines.pandas.chunked import arrow_cells
from provenance.check.report import render
from provenance.check.suites import DEFAULTS_DIR
from provenance.ledger import load_ledger

OUTLETS = Path(__file__).resolve().parent / "fixtures" / "outlets"


@pytest.fixture(scope="module")
def result():
    return run_check(load_ledger(OUTLETS))


@pytest.fixture
def outlets(tmp_path: Path) -> Path:
    target = tmp_path / "outlets"
    shutil.copytree(OUTLETS, target)
    return target


def pairs(frame) -> set[frozenset]:
    return {frozenset(p) for p in zip(frame["claim_a"], frame["claim_b"], strict=True)}


def tuned(ledger: Path, expectation: str, **kwargs) -> None:
    """Give the ledger its own cross-outlet suite with ``kwargs`` set on one expectation."""
    suite = json.loads((DEFAULTS_DIR / "cross_outlet_consistency.json").read_text())
    for item in suite["expectations"]:
        if item["type"] == expectation:
            item["kwargs"].update(kwargs)
    (ledger / "expectations").mkdir()
    (ledger / "expectations" / "cross_outlet_consistency.json").write_text(json.dumps(suite))


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("wir-1", "lan-1", "12,000 troops vs nearly 50,000"),
        ("wir-1", "cou-1", "12,000 troops vs an estimated 50,000"),
        ("wir-2", "cou-2", "90 miles vs 300 km (units converted)"),
        ("wir-2", "lan-2", "90 miles vs about 190 miles"),
        ("lan-4", "cou-4", "two months vs less than a month (durations)"),
        ("lan-5", "wir-5", "Sunday in a Monday article vs Sunday a week later"),
        ("cou-5", "wir-5", "Nov. 17 vs Sunday resolved to Nov. 24"),
    ],
)
def test_true_conflicts_are_flagged(result, a, b, why):
    assert frozenset({a, b}) in pairs(result.conflicts), why


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("lan-1", "cou-1", "nearly 50,000 vs an estimated 50,000"),
        ("lan-2", "cou-2", "about 190 miles vs 300 km"),
        ("lan-3", "cou-3", "some 10,000 vs more than 10,000"),
        ("lan-5", "cou-5", "Sunday in a Monday article vs Nov. 17"),
    ],
)
def test_hedge_compatible_pairs_are_not_flagged(result, a, b, why):
    assert frozenset({a, b}) not in pairs(result.conflicts), why


def test_exactly_the_expected_conflicts_each_listed_once(result):
    assert len(result.conflicts) == len(pairs(result.conflicts)) == 7
    assert list(result.conflicts.columns) == CONFLICT_COLUMNS


def test_disagreement_inside_one_source_is_internal_not_a_conflict(result):
    assert pairs(result.internal) == {frozenset({"cou-6", "cou-7"})}
    assert "minister.age" not in set(result.conflicts["fact_key"])


def test_counts_per_fact_key(result):
    counts = result.counts.set_index("fact_key")
    assert counts.loc["border.troops", "cross_pairs"] == 2
    assert counts.loc["minister.age", "internal_pairs"] == 1


def test_message_names_outlets_dates_quotes_and_values(result):
    row = result.conflicts[result.conflicts["fact_key"] == "minister.time_left"].iloc[0]
    assert row["message"] == (
        'Harbor Courier (fictional) (Sun 17 Nov 2024) "less than a month left in office"'
        " (up to 31 days (one month)) vs The Daily Lantern (fictional) (Mon 18 Nov 2024)"
        ' "two months left in office" (61 days (two months)): no overlap'
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=4), min_size=1, max_size=30), st.integers(1, 7), st.data())
def test_message_cells_are_the_rows_asked_for_from_any_arrow_chunks(cells, chunk, data):
    flat = pa.array(cells, type=pa.large_string())
    column = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(
        [flat[at : at + chunk] for at in range(0, len(flat), chunk)], type=flat.type)))
    rows = sorted(data.draw(st.sets(st.integers(0, len(cells) - 1))))
    assert arrow_cells(column, np.array(rows, dtype=np.int64)) == [cells[r] for r in rows]


def outcome(result, expectation):
    return next(o for o in result.results if o.expectation == expectation)


def test_claim_about_the_past_after_its_publication_is_an_error(result):
    past = outcome(result, "expect_past_dates_to_precede_publication")
    assert (past.success, past.unexpected, past.severity) == (False, ["nor-1"], "critical")


def test_relative_date_against_inferred_publication_is_a_warning(result):
    known = outcome(result, "expect_relative_dates_to_have_known_publication")
    assert (known.success, known.severity) == (False, "warning")
    assert "nor-1" in known.unexpected


def test_warnings_alone_do_not_fail_the_check(outlets):
    tuned(outlets, "expect_past_dates_to_precede_publication", grace_days=30)
    result = run_check(load_ledger(outlets), ["ledger_integrity", "cross_outlet_consistency"])
    assert not outcome(result, "expect_relative_dates_to_have_known_publication").success
    assert outcome(result, "expect_past_dates_to_precede_publication").success
    assert result.success is False  # the conflicts still fail it
    assert run_check(load_ledger(outlets), ["ledger_integrity"]).success is True


def test_json_has_the_documented_shape(result):
    data = json.loads(json.dumps(result.to_json()))
    assert {"success", "conflicts", "internal", "results"} <= set(data)
    first = data["conflicts"][0]
    assert set(first) == {"fact_key", "kind", "claims", "sources", "message"}
    assert {"expectation", "success", "unexpected"} <= set(data["results"][0])


def test_quote_spanning_a_newline_keeps_span_integrity(result):
    spans = outcome(result, "expect_claim_spans_to_match_source_text")
    assert spans.success


def test_changed_source_file_fails_span_integrity(outlets):
    path = outlets / "sources" / "wire.txt"
    path.write_text(path.read_text().replace("12,000", "13,000"))
    result = run_check(load_ledger(outlets, strict=False), ["ledger_integrity"])
    spans = outcome(result, "expect_claim_spans_to_match_source_text")
    assert not spans.success
    assert set(spans.unexpected) == {"wir-1", "wir-2", "wir-5", "wir-6"}


def test_min_overlap_kwarg_makes_compatible_hedges_conflict(outlets):
    tuned(outlets, "expect_quantity_claims_to_agree_across_sources", min_overlap=0.5)
    result = run_check(load_ledger(outlets))
    assert frozenset({"lan-1", "cou-1"}) in pairs(result.conflicts)


def test_date_slack_kwarg_lets_a_week_apart_pass(outlets):
    tuned(outlets, "expect_date_claims_to_agree_across_sources", min_overlap_days=-7)
    result = run_check(load_ledger(outlets))
    assert "border.gathering.date" not in set(result.conflicts["fact_key"])
    assert outcome(result, "expect_date_claims_to_agree_across_sources").success


def test_report_groups_conflicts_per_fact_key(result):
    text = render(result)
    assert text.startswith("7 conflicts and 0 discrepancies across 4 outlets and 5 shared facts")
    assert "border.troops (quantity): 2 pairs that cannot both hold, among 3 claims" in text
    assert text.count("\n  border.troops: ") == 2


def test_listing_is_capped_per_key_but_counts_stay_exact(outlets):
    result = run_check(load_ledger(outlets), limit_per_key=1)
    troops = result.conflicts[result.conflicts["fact_key"] == "border.troops"]
    assert len(troops) == 1
    assert "the 1 clearest (widest gap) shown" in render(result)


def test_quote_only_rows_are_derived_in_memory(outlets):
    claims = outlets / "claims.csv"
    before = claims.read_bytes()
    lines = claims.read_text().splitlines()
    header = lines[0].split(",")
    derived = [header.index(c) for c in ("start", "end", "kind", "qualifier", "value", "low",
                                         "high", "unit")]
    rows = []
    for line in lines[1:]:
        cells = line.split(",")
        if cells[0] in {"wir-2", "cou-2"}:
            cells = [("" if i in derived else c) for i, c in enumerate(cells)]
        rows.append(",".join(cells))
    claims.write_text("\n".join([lines[0], *rows]) + "\n")
    edited = claims.read_bytes()
    result = run_check(load_ledger(outlets))
    assert frozenset({"wir-2", "cou-2"}) in pairs(result.conflicts)
    assert claims.read_bytes() == edited != before


def test_data_docs_page_covers_every_suite_of_the_run(result, tmp_path):
    from provenance.check.engines.data_docs import write_data_docs

    paths = write_data_docs(result, tmp_path / "docs")
    page = "cross_outlet_consistency+ledger_integrity.html"
    assert [p.name for p in paths] == ["index.html", page]
    assert "expect_quantity_claims_to_agree_across_sources" in paths[1].read_text()
    assert "values must be unique" in paths[1].read_text()
    assert f'href="{page}"' in paths[0].read_text()


def test_results_keep_the_suite_each_expectation_came_from(result):
    suites = {o.expectation: o.suite for o in result.results}
    assert suites["expect_claim_spans_to_match_source_text"] == "ledger_integrity"
    assert suites["expect_date_claims_to_agree_across_sources"] == "cross_outlet_consistency"


def test_claims_without_a_fact_key_are_never_compared(outlets):
    ledger = load_ledger(outlets)
    rows = ledger.claims.set_index("claim_id").loc[["wir-1", "lan-1"]].reset_index()
    rows["claim_id"] = ["x-1", "x-2"]
    rows["fact_key"] = ""
    rows["status"] = "candidate"
    ledger.claims = pd.concat([ledger.claims, rows], ignore_index=True)
    found = run_check(ledger, limit_per_key=None)
    compared = set(found.conflicts["claim_a"]) | set(found.conflicts["claim_b"])
    assert not {"x-1", "x-2"} & compared


def test_each_kind_is_analysed_once_for_gx_and_the_listing(monkeypatch):
    from provenance.check.engines.pandas.expectations import _agreement

    calls, analyse = [], _agreement.analyse

    def counted(frame):
        calls.append(len(frame))
        return analyse(frame)

    monkeypatch.setattr(_agreement, "analyse", counted)
    result = run_check(load_ledger(OUTLETS))
    assert len(calls) == 4  # quantity, duration, date, text
    flagged = {c for o in result.results if "agree" in o.expectation for c in o.unexpected}
    assert flagged == set(result.conflicts[["claim_a", "claim_b"]].to_numpy().ravel())


def test_each_kind_s_intervals_are_made_once_for_its_conflicts_and_discrepancies(monkeypatch):
    """The discrepancy job's rounding settings mean nothing to durations: the duration
    conflict and discrepancy jobs read one interval frame."""
    from provenance.check.engines.pandas.expectations import _agreement

    calls = []

    def counted(kind):
        def made(frame, tuning):
            calls.append(kind)
            return original[kind](frame, tuning)
        return made

    original = dict(_agreement.COMPARISONS)
    for kind in original:
        monkeypatch.setitem(_agreement.COMPARISONS, kind, counted(kind))
    run_check(load_ledger(OUTLETS))
    assert sorted(calls) == ["date", "duration", "quantity", "text"]


def test_a_column_list_missing_a_needed_column_is_that_expectation_s_error(outlets):
    from provenance.check.jobs import AGREEMENT_COLUMNS

    columns = [c for c in AGREEMENT_COLUMNS if c != "unit"]
    tuned(outlets, "expect_quantity_claims_to_agree_across_sources", column_list=columns)
    result = run_check(load_ledger(outlets), ["cross_outlet_consistency"])
    quantity = outcome(result, "expect_quantity_claims_to_agree_across_sources")
    assert not quantity.success and "lacks unit" in quantity.error
    assert set(result.conflicts["kind"]) == {"duration", "date"}


def test_a_second_expectation_of_a_kind_missing_a_column_is_its_own_error(outlets):
    suite = json.loads((DEFAULTS_DIR / "cross_outlet_consistency.json").read_text())
    first = next(item for item in suite["expectations"]
                 if item["type"] == "expect_quantity_claims_to_agree_across_sources")
    lacking = [c for c in first["kwargs"]["column_list"] if c != "unit"]
    suite["expectations"].append({**first, "kwargs": {**first["kwargs"], "column_list": lacking,
                                                      "approx_tolerance": 0.2}})
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / "cross_outlet_consistency.json").write_text(json.dumps(suite))
    done: list = []  # a check waiting on itself would never end: wait for it a minute
    worker = threading.Thread(target=lambda: done.append(run_check(load_ledger(outlets))),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert done, "the check did not finish"
    result = done[0]
    quantity = [o for o in result.results
                if o.expectation.startswith("expect_quantity_claims_to_agree")]
    assert [o.success for o in quantity] == [False, False]
    assert sorted(o.error[:22] for o in quantity) == ["", "column_list lacks unit"]
    assert "quantity" in set(result.conflicts["kind"])


def one_expectation(ledger: Path, kind: str, **kwargs) -> None:
    """Give the ledger a suite of one expectation."""
    suite = {"name": "one", "expectations": [{"type": kind, "kwargs": kwargs}]}
    (ledger / "expectations").mkdir()
    (ledger / "expectations" / "one.json").write_text(json.dumps(suite))


@pytest.mark.parametrize("column", ["kind", "claim_id"])
def test_unexpected_rows_are_named_by_claim_id_whether_or_not_the_suite_reads_it(outlets, column):
    values = ["quantity"] if column == "kind" else ["lan-1", "cou-1"]
    one_expectation(outlets, "expect_column_values_to_be_in_set", column=column,
                    value_set=values)
    claims = pd.read_csv(outlets / "claims.csv", dtype=str)
    listed = claims[~claims[column].isin(values)]["claim_id"].tolist()
    assert run_check(load_ledger(outlets)).results[0].unexpected == listed


def test_a_claim_without_an_id_is_named_by_an_empty_string(outlets):
    path = outlets / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\nwir-1,", "\n,"),
                    encoding="utf-8")
    one_expectation(outlets, "expect_column_values_to_not_be_null", column="claim_id")
    assert run_check(load_for_check(outlets)).results[0].unexpected == [""]


def test_outcomes_keep_their_suite_and_order_when_an_expectation_raises(outlets):
    from provenance.check.jobs import AGREEMENT_COLUMNS

    columns = [c for c in AGREEMENT_COLUMNS if c != "unit"]
    tuned(outlets, "expect_quantity_claims_to_agree_across_sources", column_list=columns)
    shutil.copy(DEFAULTS_DIR / "ledger_integrity.json", outlets / "expectations")
    result = run_check(load_ledger(outlets), ["ledger_integrity", "cross_outlet_consistency"])
    order = [(o.suite, o.expectation.split("(")[0]) for o in result.results]
    suites = [(path.stem, item["type"]) for path in (
        DEFAULTS_DIR / "ledger_integrity.json", DEFAULTS_DIR / "cross_outlet_consistency.json")
        for item in json.loads(path.read_text())["expectations"]]
    assert order == suites


def test_a_ledger_loaded_for_checking_has_the_texts_of_a_loaded_ledger():
    assert dict(load_for_check(OUTLETS).texts) == load_ledger(OUTLETS).texts


SOURCE_DAMAGE = {
    "edited": lambda path: path.write_text(path.read_text().replace("12,000", "13,000")),
    "missing": lambda path: path.unlink(),
    "not UTF-8": lambda path: path.write_bytes(path.read_bytes() + b"\xff"),
}


@pytest.mark.parametrize("damage", SOURCE_DAMAGE.values(), ids=SOURCE_DAMAGE.keys())
def test_loading_for_checking_finds_what_a_loaded_ledger_finds(outlets, damage):
    damage(outlets / "sources" / "wire.txt")
    fast = run_check(load_for_check(outlets), ["ledger_integrity"])
    exact = run_check(load_ledger(outlets, strict=False), ["ledger_integrity"])
    assert fast.results == exact.results
    assert not outcome(fast, "expect_claim_spans_to_match_source_text").success
