"""Citations: the 《…》 titles a clause cites, normalised and linked to corpus documents.

Normalisation: whitespace removed, ASCII brackets made full-width; a national law cited
by its short name gets its official title (《安全生产法》 -> 中华人民共和国安全生产法,
刑法修正案（十一） -> 中华人民共和国刑法修正案（十一）), local titles stay as written.
Linking ignores a leading 中华人民共和国; a linked citation takes the corpus document's title.
Names of media columns and magazines (《安全视界》等专题专栏) are not documents.
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


# A title that starts with a place or body is local ("江苏省安全生产条例", "上海市实施《…》办法").
_LOCAL = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|州|自治区|特别行政区)|^国务院|^应急管理部")
# A national statute by its short name: "安全生产法", "刑法", "刑法修正案（十一）".
_SHORT_LAW = re.compile(r"^[\u4e00-\u9fff]{1,20}法(?:修正案(?:（[一二三四五六七八九十]+）)?)?$")
# A law amendment written without 《》: "严格落实刑法修正案（十一）"; the verbs before it are cut off.
_BARE_AMENDMENT = re.compile(r"[\u4e00-\u9fff]{1,8}法修正案（[一二三四五六七八九十]+）")
_VERB_BEFORE = re.compile(r".*(?:落实|执行|贯彻|学习|严格|依据|按照|根据|宣传|实施|遵守)")
# What follows a run of titles that names media, not documents.
_MEDIA_AFTER = re.compile(r"^[、和及等]{0,2}[\u4e00-\u9fff]{0,4}(?:专栏|栏目|杂志|月刊|周刊|节目|频道|公众号|报刊)")


def normalise_title(title: str) -> str:
    title = _SPACE.sub("", title).strip("《》")
    title = title.replace("(", "（").replace(")", "）").replace("\u201c", "“").replace('"', "“")
    if _SHORT_LAW.match(title) and not title.startswith(_STATE_PREFIX) and not _LOCAL.match(title) \
            and "办法" not in title[-2:]:
        title = _STATE_PREFIX + title
    return title


def link_key(title: str) -> str:
    """The key two spellings of one title share: no 中华人民共和国, no quotes."""
    key = normalise_title(title)
    if key.startswith(_STATE_PREFIX) and len(key) > len(_STATE_PREFIX) + 1:
        key = key[len(_STATE_PREFIX):]
    return re.sub(r"[“”\"'‘’]", "", key)


def find_titles(text: str) -> list[TitleMatch]:
    """Documents a text cites: outermost 《…》 titles (a title nested in another, 《上海市实施
    《…》办法》, is part of it) and bare law amendments; media names are left out."""
    if "《" not in text and "修正案" not in text:
        return []                                       # most clauses: neither a title nor an amendment
    found = [t for run in _title_runs(text) for t in run]
    # every amendment holds 修正案: one substring test spares the pattern's backtracking over the
    # Chinese run before it at each character of the clause
    for m in _BARE_AMENDMENT.finditer(text) if "修正案" in text else ():
        verbs = _VERB_BEFORE.match(m.group())
        start = m.start() + (verbs.end() if verbs else 0)
        if not any(t.span[0] <= start < t.span[1] for t in found):
            found.append(TitleMatch(text[start:m.end()], normalise_title(text[start:m.end()]), (start, m.end())))
    unique = {}
    for t in sorted(found, key=lambda t: t.span):
        unique.setdefault(t.title, t)                   # one citation per title per text
    return list(unique.values())


def _title_runs(text: str) -> list[list[TitleMatch]]:
    """Consecutive titles ("《A》《B》、《C》") grouped, runs followed by 专栏/杂志… dropped."""
    runs: list[list[TitleMatch]] = []
    for t in _bracketed(text):
        if runs and re.fullmatch(r"[、，和及]?", text[runs[-1][-1].span[1]:t.span[0]]):
            runs[-1].append(t)
        else:
            runs.append([t])
    return [run for run in runs if not _MEDIA_AFTER.match(text[run[-1].span[1]:])]


def _bracketed(text: str) -> list[TitleMatch]:
    if "《" not in text:
        return []                                       # most clauses: no character-by-character scan
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
