"""`policykg sparql|queries|export` as a user runs them (real subprocess, exit codes, stderr)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from sample_records import REPO

POLICYKG = str(REPO / ".venv" / "bin" / "policykg")


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capfd, monkeypatch):
    """Run `policykg ARGS` in-process through the real entry point (exit codes, stderr and all);
    the CLI's start-up imports are too slow on this box to pay for every call."""
    from search_api.cli import main

    def invoke(*args, check=True) -> Outcome:
        monkeypatch.setattr(sys, "argv", ["policykg", *args])
        monkeypatch.chdir(REPO)
        capfd.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capfd.readouterr()
        if check:
            assert code == 0, err
        return Outcome(code, out, err)

    return invoke


def test_real_subprocess_error_is_one_line_with_exit_2(sample_data):
    proc = subprocess.run([POLICYKG, "sparql", "DROP ALL", "--data", str(sample_data.root)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr == "policykg: error: SPARQL UPDATE (DROP) is not allowed: the store is read-only here\n"


def test_sparql_by_name_file_and_text(run, sample_data):
    data = str(sample_data.root)
    by_name = run("sparql", "compare_indicator", "--data", data, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(by_name)))
    assert {r["region"]: r["value"] for r in rows} == {"吴江区": "0.2", "昆山市": "0.15"}
    by_file = run("sparql", "@kg/queries/compare_indicator.rq", "--data", data, "--format", "csv").stdout
    assert by_file == by_name
    as_json = json.loads(run("sparql", "ASK { ?s ?p ?o }", "--data", data, "--json").stdout)
    assert as_json == {"head": {}, "boolean": True}
    table = run("sparql", "plan_indicators", "--data", data).stdout
    assert "亿元地区生产总值生产安全事故死亡率" in table and "0.0112" in table
    ttl = run("sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/policykg/ontology#Task> ; ?p ?o }",
              "--data", data, "--format", "ttl").stdout
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) > 10


def test_sparql_errors_are_one_line_with_exit_2(run, sample_data):
    data = str(sample_data.root)
    for args, fragment in [
        (("INSERT DATA { <urn:a> <urn:b> <urn:c> }",), "not allowed"),
        (("SELECT ?x WHERE {",), "malformed SPARQL"),
        (("nosuch_query",), "no library query named"),
        (("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", "--timeout", "1"),
         "time limit"),
    ]:
        proc = run("sparql", *args, "--data", data, check=False)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("policykg: error:") and fragment in proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_sparql_without_build_and_row_cap_warning(run, tmp_path, sample_data):
    proc = run("sparql", "key_projects", "--data", str(tmp_path / "empty"), check=False)
    assert proc.returncode == 2 and "run `policykg build` first" in proc.stderr
    capped = run("sparql", "SELECT * WHERE { ?s ?p ?o }", "--data", str(sample_data.root), "--format", "csv",
                 "--max-rows", "5")
    assert len(capped.stdout.strip().splitlines()) == 6 and "cut at 5 rows" in capped.stderr


def test_queries_listing(run):
    items = json.loads(run("queries", "--json").stdout)
    assert {"compare_indicator", "who_is_responsible"} <= {i["name"] for i in items}
    assert all(i["question"] for i in items)


def test_export_formats_parse_back(run, sample_data, tmp_path):
    data = str(sample_data.root)
    out = tmp_path / "g.nq"
    run("export", "--format", "nq", "-o", str(out), "--data", data)
    nq_quads = len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)))
    ttl = run("export", "--format", "ttl", "--data", data).stdout
    ttl_graph = rdflib.Graph().parse(data=ttl, format="turtle")
    jsonld = run("export", "--format", "jsonld", "--data", data, "--doc", "wujiang-14fyp-emergency").stdout
    one_doc = list(ox.parse(jsonld, format=ox.RdfFormat.JSON_LD))
    print(f"\nexport: {nq_quads} quads (nq), {len(ttl_graph)} distinct triples (ttl), "
          f"{len(one_doc)} triples in one document (jsonld)")
    assert nq_quads == json.loads((Path(data) / "current" / "manifest.json").read_text())["graph"]["triples"]
    assert 0 < len(ttl_graph) <= nq_quads
    assert 0 < len(one_doc) < nq_quads
    bad = run("export", "--format", "xml", "--data", data, check=False)
    assert bad.returncode == 2 and "--format must be one of" in bad.stderr
