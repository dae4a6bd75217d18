"""`provenance add-source`: registering a text file or a saved web page (all FICTIONAL)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import csvio
from provenance.capture import command_line_date, page_date
from provenance.cli import main
from provenance.errors import UsageError
from provenance.ledger import load_ledger
from provenance.registry_add import add_source, slug
from provenance.schema import CLAIM_COLUMNS
from provenance.sources import SOURCE_COLUMNS, is_inferred
from tests.conftest import FIXTURES, ROOT, snapshot

PAGES = FIXTURES / "pages"


def registry(ledger: Path) -> dict[str, dict[str, str]]:
    """sources.csv as source id -> row."""
    table = csvio.read_table(ledger / "sources" / "sources.csv")
    return {r[0]: dict(zip(table.header, r, strict=True)) for r in table.rows}


def add(ledger: Path, path: Path, *args: str) -> int:
    return main(["add-source", str(path), "--ledger", str(ledger), *args])


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def _big(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(33 * 2**20)  # sparse: no disk used
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return path


NEW_TEXT = b"About 20,000 troops gathered near Kursk, officials said (FICTIONAL).\n"
DATED = ["--outlet", "Test Outlet (FICTIONAL)", "--published", "2024-11-18"]
REFUSALS = [
    # (id, input maker, extra arguments, exit code, the one line's words)
    ("same-text", lambda t: _write(t, "copy.txt", (FIXTURES / "mini/sources/daily.txt")
                                   .read_bytes()), DATED, 2,
     "the same text is already registered as source 'daily' (sources/daily.txt)"),
    ("id-used", lambda t: _write(t, "new.txt", NEW_TEXT), [*DATED, "--id", "daily"], 2,
     "source_id 'daily' is already registered"),
    ("bad-id", lambda t: _write(t, "new.txt", NEW_TEXT), [*DATED, "--id", "../up"], 2,
     "--id '../up' is not a valid id"),
    ("no-date-text", lambda t: _write(t, "new.txt", NEW_TEXT), ["--outlet", "X (FICTIONAL)"], 2,
     "new.txt: no publication date found; give --published YYYY-MM-DD"),
    ("no-date-page", lambda t: PAGES / "undated.html", [], 2,
     "undated.html: no publication date found; give --published YYYY-MM-DD"),
    ("bad-published", lambda t: _write(t, "new.txt", NEW_TEXT),
     ["--outlet", "X", "--published", "17/11/2024"], 2, "is not a YYYY-MM-DD date"),
    ("naive-timestamp", lambda t: _write(t, "new.txt", NEW_TEXT),
     ["--outlet", "X", "--published", "2024-11-17T23:30:00"], 2, "with its offset"),
    ("no-outlet", lambda t: _write(t, "new.txt", NEW_TEXT), ["--published", "2024-11-18"], 2,
     "new.txt: no outlet name found; give --outlet NAME"),
    ("not-utf8", lambda t: _write(t, "latin.txt", b"caf\xe9 au lait\n"), DATED, 1,
     "latin.txt:1:4: not UTF-8 text: byte 0xe9 cannot be decoded"),
    ("nul", lambda t: _write(t, "nul.txt", b"text\x00with NUL"), DATED, 1,
     "contains NUL characters"),
    ("too-large", _big, DATED, 2, "huge.txt: file is 33.0 MiB; a source is limited to 32 MiB"),
    ("folder", lambda t: t, DATED, 2, "is a folder, not a regular file"),
    ("fifo", _fifo, DATED, 2, "pipe.txt: is a FIFO (named pipe), not a regular file"),
    ("missing", lambda t: t / "absent.txt", DATED, 2, "absent.txt: file not found"),
    ("no-article", lambda t: _write(t, "gallery.html", (
        b'<html><head><meta property="og:site_name" content="Empty (FICTIONAL)"></head><body>'
        b'<nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>'
        b"<figure><img src=a.jpg><figcaption>Photo only</figcaption></figure></body></html>")),
     DATED, 2, "gallery.html: trafilatura found no article text in the page"),
]


@pytest.mark.parametrize(("make", "extra", "code", "words"), [r[1:] for r in REFUSALS],
                         ids=[r[0] for r in REFUSALS])
def test_a_refusal_is_one_line_and_writes_nothing(
        mini_ledger, tmp_path, capsys, make, extra, code, words):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = make(inputs)
    before = snapshot(mini_ledger)
    assert add(mini_ledger, path, *extra) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and words in captured.err
    assert snapshot(mini_ledger) == before


def test_a_refusal_in_an_empty_folder_starts_no_ledger(tmp_path, capsys):
    folder = tmp_path / "event"
    folder.mkdir()
    assert add(folder, _write(tmp_path, "a.txt", NEW_TEXT), "--outlet", "X (FICTIONAL)") == 2
    assert list(folder.iterdir()) == []


def test_a_plain_text_is_stored_byte_for_byte(mini_ledger, tmp_path, capsys):
    data = "Line one\r\nAbout 20,000 troops 🚀 near Kursk.\r\n(FICTIONAL)\n".encode()
    header = (mini_ledger / "sources/sources.csv").read_bytes().splitlines()[0]
    assert add(mini_ledger, _write(tmp_path, "wire.txt", data), *DATED, "--id", "wire") == 0
    assert (mini_ledger / "sources" / "wire.txt").read_bytes() == data
    row = registry(mini_ledger)["wire"]
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert (row["published"], row["published_note"]) == ("2024-11-18", "command line")
    assert (mini_ledger / "sources/sources.csv").read_bytes().splitlines()[0] == header


BODY = ["about 20,000 Russian and North Korean troops", "Fewer than 3,000 North Korean troops",
        "roughly 190 miles", "on Nov. 2 after a review"]
NOT_BODY = ["World desk menu", "caption the extraction must leave out", "Related story",
            "Reader comment", "Copyright footer", "Privacy policy"]


@pytest.fixture
def page_source(mini_ledger, capsys) -> tuple[Path, str]:
    """The mini ledger with the JSON-LD page added; its stored text."""
    assert add(mini_ledger, PAGES / "jsonld.html") == 0
    return mini_ledger, (mini_ledger / "sources" / "daily-fictional.txt").read_text("utf-8")


@pytest.mark.parametrize("sentence", BODY)
def test_a_page_keeps_its_article_sentences(page_source, sentence):
    assert sentence in page_source[1]


@pytest.mark.parametrize("boilerplate", NOT_BODY)
def test_a_page_loses_navigation_captions_related_links_comments_footer(page_source, boilerplate):
    assert boilerplate not in page_source[1]


def test_the_saved_page_is_kept_with_its_own_sha256(page_source):
    ledger, text = page_source
    row = registry(ledger)["daily-fictional"]
    page = (PAGES / "jsonld.html").read_bytes()
    assert (ledger / "sources" / row["raw_path"]).read_bytes() == page
    assert row["raw_sha256"] == hashlib.sha256(page).hexdigest()
    assert load_ledger(ledger).texts["daily-fictional"] == text


@pytest.mark.parametrize(
    ("change", "slug_"),
    [(lambda p: p.write_bytes(p.read_bytes() + b"<!-- edited -->"), "source-raw-hash-mismatch"),
     (Path.unlink, "source-raw-unreadable")],
    ids=["edited", "deleted"],
)
def test_a_changed_or_missing_saved_page_fails_validate_and_check(page_source, capsys, change,
                                                                 slug_):
    ledger, _ = page_source
    change(ledger / "sources" / "daily-fictional.html")
    capsys.readouterr()
    assert main(["validate", "--ledger", str(ledger), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["slug"] for f in findings] == [slug_]
    assert main(["check", "--ledger", str(ledger)]) == 2
    assert findings[0]["message"] in capsys.readouterr().err


JSONLD = {"outlet": "The Daily Fictional (FICTIONAL)", "byline": "Ada Fictional and Ben Invented",
          "title": "Ukraine may strike deeper into Russia, officials say (FICTIONAL)",
          "url": "https://daily-fictional.example/world/2024/11/17/ukraine-long-range"}
PRECEDENCE = [
    # (page, arguments, the registry cells expected)
    ("jsonld.html", [], {**JSONLD, "published": "2024-11-17",
                         "published_at": "2024-11-17T21:40:00-05:00", "published_note":
                             'page JSON-LD datePublished "2024-11-17T21:40:00-05:00"'}),
    ("jsonld.html", ["--published", "2024-11-19", "--outlet", "Given Outlet (FICTIONAL)",
                     "--title", "Given title", "--url", "https://given.example/a"],
     {"outlet": "Given Outlet (FICTIONAL)", "title": "Given title",
      "url": "https://given.example/a", "byline": JSONLD["byline"], "published": "2024-11-19",
      "published_at": "", "published_note": "command line"}),
    ("jsonld.html", ["--published", "2024-11-18T03:30:00Z"],
     {"published": "2024-11-18", "published_at": "2024-11-18T03:30:00Z",
      "published_note": "command line"}),
    ("meta_only.html", [], {"outlet": "Harbor Gazette (FICTIONAL)", "byline": "Cora Madeup",
                            "published": "2024-11-18", "published_at": "2024-11-18T09:15:00+01:00",
                            "published_note":
                                'meta article:published_time "2024-11-18T09:15:00+01:00"'}),
    ("url_dated.html", [], {"outlet": "Northgate Review (FICTIONAL)", "published": "2024-11-19",
                            "published_at": "",
                            "published_note": 'inferred: htmldate "2024-11-19"'}),
    ("undated.html", ["--published", "2024-11-21"],
     {"published": "2024-11-21", "published_note": "command line"}),
    ("late_evening.html", [], {"published": "2024-11-17",
                               "published_at": "2024-11-17T23:30:00-05:00"}),
]


@pytest.mark.parametrize(("page", "args", "expected"), [r for r in PRECEDENCE],
                         ids=[f"{p}{'+args' if a else ''}" for p, a, _ in PRECEDENCE])
def test_metadata_precedence_and_published_note(mini_ledger, capsys, page, args, expected):
    assert add(mini_ledger, PAGES / page, *args, "--id", "new") == 0
    row = registry(mini_ledger)["new"]
    assert {k: row.get(k, "") for k in expected} == expected


def test_an_htmldate_guess_counts_as_inferred(mini_ledger, capsys):
    assert add(mini_ledger, PAGES / "url_dated.html", "--id", "guess") == 0
    assert is_inferred(registry(mini_ledger)["guess"]["published_note"])
    assert load_ledger(mini_ledger).published_inferred("guess")


@pytest.mark.parametrize(
    ("stamp", "day"),
    [("2024-11-17T23:30:00-05:00", "2024-11-17"), ("2024-11-18T03:30:00Z", "2024-11-18"),
     ("2024-11-18T00:30:00+09:00", "2024-11-18"), ("2024-11-17", "2024-11-17")],
)
def test_the_publication_day_is_the_local_day_of_the_timestamp(stamp, day):
    found = page_date(stamp, "note")
    assert (found.published, found.published_at) == (day, "" if len(stamp) == 10 else stamp)


@given(st.datetimes(timezones=st.timezones()))
def test_every_aware_timestamp_keeps_its_local_day(moment):
    found = command_line_date(moment.isoformat())
    assert (found.published, found.published_at) == (moment.date().isoformat(), moment.isoformat())


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [("The Daily Fictional (FICTIONAL)", "daily-fictional"),
     ("Harbor Gazette (FICTIONAL)", "harbor-gazette"),
     ("Le Monde Fictif Éditions", "le-monde-fictif-editions"),
     ("The", "the"), ("صحيفة", "source")],
)
def test_a_default_id_is_the_outlet_slug(outlet, expected):
    assert slug(outlet) == expected


def test_a_taken_default_id_gets_the_date_then_a_number(mini_ledger, capsys):
    same = ["--outlet", "The Daily Fictional (FICTIONAL)", "--published", "2024-11-18"]
    for page in ("jsonld.html", "meta_only.html", "url_dated.html"):
        assert add(mini_ledger, PAGES / page, *same) == 0
    assert list(registry(mini_ledger))[1:] == [
        "daily-fictional", "daily-fictional-2024-11-18", "daily-fictional-2024-11-18-2"]


def test_a_new_folder_starts_a_ledger_that_validates(tmp_path, capsys):
    folder = tmp_path / "event"
    assert add(folder, PAGES / "meta_only.html") == 0
    assert (folder / "sources/sources.csv").read_text().splitlines()[0] == ",".join(SOURCE_COLUMNS)
    assert (folder / "claims.csv").read_text() == ",".join(CLAIM_COLUMNS) + "\n"
    assert "started a ledger in" in capsys.readouterr().out
    assert main(["validate", "--ledger", str(folder)]) == 0


def test_a_folder_whose_parent_is_missing_is_refused(tmp_path, capsys):
    folder = tmp_path / "no" / "event"
    assert add(folder, PAGES / "meta_only.html") == 2
    assert "neither the folder nor its parent exists" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("fresh", [False, True], ids=["ledger", "new-folder"])
def test_a_failed_registry_write_removes_the_new_files(mini_ledger, tmp_path, monkeypatch, fresh):
    folder = tmp_path / "event" if fresh else mini_ledger
    before = snapshot(mini_ledger)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(csvio.CsvTable, "write_over", fail)
    with pytest.raises(OSError, match="disk full"):
        add_source(folder, PAGES / "jsonld.html")
    assert snapshot(mini_ledger) == before
    assert not (tmp_path / "event").exists()


def test_it_prints_the_source_its_date_origin_and_the_next_command(mini_ledger, capsys):
    assert add(mini_ledger, PAGES / "jsonld.html") == 0
    assert capsys.readouterr().out.splitlines() == [
        "added source daily-fictional: The Daily Fictional (FICTIONAL)",
        'published 2024-11-17 (page JSON-LD datePublished "2024-11-17T21:40:00-05:00")',
        "stored sources/daily-fictional.txt (867 characters); "
        "the saved page is kept as sources/daily-fictional.html",
        f"next: provenance extract --ledger {mini_ledger} --source daily-fictional",
    ]


def test_untrusted_names_are_escaped_on_the_terminal(mini_ledger, tmp_path, capsys):
    outlet = "Evil\x1b[2J\u202eOutlet (FICTIONAL)"
    assert add(mini_ledger, _write(tmp_path, "e.txt", NEW_TEXT), "--outlet", outlet,
               "--published", "2024-11-18", "--id", "evil") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "Evil\\x1b[2J\\u202eOutlet (FICTIONAL)" in out
    assert registry(mini_ledger)["evil"]["outlet"] == outlet


def test_an_empty_sha256_is_an_error_that_reanchor_fixes(mini_ledger, capsys):
    path = mini_ledger / "sources" / "sources.csv"
    digest = hashlib.sha256((mini_ledger / "sources" / "daily.txt").read_bytes()).hexdigest()
    path.write_text(path.read_text(encoding="utf-8").replace(digest, ""), encoding="utf-8")
    assert main(["validate", "--ledger", str(mini_ledger), "--json"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["slug"] == "source-missing-sha256"
    assert "run `provenance reanchor` to record it" in finding["message"]
    assert main(["check", "--ledger", str(mini_ledger)]) == 2
    assert finding["message"] in capsys.readouterr().err
    assert main(["reanchor", "--ledger", str(mini_ledger)]) == 0
    assert registry(mini_ledger)["daily"]["sha256"] == digest
    assert main(["validate", "--ledger", str(mini_ledger)]) == 0


def test_the_library_call_returns_what_was_added(tmp_path):
    added = add_source(tmp_path / "event", ROOT / "docs/example/daily-fictional.html")
    assert (added.source_id, added.published, added.published_at) == (
        "daily-fictional", "2024-11-20", "2024-11-20T18:05:00-05:00")
    assert (added.path, added.raw_path, added.started_ledger) == (
        "sources/daily-fictional.txt", "sources/daily-fictional.html", True)
    with pytest.raises(UsageError, match="already registered as source 'daily-fictional'"):
        add_source(tmp_path / "event", ROOT / "docs/example/daily-fictional.html", source_id="b")


def test_a_subprocess_refusal_has_no_traceback_and_help_loads_no_trafilatura(tmp_path):
    bad = _write(tmp_path, "latin.txt", b"caf\xe9\n")
    result = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "add-source", str(bad), *DATED,
         "--ledger", str(tmp_path / "event")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert result.stderr == f"provenance: {bad}:1:4: not UTF-8 text: byte 0xe9 cannot be decoded\n"
    probe = ("import sys; from provenance.cli import main; main(['add-source', '--help']); "
             "print(sorted(m for m in sys.modules if m.startswith(('trafilatura', 'htmldate'))))")
    help_run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              check=True, cwd=ROOT)
    assert help_run.stdout.splitlines()[-1] == "[]"
