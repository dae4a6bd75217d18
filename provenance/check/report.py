"""Plain-text report of a check, in plain words: a headline, what was compared, the
conflicts and discrepancies per fact key (clearest first), then each expectation by its
description (GX's names only when asked for, ``verbose``)."""

from __future__ import annotations

import pandas as pd

from provenance.check.messages import short_quote
from provenance.check.results import CheckResult, ExpectationOutcome
from provenance.render import terminal_safe

UNEXPECTED_SHOWN = 10
SHOWN_NOT_COMPARED = 10
CLOSENESS = "expect_numeric_claims_to_be_close_across_sources"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _pairs(counts: pd.DataFrame, column: str) -> int:
    return int(counts[column].sum()) if len(counts) else 0


def _other_failures(result: CheckResult) -> tuple[int, int]:
    """Failed expectations beyond the conflicts and discrepancies the headline counts:
    critical ones, and warnings (with the close-key warnings)."""
    failed = [o for o in result.results if not o.success
              and not (o.expectation.startswith(CLOSENESS) or _is_agreement(o))]
    critical = sum(o.severity == "critical" for o in failed)
    return critical, len(failed) - critical + len(result.warnings)


def _is_agreement(outcome: ExpectationOutcome) -> bool:
    return outcome.expectation.endswith("_claims_to_agree_across_sources")


def headline(result: CheckResult) -> str:
    """``2 conflicts and 1 discrepancy across 3 outlets and 17 shared facts; 1 warning``:
    what the check found, never "passed" and "failed" together."""
    conflicts = _pairs(result.counts, "cross_pairs")
    internal = _pairs(result.counts, "internal_pairs")
    differing = _pairs(result.discrepancy_counts, "cross_pairs")
    summary = result.summary or {}
    pairs = (_plural(conflicts, "conflict"), _plural(differing, "discrepancy", "discrepancies"))
    found = " and ".join(pairs) if conflicts or differing else "no conflicts or discrepancies"
    scope = ""
    if summary:
        scope = (f" across {_plural(summary['outlets'], 'outlet')} and "
                 f"{_plural(summary['shared_facts'], 'shared fact')}")
    parts = [found[0].upper() + found[1:] + scope]
    if result.unchecked:
        left_out = len({f.claim_id for f in result.unchecked})
        parts.append(f"{_plural(left_out, 'claim')} not checked (see below)")
    inside = [_plural(n, *words) for n, words in (
        (internal, ("disagreement",)),
        (_pairs(result.discrepancy_counts, "internal_pairs"), ("discrepancy", "discrepancies")),
    ) if n]
    if inside:
        parts.append(" and ".join(inside) + " inside one outlet")
    critical, warnings = _other_failures(result)
    if critical:
        parts.append(f"{_plural(critical, 'other check')} not met")
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return "; ".join(parts)


def _compared(result: CheckResult) -> list[str]:
    """The summary of what was compared, as a few lines."""
    s = result.summary
    if not s:
        return []
    lines = ["What was compared",
             f"  {_plural(s['shared_facts'], 'fact')} reported by two or more outlets: "
             f"{s['agreed']:,} agree, {s['conflicting']:,} in conflict, "
             f"{s['discrepant']:,} with a discrepancy, {s['not_compared']:,} not compared"]
    for reason, count in s["not_compared_reasons"].items():
        named = [f["fact_key"] for f in s["not_compared_facts"] if f["reason"] == reason]
        shown = ", ".join(named[:SHOWN_NOT_COMPARED])
        more = len(named) - SHOWN_NOT_COMPARED
        shown += f", … ({more:,} more)" if more > 0 else ""
        lines.append(f"  not compared, {reason}: {count:,} ({shown})")
    return [*lines, ""]


def _section(pairs: pd.DataFrame, counts: pd.DataFrame, column: str, what: str) -> list[str]:
    """Paragraphs per fact key, keys with the most pairs first, clearest pairs first."""
    lines: list[str] = []
    if pairs.empty:
        return lines
    keys = list(zip(counts["fact_key"].tolist(), counts["kind"].tolist(), strict=True))
    order = dict(zip(keys, counts[column].tolist(), strict=True))
    sizes = dict(zip(keys, counts["claims"].tolist(), strict=True))
    groups: dict[tuple[str, str], list[str]] = {}
    columns = (pairs[c].tolist() for c in ("fact_key", "kind", "message"))  # not per cell
    for key, kind, message in zip(*columns, strict=True):
        groups.setdefault((key, kind), []).append(message)
    ranked = sorted(groups, key=lambda k: (-int(order.get(k, len(groups[k]))), k[0]))
    for key, kind in ranked:
        group = groups[(key, kind)]
        count = int(order.get((key, kind), len(group)))
        claims = int(sizes.get((key, kind), 0))
        head = f"{key} ({kind}): {_plural(count, 'pair')} {what}"
        head += f", among {_plural(claims, 'claim')}" if claims else ""
        if count > len(group):
            head += (f"; {len(group)} shown" if kind == "text"
                     else f"; the {len(group)} clearest (widest gap) shown")
        lines += [head, ""]
        for message in group:
            lines += [f"  {key}: {message}", ""]
    return lines


