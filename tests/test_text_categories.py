"""Text claims join the check: a person-chosen ``category`` compared across outlets.

The fictional ledger ``tests/fixtures/categories`` (The Daily Fictional and The
Fictional Gazette, both invented) has one categorical conflict (two allies "quickly
followed suit" = allowed vs "remain restricted" = restricted), agreements that differ
only by case and spacing, a disagreement inside one outlet and a candidate left out.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from great_expectations.expectations.registry import get_expectation_impl

import provenance.check.engines.pandas.expectations as px
from provenance.check import run_check
from provenance.check.agreement import disagreements
from provenance.check.categories import category_codes, normalise
from provenance.check.engines.pandas.expectations._agreement import analysis
from provenance.check.engines.pandas.validation import get_batch
from provenance.check.intervals import Tuning
from provenance.check.jobs import AGREEMENT
from provenance.cli import main
from provenance.errors import UsageError
from provenance.fill import add_claim
from provenance.ledger import load_ledger
from provenance.rules import MAX_CATEGORY
from provenance.validate import check_claims
from provenance.widgets import ClaimEditor
from tests.conftest import FIXTURES, ROOT, snapshot

CATEGORIES = FIXTURES / "categories"
OUTLETS = FIXTURES / "outlets"
DAILY = 'The Daily Fictional (FICTIONAL) (Mon 18 Nov 2024)'
GAZETTE = 'The Fictional Gazette (FICTIONAL) (Mon 18 Nov 2024)'
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["claim_id"]}


@pytest.fixture
def categories(tmp_path: Path) -> Path:
    target = tmp_path / "categories"
    shutil.copytree(CATEGORIES, target)
    return target


@pytest.fixture
def outlets(tmp_path: Path) -> Path:
    """A ledger whose claims.csv has no ``category`` column."""
    target = tmp_path / "outlets"
    shutil.copytree(OUTLETS, target)
    return target


@pytest.fixture(scope="module")
def checked():
    return run_check(load_ledger(CATEGORIES))


# --- normalisation -------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "compared"), [
    ("allowed", "allowed"),
    ("Allowed", "allowed"),
    ("North Korea", "north korea"),
    ("  NORTH\tKorea ", "north korea"),
    ("north  korea", "north korea"),
    ("Kursk\u00a0region", "kursk region"),  # a no-break space is white space
    ("Straße", "strasse"),  # casefold, not lower
    ("", ""),
    ("   ", ""),
])
def test_categories_compare_casefolded_with_white_space_collapsed(typed, compared):
    assert normalise(typed) == compared


def test_category_codes_are_one_per_normalised_category_and_minus_one_for_none():
    column = pd.Series(["Allowed", "restricted", " allowed", None, "", "  ", "RESTRICTED"])
    codes = category_codes(column)
    assert codes[0] == codes[2] and codes[1] == codes[6] and codes[0] != codes[1]
    assert list(codes[3:6]) == [-1, -1, -1]


# --- validate ------------------------------------------------------------------------

def findings_of(folder: Path, claim_id: str, **cells: str) -> list[tuple[str, str]]:
    """(slug, severity) of ``validate``'s findings for one claim after setting ``cells``."""
    ledger = load_ledger(folder)
    row = ledger.claims.index[ledger.claims["claim_id"] == claim_id][0]
    for column, cell in cells.items():
        ledger.claims.at[row, column] = cell
    return [(f.slug, f.severity) for f in check_claims(ledger) if f.claim_id == claim_id]


@pytest.mark.parametrize(("category", "expected"), [
    ("allowed", []),
    ("North Korea", []),
    ("x" * MAX_CATEGORY, []),
    (f"  {'x' * MAX_CATEGORY}  ", []),  # spaces around it do not count
    ("x" * (MAX_CATEGORY + 1), [("bad-category", "error")]),
    ("allowed\nfor now", [("bad-category", "error")]),
    ("allowed\r", [("bad-category", "error")]),
    ("allowed\x07", [("bad-category", "error")]),
    ("allowed\u2028for now", [("bad-category", "error")]),
    ("allowed\x85", [("bad-category", "error")]),
])
def test_a_category_is_a_short_single_line_value(categories, category, expected):
    assert findings_of(categories, "dly-1", category=category) == expected


