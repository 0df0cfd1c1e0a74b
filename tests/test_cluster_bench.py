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
    assert "| embedding actors (60 batches) | 1800 texts |" in text
    assert "| 1 | 5.00 | 7 | 0.00 |" in text
    assert "per actor" in text and "documents per worker-second" in text
