"""W3C Web Annotation JSON-LD: one annotation per claim with a span, and read back.

The export is an ``AnnotationCollection`` whose first page holds the annotations. Each
targets the stored text by its identity (``urn:sha256:<hex>`` of its UTF-8 bytes, the
article URL as ``scope``) with a ``TextQuoteSelector`` (32 code points of prefix and
suffix) and a ``TextPositionSelector`` (code points, end exclusive, as the ledger). The
fact key is a ``tagging`` body, the note a ``describing`` one, and the other cells a
``ClaimRecord`` body in the project's vocabulary (:mod:`provenance.interchange.contexts`).
"""

from __future__ import annotations

import hashlib
import math
from typing import Any
from urllib.parse import quote as iri_quote
from urllib.parse import unquote

from provenance.errors import LedgerFormatError
from provenance.interchange.contexts import (
    CLAIM_PREFIX,
    CLAIM_TERMS,
    CONTEXT,
    NUMBER_TERMS,
    RECORD_TYPE,
    TEXT_PREFIX,
)
from provenance.interchange.incoming import (
    CONTEXT_CHARS,
    ImportFormatError,
    Incoming,
    as_list,
    offset,
    text_of,
)
from provenance.ledger import Ledger
from provenance.schema import CLAIMS
from provenance.sources import text_sha256

RECORD_CELLS = {"kind", "attributed_to", "category"}  # what an import takes from a record


def text_identity(text: str) -> str:
    """``urn:sha256:<hex>`` of a stored text's UTF-8 bytes (the file's bytes)."""
    return TEXT_PREFIX + text_sha256(text)


def claim_iri(claim_id: str) -> str:
    """The annotation id of a claim: ``urn:provenance:claim:<id>`` (percent-encoded)."""
    return CLAIM_PREFIX + iri_quote(claim_id, safe="")


def export_web_annotation(ledger: Ledger) -> dict[str, Any]:
    """The ledger's claims with a span as a W3C ``AnnotationCollection`` (a plain dict).

    A claim whose span is not its quote in its source raises LedgerFormatError naming
    its line of ``claims.csv`` (``provenance validate`` says more).
    """
    identities = {source_id: text_identity(text) for source_id, text in ledger.texts.items()}
    urls = dict(zip(ledger.sources["source_id"], ledger.sources["url"], strict=True)) \
        if "url" in ledger.sources else {}
    items = []
    for index, row in zip(ledger.claims.index, ledger.claims.to_dict("records"), strict=True):
        start, end = row.get("start", "").strip(), row.get("end", "").strip()
        if not (start.isdecimal() and end.isdecimal()):
            continue
        _check_span(ledger, index, row, int(start), int(end))
        items.append(annotation(row, ledger.text(row["source_id"]), int(start), int(end),
                                identities[row["source_id"]], urls.get(row["source_id"], "")))
    digest = hashlib.sha256("\n".join(item["id"] for item in items).encode()).hexdigest()
    collection = f"urn:provenance:collection:{digest}"
    return {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "claims of a provenance ledger",
        "total": len(items),
        "first": {
            "id": f"{collection}:page:1",
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": items,
        },
    }


def _check_span(ledger: Ledger, index: Any, row: dict[str, str], start: int, end: int) -> None:
    """Raise LedgerFormatError unless the row's span is its quote in a loaded source."""
    line = ledger.line_of(index)
    if row["source_id"] not in ledger.texts:
        raise LedgerFormatError(CLAIMS, line, None,
                                f"claim {row['claim_id']}: unknown source {row['source_id']!r}")
    if not 0 <= start < end <= len(ledger.texts[row["source_id"]]) or \
            ledger.texts[row["source_id"]][start:end] != row["quote"]:
        raise LedgerFormatError(CLAIMS, line, None,
                                f"claim {row['claim_id']}: [{start}:{end}] is not its quote; "
                                "run provenance validate")


