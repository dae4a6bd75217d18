"""Plain-text report of a check: conflicts per fact key (clearest first), then verdicts."""

from __future__ import annotations

import pandas as pd

from provenance.check import CheckResult
from provenance.check_messages import short_quote
from provenance.render import terminal_safe

UNEXPECTED_SHOWN = 10


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _summary(result: CheckResult) -> str:
    failed = [o for o in result.results if not o.success]
    warnings = sum(o.severity != "critical" for o in failed)
    keys = result.conflicts["fact_key"].nunique()
    total = int(result.counts["cross_pairs"].sum()) if len(result.counts) else 0
    internal = int(result.counts["internal_pairs"].sum()) if len(result.counts) else 0
    parts = [
        f"{_plural(total, 'conflict')} between sources in {_plural(keys, 'fact key')}",
        f"{_plural(internal, 'disagreement')} inside one source",
        f"{len(failed)} of {_plural(len(result.results), 'expectation')} failed"
        + (f" ({warnings} with warning severity)" if warnings else ""),
    ]
    verdict = "passed" if result.success else "FAILED"
    return f"provenance check {verdict}: " + "; ".join(parts) + "."


def _section(pairs: pd.DataFrame, counts: pd.DataFrame, column: str) -> list[str]:
    """Paragraphs per fact key, keys with the most pairs first, clearest pairs first."""
    lines: list[str] = []
    if pairs.empty:
        return lines
    table = counts.set_index(["fact_key", "kind"])
    order, sizes = table[column].to_dict(), table["claims"].to_dict()
    groups: dict[tuple[str, str], list[str]] = {}
    columns = (pairs[c].tolist() for c in ("fact_key", "kind", "message"))  # not per cell
    for key, kind, message in zip(*columns, strict=True):
        groups.setdefault((key, kind), []).append(message)
    ranked = sorted(groups, key=lambda k: (-int(order.get(k, len(groups[k]))), k[0]))
    for key, kind in ranked:
        group = groups[(key, kind)]
        count = int(order.get((key, kind), len(group)))
        claims = int(sizes.get((key, kind), 0))
        head = f"{key} ({kind}): {_plural(count, 'pair')} that cannot both hold"
        head += f", among {_plural(claims, 'claim')}" if claims else ""
        if count > len(group):
            head += (f"; {len(group)} shown" if kind == "text"
                     else f"; the {len(group)} clearest (widest gap) shown")
        lines += [head, ""]
        for message in group:
            lines += [f"  {key}: {message}", ""]
    return lines


def _verdicts(result: CheckResult) -> list[str]:
    lines = []
    for o in result.results:
        if o.success:
            continue
        mark = "FAIL" if o.severity == "critical" else o.severity.upper()
        shown = ", ".join(o.unexpected[:UNEXPECTED_SHOWN])
        more = len(o.unexpected) - UNEXPECTED_SHOWN
        shown += f", … ({more:,} more)" if more > 0 else ""
        detail = f"{_plural(len(o.unexpected), 'claim')}: {shown}" if o.unexpected else o.error
        lines.append(f"  {mark:<7} [{o.suite}] {o.expectation}: {detail}")
    passed = sum(o.success for o in result.results)
    lines.append(f"  ok      {passed} of {_plural(len(result.results), 'expectation')} held")
    return lines


def error_line(result: CheckResult) -> str:
    """One line for a check with expectations GX could not evaluate (no verdict, no pass)."""
    first, more = result.errors[0], len(result.errors) - 1
    message = (first.error.strip().splitlines() or ["error"])[0]
    suite = f"[{first.suite}] " if first.suite else ""
    rest = f" (and {_plural(more, 'other expectation')})" if more else ""
    return terminal_safe(f"check did not run: {suite}{first.expectation} raised an error: "
                         f"{message}{rest}; fix the suite or the ledger")


def render(result: CheckResult) -> str:
    """The report ``provenance check`` prints (control characters of the ledger's and the
    suites' text escaped: quotes, outlets, fact keys and GX's messages are untrusted)."""
    lines = [_summary(result), ""]
    if not result.conflicts.empty:
        lines += ["Conflicts between sources", "", *_section(result.conflicts, result.counts,
                                                            "cross_pairs")]
    if not result.internal.empty:
        lines += ["Disagreements inside one source (not conflicts)", "",
                  *_section(result.internal, result.counts, "internal_pairs")]
    if result.warnings:
        lines += ["Warnings", *(f"  {w.render()}" for w in result.warnings), ""]
    lines += ["Expectations", *_verdicts(result)]
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
