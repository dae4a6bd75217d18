"""One reader, one truth: `check` refuses what `validate` refuses, with the same line.

Each refused input is a copy of the bundled ledger (or of the fictional mini ledger, for
a malformed fixture) with one defect, run through both commands: `validate` exits 1,
`check` exits 2 (unreadable input) printing exactly one of `validate`'s lines and a hint.
What the cells say rather than how they read (a span, an id, a source, a range) is what
`check`'s suites test: there both exit 1 and name the same claim.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.check import load_for_check, run_check
from provenance.check.engines.pandas.refusals import HINT
from provenance.cli import main
from provenance.dashboard import copy_ledger
from provenance.ledger import load_ledger
from provenance.sources import register_source
from tests.conftest import FIXTURES, ROOT, snapshot

MALFORMED = FIXTURES / "malformed"
CLAIMS, REGISTRY = "claims.csv", "sources/sources.csv"
FIRST = "theweek-01,theweek,atacms.authorisation,text,President Joe Biden"
VALUES = ",exact,50000,50000,50000,troops,"  # theweek-05's value, low, high, unit
DATES = ",exact,,,,,2024-11-17,2024-11-17,"  # theweek-02's date_low and date_high


def edit(file: str, old: str, new: str | bytes) -> Callable[[Path], None]:
    """Replace the first ``old`` in one of a ledger's files by ``new``."""
    def apply(folder: Path) -> None:
        path = folder / file
        data = path.read_bytes()
        assert old.encode() in data, old
        path.write_bytes(data.replace(old.encode(), new if isinstance(new, bytes)
                                      else new.encode(), 1))

    return apply


def registry_row_again(folder: Path) -> None:
    """Register the first source a second time (a duplicate ``source_id``)."""
    path = folder / REGISTRY
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([*lines, lines[1]]))


# id, the defect; each on a copy of the bundled ledger
REFUSED = [
    ("text after a closing quote", edit(CLAIMS, ",U.S. officials,", ',"U.S." officials,')),
    ("text after an empty quoted field", edit(CLAIMS, ",U.S. officials,", ',""U.S. officials,')),
    ("text after a quote in the registry", edit(REGISTRY, ",The Week,", ',"The" Week,')),
    ("duplicate source_id", registry_row_again),
    ("bad source_id", edit(REGISTRY, "\ntheweek,", "\nthe week!,")),
    ("impossible published date", edit(REGISTRY, ",2024-11-18,", ",2024-02-30,")),
    ("registry not UTF-8", edit(REGISTRY, "The Week", b"The W\xffeek")),
    ("offset with a plus sign", edit(CLAIMS, ",225,372,", ",+225,372,")),
    ("offset in exponent form", edit(CLAIMS, ",225,372,", ",225,3.72e2,")),
    ("offset with a decimal point", edit(CLAIMS, ",225,372,", ",225.0,372,")),
    ("negative offset", edit(CLAIMS, ",225,372,", ",-225,372,")),
    ("number overflowing to infinity", edit(CLAIMS, VALUES, ",exact,1e309,50000,50000,troops,")),
    ("NaN number", edit(CLAIMS, VALUES, ",exact,50000,NaN,50000,troops,")),
    ("infinite number", edit(CLAIMS, VALUES, ",exact,50000,50000,-inf,troops,")),
    ("word for a number", edit(CLAIMS, VALUES, ",exact,fifty,50000,50000,troops,")),
    ("impossible date", edit(CLAIMS, DATES, ",exact,,,,,2024-02-30,2024-11-17,")),
    ("date without leading zeros", edit(CLAIMS, DATES, ",exact,,,,,2024-11-17,2024-11-7,")),
    ("date with a time", edit(CLAIMS, DATES, ",exact,,,,,2024-11-17T00:00,2024-11-17,")),
    ("missing claim_id column", edit(CLAIMS, "claim_id,source_id", "claim,source_id")),
    ("duplicate column", edit(CLAIMS, ",note,category,", ",note,note,")),
    ("empty column name", edit(CLAIMS, ",note,category,", ",,category,")),
    ("unknown kind", edit(CLAIMS, FIRST, FIRST.replace(",text,", ",number,"))),
    ("unknown status", edit(CLAIMS, ",U.S. officials,confirmed,", ",U.S. officials,approved,")),
    ("unknown ambiguous flag", edit(CLAIMS, ",2024-11-17,2024-11-17,\n", ",2024-11-17,2024-11-17,"
                                    "maybe\n")),
    ("NUL in a cell", edit(CLAIMS, ",U.S. officials,", ",U.S.\x00officials,")),
    ("lone CR outside quotes", edit(CLAIMS, ",U.S. officials,", ",U.S.\rofficials,")),
    ("row too wide", edit(CLAIMS, "The Week's hedge,allowed,,,,,,,,",
                          "The Week's hedge,allowed,,,,,,,,,")),
    ("category with a line break", edit(CLAIMS, "hedge,allowed,", 'hedge,"allowed\nfor now",')),
    ("category too long", edit(CLAIMS, "hedge,allowed,", f"hedge,{'allowed ' * 10},")),
    ("claims not UTF-8", edit(CLAIMS, "U.S. officials", b"U.S. offic\xe9ials")),
    ("missing sha256", lambda folder: edit(REGISTRY, sha256_of(folder), "")(folder)),
]
# fixtures of tests/fixtures/malformed that check refuses (on the mini ledger)
REFUSED_FIXTURES = [
    "bad_kind", "bad_status", "duplicate_column", "empty", "impossible_date", "infinite_high",
    "missing_column", "nan_low", "negative_offset", "non_integer_offset", "not_utf8",
    "ragged_row", "unterminated_quote", "wrong_delimiter",
]
# fixtures whose defect is what a cell says: check's suites fail on the same claim
FAILED_FIXTURES = [
    "ambiguous_quote", "duplicate_claim_id", "low_above_high", "offsets_out_of_range",
    "quote_mismatch", "quote_not_found", "start_not_before_end", "unknown_source",
]
VALID_FIXTURES = ["formula_cell", "header_only"]


