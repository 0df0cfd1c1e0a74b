"""The matter an owner question is about, from the lexicon of ontology/matters.tsv.

A question names a matter by its statutory term (燃气, 特种设备) or by an everyday word for it
(煤气罐, 电梯, 塔吊, 鞭炮, 尘肺病). The longest word found wins where words overlap; every
matter found counts. Everyday words holding a matter's word but not about it (计算机病毒 holds
病毒; ontology/matter_lookalikes.tsv) take part in that contest and name nothing. Its statutory
terms are what a clause assigning the matter says, so they join the question's own words when
clauses are scored (search_api.service.ask).

A question about a matter the lexicon does not list ("广东灾后保险理赔归哪个部门管？") names it with
its own words: an open matter (``open_matter``). A clause is about it when it holds most of those
words, each weighed by how rare it is (保险, 理赔 tell more than 灾后), so that the duty lists of
plans answer for whatever they assign, and a question whose words no clause holds together is
still abstained on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from ingest.vocab import matter_lookalikes, matters_table
from search_api.service.spans import longest_matches

# The wording of the question itself ("…归哪个部门管？", "由谁负责"): no topic.
QUESTION_WORDS = re.compile(
    r"归哪个部门(?:主管|管)?|哪个部门|哪一个部门|哪些部门|什么部门|哪个单位|哪个机构|哪一级|(?:谁来|由谁|归谁)(?:负责)?|"
    r"找谁|找哪个|是谁|谁负责|谁管|到底|具体|我们|咱们|这种|是哪个(?:部门|单位|机构)?|的事|部门|[谁吗呢？?]|"
    # examples the question gives in brackets ("二次供水（水箱、加压泵房）"): the matter is the word before them
    r"[（(][^（()）]{1,20}[）)]")


# How much of an open matter's weight a clause must hold: all but a minor word or a colloquial one
# ("灾后通信设施抢修" in "…受灾地区通信设施的抢修…"). Questions no loaded text assigns ("共享单车乱停放",
# "小区广场舞音响太吵") find at most a third of theirs in any clause.
OPEN_COVERAGE = 2 / 3
# … and, asked about a place, in that place's own texts when no clause anywhere holds that much: a
# third. Staff name a matter in their words, the place's text in its own ("郑州农村自建房" is its
# "农村房屋使用安全监督管理", "浙江沿海的海塘" its "海塘"); outside the place's texts a third is too
# little ("宠物医院的执业许可" would reach the 医疗卫生机构 of some statute), and so is it without a place.
LOOSE_COVERAGE = 1 / 3


@dataclass(frozen=True)
class Matter:
    name: str
    terms: tuple[str, ...]      # statutory: how a clause names it
    aliases: tuple[str, ...]    # colloquial: how a question may name it
    found: tuple[str, ...]      # the words of the question that named it
    weights: tuple[float, ...] = ()   # an open matter: how much each found word tells
    parts: tuple[tuple[str, ...], ...] = ()   # … and the shorter words each is made of
    coverage: float = OPEN_COVERAGE   # … and the share of that weight a clause must hold

    def about(self, text: str) -> bool:
        """A clause holding the matter: a key term, or for an open matter most of its words. A
        word is held whole or by parts that cover it (广播电视 in "广播、电视系统设施", 中小学生 in
        "中小学校学生": 中小学 and 学生)."""
        if not self.weights:
            return self.key_pattern.search(text) is not None
        return self.share(text) >= self.coverage

    def share(self, text: str) -> float:
        """How much of an open matter's weight ``text`` holds (0-1)."""
        held = sum(w for word, w, parts, listed in zip(self.found, self.weights, self.parts, self._listed)
                   if word in text or (parts and _covered(word, [p for p in parts if p in text]))
                   or (listed is not None and listed.search(text)))
        return held / (sum(self.weights) or 1.0)

    @cached_property
    def _listed(self) -> tuple[Optional[re.Pattern], ...]:
        """Each found word of two or three characters as the list of its characters ("粮油" written
        "粮、油", "水电气" written "水、电、气"); None for the others."""
        return tuple(re.compile("[、和与及]".join(map(re.escape, w))) if 2 <= len(w) <= 3 else None
                     for w in self.found)

    @cached_property
    def key_terms(self) -> tuple[str, ...]:
        """The terms a clause must hold to be about the matter: the statutory terms and the
        question's own words for it."""
        return tuple(dict.fromkeys(self.terms + tuple(w for w in self.found if w not in self.terms)))

    @cached_property
    def key_pattern(self) -> re.Pattern:
        """Any of the key terms, as one pattern: an /ask tests every duty clause of every
        document against it (640 k clauses at the scale build)."""
        return re.compile("|".join(map(re.escape, self.key_terms)) or "(?!)")   # none: matches nothing


def _words() -> list[tuple[str, tuple[int, ...]]]:
    """(word, indices of the matters it names) for every term and alias."""
    owners: dict[str, list[int]] = {}
    for i, (_name, terms, aliases) in enumerate(matters_table()):
        for word in terms + aliases:
            if i not in owners.setdefault(word, []):
                owners[word].append(i)
    return [(w, tuple(ix)) for w, ix in owners.items()]


