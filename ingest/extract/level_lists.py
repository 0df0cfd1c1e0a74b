"""Lists of administrative levels sharing one government: "省、自治区、直辖市人民政府",
"市、县级人民政府", "市和区、县人民政府有关部门", "省（区、市）、市（地、州、盟）人民政府" name one body
per level.

jieba cuts such lists anywhere ("直辖|市人民政府"), so the phrase found by its head holds only
part of the list, or all of it as one name ("市、县级人民政府"). The list is read from the
clause's characters: each level takes the 级 written after the last one and what follows
(人民政府, 人民政府有关部门). A level written with its alternatives in brackets is one item
("省（区、市）"); a list closed by a level with one alternative ("区、县（市）人民政府") is one
category of governments and stays whole (see ingest.extract.org_phrases).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.extract.names import SCOPE, SITUATION
from ingest.extract.nlp import Words

_GOVERNMENT = re.compile(r"(?:人民)?政府$")
_PLACE_OF = re.compile(r"^(?:所在地|事发地)")

_LEVELS = "设区的市|自治区|直辖市|自治州|自治县|省|市|县|区|乡镇|乡|镇|州|盟|旗"
_LEVEL = f"(?:{_LEVELS})"
# a level with its alternatives ("省（区、市）", "市（地、州、盟）"; 地 only there) is one item of a list
_ALTERNATIVE = f"(?:{_LEVELS}|地)"
_ITEM = rf"{_LEVEL}(?:[（(]{_ALTERNATIVE}(?:、{_ALTERNATIVE})+[）)])?"
# (before the last item, one alternative is enough: "县（市）、区政府" are the counties' (cities') and the districts')
_EARLIER_ITEM = rf"{_LEVEL}(?:[（(]{_ALTERNATIVE}(?:、{_ALTERNATIVE})*[）)])?"
# the list ends where a government's name goes on; it starts after punctuation or a function
# word, never inside a longer word ("城市、县" is no list of levels)
# … or each level's department of a field ("区、县林业行政主管部门": the districts' and the counties')
# (a field's name, not one more level, a government nor 直: "市和区县人民政府有关部门", "县（市、区）、市直有关部门")
_DEPARTMENT_HEADS = "部门|机构|机关"
_DEPARTMENT_AFTER = rf"(?![省市县区乡镇州盟旗直])(?:(?!政府|的)[\u4e00-\u9fff]){{2,14}}?(?:{_DEPARTMENT_HEADS})"
_DEPARTMENT = re.compile(_DEPARTMENT_HEADS)
_LEVEL_LIST = re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[各的和及与或由对向经在])|(?<=所在地)|(?<=事发地)|(?<=当地)|(?<=属地))各?"
                         rf"((?:{_EARLIER_ITEM}(?:或者|[、和及或])){{1,12}}{_ITEM})(级)?(?=(?:人民)?政府|{_DEPARTMENT_AFTER})"
                         # levels counted ("县、乡镇两级政府", "省市县三级人民政府"): the list says how many
                         # governments, each level's own (the count is no 级 of theirs)
                         rf"|(?:(?<![\u4e00-\u9fff])|(?<=[各的和及与或由对向经在]))"
                         # (atomic: 乡镇 is one level or two, and trying both splits of each would be exponential)
                         rf"((?>{_LEVEL}(?:[、和及]?{_LEVEL}){{1,6}}))[两三四五]级(?=(?:人民)?政府)")


_PROVINCES_BODY = re.compile(r"(省、自治区、直辖市)(?!人民政府|政府|范围|行政区域|区域|人民代表大会|的|，|。|、)"
                             r"(?=[^，。；、的]{2,12}?(?:机构|部门|机关))")


def _name_after_scope(text: str, start: int) -> int:
    """Where a body's name starts after its situation and scope words ("灾区|各|市、县级…")."""
    for words in (SITUATION, _PLACE_OF, SCOPE):
        m = words.match(text[start:start + 12])      # (anchored patterns: a slice, not pos=)
        start += m.end() if m else 0
    return start


def split_level_lists(w: Words, phrases: list) -> list:
    """``phrases`` (OrgPhrase) with each phrase that ends a list of levels replaced by one
    phrase per level, sharing the list's span and tokens (so that its role is read once and
    ingest.extract.actors keeps them all)."""
    provinces = "省、自治区、直辖市" in w.text
    if "政府" not in w.text and not provinces and not _DEPARTMENT.search(w.text):
        return phrases
    # (a counted list names each level's government in full: "县、乡镇两级政府" → 乡镇人民政府)
    lists = [(m.start(1), m.end(), m.group(1), m.group(2) or "", m.start(), False) if m.group(1) else
             (m.start(3), m.end(), m.group(3), "", m.start(), True) for m in _LEVEL_LIST.finditer(w.text)]
    if provinces:                       # the provinces' own bodies: "省、自治区、直辖市公路管理机构"
        lists += [(m.start(1), m.end(1), m.group(1), "", m.start(), False) for m in _PROVINCES_BODY.finditer(w.text)]
    if not lists:
        return phrases
    splits = {}
    for p in phrases:
        # the body's name (its core, without scope words: "灾区|各市、县级人民政府") starts the list
        # or inside it; a body named after a government's act keeps its own name ("县级人民政府
        # 确定的|房屋征收部门")
        core_start = _name_after_scope(w.text, p.span[1] - len(p.core) if p.surface.endswith(p.core) else p.span[0])
        # (or right after it: "市（地、州、盟）|人民政府", the bracket ends the phrase found by its head)
        hit = next((x for x in lists if x[0] <= core_start <= x[1] < p.span[1]), None)
        if hit is not None:
            splits[id(p)] = hit
    if not splits:
        return phrases
    # the enumeration's own items inside a list that is split ("省、自治区" of "省、自治区、直辖市…")
    inside = {(p.group, x[0], x[1]) for p in phrases if id(p) in splits for x in [splits[id(p)]]}
    out = []
    for p in phrases:
        hit = splits.get(id(p))
        if hit is None:
            if not any(g == p.group and a <= p.span[0] and p.span[1] <= b for g, a, b in inside):
                out.append(p)
            continue
        start, end, levels, grade, written, counted = hit
        rest = w.text[end:p.span[1]]
        if counted and rest.startswith("政府"):
            rest = "人民" + rest
        tokens = (min(w.word_at(start), p.tokens[0]), p.tokens[1])
        span = (min(written, p.span[0]), p.span[1])        # with its 各: "和|各省、…" is list glue
        for level in re.findall(_EARLIER_ITEM, levels):
            name = level + (grade if level != "设区的市" else "") + rest     # (设区的市人民政府, no 级)
            government = _GOVERNMENT.search(name)
            head = government.group(0) if government and (p.gazetteer or not name.endswith(p.head)) else p.head
            out.append(replace(p, surface=w.text[span[0]:span[1]], core=name, head=head, span=span, tokens=tokens,
                               gazetteer=None))
    return out
