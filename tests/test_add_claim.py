"""Typing claims: `provenance add-claim`, the `start` hint and the `occurrence` column
through validate, fill, check and add-claim alike."""

from __future__ import annotations

import csv
import io
import json

import pytest

from provenance.check import load_for_check, run_check
from provenance.cli import main
from provenance.fill import derive
from provenance.ledger import load_ledger
from tests.conftest import snapshot

REPEATED = "Officials said the troops had crossed."
HEADER = "claim_id,source_id,fact_key,kind,quote,start,end,attributed_to,status,note,custom_tag"


def text_of(ledger) -> str:
    return (ledger / "sources" / "daily.txt").read_bytes().decode("utf-8")


def second_place(ledger) -> int:
    text = text_of(ledger)
    return text.index(REPEATED, text.index(REPEATED) + 1)


def add(ledger, *argv: str) -> int:
    return main(["add-claim", "--ledger", str(ledger), "--source", "daily", *argv])


def stored(ledger, claim_id: str) -> dict[str, str]:
    return load_ledger(ledger).claims.set_index("claim_id").loc[claim_id].to_dict()


def test_add_claim_anchors_values_and_prints_the_stored_row(mini_ledger, capsys):
    assert add(mini_ledger, "--quote", "about 190 miles", "--fact-key", "convoy.distance") == 0
    out = capsys.readouterr().out
    row = stored(mini_ledger, "daily-04")
    assert text_of(mini_ledger)[int(row["start"]) : int(row["end"])] == "about 190 miles"
    assert (row["kind"], row["qualifier"], row["unit"], row["status"]) == (
        "quantity", "approx", "mile", "confirmed")
    assert "daily-04 (confirmed)" in out and f"[{row['start']}, {row['end']})" in out
    assert "'about 190 miles'" in out and "next: provenance check" in out


def test_add_claim_appends_one_row_and_keeps_every_other_byte(seed_ledger):
    before = (seed_ledger / "claims.csv").read_bytes()
    assert main(["add-claim", "--ledger", str(seed_ledger), "--source", "nyt",
                 "--quote", "more than 10,000"]) == 0
    after = (seed_ledger / "claims.csv").read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    assert main(["validate", "--ledger", str(seed_ledger)]) == 0


def test_a_typed_variant_is_stored_as_the_exact_source_text(mini_ledger):
    assert add(mini_ledger, "--quote", '"more than 10,000" troops', "--fact-key", "t.x") == 0
    assert stored(mini_ledger, "daily-04")["quote"] == "“more than 10,000” troops"


def test_without_a_fact_key_the_claim_is_a_valid_candidate(mini_ledger, capsys):
    assert add(mini_ledger, "--quote", "roughly 300 km") == 0
    assert "next: provenance suggest-keys" in capsys.readouterr().out
    assert stored(mini_ledger, "daily-04")["status"] == "candidate"
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0


REFUSED = [
    (["--quote", "roughly 300 km", "--status", "confirmed"], 2, "a confirmed claim needs"),
    (["--quote", REPEATED], 1, "occurs 2 times"),
    (["--quote", "no such words"], 1, "not found in sources/daily.txt"),
    (["--quote", "in two days", "--id", "daily-01"], 2, "'daily-01' already exists"),
    (["--quote", "in two days", "--start", "1", "--occurrence", "1"], 2, "not allowed with"),
    (["--quote", "in two days", "--occurrence", "-1"], 2, "not a non-negative whole number"),
]


@pytest.mark.parametrize(("argv", "code", "words"), REFUSED)
def test_refusals_are_one_line_and_write_nothing(mini_ledger, capsys, argv, code, words):
    before = snapshot(mini_ledger)
    assert add(mini_ledger, *argv) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert snapshot(mini_ledger) == before


def test_an_ambiguous_quote_lists_its_places(mini_ledger, capsys):
    add(mini_ledger, "--quote", REPEATED)
    err = capsys.readouterr().err
    first = text_of(mini_ledger).index(REPEATED)
    assert err.count("\n") == 1
    assert f"[{first}:" in err and f"[{second_place(mini_ledger)}:" in err


@pytest.mark.parametrize("how", ["start", "occurrence"])
def test_add_claim_takes_a_start_hint_or_an_occurrence(mini_ledger, how):
    pick = str(second_place(mini_ledger) - 3) if how == "start" else "2"
    assert add(mini_ledger, "--quote", REPEATED, f"--{how}", pick, "--fact-key", "t.x") == 0
    assert stored(mini_ledger, "daily-04")["start"] == str(second_place(mini_ledger))


