"""A clearly fictional third outlet, for the tutorial and the browser test.

Its figures and dates disagree with The Week and The New York Times in the bundled
ledger, so the dashboard has conflicts to show. Nothing here is real reporting.
"""

from __future__ import annotations

from pathlib import Path

from provenance.fill import add_claim
from provenance.ledger import Ledger
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
# claim id -> (fact key shared with the bundled outlets, quote in ARTICLE)
CLAIMS = {
    "fictional-01": ("kursk.assault_force.size", "about 20,000 Russian and North Korean troops"),
    "fictional-02": ("north_korea.troops_deployed", "Fewer than 3,000 North Korean troops"),
    "fictional-03": ("atacms.range", "a range of roughly 90 miles"),
    "fictional-04": ("atacms.authorisation.date", "made on Nov. 2"),
}


def register_fictional_outlet(root: Path) -> Path:
    """Store the fictional article in the ledger at ``root``; returns the stored file."""
    return register_source(
        root, SOURCE_ID, OUTLET, PUBLISHED, ARTICLE,
        published_note="fictional: invented for the tutorial",
        title="FICTIONAL: Troops mass near Kursk", byline="Nobody (fictional)",
    )


def confirm_fictional_claims(ledger: Ledger) -> list[dict[str, str]]:
    """Add the fictional outlet's claims (in memory) under the bundled fact keys."""
    return [
        add_claim(ledger, claim_id=claim_id, source_id=SOURCE_ID, fact_key=fact_key,
                  quote=quote, attributed_to=OUTLET)
        for claim_id, (fact_key, quote) in CLAIMS.items()
    ]
