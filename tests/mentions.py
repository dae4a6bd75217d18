"""Helpers for extraction tests: a Monday publication date and the one-mention lookup."""

from __future__ import annotations

import datetime

from provenance.extract import Mention, extract

P = datetime.date(2024, 11, 18)  # a Monday
D = datetime.date


def only(text: str) -> Mention:
    """The single mention ``extract`` finds in ``text`` (published on ``P``)."""
    found = extract(text, P)
    assert len(found) == 1, found
    return found[0]
