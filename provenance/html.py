"""Escaped HTML rendering of quotes in context, claim details and tables.

Every string that comes from a ledger (quotes, outlet names, article text, notes,
claim ids) is untrusted and goes through :func:`esc` before it reaches markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from provenance.highlight import context


def esc(value: object) -> str:
    """Escape any value for use in HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def marked(before: str, quote: str, after: str) -> str:
    """A quote marked between its context (all three escaped)."""
    return f'<span class="pv-context">{esc(before)}<mark>{esc(quote)}</mark>{esc(after)}</span>'


def quote_in_context(text: str, start: int, end: int, width: int = 80) -> str:
    """The quote ``text[start:end]`` marked inside up to ``width`` code points of context."""
    return marked(*context(text, start, end, width))


def status_html(text: str, error: bool = False) -> str:
    """A widget's escaped status message, styled as an error or as done."""
    return f'<span class="{"pv-error" if error else "pv-ok"}">{esc(text)}</span>'


def definition_list(fields: Mapping[str, object]) -> str:
    """Render label/value pairs (e.g. a claim's details) as an escaped ``<dl>``."""
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in fields.items())
    return f'<dl class="pv-details">{rows}</dl>'


def table(df: pd.DataFrame, max_rows: int = 200) -> str:
    """An escaped HTML table of a DataFrame (cell text is never interpreted as markup)."""
    shown = df.head(max_rows)
    head = "".join(f"<th>{esc(c)}</th>" for c in shown.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell(v))}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False, name=None)
    )
    more = f"<p>… {len(df) - max_rows} more rows</p>" if len(df) > max_rows else ""
    return (
        f'<table class="pv-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>{more}"
    )


def _cell(value: object) -> str:
    """Display text of a cell: missing values are blank."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)
