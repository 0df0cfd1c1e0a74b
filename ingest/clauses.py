"""Clause segmentation: split a paragraph after 。；！？ that are not inside 《》“”（）.

Brackets that never close (a typo, or a quote cut by the source) are ignored for
that paragraph rather than swallowing everything after them.
"""

from __future__ import annotations

import re

ENDERS = "。；！？"
PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "「": "」", "『": "』", "‘": "’", "【": "】", "〈": "〉"}
_CLOSE_TO_OPEN = {c: o for o, c in PAIRS.items()}
_INTERESTING = re.compile("[" + re.escape(ENDERS + "".join(PAIRS) + "".join(PAIRS.values())) + "]")


def split_clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the clauses of ``text`` (whitespace trimmed, empties dropped)."""
    cuts, unclosed = _cuts(text, ignore=frozenset())
    if unclosed:
        cuts, _ = _cuts(text, ignore=frozenset(unclosed))
    spans = []
    start = 0
    for cut in cuts + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


def _cuts(text: str, ignore: frozenset) -> tuple[list[int], set[str]]:
    depth = {o: 0 for o in PAIRS if o not in ignore}
    open_total = 0
    cuts = []
    for m in _INTERESTING.finditer(text):
        ch = m.group()
        if ch in depth:
            depth[ch] += 1
            open_total += 1
        elif ch in _CLOSE_TO_OPEN:
            opener = _CLOSE_TO_OPEN[ch]
            if depth.get(opener, 0) > 0:
                depth[opener] -= 1
                open_total -= 1
        elif ch in ENDERS and open_total == 0:
            cuts.append(m.end())
    return cuts, {o for o, d in depth.items() if d > 0}
