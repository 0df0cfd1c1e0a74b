"""The fast validator (shapes.ttl as SPARQL over an in-memory Oxigraph store) against pySHACL:
a violation of every constraint of every shape is caught, with its focus node, by both; and the
two agree on the shipped corpus's documents, as extracted and deliberately broken."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, TIME, XSD

from kg.ontology import SectorIndex, shapes_graph, vocabulary_graph
from kg.rdf import record_graph
from kg.shacl_reference import pyshacl_validate
from kg.shacl_sparql import UnsupportedShape, compile_shapes
from kg.validate import checks, validate_graph
from sample_records import REPO, kunshan
from test_validate import CASES, _broken

T = "urn:test:"
FOCUS = URIRef(T + "focus")
PK = "https://w3id.org/policykg/ontology#"

# Node shapes whose sh:or / sh:and need a focus node built for them: (property, value) pairs.
LOGICAL = {
    ("IndicatorShape", "OrConstraintComponent"): [(PK + "comparator", Literal(">"))],
    ("RangeBoundsShape", "AndConstraintComponent"): [(PK + "comparator", Literal(">")),
                                                     (PK + "upperValue", Literal(1))],
    ("DeadlineShape", "OrConstraintComponent"): [],
}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _term(name: str):
    """A shape as Check.source names it: an IRI, or the label of a blank node of shapes_graph()."""
    return URIRef(name) if ":" in name else BNode(name)


def _violating(check):
    """(data graph, vocabulary graph, expected focus) that breaks exactly this constraint's rule."""
    shapes, vocab = shapes_graph(), vocabulary_graph()
    source = _term(check.source)
    target = shapes.value(URIRef(check.shape), SH.targetClass)
    component = _local(check.component).removesuffix("ConstraintComponent")
    data, focus = Graph(), FOCUS
    if check.path is None and component == "NodeKind":
        focus = BNode()
    data.add((focus, RDF.type, target))
    path = URIRef(check.path) if check.path else None
    if component == "MaxCount":
        for i in range(int(shapes.value(source, SH.maxCount)) + 1):
            data.add((focus, path, Literal(f"v{i}")))
    elif component == "Datatype":
        data.add((focus, path, Literal("v", datatype=URIRef(T + "no-such-type"))))
    elif component == "Class" and path is not None:
        data.add((focus, path, URIRef(T + "untyped")))
    elif component == "In":
        data.add((focus, path, Literal("not in the list")))
    elif component == "NodeKind" and path is not None:
        data.add((focus, path, Literal("a literal")))
    elif component == "Class":
        # the shape's class follows from the target class in the vocabulary: drop that link
        vocab = Graph() + vocab
        vocab.remove((target, RDFS.subClassOf, shapes.value(source, SH["class"])))
    elif component in ("Or", "And", "Not"):
        key = (_local(check.shape), _local(check.component))
        assert key in LOGICAL, f"add a focus node that breaks {key} to LOGICAL"
        for p, o in LOGICAL[key]:
            data.add((focus, URIRef(p), o))
    else:
        # no values (sh:minCount, sh:hasValue), or the focus node a blank node (sh:nodeKind sh:IRI)
        assert component in ("MinCount", "HasValue", "NodeKind"), f"no violating data for {check.component}"
    return data, vocab, focus


CHECKS = {f"{_local(c.shape)}/{_local(c.path or '-')}/{_local(c.component)}/{i}": c
          for i, c in enumerate(checks())}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_a_violation_of_each_constraint_is_caught(name):
    check = CHECKS[name]
    data, vocab, focus = _violating(check)
    fast = validate_graph(data, vocab)
    reference = pyshacl_validate(data, vocab)
    expected_focus = focus.n3() if isinstance(focus, URIRef) else None

    def caught(results) -> bool:
        return any(path == check.path and component == check.component
                   and (expected_focus is None or f == expected_focus) for f, path, component in results)
    assert caught(reference.results), f"pySHACL does not see the violation built for {name}: the test data is wrong"
    assert caught(fast.results), fast.report
    assert not fast.conforms


@pytest.mark.parametrize("lexical", ["abc", "2021-02-30", "2021-2-3"])
def test_an_ill_formed_date_is_a_datatype_violation_in_both(lexical):
    data = Graph()
    data.add((FOCUS, RDF.type, TIME.Instant))
    data.add((FOCUS, TIME.inXSDDate, Literal(lexical, datatype=XSD.date)))
    expected = {(FOCUS.n3(), str(TIME.inXSDDate), str(SH.DatatypeConstraintComponent))}
    assert _agree(data) == expected


def test_every_shape_and_property_shape_is_checked():
    shapes = shapes_graph()
    node_shapes = {str(s) for s in shapes.subjects(SH.targetClass, None)}
    assert {c.shape for c in checks()} == node_shapes
    property_shapes = {str(o) for o in shapes.objects(None, SH.property)}
    assert property_shapes <= {c.source for c in checks()}


def test_untranslated_shacl_is_refused():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .""", format="turtle")
    with pytest.raises(UnsupportedShape):
        compile_shapes(shapes)
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:pattern "^x" .""", format="turtle")
    with pytest.raises(UnsupportedShape):
        compile_shapes(shapes)


@pytest.fixture(scope="module")
def shipped_records():
    from ingest.documents import ingest_documents
    from ingest.pipeline import load_corpus
    return ingest_documents(load_corpus(REPO / "corpus"))


def _agree(graph: Graph) -> set:
    fast, reference = validate_graph(graph), pyshacl_validate(graph)
    assert fast.conforms == reference.conforms
    assert fast.results == reference.results
    return fast.results


@pytest.mark.slow
def test_agrees_with_pyshacl_on_the_shipped_corpus(shipped_records):
    sectors = SectorIndex(vocabulary_graph())
    assert len(shipped_records) == 2
    for record in shipped_records:
        assert _agree(record_graph(record, sectors)) == set()


@pytest.mark.slow
def test_agrees_with_pyshacl_on_broken_shipped_documents(shipped_records):
    """Real documents with facts broken the way the build must refuse."""
    from ingest.records import Provenance
    sectors = SectorIndex(vocabulary_graph())
    kunshan_real = next(r for r in shipped_records if r.meta.id.startswith("kunshan"))
    indicator = kunshan_real.facts.indicators[0]
    indicator.attribute, indicator.comparator = "约束", "≈"
    kunshan_real.facts.deadlines[0].provenance = Provenance("kunshan-14fyp-safety/nowhere/cl_1")
    kunshan_real.facts.sectors[0].sector = "不存在的领域"
    graph = record_graph(kunshan_real, sectors)
    graph.remove((None, URIRef(PK + "order"), Literal(1)))       # structure: subdivisions without their order
    results = _agree(graph)
    components = {_local(c) for _f, _p, c in results}
    assert {"InConstraintComponent", "ClassConstraintComponent", "MinCountConstraintComponent"} <= components


@pytest.mark.parametrize("case", sorted(CASES))
def test_agrees_with_pyshacl_on_broken_samples(case):
    results = _agree(record_graph(_broken(CASES[case]), SectorIndex(vocabulary_graph())))
    assert results


def test_sample_document_conforms_in_both():
    assert _agree(record_graph(kunshan(), SectorIndex(vocabulary_graph()))) == set()
