"""Atomic writes and on-disk change detection."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from provenance.errors import StaleLedgerError

Content = bytes | Iterable[bytes]  # a file's bytes, whole or as blocks written one by one


@dataclass(frozen=True)
class Fingerprint:
    """What a file held when it was read: its size and SHA-256 (None: it did not exist)."""

    size: int | None
    sha256: str | None

    @classmethod
    def of_bytes(cls, data: bytes) -> Fingerprint:
        """Fingerprint of content already in memory."""
        return cls(len(data), hashlib.sha256(data).hexdigest())

    @classmethod
    def of_file(cls, path: Path) -> Fingerprint:
        """Fingerprint of a file as it is on disk now (read in blocks, never held whole)."""
        try:
            with Path(path).open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256")
                return cls(handle.tell(), digest.hexdigest())
        except FileNotFoundError:
            return cls(None, None)


def ensure_unchanged(path: Path, expected: Fingerprint) -> None:
    """Raise StaleLedgerError when ``path`` no longer holds what was loaded."""
    if Fingerprint.of_file(path) != expected:
        raise StaleLedgerError(
            f"{path} changed on disk since it was loaded; not overwriting it. "
            "Reload, reapply your edits and save again."
        )


def write_atomic(path: Path, data: Content) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a mix.

    The bytes go to a temporary file in the same folder (:func:`staged_temp`), which is
    renamed over ``path``; the folder is fsynced so the rename is durable. Files of a
    ledger are written through :mod:`provenance.transaction`, under its lock.
    """
    path = Path(path)
    tmp, _ = staged_temp(path, data)
    try:
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def staged_temp(path: Path, data: Content) -> tuple[Path, Fingerprint]:
    """A temporary file ``.<name>.XXXXXXXX.tmp`` beside ``path`` holding ``data`` (bytes, or
    blocks of bytes written as they come), flushed and fsynced, with the permission bits
    of ``path`` when it exists; and the fingerprint of what it holds."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in [data] if isinstance(data, bytes) else data:
                handle.write(block)
                digest.update(block)
                size += len(block)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            tmp.chmod(path.stat().st_mode & 0o7777)
        except FileNotFoundError:
            tmp.chmod(0o666 & ~_umask())  # a new file: what open() would have given it
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if exc.filename is None and exc.errno is not None:  # ENOSPC from write or fsync
            exc.filename = str(path)
        raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp, Fingerprint(size, digest.hexdigest())


def _umask() -> int:
    """The process's umask, read without changing it (Linux), else the common 022."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0o022
    line = next((x for x in status.splitlines() if x.startswith("Umask:")), "Umask: 0022")
    return int(line.split()[1], 8)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
