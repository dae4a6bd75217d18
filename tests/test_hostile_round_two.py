"""Hostile input, round two (issue 19, parts 3-6): suites, output paths, special files and
sizes, OS errors, Ctrl-C, environment variables, JSON and terminal output.

Every refusal row asserts the exit code, one line naming the problem (no traceback, no
"internal error"), that no byte of the ledger folder changed and that no temporary file
is left behind.
"""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.check.suites import DEFAULTS_DIR
from provenance.cli import main
from tests.conftest import FIXTURES, ROOT, snapshot

OUTLETS = FIXTURES / "outlets"
SUITE = "cross_outlet_consistency"
QUANTITY = "expect_quantity_claims_to_agree_across_sources"
WAIT = 60  # seconds a refusal may take at most (a FIFO opened would block for ever)


def temporaries(*folders: Path) -> list[Path]:
    """Temporary files of an atomic write (``.name.xxxx.tmp``) left under ``folders``."""
    return [p for folder in folders if folder.exists() for p in folder.rglob(".*.tmp")]


def finished(call: Callable[[], int]) -> int:
    """``call()``'s result, failing the test (not hanging it) after ``WAIT`` seconds."""
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(call()), daemon=True)
    worker.start()
    worker.join(WAIT)
    assert done, "the command did not finish: it blocked on a special file"
    return done[0]


def refused(capsys, argv: list[str], folder: Path, code: int, words: str) -> str:
    """Run ``argv``; assert exit ``code``, one line holding ``words``, nothing changed."""
    before = snapshot(folder)
    assert finished(lambda: main(argv)) == code
    out, err = capsys.readouterr()
    text = out + err
    assert "Traceback" not in text and "internal error" not in text, text
    lines = [line for line in text.splitlines() if words in line]
    assert len(lines) == 1, text
    assert snapshot(folder) == before
    assert not temporaries(folder)
    return lines[0]


@pytest.fixture
def outlets(tmp_path: Path) -> Path:
    """The fictional four-outlet ledger, whose claims conflict (a check fails, exit 1)."""
    return Path(shutil.copytree(OUTLETS, tmp_path / "outlets"))


# --- 3. suites are validated before they run ------------------------------------------

def _set(index: int, **fields) -> Callable[[dict], None]:
    def change(suite: dict) -> None:
        suite["expectations"][index].update(fields)
    return change


def _kwargs(index: int, **kwargs) -> Callable[[dict], None]:
    def change(suite: dict) -> None:
        suite["expectations"][index]["kwargs"].update(kwargs)
    return change


def _rename_kwarg(index: int, old: str, new: str) -> Callable[[dict], None]:
    def change(suite: dict) -> None:
        kwargs = suite["expectations"][index]["kwargs"]
        kwargs[new] = kwargs.pop(old)
    return change


