"""/sparql as analysts reach it: every result format by Accept (with q-values) and by format=/output=,
the mainstream clients (rdflib's SPARQLStore, SPARQLWrapper) end to end, and the endpoint's
self-description (SPARQL 1.1 Service Description at GET /sparql, VoID at /void and from
`policykg export --void`) checked against what the store holds."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

pytestmark = pytest.mark.slow

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DOC = "https://w3id.org/policykg/id/doc/kunshan-14fyp-safety"
TITLES = ("PREFIX dcterms: <http://purl.org/dc/terms/>\n"
          "SELECT ?doc ?title WHERE { ?doc dcterms:title ?title } ORDER BY ?doc ?title")
TITLE_GRAPH = ("CONSTRUCT { ?doc <http://purl.org/dc/terms/title> ?t } "
               "WHERE { ?doc <http://purl.org/dc/terms/title> ?t }")
SRX = "{http://www.w3.org/2005/sparql-results#}"
# media type -> rdflib parser name, for every graph syntax the endpoint offers
RDF_SYNTAXES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                "application/ld+json": "json-ld", "application/n-quads": "nquads", "application/trig": "trig"}


def _titles_from(media: str, body: bytes) -> list[str]:
    """The titles column of a SELECT answer, read from each results format."""
    text = body.decode("utf-8")
    if media == "application/sparql-results+json":
        return [b["title"]["value"] for b in json.loads(text)["results"]["bindings"]]
    if media == "application/sparql-results+xml":
        root = ET.fromstring(body)
        return [b.find(f"{SRX}literal").text for b in root.iter(f"{SRX}binding") if b.get("name") == "title"]
    if media == "text/csv":
        return [r["title"] for r in csv.DictReader(io.StringIO(text))]
    assert media == "text/tab-separated-values"
    rows = [line.split("\t") for line in text.splitlines()[1:]]
    return [Literal(r[1][1:r[1].rindex('"')].replace('\\"', '"')).value for r in rows]


def _graph(media: str, text: str) -> Graph:
    return Graph().parse(data=text, format=RDF_SYNTAXES[media])


# -- content negotiation --------------------------------------------------------------------

@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml",
                                   "text/csv", "text/tab-separated-values"])
def test_select_in_each_results_format_gives_the_same_rows(api, media):
    reference = [b["title"]["value"] for b in api.get("/sparql", params={"query": TITLES}).json()["results"]["bindings"]]
    r = api.get("/sparql", params={"query": TITLES}, headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    assert _titles_from(media, r.content) == reference and len(reference) > 100


@pytest.mark.parametrize("media", list(RDF_SYNTAXES))
def test_construct_in_each_rdf_syntax_gives_the_same_triples(api, media):
    reference = _graph("application/n-triples", api.get("/sparql", params={"query": TITLE_GRAPH},
                                                          headers={"Accept": "application/n-triples"}).text)
    r = api.get("/sparql", params={"query": TITLE_GRAPH}, headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    parsed = _graph(media, r.text)
    assert set(parsed) == set(reference) and len(reference) > 100
    describe = api.get("/sparql", params={"query": f"DESCRIBE <{DOC}>"}, headers={"Accept": media})
    assert (URIRef(DOC), DCTERMS.title, None) in _graph(media, describe.text)


@pytest.mark.parametrize("accept, kind, expected", [
    ("application/rdf+xml;q=0.3, application/ld+json;q=0.8, text/turtle;q=0.5", "graph", "application/ld+json"),
    ("text/*;q=0.2, application/rdf+xml", "graph", "application/rdf+xml"),
    ("*/*;q=0.1, text/turtle;q=0", "graph", "application/n-triples"),          # q=0: "not this one"
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9, */*;q=0.1", "select", "application/sparql-results+xml"),
    ("*/*", "select", "application/sparql-results+json"),
    ("application/sparql-results+xml,application/rdf+xml,*/*", "graph", "application/rdf+xml"),   # SPARQLWrapper's default
    ("application/sparql-results+xml,application/rdf+xml,*/*", "select", "application/sparql-results+xml"),
])
def test_q_values_and_wildcards_are_honoured(api, accept, kind, expected):
    query = TITLE_GRAPH if kind == "graph" else TITLES
    r = api.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == expected


@pytest.mark.parametrize("param, value, kind, expected", [
    ("format", "json", "select", "application/sparql-results+json"),
    ("output", "xml", "select", "application/sparql-results+xml"),
    ("format", "tsv", "select", "text/tab-separated-values"),
    ("format", "xml", "graph", "application/rdf+xml"),        # xml means RDF/XML for a graph
    ("output", "n3", "graph", "text/turtle"),                 # N3 is served as Turtle (a subset of N3)
    ("format", "json-ld", "graph", "application/ld+json"),
    ("format", "rdf+xml", "graph", "application/rdf+xml"),
    ("output", "application/n-triples", "graph", "application/n-triples"),
])
def test_format_and_output_parameters_win_over_accept(api, param, value, kind, expected):
    query = TITLE_GRAPH if kind == "graph" else TITLES
    r = api.get("/sparql", params={"query": query, param: value}, headers={"Accept": "text/csv"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == expected


def test_406_only_when_nothing_fits_and_it_lists_what_does(api):
    graph = api.get("/sparql", params={"query": TITLE_GRAPH}, headers={"Accept": "text/csv"})
    assert graph.status_code == 406
    assert all(m in graph.json()["detail"] for m in ("text/turtle", "application/rdf+xml", "application/ld+json"))
    table = api.get("/sparql", params={"query": TITLES}, headers={"Accept": "application/rdf+xml"})
    assert table.status_code == 406 and "application/sparql-results+json" in table.json()["detail"]
    assert api.get("/sparql", params={"query": TITLES, "format": "yaml"}).status_code == 406


# -- real clients -----------------------------------------------------------------------------

def test_rdflib_sparqlstore_select_ask_construct_describe_and_graphs(live_server, built_data):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from kg.store import open_store
    from search_api.datadir.generations import DataDir

    store = SPARQLStore(live_server.url + "/sparql")   # its defaults: GET, SPARQL XML, RDF/XML for graphs
    graph = Graph(store=store)
    titles = [str(row.title) for row in graph.query(TITLES)]
    assert "城镇燃气管理条例" in titles
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = graph.query(TITLE_GRAPH).graph
    assert len(constructed) == len(titles)
    described = graph.query(f"DESCRIBE <{DOC}>").graph
    assert (URIRef(DOC), DCTERMS.title, None) in described
    # graph iteration: a triple pattern, and the named graphs (rdflib asks with SELECT)
    about_doc = list(graph.triples((URIRef(DOC), None, None)))
    assert set(about_doc) == set(described.triples((URIRef(DOC), None, None)))
    contexts = {str(c.identifier if isinstance(c, Graph) else c) for c in store.contexts()}
    with open_store(DataDir(built_data).require_current()) as embedded:
        assert contexts == set(embedded.named_graphs())
    assert DOC in contexts
    print(f"\nSPARQLStore: {len(titles)} titles, {len(about_doc)} triples about {DOC}, {len(contexts)} graphs")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_every_return_format(live_server, method):
    from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

    def run(query: str, fmt: str):
        client = SPARQLWrapper(live_server.url + "/sparql")
        client.setMethod(method)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        return client.query().convert()

    reference = run(TITLES, JSON)["results"]["bindings"]
    titles = [b["title"]["value"] for b in reference]
    xml_rows = run(TITLES, XML).getElementsByTagName("result")          # a DOM document
    assert len(xml_rows) == len(titles)
    assert [r["title"] for r in csv.DictReader(io.StringIO(run(TITLES, CSV).decode("utf-8")))] == titles
    assert len(run(TITLES, TSV).decode("utf-8").splitlines()) == len(titles) + 1
    assert run("ASK { ?s ?p ?o }", JSON)["boolean"] is True
    assert run("ASK { <urn:x:nothing> ?p ?o }", XML).getElementsByTagName("boolean")[0].firstChild.data == "false"
    reference_graph = None
    for fmt in (TURTLE, N3, XML, RDFXML, JSONLD):
        for query in (TITLE_GRAPH, f"DESCRIBE <{DOC}>"):
            converted = run(query, fmt)
            graph = converted if isinstance(converted, Graph) else Graph().parse(
                data=converted, format="json-ld" if fmt == JSONLD else "turtle")
            assert (URIRef(DOC), DCTERMS.title, None) in graph, (fmt, query)
            if query == TITLE_GRAPH:
                reference_graph = reference_graph or set(graph)
                assert set(graph) == reference_graph and len(graph) == len(titles), fmt


# -- self-description ---------------------------------------------------------------------

def _store_counts(built_data) -> dict[str, int]:
    from kg.store import open_store
    from search_api.datadir.generations import DataDir

    with open_store(DataDir(built_data).require_current()) as embedded:
        rows = embedded.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                              timeout_s=300, max_rows=10**6).rows
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_service_description_names_the_endpoint_formats_and_named_graphs(api, live_server, built_data):
    r = api.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    sd = Graph().parse(data=r.text, format="turtle")
    service = URIRef(live_server.url + "/sparql")
    assert (service, RDF.type, SD.Service) in sd and (service, SD.endpoint, service) in sd
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in sd
    assert (service, SD.feature, SD.UnionDefaultGraph) in sd
    formats = {str(f).rsplit("/", 1)[1] for f in sd.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
            "Turtle", "N-Triples", "RDF_XML", "JSON-LD"} <= formats
    dataset = sd.value(service, SD.defaultDataset)
    named = {str(sd.value(n, SD.name)): int(sd.value(sd.value(n, SD.graph), VOID.triples))
             for n in sd.objects(dataset, SD.namedGraph)}
    counts = _store_counts(built_data)
    assert named == counts and DOC in named
    default_graph = sd.value(dataset, SD.defaultGraph)
    assert int(sd.value(default_graph, VOID.triples)) == sum(counts.values())
    as_jsonld = api.get("/sparql", headers={"Accept": "application/ld+json"})
    assert set(Graph().parse(data=as_jsonld.text, format="json-ld")) and as_jsonld.headers[
        "content-type"].startswith("application/ld+json")
    print(f"\nService Description: {len(sd)} triples, {len(named)} named graphs, formats {sorted(formats)}")


def _check_void(void: Graph, counts: dict[str, int], endpoint: str | None) -> None:
    dataset = URIRef("https://w3id.org/policykg/id/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in void
    assert int(void.value(dataset, VOID.triples)) == sum(counts.values())
    if endpoint:
        assert (dataset, VOID.sparqlEndpoint, URIRef(endpoint)) in void
    subsets = {str(void.value(s, SD.name)): s for s in void.objects(dataset, VOID.subset)}
    assert set(subsets) == set(counts)
    for graph, subset in subsets.items():
        assert int(void.value(subset, VOID.triples)) == counts[graph], graph
    doc = subsets[DOC]
    assert (doc, FOAF.primaryTopic, URIRef(DOC)) in void and "昆山" in str(void.value(doc, DCTERMS.title))
    vocabularies = {str(v) for v in void.objects(doc, VOID.vocabulary)}
    assert {"https://w3id.org/policykg/ontology#", "http://purl.org/dc/terms/",
            "http://www.w3.org/ns/org#"} <= vocabularies
    assert not any(v.startswith("https://w3id.org/policykg/id/") for v in vocabularies)


def test_void_at_its_url_matches_the_store(api, live_server, built_data):
    r = api.get("/void")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    _check_void(Graph().parse(data=r.text, format="turtle"), _store_counts(built_data), live_server.url + "/sparql")
    rdfxml = api.get("/void", headers={"Accept": "application/rdf+xml"})
    assert len(Graph().parse(data=rdfxml.text, format="xml")) == len(Graph().parse(data=r.text, format="turtle"))


def test_export_void_writes_the_same_description(built_data, tmp_path):
    from clitools import run_cli

    out = tmp_path / "void.ttl"
    proc = run_cli("export", "--void", "-o", str(out), data=built_data)
    assert proc.returncode == 0, proc.stderr
    _check_void(Graph().parse(out, format="turtle"), _store_counts(built_data), None)
    refused = run_cli("export", "--void", "--doc", "kunshan-14fyp-safety", data=built_data)
    assert refused.returncode == 2 and "--void" in refused.stderr