def recognise_matters(question: str) -> list[Matter]:
    """Matters the question names, in the order they are named. Words are matched longest
    first and never overlap; a word two matters share (干旱) names both."""
    table = matters_table()
    owners = dict(_words())
    words = set(owners) | set(matter_lookalikes())
    hits = [(pos, i, word) for pos, word in longest_matches(question, words) for i in owners.get(word, ())]
    found: dict[int, list[str]] = {}
    for _pos, i, word in sorted(hits):
        if word not in found.setdefault(i, []):
            found[i].append(word)
    # A matter named only by words another named matter's own terms hold is an aspect of that one:
    # "内河船舶的交通安全" is 水上交通 (内河交通安全), not 道路交通 as well.
    # (a word both matters list, 水库, names both)
    aspects = {i for i, ws in found.items() if len(found) > 1 and all(
        any(w not in found[j] and w in term and w != term for j in found if j != i for term in table[j][1])
        for w in ws)}
    return [Matter(table[i][0], table[i][1], table[i][2], tuple(words)) for i, words in found.items()
            if i not in aspects]


# Spoken padding around a question's topic: it names no matter.
_PADDING = frozenset("平时 该 找 有家 一家 这家 发生 出现 时候 以后 之后 现在 这事 事情 问题 情况 用 用的 的话 "
                     "怎么 需要 应该 可以 一般 主要 里 县里 市里 区里 村里 附近 这个 那个 一个 工作 "
                     "方面 这类 这种 此类 之类 这些 那些 事先 事前 小区 下去 过来 出去 "
                     # (where, said of the place the question names: "山东境内", "全市")
                     "境内 辖区 辖区内 当地 本地 全市 全省 全县 全区 我市 我省 我县 我区".split())
# A conjunction the segmenter left at a word's end ("监督检查和行政执法" → 检查和): not part of the word.
_TRAILING_CONJUNCTION = re.compile(r"(?<=..)[和与及或的]$")


# A question's circumstance ("天津下大雪期间，蔬菜的储存和上市供应由哪个部门负责组织？"): its words tell
# when, not what; a clause on the matter need not repeat them, so they weigh this much of their own.
CIRCUMSTANCE_WEIGHT = 0.3


def open_matter(topic_words: Sequence[str], weigh: Callable[[list[str]], list[float]],
                parts_of: Callable[[str], list[str]], circumstance: Sequence[str] = ()) -> Optional[Matter]:
    """The matter a question names in its own words, when the lexicon lists none of them.
    ``topic_words``: the question's words without its question wording and places; ``weigh``:
    how much each word tells (its inverse document frequency over the loaded clauses);
    ``parts_of``: the shorter words inside a word (广播电视 → 广播, 电视); ``circumstance``: the
    words of the question's circumstance (``circumstance_words``)."""
    words = list(dict.fromkeys(w for w in (_TRAILING_CONJUNCTION.sub("", w) for w in topic_words)
                               if len(w) >= 2 and w not in _PADDING))
    if not words:
        return None
    parts = tuple(_covering_parts(w, parts_of(w)) for w in words)
    weights = tuple(x * (CIRCUMSTANCE_WEIGHT if w in circumstance else 1.0) for w, x in zip(words, weigh(words)))
    return Matter("".join(words), (), (), tuple(words), weights, parts)


_SEGMENTS = re.compile(r"[，,；;]")


def circumstance_words(topic: str, words_of: Callable[[str], list[str]]) -> set[str]:
    """The words of what a question says before the part it asks in ("天津雨雪冰冻把房子压坏了，|危房鉴定
    和解危由谁组织"): the segments before its last, when that last one names a matter of its own (not
    "对燃气管道的巡查，|由哪个部门负责"); words the asked part repeats are not circumstance."""
    segments = [s for s in _SEGMENTS.split(topic) if s.strip()]
    when = _WHEN.match(segments[-1]) if segments else None
    if when:                # "雪灾时|灾区粮油供应由哪个部门保障": the time it is asked for, in the asked part
        segments[-1:] = [when.group(1), segments[-1][when.end():]]
    if len(segments) < 2:
        return set()
    asked = {w for w in words_of(segments[-1]) if len(w) >= 2 and w not in _PADDING}
    if not asked:
        return set()
    return {w for s in segments[:-1] for w in words_of(s)} - asked


# an event the asked part opens with, as its time: "雪灾时…", "防汛期间…"
_WHEN = re.compile(r"^\s*([\u4e00-\u9fff]{2,10}?)(?:时|期间)(?=[\u4e00-\u9fff])")


def _covering_parts(word: str, parts: list[str]) -> tuple[str, ...]:
    """Parts of two characters or more that together cover every character of the word (none
    when they do not: a word is then held only whole)."""
    kept = [p for p in dict.fromkeys(parts) if 2 <= len(p) < len(word) and p in word]
    return tuple(kept) if _covered(word, kept) else ()


def _covered(word: str, parts: list[str]) -> bool:
    """Every character of ``word`` lies in one of ``parts`` (each where it first occurs in it)."""
    covered = set()
    for p in parts:
        start = word.find(p)
        covered.update(range(start, start + len(p)))
    return len(covered) == len(word)


def topic_text(question: str) -> str:
    """The question without its question wording (for keyword scoring)."""
    return QUESTION_WORDS.sub(" ", question)


# The verb a question asks with, right after its question wording ("由哪个部门牵头", "由谁负责", "归哪个部门主管"):
# the act of being in charge, which an open matter's clause need not write (a part of a named matter is
# another thing: "防汛专家组由谁牵头" is answered by the clause "专家组：由市防办牵头").
_ASKING_VERB = re.compile(r"(?<=\s)(?:来)?(?:牵头|负责|主管|管理|统一管理)(?=\s|$)")


def open_topic_text(question: str) -> str:
    """The question's topic as an open matter reads it: without its question wording nor the verb it asks with."""
    return _ASKING_VERB.sub(" ", topic_text(question))
