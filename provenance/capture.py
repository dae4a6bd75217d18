"""Saved web pages: the article body (trafilatura) and the page's own metadata.

The body is trafilatura's main-text extraction favouring precision: navigation, image
captions, related links, comments and footers are left out. Metadata comes, in this
order, from the page's JSON-LD article object (``headline``, ``author``,
``publisher.name``, ``datePublished``), its OpenGraph and article meta tags
(``og:site_name``, ``og:title``, ``og:url``, ``article:published_time``), then
trafilatura's own metadata, whose date is htmldate's guess and so counts as inferred.
trafilatura is imported inside the functions (``provenance --help`` never loads it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from provenance.errors import UsageError
from provenance.sources import ISO_DATE, parse_iso_date

ARTICLE_TYPES = ("Article", "BlogPosting", "Report")  # schema.org types ending so


@dataclass(frozen=True)
class PageDate:
    """A publication date: the calendar day, the full timestamp if any, and its origin."""

    published: str  # YYYY-MM-DD, the local day in the timestamp's own offset
    published_at: str  # the timestamp exactly as given ("" for a bare date)
    note: str  # where it came from, for ``published_note``


@dataclass(frozen=True)
class Capture:
    """What a saved page holds: the article text and the metadata found in the page."""

    text: str
    outlet: str = ""
    title: str = ""
    byline: str = ""
    url: str = ""
    date: PageDate | None = None


def page_date(value: str, note: str, *, need_offset: bool = False) -> PageDate | None:
    """``value`` (``YYYY-MM-DD`` or an ISO 8601 timestamp) as a PageDate, None if neither.

    A timestamp's day is its local day: ``2024-11-17T23:30:00-05:00`` is 2024-11-17.
    With ``need_offset`` a timestamp without a time zone is refused (None).
    """
    value = value.strip()
    if ISO_DATE.fullmatch(value):
        return PageDate(value, "", note) if parse_iso_date(value) else None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if need_offset and moment.tzinfo is None:
        return None
    return PageDate(moment.date().isoformat(), value, note)


def command_line_date(value: str) -> PageDate:
    """A ``--published`` value: ``YYYY-MM-DD`` or an ISO timestamp with its offset."""
    found = page_date(value, "command line", need_offset=True)
    if found is None:
        raise UsageError(
            f"--published {value!r} is not a YYYY-MM-DD date or an ISO 8601 timestamp "
            "with its offset (e.g. 2024-11-17T23:30:00-05:00)"
        )
    return found


def capture_html(data: bytes, name: str) -> Capture:
    """The article body and metadata of a saved page; refuse a page with no article text."""
    from trafilatura import bare_extraction, load_html

    tree = load_html(data)
    if tree is None:
        raise UsageError(f"{name}: not an HTML page that can be parsed")
    article, meta = _json_ld_article(tree), _meta_tags(tree)
    found = bare_extraction(
        data,
        favor_precision=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_tables=True,
        with_metadata=True,
    )
    text = (getattr(found, "text", None) or "").strip()
    if not text:
        raise UsageError(
            f"{name}: trafilatura found no article text in the page; "
            "save the article's text as a .txt file and add that"
        )
    return Capture(
        text=text,
        outlet=_first(_name(article.get("publisher")), meta.get("og:site_name"),
                      getattr(found, "sitename", None)),
        title=_first(article.get("headline"), meta.get("og:title"),
                     getattr(found, "title", None)),
        byline=_first(_name(article.get("author")), meta.get("author"),
                      getattr(found, "author", None)),
        url=_first(meta.get("og:url"), _page_url(article), getattr(found, "url", None)),
        date=_date(article, meta, getattr(found, "date", None)),
    )


def _date(article: dict[str, Any], meta: dict[str, str], guess: str | None) -> PageDate | None:
    """The first date the page states, else htmldate's guess (inferred)."""
    stated = [
        (article.get("datePublished"), "page JSON-LD datePublished"),
        (meta.get("article:published_time"), "meta article:published_time"),
    ]
    for value, where in stated:
        if isinstance(value, str) and (found := page_date(value, f'{where} "{value.strip()}"')):
            return found
    if guess and (found := page_date(guess, f'inferred: htmldate "{guess}"')):
        return found
    return None


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object whose ``@type`` is an article type (empty when none)."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            parsed = json.loads(script)
        except ValueError:
            continue
        for item in _objects(parsed):
            types = item.get("@type")
            types = [types] if isinstance(types, str) else types or []
            if any(isinstance(t, str) and t.endswith(ARTICLE_TYPES) for t in types):
                return item
    return {}


def _objects(parsed: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: top-level lists and ``@graph`` flattened."""
    if isinstance(parsed, list):
        for item in parsed:
            yield from _objects(item)
    elif isinstance(parsed, dict):
        yield parsed
        yield from _objects(parsed.get("@graph"))


def _meta_tags(tree: Any) -> dict[str, str]:
    """``property`` or ``name`` of each meta tag (lower case) -> its content; first wins."""
    tags: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key:
            tags.setdefault(key, element.get("content"))
    return tags


def _name(value: Any) -> str:
    """Names of a JSON-LD person/organisation, a list of them, or a plain string."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in map(_name, value) if n]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]
    return ""


def _page_url(article: dict[str, Any]) -> str:
    """The article's own address in JSON-LD (``url`` or ``mainEntityOfPage``)."""
    for value in (article.get("url"), article.get("mainEntityOfPage")):
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _first(*values: Any) -> str:
    """The first non-blank string, white space collapsed ("" when none)."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""
