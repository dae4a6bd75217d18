"""Loading, filling and saving a ledger: nothing lost, nothing changed unasked."""

from __future__ import annotations

import pytest

from provenance.cli import main
from provenance.errors import AnchorError, SourceError, StaleLedgerError, UsageError
from provenance.fill import add_claim, derive, fill
from provenance.ledger import load_ledger
from provenance.schema import CLAIM_COLUMNS
from tests.conftest import snapshot


def test_load_gives_claims_sources_and_texts(seed_ledger):
    ledger = load_ledger(seed_ledger)
    assert set(ledger.sources["source_id"]) == {"theweek", "nyt"}
    assert ledger.text("nyt").startswith("Biden Allows Ukraine")
    assert {"claim_id", "quote", "start", "end"} <= set(ledger.claims.columns)


def test_load_and_save_without_edits_changes_no_byte(seed_ledger):
    before = snapshot(seed_ledger)
    ledger = load_ledger(seed_ledger)
    assert ledger.save() is False
    assert snapshot(seed_ledger) == before


def test_fill_on_the_bundled_ledger_is_byte_identical(seed_ledger):
    before = snapshot(seed_ledger)
    ledger = load_ledger(seed_ledger)
    report = fill(ledger)
    assert report.ok and not report.anchored
    assert ledger.save() is False
    assert snapshot(seed_ledger) == before


def test_fill_anchors_quote_only_rows_and_keeps_unknown_columns(mini_ledger):
    ledger = load_ledger(mini_ledger)
    report = fill(ledger)
    assert report.ok
    assert ledger.save()
    again = load_ledger(mini_ledger)
    text = again.text("daily")
    for row in again.claims.to_dict("records"):
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    assert list(again.claims.columns) == CLAIM_COLUMNS + ["custom_tag"]
    assert again.claims.set_index("claim_id").at["daily-01", "custom_tag"] == "keep me"


def test_fill_restores_the_exact_source_quote(mini_ledger):
    claims = mini_ledger / "claims.csv"
    typed = claims.read_text(encoding="utf-8").replace(
        '"“more than 10,000” troops"', '"""more than 10,000"" troops"'
    )
    claims.write_text(typed, encoding="utf-8")
    ledger = load_ledger(mini_ledger)
    report = fill(ledger)
    assert report.requoted == ["daily-01"]
    assert (
        ledger.claims.set_index("claim_id").at["daily-01", "quote"] == "“more than 10,000” troops"
    )


def test_fill_is_idempotent(mini_ledger):
    ledger = load_ledger(mini_ledger)
    fill(ledger)
    ledger.save()
    before = snapshot(mini_ledger)
    ledger = load_ledger(mini_ledger)
    fill(ledger)
    assert ledger.save() is False
    assert snapshot(mini_ledger) == before


def test_fill_never_overwrites_a_person_s_value(mini_ledger):
    ledger = load_ledger(mini_ledger)
    fill(ledger)
    frame = ledger.claims.set_index("claim_id")
    ledger.claims.loc[ledger.claims["claim_id"] == "daily-02", "high"] = "250"
    fill(ledger)
    assert ledger.claims.set_index("claim_id").at["daily-02", "high"] == "250"
    assert frame.at["daily-02", "qualifier"] == "approx"


def test_fill_derives_values_and_kinds(mini_ledger):
    ledger = load_ledger(mini_ledger)
    fill(ledger)
    rows = ledger.claims.set_index("claim_id")
    assert rows.at["daily-01", "qualifier"] == "more_than"
    assert rows.at["daily-01", "low"] == "10000"
    assert rows.at["daily-03", "date_low"] == "2024-11-17"
    assert rows.at["daily-03", "status"] == "confirmed"


def test_derive_writes_nothing(mini_ledger):
    before = snapshot(mini_ledger)
    frame = derive(load_ledger(mini_ledger))
    assert frame["start"].ne("").all()
    assert snapshot(mini_ledger) == before


