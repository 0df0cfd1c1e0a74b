"""Attachments (附件) after the body of a document: where they start.

A 公文 lists its attachments at the end of the body ("附件：1.衡阳市水旱灾害应急响应分级
标准2.衡阳市主要河流特征水位统计表…", "附件: 广东省减灾委员会…职责") and then appends them.
An attachment starts at a label line on its own ("附件", "附件 1", "附件2：", and the statutes'
"附：", "附表", "附录") or at a heading
line that repeats a title the list announced. Attachments are documents of their own: their
numbering restarts and is not part of the body's outline.
"""

from __future__ import annotations

import re
from typing import Optional

_LABEL = re.compile(r"^附\s*(?:([件表录])\s*(\d{0,2})\s*[：:]?|[：:])\s*$")
_LIST = re.compile(r"^附\s*件\s*[：:]\s*(.+)$")
_LIST_ITEM = re.compile(r"(?:^|(?<=[^\d]))\d{1,2}\s*[.．、]\s*")
MAX_TITLE = 60


def announced_titles(text: str) -> list[str]:
    """The attachment titles a "附件：…" line lists (none for any other line)."""
    m = _LIST.match(text.strip())
    if not m:
        return []
    titles = [_key(t) for t in _LIST_ITEM.split(m.group(1)) if t.strip()]
    return [t for t in titles if t]


def annex_start(text: str, announced: set[str]) -> Optional[str]:
    """The label or title of the attachment that ``text`` opens, else None."""
    text = text.strip()
    m = _LABEL.match(text)
    if m:
        return f"附{m.group(1) or '件'}{m.group(2) or ''}"
    if len(text) <= MAX_TITLE and _key(text) in announced:
        return text
    return None


def _key(text: str) -> str:
    return re.sub(r"[\s。；，]+$", "", re.sub(r"\s+", "", text))
