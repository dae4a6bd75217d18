"""Label Studio's exports: JSON (tasks with ``annotations[].result[].value``) and JSON-MIN
(one flat record per task, its spans under the labels control's name).

A span is ``{start, end, text, labels}``, offsets in UTF-16 units of the task's text
(``data.text``, or the field the result's ``to_name`` names). Results that are not spans
(choices, free text) are not claims and are passed over; cancelled annotations too.
"""

from __future__ import annotations

from typing import Any

from provenance.interchange.incoming import (
    ImportFormatError,
    Incoming,
    labels_of,
    offset,
    text_of,
)


def read_label_studio(data: Any, name: str) -> list[Incoming]:
    """One :class:`Incoming` per labelled span of every task."""
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(task, dict) for task in data):
        raise ImportFormatError(name, None, None, "not a Label Studio export: expected a "
                                "list of tasks (JSON or JSON-MIN)")
    found: list[Incoming] = []
    for number, task in enumerate(data):
        where = f"tasks[{number}]"
        if "annotations" in task:
            found.extend(_full(task, where))
        else:
            found.extend(_minimal(task, where))
    return found


def _full(task: dict[str, Any], where: str) -> list[Incoming]:
    """The spans of a task of the JSON export."""
    fields = task.get("data") if isinstance(task.get("data"), dict) else {}
    found = []
    for a, done in enumerate(task["annotations"] if isinstance(task["annotations"], list) else []):
        if not isinstance(done, dict) or done.get("was_cancelled"):
            continue
        for r, result in enumerate(done.get("result") or []):
            value = result.get("value") if isinstance(result, dict) else None
            if not _is_span(value):
                continue
            document = fields.get(result.get("to_name"), fields.get("text"))
            found.append(_span(value, f"{where}.annotations[{a}].result[{r}]",
                               text_of(document) or None, text_of(fields.get("source_id"))))
    return found


def _minimal(task: dict[str, Any], where: str) -> list[Incoming]:
    """The spans of a JSON-MIN record: every list of span objects it holds."""
    document = text_of(task.get("text")) or None
    found = []
    for key, values in task.items():
        if isinstance(values, list) and values and all(_is_span(v) for v in values):
            found.extend(_span(v, f"{where}.{key}[{i}]", document,
                               text_of(task.get("source_id")))
                         for i, v in enumerate(values))
    return found


def _is_span(value: Any) -> bool:
    return isinstance(value, dict) and "start" in value and "end" in value


def _span(value: dict[str, Any], where: str, document: str | None, source_id: str) -> Incoming:
    return Incoming(
        where,
        quote=text_of(value.get("text")),
        start=offset(value.get("start")),
        end=offset(value.get("end")),
        document=document,
        labels=labels_of(value.get("labels")),
        source_id=source_id,
    )
