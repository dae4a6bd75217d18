"""Where a command's output may go: never onto the ledger's own files.

An output path (``export --output``, ``check --data-docs``) is resolved (symbolic links
followed) and refused when it is ``claims.csv`` or ``reuse.csv``, lies in ``sources/`` or
``expectations/``, or is a hidden file of the ledger folder (its lock, journal and
temporary files).
"""

from __future__ import annotations

import re
from pathlib import Path

from provenance.errors import UsageError
from provenance.schema import CLAIMS

OWNED = (CLAIMS, "sources", "expectations", "reuse.csv")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._+-]+")
MAX_NAME = 100


def ledger_part(root: str | Path, target: str | Path) -> str | None:
    """The ledger file or folder ``target`` would write into (``sources/``), or None."""
    folder = Path(root).resolve()
    try:
        parts = Path(target).resolve().relative_to(folder).parts
    except ValueError:
        return None
    if not parts:
        return None
    first = parts[0]
    if first in OWNED or first.startswith("."):
        return first + ("/" if len(parts) > 1 or (folder / first).is_dir() else "")
    return None


def refuse_ledger_path(root: str | Path, target: str | Path, option: str) -> None:
    """Raise UsageError when ``target`` (given as ``option``) lies in the ledger's files."""
    part = ledger_part(root, target)
    if part is not None:
        raise UsageError(f"{option} {target} is inside the ledger's own files ({part}); "
                         "choose a path outside claims.csv, sources/ and expectations/")


def output_file(target: str | Path, option: str) -> Path:
    """``target`` as a file to write: its folder must exist and it must not be a folder."""
    path = Path(target)
    if path.is_dir():
        raise UsageError(f"{option} {path} is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"{option} {path}: the folder {folder} {what}")
    return path


def safe_file_name(name: str, taken: set[str] = frozenset()) -> str:
    """A file name made of ``name``: letters, digits, ``._+-`` only, no leading dot, at
    most ``MAX_NAME`` characters, none of ``taken`` (a suffix keeps it apart)."""
    base = SAFE_NAME.sub("_", name).lstrip(".")[:MAX_NAME] or "suite"
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def write_error(path: str | Path, exc: OSError) -> UsageError:
    """An OS error while writing ``path`` as one line naming it."""
    return UsageError(f"{path}: cannot write: {exc.strerror or exc}")

