"""Section sense: what each part of a document is about.

A plan or report mixes parts that look back (现状, 回顾, 成就, "2024年工作回顾", "过去五年…"),
parts that set goals and tasks, safeguard measures (保障措施), the thresholds that define
response levels or grades (启动条件, 分级标准), estimates of cost and benefit, attachments and
prefaces. Only some of them commit to anything: a figure in a review is a result, not a
target; a number under 启动条件 is a trigger. Later stages ask ``SenseIndex.of(node_id)``.

The sense of a part comes from its heading when the heading says so, else from its parent;
a heading that says both (“十三五”时期发展成就和“十四五”时期主要目标任务) or a part whose
heading says nothing is read by its content, paragraph by paragraph: a paragraph that opens
looking back ("过去一年", "五年来", "截至") is a review until a sentence turns forward
("新的一年", "今年要"); one dominated by past-tense statistics (已, 累计, 完成了, 比上年) is a
review; one that narrates recent events (近日, 召开, 会议指出) is a report.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ingest.numerals import to_halfwidth
from ingest.records import DocumentRecord, Node, SectionSense

METHOD = "sense:v1"

REVIEW = "review"          # past results, current situation, background: no targets, no deadlines
GOALS = "goals"
TASKS = "tasks"
MEASURES = "measures"      # 保障措施, 组织实施
CRITERIA = "criteria"      # response-level triggers, grades, definitions: numbers there are thresholds
ESTIMATES = "estimates"    # cost / investment estimates, expected benefits, impact assessments
REPORT = "report"          # narrative of recent events (a bulletin): facts, not commitments
PENALTIES = "penalties"    # 法律责任 / 罚则: fines and sanctions are no targets
ANNEX = "annex"
PREFACE = "preface"        # preface, issuing notice, title block
GENERAL = "general"        # normative text with no more specific sense (总则, 组织指挥, articles)
SENSES = (REVIEW, GOALS, TASKS, MEASURES, CRITERIA, ESTIMATES, REPORT, PENALTIES, ANNEX, PREFACE, GENERAL)

# Where commitments can be read at all (targets, deadlines); REPORT only with a forward cue.
COMMITTING = (GOALS, TASKS, MEASURES, ANNEX, PREFACE, GENERAL)

_FIVE_YEAR = re.compile(r"[“\"‘]?十([一二三四五六七八九]?)五[”\"’]?")
_YEAR = re.compile(r"((?:19|20)\d{2})年")

# -- heading cues (checked in this order within each group) ----------------------------
_CUES: list[tuple[str, re.Pattern]] = [
    (CRITERIA, re.compile(r"启动条件|响应条件|启动标准|分级标准|判别标准|划分标准|等级划分|响应等级|预警级别|预警分级|"
                          r"灾害分级|事件分级|分级$|名词术语|术语|名词解释|用语含义|释义|定义$|区划|预警信号|预警等级|"
                          r"^第\S{1,3}级|级为|(?:预警|响应|启动|发布|判定|认定|划分|定级|分类)标准")),
    (PENALTIES, re.compile(r"法律责任|罚则")),
    (ESTIMATES, re.compile(r"投资需求|投资估算|投资概算|经费估算|资金需求|投资$|经费$|效果评价|效益|效果分析|预期效果|"
                           r"环境影响|影响分析|影响识别|影响评价")),
    (MEASURES, re.compile(r"保障措施|组织实施|实施保障|保障机制|规划实施|^保障")),
    (REVIEW, re.compile(r"回顾|成就|成效|成绩|进展情况|工作进展|现状|概况|基本情况|发展基础|工作基础|基础条件|"
                        r"面临的|形势|存在的?(?:主要)?问题|主要问题|灾害损失|成因|基本特点|特点$|分布$|历史|经验|"
                        r"机遇|挑战|结论")),
    (GOALS, re.compile(r"目标|指标")),
    (TASKS, re.compile(r"任务|重点工作|工作安排|工作重点|工程|行动|项目|措施|规划$|建设$|部署")),
    (PREFACE, re.compile(r"^(?:前言|序言|引言|说明)$|通知$")),
]
_FORWARD_SENSES = (GOALS, TASKS, MEASURES)

# -- content cues ----------------------------------------------------------------------
# A paragraph that opens looking back, or a sentence that turns forward again.
_RETRO_OPEN = re.compile(
    r"^(?:过去(?:的)?(?:一|两|三|四|五|十|\d+)?年|[一二三四五六七八九十两\d]+年(?:以)?来|去年|上年|这一年|这[一二三四五]年|"
    r"近年来|多年来|截至|截止)")
_YEAR_OPEN = re.compile(r"^(?:在|自)?((?:19|20)\d{2})年(?:以来|，|,|是|我国|全国|全省|全市|同|与|和|比)")
_FIVE_YEAR_OPEN = re.compile(r"^[“\"]?十([一二三四五六七八九]?)五[”\"]?(?:时期|期间|以来)")
_FORWARD_OPEN = re.compile(
    r"^(?:今年|明年|新的一年|下一步|今后|未来|当前和今后|面向|展望|要|将|必须|到(?:19|20)\d{2}年)")
# Past-tense statistics and narration: results already achieved (V了, not 为了/了解).
_PAST = re.compile(r"已(?:经)?|累计|同比|同期|比上年|比去年|较上年|共计|分别为|共有|占全|"
                   r"由[^，,；;。]{0,12}\d[^，,；;。]{0,8}(?:增加|增长|提高|下降|减少|降低)到")
_PERFECTIVE = re.compile(r"(?<![为除])了(?![解结])")     # V了: past only where figures are told
# Modal and future words: what a commitment is written with (应 not in 应急/响应, 要 not in 主要/重要).
_MODAL = re.compile(r"(?<![主重纲摘提简])要(?![点素害])|将|应当|(?<![响相供适反对顺效])应(?![急对用变])|须|必须|力争|"
                    r"确保|争取|计划|拟|预期|目标|今年|明年|新的一年|下一步|今后|到(?:19|20)\d{2}年|"
                    r"(?:19|20)\d{2}年(?:底)?前|十[四五六七八九]五[”\"]?(?:期间|末)")
# Narration of recent events (bulletins, news): when it happened, who met, inspected, reported.
_ANCHOR = re.compile(r"近日|日前|\d{1,2}月\d{1,2}日[，,]|截至\d{1,2}月|入汛以来|汛期以来|上半年|会议(?:指出|强调|要求|认为|听取|传达)|"
                     r"先后|出席|审阅")
_EVENT = re.compile(r"召开|主持|听取|带领|调研|印发|组织开展了|进行了")


def heading_sense(heading: str, period: Optional[tuple[int, int]] = None) -> Optional[str]:
    """The sense a heading states, "mixed" when it states looking back and forward, else None."""
    text = to_halfwidth(re.sub(r"\s+", "", heading or ""))
    if not text:
        return None
    found = [sense for sense, cue in _CUES if cue.search(text)]
    if period and _past_period(text, period):
        found.append(REVIEW)
    forward = [s for s in found if s in _FORWARD_SENSES] + ([GOALS] if period and _future_period(text, period) else [])
    if REVIEW in found and forward:
        return "mixed"
    return found[0] if found else None


def _five_year_start(ordinal: str) -> int:
    n = 10 + ("一二三四五六七八九".index(ordinal) + 1 if ordinal else 0)
    return 1966 + 5 * (n - 3)        # the 3rd five-year plan began in 1966, one every five years since


def _past_period(text: str, period: tuple[int, int]) -> bool:
    """A five-year period or a year that ended before the document's period: "十三五", "2020年工作回顾"."""
    for m in _FIVE_YEAR.finditer(text):
        if _five_year_start(m.group(1)) + 4 < period[0]:
            return True
    # a past year, unless the heading plans ("1955年国家决算" looks back, "2021年重点工作" does not)
    return any(int(y) < period[0] for y in _YEAR.findall(text)) and not re.search(r"目标|任务|计划|预算|工作|安排|部署", text)


