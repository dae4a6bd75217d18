"""doccano's sequence-labelling exports, one JSON object per line (JSON Lines) or a
JSON list: ``{"text": ..., "label": [[start, end, "TAG"], ...]}`` or, with relations,
``{"text": ..., "entities": [{"start_offset": ..., "end_offset": ..., "label": ...}]}``.

No span carries its text: the quote is the record's ``text`` at the span's offsets,
read as UTF-16 units (what doccano's web client counts).
"""

from __future__ import annotations

import json
from typing import Any

from provenance.interchange.incoming import (
    ImportFormatError,
    Incoming,
    labels_of,
    load_json,
    offset,
    text_of,
)


def parse_doccano(data: str, name: str) -> list[tuple[int | None, Any]]:
    """The records of a doccano file with their line (JSON Lines) or None (a JSON list)."""
    if data.lstrip().startswith("["):
        return [(None, record) for record in load_json(data, name)]
    found = []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ImportFormatError(name, number, exc.colno, f"not JSON: {exc.msg}") from None
    return found


def read_doccano(records: list[tuple[int | None, Any]], name: str) -> list[Incoming]:
    """One :class:`Incoming` per labelled span of every record."""
    found: list[Incoming] = []
    for number, (line, record) in enumerate(records):
        where = "" if line is not None else f"records[{number}]"
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ImportFormatError(name, line, None, f"{where or 'record'}: not a doccano "
                                    'record (an object with "text" expected)')
        document, source_id = record["text"], text_of(record.get("source_id"))
        for i, span in enumerate(_spans(record)):
            start, end, labels = span if span else (None, None, ())
            found.append(Incoming(f"{where}.labels[{i}]" if where else f"label {i + 1}", line,
                                  start=start, end=end, document=document, labels=labels,
                                  source_id=source_id))
    return found


def _spans(record: dict[str, Any]) -> list[tuple[int | None, int | None, tuple[str, ...]] | None]:
    """``(start, end, labels)`` of each span of either layout (None: not a span)."""
    spans: list[tuple[int | None, int | None, tuple[str, ...]] | None] = []
    for item in record.get("label", record.get("labels", [])) or []:
        if isinstance(item, list) and len(item) == 3:
            spans.append((offset(item[0]), offset(item[1]), labels_of(item[2])))
        elif isinstance(item, list):
            spans.append(None)
    for item in record.get("entities", []) or []:
        if isinstance(item, dict):
            spans.append((offset(item.get("start_offset")), offset(item.get("end_offset")),
                          labels_of(item.get("label"))))
        else:
            spans.append(None)
    return spans
