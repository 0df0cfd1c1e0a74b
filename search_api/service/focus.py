"""What a search query is focused on, and the re-ranking it calls for (a part of Service).

- A place the query names (广东, 衡阳, 吉林) or a document it names by a distinctive word of
  its title (山洪 → 全国山洪灾害防治规划) boosts that document's clauses.
- A query asking for a figure (多少, 几级, 什么标准) prefers units holding one; a query asking for
  content (哪些, 什么, 谁) prefers the content to the heading above it.
- Everyday words of the query are joined, on the keyword side, by the words documents use
  (钱 → 投资, 发大水 → 洪水; ontology/query_words.tsv).
- A query about targets or plans (目标, 要达到, 打算, 规划, 近期/远期, 到2020年) prefers the parts
  that commit (goals, tasks, measures: ingest.extract.sections) over the review of the past
  (现状, 回顾, 灾害情况): the 十三五 review sentence must not beat the 十四五 target asked about.

The index ranks a deeper pool; the boosts are added to its fused score (0–1), then cut to k.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from ingest.extract.sections import REPORT, REVIEW
from ingest.vocab import query_words
from search_api.index.hit import Hit
from search_api.index.tokens import tokenize
from search_api.service.spans import longest_matches

PLACE_BOOST = 0.25
TITLE_BOOST = 0.2
REVIEW_PENALTY = 0.25
FIGURE_BOOST = 0.12       # a query asking for a figure (多少, 几级) prefers units that hold one
HEADING_PENALTY = 0.15    # a query asking for content prefers the content to the heading above it
POOL_FACTOR, MIN_POOL = 4, 40
_FORWARD = re.compile(r"目标|要达到|达到什么|打算|计划|规划(?!里)|近期|远期|中期|将要|要建|新建|建成|到(?:19|20)\d{2}年|"
                      r"今后|以后|年后|之后要|要求|任务|投资|投多少")
_FIGURE = re.compile(r"多少|几[级个座条天小年次人]?|多大|多长|多高|多深|多快|多久|哪一年|哪年|何时|什么时候|标准|面积")
_CONTENT = re.compile(r"多少|几|哪些|什么|怎么|如何|谁|是否|要不要|有没有|多大|多长|多久|何时")
_DIGIT = re.compile(r"\d")
_TITLE_STOP = {"规划", "预案", "应急", "应急预案", "条例", "管理", "安全", "办法", "规定", "暂行", "总体",
               "全国", "国家", "中华", "人民", "共和", "共和国", "中华人民共和国", "实施", "工作", "专项"}


class SearchFocus:
    """Re-ranking of search hits by the places, documents and section sense a query asks for."""

    @cached_property
    def _title_words(self) -> dict[str, set[str]]:
        """Distinctive words of titles -> the documents whose title has them: words in at most
        two titles, not a genre word."""
        words = {d: {t for t in tokenize(self.title(d)) if len(t) >= 2 and t not in _TITLE_STOP}
                 for d in self.document_ids()}
        df = Counter(t for ts in words.values() for t in ts)
        docs: dict[str, set[str]] = {}
        for d, ts in words.items():
            for t in ts:
                if df[t] <= 2:
                    docs.setdefault(t, set()).add(d)
        return docs

    @cached_property
    def _title_word_lengths(self) -> list[int]:
        return sorted({len(w) for w in self._title_words})

    def _named_documents(self, query: str) -> set[str]:
        """The documents a distinctive word of whose title the query holds: the query's
        substrings looked up (a scan of every title's words cost milliseconds at scale)."""
        words = self._title_words
        named: set[str] = set()
        for n in self._title_word_lengths:
            for i in range(len(query) - n + 1):
                named |= words.get(query[i:i + n], set())
        return named

    def focus_boost(self, query: str):
        """A function hit -> score change for this query (None when the query has no focus)."""
        places = self.places_in(query)
        named = self._named_documents(query)
        forward = bool(_FORWARD.search(query))
        figure = bool(_FIGURE.search(query))
        content = bool(_CONTENT.search(query))
        if not (places or named or forward or figure or content):
            return None

        def boost(hit: Hit) -> float:
            doc = hit.plan_id
            delta = 0.0
            if places and any(self.jurisdiction(doc).covers(p) for p in places):
                delta += PLACE_BOOST
            if doc in named:
                delta += TITLE_BOOST
            if forward and self.senses(doc).of(hit.clause_id) in (REVIEW, REPORT):
                delta -= REVIEW_PENALTY
            if figure and _DIGIT.search(hit.text):
                delta += FIGURE_BOOST
            if content and hit.kind == "heading":
                delta -= HEADING_PENALTY
            return delta
        return boost

    @staticmethod
    def keyword_query(query: str) -> str:
        """The query with the document words for its everyday ones (ontology/query_words.tsv:
        钱 → 投资 资金 经费), for the keyword side of the search."""
        words = query_words()
        extra = [w for found in dict.fromkeys(word for _pos, word in longest_matches(query, words))
                 for w in words[found]]
        return " ".join([query, *extra]) if extra else query

    @staticmethod
    def boosted(boost, hits: list[Hit], k: int) -> list[Hit]:
        """The best ``k`` of a deeper pool once the query's boosts (``focus_boost``) are added
        (in place) to the fused scores."""
        if boost is None:
            return hits[:k]
        for hit in hits:
            hit.score = round(hit.score + boost(hit), 6)
        return sorted(hits, key=lambda h: -h.score)[:k]

    @staticmethod
    def pool_size(k: int, limit: int) -> int:
        return min(limit, max(k * POOL_FACTOR, MIN_POOL))