@pytest.mark.parametrize("kind", ["quantity", "duration", "date"])
def test_a_category_on_a_claim_that_is_not_text_is_a_warning(categories, kind):
    found = findings_of(categories, "dly-1", kind=kind, qualifier="exact")
    assert ("category-not-text", "warning") in found
    assert all(severity == "warning" for _, severity in found)


def test_the_fixture_and_the_bundled_ledger_validate(capsys):
    assert main(["validate", "--ledger", str(CATEGORIES)]) == 0
    assert main(["validate", "--ledger", str(ROOT)]) == 0
    capsys.readouterr()


# --- the expectation -----------------------------------------------------------------

def texts(*rows) -> pd.DataFrame:
    """Batch rows (claim_id, source_id, fact_key, category[, status[, kind]]); status
    ``confirmed`` and kind ``text`` unless given."""
    defaults = ("confirmed", "text")
    full = [(*row, *defaults[len(row) - 4:]) for row in rows]
    return pd.DataFrame(full, columns=["claim_id", "source_id", "fact_key", "category",
                                       "status", "kind"])


def unexpected(frame: pd.DataFrame, **kwargs) -> list[str]:
    expectation = px.ExpectTextClaimsToAgreeAcrossSources(**kwargs)
    result = get_batch(frame).validate(expectation, result_format=RESULT_FORMAT)
    assert not result.exception_info.get("raised_exception"), result.exception_info
    return sorted(row["claim_id"] for row in result.result["unexpected_index_list"])


def test_the_expectation_is_registered_by_its_snake_case_name():
    name = "expect_text_claims_to_agree_across_sources"
    assert get_expectation_impl(name) is px.ExpectTextClaimsToAgreeAcrossSources
    assert AGREEMENT[name] == "text"


@pytest.mark.parametrize(("rows", "kwargs", "expected"), [
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "restricted")], {}, ["a", "b"],
                 id="different categories of two outlets"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "allowed")], {}, [],
                 id="same category"),
    pytest.param([("a", "x", "k", "North Korea"), ("b", "y", "k", " north  KOREA ")], {}, [],
                 id="case and spacing ignored"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "x", "k", "restricted")], {}, [],
                 id="one outlet disagreeing with itself: internal, not a conflict"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "j", "restricted")], {}, [],
                 id="different fact keys"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "")], {}, [],
                 id="a claim without a category is not compared"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", None)], {}, [],
                 id="a missing category is not compared"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "restricted", "candidate")], {},
                 [], id="a candidate is not compared"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "restricted", "rejected")], {},
                 [], id="a rejected claim is not compared"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "restricted", "candidate")],
                 {"statuses": ["confirmed", "candidate"]}, ["a", "b"],
                 id="statuses say which claims take part"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "restricted", "confirmed",
                                                  "quantity")], {}, [],
                 id="only text claims are compared by category"),
    pytest.param([("a", "x", "k", "allowed"), ("b", "y", "k", "allowed"),
                  ("c", "z", "k", "restricted")], {}, ["a", "b", "c"],
                 id="every claim that differs from another outlet's"),
])
def test_text_claims_of_different_outlets_must_share_a_category(rows, kwargs, expected):
    assert unexpected(texts(*rows), **kwargs) == expected


def brute_force(frame: pd.DataFrame) -> tuple[int, int]:
    """Cross- and same-source pairs of differing categories, by looking at every pair."""
    cross = internal = 0
    for a, b in itertools.combinations(frame.itertuples(), 2):
        if a.fact_key == b.fact_key and normalise(a.category) != normalise(b.category):
            cross += a.source_id != b.source_id
            internal += a.source_id == b.source_id
    return cross, internal


