"""The source registry: ``sources/sources.csv`` and the stored article texts."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.csvio import CsvTable, byte_position, read_table
from provenance.errors import LedgerFormatError, SourceError, UsageError
from provenance.files import MAX_SOURCE_BYTES, read_regular
from provenance.findings import Finding
from provenance.transaction import ledger_transaction

SOURCE_COLUMNS = [
    "source_id",
    "outlet",
    "published",
    "published_note",
    "path",
    "title",
    "byline",
    "url",
    "sha256",
    "published_at",
    "raw_path",
    "raw_sha256",
]
OPTIONAL_SOURCE_COLUMNS = ["published_at", "raw_path", "raw_sha256"]  # added when used
REQUIRED_SOURCE_COLUMNS = ["source_id", "outlet", "published", "path"]
SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DRIVE = re.compile(r"[A-Za-z]:")
REGISTRY = "sources/sources.csv"
MISSING_SHA256 = "source-missing-sha256"
RAW_PROBLEMS = ("source-raw-unreadable", "source-raw-hash-mismatch")


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def parse_iso_date(value: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` calendar date, or None when the cell is empty or not such a date."""
    value = value.strip()
    if not ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def text_sha256(text: str) -> str:
    """The sha256 of a text as stored: its UTF-8 bytes."""
    return sha256_hex(text.encode("utf-8"))


def outlets(sources: Any) -> dict[str, str]:
    """Map source_id -> outlet name, for a registry frame (``ledger.sources``)."""
    return dict(zip(sources["source_id"], sources["outlet"], strict=True))


def is_inferred(note: str) -> bool:
    """True when a ``published_note`` says the date was inferred, not printed."""
    return note.strip().lower().startswith("inferred")


def safe_source_path(
    sources_dir: Path | str, relative: str, name: str, resolved_dir: Path | None = None
) -> str:
    """``relative`` joined to ``sources_dir``; refuse absolute paths, ``..`` and links out.

    ``resolved_dir`` is ``sources_dir``'s real path when the caller already has it. Plain
    string operations, not pathlib: a load checks every one of thousands of sources.
    """
    posix = relative.replace("\\", "/")
    parts = [part for part in posix.split("/") if part not in ("", ".")]
    base = str(resolved_dir or os.path.realpath(sources_dir))
    if not parts:
        problem = "is empty"
    elif posix.startswith("/") or DRIVE.match(relative):
        problem = "is absolute; give it relative to sources/"
    elif ".." in parts:
        problem = "leaves sources/"
    elif _links_out(base, parts):
        problem = "links outside sources/"
    else:
        return os.path.join(sources_dir, *parts)  # noqa: PTH118 - hot path
    raise SourceError(name, None, None, f"path {relative!r} {problem}", slug="source-bad-path")


def _links_out(base: str, parts: list[str]) -> bool:
    """True when ``base/parts`` resolves outside ``base`` (a resolved folder).

    One ``lstat`` per part; the full ``realpath`` only once a part is a symbolic link.
    A missing part is not a link (the caller reports the file as not found).
    """
    path = base
    for part in parts:
        path = os.path.join(path, part)  # noqa: PTH118 - hot path
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                resolved = os.path.realpath(os.path.join(base, *parts))  # noqa: PTH118
                return not resolved.startswith(base + os.sep)
        except OSError:
            return False
    return False


def read_bytes(path: str, name: str | None = None) -> bytes:
    """A stored file's bytes: a regular file (a FIFO or device is refused unopened) of at
    most ``MAX_SOURCE_BYTES``, what ``add-source`` stores; else SourceError naming ``name``."""
    return read_regular(path, name or path, MAX_SOURCE_BYTES, what="a source",
                        error=SourceError)


