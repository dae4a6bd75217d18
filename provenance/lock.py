"""The ledger lock: one writer at a time per ledger folder, across processes.

An advisory lock (``flock``; ``msvcrt.locking`` where there is no ``fcntl``) on
``LEDGER/.provenance.lock``. Waiting is bounded (:data:`TIMEOUT` seconds), then a
clear StaleLedgerError names the holder's pid. The lock is re-entrant within a thread
(a nested use takes it once). The holder removes the file before it lets go, so a
ledger that is not being written holds no lock file; a waiter that locked a removed
file notices (another inode is, or none is, at the path) and tries again.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from provenance.errors import StaleLedgerError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    import msvcrt

LOCK_NAME = ".provenance.lock"
TIMEOUT = 10.0
POLL = 0.02
_held = threading.local()


@contextlib.contextmanager
def ledger_lock(root: Path, timeout: float | None = None) -> Iterator[Path]:
    """Hold the lock of the ledger folder ``root`` for the block (re-entrant per thread),
    waiting at most ``timeout`` seconds (:data:`TIMEOUT` by default)."""
    key = os.path.realpath(root)
    held: dict[str, int] = _held.__dict__.setdefault("depth", {})
    if held.get(key):
        held[key] += 1
        try:
            yield Path(root)
        finally:
            held[key] -= 1
        return
    path = Path(root) / LOCK_NAME
    fd = _acquire(path, time.monotonic() + (TIMEOUT if timeout is None else timeout))
    held[key] = 1
    try:
        yield Path(root)
    finally:
        held[key] = 0
        _release(path, fd)


def _acquire(path: Path, deadline: float) -> int:
    """Lock the file at ``path`` (created if missing); wait until ``deadline``."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if _try_lock(fd):
            if _still_at(fd, path):
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode())
                return fd
            _unlock(fd)
            os.close(fd)
            continue
        os.close(fd)
        if time.monotonic() >= deadline:
            raise StaleLedgerError(
                f"{path.parent}: the ledger is locked by another writer "
                f"({_holder(path)}); try again when it has finished"
            )
        time.sleep(POLL)


def _release(path: Path, fd: int) -> None:
    """Remove the lock file (while still locked, so no waiter keeps a stale one), unlock."""
    try:
        if fcntl is not None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        _unlock(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _still_at(fd: int, path: Path) -> bool:
    """True when the locked file is still the one at ``path`` (not removed by its holder)."""
    if fcntl is None:  # pragma: no cover - Windows keeps the file
        return True
    try:
        return os.path.samestat(os.fstat(fd), path.stat())
    except FileNotFoundError:
        return False


def _holder(path: Path) -> str:
    """``pid N`` of the lock's holder as it wrote it, or a plain description."""
    try:
        pid = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"
