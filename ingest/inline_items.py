"""Numbered items written one after another in one paragraph ("（1）死亡30人以上。（2）紧急
转移安置10万人以上。", "1．市政府…工作。2．市应急管理局…") become one block each.

A paragraph that opens with a marker is split at each later marker of the same style
numbered one more than the last ("（2）" after "（1）"), where a sentence has ended before it
(。；…; a bracketed marker "（3）" needs no punctuation before it: converters drop it), and
before a first sub-item glued to its short heading ("（2）规划协调性分析① 与…"). After a
lead-in, items are split only when each is a sentence group of its own ("分为三级：①…。②…");
"规划原则：（1）…；（2）…" is a list inside one sentence and stays.
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
_DISTINCT = (0, 1, 5)   # bracketed and circled markers
_PUNCT = re.compile(r"[，。；：、,;:！？]")
MAX_RUN_ON_HEADING = 20


def _value(m: re.Match) -> Optional[int]:
    n = m.group("n")
    return ord(n) - 0x245F if "\u2460" <= n <= "\u2473" else cn_to_int(n)


def split_items(text: str) -> list[int]:
    """Offsets in ``text`` where a new numbered item starts (0 first when it opens with one)."""
    for n, style in enumerate(_STYLES):
        m = style.match(text)
        if m:
            sub = _run_on_first_item(text, m.end())
            if sub is not None:     # "（2）规划协调性分析① 与…": a heading and its first sub-item
                sub_style, at = sub
                return [0, at] + _cuts(text, _STYLES[sub_style], 1, sub_style < _BRACKETED, at + 1)
            cuts = _cuts(text, style, _value(m), n < _BRACKETED, 1)
            return [0] + cuts if cuts else []
    return _after_lead_in(text)


def _cuts(text: str, style: re.Pattern, last: Optional[int], bracketed: bool, start: int) -> list[int]:
    if last is None:
        return []
    cuts = []
    for m in style.finditer(text, start):
        ender = text[:m.start()].rstrip()[-1:]
        if _value(m) == last + 1 and (ender in _ENDS or bracketed):
            cuts.append(m.start())
            last += 1
    return cuts


def _run_on_first_item(text: str, after: int) -> Optional[tuple[int, int]]:
    """(style, offset) of a first item glued to a short heading ("（2）规划协调性分析①…"): only
    markers that never occur inside words (bracketed or circled; "第一、" is no marker)."""
    for n, style in enumerate(_STYLES):
        if n not in _DISTINCT:
            continue
        for m in style.finditer(text, after, after + MAX_RUN_ON_HEADING + 3):
            label = text[after:m.start()].strip()
            balanced = label.count("（") + label.count("(") == label.count("）") + label.count(")")
            if _value(m) == 1 and 2 <= len(label) <= MAX_RUN_ON_HEADING and not _PUNCT.search(label) \
                    and balanced and not style.match(text):
                return n, m.start()
    return None


def _after_lead_in(text: str) -> list[int]:
    """Items after a lead-in that are sentence groups of their own ("分为三级：①…。②…。③…"):
    each one after a full stop. Items separated by ；are a list inside one sentence and stay."""
    for style in _STYLES:
        first = next((m for m in style.finditer(text) if _value(m) == 1
                      and text[:m.start()].rstrip()[-1:] in "：:"), None)
        if first is None:
            continue
        cuts, last = [first.start()], 1
        for m in style.finditer(text, first.end()):
            if _value(m) != last + 1:
                continue
            if text[:m.start()].rstrip()[-1:] not in "。！？":
                return []
            cuts.append(m.start())
            last += 1
        return cuts if len(cuts) > 1 else []
    return []