Q = f"expectations/{SUITE}.json: expectation 1 ({QUANTITY}): "
SUITE_CASES = [
    ("misspelt-type", _set(0, type="expect_quantity_claims_to_agree_across_source"),
     f'expectation 1: type "expect_quantity_claims_to_agree_across_source" is unknown; '
     f'did you mean "{QUANTITY}"?'),
    ("unknown-type", _set(1, type="expect_numeric_claims_to_agree"),
     'expectation 2: type "expect_numeric_claims_to_agree" is unknown'),
    ("misspelt-kwarg", _rename_kwarg(0, "approx_tolerance", "approx_tolerence"),
     Q + 'kwarg "approx_tolerence" is unknown; did you mean "approx_tolerance"?'),
    ("nan-kwarg", _kwargs(0, approx_tolerance=math.nan),
     Q + 'kwarg "approx_tolerance" is NaN; give a finite number'),
    ("infinite-kwarg", _kwargs(0, min_overlap=-math.inf),
     Q + 'kwarg "min_overlap" is -Infinity; give a finite number'),
    ("negative-tolerance", _kwargs(0, approx_tolerance=-0.1),
     Q + 'kwarg "approx_tolerance" = -0.1: ensure this value is greater than or equal to 0'),
    ("absurd-tolerance", _kwargs(0, approx_tolerance=50),
     Q + 'kwarg "approx_tolerance" = 50: ensure this value is less than or equal to 1'),
    ("mostly-above-one", _kwargs(0, mostly=1.5),
     Q + 'kwarg "mostly" = 1.5: ensure this value is less than or equal to 1'),
    ("wrong-type", _kwargs(0, approx_tolerance="ten percent"),
     Q + 'kwarg "approx_tolerance" = "ten percent": value is not a valid float'),
    ("huge-integer", _kwargs(0, round_figure_min_zeros=10**30),
     Q + 'kwarg "round_figure_min_zeros" is 1000000000000000000000000000000, beyond 64-bit'),
    ("negative-days", _set(2, kwargs={"min_overlap_days": -10**9}),
     "expectation 3 (expect_date_claims_to_agree_across_sources): kwarg \"min_overlap_days\""
     " = -1000000000: ensure this value is greater than or equal to -36525"),
    ("unknown-severity", _set(0, severity="fatal"),
     Q + 'severity "fatal" is unknown (GX knows critical, warning, info)'),
    ("misspelt-severity", _set(0, severity="warn"),
     Q + 'severity "warn" is unknown (GX knows critical, warning, info); did you mean '
     '"warning"?'),
    ("misspelt-key",
     lambda s: s["expectations"][0].update(kwarg=s["expectations"][0].pop("kwargs")),
     Q + 'key "kwarg" is unknown; did you mean "kwargs"?'),
    ("column-not-in-ledger", _kwargs(0, column_list=["claim_idd", "source_id"]),
     Q + 'column "claim_idd" is not a column of the ledger or the check; did you mean '
     '"claim_id"?'),
    ("broken-regex", lambda s: s["expectations"].append(
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "claim_id", "regex": "(["}}),
     'expect_column_values_to_match_regex): kwarg "regex" is not a regular expression'),
    ("not-an-object", lambda s: s["expectations"].append(["expect_column_to_exist"]),
     'must be an object with a "type"'),
]


@pytest.mark.parametrize(("change", "words"), [c[1:] for c in SUITE_CASES],
                         ids=[c[0] for c in SUITE_CASES])
def test_suite_refusals(outlets, capsys, change, words):
    suite = json.loads((DEFAULTS_DIR / f"{SUITE}.json").read_text())
    change(suite)
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / f"{SUITE}.json").write_text(json.dumps(suite))
    line = refused(capsys, ["check", "--ledger", str(outlets)], outlets, 2, words)
    assert line.startswith(f"provenance: expectations/{SUITE}.json: ")


def test_malformed_suite_json_names_file_line_and_column(outlets, capsys):
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / "one.json").write_text('{\n  "expectations": [\n    {,]}\n')
    refused(capsys, ["check", "--ledger", str(outlets)], outlets, 2,
            "provenance: expectations/one.json:3:6: not JSON: Expecting property name")


def test_an_expectation_gx_cannot_evaluate_is_no_pass(outlets, capsys):
    suite = json.loads((DEFAULTS_DIR / f"{SUITE}.json").read_text())
    quantity = suite["expectations"][0]
    quantity["kwargs"]["column_list"] = [c for c in quantity["kwargs"]["column_list"]
                                         if c != "unit"]
    quantity["severity"] = "info"  # even an info expectation that raised fails the check
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / f"{SUITE}.json").write_text(json.dumps(suite))
    refused(capsys, ["check", "--ledger", str(outlets)], outlets, 2,
            f"provenance: check did not run: [{SUITE}] {QUANTITY} raised an error: "
            "column_list lacks unit")


def test_a_valid_suite_still_finds_the_conflicts(outlets, capsys):
    suite = json.loads((DEFAULTS_DIR / f"{SUITE}.json").read_text())
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / f"{SUITE}.json").write_text(json.dumps(suite))
    assert main(["check", "--ledger", str(outlets)]) == 1
    assert capsys.readouterr().out.startswith("7 conflicts and 0 discrepancies")


# --- 4. output confined ---------------------------------------------------------------

def _link_to_claims(ledger: Path, tmp: Path) -> Path:
    link = tmp / "innocent.csv"
    link.symlink_to(ledger / "claims.csv")
    return link


