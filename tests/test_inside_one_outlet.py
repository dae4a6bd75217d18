"""Disagreements inside one outlet: decided by the analysis, read alike by the report,
``--json``, the headline and the dashboard.

The ledger is the fictional ``levels`` fixture (tests/fixtures/levels) with both its
articles credited to one outlet, The Daily Fictional Gazette (FICTIONAL): its conflict
and its two discrepancies become the outlet contradicting itself.
"""

from __future__ import annotations

import csv
import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.check import run_check
from provenance.check.agreement import find_disagreements, outlet_codes
from provenance.check.discrepancy import discrepancy_pairs, find_discrepancies
from provenance.check.report import headline, render
from provenance.cli import main
from provenance.ledger import load_ledger

LEVELS = Path(__file__).resolve().parent / "fixtures" / "levels"
GAZETTE = "The Daily Fictional Gazette (FICTIONAL)"
DISCREPANT = [["gaz-1", "pst-1"], ["pst-2", "gaz-2"]]  # lower central figure first


def pairs(frame: pd.DataFrame) -> list[list[str]]:
    return sorted(frame[["claim_a", "claim_b"]].to_numpy().tolist())


@pytest.fixture
def one_outlet(tmp_path: Path) -> Path:
    """The levels ledger with the Evening Post's article credited to the Gazette."""
    ledger = tmp_path / "levels"
    shutil.copytree(LEVELS, ledger)
    registry = ledger / "sources" / "sources.csv"
    with registry.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("outlet")
    for row in rows[1:]:
        row[column] = GAZETTE
    with registry.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return ledger


@pytest.fixture
def checked(one_outlet: Path):
    return run_check(load_ledger(one_outlet))


@pytest.mark.parametrize(("outlets", "codes"), [
    ({"a": GAZETTE, "b": GAZETTE}, [0, 0]),
    ({"a": GAZETTE, "b": f"  {GAZETTE} "}, [0, 0]),
    ({"a": GAZETTE, "b": "Fictional Evening Post (FICTIONAL)"}, [0, 1]),
    ({"a": "", "b": ""}, [0, 1]),
    ({"a": "b", "b": ""}, [0, 1]),  # an outlet named like another source's id is still apart
    ({}, [0, 1]),
])
def test_sources_share_a_code_exactly_when_they_name_one_outlet(outlets, codes):
    assert outlet_codes(pd.Series(["a", "b"]), outlets).tolist() == codes


def interval_frame(outlets: list[int]) -> pd.DataFrame:
    return pd.DataFrame({
        "claim_id": ["c1", "c2", "c3"], "source_id": ["a", "b", "c"],
        "fact_key": ["troops"] * 3, "lo": [6_000.0, 13_500.0, 14_500.0],
        "hi": [14_000.0, 14_500.0, 15_500.0], "centre": [10_000.0, 14_000.0, 15_000.0],
        "outlet": outlets})


@pytest.mark.parametrize(("outlets", "cross", "internal"), [
    ([0, 1, 2], [["c1", "c3"]], []),
    ([0, 1, 0], [], [["c1", "c3"]]),
])
def test_a_conflict_of_one_outlet_s_two_articles_is_internal(outlets, cross, internal):
    found = find_disagreements(interval_frame(outlets))
    assert (pairs(found.pairs), pairs(found.internal)) == (cross, internal)


@pytest.mark.parametrize(("outlets", "cross", "internal"), [
    ([0, 1, 2], [["c1", "c2"]], []),
    ([0, 0, 2], [], [["c1", "c2"]]),
])
def test_a_discrepancy_of_one_outlet_is_internal_and_listed(outlets, cross, internal):
    found = discrepancy_pairs(find_discrepancies(interval_frame(outlets), 0.2))
    assert (pairs(found.pairs), pairs(found.internal)) == (cross, internal)
    assert int(found.counts["internal_pairs"].sum()) == len(internal)


def test_a_discrepancy_inside_one_source_is_listed_without_an_outlet_column():
    frame = interval_frame([0, 0, 0]).drop(columns="outlet").assign(source_id="a")
    found = discrepancy_pairs(find_discrepancies(frame, 0.2))
    assert found.pairs.empty
    assert pairs(found.internal) == [["c1", "c2"]]


def test_the_check_lists_the_outlet_s_pairs_as_internal_only(checked):
    assert checked.conflicts.empty and checked.discrepancies.empty
    assert pairs(checked.internal) == [["gaz-3", "pst-3"]]
    assert pairs(checked.internal_discrepancies) == sorted(DISCREPANT)
    assert set(checked.internal_discrepancies["kind"]) == {"quantity"}


def test_gx_does_not_count_pairs_inside_one_outlet(checked):
    flagged = {o.expectation.split("(")[0]: o.unexpected for o in checked.results
               if "across_sources" in o.expectation}
    assert flagged["expect_quantity_claims_to_agree_across_sources"] == []
    assert flagged["expect_numeric_claims_to_be_close_across_sources"] == []


