"""The one sentence splitter (provenance/sentences.py), shared by tense reading and the
words signal of key suggestions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import sentences as sentences_module
from provenance.sentences import REACH, bounds, sentence_around, spans


def sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dotted abbreviations and initials
        ("U.S. officials told multiple news organizations Sunday. The reversal came late.",
         ["U.S. officials told multiple news organizations Sunday.",
          "The reversal came late."]),
        ("Mr. Biden’s decision is a major change in U.S. policy. The choice has divided "
         "his advisers.",
         ["Mr. Biden’s decision is a major change in U.S. policy.",
          "The choice has divided his advisers."]),
        ("It comes two months before President-elect Donald J. Trump takes office.",
         ["It comes two months before President-elect Donald J. Trump takes office."]),
        ("Gen. Oleksandr Syrskyi said the assault began at 5 a.m. Sunday. Kyiv did not "
         "confirm it.",
         ["Gen. Oleksandr Syrskyi said the assault began at 5 a.m. Sunday.",
          "Kyiv did not confirm it."]),
        ("Sen. Lindsey Graham and Lt. Col. Anna Kovalenko met the U.N. envoy.",
         ["Sen. Lindsey Graham and Lt. Col. Anna Kovalenko met the U.N. envoy."]),
        # the price of the abbreviation rule: a sentence ending in "U.S." runs on
        ("The missiles were made in the U.S. The first ones arrived in May.",
         ["The missiles were made in the U.S. The first ones arrived in May."]),
        # decimals and figures
        ("Prices rose 3.5 percent. Officials expect 2.1 percent next year.",
         ["Prices rose 3.5 percent.", "Officials expect 2.1 percent next year."]),
        ("Officials said about 5 miles were lost on Nov. 2. Then rain.",
         ["Officials said about 5 miles were lost on Nov. 2.", "Then rain."]),
        # quotes ending sentences, and quoted questions going on
        ("“Such things are not announced. The rockets will speak for themselves.” Ukraine "
         "plans its first strikes.",
         ["“Such things are not announced.", "The rockets will speak for themselves.”",
          "Ukraine plans its first strikes."]),
        ('He said the war "could end soon." "We are ready," the minister added.',
         ['He said the war "could end soon."', '"We are ready," the minister added.']),
        ("“Will they come?” he asked. Nobody answered!",
         ["“Will they come?” he asked.", "Nobody answered!"]),
        # semicolons
        ("Troops withdrew on Sunday; talks will resume on Thursday.",
         ["Troops withdrew on Sunday;", "talks will resume on Thursday."]),
        # line and paragraph breaks
        ("Who said what\nBiden's decision was prompted by Russia's move",
         ["Who said what", "Biden's decision was prompted by Russia's move"]),
        ("The offensive stalled.\n\nIn October it resumed.",
         ["The offensive stalled.", "In October it resumed."]),
        ("a line with no end mark\ncontinues nowhere", ["a line with no end mark",
                                                        "continues nowhere"]),
    ],
)
def test_sentences_of_news_text(text, expected):
    assert sentences(text) == expected


def test_the_sentence_around_a_span():
    text = "Mr. Smith left. Officials said about 5 miles were lost on Nov. 2. Then rain."
    start = text.index("about")
    assert sentence_around(text, start, start + 13) == (
        "Officials said about 5 miles were lost on Nov. 2.")


def test_a_span_across_sentences_gets_all_of_them():
    text = "First one. Second one. Third one."
    start, end = text.index("one."), text.index("Second") + 3
    assert sentence_around(text, start, end) == "First one. Second one."


def test_a_sentence_is_read_at_most_reach_code_points_either_side():
    text = "x" * (3 * REACH)
    pos = int(1.5 * REACH)
    assert bounds(text, pos) == (pos - REACH, pos + REACH + 1)


WORDS = st.sampled_from(
    ["The", "army", "will", "strike", "said", "U.S.", "U.N.", "Mr.", "Gen.", "Smith",
     "J.", "a.m.", "p.m.", "3.5", "12.75", "Nov.", "2", "officials", "It", ".", "!", "?",
     "…", ";", ",", "\n", "\n\n", "“", "”", '"', "'", "(", ")", "Ukraine", "Kursk"]
)
NEWSY = st.lists(WORDS, max_size=40).map(" ".join)
PROTECTED_RE = re.compile(r"[0-9]+\.[0-9]+|(?:[A-Za-z]\.){2,}|\b(?:Mr|Gen|J)\.")


@settings(max_examples=300)
@given(st.text(max_size=300) | NEWSY)
def test_sentences_cover_the_text_in_order(text):
    found = list(spans(text))
    assert "".join(text[s:e] for s, e in found) == text
    assert all(s < e for s, e in found)
    assert all(a[1] == b[0] for a, b in zip(found, found[1:], strict=False))


@settings(max_examples=300)
@given(NEWSY)
def test_no_sentence_ends_inside_or_right_after_a_number_or_an_abbreviation(text):
    ends = {e for _, e in spans(text)} - {len(text)}
    for m in PROTECTED_RE.finditer(text):
        assert not ends & set(range(m.start() + 1, m.end() + 1))
        after = re.compile(r" +(?=[^\s])").match(text, m.end())
        if after:  # the next word on the same line is in the same sentence
            assert bounds(text, m.start()) == bounds(text, after.end())


@given(st.text(max_size=REACH) | NEWSY.filter(lambda text: len(text) <= REACH), st.data())
def test_the_sentence_at_a_position_is_the_one_spans_gives(text, data):
    pos = data.draw(st.integers(0, max(0, len(text) - 1)))
    expected = next(((s, e) for s, e in spans(text) if s <= pos < e), (0, 0))
    assert bounds(text, pos) == expected


SPACEY = st.lists(WORDS | st.sampled_from(["   ", "\n  \n", " \n", ".  ", ";   ", "A"]),
                  max_size=60).map(" ".join)


@settings(max_examples=300)
@given(SPACEY, st.integers(1, 40), st.data())
def test_looking_up_a_sentence_in_the_texts_ends_is_reading_its_window(text, reach, data):
    """The ends found once per text give what reading the window alone gives, at every
    reach (small ones put the window's edges inside runs of white space)."""
    pos = data.draw(st.integers(0, max(0, len(text) - 1)))
    end = data.draw(st.none() | st.integers(0, len(text) + 2))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sentences_module, "REACH", reach)
        last = pos if end is None or end <= pos else end - 1
        lo, hi = max(0, pos - reach), min(len(text), last + reach + 1)
        assert bounds(text, pos, end) == sentences_module._bounds_in_window(
            text, pos, last, lo, hi)