def test_counts_are_exact_and_the_listing_is_capped_per_key():
    rng = np.random.default_rng(7)
    n = 600
    frame = texts(*zip([f"c{i}" for i in range(n)],
                       rng.choice(["s1", "s2", "s3", "s4"], n).tolist(),
                       rng.choice(["k1", "k2"], n).tolist(),
                       rng.choice(["allowed", "Allowed ", "restricted", "undecided"], n).tolist(),
                       strict=True))
    found = disagreements(analysis(frame, "text", Tuning()), limit_per_key=20)
    cross, internal = brute_force(frame)
    assert int(found.counts["cross_pairs"].sum()) == cross
    assert int(found.counts["internal_pairs"].sum()) == internal
    assert found.pairs.groupby("fact_key").size().max() == 20
    assert found.internal.groupby("fact_key").size().max() == 20
    by_id = frame.set_index("claim_id")["category"].map(normalise)
    assert (by_id[found.pairs["claim_a"]].to_numpy()
            != by_id[found.pairs["claim_b"]].to_numpy()).all()
    assert (found.pairs["source_a"] != found.pairs["source_b"]).all()


# --- the check on the fictional outlets ----------------------------------------------

def test_the_fictional_outlets_have_one_categorical_conflict(checked):
    conflicts = checked.conflicts
    assert not checked.success
    assert set(conflicts["fact_key"]) == {"allies.authorisation"}
    assert sorted(map(sorted, conflicts[["claim_a", "claim_b"]].to_numpy().tolist())) == [
        ["dly-4", "gaz-4"], ["dly-5", "gaz-4"]]
    assert conflicts["gap"].isna().all()  # categories have no gap


def test_the_conflict_message_shows_both_outlets_quotes_and_categories(checked):
    messages = checked.conflicts.set_index("claim_a")["message"]
    assert messages["dly-4"] == (
        f'{DAILY} "Two allies quickly followed suit" (= allowed) vs '
        f'{GAZETTE} "their missiles remain restricted to Ardenian soil" (= restricted)'
        ": different")


def test_text_claims_with_categories_are_compared_in_the_summary(checked):
    assert checked.summary == {
        "outlets": 2, "shared_facts": 4, "agreed": 3, "conflicting": 1, "discrepant": 0,
        "not_compared": 0, "not_compared_reasons": {}, "not_compared_facts": [],
    }


def test_text_claims_without_a_category_are_not_compared(categories):
    claims = categories / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    for typed in (",North Vellaria,", ", north  vellaria ,"):
        text = text.replace(typed, ",,")
    claims.write_text(text, encoding="utf-8")
    summary = run_check(load_ledger(categories)).summary
    assert (summary["shared_facts"], summary["agreed"], summary["not_compared"]) == (4, 2, 1)
    assert summary["not_compared_facts"] == [
        {"fact_key": "troops.origin",
         "reason": "text claims without a category"}]


def test_a_disagreement_inside_one_outlet_is_internal(checked):
    internal = checked.internal
    assert internal[["claim_a", "claim_b"]].to_numpy().tolist() == [["dly-4", "dly-5"]]
    counts = checked.counts.set_index("fact_key")
    assert counts.loc["allies.authorisation", ["kind", "cross_pairs", "internal_pairs"]
                      ].tolist() == ["text", 2, 1]


def test_the_candidate_is_never_compared(checked):
    listed = pd.concat([checked.conflicts, checked.internal])
    assert "gaz-5" not in set(listed["claim_a"]) | set(listed["claim_b"])
    outcome = next(o for o in checked.results if "text_claims" in o.expectation)
    assert sorted(outcome.unexpected) == ["dly-4", "dly-5", "gaz-4"]


