"""schema.org ``Claim``s as JSON-LD: one per fact key and outlet, the way fact-check
publishers (ClaimReview's ``itemReviewed``) describe who claimed what, where and when.

Only confirmed claims count (candidates are unreviewed). A claim's ``appearance`` lists
the outlet's articles stating the fact (``NewsArticle``: headline, url, datePublished,
publisher, the byline as printed); ``firstAppearance`` and ``datePublished`` are those
of the earliest (``published_at`` when the page gave one, else ``published``); its
``text`` is the quote there and its ``author`` the outlet.
"""

from __future__ import annotations

from typing import Any

from provenance.ledger import Ledger

SCHEMA_CONTEXT = "https://schema.org"


def news_article(source: dict[str, str]) -> dict[str, Any]:
    """The ``NewsArticle`` of a registered source (empty cells left out)."""
    cells = {
        "identifier": source.get("source_id", ""),
        "headline": source.get("title", ""),
        "url": source.get("url", ""),
        "datePublished": published(source),
    }
    article: dict[str, Any] = {"@type": "NewsArticle"}
    article.update({name: cell.strip() for name, cell in cells.items() if cell.strip()})
    if source.get("outlet", "").strip():
        article["publisher"] = {"@type": "Organization", "name": source["outlet"].strip()}
    if source.get("byline", "").strip():
        article["author"] = {"@type": "Person", "name": source["byline"].strip()}
    return article


def published(source: dict[str, str]) -> str:
    """When a source was published: its full timestamp when known, else its day."""
    return (source.get("published_at", "") or source.get("published", "")).strip()


def export_schema_claims(ledger: Ledger) -> dict[str, Any]:
    """The confirmed claims as schema.org ``Claim``s, one per (fact key, outlet)."""
    sources = {row["source_id"]: row for row in ledger.sources.to_dict("records")}
    groups: dict[tuple[str, str], list[tuple[str, str, int, str]]] = {}
    for row in ledger.claims.to_dict("records"):
        key, source = row.get("fact_key", "").strip(), sources.get(row["source_id"])
        if row.get("status") != "confirmed" or not key or source is None:
            continue
        start = row.get("start", "").strip()
        groups.setdefault((key, source.get("outlet", "").strip()), []).append(
            (published(source) or "\uffff", row["source_id"],
             int(start) if start.isdecimal() else 0, row["quote"]))
    graph = []
    for (key, outlet), found in sorted(groups.items()):
        found.sort()
        articles = [news_article(sources[source_id])
                    for source_id in dict.fromkeys(source_id for _, source_id, _, _ in found)]
        claim: dict[str, Any] = {"@type": "Claim", "identifier": key, "text": found[0][3]}
        if outlet:
            claim["author"] = {"@type": "Organization", "name": outlet}
        if "datePublished" in articles[0]:
            claim["datePublished"] = articles[0]["datePublished"]
        claim["firstAppearance"] = articles[0]
        claim["appearance"] = articles
        graph.append(claim)
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}
