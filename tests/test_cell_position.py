"""Where a finding points: a record is split at its commas up to the field asked for when
the fields before it hold no quote mark or line end, and lands where the character walk
of any record lands."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from provenance.csvio import _scan, cell_position

fields = st.text(st.characters(codec="utf-8", exclude_characters='\x00",\r\n'), max_size=5)
quoted = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=5).map(
    lambda text: '"' + text.replace('"', '""') + '"')


def walked(raw: str, line: int, index: int) -> tuple[int, int]:
    """The position by the character walk alone (the path of records with quote marks)."""
    starts = _scan(raw, line)[0]
    if index < len(starts):
        return starts[index]
    body = raw.rstrip("\r\n")
    return line + body.count("\n"), len(body) - body.rfind("\n")


@given(st.lists(fields, min_size=1, max_size=6), st.sampled_from(["", "\n", "\r\n", "\n\n"]),
       st.integers(1, 9), st.integers(0, 7))
def test_a_record_without_quotes_is_placed_as_the_walk_places_it(cells, end, line, index):
    raw = ",".join(cells) + end
    assert cell_position(raw, line, index) == walked(raw, line, index)


def test_a_quoted_record_is_still_walked():
    assert cell_position('a,"b,\nc",d\n', 4, 2) == (5, 4)


@given(st.lists(fields, max_size=6), st.lists(fields | quoted, min_size=1, max_size=4),
       st.sampled_from(["", "\n", "\r\n"]), st.integers(1, 9), st.integers(0, 10))
def test_a_record_with_quoted_fields_is_placed_as_the_walk_places_it(plain, rest, end, line,
                                                                      index):
    raw = ",".join([*plain, *rest]) + end
    assert cell_position(raw, line, index) == walked(raw, line, index)
