"""`provenance validate`: every rule, each with a real malformed fixture."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from provenance import validate
from provenance.claim_rules import Hit
from provenance.cli import main
from provenance.ledger import load_ledger
from tests.conftest import FIXTURES, snapshot

MALFORMED = FIXTURES / "malformed"

# fixture, exit code, slug, where (file:line:column), words of the message
CASES = [
    ("missing_column", 1, "unreadable", "claims.csv:1", "missing column(s) quote"),
    ("unknown_source", 1, "unknown-source", "claims.csv:2:5", "unknown source_id 'ghost'"),
    ("duplicate_claim_id", 1, "duplicate-claim-id", "claims.csv:3:1", "first on line 2"),
    ("offsets_out_of_range", 1, "span-out-of-range", "claims.csv:2:", "past the end"),
    ("start_not_before_end", 1, "empty-span", "claims.csv:2:", "is not before end"),
    (
        "quote_mismatch",
        1,
        "quote-mismatch",
        "claims.csv:2:",
        'quote "about 190 miles" does not match sources/daily.txt[162:177] = "bout 190 miles "',
    ),
    ("non_integer_offset", 1, "bad-offset", "claims.csv:2:", "start 'abc' is not"),
    ("negative_offset", 1, "bad-offset", "claims.csv:2:", "start '-5' is not"),
    ("ragged_row", 1, "unreadable", "claims.csv:2:", "row has 11 fields, the header has 10"),
    ("unterminated_quote", 1, "unreadable", "claims.csv:2:", "never closed"),
    ("wrong_delimiter", 1, "unreadable", "claims.csv:1", "other than commas"),
    ("empty", 1, "unreadable", "claims.csv:1:1", "empty file"),
    ("duplicate_column", 1, "unreadable", "claims.csv:1:", "duplicate column 'quote'"),
    ("ambiguous_quote", 1, "anchor-failed", "claims.csv:2:", "occurs 2 times"),
    ("quote_not_found", 1, "anchor-failed", "claims.csv:2:", "not found in sources/daily.txt"),
    ("bad_kind", 1, "bad-kind", "claims.csv:2:", "kind 'number' is not one of"),
    ("bad_status", 1, "bad-status", "claims.csv:2:", "status 'approved' is not one of"),
    ("nan_low", 1, "bad-number", "claims.csv:2:", "low 'nan' is not finite"),
    ("infinite_high", 1, "bad-number", "claims.csv:2:", "high 'inf' is not finite"),
    ("low_above_high", 1, "low-above-high", "claims.csv:2:", "low 209 > high 171"),
    ("impossible_date", 1, "bad-date", "claims.csv:2:", "'2024-02-30' is not a real"),
    ("not_utf8", 1, "unreadable", "claims.csv:2:", "not UTF-8: byte 0xe9"),
    ("formula_cell", 0, "formula-injection", "claims.csv:2:", "begins with '='"),
]


def ledger_with(tmp_path: Path, claims: Path) -> Path:
    """The fictional mini ledger with ``claims`` as its claims.csv."""
    folder = tmp_path / "ledger"
    shutil.copytree(FIXTURES / "mini", folder)
    shutil.copy(claims, folder / "claims.csv")
    return folder


@pytest.mark.parametrize(
    ("fixture", "code", "slug", "where", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_malformed_claims_are_reported_at_their_place(
    tmp_path, capsys, fixture, code, slug, where, words
):
    folder = ledger_with(tmp_path, MALFORMED / f"{fixture}.csv")
    before = snapshot(folder)
    assert main(["validate", "--ledger", str(folder), "--json"]) == code
    findings = json.loads(capsys.readouterr().out)["findings"]
    matching = [f for f in findings if f["slug"] == slug]
    assert matching, findings
    rendered = [
        ":".join(str(p) for p in (f["file"], f["line"], f["column"]) if p is not None)
        + ": "
        + f["message"]
        for f in matching
    ]
    assert any(r.startswith(where) and words in r for r in rendered), rendered
    assert snapshot(folder) == before


def test_header_only_ledger_is_valid(tmp_path, capsys):
    folder = ledger_with(tmp_path, MALFORMED / "header_only.csv")
    assert main(["validate", "--ledger", str(folder)]) == 0


def test_quote_only_rows_are_valid_input(mini_ledger, capsys):
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0


def test_bundled_ledger_is_valid(capsys):
    root = Path(__file__).resolve().parents[1]
    assert main(["validate", "--ledger", str(root)]) == 0, capsys.readouterr().out


def test_message_names_claim_and_both_texts(tmp_path, capsys):
    folder = ledger_with(tmp_path, MALFORMED / "quote_mismatch.csv")
    main(["validate", "--ledger", str(folder)])
    out = capsys.readouterr().out
    assert "claims.csv:2:" in out and "claim d-1:" in out


def test_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", "--ledger", str(tmp_path / "nowhere")]) == 2
    assert "no such ledger folder" in capsys.readouterr().err


SOURCE_CASES = [
    ("sha256", "0" * 64, "source-hash-mismatch", "sources/daily.txt", "changed"),
    (
        "published",
        "2024-02-30",
        "source-bad-published",
        "sources/sources.csv:2",
        "not a YYYY-MM-DD",
    ),
    (
        "published",
        "18/11/2024",
        "source-bad-published",
        "sources/sources.csv:2",
        "not a YYYY-MM-DD",
    ),
    ("path", "../claims.csv", "source-bad-path", "sources/sources.csv:2", "leaves sources/"),
    ("path", "/etc/passwd", "source-bad-path", "sources/sources.csv:2", "is absolute"),
    ("path", "missing.txt", "source-unreadable", "sources/missing.txt", "file not found"),
]


@pytest.mark.parametrize(("column", "cell", "slug", "where", "words"), SOURCE_CASES)
def test_bad_source_registry_rows_are_reported(
    mini_ledger, capsys, column, cell, slug, where, words
):
    registry = mini_ledger / "sources" / "sources.csv"
    lines = registry.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index(column)] = cell
    registry.write_text("\n".join([lines[0], ",".join(row)]) + "\n", encoding="utf-8")
    assert main(["validate", "--ledger", str(mini_ledger), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert any(
        f["slug"] == slug
        and f["file"] + (f":{f['line']}" if f["line"] else "") == where
        and words in f["message"]
        for f in findings
    ), findings


def test_symlink_out_of_sources_is_refused(mini_ledger, tmp_path, capsys):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (mini_ledger / "sources" / "link.txt").symlink_to(outside)
    registry = mini_ledger / "sources" / "sources.csv"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("daily.txt", "link.txt"), encoding="utf-8"
    )
    assert main(["validate", "--ledger", str(mini_ledger)]) == 1
    assert "links outside sources/" in capsys.readouterr().out


def test_two_rules_run_at_once_and_their_findings_keep_the_rules_order(mini_ledger,
                                                                        monkeypatch):
    both = threading.Barrier(2, timeout=10)  # broken unless the two rules run at once

    def rule(slug: str):
        def found(cells):
            both.wait()
            yield Hit(slug, None, np.array([0]), lambda _: slug, "warning", 0)
        return found

    monkeypatch.setattr(validate, "RULES", (rule("first"), rule("second")))
    findings = validate.check_claims(load_ledger(mini_ledger), warnings=False)
    assert [f.slug for f in findings] == ["first", "second"]
