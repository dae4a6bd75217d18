"""Hostile and broken input: a clear message, exit 1 or 2, no traceback, no file changed."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from provenance.cli import main
from provenance.ledger import load_ledger
from tests.conftest import FIXTURES, snapshot
from tests.test_validate import CASES, ledger_with

BROKEN = [case for case in CASES if case[1] == 1]
UNREADABLE = [case for case in CASES if case[2] == "unreadable"]


@pytest.mark.parametrize("case", BROKEN, ids=[c[0] for c in BROKEN])
def test_fill_refuses_a_broken_ledger_and_writes_nothing(tmp_path, capsys, case):
    fixture, _, _, where, words = case
    folder = ledger_with(tmp_path, FIXTURES / "malformed" / f"{fixture}.csv")
    before = snapshot(folder)
    assert main(["fill", "--ledger", str(folder)]) == 1
    err = capsys.readouterr().err
    assert where in err and words in err
    assert "Traceback" not in err
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_extract_refuses_an_unreadable_ledger_and_writes_nothing(tmp_path, capsys, case):
    fixture, _, _, where, _ = case
    folder = ledger_with(tmp_path, FIXTURES / "malformed" / f"{fixture}.csv")
    before = snapshot(folder)
    assert main(["extract", "--ledger", str(folder)]) == 1
    assert where in capsys.readouterr().err
    assert snapshot(folder) == before


def test_a_200_mb_claims_file_is_refused_by_size(mini_ledger, capsys, monkeypatch):
    monkeypatch.setenv("PROVENANCE_MAX_CSV_MB", "64")  # the default fits the machine's memory
    claims = mini_ledger / "claims.csv"
    with claims.open("r+b") as handle:
        handle.truncate(200 * 2**20)
    before = {p: p.stat().st_size for p in mini_ledger.rglob("*") if p.is_file()}
    assert main(["validate", "--ledger", str(mini_ledger)]) == 1
    assert "file is 200.0 MiB; exact reading is limited to 64 MiB" in capsys.readouterr().out
    assert main(["fill", "--ledger", str(mini_ledger)]) == 1
    assert {p: p.stat().st_size for p in mini_ledger.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"caf\xe9 au lait\n", "sources/daily.txt:1:4: error: not UTF-8 text: byte 0xe9"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "sources/daily.txt"),
        (b"text\x00with NUL", "binary file"),
    ],
    ids=["latin-1", "png", "nul"],
)
def test_a_source_that_is_not_utf8_text_is_reported(mini_ledger, capsys, content, words):
    (mini_ledger / "sources" / "daily.txt").write_bytes(content)
    before = snapshot(mini_ledger)
    assert main(["validate", "--ledger", str(mini_ledger)]) == 1
    assert words in capsys.readouterr().out
    assert main(["fill", "--ledger", str(mini_ledger)]) == 1
    assert snapshot(mini_ledger) == before


@pytest.mark.parametrize(
    ("registry", "words"),
    [
        ("", "sources/sources.csv:1:1: error: empty file"),
        ("source_id,outlet,published,path\n", "claims.csv:2:10: error: claim daily-01: unknown"),
        ("source_id;outlet;published;path\n", "seems delimited by something other than commas"),
    ],
    ids=["empty", "header-only", "semicolons"],
)
def test_a_broken_registry_is_reported(mini_ledger, capsys, registry, words):
    (mini_ledger / "sources" / "sources.csv").write_text(registry, encoding="utf-8")
    before = snapshot(mini_ledger)
    assert main(["validate", "--ledger", str(mini_ledger)]) == 1
    assert words in capsys.readouterr().out
    assert main(["fill", "--ledger", str(mini_ledger)]) == 1
    assert snapshot(mini_ledger) == before


def test_bom_and_crlf_ledgers_are_valid_and_kept(mini_ledger, capsys):
    claims = mini_ledger / "claims.csv"
    claims.write_bytes(b"\xef\xbb\xbf" + claims.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    data = claims.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n")


UNICODE_TEXT = (
    "Cafe\u0301 owners (e\u0301) said 12 people 👩\u200d👩\u200d👧 fled.\n"
    "\u200bZero-width before this. مرحبا بالعالم reported 3 days.\n"
    "Flags 🇺🇦 and skin tones 👍🏽 cost 5 percent.\n"
)
UNICODE_QUOTES = ["Cafe\u0301 owners", "👩\u200d👩\u200d👧 fled", "\u200bZero-width",
                  "مرحبا بالعالم", "3 days", "👍🏽 cost 5 percent"]


def test_offsets_stay_code_points_in_hostile_unicode(tmp_path, capsys):
    folder = tmp_path / "u"
    shutil.copytree(FIXTURES / "mini", folder)
    data = UNICODE_TEXT.encode("utf-8")
    (folder / "sources" / "daily.txt").write_bytes(data)
    registry = folder / "sources" / "sources.csv"
    lines = registry.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + "," + hashlib.sha256(data).hexdigest()
    registry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["claim_id,source_id,fact_key,quote"] + [
        f"u-{i},daily,unicode.case_{i},{quote}" for i, quote in enumerate(UNICODE_QUOTES)
    ]
    (folder / "claims.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["fill", "--ledger", str(folder)]) == 0, capsys.readouterr()
    ledger = load_ledger(folder)
    for row in ledger.claims.to_dict("records"):
        start, end = int(row["start"]), int(row["end"])
        assert UNICODE_TEXT[start:end] == row["quote"]
        assert end - start == len(row["quote"])
    assert main(["validate", "--ledger", str(folder)]) == 0