def test_save_refuses_when_the_file_changed_on_disk(mini_ledger):
    ledger = load_ledger(mini_ledger)
    fill(ledger)
    (mini_ledger / "claims.csv").write_text("claim_id,source_id,fact_key,quote\n", encoding="utf-8")
    with pytest.raises(StaleLedgerError):
        ledger.save()
    assert (mini_ledger / "claims.csv").read_text(encoding="utf-8") == (
        "claim_id,source_id,fact_key,quote\n"
    )


def test_hash_mismatch_is_an_error_naming_the_file(mini_ledger):
    source = mini_ledger / "sources" / "daily.txt"
    source.write_bytes(source.read_bytes() + b"edited\n")
    with pytest.raises(SourceError, match="sources/daily.txt"):
        load_ledger(mini_ledger)


def test_crlf_and_bom_survive_an_edit(mini_ledger):
    claims = mini_ledger / "claims.csv"
    claims.write_bytes(b"\xef\xbb\xbf" + claims.read_bytes().replace(b"\n", b"\r\n"))
    ledger = load_ledger(mini_ledger)
    fill(ledger)
    ledger.save()
    data = claims.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfclaim_id,")
    assert data.count(b"\r\n") == data.count(b"\n")


def test_add_claim_anchors_and_values_a_new_claim(mini_ledger):
    ledger = load_ledger(mini_ledger)
    row = add_claim(
        ledger,
        claim_id="daily-09",
        source_id="daily",
        fact_key="convoy.duration",
        quote="in two days",
    )
    assert row["kind"] == "duration" and row["low"] == row["high"] == "2"
    assert ledger.save()
    assert "daily-09" in set(load_ledger(mini_ledger).claims["claim_id"])


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ({"claim_id": "daily-01", "quote": "in two days"}, "already exists"),
        ({"claim_id": "n-1", "quote": "not in the text"}, "not found"),
        ({"claim_id": "n-1", "quote": "in two days", "source_id": "ghost"}, "unknown"),
        (
            {"claim_id": "n-1", "quote": "in two days", "start": "0", "end": "11"},
            "is not the source",
        ),
    ],
)
def test_add_claim_refuses_bad_claims_and_leaves_the_ledger(mini_ledger, cells, words):
    ledger = load_ledger(mini_ledger)
    before = ledger.claims.copy()
    arguments = {"source_id": "daily", "fact_key": "x.y"} | cells
    with pytest.raises((UsageError, AnchorError), match=words):
        add_claim(ledger, **arguments)
    assert ledger.claims.equals(before)


def test_the_package_exposes_the_library_api(seed_ledger):
    import provenance

    ledger = provenance.load_ledger(seed_ledger)
    assert isinstance(ledger, provenance.Ledger)
    assert provenance.run_check(ledger).success
    with pytest.raises(AttributeError):
        provenance.no_such_thing  # noqa: B018


def test_a_refused_registration_leaves_no_source_file(mini_ledger, monkeypatch):
    from provenance import sources

    registry = mini_ledger / "sources" / "sources.csv"
    real_read = sources.read_table

    def read_then_edit(path, name):
        table = real_read(path, name)
        registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return table

    monkeypatch.setattr(sources, "read_table", read_then_edit)
    with pytest.raises(StaleLedgerError):
        sources.register_source(mini_ledger, "late", "Late Outlet (FICTIONAL)", "2024-11-19",
                                "Some text.")
    assert not (mini_ledger / "sources" / "late.txt").exists()


@pytest.mark.parametrize("note", ["\r", "first\rsecond", "ends in CR\r", 'say "\r\n"'])
def test_a_saved_note_with_carriage_returns_reads_back_everywhere(mini_ledger, note):
    from provenance.check import load_for_check

    ledger = load_ledger(mini_ledger)
    ledger.claims.loc[1, "note"] = note
    assert ledger.save()
    assert load_ledger(mini_ledger).claims.loc[1, "note"] == note
    assert load_for_check(mini_ledger).claims.loc[1, "note"] == note
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0
