"""All-or-nothing changes to the files of a ledger, under the ledger lock.

::

    with ledger_transaction(root) as tx:
        tx.replace(root / "claims.csv", data, expected=fingerprint)
        tx.create(root / "sources" / "new.txt", text_bytes)

The first ``replace`` or ``create`` takes the lock (:mod:`provenance.lock`), finishes
any change a killed writer left (:func:`recover`) and removes its temporary files;
each call then checks its target under the lock (a replaced file must still hold what
was loaded, a created one must not exist) and writes the new bytes to a temporary file
beside it, fsynced. When the block ends, the old file of each replaced target is kept
under a hard link, a journal listing every (temporary, target, kind) is written and
fsynced (:data:`JOURNAL`, the commit point), the temporary files are renamed over
their targets, and the links and the journal are removed. An exception in the block
removes the temporary files and changes nothing. A transaction with nothing staged
takes no lock and writes nothing. Nested ``ledger_transaction`` blocks on the same
folder in one thread are one transaction.

The next command that takes the lock, or loads the ledger, completes a journal it
finds (every temporary file still there, or already renamed) or, when a temporary file
was lost, rolls it back: the old files are restored from their links and created files
removed. Either way the files agree: all old or all new.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from provenance.atomic import (
    Content,
    Fingerprint,
    ensure_unchanged,
    fsync_dir,
    staged_temp,
    write_atomic,
)
from provenance.errors import LedgerFormatError, ProvenanceError, UsageError
from provenance.lock import ledger_lock

JOURNAL = ".provenance-journal.json"
LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.(tmp|bak)\Z")  # temporary files and links
_open = threading.local()


@dataclass(frozen=True)
class Entry:
    """One file of a transaction, paths relative to the ledger folder (POSIX)."""

    kind: str  # "replace" or "create"
    target: str
    temp: str
    sha256: str  # of the new bytes
    backup: str | None = None  # a hard link to the replaced file's old bytes


class Transaction:
    """Files staged for one all-or-nothing change of the ledger at ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.entries: list[Entry] = []
        self._lock: contextlib.ExitStack | None = None

    def replace(self, path: Path, data: Content, expected: Fingerprint) -> Fingerprint:
        """Stage ``data`` (bytes, or blocks of them) over ``path``; refuse (StaleLedgerError)
        if it no longer holds what ``expected`` describes. Returns the new bytes' fingerprint."""
        self._locked()
        ensure_unchanged(Path(path), expected)
        return self._stage("replace", Path(path), data)

    def create(self, path: Path, data: Content) -> None:
        """Stage a new file at ``path``; refuse (UsageError) if it exists."""
        self._locked()
        if os.path.lexists(path):
            raise UsageError(f"{self._relative(Path(path))} already exists; not overwriting it")
        self._stage("create", Path(path), data)

    def _locked(self) -> None:
        """Take the lock on first use, then finish what a killed writer left."""
        if self._lock is None:
            self._lock = contextlib.ExitStack()
            self._lock.enter_context(ledger_lock(self.root))
            recover_locked(self.root)
            remove_leftovers(self.root)

    def _stage(self, kind: str, path: Path, data: Content) -> Fingerprint:
        target = self._relative(path)
        if any(entry.target == target for entry in self.entries):
            raise UsageError(f"{target} is changed twice in one transaction")
        temp, written = staged_temp(path, data)
        self.entries.append(Entry(kind, target, self._relative(temp), written.sha256))
        return written

    def _relative(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()

    def commit(self) -> None:
        """Make every staged file the target's content, all together."""
        if not self.entries:
            return
        try:
            self.entries = [_with_backup(self.root, entry) for entry in self.entries]
            _fsync_folders(self.root, self.entries)
            write_atomic(self.root / JOURNAL, _journal_bytes(self.entries))
        except BaseException:
            self.discard()
            raise
        try:
            _roll_forward(self.root, self.entries)
        except OSError as exc:
            with contextlib.suppress(OSError):
                recover_locked(self.root)  # once more: a passing error is then no error
            if (self.root / JOURNAL).exists():
                raise ProvenanceError(
                    f"{exc.filename or self.root}: {exc.strerror or exc}; the change is "
                    f"recorded in {JOURNAL} and the next command completes it"
                ) from exc

    def discard(self) -> None:
        """Remove the staged temporary files and links (before the journal: nothing was
        renamed)."""
        for entry in self.entries:
            for name in (entry.temp, entry.backup):
                if name:
                    with contextlib.suppress(FileNotFoundError):
                        (self.root / name).unlink()
        self.entries = []

    def release(self) -> None:
        """Let go of the lock, if it was taken."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None


@contextlib.contextmanager
def ledger_transaction(root: Path) -> Iterator[Transaction]:
    """A :class:`Transaction` on the ledger folder ``root``, committed when the block ends."""
    key = os.path.realpath(root)
    active: dict[str, Transaction] = _open.__dict__.setdefault("active", {})
    if key in active:
        yield active[key]
        return
    tx = active[key] = Transaction(root)
    try:
        try:
            yield tx
        except BaseException:
            tx.discard()
            raise
        tx.commit()
    finally:
        del active[key]
        tx.release()


def recover(root: Path) -> None:
    """Complete or roll back a change a killed writer left in ``root`` (a no-op, taking no
    lock, when there is no journal)."""
    if (Path(root) / JOURNAL).exists():
        with ledger_lock(root):
            recover_locked(Path(root))


def recover_locked(root: Path) -> None:
    """:func:`recover` for a caller holding the lock."""
    try:
        data = (root / JOURNAL).read_bytes()
    except FileNotFoundError:
        return
    entries = _parse_journal(data, root)
    if all(_state(root, entry) != "lost" for entry in entries):
        _roll_forward(root, entries)
    else:
        _roll_back(root, entries)


def remove_leftovers(root: Path) -> None:
    """Remove temporary files and links of killed writers (``.<name>.XXXXXXXX.tmp`` or
    ``.bak``) from the ledger folder and ``sources/``; the caller holds the lock and has
    recovered any journal."""
    folders = [(str(root), [], [p.name for p in Path(root).iterdir()])]
    if (root / "sources").is_dir():
        folders += list(os.walk(root / "sources"))
    for folder, _, names in folders:
        for name in names:
            if LEFTOVER.match(name) and Path(folder, name).is_file():
                Path(folder, name).unlink()


def _with_backup(root: Path, entry: Entry) -> Entry:
    """``entry`` with a hard link keeping the old bytes of its target (if any, if possible)."""
    target = root / entry.target
    if entry.kind != "replace" or not target.exists():
        return entry
    backup = target.with_name(f".{target.name}.{secrets.token_hex(4)}.bak")
    try:
        os.link(target, backup)
    except OSError:
        return entry  # no hard links here: a lost temporary file cannot be rolled back
    return Entry(**{**asdict(entry), "backup": Path(entry.target).with_name(backup.name)
                    .as_posix()})


def _roll_forward(root: Path, entries: list[Entry]) -> None:
    """Rename every temporary file still there over its target; drop links and journal."""
    for entry in entries:
        if (root / entry.temp).exists():
            (root / entry.temp).replace(root / entry.target)
    _finish(root, entries)


def _roll_back(root: Path, entries: list[Entry]) -> None:
    """Undo what was renamed (old bytes back from their links, created files removed)."""
    for entry in entries:
        temp, target = root / entry.temp, root / entry.target
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if _state(root, entry) != "done":
            continue
        if entry.backup and (root / entry.backup).exists():
            (root / entry.backup).replace(target)
        elif entry.kind == "create":
            target.unlink()
    _finish(root, entries)


def _finish(root: Path, entries: list[Entry]) -> None:
    _fsync_folders(root, entries)
    for entry in entries:
        if entry.backup:
            with contextlib.suppress(FileNotFoundError):
                (root / entry.backup).unlink()
    (root / JOURNAL).unlink()
    fsync_dir(root)


def _state(root: Path, entry: Entry) -> str:
    """``pending`` (temporary file intact), ``done`` (target holds the new bytes) or ``lost``."""
    for where, state in ((entry.temp, "pending"), (entry.target, "done")):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            if Fingerprint.of_bytes((root / where).read_bytes()).sha256 == entry.sha256:
                return state
    return "lost"


def _fsync_folders(root: Path, entries: list[Entry]) -> None:
    for folder in {(root / entry.target).parent for entry in entries}:
        fsync_dir(folder)


def _journal_bytes(entries: list[Entry]) -> bytes:
    record = {"version": 1, "pid": os.getpid(), "files": [asdict(e) for e in entries]}
    return json.dumps(record, indent=1).encode("utf-8")


def _parse_journal(data: bytes, root: Path) -> list[Entry]:
    """The entries of a journal, each path checked to stay inside the ledger folder and
    each temporary file or link to sit beside its target: a journal is input too."""
    try:
        files = json.loads(data)["files"]
        entries = [Entry(**item) for item in files]
        if all(_well_formed(entry, root) for entry in entries):
            return entries
    except (ValueError, KeyError, TypeError):
        pass
    raise LedgerFormatError(
        JOURNAL, None, None, "not a journal provenance wrote; move it away to go on"
    )


def _well_formed(entry: Entry, root: Path) -> bool:
    target = Path(entry.target)
    names = [entry.temp] + ([entry.backup] if entry.backup else [])
    base, parent = os.path.realpath(root), os.path.realpath(root / target.parent)
    return (
        entry.kind in ("replace", "create")
        and not target.is_absolute()
        and ".." not in target.parts
        and target.name not in ("", JOURNAL)
        and (parent == base or parent.startswith(base + os.sep))
        and all(
            Path(name).parent == target.parent
            and Path(name).name.startswith(f".{target.name}.")
            and LEFTOVER.match(Path(name).name)
            for name in names
        )
    )
