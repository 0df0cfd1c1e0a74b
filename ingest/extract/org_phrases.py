"""Generic organisation phrases: bodies the gazetteer does not list.

A phrase ends in an organisation head (企业, 单位, 队伍, 委员会, 协会, 力量 …, from
ontology/actors.toml [generic]) and extends left over the words that qualify it, stopping
at verbs, prepositions, conjunctions, particles and numbers ("依托|龙头企业",
"推进|化工生产企业"). Leading scope words are dropped (各类, 全区 …); a local prefix scopes
a public body to the plan's region (区级综合应急救援队伍 -> 吴江区综合应急救援队伍); a body
that only qualifies a document or system ("企业预案") is not an actor; "X和Y单位" names
two bodies (化工单位, 危险化学品单位).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import jieba.posseg
from spacy.tokens import Doc

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.tasks import ADVERBS, VERBS

# Part-of-speech tags (jieba's dictionary) that cannot be inside an organisation's name.
_STOP_TAGS = {"p", "c", "u", "uj", "ud", "ul", "uz", "ug", "uv", "d", "ad", "vd", "r", "m", "q", "mq", "y", "e"}
# Verbs that govern a body ("督促企业…", "依托龙头企业"); the task verbs stop a phrase too.
_GOVERNING = {"督促", "推动", "推进", "依托", "鼓励", "支持", "引导", "指导", "强化", "加强", "建强", "组建", "设立",
              "打造", "落实", "压实", "压紧", "实施", "开展", "调整", "厘清", "列入", "签订", "加大", "发挥", "完善",
              "建立", "健全", "要求", "监督检查", "检查", "聚焦", "明确", "培育", "扶持", "对接", "联合", "协同",
              "依法", "严格", "全面", "深入", "持续", "进一步", "有序", "积极", "统筹", "做好", "向", "成立", "组织",
              "配合", "参与", "会同", "协助", "牵头", "负责", "按照", "根据", "通过", "包括", "纳入", "到", "实现"}
# Words that are verbs elsewhere but qualify bodies here ("重点行业企业", "培训机构", "战勤保障中队").
_QUALIFIERS = {"重点", "保障", "服务", "培训", "管理", "监管", "执法", "救援", "宣传", "生产", "运输"}
# A collective after a list ("等多个专项应急指挥部") sums up bodies already named.
_COLLECTIVE_BEFORE = ("多个", "若干", "一批", "多家", "多支")
_VERB_SUFFIXES = tuple(v for v in VERBS if len(v) >= 2)
_SENTENCE_PUNCT = set("，。；：、,;:！？")
_CONJ = {"和", "及", "与", "、", "或", "以及"}
_MAX_CHARS = 16


@dataclass
class OrgPhrase:
    surface: str            # as written (scope words included)
    name: str               # canonical name
    kind: str
    region: Optional[str]
    span: tuple[int, int]   # char span in the clause
    tokens: tuple[int, int]  # token span [start, end)


@lru_cache(maxsize=1)
def _scope() -> frozenset[str]:
    return frozenset(load_gazetteer().generic.get("scope_words", []))


@lru_cache(maxsize=1)
def _pos() -> dict[str, str]:
    jieba.posseg.dt.tokenizer.initialize()
    return jieba.posseg.dt.word_tag_tab


def _stops(word: str) -> bool:
    if word in _QUALIFIERS:
        return False
    if word in VERBS or word in ADVERBS or word in _GOVERNING or word in _CONJ:
        return True
    if len(word) > 2 and word.endswith(_VERB_SUFFIXES):      # "全面实施"
        return True
    if word.isdigit() or not any("\u4e00" <= ch <= "\u9fff" or ch in "（）" for ch in word):
        return word not in ("（", "）")
    return _pos().get(word) in _STOP_TAGS


def _head_at(doc: Doc, end: int, heads: list[str]) -> Optional[tuple[int, str]]:
    """(first token, head) of an organisation head ending with token ``end-1``; the head
    may be the tail of a longer word ("行业协会", "理工学院")."""
    text_end = doc[end - 1].idx + len(doc[end - 1].text)
    for head in heads:                                  # longest first
        start_char = text_end - len(head)
        if start_char >= 0 and doc.text[start_char:text_end] == head:
            k = end - 1
            while doc[k].idx > start_char:
                k -= 1
            return k, head
    return None


def qualifies_document(doc: Doc, end: int) -> bool:
    """'企业预案', '化工企业安全管理信息平台', '…维修中心建设标准': the body only qualifies
    the document or system that follows (up to a verb, a conjunction or another body)."""
    generic = load_gazetteer().generic
    document_nouns = tuple(generic.get("document_nouns", []))
    heads = sorted(generic.get("heads", []), key=len, reverse=True)
    for tok in doc[end:end + 5]:
        if tok.text.endswith(document_nouns):
            return True
        if tok.text == "和":
            continue                                    # "企业安全生产技术和管理团队"
        if (tok.is_punct or tok.text in _GOVERNING or tok.text in _CONJ or tok.text in ADVERBS
                or (tok.text in VERBS and tok.text not in _QUALIFIERS and tok.text != "建设")
                or _pos().get(tok.text) == "v" or _head_at(doc, tok.i + 1, heads)):
            return False
    return False


def inside_title(doc: Doc, i: int) -> bool:
    before = doc[:i].text
    return before.rfind("《") > before.rfind("》")


def _left_edge(doc: Doc, start: int, taken: set[int]) -> int:
    j, depth = start, 0
    while j > 0:
        tok = doc[j - 1]
        if (j - 1) in taken:
            break
        if re.search(r"(?:行业|领域)$", tok.text) and j - 1 < start - 1:
            break                                       # "工贸行业|危险化学品使用单位"
        if tok.text == "）":
            depth += 1
        elif tok.text == "（":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and tok.text in _scope():
            j -= 1                                      # "相关部门": the scope word closes the phrase
            break
        elif depth == 0 and _stops(tok.text):
            break
        elif tok.text in _QUALIFIERS and (j - 2 < 0 or doc[j - 2].text in _SENTENCE_PUNCT):
            break                                       # "，保障社会力量…": a verb opening the phrase
        if doc[start].idx + 0 - tok.idx > _MAX_CHARS:
            break
        j -= 1
    while j < start and doc[j].text in ("（", "）"):
        j += 1
    return j


def _strip_scope(words: list[str], scope: list[str], head: str, bare: set[str]) -> list[str]:
    """Drop leading scope words, unless that leaves a bare head ("相关部门" stays)."""
    while len(words) > 1 and words[0] in scope and ("".join(words[1:]) != head or head in bare):
        words = words[1:]
    return words


def _canonical(words: list[str], head: str, region: Optional[str], enterprise: bool
               ) -> Optional[tuple[str, Optional[str]]]:
    gaz = load_gazetteer()
    scope = gaz.generic.get("scope_words", [])
    bare = set(gaz.generic.get("bare_heads", []))
    words = _strip_scope(words, scope, head, bare)
    local = None
    words = [w for w in words if w]
    if (words[0] in ("区", "区级", "市", "市级", "县", "县级") or words[0] == region) and len(words) > 1:
        local, words = words[0], _strip_scope(words[1:], scope, head, bare)
    text = "".join(words)
    if (text == head and head not in bare) or text.endswith(tuple(gaz.generic.get("not_actors", []))):
        return None                                     # a bare "部门"/"单位" names nobody
    if head == "部门" and ("跨" in text or text.startswith("多")):
        return None                                     # "跨部门", "多部门" in slogans
    if text in ("各" + head, "各级" + head):
        return None                                     # "各部门": every body, none in particular
    if text in gaz.by_surface:
        return gaz.by_surface[text].name, None
    if local and not enterprise and region and (local == region or region.endswith(local[0])):
        return region + text, region
    return text, None


def org_phrases(doc: Doc, taken: set[int], region: Optional[str]) -> list[OrgPhrase]:
    """Organisation phrases in ``doc`` outside the tokens ``taken`` by gazetteer entities."""
    gaz = load_gazetteer()
    heads = sorted(gaz.generic.get("heads", []), key=len, reverse=True)
    enterprise_heads = set(gaz.generic.get("enterprise_heads", []))
    found: list[OrgPhrase] = []
    used: set[int] = set(taken)
    for end in range(len(doc), 0, -1):                 # right to left: phrases do not overlap
        if (end - 1) in used:
            continue
        found_head = _head_at(doc, end, heads)
        if found_head is None:
            continue
        h, head = found_head
        if any(i in used for i in range(h, end)) or inside_title(doc, h):
            continue
        if end < len(doc) and qualifies_document(doc, end):
            continue
        start = _left_edge(doc, h, used)
        if doc[:start].text.endswith(_COLLECTIVE_BEFORE):
            continue
        words = [t.text for t in doc[start:end]]
        if region and doc[:start].text.endswith(region):
            words = [region] + words                    # "对吴江区现有消防维修中心…"
        enterprise = head in enterprise_heads
        canon = _canonical(words, head, region, enterprise)
        if canon is None:
            continue
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        found.append(OrgPhrase(doc.text[span[0]:span[1]], canon[0], "enterprise" if enterprise else "organisation",
                               canon[1], span, (start, end)))
        used.update(range(start, end))
        found += _shared_head(doc, start, end, head, region, enterprise, used)
    return sorted(found, key=lambda p: p.span)


def _shared_head(doc: Doc, start: int, end: int, head: str, region: Optional[str], enterprise: bool,
                 used: set[int]) -> list[OrgPhrase]:
    """'专职和兼职消防队伍': the word before 和 shares the phrase's head (专职消防队伍)."""
    if start < 2 or doc[start - 1].text not in ("和", "及") or end - start < 2:
        return []
    x = doc[start - 2]
    if (start - 2) in used or _stops(x.text) or x.is_punct or any(x.text.endswith(h) for h in (head,)):
        return []
    shared = [t.text for t in doc[start + 1:end]]
    canon = _canonical([x.text] + shared, head, region, enterprise)
    if canon is None:
        return []
    used.add(start - 2)
    return [OrgPhrase(x.text, canon[0], "enterprise" if enterprise else "organisation", canon[1],
                      (x.idx, x.idx + len(x.text)), (start - 2, start - 1))]