def _future_period(text: str, period: tuple[int, int]) -> bool:
    return any(_five_year_start(m.group(1)) + 4 >= period[0] for m in _FIVE_YEAR.finditer(text)) \
        and not re.search(r"成就|成效|回顾", text.split("和")[-1])


def sentence_turns_forward(text: str) -> bool:
    return bool(_FORWARD_OPEN.match(_strip_open(text)))


def has_modal(text: str) -> bool:
    """A modal or future word: the sentence commits, it does not report."""
    return bool(_MODAL.search(text))


def _strip_open(text: str) -> str:
    return re.sub(r"^(?:[\s“”\"（(]+|(?:同时|此外|另外|总之|因此|我们|各级政府)[，,]?)", "", text)


def _opens_looking_back(text: str, period: Optional[tuple[int, int]]) -> bool:
    text = _strip_open(text)
    if _RETRO_OPEN.match(text):
        return True
    if not period:
        return False
    year, five = _YEAR_OPEN.match(text), _FIVE_YEAR_OPEN.match(text)
    return bool(year and int(year.group(1)) < period[0]) or bool(five and _five_year_start(five.group(1)) + 4 < period[0])


def paragraph_senses(clauses: list[str], period: Optional[tuple[int, int]] = None) -> list[Optional[str]]:
    """Sense of each sentence of a paragraph read by its content (None: nothing to say)."""
    if not clauses:
        return []
    clauses = [to_halfwidth(t) for t in clauses]
    if _opens_looking_back(clauses[0], period):
        out, state = [], REVIEW
        for text in clauses:
            if state == REVIEW and sentence_turns_forward(text):
                state = None
            out.append(state)
        return out
    past = sum(1 for t in clauses if (_PAST.search(t) or _PERFECTIVE.search(t) and re.search(r"\d", t))
               and not has_modal(t))
    modal = sum(1 for t in clauses if has_modal(t))
    if past >= 2 and past > modal:
        return [REVIEW] * len(clauses)
    anchors = sum(1 for t in clauses if _ANCHOR.search(t))
    narrated = sum(1 for t in clauses if (_ANCHOR.search(t) or _EVENT.search(t) or _PAST.search(t) or _PERFECTIVE.search(t))
                   and not has_modal(t))
    if anchors and narrated > modal:
        return [None if has_modal(t) else REPORT for t in clauses]
    return [None] * len(clauses)


