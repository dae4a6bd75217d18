"""Atomic writes: the old file or the new one, never a mix; stale saves refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from provenance.atomic import Fingerprint, ensure_unchanged, write_atomic
from provenance.errors import StaleLedgerError


def test_write_replaces_the_content(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"old")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_write_keeps_permission_bits(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.stat().st_mode & 0o777 == 0o640


def test_an_exception_mid_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"old")

    def explode(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", explode)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_a_killed_writer_leaves_the_old_file(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"old content\n")
    started = tmp_path / "started"
    child = textwrap.dedent(
        f"""
        import os, pathlib, time
        import provenance.atomic as atomic
        real = os.fsync
        def slow(fd):
            pathlib.Path({str(started)!r}).write_text("x")
            time.sleep(60)
            real(fd)
        atomic.os.fsync = slow
        atomic.write_atomic(pathlib.Path({str(path)!r}), b"new content\\n" * 100000)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", child])
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), "the writer never reached fsync"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.read_bytes() == b"old content\n"


def test_a_file_changed_since_loading_is_not_overwritten(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"v1")
    seen = Fingerprint.of_file(path)
    path.write_bytes(b"v2 by someone else")
    with pytest.raises(StaleLedgerError, match="changed on disk"):
        ensure_unchanged(path, seen)


def test_a_deleted_file_counts_as_changed(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"v1")
    seen = Fingerprint.of_file(path)
    path.unlink()
    with pytest.raises(StaleLedgerError):
        ensure_unchanged(path, seen)


def test_a_new_file_gets_the_permissions_open_would_give_it(tmp_path):
    target = tmp_path / "new.txt"
    write_atomic(target, b"text")
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"text")
    assert target.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_a_write_error_names_the_file_being_written(tmp_path, monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("provenance.atomic.os.fsync", disk_full)
    target = tmp_path / "claims.csv"
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"data")
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []
