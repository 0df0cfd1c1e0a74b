"""Numbered items written one after another in one paragraph ("（1）死亡30人以上。（2）紧急
转移安置10万人以上。", "1．市政府…工作。2．市应急管理局…") become one block each.

Only a paragraph that opens with a marker is split, at each later marker of the same style
numbered one more than the last ("（2）" after "（1）"), where a sentence has ended before it
(。；…; a bracketed marker "（3）" needs no punctuation before it: converters drop it). Markers
after a lead-in ("规划原则：（1）…；（2）…") are a list inside one sentence and stay.
"""

from __future__ import annotations

import re
from typing import Optional

from ingest.numerals import cn_to_int

# one pattern per marker style; group "n" holds the number
_STYLES = [
    re.compile(r"[（(]\s*(?P<n>\d{1,2})\s*[）)]"),
    re.compile(r"[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]"),
    re.compile(r"(?P<n>\d{1,2})\s*[.．、](?![\d.．])"),
    re.compile(r"(?P<n>[一二三四五六七八九十]{1,3})、"),
    re.compile(r"(?P<n>\d{1,2})[）)]"),
    re.compile(r"(?P<n>[\u2460-\u2473])"),
]
_ENDS = "。；;！？"
_BRACKETED = 2     # the first styles: "（3）" is a marker wherever it stands


def _value(m: re.Match) -> Optional[int]:
    n = m.group("n")
    return ord(n) - 0x245F if "\u2460" <= n <= "\u2473" else cn_to_int(n)


def split_items(text: str) -> list[int]:
    """Offsets in ``text`` where a new numbered item starts (0 first when it opens with one)."""
    for n, style in enumerate(_STYLES):
        m = style.match(text)
        if m:
            cuts = _cuts(text, style, _value(m), bracketed=n < _BRACKETED)
            return [0] + cuts if cuts else []
    return []


def _cuts(text: str, style: re.Pattern, last: Optional[int], bracketed: bool) -> list[int]:
    if last is None:
        return []
    cuts = []
    for m in style.finditer(text):
        if m.start() == 0:
            continue
        ender = text[:m.start()].rstrip()[-1:]
        if _value(m) == last + 1 and (ender in _ENDS or bracketed):
            cuts.append(m.start())
            last += 1
    return cuts
