"""Fill in bulk: plain rows anchored by ``str.find`` and valued once per value shape give
exactly the cells the per-row path (``complete_row``, no cache) gives."""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import anchoring
from provenance.anchoring import exact_once, exact_once_each
from provenance.errors import AnchorError, UsageError
from provenance.fill import FillReport, complete, complete_row, fill, with_columns
from provenance.ledger import Ledger, load_ledger
from provenance.schema import CLAIM_COLUMNS
from provenance.validate import validate_loaded
from provenance.values import shapes
from tests.conftest import FIXTURES

fill_bulk = importlib.import_module("provenance.fill_bulk")

DATES = ["2024-11-18", "2023-02-28", "2020-02-29", "2025-01-01", ""]


def ledger_of(paragraphs: list[tuple[str, list[str], str]]) -> Ledger:
    """An in-memory ledger: one fictional source per (text, quotes, published), each quote
    a quote-only claim on it."""
    sources, texts, claims = [], {}, []
    for number, (text, quotes, published) in enumerate(paragraphs):
        source_id = f"s{number}"
        texts[source_id] = text
        sources.append({"source_id": source_id, "outlet": "The Daily Fictional (FICTIONAL)",
                        "published": published, "published_note": "", "path": f"{source_id}.txt"})
        claims += [{"claim_id": f"{source_id}-{k}", "source_id": source_id, "fact_key": "",
                    "quote": quote} for k, quote in enumerate(quotes)]
    frame = with_columns(pd.DataFrame(claims, dtype=object))
    return Ledger(Path(), frame, pd.DataFrame(sources, dtype=object), texts)


def per_row(ledger: Ledger) -> pd.DataFrame:
    """The claims completed one row at a time, nothing shared between rows."""
    frame = ledger.claims.copy()
    for index in frame.index:
        row = frame.loc[index].to_dict()
        try:
            updates = complete_row(ledger, row, FillReport())
        except AnchorError:
            continue
        for column, cell in updates.items():
            frame.loc[index, column] = cell
    return frame


def assert_same_cells(paragraphs: list[tuple[str, list[str], str]]) -> None:
    ledger = ledger_of(paragraphs)
    bulk, _ = complete(ledger)
    assert bulk.astype(object).to_dict("index") == per_row(ledger).astype(object).to_dict("index")


FIGURES = ["45,678", "1,000", "1,234", "12,345", "31,000", "2,024", "99,999", "123,456",
           "1,000,000"]
WORDING = [
    ("Officials said {q} on the record.", "about {n} troops along the front line"),
    ("Officials said {q} on the record.", "{n} troops"),
    ("Paragraph 1999. Officials said {q} on the record.", "more than {n} troops"),
    ("Paragraph 12. Officials said {q}.", "some {n} people"),
    ("In 2023 the army retreated. It said {q}.", "{n} days"),
    ("It said {q}.", "{n} days ago"),
    ("It said {q}.", "{n} weeks"),
    ("It said {q} by then.", "nearly {n} soldiers"),
    ("It said {q}.", "{n} troops or more"),
    ("It said {q}.", "${n}"),
    ("It said {q}.", "-{n} degrees"),
    ("It said {q}.", "{n} million"),
    ("It said {q}.", "the {n}th"),
    ("It said {q}.", "March {n} troops"),
    ("It said on March {q}.", "{n} troops"),
    ("It said {q}.", "between {n} and 2,000,000 troops"),
    ("It said between 500 and {q}.", "{n} troops"),
    ("It said {q} to 2,000,000.", "{n} troops"),
    ("F-{q} jets flew.", "{n} jets"),
    ("It said Page {q}.", "{n}"),
    ("It said {q}.", "{n} kilometers"),
    ("It said {q} since the summer.", "{n} troops"),
    ("It said {q}.", "{n} troops last month"),
    ("It said {q}.", "{n} percent"),
]


@pytest.mark.parametrize(("sentence", "quote"), WORDING)
def test_figures_of_one_shape_get_the_cells_of_their_own_reading(sentence, quote):
    paragraphs = [(sentence.format(q=quote.format(n=figure)), [quote.format(n=figure)], date)
                  for figure in FIGURES for date in DATES[:2]]
    assert_same_cells(paragraphs)


TRICKY = [
    "one U.S. official", "two senior officials", "in 2021", "in 1066", "on 2024-03-05",
    "since the summer", "last month", "in October", "between 10 and 12 troops",
    "three weeks", "a year and a half", "some 300", "1500 troops", "2019", "one of them",
    "the 30th of February", "10,000 February 28", "two months before the vote",
]


