"""Parties a statute names by the thing they hold or work on: "公共交通工具、公共场所和其他人员密集
场所的管理者或者经营者", "道路或者交通设施的管理、养护单位", "农业机械生产者、销售者".

Each party is the party of each thing (公共交通工具的管理者, …, 人员密集场所的经营者; 道路管理单位,
交通设施养护单位; 农业机械销售者): a bare 管理者 or 养护单位 names nobody. The things are nouns
read back from the 的 to the first word that cannot be in a name; a thing with a verb in it is a
description ("受其委托管理的单位"), not a thing, and is left to the phrase rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ingest.extract.nlp import Words
from ingest.extract.org_phrases import _is_punct
from ingest.extract.lexicon import (ENCOURAGE_BEFORE, GOVERNING_BEFORE, HELPED_BEFORE, OBLIGING_BEFORE, PARTNER_BEFORE,
                                    RECIPIENT_BEFORE)
from ingest.segmenter import word_tags
from ingest.vocab import sector_labels

# parties that hold or work on a thing (a person's role is not among them: 负责人, 管理人)
_PARTY = "(?:经营管理者|管理者|经营者|所有者|使用者|生产者|销售者|安装者|维修者|举办者|提供者|承办者|主办者|运营者)"
# activities whose units are named by them and the thing ("管理、养护单位")
_ACTIVITY = "(?:管理|养护|使用|经营|维护|维修|产权|运营|建设|施工|设计|监理|生产|销售|储存|运输|安装|检测|检验)"
_UNITS = rf"{_ACTIVITY}(?:、{_ACTIVITY})*单位"
_ONE = rf"(?:{_PARTY}|{_UNITS})"
_SEPARATOR = "(?:、|或者|和|及|以及)"
_PARTIES = re.compile(rf"{_ONE}(?:{_SEPARATOR}{_ONE})*(?!人员|部门|机构)")
# a thing and the first party as one name, the others bare: "农业机械生产者、销售者"
_PREFIXED = re.compile(rf"{_PARTY}(?:{_SEPARATOR}{_PARTY})+")
_THING_SEPARATOR = re.compile(r"、|或者|和|及|或")
# words a thing may hold: nouns, and words jieba's dictionary lacks (the vocabulary's terms: 人员密集场所)
_THING_TAGS = frozenset({"n", "nz", "nt", "nr", "l", "j", "ng", "b", "vn", "a", "an", "f", None})
_MAX_THINGS_CHARS = 30
_THING_WORDS = frozenset({"既有", "现有", "新建", "在建"})     # qualifiers jieba tags otherwise
_BODY_ENDS = ("企业", "单位", "部门", "机构", "机关", "政府", "公司", "组织", "者")
# what the things may follow: a clause part's start, or a word governing the whole body ("督促|周边物业的
# 所有者", "由|道路…的管理单位"); after a description's verb ("从事|烟花爆竹零售的经营者", "具有|相应资质等级
# 的施工单位") the 的 describes the party, and a thing that opens with such a verb is a description too
_ONE_CHAR_BEFORE = frozenset("由对向与和及或经将把给")
_GOVERNS_A_BODY = frozenset(GOVERNING_BEFORE + OBLIGING_BEFORE + ENCOURAGE_BEFORE + PARTNER_BEFORE + HELPED_BEFORE
                            + RECIPIENT_BEFORE + ("通知", "告知", "以及", "其他", "本市", "本省", "全市", "全省"))
_DESCRIBING = re.compile(r"(?:负有|符合|具有|具备|存在|违反|取得|未|从事|提供|承担|使用|持有|依法|经|有关|相关|各|本|所有|任何)")


@dataclass
class ObjectParties:
    names: list[str]                 # one per thing and party
    span: tuple[int, int]            # characters of the whole construct, things included
    parties_start: int               # character where the parties begin
    tokens: tuple[int, int]          # words of the whole construct


def _things_start(w: Words, end: int, stops: Callable[[str], bool]) -> Optional[int]:
    """The first word of the things ending before word ``end``, or None where no thing ends there."""
    tags = word_tags()
    k = end
    while k > 0:
        word = w.words[k - 1]
        if word.endswith(_BODY_ENDS) and k < end and _THING_SEPARATOR.fullmatch(w.words[k]):
            k += 1                          # a body ends the things: "物业服务企业和|人员密集场所的…"
            break
        listed = _THING_SEPARATOR.fullmatch(word) or word == "其他"
        if not listed and word not in _THING_WORDS and (stops(word) or tags.get(word) not in _THING_TAGS):
            if k < end and _THING_SEPARATOR.fullmatch(w.words[k]):
                return None                 # the list goes on before: "从事庆典、婚庆、|殡仪服务的经营者"
            break
        if w.starts[end] - w.starts[k - 1] > _MAX_THINGS_CHARS:
            return None
        k -= 1
    while k < end and w.words[k] == "其他":
        k += 1
    last = w.words[end - 1] if k < end else ""
    if not last or tags.get(last) in ("f", "a", "an") or (last not in tags and len(last) < 3):
        return None                         # no noun ends it ("限额以下的|建设单位", "合同中列明的|…单位")
    before = w.words[k - 1] if k > 0 else "。"
    if not (_is_punct(before) or before in _ONE_CHAR_BEFORE or before in _GOVERNS_A_BODY) \
            or _DESCRIBING.match(w.text, w.starts[k]):
        return None
    return k


def _things(text: str) -> list[str]:
    """The things listed, or none where one is a sector ("矿山、危险物品的…单位": sector_units' business)."""
    items = [re.sub(r"^其他", "", t) for t in _THING_SEPARATOR.split(text)]
    sectors = sector_labels()
    return items if all(2 <= len(t) <= 12 and t not in sectors for t in items) else []


def _parties(text: str) -> list[str]:
    """"管理者或者经营者" -> [管理者, 经营者]; "管理、养护单位" -> [管理单位, 养护单位]."""
    out: list[str] = []
    for item in re.findall(_ONE, text):
        if item.endswith("单位"):
            out += [a + "单位" for a in item[:-2].split("、")]
        else:
            out.append(item)
    return out


def object_parties(w: Words, stops: Callable[[str], bool]) -> list[ObjectParties]:
    """Every "things的parties" and "thing-party、party" construct of a clause; ``stops``: the
    words that cannot be inside a name."""
    if "者" not in w.text and "单位" not in w.text:
        return []
    out: list[ObjectParties] = []
    for m in _PARTIES.finditer(w.text):
        start, end = m.start(), m.end()
        last = w.word_at(end - 1)
        if w.end_char(last) != end:
            continue                        # the parties end inside a word ("管理者们")
        parties = _parties(m.group(0))
        if start > 0 and w.text[start - 1] == "的":
            de = w.word_at(start - 1)       # "…场所的|管理者或者经营者"
            if w.words[de] != "的" or (k := _things_start(w, de, stops)) is None:
                continue
            things = _things(w.slice(k, de))
            names = [t + ("" if p.endswith("单位") else "的") + p for t in things for p in parties]
        else:
            first = w.word_at(start)        # "农业机械|生产者、销售者": a thing, then the parties it shares
            if len(parties) < 2 or w.starts[first] != start or not _PREFIXED.fullmatch(m.group(0)) \
                    or (k := _things_start(w, first, stops)) is None:
                continue
            thing = w.slice(k, first)
            names = [thing + p for p in parties] if _things(thing) == [thing] else []
        if names:
            out.append(ObjectParties(names, (w.starts[k], end), start, (k, last + 1)))
    return out
