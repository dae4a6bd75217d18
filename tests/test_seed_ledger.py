"""Specification of the bundled seed ledger (claims.csv over the two seed articles)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_CSV = ROOT / "claims.csv"
SOURCES_DIR = ROOT / "sources"
HEADER = [
    "claim_id", "source_id", "fact_key", "kind", "quote", "start", "end",
    "attributed_to", "status", "note",
]
KINDS = {"quantity", "duration", "date", "text"}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


CLAIMS = _read_csv(CLAIMS_CSV)
TEXTS = {
    row["source_id"]: (SOURCES_DIR / row["path"]).read_bytes().decode("utf-8")
    for row in _read_csv(SOURCES_DIR / "sources.csv")
}
BY_ID = {row["claim_id"]: row for row in CLAIMS}


def _keys_by_source() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in CLAIMS:
        out[row["fact_key"]].add(row["source_id"])
    return out


def test_header_starts_with_the_person_typed_columns() -> None:
    with CLAIMS_CSV.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[: len(HEADER)] == HEADER


def test_claim_ids_are_unique() -> None:
    ids = [row["claim_id"] for row in CLAIMS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", CLAIMS, ids=[row["claim_id"] for row in CLAIMS])
def test_quote_occurs_exactly_once_in_its_source(row: dict[str, str]) -> None:
    assert TEXTS[row["source_id"]].count(row["quote"]) == 1


def test_stored_offsets_match_the_quote_where_filled() -> None:
    filled = [row for row in CLAIMS if row["start"] or row["end"]]
    wrong = [
        row["claim_id"] for row in filled
        if TEXTS[row["source_id"]][int(row["start"]) : int(row["end"])] != row["quote"]
    ]
    assert wrong == []


def test_claim_ids_are_numbered_in_text_order_per_source() -> None:
    for source_id, text in TEXTS.items():
        rows = [row for row in CLAIMS if row["source_id"] == source_id]
        ids = [row["claim_id"] for row in sorted(rows, key=lambda r: text.index(r["quote"]))]
        assert ids == [f"{source_id}-{i:02d}" for i in range(1, len(rows) + 1)]


def test_at_least_thirty_confirmed_claims() -> None:
    assert sum(row["status"] == "confirmed" for row in CLAIMS) >= 30


def test_kinds_are_valid() -> None:
    assert {row["kind"] for row in CLAIMS} <= KINDS


def test_every_claim_is_attributed_and_keyed() -> None:
    assert all(row["attributed_to"] and row["fact_key"] for row in CLAIMS)


def test_fact_keys_are_dotted_lowercase() -> None:
    for row in CLAIMS:
        parts = row["fact_key"].split(".")
        assert len(parts) >= 2 and all(p and p == p.lower() for p in parts), row["fact_key"]


@pytest.mark.parametrize(
    ("source_id", "quote", "fact_key", "kind"),
    [
        ("theweek", "50,000 Russian and North Korean troops", "kursk.assault_force.size",
         "quantity"),
        ("nyt", "an estimated 50,000 soldiers", "kursk.assault_force.size", "quantity"),
        ("nyt", "more than 10,000 North Korean troops", "north_korea.troops_deployed",
         "quantity"),
        ("theweek", "made Thursday", "atacms.authorisation.date", "date"),
        ("nyt", "several hundred long-range ATACMS", "atacms.supplied.count", "quantity"),
        ("nyt", "a similar dilemma a year ago", "atacms.first_supply.date", "date"),
    ],
)
def test_design_examples_are_present(source_id: str, quote: str, fact_key: str, kind: str) -> None:
    matches = [r for r in CLAIMS if r["source_id"] == source_id and r["quote"] == quote]
    assert [(r["fact_key"], r["kind"], r["status"]) for r in matches] == [
        (fact_key, kind, "confirmed")
    ]


@pytest.mark.parametrize(
    "fact_key",
    [
        "kursk.assault_force.size",
        "atacms.authorisation",
        "atacms.authorisation.significance",
        "atacms.authorisation.reason",
        "atacms.first_use.target",
        "atacms.expected_impact",
        "atacms.expected_effect",
        "atacms.policy_goal",
        "atacms.ukraine_stocks",
        "zelensky.response",
        "zelensky.response.date",
        "zelensky.lobbying.duration",
        "storm_shadow.authorisation",
        "trump.war_goal",
        "kursk.bargaining_chip",
    ],
)
def test_shared_fact_key_spans_both_outlets(fact_key: str) -> None:
    assert _keys_by_source()[fact_key] == {"theweek", "nyt"}


@pytest.mark.parametrize(
    ("fact_key", "quotes"),
    [
        ("himars.range", {"a range of about 50 miles"}),
        ("atacms.range", {"a range of about 190 miles"}),
        ("storm_shadow.range", {"a range of about 155 miles"}),
        ("biden.time_left_in_office",
         {"two months left in office",
          "two months before President-elect Donald J. Trump takes office"}),
        ("kursk.incursion.date", {"seized in August", "In August, the Ukrainians launched"}),
        ("ukraine.full_scale_invasion.date", {"in February 2022"}),
        ("kharkiv.russian_assault.date", {"cross-border assault in May"}),
        ("putin.warning.date", {"Putin warned in September"}),
        ("atacms.authorisation.reported",
         {"told multiple news organizations Sunday", "Sunday's U.S. shift"}),
    ],
)
def test_value_claims_carry_their_figure_words(fact_key: str, quotes: set[str]) -> None:
    assert {r["quote"] for r in CLAIMS if r["fact_key"] == fact_key} == quotes


@pytest.mark.parametrize(
    ("claim_id", "attributed_to"),
    [
        ("theweek-06", "The New York Times"),
        ("theweek-13", "Reuters"),
        ("theweek-18", "the BBC"),
        ("theweek-19", "The Washington Post"),
        ("theweek-20", "Le Figaro"),
        ("theweek-21", "The Wall Street Journal"),
        ("nyt-02", "U.S. officials"),
        ("nyt-39", "Michael R. Turner"),
    ],
)
def test_attribution_names_whom_the_outlet_credits(claim_id: str, attributed_to: str) -> None:
    assert BY_ID[claim_id]["attributed_to"] == attributed_to


def test_page_furniture_is_not_claimed() -> None:
    furniture = ["2008", "36 years", "a million", "more than three decades", "Nov. 18, 2024"]
    assert not [r for r in CLAIMS for f in furniture if f in r["quote"]]


# the text claims whose article states a short categorical value: what was authorised,
# where, why; every other text claim has none (a quote, a nuance, or "unclear")
CATEGORIES = {
    "theweek-01": "allowed", "nyt-02": "allowed",
    "theweek-04": "Kursk", "nyt-03": "Kursk",
    "theweek-06": "major change", "nyt-04": "major change",
    "theweek-07": "North Korean troops", "nyt-08": "North Korean troops",
    "theweek-08": "no fundamental change", "nyt-17": "no fundamental change",
    "theweek-23": "end the war", "nyt-30": "end the war",
    "theweek-19": "very limited",
    "theweek-20": "allowed",
    "nyt-15": "not allowed",
    "nyt-34": "limited", "nyt-43": "limited",
    "nyt-44": "many",
}


def test_text_claims_carry_the_categories_their_articles_state() -> None:
    assert {r["claim_id"]: r["category"] for r in CLAIMS if r["category"]} == CATEGORIES
    assert all(BY_ID[claim_id]["kind"] == "text" for claim_id in CATEGORIES)


@pytest.mark.parametrize("claim_id", ["nyt-37", "nyt-45"])
def test_a_claim_that_states_no_category_has_none(claim_id: str) -> None:
    # nyt-37: France and Britain "were reluctant ... unless Mr. Biden agreed" (a condition,
    # met by the article's news, not a status against The Week's "quickly followed suit");
    # nyt-45: "it is unclear how many" (no amount against The Week's "very limited")
    assert BY_ID[claim_id]["category"] == ""