def test_the_headline_names_what_lies_inside_one_outlet(checked):
    assert headline(checked) == (
        "No conflicts or discrepancies across 1 outlet and 0 shared facts; "
        "1 disagreement and 2 discrepancies inside one outlet")


def test_the_report_lists_internal_discrepancies_beside_internal_conflicts(checked):
    report = render(checked)
    inside = report.index("Disagreements inside one outlet")
    discrepancies = report.index("Discrepancies inside one outlet")
    assert inside < discrepancies
    assert "reservists.called (quantity): 1 pair that cannot both hold" in report[inside:]
    assert ("garrison.troops (quantity): 1 pair far apart, among 2 claims"
            in report[discrepancies:])
    assert "overlap, but the central figures differ by 40%" in report[discrepancies:]
    assert "Conflicts:" not in report and "Discrepancies: the intervals" not in report


def test_json_gives_internal_discrepancies_their_own_field(one_outlet, capsys):
    main(["check", "--ledger", str(one_outlet), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["conflicts"] == [] and data["discrepancies"] == []
    assert [p["claims"] for p in data["internal"]] == [["gaz-3", "pst-3"]]
    assert sorted(p["claims"] for p in data["internal_discrepancies"]) == sorted(DISCREPANT)
    assert data["headline"].endswith("1 disagreement and 2 discrepancies inside one outlet")


def test_apart_outlets_keep_their_conflict_and_discrepancies():
    result = run_check(load_ledger(LEVELS))
    assert pairs(result.conflicts) == [["gaz-3", "pst-3"]]
    assert pairs(result.discrepancies) == sorted(DISCREPANT)
    assert result.internal.empty and result.internal_discrepancies.empty
    assert "inside one outlet" not in headline(result)


def test_the_dashboard_shows_the_check_s_pairs_inside_one_outlet(one_outlet, checked):
    from provenance.widgets import Dashboard

    board = Dashboard(load_ledger(one_outlet), checked)
    assert board.panels.conflicts.empty and board.panels.discrepancies.empty
    assert pairs(board.panels.internal) == sorted([["gaz-3", "pst-3"], *DISCREPANT])
    assert len(board.internal_box.children) == 3
    text = board._repr_mimebundle_()["text/plain"]
    assert "inside one outlet garrison.troops: gaz-1" in text


def test_outlet_codes_leave_a_missing_source_apart():
    codes = outlet_codes(pd.Series(pd.Categorical(["a", None, "a"])), {"a": GAZETTE})
    assert codes.tolist() == [0, -1, 0]
    assert codes.dtype == np.int64


ROWS = st.lists(st.tuples(st.sampled_from("kl"), st.sampled_from("abcd"),
                          st.integers(1, 30), st.integers(0, 12), st.integers(0, 12)),
                max_size=16)
OUTLET_OF = {"a": 0, "b": 0, "c": 1, "d": 2}  # sources a and b are one outlet's articles


def outlet_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"claim_id": f"c{i}", "source_id": s, "fact_key": k, "centre": float(c),
          "lo": float(c - down), "hi": float(c + up), "outlet": OUTLET_OF[s]}
         for i, (k, s, c, down, up) in enumerate(rows)],
        columns=["claim_id", "source_id", "fact_key", "centre", "lo", "hi", "outlet"])


def split_by_outlet(frame: pd.DataFrame, found: set[tuple[int, int]]) -> tuple[set, set]:
    """Claim-id pairs of ``found`` (row positions): (different outlets, one outlet)."""
    outlet, ids = frame["outlet"].tolist(), frame["claim_id"].tolist()
    cross = {(ids[a], ids[b]) for a, b in found if outlet[a] != outlet[b]}
    return cross, {(ids[a], ids[b]) for a, b in found} - cross


def pair_set(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["claim_a"], frame["claim_b"], strict=True))


@settings(max_examples=80, deadline=None)
@given(ROWS)
def test_conflicts_split_by_outlet_exactly_as_brute_force(rows):
    frame = outlet_frame(rows)
    disjoint = {(i, j) for i, j in itertools.permutations(range(len(frame)), 2)
                if frame.fact_key[i] == frame.fact_key[j] and frame.lo[j] > frame.hi[i]}
    found = find_disagreements(frame)
    assert (pair_set(found.pairs), pair_set(found.internal)) == split_by_outlet(frame, disjoint)


@settings(max_examples=80, deadline=None)
@given(ROWS, st.sampled_from([0.0, 0.2, 0.5]))
def test_discrepancies_split_by_outlet_exactly_as_brute_force(rows, gap):
    frame = outlet_frame(rows)
    c, lo, hi = frame.centre, frame.lo, frame.hi
    differing = {(i, j) for i, j in itertools.permutations(range(len(frame)), 2)
                 if frame.fact_key[i] == frame.fact_key[j] and c[j] > c[i] * (1 + gap)
                 and lo[j] <= hi[i] and lo[i] <= hi[j]}
    found = discrepancy_pairs(find_discrepancies(frame, gap))
    assert (pair_set(found.pairs), pair_set(found.internal)) == split_by_outlet(frame,
                                                                                differing)
