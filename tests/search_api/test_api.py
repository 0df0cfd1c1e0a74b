"""The HTTP API against a real `policykg serve` (uvicorn on a loopback port) over the built corpus."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.slow

PLANS = ("wujiang-14fyp-emergency", "kunshan-14fyp-safety")


def test_healthz_reports_the_live_build(api):
    h = api.get("/healthz").json()
    assert h["status"] == "ok" and h["search"] and h["graph"]
    assert h["generation"].startswith("gen-")
    assert h["documents"] >= 2 + 100, h          # two plans + the reference laws
    assert isinstance(h["warm"], bool)            # the warm-up may still be reading
    print(f"\nlive build: {h['documents']} documents, {h['clauses']} clauses")


def test_healthz_says_when_the_warm_up_has_finished(api):
    """The server's warm-up reads every document's duty clauses after start-up; /healthz turns
    "warm" true once it has (a minute at most for the shipped build and the reference laws)."""
    deadline = time.monotonic() + 120
    while not api.get("/healthz").json()["warm"]:
        assert time.monotonic() < deadline, "the warm-up did not finish"
        time.sleep(0.5)
    assert api.get("/healthz").json()["warm"] is True


def test_openapi_documents_every_endpoint(api):
    assert api.get("/docs").status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/search", "/clauses/{clause_id}", "/clauses/{clause_id}/similar", "/plans",
                 "/plans/{plan_id}", "/plans/{plan_id}/indicators", "/indicators/compare", "/actors",
                 "/actors/{actor_id}", "/ask", "/sparql", "/healthz"):
        assert path in paths, path
    # typed responses: the search hit schema is in the components
    assert "SearchHit" in api.get("/openapi.json").json()["components"]["schemas"]


def test_web_page_and_static_files(api):
    page = api.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "条款检索" in page.text
    for name in ("app.js", "style.css"):
        assert api.get(f"/static/{name}").status_code == 200


# -- search ------------------------------------------------------------------

def test_search_returns_highlighted_hits_from_both_plans(api):
    r = api.get("/search", params={"q": "城镇燃气瓶改管", "k": 10})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "城镇燃气瓶改管" and len(body["results"]) == 10
    top = body["results"][0]
    assert "燃气" in top["text"]
    assert top["section_path"] and top["plan_title"]
    for hit in body["results"]:
        for start, end in hit["highlights"]:
            assert hit["text"][start:end]                       # spans point into the text
    assert {h["plan_id"] for h in body["results"]} >= set(PLANS)
    scores = [h["score"] for h in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_filters(api):
    only = api.get("/search", params={"q": "燃气", "plan": PLANS[1], "k": 20}).json()["results"]
    assert only and {h["plan_id"] for h in only} == {PLANS[1]}
    laws = api.get("/search", params={"q": "燃气管理部门", "kind": "law", "k": 20}).json()["results"]
    assert laws and not {h["plan_id"] for h in laws} & set(PLANS)
    gas = api.get("/search", params={"q": "加强监督检查", "sector": "城镇燃气", "k": 10}).json()["results"]
    assert gas
    for hit in gas:
        assert "城镇燃气" in api.get(f"/clauses/{hit['clause_id']}").json()["facts"]["sectors"] or \
            "燃气" in hit["text"]


@pytest.mark.parametrize("params, status", [
    ({"q": ""}, 422),                       # empty
    ({"q": "燃" * 501}, 422),               # longer than the limit
    ({"q": "燃气", "k": 0}, 422),
    ({"q": "燃气", "k": 101}, 422),
    ({"q": "燃气", "plan": "no-such-plan"}, 404),
])
def test_search_rejects_bad_input(api, params, status):
    r = api.get("/search", params=params)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


# -- clauses -----------------------------------------------------------------

def _first_hit(api, q, plan):
    return api.get("/search", params={"q": q, "plan": plan, "k": 1}).json()["results"][0]


def test_clause_detail_has_path_facts_and_provenance(api):
    hit = _first_hit(api, "城镇燃气企业监督检查", PLANS[0])
    c = api.get(f"/clauses/{hit['clause_id']}").json()
    assert c["id"] == hit["clause_id"] and c["plan_id"] == PLANS[0] and c["plan_kind"] == "plan"
    assert c["text"] == hit["text"] and c["section_path"] == hit["section_path"]
    assert "城镇燃气" in c["facts"]["sectors"]
    prov = c["provenance"]
    assert prov["source_file"] and prov["span"] and prov["span"][0] < prov["span"][1]
    assert prov["source_line"] and prov["source_line"] > 1


def test_law_article_clause_carries_its_duty(api):
    hit = api.get("/search", params={"q": "燃气管理部门负责本行政区域内的燃气管理工作", "k": 10}).json()
    clause_ids = [h["clause_id"] for h in hit["results"]]
    details = [api.get(f"/clauses/{cid}").json() for cid in clause_ids]
    fifth = [d for d in details if d["plan_title"] == "城镇燃气管理条例" and any("第五条" in s for s in d["section_path"])]
    assert fifth, [(d["plan_title"], d["section_path"]) for d in details]
    roles = {(m["actor"], m["role"]) for d in fifth for m in d["facts"]["mentions"]}
    assert any("燃气管理部门" in actor and role == "lead" for actor, role in roles), roles


def test_similar_clauses_come_from_other_plans(api):
    hit = _first_hit(api, "瓶装液化气", PLANS[1])
    r = api.get(f"/clauses/{hit['clause_id']}/similar", params={"k": 5})
    assert r.status_code == 200
    similar = r.json()["results"]
    assert len(similar) == 5
    assert all(s["plan_id"] != PLANS[1] for s in similar)
    assert hit["clause_id"] not in {s["clause_id"] for s in similar}
    same_plan = api.get(f"/clauses/{hit['clause_id']}/similar", params={"k": 5, "other_plans": "false"}).json()
    assert any(s["plan_id"] == PLANS[1] for s in same_plan["results"])


@pytest.mark.parametrize("path", [
    "/clauses/wujiang-14fyp-emergency/chp_99/cl_1",
    "/clauses/wujiang-14fyp-emergency/chp_99/cl_1/similar",
    "/clauses/no-such-doc",
    "/plans/no-such-plan",
    "/plans/no-such-plan/indicators",
    "/actors/没有这个部门",
    "/no/such/route",
])
def test_unknown_ids_are_404(api, path):
    r = api.get(path)
    assert r.status_code == 404, (path, r.status_code, r.text)
    assert r.json()["detail"]


# -- plans and indicators ------------------------------------------------------

def test_plans_lists_plans_and_laws(api):
    docs = api.get("/plans").json()
    assert {d["id"] for d in docs[:2]} == set(PLANS)      # plans first, then the laws
    assert "城镇燃气管理条例" in {d["title"] for d in docs}
    assert {d["kind"] for d in docs[2:]} <= {"law", "regulation"}
    plans_only = api.get("/plans", params={"kind": "plan"}).json()
    assert {d["id"] for d in plans_only} == set(PLANS)
    for d in plans_only:
        assert d["clauses"] > 200 and d["indicators"] > 10 and d["tasks"] > 10, d


def test_plan_detail_has_metadata_and_outline(api):
    p = api.get(f"/plans/{PLANS[1]}").json()
    assert p["region"] == "昆山市" and p["period_start"] == 2021 and p["period_end"] == 2025
    parts = [c for c in p["outline"]["children"] if c["kind"] == "part"]
    assert len(parts) == 5
    assert any(part["heading"] == "主要任务" for part in parts)


def test_plan_indicators(api):
    for plan in PLANS:
        inds = api.get(f"/plans/{plan}/indicators").json()
        assert len(inds) >= 19
        assert all(i["comparator"] in ("<", "<=", "=", ">=", ">", "text") for i in inds)
    kunshan = api.get(f"/plans/{PLANS[1]}/indicators").json()
    gdp = [i for i in kunshan if i["name"].startswith("亿元地区生产总值生产安全事故死亡率")]
    assert gdp and gdp[0]["value"] == pytest.approx(0.0112) and gdp[0]["attribute"] == "约束性"


def test_indicator_comparison_across_plans(api):
    groups = api.get("/indicators/compare").json()
    assert groups and all(len({p["plan_id"] for p in g["plans"]}) >= 2 for g in groups)
    fire = [g for g in groups if "火灾死亡率" in g["key"]]
    assert fire, [g["key"] for g in groups]
    values = {p["plan_id"]: (p["indicator"]["comparator"], p["indicator"]["value"]) for p in fire[0]["plans"]}
    assert values[PLANS[0]] == ("<", 0.2) and values[PLANS[1]] == ("<", 0.15), values
    print(f"\n{len(groups)} indicators compared across plans; 火灾死亡率: {values}")
    by_name = api.get("/indicators/compare", params={"name": "十万人口火灾死亡率"}).json()
    assert [g["key"] for g in by_name] == [fire[0]["key"]]


# -- actors ----------------------------------------------------------------------

def test_actors_list_and_detail(api):
    actors = api.get("/actors").json()
    assert len(actors) >= 20
    counts = [a["mentions"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    local = api.get("/actors", params={"q": "应急管理局"}).json()
    assert local and all("应急管理局" in a["name"] or any("应急管理局" in x for x in a["aliases"]) for a in local)
    bureau = next(a for a in local if PLANS[0] in a["documents"])
    d = api.get(f"/actors/{bureau['id']}").json()
    assert d["name"] == bureau["name"] and d["clauses"]
    for c in d["clauses"][:20]:
        assert api.get(f"/clauses/{c['clause_id']}").status_code == 200


def test_law_body_lists_its_duties_with_article(api):
    gas = api.get("/actors", params={"q": "燃气管理部门"}).json()
    assert gas
    d = api.get(f"/actors/{gas[0]['id']}").json()
    assert any(duty["law_title"] == "城镇燃气管理条例" and duty["article"] == "第五条" for duty in d["law_duties"]), \
        d["law_duties"][:5]


# -- request limits and CORS ----------------------------------------------------

def test_oversized_body_is_413(api):
    r = api.post("/sparql", content="SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000,
                 headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and "larger than" in r.json()["detail"]


def test_oversized_url_is_414(api):
    r = api.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 20_000})
    assert r.status_code == 414


def test_no_cross_origin_access_by_default(api):
    # no wildcard CORS: a page of another origin is neither answered nor allowed to read
    # (the cors_origins setting names origins that may; tests/security covers both)
    pre = api.options("/sparql", headers={"Origin": "https://analyst.example", "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "content-type"})
    assert "access-control-allow-origin" not in pre.headers
    r = api.get("/plans", headers={"Origin": "https://analyst.example"})
    assert r.status_code == 403 and "access-control-allow-origin" not in r.headers
    assert api.get("/plans").status_code == 200   # tools send no Origin
