"""One annotation as read from another tool's file, before it is placed in a source."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from provenance.errors import PositionedError

CONTEXT_CHARS = 32  # code points of prefix and suffix, as the Web Annotation export writes


class ImportFormatError(PositionedError):
    """An import file cannot be read as the format named (exit code 2)."""


@dataclass(frozen=True)
class Incoming:
    """An annotated span: what the file says, in the file's own terms.

    ``start``/``end`` are the file's offsets (unit unknown); ``document`` is the tool's
    own copy of the text when the file carries one (doccano, Label Studio). The file
    may name its source by ``sha256`` (of the text), ``source_id`` or ``uri`` (the page
    the text came from); ``--source`` overrides them all.
    """

    where: str  # e.g. ``annotations[2]``, for messages
    line: int | None = None  # the file's line (JSON Lines), for messages
    quote: str = ""
    start: int | None = None
    end: int | None = None
    prefix: str | None = None
    suffix: str | None = None
    document: str | None = None
    offsets_are_ours: bool = True  # False: positions in another text (a web page's)
    labels: tuple[str, ...] = ()
    comment: str = ""
    claim_id: str = ""
    source_id: str = ""
    sha256: str = ""
    uri: str = ""
    cells: Mapping[str, str] = field(default_factory=dict)  # kind, attributed_to, category


def offset(value: Any) -> int | None:
    """A JSON offset as an int (None unless a non-negative whole number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def text_of(value: Any) -> str:
    """A JSON string, or "" for anything else."""
    return value if isinstance(value, str) else ""


def as_list(value: Any) -> list[Any]:
    """A JSON value that may be one item or a list of them, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def labels_of(value: Any) -> tuple[str, ...]:
    """Label strings of a JSON label or list of labels (others left out)."""
    return tuple(label for label in as_list(value) if isinstance(label, str) and label.strip())


def load_json(text: str, name: str) -> Any:
    """A JSON document; malformed JSON is one ImportFormatError at its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(name, exc.lineno, exc.colno, f"not JSON: {exc.msg}") from None
    except RecursionError:
        raise ImportFormatError(name, None, None, "not JSON this tool reads: nested too "
                                "deeply") from None
