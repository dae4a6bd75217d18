"""Exceptions: only unreadable or unusable input raises; findings are data (see findings.py)."""

from __future__ import annotations

from pathlib import Path


class ProvenanceError(Exception):
    """Base of every error provenance raises on purpose."""


class UsageError(ProvenanceError):
    """The command or call was given something it cannot work with (exit code 2)."""


class PositionedError(ProvenanceError):
    """An error at a place in a file: rendered as ``file:line:column: message``."""

    def __init__(self, file: str | Path, line: int | None, column: int | None, message: str):
        self.file = str(file)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class LedgerFormatError(PositionedError):
    """A ledger or registry file cannot be read: bad encoding, malformed CSV, bad header."""


class SourceError(PositionedError):
    """A stored source cannot be used: missing, unsafe path, not UTF-8, hash mismatch."""

    def __init__(self, file, line, column, message: str, slug: str = "source-unreadable"):
        self.slug = slug
        super().__init__(file, line, column, message)


class StaleLedgerError(ProvenanceError):
    """The file changed on disk since it was loaded; saving would overwrite someone's edits."""


class AnchorError(ProvenanceError):
    """A quote could not be placed in its source text."""


class QuoteNotFound(AnchorError):
    """The quote does not occur in the source, even allowing typographic variants."""


class AmbiguousQuote(AnchorError):
    """The quote occurs more than once and nothing says which occurrence is meant."""

    def __init__(self, message: str, places: list[tuple[int, int]]):
        self.places = places
        super().__init__(message)
