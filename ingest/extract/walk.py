"""One pass over a document's tree: each clause with its headings, into Facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ingest.extract import actors as actor_rules
from ingest.extract import citations as cite
from ingest.extract import duty_tables
from ingest.extract.commitments import Commitments
from ingest.extract.deadlines import METHOD as DEADLINE_METHOD
from ingest.extract.groups import WorkingGroups, spread_notes
from ingest.extract.indicator_tables import table_category, table_indicators
from ingest.extract.nlp import Words, get_nlp, segment_clauses
from ingest.extract.sectors import METHOD_HEADING, METHOD_TEXT, is_lead_in, sector_set, with_lead_in
from ingest.extract.tasks import duty_task, make_task
from ingest.fields import is_assignment_note
from ingest.records import (LAW_KINDS, ActorMention, Citation, Deadline, DocumentRecord, Facts, Node, Provenance,
                            SectorTag)
from ingest.tables import BOX_TITLE

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


def _walk(node: Node, headings: list[str], sector_headings: list[str], previous_heading: Optional[str],
          out: list[ClauseContext | TableContext]) -> None:
    """Append the clauses and tables under ``node`` to ``out``, in document order (appended where
    they are found: nested generators handed each clause up through every level of the tree)."""
    if node.kind == "clause":
        out.append(ClauseContext(node, headings, sector_headings))
        return
    if node.kind == "table":
        out.append(TableContext(node, previous_heading or next((h for h in reversed(headings) if h), None)))
        return
    own = [node.heading] if node.heading and node.kind != "document" else []
    sector_own = own if node.kind in SECTOR_HEADING_KINDS and own and is_lead_in(own[0]) else []
    before: Optional[str] = None
    for child in node.children:
        _walk(child, headings + own, sector_headings + sector_own, before, out)
        if child.heading:
            before = child.heading


@lru_cache(maxsize=4096)
def _lead_in_sectors(heading: str) -> tuple[str, ...]:
    view = Words(get_nlp().make_doc(heading))
    return tuple(sector_set(heading, view.spans()))


class _Extraction:
    """The state of one document's extraction: its facts so far and one registry of actors."""

    def __init__(self, record: DocumentRecord, corpus_titles: Optional[dict[str, str]]):
        self.meta = record.meta
        self.is_law = record.meta.kind in LAW_KINDS
        # deadlines and targets, read where the document's parts commit (section sense)
        self.commitments = Commitments(record)
        self.facts = Facts(deadlines=list(self.commitments.headings), sections=self.commitments.sections)
        self.registry = actor_rules.ActorRegistry()
        self.titles = cite.title_index(corpus_titles)
        self.bodies = actor_rules.document_context(record)
        self.groups = WorkingGroups()
        self.box: Optional[tuple[str, str]] = None     # (the part holding it, its title): the 专栏 being read

    def table(self, item: TableContext) -> None:
        deadline = self.commitments.plan_end                     # table targets: end of the plan
        category = table_category(item.node, item.context_heading)
        self.facts.indicators += table_indicators(item.node, category, deadline)
        row_deadlines = self.commitments.rows(item.node)
        self.facts.deadlines += row_deadlines
        self._duties(item, row_deadlines)

    def _duties(self, item: TableContext, row_deadlines: list[Deadline]) -> None:
        """A table of duties or tasks (ingest.extract.duty_tables): each row's bodies, in the
        roles of their columns, and the row's task — its duty, with those bodies and the
        deadline its own cells give."""
        layout = duty_tables.duty_layout(item.node)
        if layout is None:
            return
        cells = duty_tables.body_cells(item.node, layout)
        by_row: dict[str, list[ActorMention]] = {}
        for (row, _text, role), doc in zip(cells, segment_clauses(text for _row, text, _role in cells)):
            found = actor_rules.cell_actors(doc, self.meta.region, role, self.bodies)
            by_row.setdefault(row.id, []).extend(actor_rules.mentions_for(row.id, found, self.registry))
        for mentions in by_row.values():
            self.facts.mentions += mentions
        duties = [(row, text) for row, text in duty_tables.row_duties(item.node, layout) if by_row.get(row.id)]
        due = {d.clause_id: d.date for d in row_deadlines if d.date and not d.recurrence}
        headings = [item.context_heading] if item.context_heading else []
        for (row, text), doc in zip(duties, segment_clauses(text for _row, text in duties)):
            view = Words(doc)
            task = make_task(row.id, text, view.words, headings, sector_set(text, bounds=view.bounds),
                             by_row[row.id], due.get(row.id), [])
            self.facts.tasks += [task] if task else []

    def clause(self, ctx: ClauseContext, doc) -> None:
        facts, node, text = self.facts, ctx.node, ctx.node.text
        view = Words(doc)

        self.bodies.enter_clause(text, ctx.headings)
        heading = ctx.headings[-1] if ctx.headings else None
        found = actor_rules.clause_actors(doc, self.meta.region, view, self.bodies)
        found += actor_rules.inherited_duty_head(node.id, view, found, self.bodies,
                                                 actor_rules.duty_heading(ctx.headings))
        found += actor_rules.carried_subject(node.id, view, found, self.bodies)
        if not self.is_law:
            found = self.groups.read(node.id, text, heading, found)
        mentions = actor_rules.mentions_for(node.id, found, self.registry)
        facts.mentions += mentions

        sectors = sector_set(text, bounds=view.bounds)     # the words' bounds only if a label occurs
        lead_in = list(dict.fromkeys(s for h in ctx.sector_headings for s in _lead_in_sectors(h))) \
            if ctx.sector_headings else []         # most clauses: no lead-in above them
        inherited = with_lead_in(sectors, lead_in)
        facts.sectors += [SectorTag(node.id, s, METHOD_TEXT) for s in sectors]
        facts.sectors += [SectorTag(node.id, s, METHOD_HEADING) for s in inherited]
        all_sectors = sectors + inherited

        for m in cite.find_titles(text):
            target, title = cite.resolve(m.title, self.titles)
            facts.citations.append(Citation(node.id, title, m.surface, target, Provenance(node.id, m.span, cite.METHOD)))

        # the preface frames the plan and review parts report the past: neither commits to anything
        committed = self.commitments.clause(node, facts.indicators)
        facts.deadlines += self._deadlines(node, committed.deadlines)
        facts.indicators += committed.indicators
        if self.is_law:
            task = duty_task(node.id, text, all_sectors, mentions)
            facts.tasks += [task] if task else []
            return
        if committed.silent:
            return
        headings = self._in_box(node.id, text, ctx.headings)
        if headings is None:
            return                                  # a box's title ("专栏2 …重点工程") is no task
        task = make_task(node.id, text, view.words, headings, all_sectors, mentions,
                         committed.due, [i.id for i in committed.indicators])
        if heading and _OPENS_ITS_PART.search(node.id) and is_assignment_note(text):
            task = self._heading_task(node.id, heading, ctx.headings, mentions, committed.due) or task
        facts.tasks += [task] if task else []

    def _in_box(self, clause_id: str, text: str, headings: list[str]) -> Optional[list[str]]:
        """A plan's box ("专栏2 应急救援能力提升重点工程" and the numbered items after it, a line of the
        text where a conversion lost its frame): its title is a heading of the items it lists, and
        no task itself (None); the box ends at the next paragraph of the part that holds it."""
        paragraph = clause_id.rsplit("/cl_", 1)[0]
        if BOX_TITLE.match(text):
            # (a title after a box's last item was read as that item's paragraph: the box is its list's)
            self.box = (re.sub(r"(?:/item_\d+)*/para_\d+$", "", paragraph), text)
            return None
        if self.box is not None:
            holder, title = self.box
            if clause_id.startswith(holder + "/item_"):
                return headings + [title]
            if paragraph.startswith(holder + "/para_") or not clause_id.startswith(holder + "/"):
                self.box = None
        return headings

    @staticmethod
    def _heading_task(clause_id: str, heading: str, headings: list[str], mentions: list[ActorMention],
                      due: Optional[str]):
        """An item that is its heading and a note ("（三）推进餐饮场所安装报警装置。【责任单位】市商务局"):
        the heading is the task the note assigns."""
        view = Words(next(segment_clauses([heading])))
        return make_task(clause_id, heading, view.words, headings[:-1], sector_set(heading, bounds=view.bounds),
                         mentions, due, [])

    @staticmethod
    def _deadlines(node: Node, found) -> list[Deadline]:
        return [Deadline(node.id, node.text, d.expression, d.date, d.start, d.recurrence,
                         Provenance(node.id, d.span, DEADLINE_METHOD)) for d in found]


# the first clause of a part's first paragraph: nothing of the part stands before it but its heading
_OPENS_ITS_PART = re.compile(r"/para_1/cl_1$")


def extract_facts(record: DocumentRecord, corpus_titles: Optional[dict[str, str]] = None) -> Facts:
    """All facts of one document; ``corpus_titles`` (title -> document id) links citations."""
    run = _Extraction(record, corpus_titles)
    items: list[ClauseContext | TableContext] = []
    _walk(record.root, [], [], None, items)
    for item in items:
        if isinstance(item, TableContext):
            run.table(item)
    clauses = [c for c in items if isinstance(c, ClauseContext) and c.node.text]
    for ctx, doc in zip(clauses, segment_clauses(c.node.text for c in clauses)):
        run.clause(ctx, doc)
    if not run.is_law:      # a plan's task takes the bodies of the note that assigns it
        spread_notes(run.facts, [(c.node.id, c.node.text) for c in clauses])
    run.facts.actors = list(run.registry.actors.values())
    return run.facts
