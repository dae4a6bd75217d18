"""SuggestionPanel: each candidate's fact-key suggestions, with one-click accept.

A thin view of :mod:`provenance.suggestion_review`. A card per candidate claim shows
its quote in context, a row per suggestion (key, score, why) with **Accept**, and a
new-fact key field prefilled with the proposed key. Accepting assigns the key
(``provenance.alignment.assign_fact_key`` unless another is given), saves
``claims.csv`` atomically (refused if it changed on disk) and removes the card.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from provenance.errors import ProvenanceError
from provenance.html import esc, status_html
from provenance.ledger import Ledger
from provenance.ledger_edits import save_claims
from provenance.suggestion_review import (
    Assign,
    Card,
    ClaimSuggestionsLike,
    accepted_line,
    alignment_assign,
    card_html,
    key_problem,
    new_fact_label,
    review_cards,
    suggestion_html,
)
from provenance.widgets.summary import Summarised


class CardView(w.VBox):
    """One candidate: its quote in context, its suggestions and the new-fact choice."""

    def __init__(self, card: Card) -> None:
        self.card = card
        self.accept_buttons = [w.Button(description="Accept", button_style="primary")
                               for _ in card.suggestions]
        rows = [w.HBox([button, w.HTML(suggestion_html(s))])
                for button, s in zip(self.accept_buttons, card.suggestions, strict=True)]
        self.new_key = w.Text(value=card.proposed_key, description="Key",
                              layout=w.Layout(width="30em"))
        self.new_button = w.Button(description="Use as new fact")
        super().__init__([
            w.HTML(card_html(card)), *rows,
            w.HTML(f"<i>{esc(new_fact_label(card))}</i>"), w.HBox([self.new_key, self.new_button]),
        ])
        self.add_class("pv-suggestion-card")


class SuggestionPanel(Summarised, w.VBox):
    """Review the fact-key suggestions of a ledger's candidate claims; each accept saves."""

    def __init__(self, ledger: Ledger, results: Iterable[ClaimSuggestionsLike],
                 assign: Assign = alignment_assign) -> None:
        self.ledger = ledger
        self.assign = assign
        self._columns = list(ledger.claims.columns)
        self.status = w.HTML()
        self.status.add_class("pv-status")
        self.cards: dict[str, CardView] = {}
        for card in review_cards(ledger, results):
            view = CardView(card)
            for button, suggestion in zip(view.accept_buttons, card.suggestions, strict=True):
                button.on_click(lambda _, c=card.claim_id, k=suggestion.fact_key: self.accept(c, k))
            view.new_button.on_click(lambda _, c=card.claim_id: self.accept_new_fact(c))
            self.cards[card.claim_id] = view
        super().__init__()
        self.add_class("pv-suggestion-panel")
        self._show()

    @classmethod
    def for_ledger(cls, ledger: Ledger, *, limit: int = 5,
                   assign: Assign = alignment_assign) -> SuggestionPanel:
        """The panel of every candidate claim's suggestions (``suggest_keys``)."""
        from provenance.alignment import suggest_keys

        return cls(ledger, suggest_keys(ledger, limit=limit), assign)

    def accept(self, claim_id: str, fact_key: str) -> bool:
        """Give ``claim_id`` the key, confirm it and save; True when it was saved."""
        problem = key_problem(fact_key)
        if problem:
            self._say(f"Not accepted: {problem}", error=True)
            return False
        try:
            self.assign(self.ledger, claim_id, fact_key)
        except ProvenanceError as exc:
            self._say(f"Not accepted: {exc}", error=True)
            return False
        try:
            written = save_claims(self.ledger, self._columns)
        except ProvenanceError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return False
        del self.cards[claim_id]
        self._show()
        self._say(accepted_line(claim_id, fact_key, written))
        return True

    def accept_new_fact(self, claim_id: str) -> bool:
        """Accept the key typed in the claim's new-fact field."""
        return self.accept(claim_id, self.cards[claim_id].new_key.value.strip())

    def summary(self) -> str:
        """A plain-text account of the panel (its text/plain output)."""
        return (f"SuggestionPanel: {len(self.cards)} candidate claims to review; "
                "each accept saves claims.csv")

    def _show(self) -> None:
        empty = [] if self.cards else [w.HTML("<p>No candidate claims wait for a fact key.</p>")]
        self.children = [self.status, *empty, *self.cards.values()]

    def _say(self, text: str, error: bool = False) -> None:
        self.status.value = status_html(text, error)
