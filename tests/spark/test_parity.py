"""The Spark engine finds exactly what the pandas engine finds.

``provenance check --json`` runs once per engine per ledger (in this process: the Spark
engine reuses the session of ``conftest.py``) on the bundled ledger, README's walkthrough
ledger with its fictional outlet, every fixture ledger and a generated ledger of 10k
claims; the two documents and exit codes are then compared part by part: conflicts
(figures and dates, and categories of text claims), pairs inside one source,
discrepancies, counts, every expectation's verdict and unexpected claim ids, the
summary, warnings, claims left unchecked and quote chains. The Parquet copy of `export
--format parquet` (`check --claims FILE`) is held to the same document.
"""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from provenance.check.engines.gx import load_suite
from provenance.check.suites import resolve
from provenance.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.spark
FIXTURES = ROOT / "tests" / "fixtures"


def _copy(tmp: Path, name: str, files: tuple[str, ...]) -> Path:
    folder = tmp / name
    folder.mkdir()
    for file in files:
        shutil.copy2(ROOT / file, folder / file)
    for name in ("sources", "expectations"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def _bundled(tmp: Path) -> Path:
    """The bundled ledger with its quote chains (``reuse.csv``)."""
    return _copy(tmp, "bundled", ("claims.csv", "reuse.csv"))


def _walkthrough(tmp: Path) -> Path:
    """README's walkthrough ledger: its commands up to the check, run in a fresh clone
    (as ``test_readme_workflow`` sets it up)."""
    from tests.test_readme_workflow import STEPS, run

    shutil.copytree(ROOT / "docs" / "example", tmp / "docs" / "example")
    folder = _copy(tmp, "walkthrough", ("claims.csv",))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp)
        for step in STEPS:
            if shlex.split(step.command)[1] == "check":
                break
            run(step.command)
    return folder


def _generated(tmp: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from check_scale import write_ledger

    return write_ledger(tmp / "generated", 10_000, skewed=True)


def _fixture(name: str):
    def copy(tmp: Path) -> Path:
        return Path(shutil.copytree(FIXTURES / name, tmp / name))
    return copy


LEDGERS = {
    "bundled": _bundled, "walkthrough": _walkthrough,
    **{p.parent.name: _fixture(p.parent.name) for p in sorted(FIXTURES.glob("*/claims.csv"))},
    "generated-10k": _generated,
}


def _check(ledger: Path, *engine: str) -> tuple[int, dict]:
    """``provenance check --json`` in this process: exit code and the printed document."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", "--ledger", str(ledger), "--json", *engine])
    return code, json.loads(out.getvalue() or "{}")


@pytest.fixture(scope="module", params=list(LEDGERS))
def ledger(request, tmp_path_factory) -> Path:
    return LEDGERS[request.param](tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="module")
def both(ledger: Path, spark) -> tuple[tuple[int, dict], tuple[int, dict]]:
    """Each engine's exit code and ``--json`` document for ``ledger``, run once."""
    return _check(ledger), _check(ledger, "--engine", "spark", "--spark-master", "local[2]")


def test_every_expectation_has_a_spark_metric(ledger: Path) -> None:
    from provenance.check.engines.spark.metrics import without_spark

    suites = [load_suite(p) for p in resolve(ledger, None)]
    assert without_spark([e for s in suites for e in s.suite.expectations]) == []


def test_the_check_ran_on_both(both) -> None:
    """Not a refusal on either side: both printed a check's document."""
    (_, pandas), (_, spark) = both
    assert "results" in pandas and "results" in spark


def test_same_exit_code(both) -> None:
    (pandas, _), (spark, _) = both
    assert spark == pandas


@pytest.mark.parametrize("text", [False, True], ids=["figures-and-dates", "categories"])
def test_same_conflicts(both, text: bool) -> None:
    (_, pandas), (_, spark) = both

    def listed(found: dict) -> list[dict]:
        return [c for c in found["conflicts"] if (c["kind"] == "text") == text]

    assert listed(spark) == listed(pandas)


@pytest.mark.parametrize("part", ["internal", "discrepancies"])
def test_same_pairs(both, part: str) -> None:
    (_, pandas), (_, spark) = both
    assert spark[part] == pandas[part]


@pytest.mark.parametrize("part", ["counts", "discrepancy_counts"])
def test_same_counts(both, part: str) -> None:
    (_, pandas), (_, spark) = both
    assert spark[part] == pandas[part]


def test_same_verdicts_and_unexpected_claims(both) -> None:
    (_, pandas), (_, spark) = both
    assert spark["success"] == pandas["success"]
    assert spark["results"] == pandas["results"]


@pytest.mark.parametrize("part", ["summary", "headline", "warnings", "unchecked"])
def test_same_report(both, part: str) -> None:
    (_, pandas), (_, spark) = both
    assert spark[part] == pandas[part]


def test_same_quote_chains(both) -> None:
    (_, pandas), (_, spark) = both
    assert spark.get("quote_chains") == pandas.get("quote_chains")


def test_the_whole_document_is_the_same(both) -> None:
    """Nothing else differs either (a part added to ``--json`` is compared too)."""
    (_, pandas), (_, spark) = both
    assert spark == pandas


@pytest.mark.parametrize("name", ["bundled", "generated-10k"])
def test_the_parquet_copy_finds_what_the_csv_does(name: str, tmp_path: Path, spark) -> None:
    """``check --engine spark --claims FILE`` on ``export --format parquet``'s copy prints
    the pandas engine's document and exit code."""
    ledger = LEDGERS[name](tmp_path)
    copy = tmp_path / "claims.parquet"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["export", "--format", "parquet", "--ledger", str(ledger),
                     "--output", str(copy)]) == 0
    spark_run = _check(ledger, "--engine", "spark", "--spark-master", "local[2]",
                       "--claims", str(copy))
    assert spark_run == _check(ledger)
