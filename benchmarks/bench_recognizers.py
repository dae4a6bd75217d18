"""Recognizers-Text English specs as benchmark suites.

Model files give inclusive `End`; Extractor/Parser files `Length`.
Cases marked NotSupported/NotSupportedByDesign for `dotnet` (the reference port) are
skipped. A yearless date has a past and a future reading: either is accepted, and so is
their hull (our documented "ambiguous" interval). Date-range ends are exclusive in
Recognizers (`this month` ends on the 1st of the next month) but an explicit
"from 4 to 22" ends on the 22nd, so the end day or the day before is accepted.
Durations are compared through their TIMEX (`P2M` = 2 months of 365.25/12 days), not
through Recognizers' seconds, which use 30-day months. A modified range ("before 2012")
is span-only. Results outside our scope (clock times, sets, time zones) are ignored
regions. Cases without a reference date use 2016-11-07, the specs' usual one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bench_model import (
    DEFAULT_REF,
    Check,
    Doc,
    Gold,
    Suite,
    date_check,
    duration_check,
    iso,
    point_check,
    quantity_check,
)
from bench_timex import timex_days
from bench_units import is_measurement, same_unit

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
