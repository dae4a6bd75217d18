"""Reviewing fact-key suggestions: what each candidate card shows, and which keys are accepted.

Pure functions over a Ledger and suggestion results, with no widgets: the editor's
suggestion panel (``provenance.widgets.suggestion_panel``) is a thin view of them.
Results are any objects shaped like ``provenance.alignment.ClaimSuggestions``
(``claim_id``, ``suggestions`` of ``fact_key``/``score``/``why``, ``new_fact``,
``proposed_key``). Everything from a ledger or a suggestion is escaped in the HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from provenance.highlight import context
from provenance.html import esc, marked
from provenance.ledger import Ledger
from provenance.validate import FACT_KEY

if TYPE_CHECKING:
    import pandas as pd

CONTEXT_WIDTH = 60
Assign = Callable[[Ledger, str, str], None]


class SuggestionLike(Protocol):
    """One ranked fact key for a claim."""

    fact_key: str
    score: float
    why: str


class ClaimSuggestionsLike(Protocol):
    """A claim's suggestions, best first, and the key proposed if it is a new fact."""

    claim_id: str
    suggestions: Sequence[SuggestionLike]
    new_fact: bool
    proposed_key: str


@dataclass(frozen=True)
class Card:
    """What the panel shows for one candidate claim waiting for a fact key."""

    claim_id: str
    outlet: str
    published: str
    before: str
    quote: str
    after: str
    suggestions: tuple[SuggestionLike, ...]
    new_fact: bool
    proposed_key: str


def review_cards(ledger: Ledger, results: Iterable[ClaimSuggestionsLike]) -> list[Card]:
    """A card per result whose claim is in the ledger and still has no fact key."""
    claims = ledger.claims.drop_duplicates("claim_id").set_index("claim_id", drop=False)
    sources = ledger.sources.drop_duplicates("source_id").set_index("source_id", drop=False)
    cards = []
    for result in results:
        if result.claim_id not in claims.index:
            continue
        row = claims.loc[result.claim_id]
        if str(row["fact_key"]).strip():
            continue
        source = sources.loc[row["source_id"]] if row["source_id"] in sources.index else {}
        before, quote, after = claim_context(ledger, row)
        cards.append(Card(
            result.claim_id, str(source.get("outlet", row["source_id"])),
            str(source.get("published", "")), before, quote, after,
            tuple(result.suggestions), bool(result.new_fact), result.proposed_key,
        ))
    return cards


def claim_context(ledger: Ledger, row: pd.Series) -> tuple[str, str, str]:
    """(before, quote, after) of a claim in its source; the bare quote when it has no span."""
    start, end = str(row.get("start", "")), str(row.get("end", ""))
    text = ledger.texts.get(row["source_id"], "")
    if start.isdigit() and end.isdigit() and text[int(start):int(end)] == row["quote"]:
        return context(text, int(start), int(end), CONTEXT_WIDTH)
    return "", str(row["quote"]), ""


def key_problem(key: str) -> str:
    """Why ``key`` cannot be a fact key, or "" when it can."""
    if not key:
        return "Give a key name for the new fact."
    if FACT_KEY.match(key):
        return ""
    return (f"{key!r} is not a fact key: lowercase letters, digits and _ in words joined by "
            "dots, e.g. kursk.assault_force.size.")


def score_label(score: float) -> str:
    """A suggestion's score as shown: two decimals."""
    return f"{score:.2f}"


def new_fact_label(card: Card) -> str:
    """The new-fact choice's heading: it says so when no existing key fits."""
    return "New fact (no existing key fits)" if card.new_fact else "New fact"


def accepted_line(claim_id: str, fact_key: str, written: bool) -> str:
    """The status line after an accept, e.g. ``nyt-x123 → kursk.assault_force.size, saved``."""
    return f"{claim_id} → {fact_key}, {'saved' if written else 'nothing to save'}"


def card_html(card: Card) -> str:
    """The card's heading: claim id, outlet, date and the quote marked in its context."""
    return (f'<div class="pv-candidate"><b>{esc(card.claim_id)}</b> · {esc(card.outlet)} '
            f"({esc(card.published)})<br>{marked(card.before, card.quote, card.after)}</div>")


def suggestion_html(suggestion: SuggestionLike) -> str:
    """One suggestion's row: its key, score and why."""
    return (f'<code class="pv-key">{esc(suggestion.fact_key)}</code> '
            f'<span class="pv-score">{esc(score_label(suggestion.score))}</span> '
            f'<span class="pv-why">{esc(suggestion.why)}</span>')


def alignment_assign(ledger: Ledger, claim_id: str, fact_key: str) -> None:
    """``provenance.alignment.assign_fact_key``, imported when first used."""
    from provenance.alignment import assign_fact_key

    assign_fact_key(ledger, claim_id, fact_key)
