"""The Spark engine finds exactly what the pandas engine finds.

The same suites run with both engines on the bundled ledger, the tutorial's fictional
outlet, every fixture ledger that checks and a generated ledger of 10k claims: the
conflicts and internal pairs (with their messages), the counts, every expectation's
verdict and unexpected claim ids, the warnings and the CLI's exit code are identical.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from provenance.check import load_for_check, run_check
from provenance.suites import load_suite, resolve

pytestmark = pytest.mark.spark
REPO = Path(__file__).resolve().parents[2]


def _bundled(tmp: Path) -> Path:
    folder = tmp / "bundled"
    folder.mkdir()
    shutil.copy2(REPO / "claims.csv", folder / "claims.csv")
    shutil.copytree(REPO / "sources", folder / "sources")
    return folder


def _tutorial(tmp: Path) -> Path:
    from provenance.demo import confirm_fictional_claims, register_fictional_outlet
    from provenance.ledger import load_ledger

    folder = _bundled(tmp)
    register_fictional_outlet(folder)
    ledger = load_ledger(folder)
    confirm_fictional_claims(ledger)
    ledger.save()
    return folder


def _fixture(name: str):
    def copy(tmp: Path) -> Path:
        return Path(shutil.copytree(REPO / "tests" / "fixtures" / name, tmp / name))
    return copy


def _generated(tmp: Path) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from check_scale import write_ledger

    return write_ledger(tmp / "generated", 10_000, skewed=True)


LEDGERS = {"bundled": _bundled, "tutorial": _tutorial, "outlets": _fixture("outlets"),
           "mini": _fixture("mini"), "generated-10k": _generated}


@pytest.fixture(scope="module", params=list(LEDGERS))
def ledger(request, tmp_path_factory) -> Path:
    return LEDGERS[request.param](tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="module")
def both(ledger: Path, spark):
    from provenance.engines.spark.run import run_check_spark

    return run_check(load_for_check(ledger)), run_check_spark(ledger, master="local[2]")


def test_every_expectation_has_a_spark_metric(ledger: Path) -> None:
    from provenance.engines.spark.metrics import without_spark

    suites = [load_suite(p) for p in resolve(ledger, None)]
    assert without_spark([e for s in suites for e in s.suite.expectations]) == []


def test_same_verdicts_and_unexpected_claims(both) -> None:
    pandas, spark = both
    assert [(o.expectation, o.suite, o.severity, o.success, o.unexpected, o.error)
            for o in spark.results] == [
        (o.expectation, o.suite, o.severity, o.success, o.unexpected, o.error)
        for o in pandas.results]
    assert spark.success == pandas.success


def test_same_conflicts_internal_pairs_and_counts(both) -> None:
    pandas, spark = both
    assert spark.conflicts.to_dict("records") == pandas.conflicts.to_dict("records")
    assert spark.internal.to_dict("records") == pandas.internal.to_dict("records")
    assert spark.counts.to_dict("records") == pandas.counts.to_dict("records")


def test_same_warnings(both) -> None:
    pandas, spark = both
    assert spark.warnings == pandas.warnings


def test_cli_exit_code_and_json_match(ledger: Path, both, capsys) -> None:
    """``provenance check --engine spark --json`` (in this process: it reuses the session)
    exits as the pandas check does and prints the pandas check's JSON."""
    from provenance.cli import main
    from provenance.jsonout import strict_dumps

    pandas, _ = both
    code = main(["check", "--ledger", str(ledger), "--engine", "spark", "--spark-master",
                 "local[2]", "--json"])
    assert code == int(not pandas.success)
    assert capsys.readouterr().out.strip() == strict_dumps(pandas.to_json(), indent=2)
