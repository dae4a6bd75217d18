"""Loaders: peer test data (../shared/peer) and the seed gold list as benchmark suites.

Conventions of the peers are mapped, not adopted:

- Recognizers-Text: Model files give inclusive `End`; Extractor/Parser files `Length`.
  Cases marked NotSupported/NotSupportedByDesign for `dotnet` (the reference port) are
  skipped. A yearless date has a past and a future reading: either is accepted, and so is
  their hull (our documented "ambiguous" interval). Date-range ends are exclusive in
  Recognizers (`this month` ends on the 1st of the next month) but an explicit
  "from 4 to 22" ends on the 22nd, so the end day or the day before is accepted.
  Durations are compared through their TIMEX (`P2M` = 2 months of 365.25/12 days), not
  through Recognizers' seconds, which use 30-day months. A modified range ("before 2012")
  is span-only. Results outside our scope (clock times, sets, time zones) are ignored
  regions. Cases without a reference date use 2016-11-07, the specs' usual one.
- quantulum3: span = first occurrence of `surface` (as its harness does); a range is
  value +- uncertainty.
- TimeML: DATE and DURATION are scored, TIME and SET are ignored regions; the DCT is the
  reference date. MEANTIME is cut at `annotated_end`; its dateline is a date mention; the
  documents without a DCT (2) or with a non-ISO one (1: "03-02-2009") are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

from bench_model import (
    DAYS,
    Check,
    Doc,
    Gold,
    Pred,
    Suite,
    close,
    date_check,
    date_overlap_check,
    duration_check,
    point_check,
)
from bench_timex import timex_date, timex_days
from bench_units import is_measurement, same_unit

DEFAULT_REF = dt.date(2016, 11, 7)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RT_SCOPE = {
    "number": "quantity",
    "numberrange": "quantity",
    "percentage": "quantity",
    "dimension": "quantity",
    "date": "date",
    "daterange": "date",
    "duration": "duration",
}


def read_cases(path: Path) -> list[dict]:
    """Recognizers cases of one spec file, without those the reference port skips."""
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    skip = ("NotSupported", "NotSupportedByDesign")
    return [c for c in cases if not any("dotnet" in c.get(k, "") for k in skip)]


def rt_span(result: dict) -> tuple[int, int]:
    start = result["Start"]
    return (start, start + result["Length"]) if "Length" in result else (start, result["End"] + 1)


def rt_type(result: dict) -> str:
    name = result.get("Type") or result.get("TypeName") or result.get("Typename") or ""
    return name.removeprefix("datetimeV2.")


def parse_range(notation: str) -> tuple[float | None, float | None]:
    """`(20,35]` -> (20, 35); open or closed ends are not distinguished."""
    low, high = notation.strip("[]()").split(",")
    return (float(low) if low else None), (float(high) if high else None)


def quantity_check(low: float | None, high: float | None, unit: str | None) -> Check:
    """A figure (or range) in a unit; no unit check when `unit` is None."""
    value = point_check(low) if low is not None and close(low, high) else None

    def check(p: Pred) -> bool:
        if unit is not None and not (p.unit and same_unit(p.unit, unit)):
            return False
        return value(p) if value else close(p.low, low) and close(p.high, high)

    return check


def iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def range_readings(pairs: list[tuple[str, str]]) -> list[tuple[dt.date, dt.date]]:
    """Inclusive readings of exclusive-end ranges (end day or the day before)."""
    readings = []
    for start, end in pairs:
        readings += [(iso(start), iso(end)), (iso(start), iso(end) - dt.timedelta(days=1))]
    if len(pairs) > 1:
        readings += [(min(r[0] for r in readings), max(r[1] for r in readings))]
    return readings


def point_readings(days: list[str]) -> list[tuple[dt.date, dt.date]]:
    readings = [(iso(d), iso(d)) for d in days]
    return readings + [(min(readings)[0], max(readings)[1])]


def parser_check(kind: str, value: dict) -> Check | None:
    """Value check of a Recognizers *Parser result."""
    if "Mod" in value:
        return None
    resolutions = [value.get("PastResolution", {}), value.get("FutureResolution", {})]
    if kind == "date":
        return date_check(point_readings([r["date"] for r in resolutions if "date" in r]))
    if kind == "daterange":
        pairs = [
            (r["startDate"], r["endDate"])
            for r in resolutions
            if "startDate" in r and "endDate" in r
        ]
        return date_check(range_readings(pairs)) if pairs else None
    days = timex_days(value.get("Timex", ""))
    return duration_check(days, hedged=False) if days is not None else None


def model_check(kind: str, resolution: dict) -> Check | None:
    """Value check of a Recognizers *Model result."""
    if kind == "number":
        return point_check(float(resolution["value"]))
    if kind == "numberrange":
        return quantity_check(*parse_range(resolution["value"]), None)
    if kind == "percentage":
        value = float(resolution["value"].rstrip("%"))
        return quantity_check(value, value, "percent")
    if kind == "dimension":
        value = float(resolution["value"])
        return quantity_check(value, value, resolution["unit"])
    values = resolution.get("values", [])
    if not values or any("Mod" in v for v in values):
        return None
    if kind == "date":
        return date_check(point_readings([v["value"] for v in values if "value" in v]))
    if kind == "daterange":
        pairs = [(v["start"], v["end"]) for v in values if "start" in v and "end" in v]
        return date_check(range_readings(pairs)) if pairs else None
    days = timex_days(values[0].get("timex", ""))
    return duration_check(days, hedged=False) if days is not None else None


def safe_model_check(kind: str, resolution: dict) -> Check | None:
    """`model_check`, or span-only when the expected value is not a number ('null')."""
    try:
        return model_check(kind, resolution)
    except (TypeError, ValueError):
        return None


def rt_doc(case: dict) -> Doc:
    """One Recognizers case as a document."""
    context = case.get("Context", {})
    ref = iso(context["ReferenceDateTime"]) if "ReferenceDateTime" in context else DEFAULT_REF
    doc = Doc(case["Input"], ref, [])
    for result in case["Results"]:
        start, end = rt_span(result)
        kind = rt_type(result)
        if kind not in RT_SCOPE:
            doc.ignore.append((start, end))
            continue
        if "Resolution" in result:
            check = safe_model_check(kind, result["Resolution"])
        else:
            check = parser_check(kind, result["Value"]) if "Value" in result else None
        doc.gold.append(Gold(start, end, RT_SCOPE[kind], check))
    return doc


RT_SUITES = [
    ("rt-number", ["Number/English/NumberModel.json"], {"quantity"}, None),
    (
        "rt-numberrange",
        ["Number/English/NumberRangeModel.json"],
        {"quantity"},
        lambda p: p.qualifier != "exact",
    ),
    (
        "rt-percent",
        ["Number/English/PercentModel.json"],
        {"quantity"},
        lambda p: bool(p.unit) and same_unit(p.unit, "percent"),
    ),
    (
        "rt-dimension",
        ["NumberWithUnit/English/DimensionModel.json"],
        {"quantity"},
        lambda p: is_measurement(p.unit),
    ),
    (
        "rt-date",
        ["DateTime/English/DateExtractor.json", "DateTime/English/DateParser.json"],
        {"date"},
        None,
    ),
    (
        "rt-dateperiod",
        ["DateTime/English/DatePeriodExtractor.json", "DateTime/English/DatePeriodParser.json"],
        {"date"},
        None,
    ),
    (
        "rt-duration",
        ["DateTime/English/DurationExtractor.json", "DateTime/English/DurationParser.json"],
        {"duration"},
        None,
    ),
    ("rt-datetime-model", ["DateTime/English/DateTimeModel.json"], {"date", "duration"}, None),
]


def recognizers_suites(peer: Path) -> list[Suite]:
    suites = []
    for name, files, kinds, in_scope in RT_SUITES:
        docs = [rt_doc(c) for f in files for c in read_cases(peer / "recognizers-text" / f)]
        suites.append(Suite(name, docs, frozenset(kinds), ", ".join(files), in_scope))
    return suites


def quantulum_gold(req: str, q: dict) -> Gold:
    """One quantulum3 expected quantity (span = first occurrence of its surface)."""
    start = req.index(q["surface"])
    end = start + len(q["surface"])
    value, spread = float(q["value"]), float(q.get("uncertainty") or 0.0)
    unit = q["unit"]
    if unit in {"second", "minute", "hour", "day", "week", "month", "year"} and not spread:
        return Gold(start, end, "duration", point_check(value * DAYS[unit]))
    unit_or_none = None if unit == "dimensionless" else unit
    return Gold(
        start, end, "quantity", quantity_check(value - spread, value + spread, unit_or_none)
    )


def quantulum_suite(peer: Path) -> Suite:
    cases = json.loads((peer / "quantulum3" / "quantities.json").read_text(encoding="utf-8"))
    docs = [
        Doc(c["req"], DEFAULT_REF, [quantulum_gold(c["req"], q) for q in c["res"]]) for c in cases
    ]
    return Suite(
        "quantulum3", docs, frozenset({"quantity", "duration"}), "quantulum3/quantities.json"
    )


def timex_gold(t: dict) -> Gold | None:
    """A TimeML TIMEX3 as gold (None for TIME and SET)."""
    mod = t.get("mod")
    if t["type"] == "DATE":
        span = timex_date(t["value"])
        check = None if span is None else date_check([span])
        if span is not None and mod:
            check = date_overlap_check(*span)
        return Gold(t["start"], t["end"], "date", check)
    if t["type"] == "DURATION":
        days = timex_days(t["value"])
        check = duration_check(days, hedged=bool(mod)) if days is not None else None
        return Gold(t["start"], t["end"], "duration", check)
    return None


def timeml_doc(record: dict, text: str, timexes: list[dict]) -> Doc:
    doc = Doc(text, iso(record["dct"]), [])
    for t in timexes:
        gold = timex_gold(t)
        if gold is None:
            doc.ignore.append((t["start"], t["end"]))
        else:
            doc.gold.append(gold)
    return doc


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def timeml_suites(peer: Path) -> list[Suite]:
    """TE3 platinum and MEANTIME (TIMEX3 and VALUE) suites."""
    te3 = [
        timeml_doc(r, r["text"], r["timexes"])
        for r in read_jsonl(peer / "timeml" / "te3-platinum.timex.jsonl")
    ]
    records = [
        r
        for r in read_jsonl(peer / "timeml" / "meantime-en.timex.jsonl")
        if r["dct"] and ISO_DATE.match(r["dct"])
    ]
    meantime, values = [], []
    for r in records:
        text = r["text"][: r["annotated_end"]]
        timexes = [t for t in r["timexes"] + [r["dct_mention"]] if t["end"] <= len(text)]
        meantime.append(timeml_doc(r, text, timexes))
        spans = [(v["start"], v["end"]) for v in r["values"] if v["end"] <= len(text)]
        values.append(Doc(text, iso(r["dct"]), [Gold(s, e, "quantity") for s, e in spans]))
    return [
        Suite("te3-platinum", te3, frozenset({"date", "duration"}), "TIMEX3 DATE+DURATION"),
        Suite(
            "meantime-timex",
            meantime,
            frozenset({"date", "duration"}),
            "TIMEX3 DATE+DURATION, sentences 0-5, docs with an ISO DCT",
        ),
        Suite("meantime-values", values, frozenset({"quantity"}), "VALUE spans only"),
    ]


def seed_check(row: dict[str, str]) -> Check:
    """Kind, qualifier, bounds and unit of a seed gold row (counted nouns optional)."""
    kind, unit = row["kind"], row["unit"]

    def check(p: Pred) -> bool:
        if p.kind != kind or p.qualifier != row["qualifier"]:
            return False
        if kind == "date":
            return (str(p.date_low), str(p.date_high)) == (row["low"], row["high"])
        bounds = [float(row[k]) if row[k] else None for k in ("low", "high")]
        if not (close(p.low, bounds[0]) and close(p.high, bounds[1])):
            return False
        if is_measurement(unit) or unit in {"percent", "day"}:
            return bool(p.unit) and same_unit(p.unit, unit)
        return not p.unit or same_unit(p.unit, unit)

    return check


def seed_suite(root: Path) -> Suite:
    """The two seed articles and the hand-made gold list of tests/data."""
    sources = root / "sources"
    with (sources / "sources.csv").open(encoding="utf-8", newline="") as handle:
        published = {r["path"]: iso(r["published"]) for r in csv.DictReader(handle)}
    with (root / "tests" / "data" / "seed_gold.csv").open(encoding="utf-8", newline="") as h:
        rows = list(csv.DictReader(h))
    docs = []
    for name in sorted({r["file"] for r in rows}):
        gold = [
            Gold(int(r["start"]), int(r["end"]), r["kind"], seed_check(r))
            for r in rows
            if r["file"] == name
        ]
        text = (sources / name).read_bytes().decode("utf-8")
        docs.append(Doc(text, published[name], gold))
    return Suite(
        "seed", docs, frozenset({"quantity", "duration", "date"}), "tests/data/seed_gold.csv"
    )