@pytest.mark.parametrize("quote", TRICKY)
def test_quotes_the_shapes_do_not_generalise_get_the_per_row_cells(quote):
    texts = [f"In 2022 it began. Officials said {quote} on the record.",
             f"In 2023 it began. Officials said {quote} on the record.",
             f"Officials will say {quote}.", f"Paragraph 7. Officials said {quote} today."]
    assert_same_cells([(text, [quote], date) for text in texts for date in DATES])


PREFIXES = st.sampled_from(["", "Paragraph 1234. ", "In 2023 the army retreated. ",
                            "Page 7. ", "On March 3 it began. ", "It will end. "])
LEADS = st.sampled_from(["Officials said ", "It will be ", "On Monday ", "March ", "between ",
                         "from 5 to ", "about ", "In October ", ""])
HEDGES = st.sampled_from(["", "about ", "more than ", "nearly ", "some ", "at least ", "up to "])
FIGURE = st.integers(1_000, 10**9).map("{:,}".format)
UNITS = st.sampled_from(["", " troops", " days", " weeks ago", " km", " years", " million",
                         "th", " or more", " percent", "-plus", " U.S. officials", " to 9,000"])
TAILS = st.sampled_from(["", " since the summer", " last month", " on the record", " in 2023",
                         " to 3,000", " and 12 others", ". Then 5 more"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PREFIXES, LEADS, HEDGES, st.lists(FIGURE, min_size=1, max_size=4),
                          UNITS, TAILS, st.sampled_from(DATES)), min_size=1, max_size=6))
def test_bulk_cells_equal_the_per_row_cells(cases):
    paragraphs = []
    for prefix, lead, hedge, figures, unit, tail, date in cases:
        for figure in figures:
            quote = f"{hedge}{figure}{unit}"
            paragraphs.append((f"{prefix}{lead}{quote}{tail}.", [quote], date))
    assert_same_cells(paragraphs)


def test_one_reading_serves_every_figure_of_a_shape(monkeypatch):
    reads = []
    parse = fill_bulk.parse_in_window
    monkeypatch.setattr(fill_bulk, "parse_in_window",
                        lambda *args, **kw: reads.append(args[0]) or parse(*args, **kw))
    quotes = [f"about {n:,} troops" for n in range(1_000, 201_000, 1_000)]
    complete(ledger_of([(f"Officials said {q}.", [q], "2024-11-18") for q in quotes]))
    assert len(reads) == 1


def test_a_reading_that_uses_the_publication_date_is_made_once_per_date(monkeypatch):
    reads = []
    parse = fill_bulk.parse_in_window
    monkeypatch.setattr(fill_bulk, "parse_in_window",
                        lambda *args, **kw: reads.append(args[1]) or parse(*args, **kw))
    paragraphs = [("Officials said it began last month.", ["last month"], date)
                  for date in ["2024-11-18", "2024-10-01"] * 5]
    complete(ledger_of(paragraphs))
    assert sorted(map(str, reads[1:])) == ["2024-10-01", "2024-11-18"]


def test_rows_that_are_not_plain_take_the_per_row_path_and_keep_row_order():
    text = "Some 12,000 troops were seen. Some 12,000 troops were seen again. 5,000 tanks."
    ledger = ledger_of([(text, ["5,000 tanks", "Some 12,000 troops", "5,000 tanks"], "")])
    ledger.claims["occurrence"] = ["", "", "1"]
    frame, report = complete(ledger)
    assert [f.slug for f in report.findings] == ["anchor-failed"]
    assert report.anchored == ["s0-0", "s0-2"]
    assert frame.astype(object).to_dict("index") == per_row(ledger).astype(object).to_dict("index")


@pytest.mark.parametrize("use", [
    lambda d: d.year, lambda d: d + dt.timedelta(days=1), lambda d: dt.date(2024, 1, 1) - d,
    lambda d: d < dt.date(2024, 1, 1), lambda d: dt.date(2024, 1, 1) >= d, lambda d: hash(d),
    lambda d: d.replace(day=1), lambda d: f"{d}", lambda d: d.isoformat(),
])
def test_the_unused_date_stops_any_reading_that_uses_it(use):
    with pytest.raises(shapes.PublishedUsed):
        use(shapes.UNUSED)


def test_the_unused_date_passes_a_type_check():
    assert isinstance(shapes.UNUSED, dt.date) and not isinstance(shapes.UNUSED, dt.datetime)


