"""The editor's suggestion panel, driven through its widgets without a browser."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import ipywidgets as w
import pytest
from tiny_ledger import write_csv

from provenance.ledger import load_ledger
from provenance.ledger_edits import set_status
from provenance.suggestion_review import (
    accepted_line,
    claim_context,
    key_problem,
    review_cards,
    score_label,
)
from provenance.widgets import SuggestionPanel

HOSTILE = "<img src=x onerror=alert(1)>"
FICTIONAL = "The Daily Fictional (FICTIONAL) <script>alert(1)</script>"
TEXTS = {
    "f": f"Officials told the paper that about 20,000 troops massed; {HOSTILE} was posted.\n",
    "g": "Some 50,000 troops massed near Kursk, officials said.\n",
}
OUTLETS = {"f": FICTIONAL, "g": "The Fictional Courier (FICTIONAL)"}
HEADER = ["claim_id", "source_id", "fact_key", "kind", "quote", "start", "end",
          "attributed_to", "status", "note"]


def claim(claim_id, source_id, fact_key, kind, quote, attributed, status, note=""):
    start = TEXTS[source_id].index(quote)
    return [claim_id, source_id, fact_key, kind, quote, str(start), str(start + len(quote)),
            attributed, status, note]


CLAIMS = [
    claim("g-01", "g", "kursk.assault_force.size", "quantity", "Some 50,000 troops", "officials",
          "confirmed"),
    claim("f-x1", "f", "", "quantity", "about 20,000 troops", "", "candidate", "found by extract"),
    claim("f-x2", "f", "", "text", HOSTILE, "", "candidate"),
]


@dataclass(frozen=True)
class Suggestion:  # shaped like provenance.alignment.Suggestion
    fact_key: str
    score: float
    why: str


@dataclass(frozen=True)
class ClaimSuggestions:  # shaped like provenance.alignment.ClaimSuggestions
    claim_id: str
    suggestions: tuple[Suggestion, ...]
    new_fact: bool
    proposed_key: str


RESULTS = [
    ClaimSuggestions("f-x1", (
        Suggestion("kursk.assault_force.size", 0.913, "same unit (troops); words: massed"),
        Suggestion("kursk.casualties", 0.2, "same unit (troops)"),
    ), False, "troops.massed"),
    ClaimSuggestions("f-x2", (Suggestion("<script>alert(1)</script>", 0.5, HOSTILE),), True,
                     "posted.image"),
    ClaimSuggestions("g-01", (Suggestion("kursk.casualties", 0.4, "unit"),), False, "x"),
    ClaimSuggestions("zz-01", (Suggestion("kursk.casualties", 0.4, "unit"),), False, "x"),
]


def confirm_with_key(ledger, claim_id, fact_key):
    """The accept of provenance.alignment's contract, done by the editor's own edit."""
    set_status(ledger, [claim_id], "confirmed", fact_key)


@pytest.fixture
def ledger_dir(tmp_path):
    root = tmp_path / "ledger"
    (root / "sources").mkdir(parents=True)
    rows = [["source_id", "outlet", "published", "published_note", "path", "title", "byline",
             "url", "sha256"]]
    for source_id, text in TEXTS.items():
        data = text.encode("utf-8")
        (root / "sources" / f"{source_id}.txt").write_bytes(data)
        rows.append([source_id, OUTLETS[source_id], "2024-11-20", "", f"{source_id}.txt",
                     "T", "", "", hashlib.sha256(data).hexdigest()])
    write_csv(root / "sources" / "sources.csv", rows)
    write_csv(root / "claims.csv", [HEADER, *CLAIMS])
    return root


@pytest.fixture
def ledger(ledger_dir):
    return load_ledger(ledger_dir)


@pytest.fixture
def panel(ledger):
    return SuggestionPanel(ledger, RESULTS, assign=confirm_with_key)


def expected_bytes(tmp_path, claim_id: str, fact_key: str) -> bytes:
    rows = [[r[0], r[1], fact_key, *r[3:8], "confirmed", r[9]] if r[0] == claim_id else r
            for r in CLAIMS]
    path = tmp_path / "expected.csv"
    write_csv(path, [HEADER, *rows])
    return path.read_bytes()


def shown_html(widget) -> str:
    """Every HTML fragment the widget tree shows."""
    if isinstance(widget, w.HTML):
        return widget.value
    return "".join(shown_html(child) for child in getattr(widget, "children", ()))


def row_of(ledger_dir, claim_id):
    return load_ledger(ledger_dir).claims.set_index("claim_id").loc[claim_id]


def test_a_card_for_each_candidate_that_still_has_no_key(panel):
    assert list(panel.cards) == ["f-x1", "f-x2"]


def test_a_card_shows_the_quote_in_context_with_outlet_and_date(ledger):
    card = review_cards(ledger, RESULTS)[0]
    assert (card.before, card.quote, card.after[:8]) == (
        "Officials told the paper that ", "about 20,000 troops", " massed;")
    assert (card.outlet, card.published) == (FICTIONAL, "2024-11-20")


def test_a_claim_without_a_span_shows_its_bare_quote(ledger):
    row = ledger.claims.iloc[1].copy()
    row["start"] = row["end"] = ""
    assert claim_context(ledger, row) == ("", "about 20,000 troops", "")


def test_a_row_per_suggestion_with_its_key_score_and_why(panel):
    rows = shown_html(panel.cards["f-x1"])
    assert "kursk.assault_force.size" in rows and "0.91" in rows and "words: massed" in rows
    assert len(panel.cards["f-x1"].accept_buttons) == 2


@pytest.mark.parametrize(("score", "label"), [(0.913, "0.91"), (1.0, "1.00"), (0.0, "0.00")])
def test_scores_show_two_decimals(score, label):
    assert score_label(score) == label


@pytest.mark.parametrize("key", ["kursk.assault_force.size", "a", "x1_2.y", "2024.nk_troops"])
def test_fact_keys_of_dotted_lowercase_words_are_accepted(key):
    assert key_problem(key) == ""


@pytest.mark.parametrize(("key", "says"), [
    ("Kursk.size", "not a fact key"), ("kursk..size", "not a fact key"),
    ("kursk size", "not a fact key"), (".kursk", "not a fact key"), ("kursk.", "not a fact key"),
    ("kürsk.size", "not a fact key"), ("kursk.size\n", "not a fact key"), ("", "Give a key"),
])
def test_malformed_fact_keys_are_refused(key, says):
    assert says in key_problem(key)


def test_accept_assigns_the_key_saves_and_removes_the_card(panel, ledger_dir, tmp_path):
    panel.cards["f-x1"].accept_buttons[0].click()
    assert (ledger_dir / "claims.csv").read_bytes() == expected_bytes(
        tmp_path, "f-x1", "kursk.assault_force.size")
    assert list(panel.cards) == ["f-x2"]
    assert panel.cards["f-x2"] in panel.children
    assert "f-x1 → kursk.assault_force.size, saved" in panel.status.value


def test_the_status_line_names_claim_and_key():
    assert accepted_line("nyt-x123", "kursk.assault_force.size", True) == (
        "nyt-x123 → kursk.assault_force.size, saved")


def test_the_new_fact_field_is_prefilled_with_the_proposed_key(panel, ledger_dir):
    assert panel.cards["f-x2"].new_key.value == "posted.image"
    assert "no existing key fits" in shown_html(panel.cards["f-x2"])
    panel.cards["f-x2"].new_button.click()
    row = row_of(ledger_dir, "f-x2")
    assert (row["fact_key"], row["status"]) == ("posted.image", "confirmed")


def test_a_typed_new_fact_key_is_used(panel, ledger_dir):
    panel.cards["f-x1"].new_key.value = " kursk.troops_massed "
    panel.cards["f-x1"].new_button.click()
    assert row_of(ledger_dir, "f-x1")["fact_key"] == "kursk.troops_massed"


@pytest.mark.parametrize("key", ["Troops Massed", "troops..massed", ""])
def test_a_bad_new_fact_key_is_refused_and_nothing_changes(panel, ledger, ledger_dir, key):
    before = (ledger_dir / "claims.csv").read_bytes()
    panel.cards["f-x1"].new_key.value = key
    panel.cards["f-x1"].new_button.click()
    assert 'class="pv-error"' in panel.status.value and "Not accepted" in panel.status.value
    assert (ledger_dir / "claims.csv").read_bytes() == before
    assert ledger.claims.set_index("claim_id").loc["f-x1", "fact_key"] == ""
    assert "f-x1" in panel.cards


def test_a_suggested_key_that_is_no_fact_key_is_refused(panel, ledger_dir):
    before = (ledger_dir / "claims.csv").read_bytes()
    panel.cards["f-x2"].accept_buttons[0].click()
    assert "not a fact key" in panel.status.value
    assert (ledger_dir / "claims.csv").read_bytes() == before


def test_everything_shown_is_escaped(panel):
    shown = shown_html(panel)
    assert "<img" not in shown and "<script" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown  # the quote, its context and a why
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown  # the outlet and a key
    panel.cards["f-x2"].accept_buttons[0].click()
    assert "<script" not in panel.status.value


def test_a_stale_file_is_not_overwritten(panel, ledger_dir):
    path = ledger_dir / "claims.csv"
    path.write_bytes(path.read_bytes() + b"z-01,g,k,text,Some,,,,confirmed,\n")
    changed = path.read_bytes()
    panel.cards["f-x1"].accept_buttons[0].click()
    assert "changed on disk" in panel.status.value
    assert path.read_bytes() == changed
    assert "f-x1" in panel.cards


def test_accepting_twice_saves_both(panel, ledger_dir):
    panel.cards["f-x1"].accept_buttons[1].click()
    panel.cards["f-x2"].new_button.click()
    claims = load_ledger(ledger_dir).claims.set_index("claim_id")
    assert list(claims.loc[["f-x1", "f-x2"], "fact_key"]) == ["kursk.casualties", "posted.image"]
    assert panel.cards == {}
    assert "No candidate claims wait" in shown_html(panel)


def test_the_text_output_counts_the_cards(panel):
    assert panel._repr_mimebundle_()["text/plain"] == (
        "SuggestionPanel: 2 candidate claims to review; each accept saves claims.csv")


def test_for_ledger_shows_what_suggest_keys_returns(ledger):
    alignment = pytest.importorskip("provenance.alignment")
    expected = [r.claim_id for r in alignment.suggest_keys(ledger)]
    assert list(SuggestionPanel.for_ledger(ledger).cards) == expected


def test_the_default_accept_is_assign_fact_key(ledger, ledger_dir):
    pytest.importorskip("provenance.alignment")
    SuggestionPanel(ledger, RESULTS).cards["f-x1"].accept_buttons[0].click()
    row = row_of(ledger_dir, "f-x1")
    assert (row["fact_key"], row["status"]) == ("kursk.assault_force.size", "confirmed")
