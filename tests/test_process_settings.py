"""Process-wide settings belong to the command line: the library leaves the process alone."""

from __future__ import annotations

import gc
from pathlib import Path

import pyarrow as pa
import pytest

import provenance.check.engines.pandas.batch as check_batch
import provenance.check.engines.pandas.process_settings as settings
import provenance.check.engines.pandas.run as check
import provenance.check.report as report_module
import provenance.ledger as ledger_module
import provenance.validate_load as validate_load
from provenance.check import load_for_check, run_check
from provenance.cli import main
from provenance.validate import validate_ledger

OUTLETS = Path(__file__).resolve().parent / "fixtures" / "outlets"


def process_state() -> tuple[bool, str]:
    """What the settings change: the cyclic collector and Arrow's memory pool."""
    return gc.isenabled(), pa.default_memory_pool().backend_name


def spied(monkeypatch, seen: list) -> None:
    """Record the process's state while loading (the registry) and checking (the batch)."""
    def spy(real):
        return lambda *args, **kwargs: seen.append(process_state()) or real(*args, **kwargs)

    monkeypatch.setattr(ledger_module, "read_registry", spy(ledger_module.read_registry))
    monkeypatch.setattr(check, "build_batch", spy(check_batch.build_batch))


def preferred_pool() -> str:
    return next(n for n in settings.ARROW_POOLS if n in pa.supported_memory_backends())


def test_the_library_loads_and_checks_with_the_process_as_it_is(monkeypatch):
    seen: list = []
    spied(monkeypatch, seen)
    before = process_state()
    run_check(load_for_check(OUTLETS))
    assert seen == [before, before]
    assert process_state() == before


def test_the_check_command_loads_and_checks_under_its_settings(monkeypatch, capsys):
    seen: list = []
    spied(monkeypatch, seen)
    before = process_state()
    main(["check", "--ledger", str(OUTLETS)])
    assert seen == [(False, preferred_pool())] * 2
    assert process_state() == before
    assert "conflict" in capsys.readouterr().out


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_the_check_command_writes_its_report_before_undoing_its_settings(
        monkeypatch, capsys, output):
    """Collection turned back on would walk every object the check made."""
    import provenance.check.results as results

    seen: list = []
    for owner, name in [(results, "_pairs_json"), (report_module, "_section")]:
        real = getattr(owner, name)
        monkeypatch.setattr(owner, name, lambda *a, real=real, **k: seen.append(process_state())
                            or real(*a, **k))
    before = process_state()
    main(["check", "--ledger", str(OUTLETS), *output])
    assert seen
    assert set(seen) == {(False, preferred_pool())}
    assert process_state() == before
    assert "conflict" in capsys.readouterr().out


@pytest.mark.parametrize("enabled", [True, False])
def test_collection_is_paused_for_the_block_then_as_it_was(enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        with settings.collection_paused():
            inside = gc.isenabled()
        assert (inside, gc.isenabled()) == (False, enabled)
    finally:
        gc.enable()


def test_arrow_allocates_outside_mimalloc_for_the_block_then_as_before():
    before = pa.default_memory_pool().backend_name
    with settings.arrow_pool():
        inside = pa.default_memory_pool().backend_name
    assert (inside, pa.default_memory_pool().backend_name) == (preferred_pool(), before)


def spied_validate(monkeypatch, seen: list) -> None:
    """Record the process's state while validate reads the registry."""
    real = validate_load.read_registry
    monkeypatch.setattr(validate_load, "read_registry",
                        lambda *args: seen.append(process_state()) or real(*args))


def test_the_library_validates_with_the_process_as_it_is(monkeypatch):
    seen: list = []
    spied_validate(monkeypatch, seen)
    before = process_state()
    validate_ledger(OUTLETS)
    assert seen == [before]
    assert process_state() == before


def test_the_validate_command_reads_under_its_settings(monkeypatch, capsys):
    seen: list = []
    spied_validate(monkeypatch, seen)
    before = process_state()
    main(["validate", "--ledger", str(OUTLETS)])
    assert seen == [(False, preferred_pool())]
    assert process_state() == before
    assert "error(s)" in capsys.readouterr().out


def spied_fill(monkeypatch, seen: list) -> None:
    """Record whether the cyclic collector is on while fill derives and while it writes."""
    import importlib

    fill_module = importlib.import_module("provenance.fill")
    real_fill, real_save = fill_module.fill, ledger_module.Ledger.save
    monkeypatch.setattr(fill_module, "fill",
                        lambda ledger: seen.append(gc.isenabled()) or real_fill(ledger))
    monkeypatch.setattr(ledger_module.Ledger, "save", lambda self, *args, **kwargs:
                        seen.append(gc.isenabled()) or real_save(self, *args, **kwargs))


def test_the_fill_command_fills_and_writes_with_the_collector_paused(monkeypatch, capsys,
                                                                     mini_ledger):
    seen: list = []
    spied_fill(monkeypatch, seen)
    before = gc.isenabled()
    assert main(["fill", "--ledger", str(mini_ledger)]) == 0
    assert seen == [False, False]
    assert gc.isenabled() == before
    assert "claims.csv written" in capsys.readouterr().out


def test_the_library_fills_with_the_process_as_it_is(monkeypatch, mini_ledger):
    import importlib

    seen: list = []
    spied_fill(monkeypatch, seen)
    ledger = ledger_module.load_ledger(mini_ledger)
    importlib.import_module("provenance.fill").fill(ledger)
    ledger.save()
    assert seen == [gc.isenabled()] * 2 == [True, True]