WORDS = st.sampled_from(["troops", "12,345", "said", "😀", "Officials", "the", "\n", "ab", "a"])


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join), st.integers(1, 400),
       st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 30)), max_size=20))
def test_one_pass_over_a_long_text_finds_what_a_search_per_quote_finds(line, copies, cuts):
    text = "".join(f"{n}. {line}\n" for n in range(copies))
    quotes = [text[at % len(text):at % len(text) + size] for at, size in cuts]
    quotes += ["not in the text at all", "😀 troops said"]
    assert exact_once_each(text, quotes) == [exact_once(text, quote) for quote in quotes]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
                          st.integers(1, 300),
                          st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 40)),
                                   max_size=8)),
                min_size=1, max_size=6),
       st.sampled_from([1 << 12, 1 << 14, 1 << 23]))
def test_texts_read_in_batches_find_what_a_search_per_quote_finds(texts, batch):
    """Quotes are found in their own text only: not across the joint of two texts read
    together, nor in another text of the batch."""
    bodies = ["".join(f"{n}. {line}\n" for n in range(copies)) for line, copies, _ in texts]
    quotes = [[body[at % len(body):at % len(body) + size] for at, size in cuts]
              + [body[-20:] + bodies[(k + 1) % len(bodies)][:20], bodies[k - 1][:30]]
              for k, (body, (_, _, cuts)) in enumerate(zip(bodies, texts, strict=True))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anchoring, "BATCH_CHARS", batch)
        found = anchoring.exact_once_many(bodies, quotes)
    assert found == [
        [exact_once(body, quote) for quote in wanted]
        for body, wanted in zip(bodies, quotes, strict=True)]


def filled_and_saved(folder: Path, **save: bool) -> tuple[Ledger, bytes]:
    ledger = load_ledger(folder)
    ledger.claims = ledger.claims.assign(start="", end="", qualifier="")
    fill(ledger)
    assert ledger.save(**save)
    return ledger, (folder / "claims.csv").read_bytes()


def test_a_save_without_reading_back_writes_the_bytes_a_save_writes(tmp_path):
    copies = [shutil.copytree(FIXTURES / "mini", tmp_path / name) for name in ("a", "b")]
    assert filled_and_saved(copies[0])[1] == filled_and_saved(copies[1], reread=False)[1]


def test_a_ledger_saved_without_reading_back_cannot_be_saved_again(mini_ledger):
    ledger, _ = filled_and_saved(mini_ledger, reread=False)
    with pytest.raises(UsageError, match="without reading it back"):
        ledger.save()


def test_fills_pre_check_finds_every_error_validate_finds(mini_ledger):
    ledger = load_ledger(mini_ledger, strict=False)
    ledger.claims.loc[0, "kind"] = "bogus"
    ledger.claims.loc[1, "quote"] = "12 tanks and 40 trucks"
    full = validate_loaded(ledger)
    assert full.errors and full.warnings
    assert validate_loaded(ledger, warnings=False).errors == full.errors


def test_plain_rows_are_anchored_with_one_pass_per_source(monkeypatch):
    passes = []
    each = fill_bulk.exact_once_each
    monkeypatch.setattr(fill_bulk, "exact_once_each",
                        lambda text, quotes: passes.append(len(quotes)) or each(text, quotes))
    quotes = [f"about {n:,} troops" for n in range(1_000, 51_000, 1_000)]
    text = " ".join(f"Officials said {q}." for q in quotes)
    _, report = complete(ledger_of([(text, quotes, "2024-11-18")] * 3))
    assert passes == [50, 50, 50]
    assert len(report.anchored) == 150


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
@pytest.mark.parametrize("dtype", [object, "str"])
def test_every_column_is_there_and_a_missing_cell_of_any_kind_is_empty(missing, dtype):
    if dtype == "str" and missing is pd.NaT:
        pytest.skip("a str column does not hold NaT")
    claims = pd.DataFrame({"claim_id": ["c-1", "c-2"], "note": ["kept", missing],
                           "mine": pd.array([missing, "also kept"], dtype=dtype)})
    filled = with_columns(claims)
    assert list(filled.columns) == [*CLAIM_COLUMNS, "mine"]
    assert filled["note"].tolist() == ["kept", ""]
    assert filled["mine"].tolist() == ["", "also kept"]
    assert filled["quote"].tolist() == ["", ""]
    assert set(map(str, filled.dtypes)) == {"object"}
