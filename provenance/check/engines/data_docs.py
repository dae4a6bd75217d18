"""GX Data Docs for a check run: GX's validation page (all suites of the run) and an index.

Suites are untrusted: GX puts a suite's name and an expectation's description into its
page as HTML, unescaped. So the page is rendered from a copy of the run where the suite's
name is a safe file name and every string a suite supplied (kwargs, descriptions, notes,
meta) and every message GX passes on is HTML-escaped. Page names never leave the folder,
the folder may not lie in the ledger's files, and every page is written atomically.
"""

from __future__ import annotations

import copy
import html
from pathlib import Path
from typing import Any

from provenance.atomic import write_atomic
from provenance.check.results import CheckResult
from provenance.errors import UsageError
from provenance.outputs import refuse_ledger_path, safe_file_name, write_error


def _escaped(value: Any) -> Any:
    """Every string in ``value`` (lists, tuples and dicts walked) HTML-escaped."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, dict):
        return {_escaped(k): _escaped(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_escaped(v) for v in value)
    return value


def rendered_copy(validation: Any, name: str) -> Any:
    """A copy of a GX validation result safe for GX's page renderer, named ``name``."""
    safe = copy.deepcopy(validation)
    safe.suite_name = name
    if isinstance(safe.meta, dict) and "expectation_suite_name" in safe.meta:
        safe.meta["expectation_suite_name"] = name
    for result in safe.results:
        config = result.expectation_config
        config.kwargs = _escaped(config.kwargs)
        config.meta = _escaped(config.meta)
        config.notes = _escaped(config.notes)
        config.description = _escaped(config.description)
        result.result = _escaped(result.result)
        result.exception_info = _escaped(result.exception_info)
    return safe


def _page(validation: Any) -> str:
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    return DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(validation))


def _index(result: CheckResult, pages: list[tuple[str, bool]]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(name)}.html">{html.escape(name)}</a>: '
        f"{'passed' if ok else 'failed'}</li>"
        for name, ok in pages
    )
    from provenance.check.report import headline

    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        "<title>provenance check: Data Docs</title></head><body>\n"
        f"<h1>{html.escape(headline(result))}</h1>\n"
        f"<p>{len(result.conflicts)} conflicts and {len(result.discrepancies)} discrepancies "
        f"listed; inside one outlet, {len(result.internal)} disagreements and "
        f"{len(result.internal_discrepancies)} discrepancies.</p>\n"
        f"<ul>\n{items}\n</ul>\n</body></html>\n"
    )


def _folder(directory: Path, ledger: str | Path | None) -> Path:
    """The Data Docs folder, made if missing; refused inside the ledger's files."""
    if ledger is not None:
        refuse_ledger_path(ledger, directory, "--data-docs")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"--data-docs {directory} is not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(directory, exc) from None
    return directory


def write_data_docs(result: CheckResult, directory: str | Path,
                    ledger: str | Path | None = None) -> list[Path]:
    """Write ``index.html`` and GX's validation page of each run to ``directory``.

    A page is named after its suites (``<suite>+<suite>.html``) made a safe file name;
    ``ledger`` (the checked ledger's folder) is where ``directory`` may not lie.
    """
    folder = _folder(Path(directory), ledger)
    written, pages, taken = [], [], {"index"}
    for validation in result.validations:
        name = safe_file_name(str(validation.suite_name), taken)
        taken.add(name.lower())
        written.append((folder / f"{name}.html", _page(rendered_copy(validation, name))))
        pages.append((name, bool(validation.success)))
    written.append((folder / "index.html", _index(result, pages)))
    for path, text in written:
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            raise write_error(path, exc) from None
    return [written[-1][0], *(path for path, _ in written[:-1])]