def sha256_of(folder: Path) -> str:
    return (folder / REGISTRY).read_text(encoding="utf-8").splitlines()[1].rsplit(",", 1)[1]


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    from provenance.dashboard import copy_ledger

    return copy_ledger(ROOT, tmp_path / "ledger")


def with_fixture(tmp_path: Path, fixture: str) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", folder)
    shutil.copy(MALFORMED / f"{fixture}.csv", folder / CLAIMS)
    return folder


def validate_lines(folder: Path, capsys) -> list[str]:
    assert main(["validate", "--ledger", str(folder)]) == 1
    return capsys.readouterr().out.splitlines()[:-1]  # the findings, without the summary


def assert_refused_alike(folder: Path, capsys) -> None:
    before = snapshot(folder)
    lines = validate_lines(folder, capsys)
    assert main(["check", "--ledger", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert any(captured.err == f"provenance: {line} ({HINT})\n" for line in lines), (
        captured.err, lines)
    assert snapshot(folder) == before


@pytest.mark.parametrize("defect", [d for _, d in REFUSED], ids=[i for i, _ in REFUSED])
def test_check_refuses_what_validate_refuses_with_its_line(bundled, capsys, defect):
    defect(bundled)
    assert_refused_alike(bundled, capsys)


@pytest.mark.parametrize("fixture", REFUSED_FIXTURES)
def test_check_refuses_the_malformed_fixtures_validate_refuses(tmp_path, capsys, fixture):
    assert_refused_alike(with_fixture(tmp_path, fixture), capsys)


@pytest.mark.parametrize("fixture", FAILED_FIXTURES)
def test_what_a_cell_says_fails_both_on_the_same_claim(tmp_path, capsys, fixture):
    folder = with_fixture(tmp_path, fixture)
    assert main(["validate", "--ledger", str(folder), "--json"]) == 1
    named = {f["claim_id"] for f in json.loads(capsys.readouterr().out)["findings"]
             if f["severity"] == "error"}
    assert main(["check", "--ledger", str(folder), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    failed = [r for r in out["results"] if not r["success"]]
    unchecked = {f["claim_id"] for f in out["unchecked"]}  # rows fill cannot derive
    assert named & ({claim for r in failed for claim in r["unexpected"]} | unchecked), (
        named, failed, unchecked)


@pytest.mark.parametrize("fixture", VALID_FIXTURES)
def test_a_fixture_validate_accepts_check_reads(tmp_path, capsys, fixture):
    folder = with_fixture(tmp_path, fixture)
    assert main(["validate", "--ledger", str(folder)]) == 0
    assert main(["check", "--ledger", str(folder)]) != 2


ACCEPTED = [
    ("offset with spaces", edit(CLAIMS, ",225,372,", ", 225,372 ,")),
    ("number in exponent form", edit(CLAIMS, VALUES, ",exact,5e4,50000,50000,troops,")),
    ("escaped quotes in a quoted cell", edit(CLAIMS, ",U.S. officials,", ',"U.S. ""officials""",')),
    ("CR inside a quoted cell", edit(CLAIMS, ",U.S. officials,", ',"U.S.\rofficials",')),
]


@pytest.mark.parametrize("change", [c for _, c in ACCEPTED], ids=[i for i, _ in ACCEPTED])
def test_what_validate_accepts_check_reads_as_validate_does(bundled, capsys, change):
    change(bundled)
    assert main(["validate", "--ledger", str(bundled)]) == 0, capsys.readouterr().out
    fast = run_check(load_for_check(bundled)).to_json()
    assert fast == run_check(load_ledger(bundled)).to_json()
    assert fast["success"]


def test_a_valid_ledger_is_checked_as_before(bundled, capsys):
    assert main(["check", "--ledger", str(bundled), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(run_check(load_ledger(bundled)).to_json()))


def test_a_changed_source_no_claim_cites_is_refused_by_both(tmp_path, capsys):
    folder = copy_ledger(ROOT, tmp_path / "ledger")
    register_source(folder, "uncited", "The Uncited Fictional (FICTIONAL)", "2024-11-20",
                    "A FICTIONAL article no claim cites.\n")
    (folder / "sources" / "uncited.txt").write_text("Changed after it was registered.\n",
                                                    encoding="utf-8")
    assert main(["validate", "--ledger", str(folder)]) == 1
    shown = [line for line in capsys.readouterr().out.splitlines() if "uncited" in line]
    assert main(["check", "--ledger", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"provenance: {shown[0]} ({HINT})"


def test_the_ruled_columns_are_tested_two_at_a_time(monkeypatch):
    """The load of a large ledger ends with these tests: the first two columns' tests
    each wait here until the other has started."""
    import threading

    from provenance.check.engines.pandas import refusals

    both, calls, real = threading.Barrier(2, timeout=5), [], refusals.broken_cells

    def broken_cells(column, name):
        calls.append(name)
        if len(calls) <= 2:
            both.wait()  # raises BrokenBarrierError unless the two run at once
        return real(column, name)

    monkeypatch.setattr(refusals, "broken_cells", broken_cells)
    ledger = load_for_check(ROOT)
    assert sorted(calls) == sorted(c for c in refusals.RULED_COLUMNS if c in ledger.claims)


@given(st.lists(st.text(alphabet="0123456789 +-.e\u0663\uff11\u00bdx", max_size=5), min_size=1,
                max_size=20), st.sampled_from(["start", "end", "value", "occurrence"]))
def test_check_breaks_the_cells_that_validate_refuses(cells, column):
    """The column-wise test of ``check`` (plain cells recognised without the rule) agrees
    with ``validate``'s rule on every cell."""
    from provenance.check.engines.pandas.refusals import broken_cells
    from provenance.rules import cell_holds

    expected = [cell != "" and not cell_holds(column, cell) for cell in cells]
    assert broken_cells(pd.Series(cells, dtype="str"), column).tolist() == expected