class SenseIndex:
    """The sense of any node: its own if decided, else its innermost decided ancestor's."""

    def __init__(self, senses: Iterable[SectionSense], default: str = GENERAL):
        self.by_id = {s.node_id: s.sense for s in senses}
        self.default = default

    def of(self, node_id: str) -> str:
        key = node_id
        while key:
            if key in self.by_id:
                return self.by_id[key]
            key = key.rpartition("/")[0]
        return self.default

    def commits(self, node_id: str) -> bool:
        """True where a target or deadline may be read (reports: only with a forward cue, see extract)."""
        return self.of(node_id) in COMMITTING


def classify(record: DocumentRecord) -> list[SectionSense]:
    """Senses of the parts of a document that differ from their parent's (a compact list).

    Statutes are normative throughout: only their headings (法律责任) are read. Elsewhere a
    document whose undecided paragraphs mostly narrate (a bulletin) reports by default."""
    meta = record.meta
    period = (meta.period_start, meta.period_end or meta.period_start) if meta.period_start else _date_period(meta.date)
    statute = meta.kind in ("law", "regulation")
    headed: list[SectionSense] = []
    content: list[tuple[str, Optional[str], str]] = []      # (clause id, content sense, sense of its part)

    def visit(node: Node, inherited: str) -> None:
        own = _own_sense(node, period)
        if own == "mixed":
            sense = GENERAL       # "“十四五”期间面临的机遇和挑战": its paragraphs say which way they look
        else:
            sense = own or inherited
            if inherited == REVIEW and sense in _FORWARD_SENSES:
                sense = REVIEW    # "防洪工程建设标准低" under 防灾形势 describes, it does not plan
        if sense != inherited:
            headed.append(SectionSense(node.id, sense, METHOD))
        if node.kind == "paragraph":
            if sense in (REVIEW, CRITERIA, PENALTIES) or statute:
                return
            clauses = [c for c in node.children if c.kind == "clause"]
            for clause, s in zip(clauses, paragraph_senses([c.text or "" for c in clauses], period)):
                content.append((clause.id, s, sense))
            return
        for child in node.children:
            if child.kind not in ("clause", "row", "cell"):
                visit(child, sense)

    visit(record.root, GENERAL)
    if not content:
        return headed                   # no paragraph read for its clauses' senses (a statute): no texts needed
    texts = {n.id: n.text or "" for n in record.clauses()}
    reports = _narrates(content, texts)
    out = list(headed)
    for clause_id, s, part in content:
        if reports and part == GENERAL and s is None:
            text = texts[clause_id]
            s = REPORT if _ANCHOR.search(text) or not has_modal(text) else None
        if s and s != part:
            out.append(SectionSense(clause_id, s, METHOD))
    return out


def _narrates(content: list[tuple[str, Optional[str], str]], texts: dict[str, str]) -> bool:
    """A document that tells what happened (a bulletin): dated anchors (近日, 7月12日，, 入汛以来,
    会议指出) open many of its paragraphs, which plans, emergency plans and reports of intent never do."""
    paragraphs: dict[str, bool] = {}
    for clause_id, _s, part in content:
        if part == GENERAL:
            key = clause_id.rpartition("/")[0]
            paragraphs[key] = paragraphs.get(key, False) or bool(_ANCHOR.search(texts.get(clause_id, "")))
    anchored = sum(paragraphs.values())
    return anchored >= 3 and anchored >= 0.2 * len(paragraphs)


def _own_sense(node: Node, period: Optional[tuple[int, int]]) -> Optional[str]:
    if node.kind == "preface":
        return PREFACE
    if node.kind == "annex":
        return heading_sense(node.heading or "", period) or ANNEX
    # lead-ins ("一是紧盯关键少数确保成效") are rhetoric, not labels: they say nothing of the part
    if node.kind in ("part", "section", "item", "chapter", "table"):
        return heading_sense(node.heading or "", period)
    return None


def _date_period(date: Optional[str]) -> Optional[tuple[int, int]]:
    return (int(date[:4]), int(date[:4])) if date else None
