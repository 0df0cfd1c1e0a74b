"""Citations: the 《…》 titles a clause cites, normalised and linked to corpus documents.

Normalisation: whitespace removed, ASCII brackets made full-width (刑法修正案(十一) ->
刑法修正案（十一）). Linking ignores a leading 中华人民共和国, so 《安全生产法》 and
《中华人民共和国安全生产法》 reach the same document; a linked citation takes the
corpus document's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

METHOD = "brackets:v1"
_STATE_PREFIX = "中华人民共和国"
_SPACE = re.compile(r"\s+")


@dataclass
class TitleMatch:
    surface: str          # as written, with 《》
    title: str            # normalised, without 《》
    span: tuple[int, int]


def normalise_title(title: str) -> str:
    title = _SPACE.sub("", title).strip("《》")
    return title.replace("(", "（").replace(")", "）").replace("\u201c", "“").replace('"', "“")


def link_key(title: str) -> str:
    """The key two spellings of one title share: no 中华人民共和国, no quotes."""
    key = normalise_title(title)
    if key.startswith(_STATE_PREFIX) and len(key) > len(_STATE_PREFIX) + 1:
        key = key[len(_STATE_PREFIX):]
    return re.sub(r"[“”\"'‘’]", "", key)


def find_titles(text: str) -> list[TitleMatch]:
    """Outermost 《…》 titles; a title nested in another (《上海市实施《…》办法》) is part of it."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                surface = text[start:i + 1]
                title = normalise_title(surface[1:-1])
                if title:
                    found.append(TitleMatch(surface, title, (start, i + 1)))
    return found


def title_index(corpus_titles: Optional[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """link_key -> (document id, title as the corpus spells it)."""
    return {link_key(t): (doc_id, normalise_title(t)) for t, doc_id in (corpus_titles or {}).items()}


def resolve(title: str, index: dict[str, tuple[str, str]]) -> tuple[Optional[str], str]:
    """(document id or None, title to record) for a normalised cited title."""
    hit = index.get(link_key(title))
    return (hit[0], hit[1]) if hit else (None, title)