def annotation(row: dict[str, str], text: str, start: int, end: int, identity: str,
               url: str = "") -> dict[str, Any]:
    """The ``Annotation`` of one claim spanning ``text[start:end]``."""
    target: dict[str, Any] = {"type": "SpecificResource", "source": identity}
    if url.strip():
        target["scope"] = url.strip()
    target["selector"] = [
        {"type": "TextQuoteSelector", "exact": text[start:end],
         "prefix": text[max(0, start - CONTEXT_CHARS):start],
         "suffix": text[end:end + CONTEXT_CHARS]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]
    bodies: list[dict[str, Any]] = []
    if row.get("fact_key", "").strip():
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": row["fact_key"]})
    if row.get("note", "").strip():
        bodies.append({"type": "TextualBody", "purpose": "describing", "value": row["note"],
                       "format": "text/plain"})
    bodies.append(claim_record(row))
    return {"id": claim_iri(row["claim_id"]), "type": "Annotation", "body": bodies,
            "target": target}


def claim_record(row: dict[str, str]) -> dict[str, Any]:
    """The cells Web Annotation has no term for, in the project's vocabulary (empty left out)."""
    record: dict[str, Any] = {"type": RECORD_TYPE}
    for column, term in CLAIM_TERMS.items():
        cell = row.get(column, "").strip()
        if not cell:
            continue
        if term in NUMBER_TERMS:
            record[term] = _number(cell)
        elif term == "ambiguous":
            record[term] = cell == "true"
        else:
            record[term] = cell
    return record


def _number(cell: str) -> int | float | str:
    """A number cell as a JSON number (whole numbers as integers); kept as text if not one."""
    try:
        number = float(cell)
    except ValueError:
        return cell
    if not math.isfinite(number):
        return cell
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def read_web_annotation(data: Any, name: str) -> list[Incoming]:
    """The annotations of a Web Annotation document: a collection (its embedded pages),
    a page, one annotation or a list of them."""
    return [_incoming(item, f"items[{i}]") for i, item in enumerate(_annotations(data, name))]


def _annotations(data: Any, name: str) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFormatError(name, None, None, "not a Web Annotation document (a JSON "
                                "object or list expected)")
    if isinstance(data.get("first"), str):
        raise ImportFormatError(name, None, None, f"the collection's first page is a link "
                                f"({data['first']}); embed its pages (nothing is fetched)")
    if "first" in data or "items" in data:
        found, page = [], data.get("first", data)
        while isinstance(page, dict):
            found.extend(as_list(page.get("items")))
            page = page.get("next")
        return found
    if "target" in data:
        return [data]
    raise ImportFormatError(name, None, None, "not a Web Annotation document: no "
                            "AnnotationCollection pages, items or target")


def _incoming(item: Any, where: str) -> Incoming:
    """One annotation as an :class:`Incoming` (selectors of its first specific target)."""
    if not isinstance(item, dict):
        return Incoming(where)
    target = next((t for t in as_list(item.get("target")) if isinstance(t, dict)), {})
    selectors = {s.get("type"): s for s in as_list(target.get("selector")) if isinstance(s, dict)}
    quote = selectors.get("TextQuoteSelector", {})
    position = selectors.get("TextPositionSelector", {})
    labels, notes, record = [], [], {}
    for body in as_list(item.get("body")):
        if isinstance(body, str):
            notes.append(body)
        elif isinstance(body, dict) and body.get("type") == RECORD_TYPE:
            record = body
        elif isinstance(body, dict):
            value = text_of(body.get("value"))
            (labels if body.get("purpose") == "tagging" else notes).append(value)
    notes.append(text_of(item.get("bodyValue")))
    identity = text_of(item.get("id"))
    terms = {term: column for column, term in CLAIM_TERMS.items()}
    cells = {terms[k]: v for k, v in record.items()
             if k in terms and terms[k] in RECORD_CELLS and isinstance(v, str)}
    source = text_of(target.get("source"))
    return Incoming(
        where,
        quote=text_of(quote.get("exact")),
        prefix=text_of(quote.get("prefix")),
        suffix=text_of(quote.get("suffix")),
        start=offset(position.get("start")),
        end=offset(position.get("end")),
        labels=tuple(label for label in labels if label.strip()),
        comment="; ".join(note for note in notes if note.strip()),
        claim_id=unquote(identity[len(CLAIM_PREFIX):]) if identity.startswith(CLAIM_PREFIX)
        else "",
        source_id=text_of(record.get("sourceId")),
        sha256=source[len(TEXT_PREFIX):] if source.startswith(TEXT_PREFIX) else "",
        uri=text_of(target.get("scope")) or (source if not source.startswith("urn:") else ""),
        cells=cells,
    )
