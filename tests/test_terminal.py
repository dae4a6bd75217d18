"""Untrusted text printed to a terminal cannot move the cursor, recolour or reorder it."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.terminal import terminal_safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The Daily Fictional", "The Daily Fictional"),
        ("München, 50,000 troops — “about”", "München, 50,000 troops — “about”"),
        ("rocket 🚀", "rocket 🚀"),
        ("red\x1b[31malert", "red\\x1b[31malert"),
        ("line\rover", "line\\rover"),
        ("tab\there", "tab\\there"),
        ("evil\u202egnp.exe", "evil\\u202egnp.exe"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("para\u2029graph", "para\\u2029graph"),
        ("c1\x9bcontrol", "c1\\x9bcontrol"),
    ],
)
def test_unsafe_characters_are_spelled_out(text, shown):
    assert terminal_safe(text) == shown


@given(st.text())
def test_no_control_or_format_character_survives(text):
    safe = terminal_safe(text)
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in safe)
