"""Recognise the numbered headings and lead-ins of plans and statutes in one line of text.

Plans:    一、 part · （一） section · 1. / 1、 item · （1） sub-item ·
          lead-ins "——国家政策层面。", "一是…。", "化工及危险化学品安全：" (topics).
Statutes: 第X编 / 第X分编 part · 第X章 chapter · 第X节 section · 第X条 article.
A heading written inline with its body ("（一）加强组织领导。全面加强…") is split into
heading and body here; the structure builder only sees the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.numerals import cn_to_int

CN_NUM = "零〇○一二两三四五六七八九十百千"   # the characters of a heading number (第二十五条)

SENTENCE_END = "。；！？"
MAX_INLINE_HEADING = 40    # a first sentence longer than this is body text, not a heading
MAX_HEADING_ONLY = 60      # a numbered line without sentence end longer than this is a paragraph
MAX_TOPIC_LABEL = 16       # "化工及危险化学品安全：" — longer lead-ins are ordinary sentences


@dataclass(frozen=True)
class HeadingKind:
    kind: str      # node kind (records.NODE_KINDS)
    rank: int      # nesting rank: smaller contains larger
    family: str    # "statute" | "plan"


BOOK = HeadingKind("part", 1, "statute")
SUBBOOK = HeadingKind("part", 2, "statute")
CHAPTER = HeadingKind("chapter", 3, "statute")
LAW_SECTION = HeadingKind("section", 4, "statute")
ARTICLE = HeadingKind("article", 5, "statute")
PART = HeadingKind("part", 6, "plan")
SECTION = HeadingKind("section", 7, "plan")
ITEM = HeadingKind("item", 8, "plan")
SUBITEM = HeadingKind("item", 9, "plan")

_STATUTE_PATTERNS = [
    (SUBBOOK, re.compile(rf"^(第([{CN_NUM}\d]+)分编)\s*(.*)$")),
    (BOOK, re.compile(rf"^(第([{CN_NUM}\d]+)编)\s*(.*)$")),
    (CHAPTER, re.compile(rf"^(第([{CN_NUM}\d]+)章)\s*(.*)$")),
    (LAW_SECTION, re.compile(rf"^(第([{CN_NUM}\d]+)节)\s*(.*)$")),
]
ARTICLE_RE = re.compile(rf"^(第([{CN_NUM}\d]+)条(?:之[{CN_NUM}]+)?)\s*(.*)$")
_PLAN_PATTERNS = [
    (PART, re.compile(r"^(([一二三四五六七八九十]{1,3})\s*[、，,．.])\s*(.*)$")),
    (SECTION, re.compile(r"^([（(]\s*([一二三四五六七八九十]{1,3})\s*[）)])\s*[、，,．.]?\s*(.*)$")),
    (ITEM, re.compile(r"^((\d{1,3})\s*[.．、](?!\d))\s*(.*)$")),
    (SUBITEM, re.compile(r"^([（(]\s*(\d{1,4})\s*[）)])\s*[、.．]?\s*(.*)$")),
]
_TOPIC_DASH = re.compile(r"^(——|－－|--)\s*(.+)$")
_TOPIC_ORDINAL = re.compile(r"^(([一二三四五六七八九十]{1,3})是)(.+)$")
_TOPIC_COLON = re.compile(rf"^([^，。；：:！？、\s《》“”（）()]{{2,{MAX_TOPIC_LABEL}}})[：:](.+)$")
_PREFACE_WORDS = {"前言", "序言", "引言", "序"}


@dataclass
class Heading:
    kind: HeadingKind
    number: str              # as written: "三、", "（一）", "1.", "第五条"
    value: Optional[int]     # the number as an int (for eIds), None if unreadable
    title: Optional[str]     # heading text without its number
    body: Optional[str]      # text written on the same line after the heading
    body_offset: int = 0     # where ``body`` starts inside the line


@dataclass
class Topic:
    number: Optional[str]    # "——", "一是", or None for "label：" lead-ins
    title: str
    body: Optional[str]
    body_offset: int = 0


def is_preface_heading(line: str) -> bool:
    return line.replace(" ", "") in _PREFACE_WORDS


def _split_inline(rest: str, rest_offset: int):
    """(title, body, body_offset) for the text after a number."""
    if not rest:
        return None, None, 0
    cut = min((i for i in (rest.find(ch) for ch in SENTENCE_END) if i >= 0), default=-1)
    if cut < 0:
        if len(rest) <= MAX_HEADING_ONLY:
            return rest, None, 0
        return None, rest, rest_offset
    if cut <= MAX_INLINE_HEADING:
        body = rest[cut + 1:]
        lead = len(body) - len(body.lstrip())
        return rest[:cut], (body.strip() or None), rest_offset + cut + 1 + lead
    return None, rest, rest_offset


def match_statute_heading(line: str, articles: bool) -> Optional[Heading]:
    for kind, rx in _STATUTE_PATTERNS:
        m = rx.match(line)
        if m and len(m.group(3)) <= MAX_HEADING_ONLY and not _ends_sentence(m.group(3)):
            return Heading(kind, m.group(1), cn_to_int(m.group(2)), m.group(3) or None, None)
    if articles:
        m = ARTICLE_RE.match(line)
        if m:
            body = m.group(3) or None
            return Heading(ARTICLE, m.group(1), cn_to_int(m.group(2)), None, body, m.start(3))
    return None


def match_plan_heading(line: str) -> Optional[Heading]:
    for kind, rx in _PLAN_PATTERNS:
        m = rx.match(line)
        if m:
            title, body, off = _split_inline(m.group(3), m.start(3))
            if title is None and body is None:
                return Heading(kind, m.group(1), cn_to_int(m.group(2)), None, None)
            return Heading(kind, m.group(1), cn_to_int(m.group(2)), title, body, off)
    return None


def match_topic(line: str) -> Optional[Topic]:
    m = _TOPIC_DASH.match(line) or _TOPIC_ORDINAL.match(line)
    if m:
        number = m.group(1)
        start = m.start(m.lastindex)
        title, body, off = _split_inline(line[start:], start)
        if title is None:    # a long first sentence: no separate lead-in
            return None
        return Topic(number, title, body, off)
    m = _TOPIC_COLON.match(line)
    if m:
        body = m.group(2).strip() or None
        return Topic(None, m.group(1), body, m.start(2) + (len(m.group(2)) - len(m.group(2).lstrip())))
    return None


def starts_numbered_heading(line: str) -> bool:
    """Cheap test used by the cleaner: does this line open a new numbered block?"""
    return any(rx.match(line) for _, rx in _PLAN_PATTERNS) or any(
        rx.match(line) for _, rx in _STATUTE_PATTERNS) or bool(ARTICLE_RE.match(line))


def _ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_END
