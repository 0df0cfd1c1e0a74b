"""Build, rebuild, incremental update and an interrupted build of the graph store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

from sample_records import REPO, make_generation
from ingest.records import DocumentRecord
from kg.build import build_graph, update_graph
from kg.store import open_store
from sample_records import gas_law, kunshan, sample_records, wujiang
from search_api.datadir.generations import DataDir


def quads(graph_dir: Path) -> set[str]:
    store = ox.Store.read_only(str(graph_dir))
    return set(store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def clone(record: DocumentRecord, new_id: str) -> DocumentRecord:
    old = record.meta.id
    return DocumentRecord.from_dict(json.loads(json.dumps(record.to_dict()).replace(old, new_id)))


def test_build_stats_and_reopen_after_rebuild(tmp_path):
    data = DataDir(tmp_path / "data")
    first = make_generation(data, sample_records())
    assert first["conforms"] is True and first["graphs"] == 5 and first["documents"] == 3
    assert first["triples"] > 1000 and first["seconds"] > 0
    gen1 = data.require_current()
    second = make_generation(data, sample_records())
    gen2 = data.require_current()
    assert gen1 != gen2
    with open_store(gen2) as reopened:
        count = reopened.triple_count()
    print(f"\ntriples: build 1 {first['triples']}, build 2 {second['triples']}, reopened {count}")
    assert first["triples"] == second["triples"] == count
    assert quads(gen1 / "graph") == quads(gen2 / "graph")   # same IRIs, same literals, same bnode labels


def test_update_equals_full_rebuild(tmp_path):
    before = [kunshan(), wujiang()]
    build_graph(before, tmp_path / "before")
    changed_kunshan = kunshan()
    changed_kunshan.facts.indicators[1].value = 0.12          # replaced document
    after = [changed_kunshan, gas_law()]                       # wujiang removed, the law added
    stats = update_graph(tmp_path / "before", tmp_path / "updated", changed=[changed_kunshan, gas_law()],
                         removed_ids=["kunshan-14fyp-safety", "wujiang-14fyp-emergency"], all_records=after)
    build_graph(after, tmp_path / "rebuilt")
    updated, rebuilt = quads(tmp_path / "updated"), quads(tmp_path / "rebuilt")
    print(f"\nupdate: {stats}; rebuilt {len(rebuilt)} quads")
    assert updated == rebuilt
    assert stats["triples"] == len(rebuilt)
    assert any('"0.12"' in q for q in updated) and not any("wujiang" in q for q in updated)
    assert len(quads(tmp_path / "before")) > 0   # the previous store is untouched and still opens


def test_update_without_previous_store_builds_everything(tmp_path):
    stats = update_graph(None, tmp_path / "g", changed=[wujiang()], removed_ids=[], all_records=sample_records())
    assert stats["documents"] == 3 and quads(tmp_path / "g") == _full(tmp_path / "full")


def _full(path: Path) -> set[str]:
    build_graph(sample_records(), path)
    return quads(path)


KILLED_BUILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from sample_records import make_generation
    from test_build import clone
    from sample_records import kunshan
    from search_api.datadir.generations import DataDir

    records = [clone(kunshan(), f"copy-{{i:02d}}") for i in range(40)]
    make_generation(DataDir(sys.argv[1]), records,
                    progress=lambda stage, done, total: print(stage, done, total, flush=True))
    print("finished", flush=True)
""")


def test_build_killed_midway_leaves_previous_store_usable(tmp_path):
    data = DataDir(tmp_path / "data")
    make_generation(data, sample_records())
    live = data.require_current()
    with open_store(live) as store:
        before = store.triple_count()
    script = tmp_path / "killed_build.py"
    script.write_text(KILLED_BUILD.format(tests=str(Path(__file__).parent)))
    proc = subprocess.Popen([sys.executable, str(script), str(data.root)], stdout=subprocess.PIPE,
                            text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    killed_at = None
    for line in proc.stdout:
        parts = line.split()
        if parts[:1] == ["graph"] and int(parts[1]) >= 10:
            proc.send_signal(signal.SIGKILL)
            killed_at = line.strip()
            break
    proc.wait(timeout=60)
    print(f"\nkilled at progress '{killed_at}'")
    assert killed_at is not None and proc.returncode == -signal.SIGKILL
    assert list(data.root.glob("tmp-*")), "the half-written generation should be left behind"
    assert data.require_current() == live
    with open_store(data.require_current()) as store:
        assert store.triple_count() == before
        assert store.query("ASK { ?s a <https://w3id.org/policykg/ontology#KeyProject> }").boolean
    # The next build recovers on its own (stale tmp dirs are removed).
    make_generation(data, sample_records())
    assert not list(data.root.glob("tmp-*"))
    with open_store(data.require_current()) as store:
        assert store.triple_count() == before


def test_worker_processes_render_the_same_quads_as_one_process():
    """Large builds render documents in a process pool; the graph must not depend on it."""
    from kg import render

    from ingest.parallel import PARALLEL_MIN_ITEMS

    records = [clone(kunshan(), f"copy-{i:02d}") for i in range(PARALLEL_MIN_ITEMS)]
    serial = list(render.render_all(records, workers=1))
    pooled = list(render.render_all(records, workers=2))
    assert [r.doc_id for r in pooled] == [r.doc_id for r in serial] == [r.meta.id for r in records]
    for one, many in zip(serial, pooled):
        assert one.triples == many.triples > 300
        assert sorted(one.nquads.splitlines()) == sorted(many.nquads.splitlines())
        assert all(line.endswith(f"<https://w3id.org/policykg/id/doc/{one.doc_id}> .".encode())
                   for line in one.nquads.splitlines())


def test_violation_found_in_a_worker_process_fails_the_build_with_its_report(tmp_path):
    from kg import render
    from kg.errors import ValidationError

    from ingest.parallel import PARALLEL_MIN_ITEMS

    records = [clone(kunshan(), f"copy-{i:02d}") for i in range(PARALLEL_MIN_ITEMS)]
    records[7].facts.indicators[0].attribute = "约束"
    with pytest.raises(ValidationError) as err:
        build_graph(records, tmp_path / "graph", workers=2)
    assert "document copy-07" in str(err.value) and "indicatorAttribute" in str(err.value)
    assert "document copy-07" in err.value.report