def test_conflicts_in_the_report_and_in_json(capsys):
    assert main(["check", "--ledger", str(CATEGORIES)]) == 1
    report = capsys.readouterr().out
    assert "allies.authorisation (text): 2 pairs that cannot both hold" in report
    assert report.splitlines()[0] == ("2 conflicts and 0 discrepancies across 2 outlets and "
                                      "4 shared facts; 1 disagreement inside one outlet.")
    assert ("  4 facts reported by two or more outlets: 3 agree, 1 in conflict, "
            "0 with a discrepancy, 0 not compared") in report
    assert "Conflicts: the intervals cannot overlap, or the categories differ" in report
    assert '"their missiles remain restricted to Ardenian soil" (= restricted)' in report
    assert main(["check", "--ledger", str(CATEGORIES), "--json"]) == 1
    conflicts = json.loads(capsys.readouterr().out)["conflicts"]
    assert [(c["fact_key"], c["kind"], c["sources"]) for c in conflicts] == [
        ("allies.authorisation", "text", ["daily", "gazette"]),
        ("allies.authorisation", "text", ["gazette", "daily"])]
    assert all(c["message"].endswith("): different") for c in conflicts)


# --- a ledger without the column -----------------------------------------------------

def test_a_ledger_without_the_column_is_checked_and_its_text_claims_pass(outlets):
    result = run_check(load_ledger(outlets))
    outcome = next(o for o in result.results if "text_claims" in o.expectation)
    assert outcome.success and not outcome.error
    assert "text" not in set(result.conflicts["kind"])


def header(folder: Path) -> bytes:
    return (folder / "claims.csv").read_bytes().split(b"\n", 1)[0]


def test_load_and_save_of_a_ledger_without_the_column_changes_no_byte(outlets):
    before = snapshot(outlets)
    ledger = load_ledger(outlets)
    assert "category" not in ledger.claims.columns
    assert not ledger.save()
    assert snapshot(outlets) == before


def test_fill_adds_no_category_column(outlets, capsys):
    before = header(outlets)
    assert main(["fill", "--ledger", str(outlets)]) == 0  # it puts the rows in order
    capsys.readouterr()
    assert header(outlets) == before


@pytest.mark.parametrize("command", [[], ["fill"]], ids=["load and save", "fill"])
def test_a_ledger_with_categories_is_kept_byte_for_byte(categories, capsys, command):
    before = snapshot(categories)
    if command:
        assert main([*command, "--ledger", str(categories)]) == 0
        capsys.readouterr()
    else:
        assert not load_ledger(categories).save()
    assert snapshot(categories) == before


def test_adding_a_claim_without_a_category_leaves_the_header_alone(outlets):
    before = header(outlets)
    ledger = load_ledger(outlets)
    add_claim(ledger, source_id="lantern", quote="about 190 miles", fact_key="convoy.distance",
              status="rejected")
    assert ledger.save()
    assert header(outlets) == before


def test_adding_a_categorised_claim_adds_the_column_after_note(outlets):
    before = load_ledger(outlets).claims
    ledger = load_ledger(outlets)
    row = add_claim(ledger, source_id="lantern", quote="about 190 miles", kind="text",
                    fact_key="convoy.distance.wording", category="approximate")
    assert ledger.save()
    after = load_ledger(outlets).claims
    columns = list(before.columns)
    at = columns.index("note") + 1
    assert list(after.columns) == [*columns[:at], "category", *columns[at:]]
    assert row["category"] == "approximate"
    assert after["category"].tolist() == [""] * len(before) + ["approximate"]
    assert after.drop(columns="category").iloc[:-1].equals(before)


def test_adding_a_claim_refuses_a_bad_category(categories):
    ledger = load_ledger(categories)
    with pytest.raises(UsageError, match="line break"):
        add_claim(ledger, source_id="daily", quote="Two allies", kind="text",
                  category="allowed\nfor now")


def test_the_claim_editor_sets_a_category_and_saving_keeps_it(outlets):
    editor = ClaimEditor(load_ledger(outlets), check_conflicts=False)
    editor.source.value = "lantern"
    editor.quote.value = "about 190 miles"
    editor.kind.value = "text"
    editor.fact_key.value = "convoy.distance.wording"
    editor.category.value = " approximate "
    editor.add_button.click()
    assert editor.save()
    saved = load_ledger(outlets).claims.set_index("claim_id")
    assert saved.loc[editor.ledger.claims["claim_id"].iloc[-1], "category"] == "approximate"
