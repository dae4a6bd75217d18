"""The ledger lock: one writer at a time, a bounded wait, a clear refusal, no trace."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

import provenance.lock as lock
from provenance.cli import main
from provenance.errors import StaleLedgerError
from provenance.ledger import load_ledger
from provenance.lock import LOCK_NAME, ledger_lock
from tests.conftest import ROOT, snapshot

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from provenance.lock import ledger_lock
    with ledger_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def hold_in_another_process(folder, seconds: float) -> subprocess.Popen:
    """A process that holds the ledger's lock for ``seconds`` (returned once it holds it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), str(seconds)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline() == "locked\n"
    return holder


def edited(folder):
    ledger = load_ledger(folder)
    ledger.claims.loc[0, "note"] = "edited while locked"
    return ledger


def test_a_writer_waits_for_the_lock_then_refuses_naming_the_holder(mini_ledger, monkeypatch):
    monkeypatch.setattr(lock, "TIMEOUT", 0.5)
    holder = hold_in_another_process(mini_ledger, 30)
    try:
        ledger = edited(mini_ledger)  # readers do not wait for the lock
        before = snapshot(mini_ledger)
        started = time.monotonic()
        refusal = rf"locked by another writer \(pid {holder.pid}\)"
        with pytest.raises(StaleLedgerError, match=refusal):
            ledger.save()
        assert 0.5 <= time.monotonic() - started < 5
        assert snapshot(mini_ledger) == before
    finally:
        holder.kill()
        holder.wait()


def test_the_cli_refusal_is_one_line(mini_ledger, monkeypatch, capsys):
    monkeypatch.setattr(lock, "TIMEOUT", 0.2)
    holder = hold_in_another_process(mini_ledger, 30)
    try:
        assert main(["fill", "--ledger", str(mini_ledger)]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the ledger is locked by another writer (pid" in err


def test_a_writer_goes_on_once_the_holder_lets_go(mini_ledger):
    holder = hold_in_another_process(mini_ledger, 0.5)
    try:
        assert edited(mini_ledger).save()
    finally:
        holder.wait()
    assert "edited while locked" in (mini_ledger / "claims.csv").read_text(encoding="utf-8")


def test_a_killed_holder_does_not_keep_the_ledger_locked(mini_ledger):
    holder = hold_in_another_process(mini_ledger, 30)
    holder.kill()
    holder.wait()
    assert (mini_ledger / LOCK_NAME).exists()
    assert edited(mini_ledger).save()
    assert not (mini_ledger / LOCK_NAME).exists()


def test_the_lock_leaves_no_file_behind(mini_ledger):
    before = snapshot(mini_ledger)
    with ledger_lock(mini_ledger):
        assert (mini_ledger / LOCK_NAME).read_text() == str(os.getpid())
    assert snapshot(mini_ledger) == before


def test_the_lock_is_reentrant_within_a_thread(mini_ledger):
    with ledger_lock(mini_ledger, timeout=0.2), ledger_lock(mini_ledger, timeout=0.2):
        assert (mini_ledger / LOCK_NAME).exists()
    assert not (mini_ledger / LOCK_NAME).exists()


def test_another_thread_waits_for_the_lock(mini_ledger):
    taken, release = threading.Event(), threading.Event()

    def hold():
        with ledger_lock(mini_ledger):
            taken.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(10)
    try:
        with pytest.raises(StaleLedgerError, match="locked by another writer"), \
                ledger_lock(mini_ledger, timeout=0.2):
            pass
    finally:
        release.set()
        thread.join()
    with ledger_lock(mini_ledger, timeout=0.2):
        pass
