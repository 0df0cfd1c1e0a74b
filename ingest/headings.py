"""Recognise the numbered headings and lead-ins of plans and statutes in one line of text.

Plans:    一、 part · （一） section · 1. / 1、 item · （1） sub-item · 1） · ① ·
          lead-ins "——国家政策层面。", "一是…。", "化工及危险化学品安全：" (topics).
          Decimal outlines (1 / 1.1 / 1.1.1 …, the form of every 应急预案) nest outside
          those; a bare top number ("1 总则") is a decimal heading only where the structure
          builder expects the next chapter (``match_decimal_top``).
Statutes: 第X编 / 第X分编 part · 第X章 chapter · 第X节 section · 第X条 article.
A heading written inline with its body ("（一）加强组织领导。全面加强…") is split into
heading and body here; the structure builder only sees the result. A numbered line that
is a sentence ("（1）坚持以人民为中心，确保受灾人员基本生活。", "4.1.1 各级应急管理部门按照…
做好…工作。", "（1）省民政厅：负责…") has no heading: all of it is body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.fields import ENTRY_DASH, PERSON_AFTER_RESPONSIBLE
from ingest.numerals import MEASURE_WORDS, cn_to_int

CN_NUM = "零〇○一二两三四五六七八九十百千"   # the characters of a heading number (第二十五条)

SENTENCE_END = "。；！？"
MAX_INLINE_HEADING = 40    # a first sentence longer than this is body text, not a heading
MAX_HEADING_ONLY = 60      # a numbered line without sentence end longer than this is a paragraph
MAX_TOPIC_LABEL = 16       # "化工及危险化学品安全：" — longer lead-ins are ordinary sentences
MAX_COMMA_HEADING = 24     # a heading without sentence end may hold a comma up to this length
MAX_LONE_HEADING = 10      # "4.1.2 灾情初报。" alone on its line: longer lone sentences are text


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
HALF_PAREN = HeadingKind("item", 10, "plan")    # 1）
CIRCLED = HeadingKind("item", 11, "plan")       # ①
# decimal outline levels nest outside the Chinese-style numbering of plans
DECIMAL = tuple(HeadingKind(kind, 5 + depth / 10, "decimal")
                for depth, kind in enumerate(("part", "section", "item", "item", "item", "item"), 1))

_STATUTE_PATTERNS = [
    (SUBBOOK, re.compile(rf"^(第[ \u3000]?([{CN_NUM}\d]+)[ \u3000]?分编)\s*(.*)$")),
    (BOOK, re.compile(rf"^(第[ \u3000]?([{CN_NUM}\d]+)[ \u3000]?编)\s*(.*)$")),
    (CHAPTER, re.compile(rf"^(第[ \u3000]?([{CN_NUM}\d]+)[ \u3000]?章)\s*(.*)$")),
    (LAW_SECTION, re.compile(rf"^(第[ \u3000]?([{CN_NUM}\d]+)[ \u3000]?节)\s*(.*)$")),
]
# (a conversion may leave a space inside the label: "第七十五 条")
ARTICLE_RE = re.compile(rf"^(第[ \u3000]?([{CN_NUM}\d]+)[ \u3000]?条(?:之[{CN_NUM}]+)?)\s*(.*)$")
_PLAN_PATTERNS = [
    (PART, re.compile(r"^(([一二三四五六七八九十]{1,3})\s*[、，,．.])\s*(.*)$")),
    (SECTION, re.compile(r"^([（(]\s*([一二三四五六七八九十]{1,3})\s*[）)])\s*[、，,．.]?\s*(.*)$")),
    # (not "1.5万人"; but "1.2009年底前，完成…": an item that opens with its year)
    (ITEM, re.compile(r"^((\d{1,3})\s*[.．、](?:(?!\d)|(?=(?:19|20)\d\d\s*[年—\-－~～至到])))\s*(.*)$")),
    # "( )": an item whose digit the conversion lost still opens an item
    (SUBITEM, re.compile(r"^([（(]\s*(\d{0,4})\s*[）)])\s*[、.．]?\s*(.*)$")),
    (HALF_PAREN, re.compile(r"^((\d{1,2})\s*[）)])\s*(.*)$")),
    (CIRCLED, re.compile(r"^(([\u2460-\u2473]))\s*[、.．]?\s*(.*)$")),
]
# "4.1.2 …": two to six numbers; what follows is no quantity ("1.5万人", "2.3%")
_DECIMAL = re.compile(r"^((\d{1,2}(?:\s*[.．]\s*\d{1,2}){1,5})[.．、]?)(?=\s|[^\d.．%‰万亿个千百倍])\s*(.*)$")
_DECIMAL_TOP = re.compile(r"^((\d{1,2})\s*[.．、]?)\s*(?=[^\d\s.．%‰])(.*)$")
_TOPIC_DASH = re.compile(r"^(——|－－|--)\s*(.+)$")
_TOPIC_ORDINAL = re.compile(r"^(([一二三四五六七八九十]{1,3})是)(.+)$")
_TOPIC_COLON = re.compile(rf"^([^，。；：:！？、\s《》“”（）()]{{2,{MAX_TOPIC_LABEL}}})[：:](.+)$")
_PREFACE_WORDS = {"前言", "序言", "引言", "序"}
# A heading names a topic ("（三）应急队伍保障", "7.3 通信保障"); a numbered line whose first
# sentence is a body's name followed by what it does is a duty written on the numbered line
# ("（5）省公安厅加强灾区社会治安…。", "7.3.1 省级通信主管部门负责组织开展…。"), whose facts
# would be lost as a heading. Body heads and predicate openers are the usual ones of plans;
# at least four characters must follow the predicate so that noun compounds ending in one
# ("应急队伍保障", "部门协调机制") stay headings.
_BODY_HEAD = "(?:厅|局|委|办|部门|政府|中心|委员会|指挥部|单位|机构|总队|支队|大队|办公室)"
_PREDICATE = ("(?:负责|应当|应|要|须|必须|加强|组织|指导|做好|会同|协调|保障|及时|按规定|按照|根据|依据|依法|"
              "立即|配合|牵头|督促|协助|提供|落实|开展|统筹|视情|迅速|向|对|将)")
_BODY_ACTING = re.compile(rf"^[^，。；：]{{1,24}}?{_BODY_HEAD}(?:{ENTRY_DASH})?{_PREDICATE}[^，。；：]{{4}}")
# a duty ("（2）负责灾情统计。" under its body's heading, "1.各乡镇负责…。"): a sentence, never a title
_DUTY_FIRST = re.compile(rf"^(?:负责|承担|协助|配合)|^[^，。；：]{{1,16}}?负责(?!{PERSON_AFTER_RESPONSIBLE}|同志|制(?![定订]))")

# a quantified target ("道路交通事故万车死亡率下降到6.0以下", "覆盖率达到100%"): a statement, never a title
_TARGET_STATED = re.compile(r"(?:达到|控制在|不低于|不少于|不超过|不高于|下降|降低|降至|降到|减少|提高|提升|增长)"
                            r"(?:到|至)?[^，。；：\d]{0,2}?\d[\d.]*\s*(?:%|％|个百分点|以上|以下|以内)")


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
    title: Optional[str]     # None: an ordinal lead-in whose first sentence is text
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
        if len(rest) <= MAX_HEADING_ONLY and not _reads_as_sentence(rest, MAX_COMMA_HEADING):
            return rest, None, 0
        return None, rest, rest_offset
    body = rest[cut + 1:]
    if cut <= MAX_INLINE_HEADING and not _reads_as_sentence(rest[:cut], 0) and (
            body.strip() or (cut <= MAX_LONE_HEADING and rest[cut] == "。")):
        lead = len(body) - len(body.lstrip())
        return rest[:cut], (body.strip() or None), rest_offset + cut + 1 + lead
    return None, rest, rest_offset


def _reads_as_sentence(text: str, comma_limit: int) -> bool:
    """A clause, not a heading: a "label：text" duty line, commas in a text longer than
    ``comma_limit`` (short headings may hold one: "聚焦专项整治，增强安全事故防范能力"), or a
    body acting ("省公安厅加强灾区社会治安…", "住房和城乡建设部门负责…", "市气象局——负责…"), or a duty
    ("负责灾情统计"), or a target ("水上人命救助有效率达到90%")."""
    return any(ch in text for ch in "：:") or (len(text) > comma_limit and any(ch in text for ch in "，,")) \
        or bool(_BODY_ACTING.match(text) or _DUTY_FIRST.match(text) or _TARGET_STATED.search(text))


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
            value = (ord(m.group(2)) - 0x245F) if kind is CIRCLED else cn_to_int(m.group(2))
            return _heading(kind, m.group(1), value, m.group(3), m.start(3))
    return None


def match_decimal(line: str) -> Optional[Heading]:
    """A decimal outline number of two or more levels: "1.1 编制目的", "4.1.1 各级…工作。"."""
    m = _DECIMAL.match(line)
    if not m:
        return None
    parts = re.split(r"\s*[.．]\s*", m.group(2))
    return _heading(DECIMAL[len(parts) - 1], ".".join(parts), int(parts[-1]), m.group(3), m.start(3))


def match_decimal_top(line: str, expected: int) -> Optional[Heading]:
    """The first level of a decimal outline ("1 总则", "2.组织指挥体系", "9 .预案管理") when it
    carries the number ``expected`` and a heading without body."""
    m = _DECIMAL_TOP.match(line)
    if not m or int(m.group(2)) != expected or line[m.start(3):m.start(3) + 1] in MEASURE_WORDS:
        return None
    rest = m.group(3).lstrip(".．、 ")
    heading = _heading(DECIMAL[0], str(expected), expected, rest, m.end() - len(rest))
    return heading if heading.title and not heading.body else None


def _heading(kind: HeadingKind, number: str, value: Optional[int], rest: str, offset: int) -> Heading:
    title, body, off = _split_inline(rest, offset)
    return Heading(kind, number, value, title, body, off if body else 0)


def match_topic(line: str) -> Optional[Topic]:
    m = _TOPIC_DASH.match(line) or _TOPIC_ORDINAL.match(line)
    if m:
        number = m.group(1)
        start = m.start(m.lastindex)
        title, body, off = _split_inline(line[start:], start)
        if title is None and number in ("——", "－－", "--"):    # a long first sentence: no lead-in
            return None
        return Topic(number, title, body, off)   # "一是…" numbers its paragraph even without a title
    m = _TOPIC_COLON.match(line)
    if m:
        body = m.group(2).strip() or None
        return Topic(None, m.group(1), body, m.start(2) + (len(m.group(2)) - len(m.group(2).lstrip())))
    return None


def after_plan_number(line: str) -> str:
    """The words after a plan line's own number ("（2）当地应急部门…" -> "当地应急部门…"); the
    line itself when it opens with none."""
    for _, rx in _PLAN_PATTERNS:
        m = rx.match(line)
        if m:
            return m.group(3)
    return line


def starts_numbered_heading(line: str) -> bool:
    """Cheap test used by the cleaner: does this line open a new numbered block?"""
    return any(rx.match(line) for _, rx in _PLAN_PATTERNS) or any(
        rx.match(line) for _, rx in _STATUTE_PATTERNS) or bool(ARTICLE_RE.match(line) or _DECIMAL.match(line))


def _ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_END
