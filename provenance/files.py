"""Reading the ledger's files safely: regular files only, never more than a size limit.

A FIFO, a device (``/dev/zero``) or a folder where a ledger file, a stored source or a
suite should be is refused from ``os.stat`` before anything opens it (opening a FIFO
blocks; reading ``/dev/zero`` never ends). The file is then opened without blocking and
checked again on the open descriptor, so a file swapped in between is refused too, and
read up to its limit plus one byte at most. Size limits can be set through environment
variables; a bad value is a usage error naming the variable.
"""

from __future__ import annotations

import math
import os
import stat

from provenance.errors import LedgerFormatError, PositionedError, UsageError

MAX_LIMIT_MB = 1 << 20  # a limit above a tebibyte is a typo, not a setting
MAX_SOURCE_BYTES = 32 * 2**20  # larger sources are refused: no article is this long
KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def env_limit_bytes(variable: str, default_mb: float) -> int:
    """A size limit in bytes from ``variable`` (MiB), or ``default_mb`` when it is unset.

    A value that is not a positive finite number of at most ``MAX_LIMIT_MB`` raises
    UsageError naming the variable and the value.
    """
    text = os.environ.get(variable)
    if text is None or not text.strip():
        return int(default_mb * 2**20)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_LIMIT_MB):
        raise UsageError(f"environment variable {variable}={text!r} is not a size in MiB "
                         f"(a number above 0 and at most {MAX_LIMIT_MB})")
    return int(value * 2**20)


def _kind(mode: int) -> str | None:
    """What a non-regular file is (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in KINDS if test(mode)), "not a regular file")


def regular_size(path: str | os.PathLike, name: str,
                 error: type[PositionedError] = LedgerFormatError) -> int:
    """The size of ``path`` after ``os.stat`` (symbolic links followed) shows it is a regular
    file; raise ``error`` naming ``name`` for a missing file, a folder, FIFO or device."""
    try:
        status = os.stat(path)  # noqa: PTH116 - hot path (every source of a load)
    except FileNotFoundError:
        raise error(name, None, None, "file not found") from None
    except OSError as exc:
        raise error(name, None, None, f"cannot be read: {exc.strerror}") from None
    what = _kind(status.st_mode)
    if what is not None:
        raise error(name, None, None, f"is {what}, not a regular file")
    return status.st_size


def size_message(size: int, limit: int, what: str, setting: str = "") -> str:
    """The refusal of a file above a size limit, in csvio's words."""
    raise_it = f" (set {setting} to raise it)" if setting else ""
    return f"file is {size / 2**20:.1f} MiB; {what} is limited to {limit / 2**20:.0f} MiB{raise_it}"


def read_regular(path: str | os.PathLike, name: str, limit: int, *, what: str,
                 setting: str = "", error: type[PositionedError] = LedgerFormatError) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else raises ``error``.

    ``what`` and ``setting`` word the size refusal (e.g. "exact reading", the variable
    that raises the limit).
    """
    size = regular_size(path, name, error)
    if size > limit:
        raise error(name, None, None, size_message(size, limit, what, setting))
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error(name, None, None, f"cannot be read: {exc.strerror}") from None
    try:
        status = os.fstat(handle)
        if _kind(status.st_mode) is not None:  # replaced since the stat
            raise error(name, None, None, f"is {_kind(status.st_mode)}, not a regular file")
        parts = [os.read(handle, min(status.st_size, limit) + 1)]
        total = len(parts[0])
        while parts[-1] and total <= limit:
            parts.append(os.read(handle, min(max(status.st_size, 1 << 16), limit + 1 - total)))
            total += len(parts[-1])
    finally:
        os.close(handle)
    if total > limit:  # grew since the stat
        raise error(name, None, None, size_message(total, limit, what, setting))
    return b"".join(parts) if len(parts) > 2 else parts[0]
