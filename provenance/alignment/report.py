"""What ``provenance suggest-keys`` prints: a table per claim, or the JSON object.

``--json`` prints ``{"claims": [{"claim_id", "suggestions": [{"fact_key", "score",
"why"}], "new_fact"}]}``; a claim object holds ``"proposed_key"`` too when (and only
when) ``new_fact`` is true. Text for the terminal has its control and format characters
escaped (quotes and keys are untrusted).
"""

from __future__ import annotations

import pandas as pd

from provenance.alignment.suggest import ClaimSuggestions
from provenance.terminal import terminal_safe

QUOTE_SHOWN = 90


def results_json(results: list[ClaimSuggestions]) -> dict:
    """The ``--json`` object (plain floats and strings; no NaN)."""
    claims = []
    for result in results:
        item = {
            "claim_id": result.claim_id,
            "suggestions": [
                {"fact_key": s.fact_key, "score": float(s.score), "why": s.why}
                for s in result.suggestions
            ],
            "new_fact": result.new_fact,
        }
        if result.new_fact:
            item["proposed_key"] = result.proposed_key
        claims.append(item)
    return {"claims": claims}


def results_table(results: list[ClaimSuggestions], claims: pd.DataFrame) -> str:
    """One paragraph per claim: its id and quote, then its suggestions or the new fact."""
    quotes = dict(zip(claims["claim_id"], claims["quote"], strict=True))
    lines = []
    for result in results:
        quote = str(quotes.get(result.claim_id, ""))
        if len(quote) > QUOTE_SHOWN:
            quote = quote[: QUOTE_SHOWN - 1] + "…"
        lines.append(f'{terminal_safe(result.claim_id)}  "{terminal_safe(quote)}"')
        if result.new_fact:
            lines.append(f"  new fact → {terminal_safe(result.proposed_key)}")
        for s in result.suggestions:
            lines.append(f"  {s.score:.2f}  {terminal_safe(s.fact_key)}  ({terminal_safe(s.why)})")
        lines.append("")
    new = sum(r.new_fact for r in results)
    lines.append(f"{len(results)} claim(s) without a fact key: {len(results) - new} matched "
                 f"an existing key, {new} new fact(s)")
    return "\n".join(lines)
