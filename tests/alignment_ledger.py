"""A fixture ledger for fact-key suggestions: the four fictional outlets of
``tests/fixtures/outlets`` plus a fifth, clearly fictional one whose mentions are candidates."""

from __future__ import annotations

import shutil
from pathlib import Path

from provenance.candidates import add_candidates
from provenance.ledger import load_ledger
from provenance.sources import register_source
from tests.conftest import FIXTURES

SOURCE_ID = "evening"
ARTICLE = (
    "FICTIONAL ARTICLE, invented for the provenance tests; no real outlet published it.\n"
    "\n"
    "Some 48,000 troops gathered at the border, officials said. The convoy travelled about "
    "310 kilometres from the capital. The minister has six weeks left in office. The troops "
    "gathered on Nov. 17, the ministry said. The zoo counted 412 penguins on the island.\n"
)
# quote -> the fact key it states in the fixture outlets (None: a fact no outlet reported)
TRUTH = {
    "Some 48,000 troops": "border.troops",
    "about 310 kilometres": "convoy.distance",
    "six weeks": "minister.time_left",
    "Nov. 17": "border.gathering.date",
    "412 penguins": None,
}


def evening_ledger(target: Path) -> Path:
    """A copy of the fixture outlets with The Evening Fictional's mentions as candidates."""
    shutil.copytree(FIXTURES / "outlets", target)
    register_source(target, SOURCE_ID, "The Evening Fictional (FICTIONAL)", "2024-11-19",
                    ARTICLE, published_note="fictional: invented for the tests")
    ledger = load_ledger(target)
    add_candidates(ledger, [SOURCE_ID])
    ledger.save()
    return target
