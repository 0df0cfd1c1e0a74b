"""A regex for "any of these strings, the longest one that fits", built as a prefix tree.

``re.compile("|".join(escaped words, longest first))`` tries every alternative at every position
of the text: with the gazetteer's ~1,000 names that scan was a fourteenth of extraction's time.
The same set written as a tree of shared prefixes ("应急(?:管理(?:局|部门)?|…)") lets the regex
engine reject a position after one character. Matches are the same: at each position the longest
word that starts there, which is what the longest-first alternation finds.
"""

from __future__ import annotations

import re
from typing import Iterable

_END = ""   # marks a node where a word ends (no word is empty, so no character clashes with it)


def longest_of(words: Iterable[str]) -> str:
    """Pattern text matching, at a position, the longest of ``words`` that starts there."""
    return _pattern(_tree(words))


def starts_of(words: Iterable[str]) -> str:
    """Pattern text matching the first character of every occurrence of any of ``words``,
    overlapping ones included (``finditer`` then stops at each position where a word starts).
    The first character is matched, not looked ahead to, so the regex engine skips the other
    positions in C; the rest of the words is a look-ahead."""
    branches = []
    for ch, child in sorted(_tree(words).items()):
        rest = _pattern(child)
        branches.append(re.escape(ch) + (f"(?={rest})" if rest and _END not in child else ""))
    return "|".join(branches)


def _tree(words: Iterable[str]) -> dict:
    tree: dict = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = True
    if not tree:
        raise ValueError("no words")
    return tree


def _pattern(node: dict) -> str:
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word may end here: the greedy "?" tries the longer words first, then backtracks to this one
    return f"(?:{body})?" if _END in node else body
