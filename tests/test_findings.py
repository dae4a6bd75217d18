"""Two levels of finding and a report in plain words, on the fictional `levels` fixture
(tests/fixtures/levels): conflicts (intervals cannot overlap), discrepancies (they touch,
the figures differ widely), agreement within rounding; the rounding model; human values."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import human
from provenance.check import run_check
from provenance.check.discrepancy import find_discrepancies
from provenance.check.report import render
from provenance.cli import main
from provenance.ledger import load_ledger
from provenance.values.rounding import rounding_half_width

LEVELS = Path(__file__).resolve().parent / "fixtures" / "levels"


@pytest.fixture(scope="module")
def result():
    return run_check(load_ledger(LEVELS))


def pairs(frame: pd.DataFrame) -> set[frozenset]:
    return {frozenset(p) for p in zip(frame["claim_a"], frame["claim_b"], strict=True)}


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("gaz-1", "pst-1", "discrepancy"),  # 10,000 vs 14,000 troops
        ("gaz-2", "pst-2", "discrepancy"),  # 50,000 vs 40,000 soldiers
        ("gaz-3", "pst-3", "conflict"),  # 10,000 vs 15,000 reservists
        ("gaz-4", "pst-4", "agreement"),  # about 190 miles vs 300 km
        ("gaz-5", "pst-5", "agreement"),  # 49,600 vs 50,000 shells (rounding)
    ],
)
def test_each_pair_gets_its_level(result, a, b, level):
    found = {"conflict": pairs(result.conflicts), "discrepancy": pairs(result.discrepancies)}
    assert {name for name, listed in found.items() if frozenset((a, b)) in listed} == (
        set() if level == "agreement" else {level})


def test_headline_counts_findings_outlets_and_shared_facts(result):
    assert render(result).splitlines()[0] == (
        "1 conflict and 2 discrepancies across 2 outlets and 5 shared facts.")


def test_summary_says_what_was_compared(result):
    assert result.summary == {
        "outlets": 2, "shared_facts": 5, "agreed": 2, "conflicting": 1, "discrepant": 2,
        "not_compared": 0, "not_compared_reasons": {}, "not_compared_facts": [],
    }
    assert ("  5 facts reported by two or more outlets: 2 agree, 1 in conflict, "
            "2 with a discrepancy, 0 not compared") in render(result)


def test_discrepancy_message_shows_both_intervals_and_the_gap(result):
    row = result.discrepancies[result.discrepancies["fact_key"] == "garrison.troops"].iloc[0]
    assert row["message"] == (
        'The Daily Fictional Gazette (FICTIONAL) (Mon 4 Mar 2024) "10,000 troops" '
        "(6,000–14,000 troops) vs Fictional Evening Post (FICTIONAL) (Tue 5 Mar 2024) "
        '"14,000 troops" (13,500–14,500 troops): overlap, but the central figures differ by 40%')


def test_conflict_message_shows_both_intervals(result):
    assert result.conflicts["message"].tolist() == [
        'The Daily Fictional Gazette (FICTIONAL) (Mon 4 Mar 2024) "10,000 reservists" '
        "(6,000–14,000 reservists) vs Fictional Evening Post (FICTIONAL) (Tue 5 Mar 2024) "
        '"15,000 reservists" (14,500–15,500 reservists): no overlap']


def test_expectations_read_as_descriptions_and_gx_names_only_when_verbose(result):
    plain, verbose = render(result), render(result, verbose=True)
    line = ("  warning figures of different outlets for one fact are close, not only "
            "overlapping: 4 claims (gaz-1, pst-1, gaz-2, pst-2)")
    assert line in plain.splitlines()
    assert "expect_" not in plain
    assert ("[cross_outlet_consistency] figures of different outlets for one fact are close, "
            "not only overlapping (expect_numeric_claims_to_be_close_across_sources)") in verbose
    assert ("  ok      [ledger_integrity] every claim has its own id "
            "(expect_column_values_to_be_unique(claim_id))") in verbose.splitlines()


def test_headline_never_says_passed_and_failed_together(result):
    first = render(result).splitlines()[0].lower()
    assert "passed" not in first and "failed" not in first


def test_json_adds_headline_discrepancies_summary_and_descriptions(result, capsys):
    assert main(["check", "--ledger", str(LEVELS), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["headline"] == "1 conflict and 2 discrepancies across 2 outlets and 5 shared facts"
    assert {frozenset(d["claims"]) for d in out["discrepancies"]} == {
        frozenset(("gaz-1", "pst-1")), frozenset(("gaz-2", "pst-2"))}
    assert out["summary"]["discrepant"] == 2
    assert out["unchecked"] == []
    closeness = next(r for r in out["results"]
                     if r["expectation"] == "expect_numeric_claims_to_be_close_across_sources")
    assert closeness["severity"] == "warning" and not closeness["success"]
    assert closeness["description"].startswith("figures of different outlets")
    assert [c["claims"] for c in out["conflicts"]] == [["gaz-3", "pst-3"]]  # existing meaning


def test_cli_verbose_names_gx_types(capsys):
    main(["check", "--ledger", str(LEVELS), "--verbose"])
    assert "(expect_quantity_claims_to_agree_across_sources)" in capsys.readouterr().out


def test_discrepancies_warn_without_failing_the_check(tmp_path):
    ledger = tmp_path / "levels"
    shutil.copytree(LEVELS, ledger)
    claims = pd.read_csv(ledger / "claims.csv", dtype=str, keep_default_na=False)
    claims = claims[~claims["claim_id"].isin(["gaz-3", "pst-3"])]  # the only conflict
    claims.to_csv(ledger / "claims.csv", index=False, lineterminator="\n")
    result = run_check(load_ledger(ledger))
    assert result.success and len(result.discrepancies) == 2


def test_unfilled_quote_found_twice_gets_validate_s_message_not_gx_failures(tmp_path):
    ledger = tmp_path / "levels"
    shutil.copytree(LEVELS, ledger)
    with (ledger / "claims.csv").open("a", encoding="utf-8") as f:
        f.write('gaz-9,gazette,garrison.troops,,"10,000"\n')
    result = run_check(load_ledger(ledger))
    assert [f.claim_id for f in result.unchecked] == ["gaz-9"]
    assert "quote '10,000' occurs 2 times in sources/gazette.txt" in result.unchecked[0].message
    assert not any("gaz-9" in o.unexpected for o in result.results)
    assert not result.success


@pytest.mark.parametrize(
    ("figure", "half_width"),
    [(62, 0), (190, 0), (300, 50), (14_000, 500), (40_000, 5_000), (50_000, 5_000),
     (10_000, 4_000), (100, 40), (49_600, 50), (2.5, 0)],
)
def test_rounding_model(figure, half_width):
    assert rounding_half_width(np.array([figure], dtype=float))[0] == half_width


@pytest.mark.parametrize(
    ("lo", "hi", "unit", "kind", "words"),
    [
        (60.875, 60.875, "day", "duration", "about 61 days (two months)"),
        (14, 14, "day", "duration", "14 days (two weeks)"),
        (365.25, 365.25, "day", "duration", "about 365 days (one year)"),
        (171, 209, "mile", "quantity", "171–209 miles"),
        (186.4113, 186.4113, "mile", "quantity", "186 miles"),
        (10_000, np.inf, "reservists", "quantity", "10,000 reservists or more"),
        (-np.inf, 31, "day", "duration", "up to 31 days (one month)"),
        (20_044, 20_045, "", "date", "Sun 17 Nov 2024"),
        (20_044, 20_051, "", "date", "Sun 17 Nov 2024 to Sat 23 Nov 2024"),
        (12.5, 12.5, "percent", "quantity", "12.5 percent"),
    ],
)
def test_human_values(lo, hi, unit, kind, words):
    assert human.interval(lo, hi, unit, kind) == words


def _brute_force(frame: pd.DataFrame, gap: float) -> set[tuple[int, int]]:
    found = set()
    for i, j in itertools.permutations(range(len(frame)), 2):
        a, b = frame.iloc[i], frame.iloc[j]
        if (a.fact_key == b.fact_key and a.centre > 0 and b.centre > a.centre * (1 + gap)
                and b.lo <= a.hi and a.lo <= b.hi):
            found.add((i, j))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("xy"), st.sampled_from("pq"),
                          st.integers(1, 40), st.integers(0, 30), st.integers(0, 30)),
                max_size=14),
       st.sampled_from([0.0, 0.2, 0.5]))
def test_discrepancies_are_exactly_the_brute_force_pairs(rows, gap):
    frame = pd.DataFrame(
        [{"claim_id": f"c{i}", "source_id": s, "fact_key": k, "centre": float(c),
          "lo": float(c - down), "hi": float(c + up)}
         for i, (k, s, c, down, up) in enumerate(rows)],
        columns=["claim_id", "source_id", "fact_key", "centre", "lo", "hi"])
    found = find_discrepancies(frame, gap)
    assert set(zip(found.a.tolist(), found.b.tolist(), strict=True)) == _brute_force(frame, gap)
