"""Building regular expressions from word lists."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` factored by common prefixes (fast in `re`)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


UPPER_RE = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]")  # an upper-case letter, not "\S" nor "(?P"


class Caseless:
    """A case-insensitive pattern, matched over an ASCII text case-sensitively against
    the text in lower case: ASCII letters fold one to one and no other ASCII character
    folds, so every span is the one ``re.IGNORECASE`` gives (without folding each
    character it compares). A group then holds the lower-case text. Any other text is
    matched with ``re.IGNORECASE``. The source may hold no upper-case ASCII letter but
    in an escape (``\\S``) or a named group (``(?P<name>``)."""

    def __init__(self, pattern: str) -> None:
        if UPPER_RE.search(pattern):
            raise ValueError(f"an upper-case letter in a caseless pattern: {pattern!r}")
        self.pattern = pattern
        self.folding = re.compile(pattern, re.IGNORECASE)
        self.lowered = re.compile(pattern)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if text.isascii():
            return self.lowered.search(lower_ascii(text), pos, endpos)
        return self.folding.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if text.isascii():
            return self.lowered.match(lower_ascii(text), pos, endpos)
        return self.folding.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        if text.isascii():
            return self.lowered.finditer(lower_ascii(text), pos, endpos)
        return self.folding.finditer(text, pos, endpos)


@lru_cache(maxsize=2)
def lower_ascii(text: str) -> str:
    """An ASCII text in lower case, made once for the patterns matched over it."""
    return text.lower()