def test_add_claim_stores_no_occurrence_where_the_ledger_has_no_such_column(mini_ledger):
    add(mini_ledger, "--quote", REPEATED, "--occurrence", "2", "--fact-key", "t.x")
    assert "occurrence" not in load_ledger(mini_ledger).claims.columns


def hand_typed(ledger, header: str, row: str) -> None:
    """The mini ledger's claims with one hand-typed row added."""
    lines = (ledger / "claims.csv").read_text(encoding="utf-8").splitlines()
    (ledger / "claims.csv").write_text("\n".join([header, *lines[1:], row]) + "\n",
                                       encoding="utf-8")


HINTED = [
    (HEADER, "d-9,daily,t.x,text,{quote},{hint},,,confirmed"),
    (HEADER + ",occurrence", "d-9,daily,t.x,text,{quote},,,,confirmed,,,2"),
]


@pytest.mark.parametrize(("header", "row"), HINTED, ids=["start-hint", "occurrence"])
def test_a_hinted_row_passes_validate_check_and_fill(mini_ledger, header, row):
    hand_typed(mini_ledger, header, row.format(quote=REPEATED,
                                               hint=second_place(mini_ledger) + 2))
    second = str(second_place(mini_ledger))
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0
    checked = load_for_check(mini_ledger)
    derived = derive(checked).set_index("claim_id")
    assert derived.at["d-9", "start"] == second
    assert run_check(checked).success
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    assert stored(mini_ledger, "d-9")["start"] == second


HINT_ERRORS = [
    (HEADER, "d-9,daily,t.x,text,nowhere in it,5,,,confirmed", "anchor-failed", "not found"),
    (HEADER, "d-9,daily,t.x,text,{quote},abc,,,confirmed", "bad-offset", "start 'abc'"),
    (HEADER + ",occurrence", "d-9,daily,t.x,text,{quote},,,,confirmed,,,0", "bad-occurrence",
     "occurrence '0'"),
    (HEADER + ",occurrence", "d-9,daily,t.x,text,{quote},,,,confirmed,,,3", "anchor-failed",
     "occurrence 3 does not exist"),
]


@pytest.mark.parametrize(("header", "row", "slug", "words"), HINT_ERRORS)
def test_a_bad_hint_is_reported_at_its_place(mini_ledger, capsys, header, row, slug, words):
    hand_typed(mini_ledger, header, row.format(quote=REPEATED))
    assert main(["validate", "--ledger", str(mini_ledger), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert any(f["slug"] == slug and words in f["message"] and f["line"] == 5
               for f in findings), findings


def with_occurrence_column(claims: bytes, after_end: bool) -> bytes:
    """claims.csv with an ``occurrence`` column: after ``end`` with an empty cell in every
    row, or last in the header alone (every row then stops before it)."""
    if not after_end:
        header, rest = claims.split(b"\n", 1)
        return header + b",occurrence\n" + rest
    rows = list(csv.reader(io.StringIO(claims.decode("utf-8"))))
    at = rows[0].index("end") + 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([r[:at] + (["occurrence"] if i == 0 else [""]) + r[at:]
                      for i, r in enumerate(rows)])
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize("after_end", [False, True], ids=["header-alone", "after-end"])
def test_an_occurrence_column_invalidates_no_row_and_changes_no_byte(seed_ledger, after_end):
    claims = seed_ledger / "claims.csv"
    claims.write_bytes(with_occurrence_column(claims.read_bytes(), after_end))
    before = snapshot(seed_ledger)
    assert main(["validate", "--ledger", str(seed_ledger)]) == 0
    assert main(["fill", "--ledger", str(seed_ledger)]) == 0
    assert main(["check", "--ledger", str(seed_ledger)]) == 0
    assert snapshot(seed_ledger) == before


def test_add_claim_does_not_read_the_ledger_back_after_writing_it(mini_ledger, monkeypatch):
    from provenance import ledger as ledger_module

    framed = []
    real = ledger_module._frame
    monkeypatch.setattr(ledger_module, "_frame",
                        lambda table: framed.append(table.name) or real(table))
    assert add(mini_ledger, "--quote", "about 190 miles", "--fact-key", "convoy.distance") == 0
    assert framed.count("claims.csv") == 1  # the load's
    assert stored(mini_ledger, "daily-04")["quote"] == "about 190 miles"
