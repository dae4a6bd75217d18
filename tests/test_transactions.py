"""All-or-nothing changes: a change of several files is all old or all new, whatever
fails or whoever is killed between its writes, and racing writers never lose an update."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.errors import LedgerFormatError, ProvenanceError, StaleLedgerError, UsageError
from provenance.fill import add_claim
from provenance.ledger import load_ledger
from provenance.reanchor import reanchor, save_reanchored
from provenance.transaction import JOURNAL, ledger_transaction
from tests.conftest import ROOT, snapshot

CLAIMS, REGISTRY = "claims.csv", "sources/sources.csv"
ROUNDS = 30


def edited_source(ledger: Path) -> Path:
    """``ledger`` with a paragraph inserted at the top of its article: re-anchoring it
    changes both claims.csv (new offsets) and sources.csv (new sha256)."""
    assert main(["fill", "--ledger", str(ledger)]) == 0
    article = ledger / "sources" / "daily.txt"
    article.write_text("A new first paragraph.\n" + article.read_text(encoding="utf-8"),
                       encoding="utf-8")
    return ledger


def reanchored(ledger: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a re-anchor that nothing interrupts writes, run on a copy of ``ledger``."""
    copy = shutil.copytree(ledger, tmp_path / "reference")
    save_reanchored_at(copy)
    return snapshot(copy)


def save_reanchored_at(folder: Path) -> None:
    ledger = load_ledger(folder, strict=False)
    reanchor(ledger)
    save_reanchored(ledger)


def visible(folder: Path) -> dict[str, bytes]:
    """The ledger's own files (no temporary files, links, journal or lock)."""
    return {name: data for name, data in snapshot(folder).items()
            if not Path(name).name.startswith(".")}


def dotfiles(folder: Path) -> list[str]:
    """Temporary files, links, journals or locks left in a ledger (it has no other dotfiles)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(".*"))


@pytest.fixture
def pending(mini_ledger, tmp_path):
    """A ledger whose source changed, the bytes before and after re-anchoring it."""
    edited_source(mini_ledger)
    old = snapshot(mini_ledger)
    return mini_ledger, old, reanchored(mini_ledger, tmp_path)


def failing_rename(monkeypatch, failures: int):
    """Make the renames onto claims.csv or sources.csv after the first one fail
    ``failures`` times (a full disk, a yanked network share)."""
    real = os.replace
    done = []

    def replace(src, dst):
        if Path(dst).name in ("claims.csv", "sources.csv"):
            if done and failures > len(done) - 1:
                done.append("failed")
                raise OSError(28, "No space left on device", str(dst))
            done.append("renamed")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_a_failure_after_the_first_rename_is_completed_by_the_next_command(pending, monkeypatch):
    ledger, old, new = pending
    failing_rename(monkeypatch, failures=10)
    with pytest.raises(ProvenanceError, match=f"recorded in {JOURNAL}"):
        save_reanchored_at(ledger)
    assert snapshot(ledger)[CLAIMS] == new[CLAIMS]  # half done: the journal says what is left
    assert (ledger / JOURNAL).exists()
    monkeypatch.undo()
    load_ledger(ledger, strict=False)
    assert snapshot(ledger) == new
    assert dotfiles(ledger) == []


def test_a_rename_that_fails_once_is_retried_at_once(pending, monkeypatch):
    ledger, _, new = pending
    failing_rename(monkeypatch, failures=1)
    save_reanchored_at(ledger)
    assert snapshot(ledger) == new
    assert dotfiles(ledger) == []


def test_an_error_before_the_journal_changes_nothing(pending, monkeypatch):
    ledger, old, _ = pending
    monkeypatch.setattr("provenance.transaction.write_atomic", failing_write)
    with pytest.raises(OSError, match="disk full"):
        save_reanchored_at(ledger)
    assert snapshot(ledger) == old
    assert dotfiles(ledger) == []


def failing_write(path, data):
    raise OSError(28, "disk full")


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import provenance.transaction as transaction
    from provenance.ledger import load_ledger
    from provenance.reanchor import reanchor, save_reanchored
    from provenance.sources import register_source

    root, operation, point = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    real, renames = os.replace, []

    def kill(*args):
        os.kill(os.getpid(), signal.SIGKILL)

    def replace(src, dst):
        if Path(dst).name != transaction.JOURNAL:
            if len(renames) == {"before-rename": 0, "after-first-rename": 1}[point]:
                kill()
            renames.append(dst)
        real(src, dst)

    if point == "before-journal":
        transaction.write_atomic = kill
    else:
        os.replace = replace
    if operation == "reanchor":
        ledger = load_ledger(root, strict=False)
        reanchor(ledger)
        save_reanchored(ledger)
    else:
        register_source(root, "extra", "The Extra Fictional (FICTIONAL)", "2024-11-19",
                        "FICTIONAL: an extra article.\\n")
    """
)


