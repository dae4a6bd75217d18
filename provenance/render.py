"""Plain-text tables for the terminal."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from provenance.extract import Mention
from provenance.terminal import terminal_safe

if TYPE_CHECKING:
    from provenance.registry_add import AddedSource

def _cell(value: object) -> str:
    return "" if value is None else str(value)


def mentions_table(mentions: Sequence[Mention]) -> str:
    """An aligned table of mentions: span, kind, qualifier, interval, unit, text."""
    header = ["start", "end", "kind", "qualifier", "low", "high", "unit", "text"]
    rows = []
    for mention in mentions:
        item = mention.to_json()
        text = terminal_safe(item["text"])
        rows.append([_cell(item[k]) for k in header[:-1]] + [text])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1]
        for r in [header, *rows]
    ]
    lines.append(f"{len(mentions)} mention(s)")
    return "\n".join(lines)


def added_source_lines(added: AddedSource, ledger: Path) -> list[str]:
    """What ``provenance add-source`` prints: the source, its date's origin, the next step."""
    folder = shlex.quote(str(ledger))
    lines = []
    if added.started_ledger:
        lines.append(f"started a ledger in {terminal_safe(folder)}: "
                     "sources/sources.csv, claims.csv")
    lines += [
        f"added source {added.source_id}: {terminal_safe(added.outlet)}",
        f"published {added.published} ({terminal_safe(added.published_note)})",
        f"stored {added.path} ({added.characters:,} characters)"
        + (f"; the saved page is kept as {added.raw_path}" if added.raw_path else ""),
        f"next: provenance extract --ledger {terminal_safe(folder)} --source {added.source_id}",
    ]
    return lines


def claim_summary(row: dict[str, str], path: str) -> str:
    """A stored claim's essentials: id, status, exact span and quote, kind and value."""
    lines = [
        f"{terminal_safe(row['claim_id'])} ({row['status']}), fact_key "
        f"{terminal_safe(row['fact_key']) or '(none yet)'}",
        f"  span   [{row['start']}, {row['end']}) of {terminal_safe(path)}",
        f"  quote  {row['quote']!r}",
        f"  kind   {row['kind']}" + (f", {row['qualifier']}" if row.get("qualifier") else ""),
    ]
    if row["kind"] == "date":
        lines.append(f"  dates  {row['date_low'] or '…'} to {row['date_high'] or '…'}")
    elif row["kind"] in {"quantity", "duration"}:
        stated = f"{row['value']}; " if row.get("value") else ""
        lines.append(f"  value  {stated}interval [{row['low']}, {row['high']}] "
                     f"{terminal_safe(row['unit'])}".rstrip())
    return "\n".join(lines)
