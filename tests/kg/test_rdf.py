"""records -> triples: IRIs, literals, facts and their provenance (hand-built records)."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
import rdflib.namespace as rns
from rdflib.namespace import PROV, RDF, SKOS

from kg import iris
from kg.iris import ELI, PK
from kg.names import normalize_indicator_name
from kg.ontology import SectorIndex, vocabulary_graph
from ingest.records import Indicator, Provenance
from kg.rdf import record_graph
from sample_records import gas_law, kunshan, wujiang


def graph_of(record):
    return record_graph(record, SectorIndex(vocabulary_graph()))


def test_kunshan_indicator_value_and_attribute():
    g = graph_of(kunshan())
    ind = iris.indicator_iri("kunshan-14fyp-safety/ind_3")
    assert (ind, RDF.type, PK.IndicatorTarget) in g
    values = list(g.objects(ind, PK.targetValue))
    assert values == [Literal("0.0112", datatype=rns.XSD.decimal)]
    assert Decimal(str(values[0])) == Decimal("0.0112")      # exact, not a float approximation
    assert list(g.objects(ind, PK.indicatorAttribute)) == [Literal("约束性", lang="zh")]
    assert (ind, PROV.wasDerivedFrom, iris.node_iri("kunshan-14fyp-safety/chp_2/table_1/row_3")) in g


def test_wujiang_gas_clause_tagged_with_city_gas_concept():
    g = graph_of(wujiang())
    concept = SectorIndex(vocabulary_graph()).concept("城镇燃气")
    assert (concept, SKOS.prefLabel, Literal("城镇燃气", lang="zh")) in vocabulary_graph()
    clause = iris.node_iri("wujiang-14fyp-emergency/chp_3/sec_2/item_3/topic_1/para_1/cl_2")
    assert (clause, PK.sector, concept) in g


def test_every_fact_has_clause_and_activity_provenance():
    g = graph_of(kunshan())
    fact_classes = (PK.IndicatorTarget, PK.Task, PK.Deadline, PK.Citation, PK.Responsibility)
    facts = {s for cls in fact_classes for s in g.subjects(RDF.type, cls)}
    assert len(facts) >= 8
    for fact in facts:
        sources = list(g.objects(fact, PROV.wasDerivedFrom))
        assert sources and all((s, RDF.type, PK.Clause) in g or (s, RDF.type, PK.TableRow) in g for s in sources), fact
        activities = list(g.objects(fact, PROV.wasGeneratedBy))
        assert activities and all((a, PK.method, None) in g for a in activities), fact
    table_activity = iris.activity_iri("table:v1")
    assert (table_activity, PK.method, Literal("table")) in g
    assert (table_activity, PK.methodVersion, Literal("v1")) in g


def test_structure_plan_period_and_chinese_literals():
    g = graph_of(kunshan())
    doc = iris.doc_iri("kunshan-14fyp-safety")
    clause = iris.node_iri("kunshan-14fyp-safety/chp_3/sec_3/item_2/para_1/cl_1")
    assert (doc, RDF.type, PK.Plan) in g
    assert (clause, ELI.is_part_of, iris.node_iri("kunshan-14fyp-safety/chp_3/sec_3/item_2/para_1")) in g
    assert (clause, PK.inDocument, doc) in g
    period = next(g.objects(doc, PK.period))
    end = next(g.objects(period, rns.TIME.hasEnd))
    assert next(g.objects(end, rns.TIME.inXSDDate)) == Literal("2025-12-31", datatype=rns.XSD.date)
    for _s, p, o in g:
        if isinstance(o, Literal) and any("\u4e00" <= ch <= "\u9fff" for ch in str(o)) \
                and p not in (PK.normalizedName, RDF.value):
            assert o.language == "zh" or p == PK.comparator, (p, o)
    deadline = iris.deadline_iri(clause.removeprefix(iris.DOC_GRAPH_PREFIX), 1)
    assert (deadline, RDF.type, rns.TIME.Instant) in g
    assert (deadline, rns.TIME.inXSDDate, Literal("2022-12-31", datatype=rns.XSD.date)) in g


def test_recurring_deadline_has_no_date_but_is_typed():
    g = graph_of(wujiang())
    clause_id = "wujiang-14fyp-emergency/chp_3/sec_2/item_3/topic_1/para_1/cl_2"
    d = iris.deadline_iri(clause_id, 1)
    assert (d, RDF.type, PK.RecurringDeadline) in g
    assert not list(g.objects(d, PK.dueDate))


def test_iris_are_stable_and_encoded():
    a, b = graph_of(kunshan()), graph_of(kunshan())
    assert set(a) == set(b)      # no blank nodes, no timestamps
    assert not any(isinstance(t, type(None)) for t in a)
    assert iris.doc_iri("城镇燃气管理条例") == URIRef("https://w3id.org/policykg/id/doc/城镇燃气管理条例")
    assert iris.actor_iri("a b#c?") == URIRef("https://w3id.org/policykg/id/actor/a%20b%23c%3F")
    law = graph_of(gas_law())
    assert (iris.doc_iri("城镇燃气管理条例"), RDF.type, PK.Regulation) in law


def test_indicator_names_normalise_across_plans():
    assert normalize_indicator_name("年均十万人口火灾死亡率") == normalize_indicator_name("年均十万人火灾死亡率")
    assert normalize_indicator_name("生产安全事故起数累计下降（%）") == normalize_indicator_name("生产安全事故起数下降")
    assert normalize_indicator_name("年均每十万人受灾人次") != normalize_indicator_name("年均十万人火灾死亡率")


def _with_targets(record, *targets):
    row = record.facts.indicators[0].clause_id
    record.facts.indicators += [Indicator(id=f"{row}/ind_{n}", clause_id=row, provenance=Provenance(row, None, "t:v1"), **t)
                                for n, t in enumerate(targets, 10)]
    return record


def test_range_and_approximate_targets_keep_both_bounds_and_the_document_date():
    record = _with_targets(kunshan(), dict(name="地区生产总值增长", comparator="range", value=5.0, upper=5.5, unit="%"),
                           dict(name="居民消费价格涨幅", comparator="~", value=3.0, unit="%"))
    record.meta.date = "2025-03-05"
    g = graph_of(record)
    row = record.facts.indicators[0].clause_id
    ranged, approx = iris.indicator_iri(f"{row}/ind_10"), iris.indicator_iri(f"{row}/ind_11")
    assert list(g.objects(ranged, PK.comparator)) == [Literal("range")]
    assert list(g.objects(ranged, PK.targetValue)) == [Literal("5", datatype=rns.XSD.decimal)]
    assert list(g.objects(ranged, PK.upperValue)) == [Literal("5.5", datatype=rns.XSD.decimal)]
    assert list(g.objects(approx, PK.comparator)) == [Literal("~")] and not list(g.objects(approx, PK.upperValue))
    doc = iris.doc_iri("kunshan-14fyp-safety")
    assert list(g.objects(doc, ELI.date_document)) == [Literal("2025-03-05", datatype=rns.XSD.date)]


def test_section_senses_on_parts_and_clauses():
    from ingest.records import SectionSense

    record = kunshan()
    record.facts.sections = [SectionSense("kunshan-14fyp-safety/chp_3", "tasks", "sense:v1"),
                             SectionSense("kunshan-14fyp-safety/chp_4", "tasks", "sense:v1")]
    g = graph_of(record)
    part = iris.node_iri("kunshan-14fyp-safety/chp_3")
    clause = iris.node_iri("kunshan-14fyp-safety/chp_3/sec_3/item_2/para_1/cl_1")
    assert list(g.objects(part, PK.sectionSense)) == [Literal("tasks")]
    assert list(g.objects(clause, PK.sectionSense)) == [Literal("tasks")]       # inherited, stated on the clause
    assert not list(g.objects(iris.node_iri("kunshan-14fyp-safety/chp_2"), PK.sectionSense))


def test_an_issuer_the_text_names_is_written_once_with_its_extracted_kind():
    """国务院办公厅 issues the national meteorological plan and is named in it: one actorKind
    (SHACL allows one), the extracted one."""
    from ingest.records import Actor
    from kg.validate import check_document

    record = kunshan()
    record.meta.issuer = "国务院办公厅"
    record.facts.actors.append(Actor(id="国务院办公厅", name="国务院办公厅", kind="organisation"))
    g = record_graph(record, SectorIndex(vocabulary_graph()))
    kinds = set(g.objects(iris.actor_iri("国务院办公厅"), PK.actorKind))
    assert kinds == {Literal("organisation")}
    check_document(record.meta.id, g)