def killed(ledger: Path, operation: str, point: str) -> None:
    """Run ``operation`` in another process, killed (SIGKILL) at ``point``."""
    child = subprocess.run(
        [sys.executable, "-c", KILLER, str(ledger), operation, point],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=120,
    )
    assert child.returncode == -9, child.stderr.decode()


@pytest.mark.parametrize(
    ("point", "outcome"),
    [("before-journal", "old"), ("before-rename", "new"), ("after-first-rename", "new")],
)
def test_a_reanchor_killed_between_its_writes_is_all_old_or_all_new(pending, point, outcome):
    ledger, old, new = pending
    killed(ledger, "reanchor", point)
    assert dotfiles(ledger), "the killed writer left nothing to recover"
    load_ledger(ledger, strict=False)
    assert visible(ledger) == {"old": old, "new": new}[outcome]
    save_reanchored_at(ledger)  # the next writer: what is left of the killed one goes
    assert snapshot(ledger) == new


def test_a_killed_reanchor_whose_temporary_file_was_lost_is_rolled_back(pending):
    ledger, old, _ = pending
    killed(ledger, "reanchor", "after-first-rename")
    (temp,) = (ledger / "sources").glob(".sources.csv.*.tmp")
    temp.unlink()
    load_ledger(ledger, strict=False)
    assert snapshot(ledger) == old
    assert dotfiles(ledger) == []


@pytest.mark.parametrize("point", ["before-journal", "before-rename", "after-first-rename"])
def test_a_source_registration_killed_midway_leaves_file_and_row_together(mini_ledger, point):
    killed(mini_ledger, "register", point)
    ledger = load_ledger(mini_ledger)
    stored = (mini_ledger / "sources" / "extra.txt").exists()
    assert stored == ("extra" in set(ledger.sources["source_id"]))
    assert stored == (point != "before-journal")
    ledger.claims.loc[0, "note"] = "the next write"
    ledger.save()
    assert dotfiles(mini_ledger) == []


def test_a_created_file_of_a_rolled_back_registration_is_removed(mini_ledger):
    before = snapshot(mini_ledger)
    killed(mini_ledger, "register", "after-first-rename")
    assert (mini_ledger / "sources" / "extra.txt").exists()
    (temp,) = (mini_ledger / "sources").glob(".sources.csv.*.tmp")
    temp.unlink()
    load_ledger(mini_ledger)
    assert snapshot(mini_ledger) == before
    assert dotfiles(mini_ledger) == []


def test_stale_temporary_files_of_a_killed_writer_are_removed_by_the_next_write(mini_ledger):
    leftovers = [mini_ledger / ".claims.csv.k1ll3d_x.tmp",
                 mini_ledger / "sources" / ".sources.csv.abcd1234.tmp",
                 mini_ledger / "sources" / ".daily.txt.0a1b2c3d.bak"]
    kept = [mini_ledger / ".claims.csv.tmp", mini_ledger / "sources" / "notes.tmp"]
    for path in leftovers + kept:
        path.write_bytes(b"half a file")
    ledger = load_ledger(mini_ledger)
    assert all(path.exists() for path in leftovers), "a reader removes nothing"
    add_claim(ledger, claim_id="daily-09", source_id="daily", fact_key="convoy.duration",
              quote="in two days")
    assert ledger.save()
    assert [path for path in leftovers if path.exists()] == []
    assert all(path.exists() for path in kept)


def test_a_create_refuses_an_existing_file_and_stages_nothing(mini_ledger):
    before = snapshot(mini_ledger)
    with pytest.raises(UsageError, match="sources/daily.txt already exists"), \
            ledger_transaction(mini_ledger) as tx:
        tx.create(mini_ledger / "sources" / "new.txt", b"new")
        tx.create(mini_ledger / "sources" / "daily.txt", b"overwritten?")
    assert snapshot(mini_ledger) == before
    assert dotfiles(mini_ledger) == []


