"""Strict JSON for ``--json`` output: NaN and infinities become ``null``, never the
``NaN``/``Infinity`` tokens that Python writes by default and strict parsers refuse."""

from __future__ import annotations

import json
import math
from typing import Any


def finite(data: Any) -> Any:
    """``data`` with every non-finite float (nested in lists, tuples, dicts) made None."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data


def strict_dumps(data: Any, **options: Any) -> str:
    """``json.dumps`` of ``data`` as strict JSON (``allow_nan=False`` after :func:`finite`)."""
    return json.dumps(finite(data), allow_nan=False, ensure_ascii=False, **options)
