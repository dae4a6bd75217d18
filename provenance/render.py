"""Plain-text tables for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from provenance.extract import Mention


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def mentions_table(mentions: Sequence[Mention]) -> str:
    """An aligned table of mentions: span, kind, qualifier, interval, unit, text."""
    header = ["start", "end", "kind", "qualifier", "low", "high", "unit", "text"]
    rows = []
    for mention in mentions:
        item = mention.to_json()
        text = item["text"].replace("\n", "\\n")
        rows.append([_cell(item[k]) for k in header[:-1]] + [text])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1]
        for r in [header, *rows]
    ]
    lines.append(f"{len(mentions)} mention(s)")
    return "\n".join(lines)
