"""The three tools under test, each mapped to `Pred` records.

- ours: `provenance.extract.extract(text, published)`.
- quantulum3: `quantulum3.parser.parse`, offsets from its `span`. It is quadratic in the
  length of its input, so it is fed pieces of at most `QUANTULUM_CHUNK` characters cut at
  line ends (or sentence ends inside a long line); its spans are shifted back. A range is
  value +- uncertainty; time units become durations in days.
- dateparser: `dateparser.search.search_dates(text, languages=['en'],
  settings={'RELATIVE_BASE': reference date})`. It returns (substring, datetime) pairs and
  no offsets, so each substring is located by searching the text from the end of the
  previous one. Its datetime is read as a one-day date interval.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import warnings
from collections.abc import Callable

from bench_model import DAYS, Pred

QUANTULUM_CHUNK = 2000
Tool = Callable[[str, dt.date], list[Pred]]
SENTENCE_END = re.compile(r"(?<=[.!?]\s)")


def ours(text: str, ref: dt.date) -> list[Pred]:
    from provenance.extract import extract

    preds = []
    for m in extract(text, ref):
        v = m.value
        preds.append(
            Pred(
                m.start,
                m.end,
                m.kind,
                v.qualifier,
                v.value,
                v.low,
                v.high,
                v.unit,
                v.date_low,
                v.date_high,
            )
        )
    return preds


def chunks(text: str, size: int = QUANTULUM_CHUNK) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, pieces at most `size` long where possible."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        for part in [line] if len(line) <= size else SENTENCE_END.split(line):
            if pieces and len(pieces[-1][1]) + len(part) <= size:
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + part)
            elif part:
                pieces.append((offset, part))
            offset += len(part)
    return pieces


def quantulum_pred(q: object, offset: int) -> Pred:
    start, end = q.span[0] + offset, q.span[1] + offset
    value, spread = float(q.value), float(q.uncertainty or 0.0)
    qualifier = "range" if spread else "exact"
    unit = q.unit.name
    if q.unit.entity.name == "time" and unit in DAYS:
        days = value * DAYS[unit]
        return Pred(
            start,
            end,
            "duration",
            qualifier,
            days,
            (value - spread) * DAYS[unit],
            (value + spread) * DAYS[unit],
            "day",
        )
    unit_or_none = None if unit == "dimensionless" else unit
    return Pred(
        start, end, "quantity", qualifier, value, value - spread, value + spread, unit_or_none
    )


def quantulum(text: str, ref: dt.date) -> list[Pred]:
    from quantulum3 import classifier, parser

    # without its optional classifier, as it installs alone: the classifier's pickled model
    # does not load with the scikit-learn provenance depends on
    classifier.USE_CLF = False

    preds = []
    for offset, piece in chunks(text):
        preds += [quantulum_pred(q, offset) for q in parser.parse(piece)]
    return preds


def dateparser_tool(text: str, ref: dt.date) -> list[Pred]:
    from dateparser.search import search_dates

    base = dt.datetime(ref.year, ref.month, ref.day)  # noqa: DTZ001 - dateparser wants naive
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    preds, position = [], 0
    for surface, when in found:
        start = text.find(surface, position)
        if start < 0:
            continue
        position = start + len(surface)
        day = when.date()
        preds.append(Pred(start, position, "date", "exact", date_low=day, date_high=day))
    return preds


def quiet() -> None:
    """Silence the baselines' warnings and log noise."""
    warnings.filterwarnings("ignore")
    logging.getLogger("quantulum3").setLevel(logging.ERROR)


def both_baselines(text: str, ref: dt.date) -> list[Pred]:
    """quantulum3 and dateparser together, for suites that mix quantities and dates."""
    return quantulum(text, ref) + dateparser_tool(text, ref)


TOOLS: dict[str, Tool] = {
    "ours": ours,
    "quantulum3": quantulum,
    "dateparser": dateparser_tool,
    "quantulum3+dateparser": both_baselines,
}
