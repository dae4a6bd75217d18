"""Suites as files: finding them, reading and checking their JSON, ordering results.

A ledger's ``expectations/*.json`` are its suites; without that folder the bundled
defaults in ``provenance/defaults/`` apply. A suite is named by its file stem
(``cross_outlet_consistency``) or given as a path.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.check.suite_rules import Catalog, SuiteChecker, check_columns, named_columns
from provenance.csvio import decode
from provenance.errors import LedgerFormatError, UsageError
from provenance.files import read_regular

DEFAULTS_DIR = Path(__file__).parents[1] / "defaults"
MAX_SUITE_BYTES = 8 * 2**20  # a suite is a few kilobytes
SOURCE_COLUMNS = ("published", "published_inferred", "source_sha_ok")  # per claim's source
DERIVED_COLUMNS = (*SOURCE_COLUMNS, "span_matches", "date_quote")  # every engine's batch makes


@dataclass(frozen=True)
class SuiteFile:
    """A suite's name, where it came from, and the suite its engine built (a GX
    ``ExpectationSuite``: read here only through its expectations' ``type`` and
    ``kwargs``)."""

    name: str
    path: Path
    suite: Any


def suite_dir(root: Path | None) -> Path:
    """The ledger's ``expectations/`` when it holds suites, else the bundled defaults."""
    if root is not None and any((Path(root) / "expectations").glob("*.json")):
        return Path(root) / "expectations"
    return DEFAULTS_DIR


def resolve(root: Path | None, names: list[str] | None) -> list[Path]:
    """Suite files for ``names`` (stems or paths); all suites of the folder when None."""
    folder = suite_dir(root)
    if not names:
        return sorted(folder.glob("*.json"))
    paths = []
    for name in names:
        candidates = [folder / f"{name}.json", folder / name, DEFAULTS_DIR / f"{name}.json",
                      Path(name)]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None:
            known = ", ".join(p.stem for p in sorted(folder.glob("*.json")))
            raise UsageError(f"no suite {name!r} (known: {known})")
        paths.append(found)
    return paths


def read_suite(path: Path, shown: str, catalog: Catalog) -> dict:
    """Read and check one suite JSON (:mod:`provenance.check.suite_rules`) before an
    engine builds it: the parsed object, every expectation known to ``catalog``.

    The file must be a regular file of at most ``MAX_SUITE_BYTES``; malformed JSON, an
    unknown type, kwarg or severity, or a bad kwarg raises LedgerFormatError naming the
    file (as ``shown``) and the expectation.
    """
    data = read_regular(path, shown, MAX_SUITE_BYTES, what="a suite file")
    try:
        parsed = json.loads(decode(data, shown)[0])
    except json.JSONDecodeError as exc:
        raise LedgerFormatError(shown, exc.lineno, exc.colno, f"not JSON: {exc.msg}") from None
    SuiteChecker(shown, catalog).check(parsed)
    return parsed


def shown_path(root: Path | None, path: Path) -> str:
    """A suite's path for messages: relative to the ledger folder when inside it."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return Path(path).relative_to(root).as_posix()
    return str(path)


def check_suite_columns(suites: list[SuiteFile], root: Path | None,
                        available: list[str]) -> None:
    """Raise for a column named by a suite that neither the claims nor the check have."""
    for item in suites:
        configs = [e.configuration for e in item.suite.expectations]
        check_columns(shown_path(root, item.path), configs, available)


def _signature(config: Any) -> tuple[str, str]:
    """An expectation's type and kwargs (without the ``batch_id`` GX adds when it runs)."""
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    return config.type, json.dumps(kwargs, sort_keys=True, default=str)


def in_suite_order(suites: list[SuiteFile], results: list[Any]) -> list[tuple[str, Any]]:
    """GX's results of :func:`combined` as (suite name, result), in the suites' order.

    GX groups expectations by column and lists first those whose metrics raised, so each
    result is matched to its expectation by type and kwargs (alike ones in turn). A result
    matching none (GX changed its kwargs) comes last, with no suite name.
    """
    places: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    names = []
    for item in suites:
        for expectation in item.suite.expectations:
            places[_signature(expectation.configuration)].append(len(names))
            names.append(item.name)
    placed = []
    for index, result in enumerate(results):
        place = places[_signature(result.expectation_config)]
        placed.append((place.popleft() if place else len(names) + index, index))
    return [(names[at] if at < len(names) else "", results[index])
            for at, index in sorted(placed)]


def columns_needed(suites: list[SuiteFile]) -> list[str]:
    """Every batch column the suites' expectations name, in first-use order."""
    columns: list[str] = []
    for item in suites:
        for expectation in item.suite.expectations:
            columns += named_columns(expectation.configuration.kwargs)
    return list(dict.fromkeys(columns))


def suite_json(suite: Any) -> str:
    """A suite as the JSON text kept in ``expectations/`` (stable key order, no ids)."""
    data = suite.to_json_dict()
    data.pop("id", None)
    for expectation in data.get("expectations", []):
        expectation.pop("id", None)
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
