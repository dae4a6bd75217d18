"""Mention extraction: every quantity, duration and date mention in a text, with exact
code-point spans (``text[m.start:m.end] == m.text``), sorted and non-overlapping.

The scan is one compiled regex pass plus local parsing (provenance.values.scan), so it
runs in time linear in the text length. Ordinals ("first", "250th"), figures used as
names ("F-16", "Page 1"), bare years without a temporal word before them ("Vision
2030") and the pronoun "one" ("one of the goals") are not mentions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .values import APPROX_TOLERANCE, Value
from .values.scan import scan

__all__ = ["Mention", "extract"]


@dataclass(frozen=True)
class Mention:
    """A span of text and its normalised value."""

    start: int
    end: int
    text: str
    kind: str
    value: Value

    def to_json(self) -> dict:
        """JSON-ready dict: quantities in their stated unit, durations in days (unit
        "day"), dates as inclusive ISO strings with unit None; None = unbounded."""
        v = self.value
        if v.kind == "date":
            low = v.date_low.isoformat() if v.date_low else None
            high = v.date_high.isoformat() if v.date_high else None
            unit = None
        else:
            low, high, unit = v.low, v.high, v.unit
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "qualifier": v.qualifier, "low": low, "high": high, "unit": unit}


def extract(text: str, published: datetime.date | str | None,
            *, tolerance: float = APPROX_TOLERANCE) -> list[Mention]:
    """All mentions in `text`, dates resolved against `published` (a date or an ISO
    string; see values.dates); never raises on any text (refusals: values.limits)."""
    return [Mention(start, end, text[start:end], value.kind, value)
            for start, end, value in scan(text, published, tolerance)]
