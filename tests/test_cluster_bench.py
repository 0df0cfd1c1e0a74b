"""bench/cluster_bench.py without a cluster: its options and the tables it writes from a saved
run's results (no build, no Ray; milliseconds)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import cluster_bench  # noqa: E402
from cluster_tables import report  # noqa: E402


def test_options_default_to_a_cold_int8_build_of_forty_statutes():
    args = cluster_bench.parse_args([])
    assert (args.statutes, args.embedder, args.record, args.from_json) == (40, "int8", False, None)
    args = cluster_bench.parse_args(["--statutes", "3", "--embedder", "fp32", "--record"])
    assert (args.statutes, args.embedder, args.record) == (3, "fp32", True)
    assert "--statutes 3 --embedder fp32 --record" in cluster_bench.command_of(args)


def _build(wall: float, scale: float) -> dict:
    return {
        "wall_s": wall, "load_before": 1.0, "load_after": 2.0,
        "manifest": {
            "documents": [{"id": str(i)} for i in range(20)],
            "stages": {"ingest_seconds": 1.0 * scale, "extract_seconds": 10.0 * scale, "records_seconds": 0.5,
                       "graph_seconds": 20.0 * scale, "index_seconds": 30.0 * scale, "characters": 100_000},
            "graph": {"phase_seconds": {"rdf": 15.0, "shacl": 5.0, "serialize": 1.0, "load": 2.0, "optimize": 0.5}},
            "index": {"clauses": 2000, "embedded": 1800, "embed_seconds": 25.0 * scale, "bm25_seconds": 2.0,
                      "faiss_seconds": 0.1},
        },
        "counts": {"stages": [], "embedding": {"calls": 0, "texts": 0, "bytes_out": 0, "bytes_back": 0,
                                               "call_seconds": 0.0, "actors": 0}, "probe_seconds": 0.0},
    }


def test_the_tables_show_each_stage_the_ratio_the_rates_and_the_bytes():
    cluster = _build(90.0, 1.5)
    cluster["cluster_start_s"] = 12.0
    cluster["counts"] = {
        "stages": [{"stage": "read", "items": 3, "function_bytes": 1000, "bytes_out": 300, "bytes_back": 400_000,
                    "seconds": 1.5},
                   {"stage": "extract", "items": 20, "function_bytes": 2000, "bytes_out": 500_000,
                    "bytes_back": 600_000, "seconds": 15.0}],
        "embedding": {"calls": 60, "texts": 1800, "bytes_out": 200_000, "bytes_back": 1800 * 384 * 4,
                      "call_seconds": 70.0, "actors": 2},
        "probe_seconds": 0.4}
    cluster["object_store"] = [{"node": "127.0.0.1:1", "created_bytes": 5_000_000, "created_objects": 7,
                                "spilled_bytes": 0}]
    results = {"statutes": 18, "embedder": "int8", "cores": 2, "machine": "now", "command": "cmd",
               "local": _build(60.0, 1.0), "cluster": cluster}
    text = report(results, "the command")
    assert "```\nthe command\n```" in text
    assert "| extract | 10.0 | 15.0 | 1.50 |" in text
    assert "| **whole command** | **60.0** | **90.0** | **1.50** |" in text
    assert "| whole command less embedding | 35.0 | 52.5 | 1.50 |" in text
    assert "| embedding actors (60 batches) | 1800 texts |" in text
    assert "| 1 | 5.00 | 7 | 0.00 |" in text
    assert "per actor" in text and "documents per worker-second" in text


def test_the_scale_mode_needs_the_local_builds_cache_and_a_share_of_it():
    args = cluster_bench.parse_args(["--scale", "w", "--cache", "c", "--cold-share", "0.2"])
    assert (args.scale, args.cache, args.cold_share) == (Path("w"), Path("c"), 0.2)
    assert "--scale WORK --cache CACHE --cold-share 0.2 --embedder int8" in cluster_bench.command_of(args)
    for bad in (["--scale", "w"], ["--scale", "w", "--cache", "c", "--cold-share", "0"],
                ["--scale", "w", "--cache", "c", "--cold-share", "1.5"]):
        try:
            cluster_bench.parse_args(bad)
        except SystemExit as exc:
            assert exc.code == 2
        else:
            raise AssertionError(f"accepted {bad}")


def test_the_partly_cold_cache_drops_a_fixed_share_of_the_keys_and_keeps_the_rest(tmp_path):
    import hashlib
    import sqlite3

    source = tmp_path / "source"
    (source / "models").mkdir(parents=True)
    (source / "embeddings").mkdir()
    keys = [hashlib.sha256(str(i).encode()).digest() for i in range(2000)]
    with sqlite3.connect(source / "embeddings" / "embeddings.sqlite") as db:
        db.execute("CREATE TABLE emb (key BLOB PRIMARY KEY, dim INTEGER, vec BLOB)")
        db.executemany("INSERT INTO emb VALUES (?, 2, ?)", [(k, b"12345678") for k in keys])
    folder, cold = cluster_bench.partly_cold_cache(tmp_path / "copy", source, 0.25)
    assert (folder / "models").resolve() == (source / "models").resolve()
    with sqlite3.connect(folder / "embeddings" / "embeddings.sqlite") as db:
        left = {row[0] for row in db.execute("SELECT key FROM emb")}
    assert left == {k for k in keys if k[0] >= 64}
    assert cold == {"cached_before": 2000, "dropped": 2000 - len(left), "share": 0.25}
    assert 400 < cold["dropped"] < 600   # about a quarter: sha256 keys are even
    with sqlite3.connect(source / "embeddings" / "embeddings.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM emb").fetchone()[0] == 2000   # the source untouched
    _, cold = cluster_bench.partly_cold_cache(tmp_path / "all-cold", source, 1.0)
    assert cold == {"cached_before": 2000, "dropped": 2000, "share": 1.0}


def test_the_scale_report_compares_the_builds_without_their_embedding(tmp_path):
    import json

    local = _build(600.0, 1.0)
    work = tmp_path / "scale"
    gen = work / "scale-data" / "gen-1"
    gen.mkdir(parents=True)
    (work / "scale-data" / "current").symlink_to(gen)
    (gen / "manifest.json").write_text(json.dumps(local["manifest"]))
    (work / "scale-build.json").write_text(json.dumps({"wall_s": 600.0, "load_average": 2.1,
                                                       "measured": "then", "peak_rss_mb": 5000}))
    local = cluster_bench.local_scale_build(work)
    assert (local["wall_s"], local["load_after"], local["measured"]) == (600.0, 2.1, "then")
    cluster = _build(400.0, 0.5)
    cluster.update({"cluster_start_s": 30.0, "load_before": 0.5,
                    "cold_cache": {"cached_before": 2000, "dropped": 200, "share": 0.1}})
    cluster["manifest"]["index"]["embedded"] = 200
    results = {"corpus": "scale", "embedder": "int8", "cores": 2, "machine": "now", "command": "cmd",
               "local": local, "cluster": cluster}
    text = report(results, "the command")
    assert "10% of it deleted (200 of 2,000 vectors" in text
    assert "texts embedded: local 1,800, cluster 200" in text
    assert "| whole command less embedding | 575.0 | 387.5 | 0.67 |" in text
    assert "Local build measured then" in text and "peak memory 5,000 MB" in text
