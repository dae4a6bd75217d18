"""Findings are records with a stable slug; a Report gathers them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pandas as pd

from provenance.jsonout import strict_dumps
from provenance.terminal import terminal_safe

COLUMNS = ["severity", "slug", "file", "line", "column", "claim_id", "message"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a ledger, keyed by its slug, never by its wording."""

    slug: str
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    claim_id: str = ""
    severity: str = "error"

    def location(self) -> str:
        """``file:line:column`` with the parts that are known."""
        where = self.file
        for part in (self.line, self.column):
            if part is not None:
                where = f"{where}:{part}" if where else str(part)
        return where

    def render(self) -> str:
        """One line: ``claims.csv:14:5: error: claim nyt-07: message`` (control characters
        of the ledger's text escaped, so the line is one line and cannot steer a terminal)."""
        who = f"claim {self.claim_id}: " if self.claim_id else ""
        where = self.location()
        prefix = f"{where}: " if where else ""
        return terminal_safe(f"{prefix}{self.severity}: {who}{self.message}")


@dataclass
class Report:
    """The findings of one run; ``ok`` when none is an error."""

    findings: list[Finding] = field(default_factory=list)

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings."""
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity ``error``."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity ``warning``."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not self.errors

    def slugs(self) -> list[str]:
        """The slugs in order, for tests and filters."""
        return [f.slug for f in self.findings]

    def to_frame(self) -> pd.DataFrame:
        """One row per finding, columns in the fixed order of ``COLUMNS``."""
        return pd.DataFrame([asdict(f) for f in self.findings], columns=COLUMNS)

    def to_json(self) -> str:
        """``{"ok": bool, "findings": [...]}`` as strict JSON text."""
        findings = [dict(vars(f)) for f in self.findings]  # flat: asdict's deep copy is slow
        return strict_dumps({"ok": self.ok, "findings": findings}, indent=2)