def _name(outcome: ExpectationOutcome, verbose: bool) -> str:
    """The expectation in plain words; its GX name too when ``verbose`` (or when the suite
    gives no description)."""
    if not outcome.description:
        return outcome.expectation
    return f"{outcome.description} ({outcome.expectation})" if verbose else outcome.description


def _verdicts(result: CheckResult, verbose: bool) -> list[str]:
    lines = []
    for o in result.results:
        if o.success and not verbose:
            continue
        mark = "ok" if o.success else "not met" if o.severity == "critical" else o.severity
        shown = ", ".join(o.unexpected[:UNEXPECTED_SHOWN])
        more = len(o.unexpected) - UNEXPECTED_SHOWN
        shown += f", … ({more:,} more)" if more > 0 else ""
        detail = f": {_plural(len(o.unexpected), 'claim')} ({shown})" if o.unexpected else (
            f": {o.error}" if o.error else "")
        suite = f"[{o.suite}] " if verbose and o.suite else ""
        lines.append(f"  {mark:<8}{suite}{_name(o, verbose)}{detail}")
    held = sum(o.success for o in result.results)
    lines.append(f"  {held} of {_plural(len(result.results), 'check')} held")
    return lines


def error_line(result: CheckResult) -> str:
    """One line for a check with expectations GX could not evaluate (no verdict, no pass)."""
    first, more = result.errors[0], len(result.errors) - 1
    message = (first.error.strip().splitlines() or ["error"])[0]
    suite = f"[{first.suite}] " if first.suite else ""
    rest = f" (and {_plural(more, 'other expectation')})" if more else ""
    return terminal_safe(f"check did not run: {suite}{first.expectation} raised an error: "
                         f"{message}{rest}; fix the suite or the ledger")


def _conflicts_heading(conflicts: pd.DataFrame) -> str:
    """What a conflict is, text claims' (categories that differ) named when there are any."""
    text = conflicts["kind"].eq("text").any()
    return "Conflicts: the intervals cannot overlap" + (
        ", or the categories differ" if text else "")


def render(result: CheckResult, verbose: bool = False) -> str:
    """The report ``provenance check`` prints (control characters of the ledger's and the
    suites' text escaped: quotes, outlets, fact keys and GX's messages are untrusted)."""
    lines = [headline(result) + ".", "", *_compared(result)]
    if not result.conflicts.empty:
        lines += [_conflicts_heading(result.conflicts), "",
                  *_section(result.conflicts, result.counts, "cross_pairs",
                            "that cannot both hold")]
    if not result.discrepancies.empty:
        lines += ["Discrepancies: the intervals touch, the figures differ widely", "",
                  *_section(result.discrepancies, result.discrepancy_counts, "cross_pairs",
                            "far apart")]
    if not result.internal.empty:
        lines += ["Disagreements inside one outlet (one article, or two of its articles; "
                  "not conflicts)", "",
                  *_section(result.internal, result.counts, "internal_pairs",
                            "that cannot both hold")]
    if not result.internal_discrepancies.empty:
        lines += ["Discrepancies inside one outlet (not between outlets)", "",
                  *_section(result.internal_discrepancies, result.discrepancy_counts,
                            "internal_pairs", "far apart")]
    if result.unchecked:
        lines += ["Not checked: rows `provenance fill` cannot derive",
                  *(f"  {f.render()}" for f in result.unchecked), ""]
    if result.warnings:
        lines += ["Warnings", *(f"  {w.render()}" for w in result.warnings), ""]
    lines += ["Checks", *_verdicts(result, verbose)]
    return "\n".join(terminal_safe(line) for line in lines) + "\n"


def quote_chains(reused: pd.DataFrame) -> str:
    """The claims an outlet took from another (``provenance.reuse.via.reused_claims``), or
    nothing when there are none (control characters escaped)."""
    if reused.empty:
        return ""
    lines = ["Quote chains (a reused figure is one report, not two confirmations)"]
    lines += [f'  {r.claim_id} {r.outlet} "{short_quote(r.quote)}" via {r.via_outlet}'
              for r in reused.itertuples()]
    return "\n".join(terminal_safe(line) for line in lines) + "\n"