def decode_source(data: bytes, name: str) -> str:
    """Decode a stored article: strict UTF-8, no newline translation, no normalisation."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            name,
            *byte_position(data, exc.start),
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded",
        ) from None
    if "\x00" in text:
        raise _binary(name)
    return text


def source_chars(data: bytes, name: str) -> int:
    """The code points of a stored article, which :func:`decode_source` would decode (its
    refusals, worded alike): ASCII bytes are counted without decoding them."""
    if not data.isascii():
        return len(decode_source(data, name))
    if b"\x00" in data:
        raise _binary(name)
    return len(data)


def _binary(name: str) -> SourceError:
    return SourceError(name, None, None, "contains NUL characters: a binary file, not text")


@dataclass(frozen=True)
class LoadedSource:
    """One registered source as read from disk: its bytes (UTF-8 text), their sha256 and
    the text's length in code points."""

    source_id: str
    data: bytes
    sha256: str
    chars: int

    @property
    def text(self) -> str:
        """The text (decoded on each access)."""
        return self.data.decode("utf-8")


def read_source(
    root: Path, row: dict[str, str], line: int, resolved_dir: Path | None = None
) -> tuple[LoadedSource | None, list[Finding]]:
    """Read one registered source's text and check its path, encoding, hash and date
    (None for a source that cannot be read)."""
    findings: list[Finding] = []
    source_id = row.get("source_id", "")
    published = row.get("published", "")
    if parse_iso_date(published) is None:
        findings.append(
            Finding(
                "source-bad-published",
                f"source {source_id}: published {published!r} is not a YYYY-MM-DD date",
                REGISTRY,
                line,
            )
        )
    try:
        folder = os.path.join(root, "sources")  # noqa: PTH118 - hot path
        path = safe_source_path(folder, row.get("path", ""), f"{REGISTRY}:{line}", resolved_dir)
        name = "sources/" + path[len(folder) + 1 :]
        try:
            data = read_bytes(path, name)
        except SourceError as exc:
            raise SourceError(name, None, None, f"source {source_id}: {exc.message}") from None
        chars = source_chars(data, name)
    except SourceError as exc:
        return None, [*findings, _as_finding(exc)]
    digest = sha256_hex(data)
    expected = row.get("sha256", "").strip().lower()
    if not expected:
        findings.append(
            Finding(
                MISSING_SHA256,
                f"source {source_id}: sources.csv records no sha256 for {name}; "
                "run `provenance reanchor` to record it",
                REGISTRY,
                line,
            )
        )
    elif expected != digest:
        findings.append(
            Finding(
                "source-hash-mismatch",
                f"source {source_id}: {name} has sha256 {digest[:12]}…, sources.csv says "
                f"{expected[:12]}…; the file changed (run `provenance reanchor`)",
                name,
            )
        )
    if row.get("raw_path", "").strip():
        findings.extend(_check_raw(root, row, line, resolved_dir))
    return LoadedSource(source_id, data, digest, chars), findings


def _check_raw(
    root: Path, row: dict[str, str], line: int, resolved_dir: Path | None
) -> list[Finding]:
    """The saved page kept beside a source (``raw_path``) exists and has its ``raw_sha256``.

    Its bytes are only hashed: the source's text is always the file at ``path``.
    """
    source_id = row.get("source_id", "")
    try:
        folder = os.path.join(root, "sources")  # noqa: PTH118 - hot path
        path = safe_source_path(folder, row["raw_path"], f"{REGISTRY}:{line}", resolved_dir)
        name = "sources/" + path[len(folder) + 1 :]
    except SourceError as exc:
        return [_as_finding(exc)]
    try:
        data = read_bytes(path, name)
    except SourceError as exc:
        return [Finding(RAW_PROBLEMS[0], f"source {source_id}: saved page {row['raw_path']!r}: "
                        f"{exc.message}", REGISTRY, line)]
    digest, expected = sha256_hex(data), row.get("raw_sha256", "").strip().lower()
    if expected and expected != digest:
        return [
            Finding(
                RAW_PROBLEMS[1],
                f"source {source_id}: saved page {name} has sha256 {digest[:12]}…, sources.csv "
                f"says {expected[:12]}…; restore the page as it was captured",
                name,
            )
        ]
    return []