def test_a_stale_file_refuses_the_whole_transaction(mini_ledger):
    ledger = load_ledger(mini_ledger)
    registry = mini_ledger / REGISTRY
    registry.write_bytes(registry.read_bytes() + b"\n")
    before = snapshot(mini_ledger)
    ledger.sources.loc[0, "title"] = "Retitled (FICTIONAL)"
    ledger.claims.loc[0, "note"] = "edited"
    with pytest.raises(StaleLedgerError, match="sources.csv changed on disk"):
        save_reanchored(ledger)
    assert snapshot(mini_ledger) == before
    assert dotfiles(mini_ledger) == []


def test_a_transaction_with_nothing_staged_takes_no_lock_and_writes_nothing(mini_ledger):
    (mini_ledger / "sources").chmod(0o555)
    mini_ledger.chmod(0o555)
    try:
        with ledger_transaction(mini_ledger):
            pass
        assert load_ledger(mini_ledger).save() is False
    finally:
        mini_ledger.chmod(0o755)
        (mini_ledger / "sources").chmod(0o755)


@pytest.mark.parametrize(
    "journal",
    [
        b"{not json",
        b'{"files": [{"kind": "replace", "target": "../outside.txt", '
        b'"temp": "../.outside.txt.abcd1234.tmp", "sha256": "0"}]}',
        b'{"files": [{"kind": "create", "target": "claims.csv", '
        b'"temp": "sources/.sources.csv.abcd1234.tmp", "sha256": "0"}]}',
        b'{"files": [{"kind": "delete", "target": "claims.csv", '
        b'"temp": ".claims.csv.abcd1234.tmp", "sha256": "0"}]}',
    ],
    ids=["not-json", "leaves-the-ledger", "temp-elsewhere", "unknown-kind"],
)
def test_a_journal_provenance_did_not_write_is_refused_and_changes_nothing(
    mini_ledger, journal
):
    outside = mini_ledger.parent / "outside.txt"
    outside.write_bytes(b"not the ledger's")
    (mini_ledger / JOURNAL).write_bytes(journal)
    before = snapshot(mini_ledger.parent)
    with pytest.raises(LedgerFormatError, match=f"{JOURNAL}: not a journal provenance wrote"):
        load_ledger(mini_ledger)
    assert snapshot(mini_ledger.parent) == before


def race_worker(root: str, barrier, results, worker: int) -> None:
    """Each round: load ledger ``root``-N, add claim wW-rN, save; report the outcome.

    A pause after the staleness check widens the window in which another writer could
    slip in between the check and the rename (it can, unless the lock closes it).
    """
    import contextlib
    import io
    import time

    import provenance.transaction as transaction

    checked = transaction.ensure_unchanged

    def slow_check(path, expected):
        checked(path, expected)
        time.sleep(0.02)

    transaction.ensure_unchanged = slow_check
    for number in range(ROUNDS):
        barrier.wait(timeout=120)
        claim = f"w{worker}-r{number}"
        folder = f"{root}-{number}"
        try:
            if worker == 0:  # the fill command races the editors' saves
                err = io.StringIO()
                with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                    code = main(["fill", "--ledger", folder])
                results.put((number, "fill", "ok" if code == 0 else err.getvalue()))
                continue
            ledger = load_ledger(folder)
            add_claim(ledger, claim_id=claim, source_id="daily", fact_key="convoy.duration",
                      quote="in two days")
            ledger.save()
            results.put((number, claim, "ok"))
        except StaleLedgerError as exc:
            results.put((number, claim, f"stale: {exc}"))


def test_racing_writers_never_lose_an_update(mini_ledger, tmp_path):
    base = tmp_path / "race"
    for number in range(ROUNDS):
        shutil.copytree(mini_ledger, f"{base}-{number}")
    context = multiprocessing.get_context("spawn")
    workers = 3
    barrier, results = context.Barrier(workers), context.Queue()
    processes = [context.Process(target=race_worker, args=(str(base), barrier, results, w))
                 for w in range(workers)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in range(ROUNDS * workers)]
    for process in processes:
        process.join(timeout=60)
    assert all(process.exitcode == 0 for process in processes)
    refused = 0
    for number, claim, outcome in outcomes:
        folder = Path(f"{base}-{number}")
        final = load_ledger(folder)
        if claim == "fill":
            assert outcome == "ok" or "changed on disk since it was loaded" in outcome
            assert (outcome == "ok") <= final.claims["start"].ne("").all()
            continue
        assert outcome == "ok" or "changed on disk since it was loaded" in outcome
        assert (outcome == "ok") == (claim in set(final.claims["claim_id"])), (number, claim)
        refused += outcome != "ok"
        assert dotfiles(folder) == []
    assert refused, "no round raced: the test proved nothing"
