"""The command line: thin, exit codes as documented, no tracebacks, documented in README."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.cli import build_parser, main
from tests.conftest import FIXTURES, ROOT, snapshot


def subcommands() -> list[str]:
    """Every subcommand the parser knows."""
    action = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", subcommands())
def test_every_command_is_documented_in_the_readme(command):
    assert f"provenance {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_bad_input_gets_one_line_and_no_traceback(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "sources").mkdir()
    (folder / "sources" / "sources.csv").write_bytes(b"\xff\xfe garbage")
    result = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "fill", "--ledger", str(folder)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("provenance: sources/sources.csv:1:1: not UTF-8: byte 0xff")


def test_usage_errors_exit_2(capsys):
    assert main(["extract"]) == 2
    assert "give FILE and --published" in capsys.readouterr().err


def test_unknown_command_exits_2(capsys):
    assert main(["frobnicate"]) == 2


def test_extract_json_spans_are_exact(tmp_path, capsys):
    path = FIXTURES / "mini" / "sources" / "daily.txt"
    assert main(["extract", str(path), "--published", "2024-11-18", "--json"]) == 0
    mentions = json.loads(capsys.readouterr().out)
    text = path.read_bytes().decode("utf-8")
    assert mentions
    for mention in mentions:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert set(mention) >= {"start", "end", "text", "kind", "qualifier", "low", "high", "unit"}


def test_extract_table_lists_each_mention(capsys):
    path = FIXTURES / "mini" / "sources" / "daily.txt"
    assert main(["extract", str(path), "--published", "2024-11-18"]) == 0
    out = capsys.readouterr().out
    assert "about 190 miles" in out and out.rstrip().endswith("mention(s)")


def test_extract_ledger_adds_candidates_once(mini_ledger, capsys):
    assert main(["extract", "--ledger", str(mini_ledger), "--source", "daily"]) == 0
    first = (mini_ledger / "claims.csv").read_bytes()
    assert b",candidate," in first
    assert main(["extract", "--ledger", str(mini_ledger), "--source", "daily"]) == 0
    assert (mini_ledger / "claims.csv").read_bytes() == first
    assert "added 0 candidate" in capsys.readouterr().out


def test_extract_ledger_keeps_existing_claims_untouched(mini_ledger):
    main(["fill", "--ledger", str(mini_ledger)])
    before = (mini_ledger / "claims.csv").read_text(encoding="utf-8")
    main(["extract", "--ledger", str(mini_ledger), "--source", "daily"])
    after = (mini_ledger / "claims.csv").read_text(encoding="utf-8")
    assert after.startswith(before)


def test_extract_ledger_does_not_read_back_what_it_wrote(mini_ledger, monkeypatch):
    from provenance.ledger import Ledger

    saves = []
    save = Ledger.save
    monkeypatch.setattr(Ledger, "save", lambda self, **kw: saves.append(kw) or save(self, **kw))
    assert main(["extract", "--ledger", str(mini_ledger), "--source", "daily"]) == 0
    assert saves == [{"reread": False}]  # the command is done with the ledger: no copy
    assert b",candidate," in (mini_ledger / "claims.csv").read_bytes()


def test_fill_reports_what_it_did(mini_ledger, capsys):
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    assert "anchored 3" in capsys.readouterr().out


def test_export_spreadsheet_safe_neutralises_a_copy(mini_ledger, tmp_path, capsys):
    claims = mini_ledger / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("keep me", "=1+2"),
                      encoding="utf-8")
    before = snapshot(mini_ledger)
    output = tmp_path / "safe.csv"
    assert main(["export", "--spreadsheet-safe", "--output", str(output),
                 "--ledger", str(mini_ledger)]) == 0
    assert ",'=1+2" in output.read_text(encoding="utf-8")
    assert snapshot(mini_ledger) == before


def test_export_refuses_to_overwrite_the_ledger(mini_ledger, capsys):
    target = Path(mini_ledger) / "claims.csv"
    assert main(["export", "--spreadsheet-safe", "--output", str(target),
                 "--ledger", str(mini_ledger)]) == 2


def test_check_passes_on_the_bundled_ledger(capsys):
    assert main(["check", "--ledger", str(ROOT)]) == 0
    assert capsys.readouterr().out.startswith("No conflicts or discrepancies across 2 outlets")


def test_check_fails_on_conflicting_outlets_and_json_equals_the_library(tmp_path, capsys):
    from provenance.check import load_for_check, run_check

    folder = tmp_path / "outlets"
    shutil.copytree(FIXTURES / "outlets", folder)
    assert main(["check", "--ledger", str(folder), "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(run_check(load_for_check(folder)).to_json()))
    assert printed["conflicts"]


def console_script(*args: str, stdout: int = subprocess.PIPE, unbuffered: bool = False):
    """The installed ``provenance`` command (the console script) run with ``args``."""
    script = Path(sys.executable).with_name("provenance")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update({"PYTHONUNBUFFERED": "1"} if unbuffered else {})
    return subprocess.run([str(script), *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=env, check=False)


@pytest.fixture
def outlets_ledger(tmp_path: Path) -> Path:
    folder = tmp_path / "outlets"
    shutil.copytree(FIXTURES / "outlets", folder)
    return folder


def test_the_command_exits_with_the_check_code_after_its_whole_report(outlets_ledger):
    result = console_script("check", "--ledger", str(outlets_ledger), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["conflicts"]


@pytest.mark.parametrize("unbuffered", [False, True],
                         ids=["report left in the buffer", "report written as printed"])
def test_the_command_exits_1_quietly_when_its_reader_has_gone(unbuffered):
    read, write = os.pipe()
    os.close(read)
    try:
        result = console_script("check", "--ledger", str(ROOT), stdout=write,
                                unbuffered=unbuffered)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, b"")


def test_check_on_an_unreadable_ledger_exits_2(tmp_path, capsys):
    folder = tmp_path / "ledger"
    shutil.copytree(FIXTURES / "mini", folder)
    shutil.copy(FIXTURES / "malformed" / "unterminated_quote.csv", folder / "claims.csv")
    assert main(["check", "--ledger", str(folder)]) == 2
    assert "claims.csv:2:" in capsys.readouterr().err


def test_check_writes_data_docs(tmp_path, capsys):
    docs = tmp_path / "docs"
    assert main(["check", "--ledger", str(ROOT), "--data-docs", str(docs)]) == 0
    assert (docs / "index.html").is_file()


def _recapture(folder: Path, old: str, new: str) -> None:
    """Edit a stored source as a re-capture would (its registered sha256 goes stale)."""
    source = folder / "sources" / "daily.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_reanchor_moves_claims_and_records_the_new_hash(mini_ledger, capsys):
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    _recapture(mini_ledger, "FICTIONAL:", "UPDATED 2024-11-19.\nFICTIONAL:")
    assert main(["validate", "--ledger", str(mini_ledger)]) == 1
    assert main(["reanchor", "--ledger", str(mini_ledger)]) == 0
    assert "0 unchanged, 3 moved, 0 changed, 0 orphaned" in capsys.readouterr().out
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0


def test_reanchor_keeps_orphans_and_check_reports_them(mini_ledger, capsys):
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    _recapture(mini_ledger, "The convoy travelled about 190 miles — roughly 300 km — in two days.",
               "The convoy's route was not disclosed.")
    assert main(["reanchor", "--ledger", str(mini_ledger)]) == 1
    out = capsys.readouterr().out
    assert "daily-02: orphaned: 'about 190 miles' (kept, status orphaned)" in out
    rows = (mini_ledger / "claims.csv").read_text(encoding="utf-8")
    assert "daily-02" in rows and ",orphaned," in rows
    assert main(["check", "--ledger", str(mini_ledger), "--json"]) == 1
    failed = [r for r in json.loads(capsys.readouterr().out)["results"] if not r["success"]]
    assert any("daily-02" in r["unexpected"] for r in failed)


def test_reanchor_without_changes_writes_nothing(mini_ledger, capsys):
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    before = snapshot(mini_ledger)
    assert main(["reanchor", "--ledger", str(mini_ledger)]) == 0
    assert "nothing to re-anchor" in capsys.readouterr().out
    assert snapshot(mini_ledger) == before


def test_check_runs_only_the_named_suite(capsys):
    assert main(["check", "--ledger", str(ROOT), "--suite", "ledger_integrity", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert not any("agree_across_sources" in r["expectation"] for r in results)


def test_check_with_an_unknown_suite_is_a_usage_error(capsys):
    assert main(["check", "--ledger", str(ROOT), "--suite", "nope"]) == 2
    assert "no suite 'nope'" in capsys.readouterr().err


def test_check_reads_a_parquet_copy_with_the_spark_engine_only(tmp_path, capsys):
    assert main(["check", "--ledger", str(ROOT), "--claims", str(tmp_path / "c.parquet")]) == 2
    assert capsys.readouterr().err.strip().endswith("is read by --engine spark only")
