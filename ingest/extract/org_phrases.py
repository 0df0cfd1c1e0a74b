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

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.nlp import Words
from ingest.extract.lexicon import ADVERBS, VERBS
from ingest.segmenter import word_tags

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
def _sorted_heads() -> list[str]:
    return sorted(load_gazetteer().generic.get("heads", []), key=len, reverse=True)


@lru_cache(maxsize=1)
def _scope() -> frozenset[str]:
    return frozenset(load_gazetteer().generic.get("scope_words", []))


_pos = word_tags   # jieba's part-of-speech tag of each word


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


@lru_cache(maxsize=4)
def _head_last_chars(heads: tuple[str, ...]) -> frozenset[str]:
    return frozenset(h[-1] for h in heads)


def _is_punct(word: str) -> bool:
    return not any("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in word)


def _head_at(w: Words, end: int, heads: list[str]) -> Optional[tuple[int, str]]:
    """(first word, head) of an organisation head ending with word ``end-1``; the head
    may be the tail of a longer word ("行业协会", "理工学院")."""
    last = w.words[end - 1]
    if not last or last[-1] not in _head_last_chars(tuple(heads)):
        return None                                     # cheap test first: most words end no head
    text_end = w.end_char(end - 1)
    for head in heads:                                  # longest first
        start_char = text_end - len(head)
        if start_char >= 0 and w.text.startswith(head, start_char):
            k = end - 1
            while w.starts[k] > start_char:
                k -= 1
            return k, head
    return None


def qualifies_document(w: Words, end: int) -> bool:
    """'企业预案', '化工企业安全管理信息平台', '…维修中心建设标准': the body only qualifies
    the document or system that follows (up to a verb, a conjunction or another body)."""
    generic = load_gazetteer().generic
    document_nouns = tuple(generic.get("document_nouns", []))
    heads = _sorted_heads()
    for i in range(end, min(end + 5, len(w))):
        word = w.words[i]
        if word.endswith(document_nouns):
            return True
        if word == "和":
            continue                                    # "企业安全生产技术和管理团队"
        if (_is_punct(word) or word in _GOVERNING or word in _CONJ or word in ADVERBS
                or (word in VERBS and word not in _QUALIFIERS and word != "建设")
                or _pos().get(word) == "v" or _head_at(w, i + 1, heads)):
            return False
    return False


def inside_title(w: Words, i: int) -> bool:
    before = w.before(i)
    return before.rfind("《") > before.rfind("》")


def _left_edge(w: Words, start: int, taken: set[int]) -> int:
    j, depth = start, 0
    while j > 0:
        word = w.words[j - 1]
        if (j - 1) in taken:
            break
        if word.endswith(("行业", "领域")) and j - 1 < start - 1:
            break                                       # "工贸行业|危险化学品使用单位"
        if word == "）":
            depth += 1
        elif word == "（":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and word in _scope():
            j -= 1                                      # "相关部门": the scope word closes the phrase
            break
        elif depth == 0 and _stops(word):
            break
        elif word in _QUALIFIERS and (j - 2 < 0 or w.words[j - 2] in _SENTENCE_PUNCT):
            break                                       # "，保障社会力量…": a verb opening the phrase
        if w.starts[start] - w.starts[j - 1] > _MAX_CHARS:
            break
        j -= 1
    # a phrase does not begin with a verb ("关闭取缔|企业", "理顺|部门"); verbs inside it qualify
    # the head ("危险化学品使用单位"), and after 对/和/与 a verb-like word is a modifier
    # ("对涉危险化学品企业", "专职和兼职消防队伍")
    while j < start and (w.words[j] in ("（", "）") or (
            _pos().get(w.words[j]) == "v" and w.words[j] not in _QUALIFIERS
            and (j == 0 or w.words[j - 1] not in ("对", "和", "及", "与", "、", "向", "为")))):
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


def org_phrases(w: Words, taken: set[int], region: Optional[str]) -> list[OrgPhrase]:
    """Organisation phrases outside the words ``taken`` by gazetteer entities."""
    gaz = load_gazetteer()
    heads = _sorted_heads()
    enterprise_heads = set(gaz.generic.get("enterprise_heads", []))
    found: list[OrgPhrase] = []
    used: set[int] = set(taken)
    for end in range(len(w), 0, -1):                   # right to left: phrases do not overlap
        if (end - 1) in used:
            continue
        found_head = _head_at(w, end, heads)
        if found_head is None:
            continue
        h, head = found_head
        if any(i in used for i in range(h, end)) or inside_title(w, h):
            continue
        if end < len(w) and qualifies_document(w, end):
            continue
        start = _left_edge(w, h, used)
        if w.before(start).endswith(_COLLECTIVE_BEFORE):
            continue
        words = w.words[start:end]
        if region and w.before(start).endswith(region):
            words = [region] + words                    # "对吴江区现有消防维修中心…"
        enterprise = head in enterprise_heads
        canon = _canonical(words, head, region, enterprise)
        if canon is None:
            continue
        span = (w.starts[start], w.end_char(end - 1))
        found.append(OrgPhrase(w.text[span[0]:span[1]], canon[0], "enterprise" if enterprise else "organisation",
                               canon[1], span, (start, end)))
        used.update(range(start, end))
        found += _shared_head(w, start, end, head, region, enterprise, used)
    return sorted(found, key=lambda p: p.span)


def _shared_head(w: Words, start: int, end: int, head: str, region: Optional[str], enterprise: bool,
                 used: set[int]) -> list[OrgPhrase]:
    """'专职和兼职消防队伍': the word before 和 shares the phrase's head (专职消防队伍)."""
    if start < 2 or w.words[start - 1] not in ("和", "及") or end - start < 2:
        return []
    x = w.words[start - 2]
    if (start - 2) in used or _stops(x) or _is_punct(x) or x.endswith(head):
        return []
    canon = _canonical([x] + w.words[start + 1:end], head, region, enterprise)
    if canon is None:
        return []
    used.add(start - 2)
    return [OrgPhrase(x, canon[0], "enterprise" if enterprise else "organisation", canon[1],
                      (w.starts[start - 2], w.end_char(start - 2)), (start - 2, start - 1))]