def _as_finding(exc: SourceError) -> Finding:
    return Finding(exc.slug, exc.message, exc.file, exc.line, exc.column)


def check_registry_header(header: list[str]) -> None:
    """Raise when sources.csv lacks a required column (it cannot be used at all)."""
    missing = [c for c in REQUIRED_SOURCE_COLUMNS if c not in header]
    if missing:
        hint = _delimiter_hint(header)
        raise LedgerFormatError(REGISTRY, 1, None, f"missing column(s) {', '.join(missing)}{hint}")


def _delimiter_hint(header: list[str]) -> str:
    """A hint when a header looks split by something other than commas."""
    if len(header) == 1 and any(d in header[0] for d in ";\t|"):
        return "; the file seems delimited by something other than commas (use commas)"
    return ""


def registry_rows(table: CsvTable) -> list[dict[str, str]]:
    """The rows of a read ``sources.csv``, as column -> cell."""
    return [dict(zip(table.header, cells, strict=True)) for cells in table.rows]


def refuse_registered(rows: list[dict[str, str]], source_id: str, digest: str) -> None:
    """Raise UsageError when ``source_id`` is taken or a text with ``digest`` is registered."""
    if any(row["source_id"] == source_id for row in rows):
        raise UsageError(f"source_id {source_id!r} is already registered")
    for row in rows:
        if row.get("sha256", "").strip().lower() == digest:
            raise UsageError(
                f"the same text is already registered as source {row['source_id']!r} "
                f"(sources/{row.get('path', '')})"
            )


def register_source(
    root: Path,
    source_id: str,
    outlet: str,
    published: str,
    text: str,
    *,
    filename: str | None = None,
    published_note: str = "",
    published_at: str = "",
    title: str = "",
    byline: str = "",
    url: str = "",
    raw: bytes | None = None,
    raw_filename: str | None = None,
) -> Path:
    """Store an article's text under ``sources/`` and add its row to ``sources.csv``.

    ``raw`` (a saved page the text was extracted from) is kept beside it as
    ``raw_filename`` with its own sha256. The files and the row are one change (all or
    none, see :mod:`provenance.transaction`); an existing id, text or file is refused,
    never overwritten. Returns the text's path.
    """
    if not SOURCE_ID.match(source_id):
        raise UsageError(f"source_id {source_id!r} is not a valid id")
    if parse_iso_date(published) is None:
        raise UsageError(f"published {published!r} is not a YYYY-MM-DD date")
    registry = root / REGISTRY
    table = read_table(registry, REGISTRY)
    check_registry_header(table.header)
    rows = registry_rows(table)
    data = text.encode("utf-8")
    refuse_registered(rows, source_id, sha256_hex(data))
    relative = filename or f"{source_id}.txt"
    raw_name = raw_filename or f"{source_id}.html"
    if raw is not None and raw_name == relative:
        raise UsageError(f"the saved page and the text cannot both be sources/{relative}")
    files = {relative: data} | ({raw_name: raw} if raw is not None else {})
    paths = {name: Path(safe_source_path(root / "sources", name, REGISTRY)) for name in files}
    for name, path in paths.items():
        if path.exists():
            raise UsageError(f"sources/{name} already exists")
    row = {
        "source_id": source_id,
        "outlet": outlet,
        "published": published,
        "published_note": published_note,
        "path": relative,
        "title": title,
        "byline": byline,
        "url": url,
        "sha256": sha256_hex(data),
        "published_at": published_at,
        "raw_path": raw_name if raw is not None else "",
        "raw_sha256": sha256_hex(raw) if raw is not None else "",
    }
    header = table.header + [
        c for c in SOURCE_COLUMNS
        if c not in table.header and (row[c] or c not in OPTIONAL_SOURCE_COLUMNS)
    ]
    new_rows = [[r.get(c, "") for c in header] for r in [*rows, row]]
    with ledger_transaction(root) as tx:
        for name, path in paths.items():
            tx.create(path, files[name])
        table.write_over(registry, header, new_rows, tx=tx)
    return paths[relative]
