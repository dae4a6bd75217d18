"""Annotations of other tools added to a ledger as candidate claims.

Every annotation is placed in its source's stored text (:mod:`placement`), becomes a
``status=candidate`` row with its values derived as ``fill`` derives them, and records
in ``import_anchor`` how it was placed (``code-points``, ``utf-16`` or ``quote``). An
annotation that overlaps an existing claim of its source is skipped (existing claims are
never touched), one whose source or place cannot be told is reported, never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from provenance.candidates import claimed_spans
from provenance.claim_ids import free_ids
from provenance.csvio import byte_position
from provenance.files import read_regular
from provenance.fill import FillReport, complete_row, with_category, with_columns
from provenance.findings import Finding
from provenance.interchange.doccano import parse_doccano, read_doccano
from provenance.interchange.hypothesis import read_hypothesis
from provenance.interchange.incoming import ImportFormatError, Incoming, load_json
from provenance.interchange.label_studio import read_label_studio
from provenance.interchange.placement import Placed, place
from provenance.interchange.web_annotation import read_web_annotation
from provenance.ledger import Ledger
from provenance.rules import CONTROL, category_problem
from provenance.schema import CATEGORY, KINDS
from provenance.sources import text_sha256
from provenance.validate import FACT_KEY

ANCHOR_COLUMN = "import_anchor"
MAX_IMPORT_BYTES = 256 * 2**20
READERS: dict[str, Callable[[Any, str], list[Incoming]]] = {
    "web-annotation": read_web_annotation,
    "hypothesis": read_hypothesis,
    "label-studio": read_label_studio,
}
FORMATS = (*READERS, "doccano")


@dataclass
class ImportReport:
    """What an import added (claim ids, and how each was placed) and what it did not."""

    format: str
    added: list[str] = field(default_factory=list)
    how: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    @property
    def skipped(self) -> list[Finding]:
        """Annotations left out because a claim (or an earlier one of the file) is there."""
        return [f for f in self.findings if f.slug in {"import-overlap", "import-duplicate"}]

    @property
    def unplaced(self) -> list[Finding]:
        """Annotations whose source or place could not be told."""
        return [f for f in self.findings if f.severity == "error"]


def read_annotations(path: Path, fmt: str) -> list[Incoming]:
    """The annotations of an import file of format ``fmt`` (one of :data:`FORMATS`)."""
    name = str(path)
    data = read_regular(path, name, MAX_IMPORT_BYTES, what="an import file",
                        error=ImportFormatError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(name, *byte_position(data, exc.start),
                                f"not UTF-8: byte 0x{data[exc.start]:02x}") from None
    if fmt == "doccano":
        return read_doccano(parse_doccano(text, name), name)
    return READERS[fmt](load_json(text, name), name)


def import_annotations(ledger: Ledger, path: Path, fmt: str, source_id: str | None = None
                       ) -> ImportReport:
    """Read ``path`` as ``fmt`` and add its annotations to ``ledger`` (in memory)."""
    if source_id is not None and source_id not in ledger.texts:
        raise ImportFormatError(str(path), None, None, f"--source {source_id!r} is not a "
                                "readable source of this ledger")
    return import_items(ledger, read_annotations(path, fmt), fmt, source_id, str(path))


class _Sources:
    """What identifies a source: its id, its text's sha256, the text, its URL."""

    def __init__(self, ledger: Ledger):
        self.texts = ledger.texts
        self.by_sha: dict[str, list[str]] = {}
        self.by_text: dict[str, str] = {}
        for source_id, text in ledger.texts.items():
            digest = text_sha256(text)
            self.by_sha.setdefault(digest, []).append(source_id)
            self.by_text.setdefault(text, source_id)
        urls = ledger.sources.get("url", pd.Series(dtype=object))
        self.by_url = {url: sid for sid, url in zip(ledger.sources["source_id"], urls,
                                                    strict=True) if url and sid in self.texts}

    def of(self, item: Incoming) -> str | None:
        """The source an item names: by text identity, id, identical text or page URL."""
        same = self.by_sha.get(item.sha256.lower(), [])
        if len(same) == 1 or item.source_id in same:
            return item.source_id if item.source_id in same else same[0]
        if item.source_id in self.texts:
            return item.source_id
        if item.document is not None and item.document in self.by_text:
            return self.by_text[item.document]
        return self.by_url.get(item.uri)


