"""Re-anchoring: relocating claims after their source text changed."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.reanchor import (
    OUTCOMES,
    REPORT_COLUMNS,
    apply_reanchor,
    reanchor_ledger,
    relocate,
    summarise,
)

ROOT = Path(__file__).resolve().parent.parent

P1 = (
    "President Biden has authorized the first use of U.S.-supplied long-range missiles "
    "by Ukraine for strikes inside Russia, U.S. officials said.\n"
)
P2 = (
    "The introduction of more than 10,000 North Korean troops and Mr. Biden’s response "
    "come as Mr. Trump prepares to re-enter office with a stated goal of quickly ending "
    "the war.\n"
)
P3 = (
    "The British and French militaries have given the Ukrainians a limited number of "
    "Storm Shadow and SCALP missiles, which have a range of about 155 miles, less than "
    "the American missile system.\n"
)
ARTICLE = P1 + P2 + P3
NEW_PARAGRAPH = "Officials said the decision followed weeks of debate in Washington.\n"


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


CASES: list[tuple[str, str, Callable[[str], str], str, str | None]] = [
    ("identical text", "more than 10,000 North Korean troops", lambda t: t,
     "unchanged", "more than 10,000 North Korean troops"),
    ("edit after the context", "more than 10,000 North Korean troops",
     lambda t: t.replace("about 155 miles", "about 150 miles"),
     "unchanged", "more than 10,000 North Korean troops"),
    ("neighbourhood retyped and re-wrapped", "more than 10,000 North Korean troops",
     lambda t: t.replace("Biden’s", "Biden's").replace("and Mr.", "and\nMr."),
     "unchanged", "more than 10,000 North Korean troops"),
    ("paragraph inserted before", "more than 10,000 North Korean troops",
     lambda t: NEW_PARAGRAPH + t, "moved", "more than 10,000 North Korean troops"),
    ("paragraph inserted after", "about 155 miles", lambda t: t + NEW_PARAGRAPH,
     "unchanged", "about 155 miles"),
    ("paragraphs swapped", "about 155 miles", lambda t: P3 + P1 + P2,
     "moved", "about 155 miles"),
    ("context edited, offsets kept", "more than 10,000 North Korean troops",
     lambda t: t.replace("The introduction of", "The arrival of  ..."),
     "moved", "more than 10,000 North Korean troops"),
    ("figure edited", "more than 10,000 North Korean troops",
     lambda t: t.replace("more than 10,000", "more than 11,000"),
     "changed", "more than 11,000 North Korean troops"),
    ("hedge reworded", "more than 10,000 North Korean troops",
     lambda t: t.replace("more than 10,000", "over 10,000"),
     "changed", "over 10,000 North Korean troops"),
    ("figure edited and paragraph moved", "about 155 miles",
     lambda t: P3.replace("155", "160") + P1 + P2, "changed", "about 160 miles"),
    ("curly apostrophe straightened", "Mr. Biden’s response",
     lambda t: t.replace("’", "'"), "changed", "Mr. Biden's response"),
    ("line re-wrapped inside the quote", "Storm Shadow and SCALP missiles",
     lambda t: t.replace("Storm Shadow and", "Storm Shadow\nand"),
     "changed", "Storm Shadow\nand SCALP missiles"),
    ("non-breaking space", "about 155 miles",
     lambda t: t.replace("155 miles", "155\u00a0miles"), "changed", "about 155\u00a0miles"),
    ("paragraph deleted", "more than 10,000 North Korean troops",
     lambda t: t.replace(P2, ""), "orphaned", None),
    ("sentence rewritten", "about 155 miles",
     lambda t: t.replace("which have a range of about 155 miles, ", ""), "orphaned", None),
]


@pytest.mark.parametrize(
    ("quote", "edit", "outcome", "new_quote"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_relocate_table(
    quote: str, edit: Callable[[str], str], outcome: str, new_quote: str | None
) -> None:
    new_text = edit(ARTICLE)
    found = relocate(ARTICLE, new_text, quote, *_span(ARTICLE, quote))
    assert (found.outcome, found.quote, found.old_quote) == (outcome, new_quote, quote)
    if found.quote is not None:
        assert new_text[found.start : found.end] == found.quote


@pytest.mark.parametrize(
    ("edit", "score"),
    [
        (lambda t: t.replace("’", "'"), 100.0),
        (lambda t: t.replace("more than 10,000", "more than 11,000"), 98.1),
    ],
)
def test_changed_score_reports_similarity(edit: Callable[[str], str], score: float) -> None:
    quote = "more than 10,000 North Korean troops and Mr. Biden’s"
    found = relocate(ARTICLE, edit(ARTICLE), quote, *_span(ARTICLE, quote))
    assert found.score == pytest.approx(score, abs=0.1)


def test_similar_phrase_in_another_paragraph_does_not_pass_for_a_deleted_claim() -> None:
    himars = (
        "Mr. Biden allowed them to use the High Mobility Artillery Rocket System, or HIMARS, "
        "which have a range of about 50 miles, against Russian forces across the border.\n"
    )
    old = P1 + himars + P3
    found = relocate(old, P1 + himars, "a range of about 155 miles",
                     *_span(old, "a range of about 155 miles"))
    assert found.outcome == "orphaned"


def test_duplicate_quote_is_disambiguated_by_context() -> None:
    old = "Zelensky spoke on Sunday night. Later, the lawmakers met on Sunday to vote."
    new = "Intro. " + old.replace("Zelensky spoke", "He spoke")
    start = old.rindex("Sunday")
    found = relocate(old, new, "Sunday", start, start + 6)
    assert (found.outcome, found.start) == ("moved", new.rindex("Sunday"))


def test_duplicate_quote_at_old_offset_loses_to_better_context() -> None:
    old = "aaaa Sunday bbbb cccc dddd Sunday eeee"
    new = "dddd Sunday eeee"
    start = old.rindex("Sunday")
    found = relocate(old, new, "Sunday", start, start + 6, context=5)
    assert (found.outcome, found.start) == ("moved", 5)


@pytest.mark.parametrize(
    ("new_text", "outcome", "start"),
    [
        (ARTICLE, "unchanged", ARTICLE.index("about 155 miles")),
        (NEW_PARAGRAPH + ARTICLE, "moved", len(NEW_PARAGRAPH) + ARTICLE.index("about 155")),
    ],
)
def test_unknown_old_text_relocates_by_quote_alone(new_text: str, outcome: str, start: int) -> None:
    old_start = ARTICLE.index("about 155 miles")
    found = relocate(None, new_text, "about 155 miles", old_start, old_start + 15)
    assert (found.outcome, found.start) == (outcome, start)


def test_unknown_old_text_still_finds_an_edited_quote() -> None:
    new_text = ARTICLE.replace("about 155 miles", "about 160 miles")
    found = relocate(None, new_text, "about 155 miles", 0, 15)
    assert (found.outcome, found.quote) == ("changed", "about 160 miles")


@pytest.mark.parametrize(
    ("quote", "start", "end"),
    [("", 0, 0), ("   ", 0, 3), ("about 155 miles", 10**9, 10**9 + 15), ("x", -5, 2)],
)
def test_degenerate_input_does_not_raise(quote: str, start: int, end: int) -> None:
    found = relocate(ARTICLE, ARTICLE, quote, start, end)
    assert found.outcome in OUTCOMES


# --- properties ------------------------------------------------------------------

LOWER = st.text(alphabet="abcdefghij ,.\n", max_size=60)
QUOTE = st.text(alphabet="KLMNOPQRST ", min_size=4, max_size=30).filter(
    lambda q: q.strip() == q and q
)


@st.composite
def edited_around(draw: st.DrawFn) -> tuple[str, str, str, int]:
    """An old text holding a quote, and a copy edited only outside the quote."""
    before, quote, after = draw(LOWER), draw(QUOTE), draw(LOWER)
    new_before, new_after = before, after
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(new_before)))
            size = draw(st.integers(0, 10))
            new_before = new_before[:cut] + draw(LOWER) + new_before[cut + size :]
        else:
            cut = draw(st.integers(0, len(new_after)))
            size = draw(st.integers(0, 10))
            new_after = new_after[:cut] + draw(LOWER) + new_after[cut + size :]
    return before + quote + after, new_before + quote + new_after, quote, len(before)


@settings(max_examples=200, deadline=None)
@given(edited_around())
def test_edits_away_from_the_quote_keep_it_found(case: tuple[str, str, str, int]) -> None:
    old_text, new_text, quote, start = case
    found = relocate(old_text, new_text, quote, start, start + len(quote))
    assert found.outcome in ("unchanged", "moved")
    assert found.start == new_text.index(quote)
    assert new_text[found.start : found.end] == quote


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=80),
    st.text(max_size=80),
    st.integers(-5, 90),
    st.integers(-5, 90),
    st.booleans(),
)
def test_relocate_never_raises_and_spans_are_exact(
    old_text: str, new_text: str, start: int, end: int, old_known: bool
) -> None:
    quote = old_text[max(0, start) : max(0, end)] or old_text[:3]
    found = relocate(old_text if old_known else None, new_text, quote, start, end)
    assert found.outcome in OUTCOMES and 0.0 <= found.score <= 100.0
    if found.outcome == "orphaned":
        assert (found.start, found.end, found.quote) == (None, None, None)
    else:
        assert new_text[found.start : found.end] == found.quote


@settings(max_examples=100, deadline=None)
@given(LOWER, QUOTE.filter(lambda q: len(q) >= 20), LOWER, st.data())
def test_one_letter_edit_in_a_long_quote_is_changed(
    before: str, quote: str, after: str, data: st.DataObject
) -> None:
    letters = [i for i, c in enumerate(quote) if c != " "]
    i = data.draw(st.sampled_from(letters))
    edited = quote[:i] + "Z" + quote[i + 1 :]
    before += " "
    found = relocate(
        before + quote + " " + after, before + edited + " " + after, quote, len(before),
        len(before) + len(quote),
    )
    assert (found.outcome, found.quote) == ("changed", edited)


# --- ledger level ----------------------------------------------------------------


def _ledger(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    quotes = ["more than 10,000 North Korean troops", "about 155 miles", "Mr. Biden’s response"]
    rows = []
    for n, quote in enumerate(quotes, 1):
        start, end = _span(text, quote)
        rows.append({"claim_id": f"a-{n:02d}", "source_id": "a", "quote": quote,
                     "start": str(start), "end": str(end), "status": "confirmed",
                     "value": "10000", "extra": "kept"})
    rows.append({"claim_id": "b-01", "source_id": "b", "quote": "x", "start": "0", "end": "1",
                 "status": "confirmed", "value": "", "extra": ""})
    sources = pd.DataFrame({"source_id": ["a", "b"], "sha256": [
        hashlib.sha256(text.encode()).hexdigest(), "0" * 64]})
    return pd.DataFrame(rows, dtype=str), sources


def test_report_has_fixed_columns_and_one_row_per_claim_of_a_new_text() -> None:
    claims, sources = _ledger(ARTICLE)
    report = reanchor_ledger(claims, sources, None, {"a": NEW_PARAGRAPH + ARTICLE})
    assert tuple(report.columns) == REPORT_COLUMNS
    assert list(report["claim_id"]) == ["a-01", "a-02", "a-03"]
    assert summarise(report) == {"unchanged": 0, "moved": 3, "changed": 0, "orphaned": 0}


def test_source_with_its_registered_hash_is_unchanged_without_old_text() -> None:
    claims, sources = _ledger(ARTICLE)
    report = reanchor_ledger(claims, sources, None, {"a": ARTICLE})
    assert set(report["outcome"]) == {"unchanged"}


def test_apply_updates_spans_marks_orphans_and_keeps_every_row() -> None:
    claims, sources = _ledger(ARTICLE)
    new_text = NEW_PARAGRAPH + ARTICLE.replace(P3, "").replace("’", "'")
    report = reanchor_ledger(claims, sources, {"a": ARTICLE}, {"a": new_text})
    out = apply_reanchor(claims, report)
    assert list(out.columns) == list(claims.columns) and len(out) == len(claims)
    assert list(out["status"]) == ["confirmed", "orphaned", "confirmed", "confirmed"]
    assert out.loc[1].to_dict() == {**claims.loc[1].to_dict(), "status": "orphaned"}
    assert out.loc[2, "quote"] == "Mr. Biden's response"
    assert out.loc[2, "value"] == ""
    for _, row in out.iloc[[0, 2]].iterrows():
        assert new_text[int(row["start"]) : int(row["end"])] == row["quote"]


def test_refound_orphan_becomes_candidate() -> None:
    claims, sources = _ledger(ARTICLE)
    claims.loc[0, "status"] = "orphaned"
    report = reanchor_ledger(claims, sources, None, {"a": ARTICLE})
    assert apply_reanchor(claims, report).loc[0, "status"] == "candidate"


def test_bundled_ledger_survives_an_inserted_paragraph() -> None:
    with (ROOT / "sources" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        sources = pd.DataFrame(list(csv.DictReader(fh)), dtype=str)
    with (ROOT / "claims.csv").open(encoding="utf-8", newline="") as fh:
        claims = pd.DataFrame(list(csv.DictReader(fh)), dtype=str)
    texts = {r.source_id: (ROOT / "sources" / r.path).read_bytes().decode("utf-8")
             for r in sources.itertuples()}
    for i, row in claims.iterrows():
        start = texts[row["source_id"]].index(row["quote"])
        claims.loc[i, ["start", "end"]] = [str(start), str(start + len(row["quote"]))]
    new_texts = {**texts, "nyt": NEW_PARAGRAPH + texts["nyt"]}
    report = reanchor_ledger(claims, sources, texts, new_texts)
    by_source = report.groupby("source_id")["outcome"].agg(set).to_dict()
    assert by_source == {"theweek": {"unchanged"}, "nyt": {"moved"}}
