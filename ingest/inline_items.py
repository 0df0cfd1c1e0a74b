"""Numbered items written one after another in one paragraph ("（1）死亡30人以上。（2）紧急
转移安置10万人以上。", "1．市政府…工作。2．市应急管理局…") become one block each.

A paragraph that opens with a marker is split where, after the end of a sentence (。；…),
* the next marker of the same style follows ("（2）" after "（1）"; a bracketed marker needs
  no punctuation before it: converters drop it);
* a bracketed or circled marker continues the numbering the document was at before this
  paragraph ("…16．其它单位做好工作。（3）基础设施恢复1．…" while "（2）" was the last
  （n）): the list this paragraph belongs to goes on;
* a first item is glued to a short heading ("（3）基础设施恢复1．…", "（2）规划协调性分析①…").
After a lead-in, items are split only when each is a sentence group of its own ("分为三级：
①…。②…"); "规划原则：（1）…；（2）…" is a list inside one sentence and stays.
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
_ANY = re.compile("|".join(f"(?P<s{n}>{p.pattern.replace('?P<n>', '')})" for n, p in enumerate(_STYLES)))
_ENDS = "。；;！？"
_BRACKETED = (0, 1)          # "（3）" is a marker wherever it stands
_DISTINCT = (0, 1, 5)        # bracketed and circled markers never occur inside words
_RUN_ON = (0, 1, 2, 5)       # styles that may open a list glued to its heading ("恢复1．")
_PUNCT = re.compile(r"[，。；：、,;:！？]")
MAX_RUN_ON_HEADING = 20


def _style_value(m: re.Match) -> tuple[int, Optional[int]]:
    style = int(m.lastgroup[1:])
    inner = _STYLES[style].match(m.group())
    n = inner.group("n")
    return style, (ord(n) - 0x245F if "\u2460" <= n <= "\u2473" else cn_to_int(n))


def opening(text: str) -> Optional[tuple[int, Optional[int]]]:
    """(style, value) of the marker ``text`` opens with, else None."""
    m = _ANY.match(text)
    return _style_value(m) if m else None


def split_items(text: str, context: Optional[dict[int, int]] = None) -> list[int]:
    """Offsets in ``text`` where a new numbered item starts (0 first when it opens with one).
    ``context``: the last number seen per style in the paragraphs before this one."""
    first = opening(text)
    if first is None:
        return _after_lead_in(text)
    context = context or {}
    style, last = first
    cuts = [0]
    start = _ANY.match(text).end()       # where the text of the current item begins
    for m in _ANY.finditer(text, start):
        s, v = _style_value(m)
        if v is None:
            continue
        ender = text[:m.start()].rstrip()[-1:]
        label = text[start:m.start()].strip()
        if s == style and last is not None and v == last + 1 and (ender in _ENDS or s in _BRACKETED):
            pass
        elif s != style and s in _DISTINCT and v == context.get(s, 0) + 1 and ender in _ENDS:
            context = {**context, s: v}
        elif s != style and s in _RUN_ON and v == 1 and _heading_like(label):
            pass
        else:
            continue
        cuts.append(m.start())
        style, last, start = s, v, m.end()
    return cuts if len(cuts) > 1 else []


def _heading_like(label: str) -> bool:
    balanced = label.count("（") + label.count("(") == label.count("）") + label.count(")")
    return 2 <= len(label) <= MAX_RUN_ON_HEADING and balanced and not _PUNCT.search(label)


def _after_lead_in(text: str) -> list[int]:
    """Items after a lead-in that are sentence groups of their own: each after a full stop."""
    for style in _STYLES:
        first = next((m for m in style.finditer(text) if _value(style, m) == 1
                      and text[:m.start()].rstrip()[-1:] in "：:"), None)
        if first is None:
            continue
        cuts, last = [first.start()], 1
        for m in style.finditer(text, first.end()):
            if _value(style, m) != last + 1:
                continue
            if text[:m.start()].rstrip()[-1:] not in "。！？":
                return []
            cuts.append(m.start())
            last += 1
        return cuts if len(cuts) > 1 else []
    return []


def _value(style: re.Pattern, m: re.Match) -> Optional[int]:
    n = m.group("n")
    return ord(n) - 0x245F if "\u2460" <= n <= "\u2473" else cn_to_int(n)