def _link_to_sources(ledger: Path, tmp: Path) -> Path:
    link = tmp / "docs"
    link.symlink_to(ledger / "sources", target_is_directory=True)
    return link


EXPORT_TARGETS = [
    ("claims", lambda led, tmp: led / "claims.csv", "(claims.csv)"),
    ("registry", lambda led, tmp: led / "sources" / "sources.csv", "(sources/)"),
    ("stored-article", lambda led, tmp: led / "sources" / "courier.txt", "(sources/)"),
    ("new-file-in-sources", lambda led, tmp: led / "sources" / "new.csv", "(sources/)"),
    ("suite", lambda led, tmp: led / "expectations" / f"{SUITE}.json", "(expectations/)"),
    ("lock-file", lambda led, tmp: led / ".provenance.lock", "(.provenance.lock)"),
    ("dot-dot", lambda led, tmp: led / "sources" / ".." / "claims.csv", "(claims.csv)"),
    ("symlink", _link_to_claims, "(claims.csv)"),
]


@pytest.mark.parametrize(("target", "part"), [c[1:] for c in EXPORT_TARGETS],
                         ids=[c[0] for c in EXPORT_TARGETS])
def test_export_refuses_the_ledger_s_own_files(outlets, tmp_path, capsys, target, part):
    (outlets / "expectations").mkdir()
    shutil.copy(DEFAULTS_DIR / f"{SUITE}.json", outlets / "expectations")
    output = target(outlets, tmp_path)
    refused(capsys, ["export", "--spreadsheet-safe", "--ledger", str(outlets), "--output",
                     str(output)], outlets, 2,
            f"provenance: --output {output} is inside the ledger's own files {part}")


DOCS_TARGETS = [
    ("sources", lambda led, tmp: led / "sources", "(sources/)"),
    ("new-folder-in-sources", lambda led, tmp: led / "sources" / "docs", "(sources/)"),
    ("expectations", lambda led, tmp: led / "expectations", "(expectations/)"),
    ("symlink", _link_to_sources, "(sources/)"),
]


@pytest.mark.parametrize(("target", "part"), [c[1:] for c in DOCS_TARGETS],
                         ids=[c[0] for c in DOCS_TARGETS])
def test_data_docs_refuse_the_ledger_s_own_files(outlets, tmp_path, capsys, target, part):
    (outlets / "expectations").mkdir()
    shutil.copy(DEFAULTS_DIR / f"{SUITE}.json", outlets / "expectations")
    folder = target(outlets, tmp_path)
    refused(capsys, ["check", "--ledger", str(outlets), "--data-docs", str(folder)], outlets, 2,
            f"provenance: --data-docs {folder} is inside the ledger's own files {part}")


