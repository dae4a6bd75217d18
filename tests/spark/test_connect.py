"""The Spark engine through Spark Connect: ``SPARK_REMOTE=local[2]`` makes pyspark start a
Connect server (on loopback) and the check runs as its client, with the same findings.

A Connect server cannot start in a process that already has a classic Spark session (the
one of ``conftest.py``), so the check runs in a child process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.spark.conftest import java_executable

pytestmark = pytest.mark.spark
pytest.importorskip("grpc", reason="Spark Connect needs the [spark] extra's pyspark[connect]")


def _check(ledger: Path, **env: str) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "provenance.cli", "check", "--ledger",
                           str(ledger), "--json", *(["--engine", "spark"] if env else [])],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    return done.returncode, json.loads(done.stdout or "{}")


def test_spark_connect_finds_what_pandas_finds(tmp_path: Path) -> None:
    """The bundled ledger with its quote chains: the whole ``--json`` document and exit code."""
    java_executable()
    ledger = tmp_path / "bundled"
    ledger.mkdir()
    for name in ("claims.csv", "reuse.csv"):
        shutil.copy2(ROOT / name, ledger / name)
    for name in ("sources", "expectations"):
        shutil.copytree(ROOT / name, ledger / name)
    assert _check(ledger, SPARK_REMOTE="local[2]") == _check(ledger)
