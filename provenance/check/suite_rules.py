"""A suite file is checked before GX sees it: GX skips an expectation it cannot build
(a traceback on stderr) and the check would pass without it.

Each expectation must name a registered type, a known severity and kwargs the type's
class accepts. The class itself (a pydantic model in GX 1.x) validates the kwargs' types
and ranges, the custom expectations' ranges included; this adds what GX lets through:
NaN and infinite numbers, integers beyond 64 bits, regular expressions that do not
compile, and (once the ledger is known) columns the batch cannot have. Every refusal is
one line: ``expectations/x.json: expectation 3 (type): kwarg "a" is unknown; did you
mean "b"?``.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from provenance.errors import LedgerFormatError

SUITE_KEYS = {"name", "expectations", "suite_parameters", "meta", "notes", "id"}
EXPECTATION_KEYS = {"type", "kwargs", "meta", "notes", "description", "severity",
                    "success_on_last_run", "id", "expectation_context", "rendered_content"}
NOT_KWARGS = {"id", "meta", "notes", "rendered_content", "severity"}  # set beside ``kwargs``
COLUMN_KWARGS = ("column", "column_A", "column_B")
REGEX_KWARGS = ("regex", "explicit_date_pattern")
INT64 = 2**63 - 1


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``; did you mean "x"?`` for the closest known word, or nothing."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def shown_value(value: Any) -> str:
    """A value as JSON, shortened for a message."""
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _numbers(value: Any) -> Iterator[float | int]:
    """Every number inside a kwarg's value (lists and objects walked)."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)


def _number_problem(value: Any) -> str:
    for number in _numbers(value):
        if isinstance(number, float) and not math.isfinite(number):
            return f"is {shown_value(value)}; give a finite number"
        if isinstance(number, int) and abs(number) > INT64:
            return f"is {shown_value(value)}, beyond 64-bit integers"
    return ""


def refusal(shown: str, message: str, index: int | None = None, kind: str = ""
            ) -> LedgerFormatError:
    """A suite file's refusal, naming the file and (1-based) the expectation."""
    where = "" if index is None else f"expectation {index + 1}" + (f" ({kind})" if kind
                                                                   else "") + ": "
    return LedgerFormatError(shown, None, None, where + message)


class Catalog(Protocol):
    """What an engine knows of the expectations it can build (GX's registry for both)."""

    def types(self) -> list[str]:
        """The expectation types that can be named."""

    def severities(self) -> list[str]:
        """The severities an expectation may have."""

    def kwargs(self, kind: str) -> set[str]:
        """The fields of the expectation type ``kind`` (kwargs and a few others)."""

    def problem(self, kind: str, kwargs: dict, severity: str) -> str:
        """Why the expectation cannot be built with these kwargs, or ""."""


class SuiteChecker:
    """Checks the expectations of one suite file, named ``shown`` in messages."""

    def __init__(self, shown: str, catalog: Catalog) -> None:
        self.shown = shown
        self.catalog = catalog

    def fail(self, message: str, index: int | None = None, kind: str = "") -> LedgerFormatError:
        """The refusal, naming the file and (1-based) the expectation."""
        return refusal(self.shown, message, index, kind)

    def check(self, data: Any) -> None:
        """Raise LedgerFormatError for the first problem of a suite's parsed JSON."""
        if not isinstance(data, dict):
            raise self.fail("not a GX suite: the file must hold one JSON object")
        unknown = sorted(set(data) - SUITE_KEYS)
        if unknown:
            raise self.fail(f'key "{unknown[0]}" is unknown{did_you_mean(unknown[0], SUITE_KEYS)}')
        expectations = data.get("expectations", [])
        if not isinstance(expectations, list):
            raise self.fail('"expectations" must be a list')
        for index, entry in enumerate(expectations):
            self.check_expectation(index, entry)

    def check_expectation(self, index: int, entry: Any) -> None:
        """Raise for an expectation GX would skip or run with a meaningless setting."""
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
            raise self.fail('must be an object with a "type"', index)
        kind = entry["type"]
        known = self.catalog.types()
        if kind not in known:
            raise self.fail(f'type "{kind}" is unknown{did_you_mean(kind, known)}', index)
        extra = sorted(set(entry) - EXPECTATION_KEYS)
        if extra:
            hint = did_you_mean(extra[0], EXPECTATION_KEYS)
            raise self.fail(f'key "{extra[0]}" is unknown{hint}', index, kind)
        severities = self.catalog.severities()
        severity = entry.get("severity", "critical")
        if severity not in severities:
            raise self.fail(f"severity {shown_value(severity)} is unknown (GX knows "
                            f"{', '.join(severities)}){did_you_mean(str(severity), severities)}",
                            index, kind)
        kwargs = entry.get("kwargs", {})
        if not isinstance(kwargs, dict):
            raise self.fail('"kwargs" must be an object', index, kind)
        accepted = self.catalog.kwargs(kind) - NOT_KWARGS
        for name, value in kwargs.items():
            if name not in accepted:
                raise self.fail(f'kwarg "{name}" is unknown{did_you_mean(name, accepted)}',
                                index, kind)
            problem = _number_problem(value) or _regex_problem(name, value)
            if problem:
                raise self.fail(f'kwarg "{name}" {problem}', index, kind)
        problem = self.catalog.problem(kind, kwargs, severity)
        if problem:
            raise self.fail(problem, index, kind)


def _regex_problem(name: str, value: Any) -> str:
    if name not in REGEX_KWARGS or not isinstance(value, str):
        return ""
    try:
        re.compile(value)
    except re.error as exc:
        return f"is not a regular expression: {exc}"
    return ""


def named_columns(kwargs: dict) -> list[str]:
    """The batch columns an expectation's kwargs name."""
    columns = [kwargs[k] for k in COLUMN_KWARGS if isinstance(kwargs.get(k), str)]
    listed = kwargs.get("column_list")
    return columns + (list(listed) if isinstance(listed, list) else [])


def check_columns(shown: str, configs: list[Any], available: Iterable[str]) -> None:
    """Raise for the first column an expectation names that the check's batch cannot hold."""
    available = set(available)
    for index, config in enumerate(configs):
        for column in named_columns(config.kwargs):
            if column not in available:
                raise refusal(shown, f'column "{column}" is not a column of the ledger or '
                              f"the check{did_you_mean(column, available)}", index, config.type)