HOSTILE_NAMES = ["../escaped", "/tmp/absolute-provenance-test", "..", "index",
                 "<img src=x onerror=alert(1)>", "a/b/../../../c", "."]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_data_docs_pages_stay_in_their_folder(outlets, tmp_path, capsys, name):
    suite = json.loads((DEFAULTS_DIR / f"{SUITE}.json").read_text())
    suite["name"] = name
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / f"{SUITE}.json").write_text(json.dumps(suite))
    docs = tmp_path / "out" / "docs"
    before_ledger, outside = snapshot(outlets), sorted(p for p in tmp_path.rglob("*"))
    assert main(["check", "--ledger", str(outlets), "--data-docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert f"wrote 2 Data Docs page(s) to {docs}" in err and "Traceback" not in err
    assert snapshot(outlets) == before_ledger
    new = sorted(set(tmp_path.rglob("*")) - set(outside))
    assert all(p == docs or docs in p.parents or p == docs.parent for p in new), new
    pages = sorted(p.name for p in docs.iterdir())
    assert len(pages) == 2 and "index.html" in pages and not temporaries(docs)
    assert not Path("/tmp/absolute-provenance-test.html").exists()


SCRIPT = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(2)">x</a>'
HOVER = "<b onmouseover=alert>"


def test_data_docs_escape_every_string_a_suite_supplies(outlets, tmp_path, capsys):
    suite = json.loads((DEFAULTS_DIR / f"{SUITE}.json").read_text())
    suite["name"] = SCRIPT
    suite["notes"] = LINK
    first = suite["expectations"][0]
    first.update(description=LINK + SCRIPT, notes=SCRIPT,
                 meta={"notes": {"format": "markdown", "content": [f"[x](javascript:alert(3))"
                                                                   f" {SCRIPT}"]}})
    suite["expectations"].append({"type": "expect_column_values_to_match_regex",
                                  "kwargs": {"column": "claim_id", "regex": HOVER + "|.*"}})
    (outlets / "expectations").mkdir()
    (outlets / "expectations" / f"{SUITE}.json").write_text(json.dumps(suite))
    docs = tmp_path / "docs"
    assert main(["check", "--ledger", str(outlets), "--data-docs", str(docs)]) == 1
    capsys.readouterr()
    for page in docs.iterdir():
        text = page.read_text(encoding="utf-8")
        for payload in (SCRIPT, LINK, HOVER, 'href="javascript', "href='javascript"):
            assert payload not in text, (page.name, payload)


# --- 5. special files and sizes -------------------------------------------------------

def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


def _suite_fifo(ledger: Path) -> None:
    (ledger / "expectations").mkdir()
    shutil.copy(DEFAULTS_DIR / f"{SUITE}.json", ledger / "expectations")
    os.mkfifo(ledger / "expectations" / "other.json")


SPECIAL = [
    ("claims-fifo-validate", "validate", lambda led: _fifo(led / "claims.csv"), 1,
     "claims.csv: error: is a FIFO (named pipe), not a regular file"),
    ("claims-fifo-fill", "fill", lambda led: _fifo(led / "claims.csv"), 1,
     "claims.csv: is a FIFO (named pipe), not a regular file"),
    ("claims-fifo-check", "check", lambda led: _fifo(led / "claims.csv"), 2,
     "claims.csv: error: is a FIFO (named pipe), not a regular file"),
    ("claims-dev-zero", "validate", lambda led: _dev_zero(led / "claims.csv"), 1,
     "claims.csv: error: is a character device, not a regular file"),
    ("claims-folder", "fill", lambda led: _folder(led / "claims.csv"), 1,
     "claims.csv: is a folder, not a regular file"),
    ("registry-fifo", "validate", lambda led: _fifo(led / "sources" / "sources.csv"), 1,
     "sources/sources.csv: error: is a FIFO (named pipe), not a regular file"),
    ("registry-dev-zero", "check", lambda led: _dev_zero(led / "sources" / "sources.csv"), 2,
     "sources/sources.csv: error: is a character device, not a regular file"),
    ("source-fifo", "validate", lambda led: _fifo(led / "sources" / "courier.txt"), 1,
     "sources/courier.txt: error: source courier: is a FIFO (named pipe), not a regular file"),
    ("source-dev-zero", "fill", lambda led: _dev_zero(led / "sources" / "courier.txt"), 1,
     "sources/sources.csv:3: error: path 'courier.txt' links outside sources/"),
    ("source-too-large", "validate",
     lambda led: os.truncate(led / "sources" / "courier.txt", 33 * 2**20), 1,
     "source courier: file is 33.0 MiB; a source is limited to 32 MiB"),
    ("suite-fifo", "check", _suite_fifo, 2,
     "expectations/other.json: is a FIFO (named pipe), not a regular file"),
]


@pytest.mark.parametrize(("command", "make", "code", "words"), [c[1:] for c in SPECIAL],
                         ids=[c[0] for c in SPECIAL])
def test_special_files_are_refused_unopened(outlets, capsys, command, make, code, words):
    make(outlets)
    refused(capsys, [command, "--ledger", str(outlets)], outlets, code, words)


def _fastest_parse(columns: int) -> float:
    """The best of three parses of a ``columns``-wide header and one empty row."""
    from provenance.csvio import parse

    text = ",".join(f"c{i}" for i in range(columns)) + "\n" + "," * (columns - 1) + "\n"
    best = math.inf
    for _ in range(3):
        started = time.process_time()
        parse(text, "claims.csv")
        best = min(best, time.process_time() - started)
    return best


def test_a_200k_column_header_is_read_whole():
    from provenance.csvio import parse

    header = ",".join(f"c{i}" for i in range(200_000))
    assert len(parse(header + "\n" + "," * 199_999 + "\n", "claims.csv").header) == 200_000
    with pytest.raises(Exception, match="claims.csv:1:1488891: duplicate column 'c199999'"):
        parse(header + ",c199999\n", "claims.csv")


def test_a_header_ten_times_wider_costs_far_less_than_a_hundred_times_more():
    """Linear growth is about 10x; a per-column scan of the header would be 100x."""
    assert _fastest_parse(200_000) < 40 * max(_fastest_parse(20_000), 1e-3)


# --- 6. every failure is a sentence ---------------------------------------------------

def _export(ledger: Path, output: Path) -> list[str]:
    return ["export", "--spreadsheet-safe", "--ledger", str(ledger), "--output", str(output)]


def _fail_fsync(number: int, reason: str) -> Callable:
    def fsync(fd: int) -> None:
        raise OSError(number, reason)
    return fsync


def _refuse_mkstemp(*args, **kwargs):
    raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir"))


OS_CASES = [
    ("missing-folder", lambda tmp, mp: tmp / "nowhere" / "out.csv",
     "out.csv: the folder {tmp}/nowhere does not exist"),
    ("output-is-a-folder", lambda tmp, mp: tmp, "--output {tmp} is a folder; give a file name"),
    ("parent-is-a-file", lambda tmp, mp: (tmp / "f").write_text("") or tmp / "f" / "out.csv",
     "out.csv: the folder {tmp}/f is not a folder"),
    ("permission-denied",
     lambda tmp, mp: mp.setattr("provenance.atomic.tempfile.mkstemp", _refuse_mkstemp)
     or tmp / "out.csv", "{tmp}/out.csv: cannot write: Permission denied"),
    ("disk-full",
     lambda tmp, mp: mp.setattr("provenance.atomic.os.fsync",
                                _fail_fsync(errno.ENOSPC, "No space left on device"))
     or tmp / "out.csv", "{tmp}/out.csv: cannot write: No space left on device"),
    ("read-only-filesystem",
     lambda tmp, mp: mp.setattr("provenance.atomic.os.fsync",
                                _fail_fsync(errno.EROFS, "Read-only file system"))
     or tmp / "out.csv", "{tmp}/out.csv: cannot write: Read-only file system"),
]


@pytest.mark.parametrize(("target", "words"), [c[1:] for c in OS_CASES],
                         ids=[c[0] for c in OS_CASES])
def test_os_errors_are_one_sentence(outlets, tmp_path, capsys, monkeypatch, target, words):
    out = tmp_path / "out"
    out.mkdir()
    output = target(out, monkeypatch)
    refused(capsys, _export(outlets, output), outlets, 2, words.format(tmp=out))
    assert not temporaries(out) and not (out / "out.csv").exists()


def test_an_os_error_anywhere_names_its_path(mini_ledger, capsys, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(mini_ledger / "claims.csv"))

    monkeypatch.setattr("provenance.ledger.load_ledger", denied)
    refused(capsys, ["fill", "--ledger", str(mini_ledger)], mini_ledger, 2,
            f"provenance: {mini_ledger / 'claims.csv'}: Permission denied")


def test_data_docs_into_a_file_is_one_sentence(outlets, tmp_path, capsys):
    target = tmp_path / "file.html"
    target.write_text("")
    refused(capsys, ["check", "--ledger", str(outlets), "--data-docs", str(target)], outlets, 2,
            f"provenance: --data-docs {target} is not a folder")


@pytest.mark.parametrize("value", ["abc", "-5", "0", "nan", "1e400", "99999999999"])
def test_a_bad_size_variable_is_named(mini_ledger, capsys, monkeypatch, value):
    monkeypatch.setenv("PROVENANCE_MAX_CSV_MB", value)
    for command in ("validate", "fill"):
        refused(capsys, [command, "--ledger", str(mini_ledger)], mini_ledger, 2,
                f"provenance: environment variable PROVENANCE_MAX_CSV_MB={value!r} is not a "
                "size in MiB")


def test_ctrl_c_in_a_command_exits_130_quietly(mini_ledger, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("provenance.ledger.load_ledger", interrupted)
    before = snapshot(mini_ledger)
    assert main(["fill", "--ledger", str(mini_ledger)]) == 130
    assert capsys.readouterr() == ("", "")
    assert snapshot(mini_ledger) == before


def _ctrl_c_default() -> None:
    """Ctrl-C's default in the child: a test run started in the background (``pytest &``,
    as some CI runners do) ignores SIGINT, every child inherits that, and the command
    rightly leaves an ignored Ctrl-C ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_the_check_imports_great_expectations_exits_130_quietly(tmp_path):
    ledger = Path(shutil.copytree(OUTLETS, tmp_path / "outlets"))
    script = ("import sys; from provenance.cli import run; print('started', flush=True); "
              f"sys.argv = ['provenance', 'check', '--ledger', {str(ledger)!r}]; run()")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_default)
    assert child.stdout.readline() == "started\n"
    time.sleep(0.3)  # well inside the lazy imports (great_expectations takes seconds)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=WAIT)
    assert child.returncode == 130, err
    assert err == "" and out == ""


def _strict(text: str):
    def refuse(token: str):
        raise ValueError(f"not strict JSON: {token}")
    return json.loads(text, parse_constant=refuse)


def test_json_output_is_strict_json(mini_ledger, tmp_path, capsys, monkeypatch):
    from provenance.extract import Mention
    from provenance.values import Value

    value = Value("quantity", "exact", math.inf, -math.inf, math.nan, "mile")
    infinite = Mention(0, 3, "inf", "quantity", value)
    monkeypatch.setattr(sys.modules["provenance.extract"], "extract",
                        lambda text, published: [infinite])
    article = tmp_path / "a.txt"
    article.write_text("inf miles\n", encoding="utf-8")
    assert main(["extract", str(article), "--published", "2024-01-02", "--json"]) == 0
    assert _strict(capsys.readouterr().out)[0]["low"] is None
    main(["validate", "--ledger", str(mini_ledger), "--json"])
    assert _strict(capsys.readouterr().out)["ok"] in (True, False)
    main(["check", "--ledger", str(OUTLETS), "--json"])
    assert _strict(capsys.readouterr().out)["success"] is False


def test_strict_dumps_maps_nan_and_infinities_to_null():
    from provenance.jsonout import strict_dumps

    data = {"a": math.nan, "b": [math.inf, -math.inf, 1.5], "c": ({"d": math.nan},)}
    assert _strict(strict_dumps(data)) == {"a": None, "b": [None, None, 1.5], "c": [{"d": None}]}


ESCAPE = "\x1b]8;;http://evil\x07\x1b[2J"


def test_terminal_control_characters_are_escaped_in_findings_and_reports(outlets, capsys):
    claims = outlets / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    width = text.splitlines()[0].count(",")
    row = f"bad{ESCAPE}id,courier,x.y,quantity,no such{ESCAPE} quote"
    claims.write_text(text + row + "," * (width - row.count(",")) + "\n", encoding="utf-8")
    main(["validate", "--ledger", str(outlets)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]8;;http://evil\\x07" in out
    registry = outlets / "sources" / "sources.csv"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "Harbor Courier", f"Harbor Courier{ESCAPE}"), encoding="utf-8")
    main(["check", "--ledger", str(OUTLETS)])
    main(["check", "--ledger", str(outlets)])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_check_report_lines_escape_control_characters():
    import pandas as pd

    from provenance.check import CheckResult, ExpectationOutcome
    from provenance.check.report import render

    frame = pd.DataFrame({"fact_key": [f"k{ESCAPE}"], "kind": ["quantity"],
                          "message": [f"The Courier{ESCAPE} says 3"]})
    counts = pd.DataFrame({"fact_key": [f"k{ESCAPE}"], "kind": ["quantity"], "claims": [2],
                           "cross_pairs": [1], "internal_pairs": [0]})
    outcome = ExpectationOutcome("expect_x", False, [f"id{ESCAPE}"], "critical", "s")
    text = render(CheckResult(False, frame, frame.iloc[:0], counts, [outcome]))
    assert "\x1b" not in text and "\x07" not in text
    assert "The Courier\\x1b]8;;http://evil\\x07\\x1b[2J says 3" in text
