"""``provenance suggest-keys`` and ``provenance accept``: output shapes, writes, refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

from provenance.cli import main
from tests.alignment_ledger import TRUTH, evening_ledger
from tests.conftest import snapshot


@pytest.fixture
def evening(tmp_path):
    return evening_ledger(tmp_path / "evening")


def rows(folder):
    text = (folder / "claims.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_documented_shape(evening, capsys):
    code, out, _ = run(capsys, "suggest-keys", "--ledger", str(evening), "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"claims"} and len(data["claims"]) == len(TRUTH)
    for claim in data["claims"]:
        expected = {"claim_id", "suggestions", "new_fact"} | (
            {"proposed_key"} if claim["new_fact"] else set())
        assert set(claim) == expected
        assert len(claim["suggestions"]) <= 5
        for s in claim["suggestions"]:
            assert set(s) == {"fact_key", "score", "why"}
            assert isinstance(s["score"], float) and 0 <= s["score"] <= 1


def test_suggest_keys_without_write_changes_nothing(evening, capsys):
    before = snapshot(evening)
    code, out, _ = run(capsys, "suggest-keys", "--ledger", str(evening))
    assert code == 0 and "border.troops" in out and "new fact → " in out
    assert snapshot(evening) == before


def test_write_never_touches_fact_key(evening, capsys):
    before = rows(evening)
    code, _, err = run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    after = rows(evening)
    assert code == 0 and "stored 4 suggestion(s)" in err
    assert [r["fact_key"] for r in after] == [r["fact_key"] for r in before]
    assert list(after[0])[-2:] == ["suggested_fact_key", "suggestion_score"]
    assert sum(bool(r["suggested_fact_key"]) for r in after) == 4


def test_accept_without_ids_or_a_minimum_refuses_and_writes_nothing(evening, capsys):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    before = snapshot(evening)
    code, _, err = run(capsys, "accept", "--ledger", str(evening))
    assert code == 2 and "CLAIM_ID" in err and "--all" in err
    assert snapshot(evening) == before


def test_accept_named_claims_confirms_them(evening, capsys):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    troops = next(r["claim_id"] for r in rows(evening) if r["quote"] == "Some 48,000 troops")
    code, out, _ = run(capsys, "accept", troops, "--ledger", str(evening))
    row = next(r for r in rows(evening) if r["claim_id"] == troops)
    assert code == 0 and f"{troops}: border.troops (confirmed)" in out
    assert (row["fact_key"], row["status"]) == ("border.troops", "confirmed")
    assert sum(r["status"] == "candidate" for r in rows(evening)) == len(TRUTH) - 1


@pytest.mark.parametrize(("argv", "accepted"), [(["--all"], 4), (["--min-score", "1"], 0)])
def test_accept_all_or_by_minimum_score(evening, capsys, argv, accepted):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    code, out, _ = run(capsys, "accept", *argv, "--ledger", str(evening))
    assert code == 0 and f"accepted {accepted} claim(s)" in out


def claim_of(folder, quote):
    return next(r["claim_id"] for r in rows(folder) if r["quote"] == quote)


def test_accept_id_equals_key_confirms_under_the_key_picked(evening, capsys):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    penguins = claim_of(evening, "412 penguins")
    code, out, _ = run(capsys, "accept", f"{penguins}=island.penguins.count",
                       "--ledger", str(evening))
    row = next(r for r in rows(evening) if r["claim_id"] == penguins)
    assert code == 0 and f"{penguins}: island.penguins.count (confirmed)" in out
    assert (row["fact_key"], row["status"]) == ("island.penguins.count", "confirmed")
    evening_rows = [r for r in rows(evening) if r["source_id"] == "evening"]
    assert sum(r["status"] == "confirmed" for r in evening_rows) == 1


def test_accept_picks_and_stored_suggestions_together(evening, capsys):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    troops, penguins = claim_of(evening, "Some 48,000 troops"), claim_of(evening, "412 penguins")
    code, out, _ = run(capsys, "accept", troops, f"{penguins}=island.penguins",
                       "--ledger", str(evening))
    keys = {r["claim_id"]: r["fact_key"] for r in rows(evening)}
    assert code == 0 and "accepted 2 claim(s)" in out
    assert (keys[troops], keys[penguins]) == ("border.troops", "island.penguins")


@pytest.mark.parametrize("choice", ["{id}=Not A Key", "{id}=", "nobody=border.troops"])
def test_a_bad_pick_is_refused_and_nothing_is_written(evening, capsys, choice):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    before = snapshot(evening)
    pick = choice.format(id=claim_of(evening, "412 penguins"))
    code, _, err = run(capsys, "accept", pick, "--ledger", str(evening))
    assert code == 2 and err.startswith("provenance: ") and len(err.splitlines()) == 1
    assert snapshot(evening) == before


def test_reject_sets_claims_aside_for_good(evening, capsys):
    penguins = claim_of(evening, "412 penguins")
    code, out, _ = run(capsys, "reject", penguins, "--ledger", str(evening))
    assert code == 0 and "rejected 1 claim(s)" in out
    assert next(r["status"] for r in rows(evening) if r["claim_id"] == penguins) == "rejected"
    listed = json.loads(run(capsys, "suggest-keys", "--ledger", str(evening), "--json")[1])
    assert penguins not in {c["claim_id"] for c in listed["claims"]}
    run(capsys, "extract", "--ledger", str(evening), "--source", "evening")
    assert [r["claim_id"] for r in rows(evening)].count(penguins) == 1


def test_reject_of_an_unknown_claim_is_refused(evening, capsys):
    before = snapshot(evening)
    code, _, err = run(capsys, "reject", "nobody", "--ledger", str(evening))
    assert code == 2 and "unknown claim id(s): nobody" in err
    assert snapshot(evening) == before


def test_a_score_outside_zero_to_one_is_a_usage_error(evening, capsys):
    code, _, err = run(capsys, "accept", "--min-score", "1.5", "--ledger", str(evening))
    assert code == 2 and "between 0 and 1" in err


def test_accept_before_suggestions_are_stored_says_what_to_run(evening, capsys):
    code, _, err = run(capsys, "accept", "--all", "--ledger", str(evening))
    assert code == 2 and "suggest-keys --write" in err


def test_terminal_output_escapes_control_characters(evening, capsys):
    claims = (evening / "claims.csv").read_text(encoding="utf-8")
    (evening / "claims.csv").write_text(claims.replace("evening-x", "evening\x1b[31m-x"),
                                        encoding="utf-8")
    code, out, _ = run(capsys, "suggest-keys", "--ledger", str(evening))
    assert code == 0 and "\x1b" not in out and "\\x1b[31m" in out


def test_accepting_a_new_fact_without_a_key_says_how_to_give_one(evening, capsys):
    run(capsys, "suggest-keys", "--ledger", str(evening), "--write")
    before = snapshot(evening)
    penguins = claim_of(evening, "412 penguins")
    code, _, err = run(capsys, "accept", penguins, "--ledger", str(evening))
    assert code == 2 and f"{penguins}=FACT_KEY" in err
    assert snapshot(evening) == before
