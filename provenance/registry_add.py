"""Adding an article file to a ledger: what ``provenance add-source`` does.

A plain-text file is stored byte for byte (strict UTF-8). A saved web page (``.html``,
``.htm``) is stored as its extracted article text, with the page itself kept beside it
(:mod:`provenance.capture`). Metadata given by the caller wins over the page's. Every
refusal happens before anything is written; in a folder with no ledger yet, the first
source starts one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from provenance.atomic import write_atomic
from provenance.capture import Capture, PageDate, capture_html, command_line_date
from provenance.csvio import read_table
from provenance.errors import SourceError, UsageError
from provenance.files import MAX_SOURCE_BYTES, read_regular
from provenance.schema import CLAIM_COLUMNS, CLAIMS
from provenance.sources import (
    REGISTRY,
    SOURCE_COLUMNS,
    SOURCE_ID,
    check_registry_header,
    decode_source,
    refuse_registered,
    register_source,
    registry_rows,
    sha256_hex,
)

PAGE_SUFFIXES = (".html", ".htm")

@dataclass(frozen=True)
class AddedSource:
    """A source just registered, and what the caller may want to say about it."""

    source_id: str
    outlet: str
    published: str
    published_at: str
    published_note: str
    path: str  # the stored text, relative to the ledger folder
    raw_path: str  # the saved page kept beside it ("" for a plain-text file)
    characters: int
    started_ledger: bool


def add_source(
    root: Path | str,
    file: Path | str,
    *,
    source_id: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> AddedSource:
    """Register ``file`` in the ledger at ``root`` and return what was added.

    Raises UsageError (or SourceError for a text that is not UTF-8) with nothing written
    when the file cannot be read, is too large, holds no article, has no date or outlet,
    or its id or text is already registered.
    """
    root, file = Path(root), Path(file)
    data = read_article_file(file)
    page = file.suffix.lower() in PAGE_SUFFIXES
    found = capture_html(data, str(file)) if page else Capture(decode_source(data, str(file)))
    date = command_line_date(published) if published else found.date
    if date is None:
        raise UsageError(f"{file}: no publication date found; give --published YYYY-MM-DD")
    outlet = outlet or found.outlet
    if not outlet.strip():
        raise UsageError(f"{file}: no outlet name found; give --outlet NAME")
    rows = _existing_rows(root)
    if source_id is None:
        source_id = derive_id(outlet, date.published, root, {r["source_id"] for r in rows})
    elif not SOURCE_ID.match(source_id):
        raise UsageError(f"--id {source_id!r} is not a valid id ([A-Za-z0-9][A-Za-z0-9._-]*)")
    refuse_registered(rows, source_id, sha256_hex(found.text.encode("utf-8")))
    raw_name = f"{source_id}{file.suffix.lower()}" if page else ""
    started = start_ledger(root)
    try:
        stored = register_source(
            root, source_id, outlet, date.published, found.text,
            published_note=date.note, published_at=date.published_at,
            title=title or found.title, byline=found.byline, url=url or found.url,
            raw=data if page else None, raw_filename=raw_name or None,
        )
    except BaseException:
        _undo(started)
        raise
    return _added(source_id, outlet, date, stored, raw_name, found.text, bool(started))


def _added(source_id: str, outlet: str, date: PageDate, stored: Path, raw_name: str,
           text: str, started: bool) -> AddedSource:
    return AddedSource(
        source_id, outlet, date.published, date.published_at, date.note,
        f"sources/{stored.name}", f"sources/{raw_name}" if raw_name else "", len(text), started,
    )


def read_article_file(file: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_SOURCE_BYTES``; one-line refusals."""
    try:
        return read_regular(file, str(file), MAX_SOURCE_BYTES, what="a source", error=SourceError)
    except SourceError as exc:
        raise UsageError(str(exc)) from None


def _existing_rows(root: Path) -> list[dict[str, str]]:
    """The registry's rows, or none in a folder that holds no ledger yet."""
    if _is_new(root):
        return []
    table = read_table(root / REGISTRY, REGISTRY)
    check_registry_header(table.header)
    return registry_rows(table)


def _is_new(root: Path) -> bool:
    """True when ``root`` holds neither ``sources/sources.csv`` nor ``claims.csv``."""
    return not (root / REGISTRY).exists() and not (root / CLAIMS).exists()


def slug(outlet: str) -> str:
    """An id from an outlet's name: ASCII words joined by hyphens, without a leading
    "the" or parenthesised notes ("The Daily Fictional (FICTIONAL)" -> "daily-fictional")."""
    name = re.sub(r"\([^)]*\)", " ", outlet)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "-".join(words)[:40].strip("-") or "source"


def derive_id(outlet: str, published: str, root: Path, taken: set[str]) -> str:
    """The first free id of: the outlet's slug, then with the date, then numbered."""
    base = slug(outlet)
    dated = f"{base}-{published}"
    candidates = [base, dated, *(f"{dated}-{n}" for n in range(2, len(taken) + 3))]
    return next(c for c in candidates if c not in taken and not _has_files(root, c))


def _has_files(root: Path, source_id: str) -> bool:
    """True when a file named for ``source_id`` already lies in ``sources/``."""
    return any((root / "sources" / f"{source_id}{s}").exists() for s in (".txt", *PAGE_SUFFIXES))


def start_ledger(root: Path) -> list[Path]:
    """In a folder holding no ledger, write ``sources/sources.csv`` and ``claims.csv``
    with their canonical headers; return what was created (files, then folders)."""
    if not _is_new(root):
        return []
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: not a folder")
    if not root.parent.is_dir():
        raise UsageError(f"{root}: neither the folder nor its parent exists")
    created: list[Path] = []  # undone in this order: files, then the inner folder
    try:
        for folder in (root, root / "sources"):
            if not folder.exists():
                folder.mkdir()
                created.insert(0, folder)
        for path, header in ((root / REGISTRY, SOURCE_COLUMNS), (root / CLAIMS, CLAIM_COLUMNS)):
            write_atomic(path, (",".join(header) + "\n").encode("utf-8"))
            created.insert(0, path)
    except BaseException:
        _undo(created)
        raise
    return created


def _undo(created: list[Path]) -> None:
    """Remove what ``start_ledger`` created (files first, then the emptied folders)."""
    for path in created:
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink(missing_ok=True)
