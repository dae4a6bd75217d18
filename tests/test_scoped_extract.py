"""`provenance extract --ledger`: only new sources unless named, never over an existing
claim (a rejected one included), candidates valid without a fact key and never compared."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import demo
from provenance.candidates import ClaimedSpans, add_candidates, extract_candidates
from provenance.check import load_for_check, run_check
from provenance.cli import main
from provenance.ledger import load_ledger
from provenance.ledger_edits import set_status
from tests.conftest import snapshot


def extract(ledger, *sources: str) -> int:
    argv = ["extract", "--ledger", str(ledger)]
    for source in sources:
        argv += ["--source", source]
    return main(argv)


def spans(claims, source_id: str, status: str | None = None) -> list[tuple[int, int]]:
    rows = claims[claims["source_id"] == source_id]
    if status is not None:
        rows = rows[rows["status"] == status]
    return [(int(s), int(e)) for s, e in zip(rows["start"], rows["end"], strict=True)]


def test_the_curated_seed_sources_get_no_candidate(seed_ledger, capsys):
    before = snapshot(seed_ledger)
    assert extract(seed_ledger) == 0
    out = capsys.readouterr().out
    assert snapshot(seed_ledger) == before
    assert "nothing to extract" in out and "--source ID" in out
    assert main(["validate", "--ledger", str(seed_ledger)]) == 0


def test_a_source_without_claims_is_extracted(mini_ledger, capsys):
    claims = mini_ledger / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert extract(mini_ledger) == 0
    out = capsys.readouterr().out
    rows = load_ledger(mini_ledger).claims
    assert len(rows) > 0 and set(rows["status"]) == {"candidate"} and set(rows["fact_key"]) == {""}
    assert f"daily: added {len(rows)} candidate(s)" in out
    assert f"next: provenance suggest-keys --ledger {mini_ledger}" in out


def test_a_source_with_claims_is_skipped_unless_named(mini_ledger, capsys):
    main(["fill", "--ledger", str(mini_ledger)])
    before = snapshot(mini_ledger)
    assert extract(mini_ledger) == 0
    assert snapshot(mini_ledger) == before
    assert extract(mini_ledger, "daily") == 0
    assert "candidate" in set(load_ledger(mini_ledger).claims["status"])


def test_no_candidate_overlaps_an_existing_claim(mini_ledger):
    main(["fill", "--ledger", str(mini_ledger)])
    kept = spans(load_ledger(mini_ledger).claims, "daily")
    assert extract(mini_ledger, "daily") == 0
    claims = load_ledger(mini_ledger).claims
    for start, end in spans(claims, "daily", "candidate"):
        assert not any(start < e and s < end for s, e in kept), (start, end)


def test_quote_only_claims_count_as_their_anchored_span(mini_ledger):
    ledger = load_ledger(mini_ledger)  # daily-02 "about 190 miles" has no offsets yet
    added = add_candidates(ledger, ["daily"])
    quotes = set(ledger.claims.set_index("claim_id").loc[added, "quote"])
    assert not any("190" in quote for quote in quotes)


def test_a_rejected_candidate_is_never_proposed_again(mini_ledger):
    main(["fill", "--ledger", str(mini_ledger)])
    ledger = load_ledger(mini_ledger)
    first, *others = add_candidates(ledger, ["daily"])
    set_status(ledger, [first], "rejected")
    ledger.claims = ledger.claims[~ledger.claims["claim_id"].isin(others)]
    ledger.save()
    assert extract(mini_ledger, "daily") == 0
    claims = load_ledger(mini_ledger).claims
    assert claims.set_index("claim_id").at[first, "status"] == "rejected"
    (rejected,) = spans(claims, "daily", "rejected")
    candidates = spans(claims, "daily", "candidate")
    assert rejected not in candidates and len(candidates) == len(others)


def test_an_unknown_source_is_a_usage_error(mini_ledger, capsys):
    before = snapshot(mini_ledger)
    assert extract(mini_ledger, "ghost") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown source 'ghost' (known: daily)" in err
    assert snapshot(mini_ledger) == before


def test_the_report_says_per_source_what_was_done(seed_ledger):
    done = extract_candidates(load_ledger(seed_ledger), None)
    assert [(d.source_id, d.has_claims, d.added) for d in done] == [
        ("theweek", True, []), ("nyt", True, [])]


def test_candidates_without_a_fact_key_are_valid_fillable_and_checked(seed_ledger):
    before = run_check(load_for_check(seed_ledger)).to_json()
    assert extract(seed_ledger, "nyt", "theweek") == 0
    assert main(["validate", "--ledger", str(seed_ledger)]) == 0
    assert main(["fill", "--ledger", str(seed_ledger)]) == 0
    assert run_check(load_for_check(seed_ledger)).to_json() == before


def test_candidates_are_left_out_of_agreement_until_confirmed(seed_ledger):
    demo.register_fictional_outlet(seed_ledger)
    ledger = load_ledger(seed_ledger)
    added = add_candidates(ledger, [demo.SOURCE_ID])
    quotes = ledger.claims.set_index("claim_id")["quote"]
    for claim_id in added:  # the fact keys, but still candidates
        set_status(ledger, [claim_id], "candidate", fact_key=demo.FACTS[quotes[claim_id]])
    assert run_check(ledger).conflicts.empty
    set_status(ledger, added, "confirmed")
    assert not run_check(ledger).conflicts.empty


OVERLAPS = [
    ([(5, 10)], (0, 5), False),
    ([(5, 10)], (10, 12), False),
    ([(5, 10)], (9, 11), True),
    ([(5, 10)], (6, 7), True),
    ([(0, 100), (20, 30)], (40, 50), True),  # inside a wide span that starts earlier
    ([(0, 3), (20, 30)], (5, 20), False),
    ([], (0, 1), False),
]


@pytest.mark.parametrize(("claimed", "span", "expected"), OVERLAPS)
def test_overlap_is_intersection_of_half_open_spans(claimed, span, expected):
    assert ClaimedSpans(claimed).overlaps(*span) is expected


intervals = st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1]))


@given(claimed=st.lists(intervals, max_size=12), span=intervals)
def test_indexed_overlap_agrees_with_a_scan(claimed, span):
    scan = any(s < span[1] and span[0] < e for s, e in claimed)
    assert ClaimedSpans(claimed).overlaps(*span) is scan
