"""What a check found, whichever engine ran it: the outcomes of the expectations, the
listed pairs and their counts, and the ``--json`` object.

Plain data over pandas frames; an engine fills a :class:`CheckResult` and the report,
``--json`` and the exit codes read it the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from provenance.check.messages import CONFLICT_COLUMNS
from provenance.check.suite_rules import COLUMN_KWARGS
from provenance.findings import Finding

COUNT_COLUMNS = ["fact_key", "kind", "claims", "cross_pairs", "internal_pairs"]
LIMIT_PER_KEY = 20


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's verdict: the claims it found unexpected, and how much that matters."""

    expectation: str
    success: bool
    unexpected: list[str]
    severity: str = "critical"
    suite: str = ""
    error: str = ""
    description: str = ""  # in plain words, from the suite's ``meta.description``


@dataclass
class CheckResult:
    """What a check found. ``success`` ignores failures of warning/info severity."""

    success: bool
    conflicts: pd.DataFrame
    internal: pd.DataFrame
    counts: pd.DataFrame
    results: list[ExpectationOutcome]
    validations: list[Any] = field(default_factory=list, repr=False)
    warnings: list[Finding] = field(default_factory=list)  # never change ``success``
    discrepancies: pd.DataFrame = field(  # pairs that touch but differ widely (CONFLICT_COLUMNS)
        default_factory=lambda: pd.DataFrame(columns=CONFLICT_COLUMNS))
    discrepancy_counts: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COUNT_COLUMNS))
    summary: dict = field(default_factory=dict)  # what was compared (summary.py)
    unchecked: list[Finding] = field(default_factory=list)  # rows fill cannot derive
    internal_discrepancies: pd.DataFrame = field(  # discrepancies inside one outlet
        default_factory=lambda: pd.DataFrame(columns=CONFLICT_COLUMNS))

    @property
    def errors(self) -> list[ExpectationOutcome]:
        """The expectations GX could not evaluate (an exception, not a verdict): a check
        with any is no pass, whatever their severity."""
        return [o for o in self.results if o.error]

    def to_json(self) -> dict:
        """The ``--json`` object: success, conflicts, internal, counts, results, warnings;
        and headline, discrepancies, discrepancy_counts, summary (results carry their
        plain ``description``), unchecked (validate's findings for rows left out),
        internal_discrepancies. Pairs of one outlet (one article, or two of its articles)
        are ``internal``/``internal_discrepancies``, never conflicts or discrepancies."""
        from provenance.check.report import headline

        return {
            "success": self.success,
            "conflicts": _pairs_json(self.conflicts),
            "internal": _pairs_json(self.internal),
            "counts": self.counts.to_dict("records"),
            "results": [
                {"expectation": o.expectation, "success": o.success,
                 "unexpected": o.unexpected, "severity": o.severity, "error": o.error,
                 "description": o.description}
                for o in self.results
            ],
            "warnings": [asdict(w) for w in self.warnings],
            "headline": headline(self),
            "discrepancies": _pairs_json(self.discrepancies),
            "discrepancy_counts": self.discrepancy_counts.to_dict("records"),
            "summary": self.summary,
            "unchecked": [asdict(f) for f in self.unchecked],
            "internal_discrepancies": _pairs_json(self.internal_discrepancies),
        }


def _pairs_json(frame: pd.DataFrame) -> list[dict]:
    return [
        {"fact_key": r.fact_key, "kind": r.kind, "claims": [r.claim_a, r.claim_b],
         "sources": [r.source_a, r.source_b], "message": r.message}
        for r in frame.itertuples()
    ]


def _label(config: Any) -> str:
    """``expect_x(column)``: the expectation type with the columns it is about."""
    kwargs = config.kwargs
    named = [kwargs[k] for k in COLUMN_KWARGS if isinstance(kwargs.get(k), str)]
    return f"{config.type}({', '.join(named)})" if named else config.type


def _error(info: dict) -> str:
    """GX's exception message for a result, given flat or per metric that raised."""
    raised = [info, *(v for v in info.values() if isinstance(v, dict))]
    messages = (r.get("exception_message") or "error" for r in raised if r.get("raised_exception"))
    return next(messages, "")


def outcome_of(result: Any, suite: str, unexpected: list[str]) -> ExpectationOutcome:
    """A GX expectation result as an outcome, with the ids of its ``unexpected`` claims."""
    config = result.expectation_config
    error = _error(result.exception_info or {})
    severity = getattr(config.severity, "value", None) or str(config.severity or "critical")
    meta = config.meta if isinstance(config.meta, dict) else {}
    described = meta.get("description")
    return ExpectationOutcome(_label(config), bool(result.success), unexpected, severity, suite,
                              error, described if isinstance(described, str) else "")


def counts(found: dict[str, Any]) -> pd.DataFrame:
    parts = [d.counts.assign(kind=kind.removesuffix(":close")) for kind, d in found.items()
             if not d.counts.empty]
    if not parts:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    table = pd.concat(parts, ignore_index=True)[COUNT_COLUMNS]
    return table.sort_values(["cross_pairs", "fact_key"], ascending=[False, True],
                             ignore_index=True)



def passed(outcomes: list[ExpectationOutcome], unchecked: list[Finding]) -> bool:
    """A check passes when every row was checked and every expectation of critical
    severity held (one GX could not evaluate fails it, whatever its severity)."""
    return not unchecked and all(
        (o.success or o.severity in {"warning", "info"}) and not o.error for o in outcomes)
