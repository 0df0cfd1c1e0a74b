"""Traditional-character copies read as simplified.

Mainland documents reach users as traditional-character copies too (news mirrors, sites with a
繁體 button, re-posts): "到2025年，消防站覆蓋率達到100%" holds none of the words the lexicons,
grammars and questions are written in (達到, 不少於, 應急管理局). Such a text is converted to
simplified characters before cleaning, with OpenCC's t2s dictionaries (characters and phrases),
so that it is read, searched and answered as any other; the source file itself is untouched. A question
or a search query written so is converted as well (``simplified_query``).

A text is a traditional copy when a tenth of its Han characters or more have a different
simplified form (the traditional copies seen run at 27–37 %; simplified laws and plans at 0.15 %
at most: 乾, 於 in names and old terms). A simplified text is returned as it is.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from ingest.readers import RawDocument

TRADITIONAL_SHARE = 0.1
_MIN_CHANGED = 20          # a short text needs this many traditional characters to be called a copy


_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter():
    import opencc        # imported on first use (~10 ms): the check reads its dictionary too
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _has_simplified_form(char: str) -> bool:
    return _converter().convert(char) != char


def is_traditional(text: str, at_least: int = _MIN_CHANGED) -> bool:
    """A tenth of the text's Han characters or more, and ``at_least`` of them, are traditional forms."""
    changed = {c for c in set(text) if _HAN.match(c) and _has_simplified_form(c)}
    traditional = sum(text.count(c) for c in changed)
    if traditional < at_least:
        return False          # (most texts: one pass over their distinct characters, no count of the rest)
    return traditional >= TRADITIONAL_SHARE * len(_HAN.findall(text))


def simplified_query(text: str) -> str:
    """A question or query written in traditional characters ("燃氣安全歸哪個部門管？"), in simplified ones;
    a simplified one as it is. (Two traditional forms suffice: a question is short.)"""
    return to_simplified(text) if is_traditional(text, at_least=2) else text


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def simplified_copy(raw: RawDocument) -> RawDocument:
    """The document with its text, title and table cells in simplified characters when it is a
    traditional copy (judged on its text and cells together), else the document itself."""
    whole = "\n".join([raw.text, *("\t".join(row) for table in raw.tables for row in table.rows)])
    if not is_traditional(whole):
        return raw
    tables = [dataclasses.replace(t, rows=[[to_simplified(cell) for cell in row] for row in t.rows])
              for t in raw.tables]
    return dataclasses.replace(raw, text=to_simplified(raw.text), tables=tables,
                               title=to_simplified(raw.title) if raw.title else raw.title)
