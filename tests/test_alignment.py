"""Fact-key suggestions: signals, ranking, new facts, accepting, close-key warnings."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import sentences as sentences_module
from provenance.alignment import (
    accept_suggestions,
    assign_fact_key,
    close_key_warnings,
    profiles,
    suggest_keys,
    write_suggestions,
)
from provenance.alignment.keys import proposed_key
from provenance.alignment.signals import date_scores, noun_of, noun_scores, value_scores
from provenance.alignment.suggest import SIGNALS
from provenance.check import load_for_check, run_check
from provenance.errors import UsageError
from provenance.ledger import load_ledger
from provenance.validate import FACT_KEY, validate_ledger
from tests.alignment_ledger import TRUTH, evening_ledger

KEYS_BY_KIND = {"border.troops": "quantity", "convoy.distance": "quantity",
                "reservists.called": "quantity", "minister.time_left": "duration",
                "border.gathering.date": "date", "council.meeting.date": "date",
                "council.followup.date": "date", "convoy.source": "text"}


@pytest.fixture
def evening(tmp_path):
    return evening_ledger(tmp_path / "evening")


@pytest.fixture
def results(evening):
    ledger = load_ledger(evening)
    quotes = dict(zip(ledger.claims["claim_id"], ledger.claims["quote"], strict=True))
    return {quotes[r.claim_id]: r for r in suggest_keys(ledger)}


@pytest.mark.parametrize(("quote", "key"), [(q, k) for q, k in TRUTH.items() if k])
def test_the_true_key_is_suggested_first(results, quote, key):
    assert results[quote].suggestions[0].fact_key == key
    assert not results[quote].new_fact


def test_a_duration_never_gets_a_quantity_key(results):
    keys = [s.fact_key for s in results["six weeks"].suggestions]
    assert keys and all(KEYS_BY_KIND[k] == "duration" for k in keys)


def test_troops_never_get_a_distance_key_and_kilometres_get_the_miles_key(results):
    assert "convoy.distance" not in [s.fact_key for s in results["Some 48,000 troops"].suggestions]
    assert "convoy.distance" not in [s.fact_key for s in results["412 penguins"].suggestions]
    assert "same unit dimension (length)" in results["about 310 kilometres"].suggestions[0].why


def test_a_fact_no_outlet_reported_is_a_new_fact_with_a_proposed_key(results):
    penguins = results["412 penguins"]
    assert penguins.new_fact
    assert FACT_KEY.match(penguins.proposed_key)
    assert penguins.proposed_key.endswith(".penguins")


def test_proposed_keys_are_only_given_for_new_facts(results):
    assert all(bool(r.proposed_key) == r.new_fact for r in results.values())


def test_at_most_limit_suggestions_best_first_with_scores_in_unit_interval(evening):
    for result in suggest_keys(load_ledger(evening), limit=2):
        scores = [s.score for s in result.suggestions]
        assert len(scores) <= 2 and scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 1 for s in scores)


def test_only_keys_of_other_sources_confirmed_claims_are_suggested(evening):
    ledger = load_ledger(evening)
    claims = ledger.claims
    claims.loc[claims["claim_id"].isin(["cou-1", "wir-1"]), "status"] = "candidate"
    claims.loc[claims["claim_id"].isin(["cou-1", "wir-1"]), "fact_key"] = ""
    results = {r.claim_id: r for r in suggest_keys(ledger)}
    assert {"cou-1", "wir-1"} <= set(results)
    assert results["cou-1"].suggestions[0].fact_key == "border.troops"  # Lantern's claim


def test_a_key_used_only_by_the_claims_own_source_is_not_suggested(evening):
    ledger = load_ledger(evening)
    claims = ledger.claims
    claims.loc[claims["claim_id"].eq("cou-7"), ["fact_key", "status"]] = ["", "candidate"]
    (result,) = suggest_keys(ledger, ["cou-7"])
    assert "minister.age" not in [s.fact_key for s in result.suggestions]  # only Courier's


@pytest.mark.parametrize("signal", SIGNALS)
def test_each_signal_can_be_left_out(evening, signal):
    without = suggest_keys(load_ledger(evening), signals=[s for s in SIGNALS if s != signal])
    assert len(without) == len(TRUTH)


@pytest.mark.parametrize(("claim", "key", "expected"), [
    ((45_000, 55_000), (40_000, 50_000), 1.0),          # overlap
    ((100, 100), (200, 250), 0.5),                      # nearest ends 100 vs 200
    ((10_000, np.inf), (12_000, 12_000), 1.0),          # "more than 10,000" holds 12,000
    ((-np.inf, 31), (61, 61), 31 / 61),                 # "less than a month" vs two months
    ((-5, -5), (5, 5), 0.0),                            # across zero
    ((np.nan, np.nan), (5, 5), 0.5),                    # no interval: neutral
])
def test_value_compatibility(claim, key, expected):
    score = value_scores(np.array([claim[0]]), np.array([claim[1]]),
                         np.array([key[0]]), np.array([key[1]]))
    assert score[0, 0] == pytest.approx(expected, rel=1e-6)


def test_closer_values_rank_higher():
    lo = hi = np.array([48_000.0])
    keys_lo, keys_hi = np.array([50_000.0, 12_000.0, 500.0]), np.array([55_000.0, 12_000.0, 500.0])
    scores = value_scores(lo, hi, keys_lo, keys_hi)[0]
    assert scores[0] > scores[1] > scores[2]


@pytest.mark.parametrize(("days_apart", "expected"), [(0, 1.0), (15, 0.5), (30, 0.0), (90, 0.0)])
def test_date_window(days_apart, expected):
    day = np.array([20_044.0])
    score = date_scores(day + days_apart, day + days_apart, day, day)
    assert score[0, 0] == pytest.approx(expected)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("troops", "soldiers", 1.0), ("troops", "troop", 1.0), ("troops", "reservists", 0.2),
    ("troops", "", 0.5),
])
def test_counted_nouns(a, b, expected):
    nouns = np.array([noun_of(a) if a else ""], dtype=object)
    keys = np.array([noun_of(b) if b else ""], dtype=object)
    assert noun_scores(nouns, keys)[0, 0] == expected


finite = st.floats(-1e9, 1e9, allow_nan=False)


@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=6))
def test_value_scores_stay_in_the_unit_interval(pairs):
    lo = np.array([min(p) for p in pairs])
    hi = np.array([max(p) for p in pairs])
    scores = value_scores(lo, hi, lo[::-1], hi[::-1])
    assert ((scores >= 0) & (scores <= 1)).all()


@pytest.mark.parametrize(("quote", "sentence", "measure", "key"), [
    ("Fewer than 3,000 North Korean troops",
     "Fewer than 3,000 North Korean troops have arrived so far.", "troops", "north_korean.troops"),
    ("roughly 90 miles", "The missiles have a range of roughly 90 miles.", "length",
     "missiles_range.length"),
    ("on Nov. 2", "The decision was made on Nov. 2, officials said.", "date", "decision.date"),
])
def test_proposed_key_names(quote, sentence, measure, key):
    assert proposed_key(quote, sentence, measure) == key


def test_a_proposed_key_never_repeats_an_existing_one():
    key = proposed_key("412 penguins", "The zoo counted 412 penguins.", "penguins",
                       taken={"zoo_counted.penguins"})
    assert key == "zoo_counted.penguins_2"


@given(st.text(max_size=60), st.text(max_size=120), st.sampled_from(["", "date", "troops"]))
def test_proposed_keys_are_always_valid_names(quote, sentence, measure):
    assert FACT_KEY.match(proposed_key(quote, sentence, measure))


def test_write_stores_the_best_suggestion_beside_fact_key(evening):
    ledger = load_ledger(evening)
    before = ledger.claims["fact_key"].copy()
    written = write_suggestions(ledger, suggest_keys(ledger))
    claims = ledger.claims
    assert written == sum(k is not None for k in TRUTH.values())
    assert claims["fact_key"].equals(before)
    assert list(claims.columns[-2:]) == ["suggested_fact_key", "suggestion_score"]
    troops = claims[claims["quote"].eq("Some 48,000 troops")].iloc[0]
    assert troops["suggested_fact_key"] == "border.troops"
    assert claims.loc[claims["quote"].eq("412 penguins"), "suggested_fact_key"].item() == ""


def test_accept_moves_suggestions_into_fact_key_and_confirms(evening):
    ledger = load_ledger(evening)
    write_suggestions(ledger, suggest_keys(ledger))
    accepted = accept_suggestions(ledger)
    claims = ledger.claims.set_index("claim_id")
    assert len(accepted) == 4
    assert (claims.loc[accepted, "status"] == "confirmed").all()
    assert (claims.loc[accepted, "fact_key"] == claims.loc[accepted, "suggested_fact_key"]).all()


def test_accept_with_a_minimum_score_leaves_weaker_suggestions(evening):
    ledger = load_ledger(evening)
    write_suggestions(ledger, suggest_keys(ledger))
    scores = pd.to_numeric(ledger.claims["suggestion_score"], errors="coerce")
    cut = float(scores.dropna().median())
    accepted = accept_suggestions(ledger, min_score=cut)
    assert 0 < len(accepted) < 4
    assert (scores[ledger.claims["claim_id"].isin(accepted)] >= cut).all()


def test_accept_refuses_unknown_claims(evening):
    ledger = load_ledger(evening)
    write_suggestions(ledger, suggest_keys(ledger))
    with pytest.raises(UsageError, match="unknown claim id"):
        accept_suggestions(ledger, ["no-such-claim"])


def test_assign_fact_key_confirms_with_a_new_key(evening):
    ledger = load_ledger(evening)
    penguin = ledger.claims.loc[ledger.claims["quote"].eq("412 penguins"), "claim_id"].item()
    assign_fact_key(ledger, penguin, "zoo.penguins")
    row = ledger.claims[ledger.claims["claim_id"].eq(penguin)].iloc[0]
    assert (row["fact_key"], row["status"]) == ("zoo.penguins", "confirmed")
    with pytest.raises(UsageError, match="dotted lowercase"):
        assign_fact_key(ledger, penguin, "Zoo Penguins")


def _typo(folder):
    claims = folder / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("wir-5,wire,border.gathering.date",
                                   "wir-5,wire,border.gathering.dat"), encoding="utf-8")


def test_validate_warns_about_a_single_source_key_close_to_another(evening):
    _typo(evening)
    found = [f for f in validate_ledger(evening).findings if f.slug == "fact-key-near-duplicate"]
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert "'border.gathering.dat'" in found[0].message
    assert "'border.gathering.date'" in found[0].message
    assert found[0].line is not None


def test_check_warns_about_it_without_changing_the_verdict(evening):
    before = run_check(load_for_check(evening)).success
    _typo(evening)
    result = run_check(load_for_check(evening))
    assert [w.slug for w in result.warnings] == ["fact-key-near-duplicate"]
    assert result.success == before
    assert result.to_json()["warnings"][0]["slug"] == "fact-key-near-duplicate"


@pytest.mark.parametrize("keys", [
    ("kursk.assault_force.size", "kursk.incursion.date"),   # distinct
    ("casualties.day1", "casualties.day2"),                 # numbered facts, not typos
    ("casualties.day\u0661", "casualties.day2"),           # any decimal digit is a figure
])
def test_distinct_keys_get_no_warning(keys):
    claims = pd.DataFrame({"claim_id": ["a-1", "b-1"], "source_id": ["a", "b"],
                           "fact_key": list(keys), "status": ["confirmed"] * 2})
    assert close_key_warnings(claims) == []


def test_a_typo_of_a_key_is_named(tmp_path):
    claims = pd.DataFrame({"claim_id": ["a-1", "b-1", "c-1"], "source_id": ["a", "b", "c"],
                           "fact_key": ["kursk.assault_force.size", "kursk.assault_force.size",
                                        "kursk.asault_force.size"], "status": ["confirmed"] * 3})
    (finding,) = close_key_warnings(claims)
    assert finding.claim_id == "c-1"
    assert re.search(r"'kursk\.asault_force\.size'.*'kursk\.assault_force\.size'", finding.message)


def test_a_typo_is_named_beside_keys_of_other_topics():
    """A block holds the keys sharing a part with the lonely key wherever they sort,
    not the first keys of the sorted list."""
    claims = pd.DataFrame({"claim_id": ["a-1", "b-1", "a-2", "b-2", "c-1"],
                           "source_id": ["a", "b", "a", "b", "c"],
                           "fact_key": ["alpha.size", "alpha.size", "kursk.assault_force.size",
                                        "kursk.assault_force.size", "kursk.asault_force.size"],
                           "status": ["confirmed"] * 5})
    (finding,) = close_key_warnings(claims)
    assert finding.claim_id == "c-1"
    assert re.search(r"'kursk\.asault_force\.size'.*'kursk\.assault_force\.size'", finding.message)


def test_a_typo_is_named_among_numbered_keys_and_numbered_keys_are_never_paired():
    keys = ["casualties.day1", "casualties.day1", "casualties.day2", "casualties.dya1"]
    claims = pd.DataFrame({"claim_id": ["a-1", "b-1", "c-1", "d-1"],
                           "source_id": ["a", "b", "c", "d"], "fact_key": keys,
                           "status": ["confirmed"] * 4})
    named = {(f.claim_id, re.findall(r"'([^']+)'", f.message)[-1])
             for f in close_key_warnings(claims)}
    assert named == {("d-1", "casualties.day1")}


def test_claim_sentences_find_each_texts_sentence_ends_once(monkeypatch):
    texts = {f"s{i}": f"Officials said {i} troops moved. Nothing else happened." for i in range(20)}
    claims = pd.DataFrame({"source_id": [f"s{i % 20}" for i in range(200)],  # interleaved
                           "start": "15", "end": "17"})
    sentences_module._ends.cache_clear()
    profiles.sentences(claims, texts)
    assert sentences_module._ends.cache_info().misses == len(texts)


def test_claim_sentences_keep_the_claims_order():
    texts = {"a": "First one here. Second one there.", "b": "Only sentence."}
    claims = pd.DataFrame({"source_id": ["a", "b", "a", "x"], "start": ["16", "0", "0", "0"],
                           "end": ["22", "4", "5", "1"]})
    assert profiles.sentences(claims, texts) == ["Second one there.", "Only sentence.",
                                                 "First one here.", ""]


KEY_CELLS = {"fact_key": ["kursk.assault_force.size", "kursk.asault_force.size",
                          "casualties.day1", "casualties.dya1", "", " ", "alpha.size"],
             "status": ["confirmed", "rejected", "candidate", ""],
             "source_id": ["a", "b", "c", ""]}


@given(st.lists(st.tuples(*(st.sampled_from(cells) for cells in KEY_CELLS.values())),
                min_size=1, max_size=25))
def test_keys_read_as_categoricals_give_the_warnings_strings_give(rows):
    """The check hands the warnings its batch's categoricals (empty cells missing); they
    find what the claims' strings find."""
    claims = pd.DataFrame(rows, columns=list(KEY_CELLS)).assign(
        claim_id=[f"c{i}" for i in range(len(rows))]).astype("str")
    categorical = claims.replace("", None).astype("category")
    assert close_key_warnings(categorical) == close_key_warnings(claims)
