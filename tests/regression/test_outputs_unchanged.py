"""The product's outputs on the shipped corpus (+ the reference laws) are those recorded before
the package layout was reorganised (issue 13): every record, every named graph's quads, the
hybrid search rankings, the precedent finder and the owner-question answers.

``outputs_main.json`` was written by this module (``python tests/regression/test_outputs_unchanged.py
DATA_DIR``) from a build made by the code of the main branch before the reorganisation. A
deliberate change of extraction, graph or ranking re-records it the same way, in the same commit.
The owner questions' answers ("ask") were re-recorded once, when /ask began to run the query
library's who_is_responsible: the same bodies, roles, evidence and legal basis as main gave,
with bodies that tie in the ranking now in a defined order (by name; laws of the same title
by id) instead of the order the store returned rows in (and, for laws, Python's string hashing).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "outputs_main.json"
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared"

pytestmark = pytest.mark.slow

SCORE_TOLERANCE = 1e-4
SIMILAR_OF = 5            # precedents recorded for the top hit of this many queries
ASK = ("燃气安全归哪个部门管？", "危险化学品谁负责监管", "森林防火由谁牵头", "建筑施工安全谁负责", "今年的工作重点是什么")


def _queries() -> list[str]:
    """The colloquial evaluation queries (own set, plus the shared dev set when present)."""
    out = []
    for path in (REPO / "tests" / "search_api" / "queries_own.tsv", SHARED / "eval" / "dev_queries.tsv"):
        if path.exists():
            out += [line.split("\t")[1] for line in path.read_text("utf-8").splitlines()
                    if line.strip() and not line.startswith("#")]
    return out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_digests(gen: Path) -> dict[str, str]:
    """sha256 of each stored record, as canonical JSON."""
    out = {}
    for path in sorted((gen / "records").glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        out[path.stem] = _sha(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return out


def quad_digests(gen: Path) -> dict[str, str]:
    """sha256 of each named graph's N-Quads (canonical blank nodes, sorted lines)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(gen / "graph"))
    out = {}
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        dataset = ox.Dataset(store.quads_for_pattern(None, None, None, graph))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        lines = sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
        out[graph.value] = _sha("\n".join(lines).encode("utf-8"))
    del store
    return out


def _hits(body: dict) -> list[list]:
    return [[h["clause_id"], h["score"]] for h in body["results"]]


def served_outputs(api: httpx.Client) -> dict:
    """Rankings and answers as the HTTP API gives them."""
    search, similar = {}, {}
    for i, q in enumerate(_queries()):
        body = api.get("/search", params={"q": q, "k": 10}).json()
        search[q] = _hits(body)
        if i < SIMILAR_OF and body["results"]:
            top = body["results"][0]["clause_id"]
            similar[top] = _hits(api.get(f"/clauses/{top}/similar", params={"k": 10}).json())
    ask = {}
    for q in ASK:
        body = api.get("/ask", params={"q": q, "k": 0}).json()
        ask[q] = {"matters": [m["name"] for m in body["matters"]], "summary": body["summary"], "note": body["note"],
                  "answer": [[i["source"], i["actor_id"], i["actor"], i["role"], i["evidence"],
                              [d["legal_basis"] for d in i["details"]]] for i in body["answer"]]}
    return {"search": search, "similar": similar, "ask": ask}


def current_outputs(data: Path, api: httpx.Client) -> dict:
    gen = (data / "current").resolve()
    return {"records": record_digests(gen), "quads": quad_digests(gen), **served_outputs(api)}


# -- the test -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def golden() -> dict:
    return json.loads(GOLDEN.read_text("utf-8"))


def test_records_are_unchanged(built_data, golden):
    assert record_digests((built_data / "current").resolve()) == golden["records"]


def test_quads_are_unchanged(built_data, golden):
    assert quad_digests((built_data / "current").resolve()) == golden["quads"]


def _same_ranking(got: list[list], want: list[list]) -> bool:
    return ([c for c, _ in got] == [c for c, _ in want]
            and all(abs(a - b) <= SCORE_TOLERANCE for (_, a), (_, b) in zip(got, want)))


def test_search_rankings_are_unchanged(api, golden):
    served = served_outputs(api)
    changed = [q for q, want in golden["search"].items() if not _same_ranking(served["search"].get(q, []), want)]
    assert not changed, changed
    assert all(_same_ranking(served["similar"].get(c, []), want) for c, want in golden["similar"].items())
    assert served["ask"] == golden["ask"]


if __name__ == "__main__":
    # Record the golden outputs from an existing build (corpus + reference laws) served here.
    sys.path.insert(0, str(HERE.parent))
    from liveserver import LiveServer

    data_dir = Path(sys.argv[1]).resolve()
    server = LiveServer(data_dir, Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / ".serve.log")
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, timeout=120) as client:
            outputs = current_outputs(data_dir, client)
    finally:
        server.stop()
    GOLDEN.write_text(json.dumps(outputs, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {GOLDEN}: {len(outputs['records'])} records, {len(outputs['quads'])} graphs, "
          f"{len(outputs['search'])} queries")
