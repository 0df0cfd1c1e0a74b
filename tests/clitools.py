"""Run the real CLI in subprocesses and look at the data directory it leaves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, data: Path | None = None, timeout: float = 900,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `policykg ARGS` the way a user does; never raises on a non-zero exit."""
    cmd = [sys.executable, "-m", "search_api.cli", *args]
    if data is not None:
        cmd += ["--data", str(data)]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def live_generation(data: Path) -> Path:
    return (data / os.readlink(data / "current")).resolve()


def manifest(data: Path) -> dict:
    return json.loads((live_generation(data) / "manifest.json").read_text("utf-8"))


def sparql_json(data: Path, query: str) -> dict:
    proc = run_cli("sparql", query, "--format", "json", data=data)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def search_json(data: Path, query: str, k: int = 10) -> dict:
    proc = run_cli("search", query, "-k", str(k), "--json", data=data)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


_SEARCH_MANY = """
import json, sys
from pathlib import Path
from search_api.cli.output import settings
from search_api.service.readmodel import Service
data, k, queries = Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.stdin.read())
service = Service(settings(data), with_graph=False)   # what `policykg search` opens
print(json.dumps({q: {"query": q, "results": service.search(q, k=k)} for q in queries}, ensure_ascii=False))
"""


def search_many_json(data: Path, queries: list[str], k: int = 10) -> dict[str, dict]:
    """``search_json`` of each query, answered by one process: the read model `policykg search`
    uses, its model loaded once (one `policykg search` of an fp32 build took 20 s on an idle box,
    most of it loading torch and the model)."""
    proc = subprocess.run([sys.executable, "-c", _SEARCH_MANY, str(data), str(k)], cwd=REPO,
                          input=json.dumps(queries), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


DOC_GRAPH_PREFIX = "https://w3id.org/policykg/id/doc/"


def check_consistent(data: Path) -> None:
    """Records, graph and search index of the live generation describe the same documents."""
    gen = live_generation(data)
    doc_ids = {d["id"] for d in manifest(data)["documents"]}
    record_ids = {p.stem for p in (gen / "records").glob("*.json")}
    assert doc_ids == record_ids, (doc_ids, record_ids)
    rows = sparql_json(data, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {b["g"]["value"] for b in rows["results"]["bindings"]}
    graph_docs = {g[len(DOC_GRAPH_PREFIX):] for g in graphs if g.startswith(DOC_GRAPH_PREFIX)}
    assert graph_docs == doc_ids, (graph_docs, doc_ids)
    hits = search_json(data, "燃气安全")["results"]
    assert hits, "search returned nothing"
    assert {h["plan_id"] for h in hits} <= doc_ids