def import_items(ledger: Ledger, items: list[Incoming], fmt: str,
                 source_id: str | None = None, name: str = "") -> ImportReport:
    """Add ``items`` as candidate claims of ``ledger`` (in memory); ``source_id`` is the
    source of every item (else each names its own)."""
    report = ImportReport(fmt)
    claims = with_columns(ledger.claims)
    claimed = claimed_spans(ledger, claims, list(ledger.texts))
    taken, seen, rows = set(claims["claim_id"]), set(), []
    sources, fresh = _Sources(ledger), {}
    for item in items:
        source = source_id or sources.of(item)
        if source is None:
            report.findings.append(_finding("import-no-source", item, name, "names no source "
                                            "of this ledger; give --source ID"))
            continue
        placed = place(ledger.texts[source], item)
        if isinstance(placed, str):
            report.findings.append(_finding("import-unplaced", item, name, placed))
            continue
        if claimed[source].overlaps(placed.start, placed.end):
            report.findings.append(_finding("import-overlap", item, name, f"skipped: "
                                            f"[{placed.start}:{placed.end}] overlaps a claim "
                                            f"of {source}", "warning"))
            continue
        if (source, placed.start, placed.end) in seen:
            report.findings.append(_finding("import-duplicate", item, name, "skipped: an "
                                            "earlier annotation has the same span", "warning"))
            continue
        seen.add((source, placed.start, placed.end))
        own = item.claim_id.strip()
        if not own or own in taken or CONTROL.search(own):  # the file's id, when free
            if source not in fresh:
                fresh[source] = free_ids(taken, source)
            own = next(fresh[source])
        row = _row(ledger, claims.columns, item, source, placed, fmt, own, report)
        taken.add(row["claim_id"])
        rows.append(row)
        report.added.append(row["claim_id"])
        report.how[placed.how] += 1
    if rows:
        ledger.claims = _appended(claims, rows)
    return report


def _row(ledger: Ledger, columns: pd.Index, item: Incoming, source: str, placed: Placed,
         fmt: str, claim_id: str, report: ImportReport) -> dict[str, str]:
    """The claims.csv row of a placed annotation, its values derived as fill does."""
    keys = [label for label in item.labels if FACT_KEY.match(label)]
    others = [label for label in item.labels if label not in keys[:1]]
    note = "; ".join(part for part in (
        f"imported from {fmt}", item.comment.strip(),
        f"labels: {', '.join(others)}" if others else "") if part)
    row = dict.fromkeys(columns, "")
    row.update(claim_id=claim_id, source_id=source, fact_key=keys[0] if keys else "",
               quote=ledger.texts[source][placed.start:placed.end], start=str(placed.start),
               end=str(placed.end), status="candidate", note=note, **{ANCHOR_COLUMN: placed.how})
    cells = dict(item.cells)
    if cells.get("kind") in KINDS:
        row["kind"] = cells["kind"]
    row["attributed_to"] = cells.get("attributed_to", "").strip()
    if cells.get(CATEGORY, "").strip() and not category_problem(cells[CATEGORY]):
        row[CATEGORY] = cells[CATEGORY]
    done = FillReport()
    row.update(complete_row(ledger, row, done))
    report.findings.extend(done.findings)
    return row


def _appended(claims: pd.DataFrame, rows: list[dict[str, str]]) -> pd.DataFrame:
    """``claims`` with ``rows`` after them (``category`` and ``import_anchor`` columns
    added when the rows need them)."""
    if any(row.get(CATEGORY) for row in rows):
        claims = with_category(claims)
    if ANCHOR_COLUMN not in claims.columns:
        claims = claims.assign(**{ANCHOR_COLUMN: ""})
    first = int(claims.index.max()) + 1 if len(claims) else 0
    new = pd.DataFrame(rows, index=range(first, first + len(rows)), dtype=object)
    new = new.reindex(columns=claims.columns, fill_value="").fillna("")
    return pd.concat([claims, new])


def _finding(slug: str, item: Incoming, name: str, message: str,
             severity: str = "error") -> Finding:
    return Finding(slug, f"{item.where}: {message}", name, item.line, None, "", severity)
