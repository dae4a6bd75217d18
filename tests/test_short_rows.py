"""A hand-typed row may stop after its last non-empty field: read with empty cells by
every reader, written back unchanged unless edited, written complete when edited."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from provenance.check import load_for_check, run_check
from provenance.cli import main
from provenance.csvio import parse, read_frame, read_table
from provenance.ledger import load_ledger
from tests.conftest import snapshot

HEADER = "claim_id,source_id,fact_key,kind,quote,start,end,attributed_to,status,note,custom_tag"
SHORT = "daily-09,daily,convoy.distance,quantity,about 190 miles"


def write_claims(ledger, *rows: str) -> None:
    (ledger / "claims.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")


def test_validate_accepts_a_short_row(mini_ledger, capsys):
    write_claims(mini_ledger, SHORT)
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0, capsys.readouterr().out


def test_a_load_and_save_keeps_a_short_row_byte_for_byte(mini_ledger):
    write_claims(mini_ledger, SHORT)
    before = snapshot(mini_ledger)
    ledger = load_ledger(mini_ledger)
    assert ledger.claims.iloc[0]["custom_tag"] == ""
    assert ledger.save() is False
    assert snapshot(mini_ledger) == before


def test_fill_writes_a_short_row_back_complete(mini_ledger):
    write_claims(mini_ledger, SHORT)
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    table = read_table(mini_ledger / "claims.csv")
    (raw,) = table.raw
    assert len(next(csv.reader([raw]))) == len(table.header)
    row = dict(zip(table.header, table.rows[0], strict=True))
    assert (row["start"], row["unit"], row["status"]) != ("", "", "")


def test_check_reads_a_short_row_as_validate_does(mini_ledger):
    write_claims(mini_ledger, "daily-01,daily,troops.crossed,text,Officials said on Sunday,,,x",
                 SHORT)
    checked = load_for_check(mini_ledger).claims.astype(object)
    loaded = load_ledger(mini_ledger).claims
    assert checked.to_numpy().tolist() == loaded.to_numpy().tolist()
    assert run_check(load_for_check(mini_ledger)).success


def test_a_trimmed_seed_row_checks_as_the_full_one(seed_ledger):
    claims = seed_ledger / "claims.csv"
    before = run_check(load_for_check(seed_ledger)).to_json()
    lines = claims.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].rstrip(",")  # theweek-01 ends with eight empty cells
    claims.write_text("\n".join(lines), encoding="utf-8")
    assert main(["validate", "--ledger", str(seed_ledger)]) == 0
    assert json.dumps(run_check(load_for_check(seed_ledger)).to_json()) == json.dumps(before)


def test_a_finding_in_a_left_out_cell_points_at_the_row_end(mini_ledger, capsys):
    write_claims(mini_ledger, "daily-09,daily")
    assert main(["validate", "--ledger", str(mini_ledger), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    quote = next(f for f in findings if f["slug"] == "missing-value")
    assert (quote["line"], quote["column"]) == (2, len("daily-09,daily") + 1)


def test_a_row_wider_than_the_header_is_still_an_error(mini_ledger, capsys):
    write_claims(mini_ledger, SHORT + ",,,,,,,x")
    assert main(["validate", "--ledger", str(mini_ledger)]) == 1
    assert "the header has 11; extra field starts here" in capsys.readouterr().out


cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=8)
rows = st.lists(st.lists(cells, min_size=4, max_size=4), min_size=1, max_size=6)


@given(rows=rows, cuts=st.lists(st.integers(0, 3), min_size=6, max_size=6),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_rows_trimmed_at_the_end_round_trip_byte_for_byte(rows, cuts, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(["a", "b", "c", "d"])
    trimmed = []
    for row, cut in zip(rows, cuts, strict=False):
        short = row[: len(row) - cut]
        writer.writerow(short)
        trimmed.append(short + [""] * (4 - len(short)))
    text = buffer.getvalue()
    table = parse(text, "t.csv")
    assert table.rows == trimmed
    assert table.dump(table.header, table.rows) == text.encode("utf-8")


@given(rows=rows, cuts=st.lists(st.integers(0, 3), min_size=6, max_size=6))
def test_the_fast_reader_pads_as_the_exact_reader(tmp_path_factory, rows, cuts):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["a", "b", "c", "d"])
    for row, cut in zip(rows, cuts, strict=False):
        writer.writerow(row[: len(row) - cut])
    path = tmp_path_factory.mktemp("csv") / "claims.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    fast = read_frame(path).astype(object).to_numpy().tolist()
    assert sorted(fast) == sorted(read_table(path).rows)
