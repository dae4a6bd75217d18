"""Claim ids: the next free ``<source_id>-NN`` of a source."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from provenance.claim_ids import next_claim_id, next_free_id

IDS = st.lists(st.sampled_from(["a-01", "a-1", "a-02", "a-9", "a-", "a-x", "ab-07", "a-01-2",
                                "b-03", "a", "-a-04", "A-05", "a-١٢"]) | st.none(), max_size=12)


@given(ids=IDS, source=st.sampled_from(["a", "ab", "b", "c"]))
def test_the_next_id_is_the_one_after_the_highest_of_the_source_among_all_ids(ids, source):
    claims = pd.DataFrame({"claim_id": ids}, dtype=object)
    every = {cell for cell in ids if cell is not None}
    assert next_claim_id(claims, source) == next_free_id(every, source)


def test_a_ledger_without_claim_ids_starts_at_01():
    assert next_claim_id(pd.DataFrame({"quote": ["x"]}), "a") == "a-01"
