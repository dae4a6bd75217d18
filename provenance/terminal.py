"""Untrusted text made safe to print on a terminal."""

from __future__ import annotations

import unicodedata

# control and format characters (escape sequences, bidi overrides, zero-width marks) and
# the line and paragraph separators: what could move the cursor, recolour or reorder text
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def terminal_safe(text: str) -> str:
    """``text`` with every unsafe character spelled out as a ``\\x1b``-style escape."""
    if text.isprintable():  # no character of an unsafe category (nor any other unprintable)
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in UNSAFE_CATEGORIES
        else ch
        for ch in text
    )