def test_a_texts_sentence_ends_are_found_once_for_all_its_positions(monkeypatch):
    text = "The army said it left. In October it will return; talks resumed.\n" * 50
    calls = []
    finditer = sentences_module.BOUNDARY_RE.finditer

    class Spy:
        def finditer(self, *args):
            calls.append(args[1:])
            return finditer(*args)

    monkeypatch.setattr(sentences_module, "BOUNDARY_RE", Spy())
    sentences_module._ends.cache_clear()
    found = [bounds(text, pos) for pos in range(0, len(text), 7)]
    assert calls[0] == ()  # one pass over the whole text, not a window per position:
    assert len(calls) - 1 < len(found) / 10  # a window only where one starts in an end
    assert found[1] == (0, len("The army said it left. "))


class _CountedEnds(list):
    """A list of sentence ends that counts the ends read from it, however they are read."""

    reads = 0

    def __iter__(self):
        for item in super().__iter__():
            _CountedEnds.reads += 1
            yield item

    def __getitem__(self, index):
        _CountedEnds.reads += 1
        return super().__getitem__(index)


def test_a_sentence_late_in_a_long_text_reads_only_the_ends_near_it(monkeypatch):
    """Looking up a sentence reads the few ends around it, not every end before it: a
    text's extraction stays linear however many sentences it has."""
    text = "The army said it left. In October it will return.\n" * 4000
    starts, ends = sentences_module._ends(text)
    counted = _CountedEnds(ends)
    monkeypatch.setattr(sentences_module, "_ends", lambda _text: (starts, counted))
    pos = len(text) - 30
    _CountedEnds.reads = 0
    found = bounds(text, pos)
    assert found == next((s, e) for s, e in spans(text) if s <= pos < e)
    near = sum(1 for stop in ends if pos - REACH <= stop <= pos + REACH)
    assert _CountedEnds.reads <= near + 2  # of 8,000: those in reach, one either side


BOUNDARY_PIECES = st.lists(st.sampled_from(
    [".", "!", "?", "…", ";", "\n", " ", "  ", "\t", "\u00a0", "A", "É", "a", "x", "Mr", "Gen",
     "U.S", "3", '"', "“", "’", ")", "]", "(", "["]), max_size=12).map("".join)


@settings(max_examples=500)
@given(BOUNDARY_PIECES)
def test_a_boundary_is_one_of_the_three_kinds_by_its_first_mark(text):
    """The pattern leads with its marks only for speed: the same boundaries as trying
    an end mark, a ";" and a line break in turn."""
    plain = re.compile(rf"[.!?…]{sentences_module._not_after_abbreviation()}[\"'”’)\]]*\s+"
                       r"(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ])|;\s+|\n\s*")
    assert [m.span() for m in sentences_module.BOUNDARY_RE.finditer(text)] == \
        [m.span() for m in plain.finditer(text)]
