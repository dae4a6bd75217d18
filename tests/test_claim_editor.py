"""ClaimEditor and its ledger edits, driven through the widgets without a browser."""

from __future__ import annotations

import pytest
from tiny_ledger import TEXT, write_ledger

from provenance.candidates import add_candidates
from provenance.claim_ids import next_claim_id
from provenance.ledger import load_ledger
from provenance.ledger_edits import delete_claims, preview_claim, set_status
from provenance.widgets import ClaimEditor


@pytest.fixture
def ledger_dir(tmp_path):
    return write_ledger(tmp_path / "ledger")


@pytest.fixture
def editor(ledger_dir):
    return ClaimEditor(load_ledger(ledger_dir), check_conflicts=False)


def test_next_claim_id_continues_the_source_numbering(ledger_dir):
    assert next_claim_id(load_ledger(ledger_dir).claims, "a") == "a-02"


def test_mouse_selection_fills_the_quote_with_code_point_offsets(editor):
    start = TEXT.index("Kursk")
    editor.viewer.selection_utf16 = [start + 1, start + 6]  # the emoji takes two code units
    assert editor.quote.value == "Kursk"
    assert editor.cells()["start"] == start and editor.cells()["end"] == start + 5


def test_adding_and_saving_appends_exactly_one_row(editor, ledger_dir):
    before = (ledger_dir / "claims.csv").read_bytes()
    editor.viewer.select(TEXT.index("on Sunday"), TEXT.index("on Sunday") + 9)
    editor.fact_key.value = "kursk.massing.date"
    editor.add_button.click()
    assert "Added a-02" in editor.message.value
    assert (ledger_dir / "claims.csv").read_bytes() == before  # nothing written before Save
    editor.save_button.click()
    after = (ledger_dir / "claims.csv").read_bytes()
    start = TEXT.index("on Sunday")
    row = f"a-02,a,kursk.massing.date,date,on Sunday,{start},{start + 9},,confirmed,\n"
    assert after == before + row.encode()


def test_typed_quote_is_anchored_in_the_source(editor):
    editor.quote.value = "near Kursk"
    editor.fact_key.value = "kursk.place"
    row = editor.add()
    start = TEXT.index("near Kursk")
    assert (row["start"], row["end"]) == (str(start), str(start + 10))


def test_a_quote_not_in_the_source_is_refused_with_a_message(editor):
    editor.quote.value = "not in the article"
    editor.fact_key.value = "x"
    assert editor.add() is None
    assert "Not added" in editor.message.value


def test_save_refuses_when_the_file_changed_on_disk(editor, ledger_dir):
    editor.quote.value = "near Kursk"
    editor.fact_key.value = "kursk.place"
    editor.add()
    path = ledger_dir / "claims.csv"
    path.write_bytes(path.read_bytes() + b"z-01,b,k,text,Some,,,,confirmed,\n")
    assert editor.save() is False
    assert "changed on disk" in editor.message.value
    assert b"near Kursk" not in path.read_bytes()


def test_preview_shows_the_parsed_value_escaped(ledger_dir):
    ledger = load_ledger(ledger_dir)
    start = TEXT.index("<img")
    preview = preview_claim(ledger, {"claim_id": "a-09", "source_id": "a", "fact_key": "x",
                                     "quote": "<img onerror=x>", "start": start,
                                     "end": start + 15, "kind": "text"}, check=False)
    assert preview.error == "" and preview.row["quote"] == "<img onerror=x>"
    assert len(ledger.claims) == 3  # the ledger itself is untouched


def test_preview_parses_a_hedged_figure(editor):
    editor.quote.value = "about 50,000 troops massed"
    editor.fact_key.value = "kursk.size"
    preview = editor.preview()
    assert preview.value.qualifier == "approx"
    assert "approx" in editor.preview_html.value


def test_confirming_a_candidate_needs_a_fact_key(ledger_dir):
    ledger = load_ledger(ledger_dir)
    with pytest.raises(Exception, match="fact key"):
        set_status(ledger, ["b-x0"], "confirmed")
    assert set_status(ledger, ["b-x0"], "confirmed", "nk.count") == ["b-x0"]
    row = ledger.claims.set_index("claim_id").loc["b-x0"]
    assert (row["status"], row["fact_key"]) == ("confirmed", "nk.count")


def test_bulk_reject_and_delete_from_the_list(editor):
    editor.source.value = "b"
    editor.claim_list.value = ("b-x0",)
    editor.reject_button.click()
    assert editor.ledger.claims.set_index("claim_id").loc["b-x0", "status"] == "rejected"
    editor.claim_list.value = ("b-x0", "b-01")
    editor.delete_button.click()
    assert list(editor.ledger.claims["claim_id"]) == ["a-01"]
    assert delete_claims(editor.ledger, ["nope"]) == []


def test_outlet_html_is_shown_as_text_in_the_source_picker(editor):
    labels = [label for label, _ in editor.source.options]
    assert labels[0] == "Alpha <script>x</script> — a"  # Dropdown labels are text, not HTML
    assert "<img onerror=x>" in "".join(s["text"] for s in editor.viewer.segments)


def test_editing_a_claim_updates_it_in_place(editor, ledger_dir):
    editor.claim_list.value = ("a-01",)
    editor.edit_button.click()
    assert (editor.quote.value, editor.add_button.description) == ("about 50,000 troops",
                                                                   "Update claim")
    editor.quote.value = "about 50,000 troops massed"
    editor.fact_key.value = "kursk.massing"
    editor.add_button.click()
    claims = editor.ledger.claims
    assert list(claims["claim_id"]) == ["a-01", "b-01", "b-x0"]
    row = claims.iloc[0]
    assert (row["quote"], row["fact_key"], row["start"]) == (
        "about 50,000 troops massed", "kursk.massing", str(TEXT.index("about")))
    assert editor.save() is True
    lines = (ledger_dir / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == (
        'a-01,a,kursk.massing,quantity,"about 50,000 troops massed",17,43,officials,confirmed,'
    )
    assert len(lines) == 4


def test_edit_needs_exactly_one_selected_claim(editor):
    editor.claim_list.value = ()
    editor.edit()
    assert "exactly one" in editor.message.value


@pytest.mark.parametrize(("sources", "prefixes"), [(None, set()), (["a"], {"a"}), (["b"], set())])
def test_candidates_come_from_the_sources_asked_for(ledger_dir, sources, prefixes):
    added = add_candidates(load_ledger(ledger_dir), sources)
    assert {claim_id.split("-x")[0] for claim_id in added} == prefixes


def test_split_button_keeps_the_first_value_and_offers_the_second_after_add(editor):
    start = TEXT.index("about 50,000")
    end = TEXT.index(" <img")
    editor.viewer.select(start, end - 1)  # "about 50,000 troops massed near Kursk on Sunday"
    editor.split_button.click()
    assert editor.quote.value == "about 50,000 troops"
    assert (editor.cells()["start"], editor.cells()["end"]) == (start, start + 19)
    editor.fact_key.value = "kursk.massing.size"
    editor.add_button.click()
    assert editor.quote.value == "massed near Kursk on Sunday"
    second = TEXT.index("massed")
    assert (editor.cells()["start"], editor.cells()["end"]) == (second, end - 1)


def test_split_of_a_quote_with_one_value_says_so(editor):
    editor.quote.value = "near Kursk"
    assert editor.split() is False
    assert "nothing to split" in editor.message.value
