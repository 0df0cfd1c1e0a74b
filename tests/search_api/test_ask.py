"""Owner questions on the shipped corpus plus the reference laws, over HTTP and the CLI.

Every body in an answer must be backed by evidence clauses that exist, name the
sector, and carry an extracted mention of that very body: nothing is invented.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from liveserver import REPO

pytestmark = pytest.mark.slow

WUJIANG, KUNSHAN = "wujiang-14fyp-emergency", "kunshan-14fyp-safety"

# question -> (sector, plans that must give bodies, a law body that must be cited with its article)
QUESTIONS = {
    "燃气安全归哪个部门管？": ("城镇燃气", {WUJIANG, KUNSHAN}, ("燃气管理部门", "城镇燃气管理条例 第五条")),
    "危险化学品谁负责监管": ("危险化学品", {WUJIANG, KUNSHAN}, ("安全生产监督管理部门", "危险化学品安全管理条例 第六条")),
    # Kunshan's plan never mentions forests: only Wujiang can answer from the plans (and it
    # names its 森林防火指挥部 without assigning the duty in so many words).
    "森林防火由谁牵头": ("森林防火", {WUJIANG}, ("林业主管部门", "森林防火条例 第五条")),
}


@pytest.fixture(scope="module")
def answers(api):
    return {q: api.get("/ask", params={"q": q}).json() for q in QUESTIONS}


def _sector_labels(api, sector_key: str) -> list[str]:
    """The sector's SKOS labels, read from the graph the way an analyst would."""
    q = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
         "SELECT DISTINCT ?l WHERE { ?c skos:prefLabel \"%s\"@zh . { ?c skos:prefLabel ?l } UNION "
         "{ ?c skos:altLabel ?l } FILTER(lang(?l) = 'zh') }" % sector_key)
    rows = api.get("/sparql", params={"query": q}).json()["results"]["bindings"]
    return [r["l"]["value"] for r in rows]


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_owner_question_answers_from_plans_and_laws(api, answers, question):
    sector, plans, (law_body, law_cite) = QUESTIONS[question]
    a = answers[question]
    assert [s["key"] for s in a["sectors"]] == [sector]
    plan_items = [i for i in a["answer"] if i["source"] == "plan"]
    law_items = [i for i in a["answer"] if i["source"] == "law"]
    assert plan_items and law_items, a["note"]

    # bodies with evidence from each plan that has any; a plan that assigns the sector to
    # nobody shows the bodies it mentions there, and the note says so
    plan_docs = {d for i in plan_items for d in i["documents"]}
    assert plans <= plan_docs, plan_docs
    assigns = any(i["role"] in ("lead", "cooperate", "subject") for i in plan_items)
    assert (a["note"] is None) == assigns, a["note"]

    # the legal basis: law title + article
    bases = [d["legal_basis"] for i in law_items for d in i["details"]]
    assert all(b and "第" in b and "条" in b for b in bases), bases
    assert any(law_body in i["actor"] and i["role"] == "lead" and law_cite in [d["legal_basis"] for d in i["details"]]
               for i in law_items), [(i["actor"], [d["legal_basis"] for d in i["details"]]) for i in law_items]

    assert a["results"]
    print(f"\n{question} -> plans: " + "；".join(f"{i['actor']}({i['role']})" for i in plan_items[:8]))
    print("   laws: " + "；".join(f"{i['actor']} [{i['details'][0]['legal_basis']}]" for i in law_items[:6]))


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_every_evidence_clause_exists_names_the_sector_and_the_body(api, answers, question):
    sector = QUESTIONS[question][0]
    labels = _sector_labels(api, sector)
    assert sector in labels
    checked = 0
    for item in answers[question]["answer"]:
        assert item["evidence"] == [d["clause_id"] for d in item["details"]]
        for clause_id in item["evidence"]:
            r = api.get(f"/clauses/{clause_id}")
            assert r.status_code == 200, clause_id
            clause = r.json()
            assert any(label in clause["text"] for label in labels), (sector, clause["text"])
            bodies = {(m["actor_id"], m["role"]) for m in clause["facts"]["mentions"]}
            assert (item["actor_id"], item["role"]) in bodies, (item["actor"], clause_id, bodies)
            assert (clause["plan_kind"] == "plan") == (item["source"] == "plan")
            checked += 1
    assert checked >= 5
    print(f"\n{question}: {checked} evidence clauses checked")


def test_question_without_a_sector_says_so_and_still_searches(api):
    a = api.get("/ask", params={"q": "今年的工作重点是什么"}).json()
    assert a["sectors"] == [] and a["answer"] == []
    assert "没有识别出行业领域" in a["note"] and a["results"]


def test_ask_rejects_bad_input(api):
    assert api.get("/ask", params={"q": ""}).status_code == 422
    assert api.get("/ask", params={"q": "燃" * 201}).status_code == 422


def test_cli_ask_json_contract(built_data):
    proc = subprocess.run([sys.executable, "-m", "search_api.cli", "ask", "燃气安全归哪个部门管？", "--json",
                           "--data", str(built_data)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {"answer", "results"}
    for item in out["answer"]:
        assert set(item) >= {"actor", "role", "evidence", "source"}
        assert item["source"] in ("plan", "law") and item["evidence"]
    assert {i["source"] for i in out["answer"]} == {"plan", "law"}
    assert out["results"] and set(out["results"][0]) >= {"clause_id", "plan_id", "text", "score", "section_path"}
