"""The SPARQL query library: every query documents its question and answers it on the sample graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.library import get_query, list_queries, resolve

EXPECTED = {"tasks_by_sector", "who_is_responsible", "plan_indicators", "compare_indicator",
            "due_by_date", "key_projects", "clauses_citing_law", "actor_tasks"}


def values(result, var):
    return sorted(r[var]["value"] for r in result.rows if var in r)


def test_library_has_every_question_with_its_comment():
    queries = {q.name: q for q in list_queries()}
    assert EXPECTED <= set(queries)
    for q in queries.values():
        assert q.text.startswith("# Question:"), q.name
        assert "Parameter" in q.text, q.name
        assert len(q.description) > 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_returns_rows(sample_store, name):
    result = sample_store.query(get_query(name).text)
    print(f"\n{name}: {len(result.rows)} rows in {result.seconds * 1000:.1f} ms")
    assert result.kind == "select" and result.rows


def test_compare_indicator_joins_the_two_plans(sample_store):
    result = sample_store.query(get_query("compare_indicator").text)
    by_region = {r["region"]["value"]: (r["comparator"]["value"], r["value"]["value"]) for r in result.rows
                 if r["name"]["value"] == "年均十万人火灾死亡率"}
    assert by_region == {"吴江区": ("<", "0.2"), "昆山市": ("<", "0.15")}


def test_who_is_responsible_for_gas_covers_plans_and_laws(sample_store):
    result = sample_store.query(get_query("who_is_responsible").text)
    assert {"吴江区应急管理局", "昆山市住房和城乡建设局", "燃气管理部门"} <= set(values(result, "actor"))
    assert {"plan", "regulation"} <= set(values(result, "kind"))


def test_parameters_are_edited_in_the_text(sample_store):
    text = get_query("due_by_date").text
    assert len(sample_store.query(text).rows) == 2
    earlier = text.replace('"2025-12-31"^^xsd:date', '"2022-12-31"^^xsd:date')
    assert values(sample_store.query(earlier), "due") == ["2022-12-31"]
    kunshan_only = get_query("plan_indicators").text
    wujiang = kunshan_only.replace('"kunshan-14fyp-safety"', '"wujiang-14fyp-emergency"')
    assert values(sample_store.query(wujiang), "name") == ["年均十万人火灾死亡率"]


def test_resolve_name_file_and_text(tmp_path):
    assert resolve("key_projects") == get_query("key_projects").text
    f = tmp_path / "q.rq"
    f.write_text("ASK {}", encoding="utf-8")
    assert resolve(f"@{f}") == "ASK {}"
    assert resolve("SELECT * WHERE { ?s ?p ?o }").startswith("SELECT")
    with pytest.raises(QueryError, match="no library query named 'nosuch'"):
        resolve("nosuch")
    with pytest.raises(QueryError, match="no such query file"):
        resolve("@/nonexistent.rq")


def test_readme_cookbook_is_the_query_library_readme():
    """README's "SPARQL cookbook" is kg/queries/README.md, kept word for word (no drifting copy)."""
    repo = Path(__file__).resolve().parents[2]
    readme = (repo / "README.md").read_text("utf-8")
    cookbook = (repo / "kg" / "queries" / "README.md").read_text("utf-8")
    assert readme[readme.index("## SPARQL cookbook"):].strip() == cookbook.strip()
