"""Shared fixtures: the bundled ledger and fictional ledgers copied to temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from provenance.dashboard import copy_ledger
from provenance.values import figure_shapes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# property tests test behaviour; speed is measured by benchmarks/, not by a per-example
# deadline that a busy machine misses
settings.register_profile("behaviour", deadline=None)
settings.load_profile("behaviour")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder``, to prove a command changed nothing."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def no_figure_shapes_read() -> None:
    """Every test reads figures as if none had been read before (values/figure_shapes
    keeps the readings of figures' shapes for the process), so tests that count the
    work done do not depend on the tests run before them."""
    figure_shapes.forget()


@pytest.fixture
def seed_ledger(tmp_path: Path) -> Path:
    """A temporary copy of the bundled ledger (claims.csv and sources/)."""
    return copy_ledger(ROOT, tmp_path / "ledger")


@pytest.fixture
def mini_ledger(tmp_path: Path) -> Path:
    """A temporary copy of the fictional one-source ledger in tests/fixtures/mini."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target
