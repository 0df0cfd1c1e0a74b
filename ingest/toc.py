"""Tables of contents: dropped, so that their entries never become a second skeleton.

A table of contents is recognised by its form, not by where it stands:
* a line with dot leaders and a page number ("2.1 市防汛抗旱指挥部.. . 15", "第二节 重建原则.. 4
  第三节 重建目标...") or the word 目录 alone;
* a run of heading-only lines (short, no sentence end) whose entries come back later as the
  real skeleton: the run ends where its first entry is repeated ("1 总则 … 9.3 发布实施" then
  "1 总则" again with its text), and most of its entries must be found again after it.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

# dot leaders ending the entry or followed by its page number; or one dot before a page number
_LEADER = re.compile(r"(?:[.．·•…]\s*){2,}\s*(?:\d{1,3}|$)|(?<=[\u4e00-\u9fff）)])[.．…]\s*\d{1,3}\s*(?=$|第|\d)")
_BULLET = re.compile(r"^[•●○◆◇■□▪▸►·\-*\s]+")
_TOC_WORD = re.compile(r"^目\s*录$")
_SENTENCE = re.compile(r"[。；！？]")
MAX_ENTRY = 60
MIN_RUN = 4
MIN_FOUND_AGAIN = 0.6


def key(text: str) -> str:
    """An entry as it would read as a heading: no bullets, leaders, page numbers or spaces."""
    text = _BULLET.sub("", text)
    text = _LEADER.split(text)[0]
    return re.sub(r"[\s.．、]+", "", text)


def is_leader_line(text: str) -> bool:
    return bool(_LEADER.search(text)) and not _SENTENCE.search(text) and len(text) <= 2 * MAX_ENTRY


def _entry_like(text: str) -> bool:
    return is_leader_line(text) or (len(text) <= MAX_ENTRY and not _SENTENCE.search(text)
                                    and not text.rstrip().endswith(("：", ":")))


def toc_indexes(texts: Sequence[str]) -> set[int]:
    """Indexes of ``texts`` (the paragraphs of a document, tables as None) that belong to a
    table of contents."""
    drop = {i for i, t in enumerate(texts) if t is not None and (
        _TOC_WORD.match(t.strip()) or is_leader_line(t))}
    i = 0
    while i < len(texts):
        if texts[i] is None or not _entry_like(texts[i]):
            i += 1
            continue
        j = i
        while j < len(texts) and texts[j] is not None and _entry_like(texts[j]):
            j += 1
        drop |= _repeated_run(texts, i, j)
        i = j
    return drop


def _repeated_run(texts: Sequence[str], start: int, end: int) -> set[int]:
    """Within the run texts[start:end]: the entries before the first one that repeats an
    earlier entry of the run, when they are a table of contents of what follows."""
    seen: dict[str, int] = {}
    for k in range(start, end):
        kk = key(texts[k])
        if kk and kk in seen:
            first = seen[kk]
            if k - first < MIN_RUN:
                return set()
            later = {key(t) for t in texts[k:] if t is not None}
            entries = [key(texts[n]) for n in range(first, k) if key(texts[n])]
            found = sum(1 for e in entries if e in later)
            return set(range(first, k)) if found >= MIN_FOUND_AGAIN * len(entries) else set()
        if kk:
            seen.setdefault(kk, k)
    return set()


def drop_toc(items: list, text_of: Callable[[object], object]) -> list:
    """``items`` without those that belong to a table of contents (``text_of`` gives an
    item's text, or None for a table)."""
    drop = toc_indexes([text_of(item) for item in items])
    return [item for n, item in enumerate(items) if n not in drop]
