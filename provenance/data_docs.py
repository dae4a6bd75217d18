"""GX Data Docs for a check run: GX's validation page (all suites of the run) and an index."""

from __future__ import annotations

import html
from pathlib import Path

from provenance.check import CheckResult


def _page(validation) -> str:
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    return DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(validation))


def _index(result: CheckResult, pages: list[tuple[str, bool]]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(name)}.html">{html.escape(name)}</a>: '
        f"{'passed' if ok else 'failed'}</li>"
        for name, ok in pages
    )
    verdict = "passed" if result.success else "failed"
    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        "<title>provenance check: Data Docs</title></head><body>\n"
        f"<h1>provenance check {verdict}</h1>\n"
        f"<p>{len(result.conflicts)} conflicts listed, {len(result.internal)} disagreements "
        "inside one source.</p>\n"
        f"<ul>\n{items}\n</ul>\n</body></html>\n"
    )


def write_data_docs(result: CheckResult, directory: str | Path) -> list[Path]:
    """Write ``index.html`` and GX's validation page (``<suite>+<suite>.html``) to ``directory``.

    The page is GX's own ValidationResultsPageRenderer output for the run.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written, pages = [], []
    for validation in result.validations:
        name = validation.suite_name
        path = folder / f"{name}.html"
        path.write_text(_page(validation), encoding="utf-8")
        written.append(path)
        pages.append((name, bool(validation.success)))
    index = folder / "index.html"
    index.write_text(_index(result, pages), encoding="utf-8")
    return [index, *written]
