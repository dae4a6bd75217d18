"""A clearly fictional third outlet, for the tutorial and the browser test.

Its figures and dates disagree with The Week and The New York Times in the bundled
ledger, so the dashboard has conflicts to show. Nothing here is real reporting.
"""

from __future__ import annotations

from pathlib import Path

from provenance.candidates import add_candidates
from provenance.ledger import Ledger
from provenance.ledger_edits import set_status
from provenance.sources import register_source

SOURCE_ID = "fictional"
OUTLET = "The Daily Fictional (FICTIONAL)"
PUBLISHED = "2024-11-20"
ARTICLE = (
    "FICTIONAL ARTICLE, invented for the provenance tutorial; no real outlet published it.\n"
    "\n"
    "The Daily Fictional reports that about 20,000 Russian and North Korean troops are "
    "massing near Kursk. Fewer than 3,000 North Korean troops have arrived so far, its "
    "imaginary sources say. The missiles have a range of roughly 90 miles. The decision "
    "was made on Nov. 2, according to the same invented officials.\n"
)
# the fact each mention of ARTICLE states, by its text: fact keys of the bundled outlets
FACTS = {
    "about 20,000 Russian and North Korean troops": "kursk.assault_force.size",
    "Fewer than 3,000 North Korean troops": "north_korea.troops_deployed",
    "roughly 90 miles": "atacms.range",
    "Nov. 2": "atacms.authorisation.date",
}


def register_fictional_outlet(root: Path) -> Path:
    """Store the fictional article in the ledger at ``root``; returns the stored file."""
    return register_source(
        root, SOURCE_ID, OUTLET, PUBLISHED, ARTICLE,
        published_note="fictional: invented for the tutorial",
        title="FICTIONAL: Troops mass near Kursk", byline="Nobody (fictional)",
    )


def confirm_fictional_claims(ledger: Ledger) -> list[str]:
    """Add the fictional article's mentions as candidates and confirm each under the fact
    it states, as the editor's accept does (in memory); returns the confirmed ids."""
    added = add_candidates(ledger, [SOURCE_ID])
    for claim_id in added:
        quote = ledger.claims.loc[ledger.claims["claim_id"] == claim_id, "quote"].item()
        set_status(ledger, [claim_id], "confirmed", fact_key=FACTS[quote])
    return added
