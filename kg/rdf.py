"""One DocumentRecord -> the triples of its named graph.

Everything a document contributes (its metadata, structure tree, and the facts
extracted from it, each with provenance) goes into one graph named by the
document IRI, so replacing or removing a document is dropping one graph.
Actors and sectors are shared IRIs; each document graph describes the actors
it mentions (so dropping a document never strips another's actors). Stores that
form the union per graph (Oxigraph, Virtuoso) then match such triples once per
document: library queries use SELECT DISTINCT.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, QB, RDF, RDFS, SKOS, TIME, XSD

from ingest.records import (
    Actor, ActorMention, Citation, Deadline, DocumentRecord, Indicator, Node, Provenance, Task,
)
from kg import iris
from kg.iris import ELI, PK
from ingest.extract.sections import GENERAL, SenseIndex
from kg.names import normalize_indicator_name
from kg.ontology import SectorIndex

DOC_CLASS = {"plan": PK.Plan, "law": PK.Law, "regulation": PK.Regulation, "report": PK.Report}
NODE_CLASS = {
    "preface": PK.Preface, "part": PK.Part, "section": PK.Section, "item": PK.Item,
    "topic": PK.Topic, "chapter": PK.Chapter, "article": PK.Article, "paragraph": PK.Paragraph,
    "clause": PK.Clause, "table": PK.Table, "row": PK.TableRow, "cell": PK.TableCell,
    "annex": PK.Annex,
}
ROLE_SHORTCUT = {"lead": PK.leadActor, "cooperate": PK.cooperatingActor, "subject": PK.subjectActor}
_METHOD_VERSION = re.compile(r"^(?P<method>.*?)(?::(?P<version>v[\w.]+))?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _date(value: Optional[str]) -> Optional[Literal]:
    return Literal(value, datatype=XSD.date) if value and _ISO_DATE.match(value) else None


class _Writer:
    """Accumulates one document's triples; small helpers keep provenance uniform."""

    def __init__(self, record: DocumentRecord, sectors: SectorIndex):
        self.record = record
        self.doc_id = record.meta.id
        self.doc = iris.doc_iri(self.doc_id)
        self.sectors = sectors
        self.g = Graph()

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    # -- provenance ----------------------------------------------------------
    def provenance(self, fact: URIRef, prov: Optional[Provenance], fallback_clause: Optional[str]) -> None:
        clause_id = prov.clause_id if prov else fallback_clause
        if clause_id:
            self.add(fact, PROV.wasDerivedFrom, self.node_ref(clause_id))
        if prov is not None and prov.span:
            self.add(fact, PK.charStart, Literal(int(prov.span[0])))
            self.add(fact, PK.charEnd, Literal(int(prov.span[1])))
        # A fact whose extractor recorded no method still names an (unrecorded) activity.
        self.activity(fact, prov.method if prov and prov.method else "unrecorded")
        self.add(fact, PK.inDocument, self.doc)

    def activity(self, fact: URIRef, method: str) -> None:
        act = iris.activity_iri(method)
        self.add(fact, PROV.wasGeneratedBy, act)
        self.add(act, RDF.type, PK.ExtractionActivity)
        m = _METHOD_VERSION.match(method or "unknown")
        self.add(act, PK.method, Literal(m.group("method") or "unknown"))
        if m.group("version"):
            self.add(act, PK.methodVersion, Literal(m.group("version")))
        self.add(act, RDFS.label, Literal(method or "unknown"))

    def node_ref(self, node_id: str) -> URIRef:
        return iris.node_iri(node_id)

    # -- document ------------------------------------------------------------
    def document(self) -> None:
        m, doc = self.record.meta, self.doc
        self.add(doc, RDF.type, DOC_CLASS.get(m.kind, PK.Document))
        self.add(doc, RDF.type, PK.Document)
        self.add(doc, DCTERMS.identifier, Literal(m.id))
        self.add(doc, ELI.title, zh(m.title))
        self.add(doc, DCTERMS.title, zh(m.title))
        self.add(doc, PK.documentKind, Literal(m.kind))
        if m.region:
            self.add(doc, PK.region, zh(m.region))
        if m.level:
            self.add(doc, PK.level, Literal(m.level))
        if m.category:
            self.add(doc, PK.category, zh(m.category))
        if m.source_file:
            self.add(doc, PK.sourceFile, Literal(m.source_file))
        if m.source_sha256:
            self.add(doc, PK.sourceSha256, Literal(m.source_sha256))
        if m.source_format:
            self.add(doc, PK.sourceFormat, Literal(m.source_format))
        if m.issuer:
            issuer = iris.actor_iri(m.issuer)
            self.add(doc, ELI.passed_by, issuer)
            # an issuer the text itself names (国务院办公厅 in its own plan) is written once, as extracted
            if not any(a.id == m.issuer for a in self.record.facts.actors):
                self.actor(Actor(id=m.issuer, name=m.issuer, kind="government", region=m.region))
        self.add(doc, ELI.date_document, _date(m.date))
        if m.vision_year:
            self.add(doc, PK.visionYear, Literal(str(m.vision_year), datatype=XSD.gYear))
        if m.period_start and m.period_end:
            self.period(m.period_start, m.period_end)

    def period(self, start: int, end: int) -> None:
        interval = iris.period_iri(self.doc_id)
        begin, finish = iris.period_iri(self.doc_id, "start"), iris.period_iri(self.doc_id, "end")
        self.add(self.doc, PK.period, interval)
        self.add(interval, RDF.type, TIME.Interval)
        self.add(interval, RDFS.label, zh(f"{start}–{end}年"))
        self.add(interval, TIME.hasBeginning, begin)
        self.add(interval, TIME.hasEnd, finish)
        for instant, day in ((begin, f"{start}-01-01"), (finish, f"{end}-12-31")):
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDDate, Literal(day, datatype=XSD.date))

    # -- structure -----------------------------------------------------------
    def tree(self, node: Node, parent: Optional[URIRef], order: int) -> None:
        if node.kind == "document":
            me = self.doc
        else:
            me = self.node_ref(node.id)
            self.add(me, RDF.type, NODE_CLASS.get(node.kind, PK.Subdivision))
            self.add(me, RDF.type, PK.Subdivision)
            self.add(me, DCTERMS.identifier, Literal(node.id))
            self.add(me, PK.inDocument, self.doc)
            self.add(me, ELI.is_part_of, parent)
            self.add(parent, ELI.has_part, me)
            self.add(me, PK.order, Literal(order))
            if node.number:
                self.add(me, ELI.number, zh(node.number))
            if node.heading:
                self.add(me, PK.heading, zh(node.heading))
            # Paragraph text is the concatenation of its clauses: stored once, on the leaves.
            if node.text and (node.kind in ("clause", "cell") or not node.children):
                self.add(me, PK.text, zh(node.text))
            if node.span:
                self.add(me, PK.charStart, Literal(int(node.span[0])))
                self.add(me, PK.charEnd, Literal(int(node.span[1])))
        for i, child in enumerate(node.children, start=1):
            self.tree(child, me, i)

    # -- facts ---------------------------------------------------------------
    def actor(self, a: Actor) -> URIRef:
        me = iris.actor_iri(a.id)
        self.add(me, RDF.type, PK.Actor)
        if a.kind != "person":   # 个人 (laws' "任何单位和个人") is an agent, not an organisation
            self.add(me, RDF.type, ORG.Organization)
        self.add(me, SKOS.prefLabel, zh(a.name))
        self.add(me, RDFS.label, zh(a.name))
        for alias in a.aliases:
            if alias != a.name:
                self.add(me, SKOS.altLabel, zh(alias))
        self.add(me, PK.actorKind, Literal(a.kind))
        if a.region:
            self.add(me, PK.region, zh(a.region))
        if a.level:
            self.add(me, PK.level, Literal(a.level))
        return me

    def sub_organisations(self, actors: list[Actor]) -> None:
        """A 局/委/办 scoped to the plan's region is part of the issuing government (ORG)."""
        m = self.record.meta
        if not (m.issuer and m.region):
            return
        government = iris.actor_iri(m.issuer)
        for a in actors:
            if (a.id != m.issuer and a.kind == "organisation" and a.region == m.region
                    and a.name.startswith(m.region) and re.search(r"(局|委员会|委|办公室|办)$", a.name)):
                self.add(iris.actor_iri(a.id), ORG.subOrganizationOf, government)

    def mention(self, m: ActorMention, holder: Optional[URIRef] = None) -> URIRef:
        resp = iris.responsibility_iri(m.clause_id, m.actor_id, m.role)
        actor = iris.actor_iri(m.actor_id)
        clause = self.node_ref(m.clause_id)
        self.add(resp, RDF.type, PK.Responsibility)
        self.add(resp, PK.actor, actor)
        self.add(resp, PK.role, Literal(m.role))
        self.add(resp, PK.clause, clause)
        self.add(resp, PK.surface, zh(m.surface))
        self.provenance(resp, m.provenance, m.clause_id)
        self.add(clause, PK.hasResponsibility, resp)
        if holder is not None:
            self.add(holder, PK.hasResponsibility, resp)
        shortcut = ROLE_SHORTCUT.get(m.role)
        if shortcut is not None:
            self.add(clause, shortcut, actor)
            if holder is not None:
                self.add(holder, shortcut, actor)
        return resp

    def indicator(self, ind: Indicator) -> None:
        me = iris.indicator_iri(ind.id)
        dataset = iris.indicator_set_iri(self.doc_id)
        self.add(dataset, RDF.type, PK.IndicatorSet)
        self.add(dataset, QB.structure, PK.indicatorStructure)
        self.add(dataset, PK.inDocument, self.doc)
        self.add(me, RDF.type, PK.IndicatorTarget)
        self.add(me, RDF.type, QB.Observation)
        self.add(me, QB.dataSet, dataset)
        self.add(me, PK.indicatorName, zh(ind.name))
        self.add(me, RDFS.label, zh(ind.name))
        self.add(me, PK.normalizedName, Literal(normalize_indicator_name(ind.name)))
        self.add(me, PK.comparator, Literal(ind.comparator))
        if ind.value is not None:
            # Decimal from the written form keeps 0.0112 exact (a float would not).
            self.add(me, PK.targetValue, Literal(_decimal(ind.value), datatype=XSD.decimal))
        if ind.upper is not None:      # a range: targetValue is its lower bound
            self.add(me, PK.upperValue, Literal(_decimal(ind.upper), datatype=XSD.decimal))
        if ind.unit:
            self.add(me, PK.unit, Literal(ind.unit))
        if ind.attribute:
            self.add(me, PK.indicatorAttribute, zh(ind.attribute))
        if ind.table:
            self.add(me, PK.category, zh(ind.table))
        if ind.text:
            self.add(me, PK.targetText, zh(ind.text))
        if ind.baseline:
            self.add(me, PK.baseline, zh(ind.baseline))
        self.add(me, PK.dueDate, _date(ind.deadline))
        self.provenance(me, ind.provenance, ind.clause_id)

    def deadline(self, d: Deadline, n: int) -> None:
        me = iris.deadline_iri(d.clause_id, n)
        clause = self.node_ref(d.clause_id)
        self.add(clause, PK.hasDeadline, me)
        self.add(me, RDF.type, PK.Deadline)
        self.add(me, PK.expression, zh(d.expression))
        self.add(me, RDFS.label, zh(d.expression))
        if d.recurrence:
            self.add(me, RDF.type, PK.RecurringDeadline)
            self.add(me, PK.recurrence, zh(d.recurrence))
        due = _date(d.date)
        if due is not None:
            self.add(me, PK.dueDate, due)
            if d.start and _date(d.start) is not None:
                begin, end = URIRef(f"{me}/start"), URIRef(f"{me}/end")
                self.add(me, RDF.type, TIME.Interval)
                self.add(me, TIME.hasBeginning, begin)
                self.add(me, TIME.hasEnd, end)
                for instant, day in ((begin, _date(d.start)), (end, due)):
                    self.add(instant, RDF.type, TIME.Instant)
                    self.add(instant, TIME.inXSDDate, day)
            else:
                self.add(me, RDF.type, TIME.Instant)
                self.add(me, TIME.inXSDDate, due)
        self.provenance(me, d.provenance, d.clause_id)

    def task(self, t: Task) -> None:
        me = iris.task_iri(t.id)
        self.add(me, RDF.type, PK.Task)
        if t.key_project:
            self.add(me, RDF.type, PK.KeyProject)
        self.add(me, PK.text, zh(t.text))
        if t.verb:
            self.add(me, PK.verb, zh(t.verb))
        for clause_id in t.clause_ids:
            self.add(me, PK.sourceClause, self.node_ref(clause_id))
        for key in t.sectors:
            self.add(me, PK.sector, self.sectors.concept(key))
        for m in t.actors:
            self.mention(m, holder=me)
        self.add(me, PK.dueDate, _date(t.deadline))
        for ind_id in t.indicator_ids:
            self.add(me, PK.targetsIndicator, iris.indicator_iri(ind_id))
        self.provenance(me, t.provenance, t.clause_ids[0] if t.clause_ids else None)

    def citation(self, c: Citation, n: int) -> None:
        me = iris.citation_iri(c.clause_id, n)
        clause = self.node_ref(c.clause_id)
        self.add(clause, PK.hasCitation, me)
        self.add(me, RDF.type, PK.Citation)
        self.add(me, PK.citedTitle, zh(c.title))
        self.add(me, PK.surface, zh(c.surface))
        if c.target_doc:
            target = iris.doc_iri(c.target_doc)
            self.add(me, PK.citedDocument, target)
            self.add(clause, ELI.cites, target)
        self.provenance(me, c.provenance, c.clause_id)

    def facts(self) -> None:
        f = self.record.facts
        for a in f.actors:
            self.actor(a)
        self.sub_organisations(f.actors)
        for m in f.mentions:
            self.mention(m)
        for ind in f.indicators:
            self.indicator(ind)
        _numbered(f.deadlines, lambda d: d.clause_id, self.deadline)
        for t in f.tasks:
            self.task(t)
        for tag in f.sectors:
            self.add(self.node_ref(tag.clause_id), PK.sector, self.sectors.concept(tag.sector))
        _numbered(f.citations, lambda c: c.clause_id, self.citation)
        self.section_senses(f.sections)

    def section_senses(self, sections) -> None:
        """What each part is about, where it is decided (a part's sense holds for what it contains),
        and each clause's own sense unless it is plain normative text (``general``)."""
        index = SenseIndex(sections)
        for s in sections:
            if "/cl_" not in s.node_id:
                self.add(self.node_ref(s.node_id), PK.sectionSense, Literal(s.sense))
        for clause in self.record.clauses():
            sense = index.of(clause.id)
            if sense != GENERAL:
                self.add(self.node_ref(clause.id), PK.sectionSense, Literal(sense))


def _numbered(items, clause_of, emit) -> None:
    """Number facts per clause (1, 2, …) in record order: stable ids without hashing."""
    counts: dict[str, int] = {}
    for item in items:
        key = clause_of(item)
        counts[key] = counts.get(key, 0) + 1
        emit(item, counts[key])


def _decimal(value: float) -> str:
    """xsd:decimal lexical form of the shortest repr: 0.0112 stays 0.0112, 1e-05 becomes 0.00001."""
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def record_graph(record: DocumentRecord, sectors: SectorIndex) -> Graph:
    """All triples of one document (to be stored in the named graph ``iris.doc_iri(id)``)."""
    w = _Writer(record, sectors)
    w.document()
    w.tree(record.root, None, 0)
    w.facts()
    return w.g
