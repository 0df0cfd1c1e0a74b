"""What a document commits to in time and number: the deadlines and targets of its clauses and
headings, read only where its parts commit (sections.py), against its own period and date.

- A part that looks back or a preface gives nothing; thresholds (启动条件) and penalties give no
  deadline or target; estimates of cost or benefit give no target and no recurrence.
- A heading that carries a period ("1、近期任务（2021-2023年）", "2021年重点工作") is a deadline of the
  heading node, and everything under it inherits its date (``inherited``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from ingest.extract.deadlines import DeadlineContext, DeadlineMatch, find_deadlines, first_date, horizons
from ingest.extract.deadlines import METHOD as DEADLINE_METHOD
from ingest.extract.indicator_text import restates, states_an_estimate, text_indicators
from ingest.extract.sections import (CRITERIA, ESTIMATES, GOALS, MEASURES, PREFACE, REVIEW, TASKS, SenseIndex,
                                     classify, heading_sense)
from ingest.extract.table_layout import cell_text, headers
from ingest.numerals import CALENDAR_YEAR
from ingest.records import LAW_KINDS, Deadline, DocumentRecord, Indicator, Node, Provenance, SectionSense

SILENT = (REVIEW,)                             # nothing at all is read there
NO_DEADLINES = (CRITERIA,)
NO_TARGETS = (CRITERIA, ESTIMATES)
FORWARD = (GOALS, TASKS, MEASURES)             # penalties: the clause's fines are no targets, its time limits are
_HEADING_KINDS = ("part", "section", "item", "topic", "chapter", "annex")
# a table's column of time limits ("完成时限 | 2023年")
_DUE_COLUMN = re.compile(r"完成时限|完成时间|时间节点|时限|完成期限|时间安排|进度安排|截止时间|实施期限|建设期限|"
                         r"建设年限|实施年限|完成年限|时间要求|完成年份")
# a column of what is to be done in a year, its year in the header ("2025年目标", "2024年度任务"): that
# year is the deadline of each row holding something there (a bare year is a baseline: "2020年 | 2025年")
_YEAR_TARGET_COLUMN = re.compile(r"^(?:到|至)?((?:19|20)\d{2}年)(?:度|底|末)?(?:的)?(?:目标值?|任务|工作目标|目标任务|预期目标|"
                                 r"计划|工作计划|完成目标|要求)$")
_STANDING_TITLE = re.compile(r"预案|条例|办法|规定|细则|制度|规程|规范|标准")
_CALENDAR = re.compile(CALENDAR_YEAR)


# what a notice asks its addressees to send by a date or at intervals
_NOTICE_REQUEST = re.compile(r"^[^，,。；;]{0,12}?(?:报送|上报|报|备案|反馈|提交|报告)")


@dataclass
class ClauseCommitments:
    deadlines: list[DeadlineMatch] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    due: Optional[str] = None          # the date a task here is tied to (its own, else its heading's)
    silent: bool = False               # a review or a preface: no task there


def deadline_context(record: DocumentRecord) -> DeadlineContext:
    meta = record.meta
    period = (meta.period_start, meta.period_end or meta.period_start + 4) if meta.period_start else None
    kinds = ("clause",) + _HEADING_KINDS
    texts = [n.text or n.heading or "" for n in record.nodes() if n.kind in kinds]
    near, far = horizons(texts, period)
    statute = meta.kind in LAW_KINDS
    # an emergency plan or a statute stands until replaced: a month without a year recurs; a
    # programme issued on a date ("工作方案", "2022年4月26日") means that year's month
    dated_programme = meta.date is not None and not _STANDING_TITLE.search(meta.title or "")
    standing = statute or (period is None and meta.kind != "report" and not dated_programme)
    return DeadlineContext(period=period, date=meta.date, near=near, far=far, standing=standing, statute=statute)


class Commitments:
    def __init__(self, record: DocumentRecord):
        self.record = record
        self.statute = record.meta.kind in LAW_KINDS
        self.context = deadline_context(record)
        self.sections: list[SectionSense] = classify(record)
        self.senses = SenseIndex(self.sections)
        self._heading_dates: dict[str, str] = {}
        self.headings: list[Deadline] = self._read_headings()
        self._leads = _paragraph_leads(record)
        self._sentence_frame: tuple[Optional[str], Optional[str]] = (None, None)   # (paragraph, date)

    def _read_headings(self) -> list[Deadline]:
        out = []
        for node in self.record.nodes():
            if node.kind not in _HEADING_KINDS or not node.heading:
                continue
            if self.senses.of(node.id) in SILENT + NO_DEADLINES + (PREFACE,):
                continue
            found = [d for d in find_deadlines(node.heading, self.context, heading=True) if not d.recurrence]
            if heading_sense(node.heading, self.context.period) == "mixed":
                found = [d for d in found if self._forward_half(node.heading, d)]
            if found and first_date(found):
                self._heading_dates[node.id] = first_date(found)
            out += [Deadline(node.id, node.heading, d.expression, d.date, d.start, d.recurrence,
                             Provenance(node.id, d.span, DEADLINE_METHOD)) for d in found]
        return out

    def _forward_half(self, heading: str, d: DeadlineMatch) -> bool:
        """In a heading that looks back and forward ("“十三五”时期发展成就和“十四五”时期主要目标任务"), the
        half the period is written in must be the forward one ("“十四五”期间面临的机遇和挑战" is not)."""
        start = 0
        for half in re.split(r"(?<=[和与及])", heading):
            if start <= d.span[0] < start + len(half):
                return heading_sense(half.rstrip("和与及"), self.context.period) in FORWARD
            start += len(half)
        return False

    def inherited(self, node_id: str) -> Optional[str]:
        key = node_id.rpartition("/")[0]
        while key:
            if key in self._heading_dates:
                return self._heading_dates[key]
            key = key.rpartition("/")[0]
        return None

    @property
    def plan_end(self) -> Optional[str]:
        period = self.context.period
        return f"{period[1]:04d}-12-31" if period and not self.statute else None

    def clause(self, node: Node, tables: list[Indicator] = ()) -> ClauseCommitments:
        """``tables``: the document's table indicators (a prose target restated in the text stays theirs)."""
        sense, text = self.senses.of(node.id), node.text or ""
        if sense in SILENT:
            return ClauseCommitments(silent=True)
        deadlines: list[DeadlineMatch] = []
        if sense not in NO_DEADLINES and not states_an_estimate(text):
            deadlines = find_deadlines(text, self.context)
            if self.statute:    # a statute has no period: only calendar dates and recurrences mean anything
                deadlines = [d for d in deadlines if d.recurrence or _CALENDAR.search(d.expression)]
            if sense == ESTIMATES:   # "每年可减少损失…" is a benefit, not a recurring duty
                deadlines = [d for d in deadlines if not d.recurrence]
        if sense == PREFACE:
            # a preface frames the document ("系统阐明“十四五”期间…"); only its own period, when it
            # defines one ("规划期为2021—2024年"), is a deadline there, and it sets no target
            # and an issuing notice's own request for a report ("于2024年3月15日前报市安办备案",
            # "每季度报送一次工作进展情况") is one
            deadlines = [d for d in deadlines if re.search(r"(?:规划|实施|方案|计划)期(?:限)?为$", text[:d.span[0]])
                         or _NOTICE_REQUEST.match(text[d.span[1]:]) and (d.recurrence or d.expression.endswith("前"))]
            return ClauseCommitments(deadlines, [], first_date(deadlines), silent=True)
        indicators = [] if sense in NO_TARGETS else text_indicators(
            node.id, text, deadlines, sense, self.context.standing, self._leads.get(node.id, ""),
            self.context.first_year)
        prose = [t.text for t in tables if t.comparator == "text" and t.text]
        indicators = [i for i in indicators if not restates(i, prose)]
        due = first_date(deadlines) or self._framed(node.id) or self.inherited(node.id)
        self._frame_sentence(node.id, text, deadlines)
        for ind in indicators:
            ind.deadline = ind.deadline or due
        return ClauseCommitments(deadlines, indicators, due)

    def _framed(self, node_id: str) -> Optional[str]:
        """The date a sentence opened with ("到2025年，A；B；C。"), for its later clauses."""
        paragraph, date = self._sentence_frame
        return date if paragraph and node_id.rpartition("/")[0] == paragraph else None

    def _frame_sentence(self, node_id: str, text: str, deadlines: list[DeadlineMatch]) -> None:
        paragraph = node_id.rpartition("/")[0]
        opening = next((d for d in deadlines if d.date and not d.recurrence and d.span[0] <= 2
                        and text[d.span[1]:d.span[1] + 1] in "，,"), None)
        if opening is not None:
            self._sentence_frame = (paragraph, opening.date)
        if not text.rstrip().endswith(("；", ";")) or self._sentence_frame[0] != paragraph:
            self._sentence_frame = (None, None)          # the sentence ends here (or the paragraph did)

    def rows(self, table: Node) -> list[Deadline]:
        """The deadlines of a table's rows: recurrences written into indicator names ("年均十万人火灾
        死亡率"), dates in any cell, and in a column of time limits ("完成时限") a bare year or month
        ("2023年", "2024年12月"), which is the row's deadline there as it is in a heading."""
        out = []
        labels = headers(table)
        due_columns = [j for j, label in enumerate(labels) if label and _DUE_COLUMN.search(label)]
        # (the header's year read once for the table: every row it dates shares it)
        year_columns = {j: d for j, m in enumerate(map(_YEAR_TARGET_COLUMN.match, labels)) if m
                        for d in find_deadlines(m.group(1), self.context, heading=True)[:1]}
        for row in table.children:
            cells = [c for c in row.walk() if c.kind == "cell"]
            text = " ".join(c.text or "" for c in cells) or row.text or ""
            found = find_deadlines(text, self.context)
            for j in due_columns:
                cell, at = _cell_at(cells, j, text)
                if at < 0 or any(at <= d.span[0] < at + len(cell) for d in found):
                    continue
                for d in find_deadlines(cell, self.context, heading=True):
                    d.span = (d.span[0] + at, d.span[1] + at)
                    found.append(d)
            found += self._column_year(cells, text, year_columns) if not any(d.date for d in found) else []
            out += [Deadline(row.id, text, d.expression, d.date, d.start, d.recurrence,
                             Provenance(row.id, d.span, DEADLINE_METHOD)) for d in found]
        return out

    @staticmethod
    def _column_year(cells: list[Node], text: str, year_columns: dict[int, DeadlineMatch]) -> list[DeadlineMatch]:
        """The header's year of the first target column this row fills, spanning the row's cell."""
        for j, year in year_columns.items():
            cell, at = _cell_at(cells, j, text)
            if at >= 0:
                return [replace(year, span=(at, at + len(cell)))]
        return []


