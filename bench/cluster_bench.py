"""One corpus built locally and through a 2-node local Ray cluster (issue 17 item 6).

Both on this machine, so the ratio cluster/local shows the cluster's overhead, not a speed-up.
The corpus is corpus/ plus the first ``--statutes`` reference statutes (never the held-out
ones). Both builds start COLD: each gets its own empty cache folder with only the converted
model linked in, so each embeds every distinct text (the int8 model is made ahead of both and
is not timed). The cluster is the cluster tests' (tests/cluster/raynodes.py: a head and a second
node on loopback, 1 CPU each, in their own process groups, stopped whatever happens).

Reported: wall time per stage of each build (the generation's manifest), per-stage throughput
per worker, the bytes the driver sent to the cluster and got back (bench/cluster_probe.py) and
the bytes each node's object store took in (Ray's node stats).

    nohup nice -n 10 .venv/bin/python bench/cluster_bench.py --record > bench/.work/cluster-bench.log 2>&1 &
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "cluster"))
from cluster_tables import report  # noqa: E402
from sample_corpus import corpus_with_statutes  # noqa: E402

SECTION = "Cluster build"
PROBE = str(REPO / "bench" / "cluster_probe.py")


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--statutes", type=int, default=40, help="reference statutes added to corpus/ (default 40)")
    ap.add_argument("--embedder", choices=["int8", "fp32"], default="int8")
    ap.add_argument("--model-cache", type=Path, default=Path(os.environ.get("POLICYKG_CACHE", REPO / "data" / "cache")),
                    help="a cache folder whose models/ holds the converted model (linked into both empty caches)")
    ap.add_argument("--work", type=Path, default=REPO / "bench" / ".work" / "cluster")
    ap.add_argument("--record", action="store_true", help=f'write "## {SECTION}" in bench/RESULTS.md')
    ap.add_argument("--from-json", type=Path, help="no builds: the tables of a saved results.json")
    return ap.parse_args(argv)


def empty_cache(folder: Path, model_cache: Path) -> Path:
    """No embeddings, the model linked: the build embeds every text and downloads nothing."""
    folder.mkdir(parents=True)
    (folder / "models").symlink_to((model_cache / "models").resolve())
    return folder


def timed_build(name: str, corpus: Path, work: Path, model_cache: Path, embedder: str, cluster: str = "") -> dict:
    """One cold build in a child process under the probe; its manifest, wall time and counts."""
    data, counts = work / f"{name}-data", work / f"{name}-counts.json"
    cli = ["build", "--corpus", str(corpus), "--data", str(data), "--embedder", embedder, "--json"]
    cli += ["--cluster", cluster] if cluster else []
    env = {**os.environ, "POLICYKG_CACHE": str(empty_cache(work / f"{name}-cache", model_cache))}
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, PROBE, str(counts), *cli], cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{name} build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    manifest = json.loads(((data / "current").resolve() / "manifest.json").read_text("utf-8"))
    print(f"{name} build: {wall:.1f} s", flush=True)
    return {"wall_s": round(wall, 1), "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2),
            "manifest": manifest, "counts": json.loads(counts.read_text())}


# Run in a child: the bench itself never becomes a Ray driver (nothing of Ray lingers in it).
_NODE_STATS = """
import json, sys, ray
from ray._private.internal_api import node_stats
ray.init(sys.argv[1], logging_level="ERROR")
nodes = [(n["NodeManagerAddress"], n["NodeManagerPort"]) for n in ray.nodes() if n["Alive"]]
ray.shutdown()
out = []
for host, port in nodes:
    s = node_stats(host, port, include_memory_info=False).store_stats
    out.append({"node": f"{host}:{port}", "created_bytes": s.cumulative_created_bytes,
                "created_objects": s.cumulative_created_objects, "spilled_bytes": s.spilled_bytes_total})
print(json.dumps(out))
"""


def object_store_stats(address: str) -> list[dict]:
    """Bytes each node's object store took in over the cluster's life (objects put there or
    pulled from the other node; small objects travel inside task messages and are not counted)."""
    proc = subprocess.run([sys.executable, "-c", _NODE_STATS, address], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        return [{"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output"}]
    return json.loads(proc.stdout)


def cluster_build(corpus: Path, work: Path, model_cache: Path, embedder: str) -> dict:
    from raynodes import LocalCluster

    cluster = LocalCluster()
    try:
        started = time.perf_counter()
        cluster.start()
        start_s = time.perf_counter() - started
        result = timed_build("cluster", corpus, work, model_cache, embedder, cluster=cluster.address)
        result["cluster_start_s"] = round(start_s, 1)
        result["object_store"] = object_store_stats(cluster.address)
        return result
    finally:
        cluster.stop()


def command_of(args: argparse.Namespace) -> str:
    return (f"nohup nice -n 10 .venv/bin/python bench/cluster_bench.py --statutes {args.statutes} "
            f"--embedder {args.embedder}{' --record' if args.record else ''} > bench/.work/cluster-bench.log 2>&1 &")


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text("utf-8"))
        return publish(results, results["command"], args.record)
    from measure import machine
    from search_api.model.embedder import ensure_engine

    ensure_engine(None, args.model_cache, args.embedder)   # the int8 model made once, before and outside both builds
    if args.work.exists():
        shutil.rmtree(args.work)
    (args.work / "corpus").mkdir(parents=True)
    corpus = corpus_with_statutes(args.work / "corpus", args.statutes)
    local = timed_build("local", corpus, args.work, args.model_cache, args.embedder)
    cluster = cluster_build(corpus, args.work, args.model_cache, args.embedder)
    results = {"statutes": args.statutes, "embedder": args.embedder, "cores": os.cpu_count(),
               "machine": machine(), "command": command_of(args), "local": local, "cluster": cluster}
    (args.work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    publish(results, results["command"], args.record)


def publish(results: dict, command: str, record: bool) -> None:
    text = report(results, command)
    print(text, flush=True)
    if record:
        from results import replace_section

        replace_section(SECTION, text)


if __name__ == "__main__":
    main()
