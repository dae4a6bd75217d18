"""Disjoint-pair finding: exact against brute force, symmetric, capped lists clearest first."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.check import agreement
from provenance.check.agreement import (
    count_pairs,
    dense_ranks,
    find_disagreements,
    partner_counts,
)

BOUND = st.one_of(st.integers(-20, 20).map(float), st.just(math.inf))


@st.composite
def claims(draw) -> pd.DataFrame:
    """Small ledgers of intervals over a few keys and sources, unbounded ends included."""
    rows = []
    for i in range(draw(st.integers(0, 25))):
        a, b = sorted([draw(st.integers(-20, 20)), draw(st.integers(-20, 20))])
        lo = -math.inf if draw(st.booleans()) and i % 5 == 0 else float(a)
        hi = math.inf if draw(st.booleans()) and i % 7 == 0 else float(b)
        rows.append((f"c{i}", draw(st.sampled_from("xyz")), draw(st.sampled_from("kl")), lo, hi))
    return pd.DataFrame(rows, columns=["claim_id", "source_id", "fact_key", "lo", "hi"])


def brute(frame: pd.DataFrame) -> tuple[set, set]:
    """Every disjoint pair by comparing all pairs: (cross-source, same-source)."""
    cross, same = set(), set()
    for a in frame.itertuples():
        for b in frame.itertuples():
            if a.fact_key == b.fact_key and b.lo > a.hi:
                (cross if a.source_id != b.source_id else same).add((a.claim_id, b.claim_id))
    return cross, same


def pair_set(pairs: pd.DataFrame) -> set:
    return set(zip(pairs["claim_a"], pairs["claim_b"], strict=True))


@settings(max_examples=150, deadline=None)
@given(claims())
def test_sweep_finds_exactly_the_brute_force_pairs(frame):
    cross, same = brute(frame)
    found = find_disagreements(frame)
    assert pair_set(found.pairs) == cross
    assert pair_set(found.internal) == same
    assert len(found.pairs) == len(cross)


@settings(max_examples=120, deadline=None)
@given(claims())
def test_counts_match_brute_force(frame):
    cross, same = brute(frame)
    counts = count_pairs(frame)
    assert int(counts["cross_pairs"].sum()) == len(cross)
    assert int(counts["internal_pairs"].sum()) == len(same)


@settings(max_examples=120, deadline=None)
@given(claims())
def test_partner_counts_count_each_claims_cross_source_disagreements(frame):
    cross, _ = brute(frame)
    expected = [sum(cid in pair for pair in cross) for cid in frame["claim_id"]]
    assert partner_counts(frame).tolist() == expected


@settings(max_examples=120, deadline=None)
@given(claims())
def test_result_does_not_depend_on_row_order(frame):
    shuffled = frame.sample(frac=1.0, random_state=1)
    assert pair_set(find_disagreements(shuffled).pairs) == pair_set(find_disagreements(frame).pairs)


@settings(max_examples=120, deadline=None)
@given(claims(), st.integers(1, 4))
def test_capped_listing_keeps_the_clearest_pairs(frame, limit):
    assert_clearest(frame, limit)


def assert_clearest(frame: pd.DataFrame, limit: int) -> None:
    """Capped listing: per key, exactly the gaps of the ``limit`` clearest pairs of each kind."""
    full, capped = find_disagreements(frame), find_disagreements(frame, limit_per_key=limit)
    for kind in ("pairs", "internal"):
        every, listed = getattr(full, kind), getattr(capped, kind)
        for key, group in every.groupby("fact_key"):
            shown = listed[listed["fact_key"] == key]
            assert sorted(shown["gap"], reverse=True) == sorted(group["gap"], reverse=True)[
                : min(limit, len(group))]
            assert pair_set(shown) <= pair_set(group)


@st.composite
def crowded(draw) -> pd.DataFrame:
    """One or two big fact keys, nearly all claims from one source: few cross pairs."""
    rows = []
    for i in range(draw(st.integers(2, 80))):
        a, b = sorted([draw(st.integers(-50, 50)), draw(st.integers(-50, 50))])
        source = draw(st.sampled_from("xxxxxxxxxy"))
        rows.append((f"c{i}", source, draw(st.sampled_from("kkl")), float(a), float(b)))
    return pd.DataFrame(rows, columns=["claim_id", "source_id", "fact_key", "lo", "hi"])


@settings(max_examples=100, deadline=None)
@given(crowded(), st.integers(1, 6), st.sampled_from([(512, 1 << 22), (8, 64), (1, 1)]))
def test_clearest_pairs_are_exact_however_candidates_are_batched(frame, limit, sizes):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(agreement, "MAX_CANDIDATES", sizes[0])
        patch.setattr(agreement, "CANDIDATE_BUDGET", sizes[1])
        assert_clearest(frame, limit)


def test_wide_interval_bridging_others_hides_no_pair():
    """A running-max sweep sees [0, 100] and misses that [1, 2] and [5, 6] are disjoint."""
    frame = pd.DataFrame(
        [("wide", "x", "k", 0.0, 100.0), ("a", "y", "k", 1.0, 2.0), ("b", "z", "k", 5.0, 6.0)],
        columns=["claim_id", "source_id", "fact_key", "lo", "hi"],
    )
    assert pair_set(find_disagreements(frame).pairs) == {("a", "b")}


def test_touching_intervals_agree_and_unbounded_ends_reach_everything():
    frame = pd.DataFrame(
        [("a", "x", "k", 1.0, 2.0), ("b", "y", "k", 2.0, 3.0), ("c", "z", "k", -np.inf, 5.0),
         ("d", "w", "k", 10.0, np.inf)],
        columns=["claim_id", "source_id", "fact_key", "lo", "hi"],
    )
    assert pair_set(find_disagreements(frame).pairs) == {("a", "d"), ("b", "d"), ("c", "d")}


def test_pairs_never_cross_fact_keys():
    frame = pd.DataFrame(
        [("a", "x", "k", 1.0, 1.0), ("b", "y", "l", 9.0, 9.0)],
        columns=["claim_id", "source_id", "fact_key", "lo", "hi"],
    )
    assert find_disagreements(frame).pairs.empty
    assert count_pairs(frame).empty


@given(st.lists(st.sampled_from([0.0, -0.0, 1.5, -2.0, 1e300, np.inf, -np.inf, np.nan])
                | st.floats(allow_nan=True), max_size=40).map(lambda x: np.array(x, dtype=float)))
def test_dense_ranks_are_numpy_unique_inverse(values):
    distinct, ranks = dense_ranks(values)
    expected, inverse = np.unique(values, return_inverse=True)
    np.testing.assert_array_equal(distinct, expected)
    np.testing.assert_array_equal(ranks, inverse)