def _cell_at(cells: list[Node], index: int, text: str) -> tuple[str, int]:
    """A row's cell in column ``index`` and where the row's text holds it ("", -1 when empty or missing)."""
    cell = cell_text(cells, index)
    return (cell, text.find(cell)) if cell else ("", -1)



_OPENER = re.compile(r"今年|明年|拟|预期|计划|规划|目标")
_LEAD_IN_COLON = re.compile(r"^[^：:]{2,40}[：:]")


def _paragraph_leads(record: DocumentRecord) -> dict[str, str]:
    """Clause id -> what introduces it: a lead-in ending in a colon ("今年发展主要预期目标是："), a lead-in
    heading above it, or its paragraph's first sentence when that one announces targets or plans."""
    leads: dict[str, str] = {}

    def visit(node: Node, heading_lead: str) -> None:
        if node.kind == "topic" and node.heading:
            heading_lead = node.heading
        if node.kind == "paragraph":
            lead, opener = None, ""
            for c in (c for c in node.children if c.kind == "clause"):
                opened = _LEAD_IN_COLON.match(c.text or "")
                lead = opened.group() if opened else lead
                text = lead or heading_lead or opener
                if text:
                    leads[c.id] = text
                if _OPENER.search(c.text or ""):
                    opener = c.text or ""       # "今年赤字率拟按4%左右安排…" frames the budget lines after it
            return
        for child in node.children:
            visit(child, heading_lead)

    visit(record.root, "")
    return leads
