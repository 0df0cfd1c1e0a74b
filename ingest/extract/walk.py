"""One pass over a document's tree: each clause with its headings, into Facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ingest.extract import actors as actor_rules
from ingest.extract import citations as cite
from ingest.extract.deadlines import METHOD as DEADLINE_METHOD
from ingest.extract.deadlines import find_deadlines, first_date
from ingest.extract.indicator_tables import table_category, table_indicators
from ingest.extract.indicator_text import text_indicators
from ingest.extract.nlp import Words, get_nlp
from ingest.extract.sectors import METHOD_HEADING, METHOD_TEXT, is_lead_in, sector_set, with_lead_in
from ingest.extract.tasks import duty_task, in_task_part, make_task
from ingest.records import Citation, Deadline, DocumentRecord, Facts, Node, Provenance, SectorTag

LAW_KINDS = ("law", "regulation")
# Sections that look back ("十三五"取得的成效, 发展基础): their numbers are results, not targets.
# The innermost heading that says either way decides ("现状与形势" > "“十四五”期间面临的机遇和挑战").
PAST_SECTION = re.compile(r"十三五|成效|现状|发展基础|回顾|存在的|主要问题")
FORWARD_SECTION = re.compile(r"十四五|机遇|挑战|目标|任务|工程|措施|保障")
# Headings that may pass sectors down (when they are sector lead-ins), not whole parts.
SECTOR_HEADING_KINDS = ("topic", "item")


@dataclass
class ClauseContext:
    node: Node
    headings: list[str]           # headings of all ancestors, outermost first
    sector_headings: list[str]    # sector lead-ins above the clause ("城镇燃气安全")


@dataclass
class TableContext:
    node: Node
    context_heading: Optional[str]


def _walk(node: Node, headings: list[str], sector_headings: list[str],
          previous_heading: Optional[str]) -> Iterator[ClauseContext | TableContext]:
    if node.kind == "clause":
        yield ClauseContext(node, headings, sector_headings)
        return
    if node.kind == "table":
        yield TableContext(node, previous_heading or next((h for h in reversed(headings) if h), None))
        return
    own = [node.heading] if node.heading and node.kind != "document" else []
    sector_own = own if node.kind in SECTOR_HEADING_KINDS and own and is_lead_in(own[0]) else []
    before: Optional[str] = None
    for child in node.children:
        yield from _walk(child, headings + own, sector_headings + sector_own, before)
        if child.heading:
            before = child.heading


def _words(text: str) -> list[tuple[int, int]]:
    view = Words(get_nlp().make_doc(text))
    return [(view.starts[i], view.end_char(i)) for i in range(len(view))]


def looks_back(headings: list[str]) -> bool:
    for heading in reversed(headings):
        if PAST_SECTION.search(heading):
            return True
        if FORWARD_SECTION.search(heading):
            return False
    return False


def _period(record: DocumentRecord) -> tuple[int, int]:
    start = record.meta.period_start or 2021
    return start, record.meta.period_end or start + 4


def _row_deadlines(table: Node, period: tuple[int, int]) -> list[Deadline]:
    """Recurrences written into indicator names ("年均十万人火灾死亡率")."""
    out = []
    for row in table.children:
        text = "".join(c.text or "" for c in row.walk() if c.kind == "cell") or row.text or ""
        out += [Deadline(row.id, text, d.expression, d.date, d.start, d.recurrence,
                         Provenance(row.id, d.span, DEADLINE_METHOD)) for d in find_deadlines(text, period)]
    return out


def extract_facts(record: DocumentRecord, corpus_titles: Optional[dict[str, str]] = None) -> Facts:
    meta = record.meta
    is_law = meta.kind in LAW_KINDS
    period = _period(record)
    table_deadline = f"{period[1]:04d}-12-31" if not is_law else None
    facts = Facts()
    registry = actor_rules.ActorRegistry()
    titles = cite.title_index(corpus_titles)

    items = list(_walk(record.root, [], [], None))
    clauses = [c for c in items if isinstance(c, ClauseContext) and c.node.text]
    docs = get_nlp().pipe(c.node.text for c in clauses)

    for item in items:
        if isinstance(item, TableContext):
            facts.indicators += table_indicators(item.node, table_category(item.node, item.context_heading),
                                                 table_deadline)
            facts.deadlines += _row_deadlines(item.node, period)

    for ctx, doc in zip(clauses, docs):
        node, text = ctx.node, ctx.node.text
        # the preface frames the plan ("系统阐明“十四五”期间…"); it commits to nothing itself
        looking_back = looks_back(ctx.headings) or "/preface" in node.id
        view = Words(doc)

        found = actor_rules.clause_actors(doc, meta.region, view)
        if is_law:
            found += actor_rules.duty_actors(text)
        mentions = actor_rules.mentions_for(node.id, found, registry)
        facts.mentions += mentions

        words = [(view.starts[i], view.end_char(i)) for i in range(len(view))]
        sectors = sector_set(text, words)
        lead_in = list(dict.fromkeys(s for h in ctx.sector_headings for s in sector_set(h, _words(h))))
        heading_sectors = with_lead_in(sectors, lead_in)
        facts.sectors += [SectorTag(node.id, s, METHOD_TEXT) for s in sectors]
        facts.sectors += [SectorTag(node.id, s, METHOD_HEADING) for s in heading_sectors]

        for m in cite.find_titles(text):
            target, title = cite.resolve(m.title, titles)
            facts.citations.append(Citation(node.id, title, m.surface, target,
                                            Provenance(node.id, m.span, cite.METHOD)))

        if is_law:
            task = duty_task(node.id, text, sectors + heading_sectors, mentions)
            if task:
                facts.tasks.append(task)
        if looking_back:
            continue
        deadlines = find_deadlines(text, period)
        facts.deadlines += [Deadline(node.id, text, d.expression, d.date, d.start, d.recurrence,
                                     Provenance(node.id, d.span, DEADLINE_METHOD)) for d in deadlines]
        indicators = [] if is_law else text_indicators(node.id, text, deadlines)
        facts.indicators += indicators

        if not is_law and in_task_part(ctx.headings):
            task = make_task(node.id, text, view.words, ctx.headings,
                             sectors + heading_sectors, mentions, first_date(deadlines),
                             [i.id for i in indicators])
            if task:
                facts.tasks.append(task)

    facts.actors = list(registry.actors.values())
    return facts
