"""The graph of the shipped corpus, from the real ingest and extraction (no search index needed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.library import list_queries
from kg.store import open_store

pytestmark = pytest.mark.slow

P = """PREFIX pk: <https://w3id.org/policykg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""


@pytest.fixture(scope="module")
def corpus_store(corpus_graph):
    stats, graph_dir = corpus_graph
    store = open_store(graph_dir)
    yield stats, store
    store.close()


def test_shipped_corpus_passes_shacl(corpus_store):
    stats, store = corpus_store
    assert stats["conforms"] is True and stats["documents"] == 2
    assert store.triple_count() == stats["triples"] > 10_000


def test_kunshan_gdp_death_rate_indicator(corpus_store):
    _stats, store = corpus_store
    rows = store.query(P + """SELECT ?value ?attribute WHERE {
        ?i pk:indicatorName "亿元地区生产总值生产安全事故死亡率"@zh ;
           pk:inDocument <https://w3id.org/policykg/id/doc/kunshan-14fyp-safety> ;
           pk:targetValue ?value ; pk:indicatorAttribute ?attribute }""").rows
    assert len(rows) == 1
    assert Decimal(rows[0]["value"]["value"]) == Decimal("0.0112")
    assert rows[0]["value"]["datatype"].endswith("#decimal")
    assert rows[0]["attribute"] == {"type": "literal", "value": "约束性", "xml:lang": "zh"}


def test_wujiang_gas_clauses_tagged_with_city_gas(corpus_store):
    _stats, store = corpus_store
    rows = store.query(P + """SELECT ?clause ?tagged WHERE {
        ?topic pk:inDocument <https://w3id.org/policykg/id/doc/wujiang-14fyp-emergency> ;
               pk:heading ?h .
        FILTER (STRSTARTS(STR(?h), "城镇燃气安全"))
        ?clause a pk:Clause ; eli:is_part_of+ ?topic ; pk:text ?text .
        FILTER (CONTAINS(STR(?text), "加强全区城镇燃气企业的监督检查"))
        BIND (EXISTS { ?clause pk:sector ?s . ?s skos:prefLabel "城镇燃气"@zh } AS ?tagged)
    }""").rows
    assert len(rows) == 1, rows
    assert rows[0]["tagged"]["value"] == "true"


def test_cross_plan_fire_death_rate(corpus_store):
    _stats, store = corpus_store
    text = next(q.text for q in list_queries() if q.name == "compare_indicator")
    text = text.replace('VALUES ?only { "" }', 'VALUES ?only { "年均十万人火灾死亡率" }')
    rows = {r["region"]["value"]: (r["comparator"]["value"], Decimal(r["value"]["value"]))
            for r in store.query(text).rows}
    assert rows == {"吴江区": ("<", Decimal("0.2")), "昆山市": ("<", Decimal("0.15"))}


def test_every_library_query_answers_on_the_corpus(corpus_store):
    _stats, store = corpus_store
    for q in list_queries():
        result = store.query(q.text)
        print(f"{q.name}: {len(result.rows)} rows, {result.seconds * 1000:.0f} ms")
        assert result.rows, q.name
