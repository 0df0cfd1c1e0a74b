"""One corpus built locally and through a 2-node local Ray cluster (issue 17 item 6).

Both on this machine, so the ratio cluster/local shows the cluster's overhead, not a speed-up.
The cluster is the cluster tests' (tests/cluster/raynodes.py: a head and a second node on
loopback, 1 CPU each, in their own process groups, stopped whatever happens).

Two corpora:

- default: corpus/ plus the first ``--statutes`` reference statutes (never the held-out ones).
  Both builds start COLD: each gets its own empty cache folder with only the converted model
  linked in, so each embeds every distinct text (the int8 model is made ahead of both and is
  not timed).
- ``--scale WORK``: the scale corpus (../shared/scale, ~3,000 statutes), whose local cold build
  is the one ``bench/scale_e2e.py build --work WORK --cache CACHE`` made (its WORK/scale-build.json
  and WORK/scale-data): one cold build of it takes over an hour on two cores, so it is not run
  twice. The cluster build gets a copy of that build's embedding cache (``--cache``) from which
  ``--cold-share`` of the embeddings are deleted (a fixed share of the keys, by their first
  byte): it embeds that share cold, through its actors, and reads the rest. Every other stage
  runs in full on both.

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
SCALE_SECTION = "Cluster build of the scale corpus"
PROBE = str(REPO / "bench" / "cluster_probe.py")


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--statutes", type=int, default=40, help="reference statutes added to corpus/ (default 40)")
    ap.add_argument("--embedder", choices=["int8", "fp32"], default="int8")
    ap.add_argument("--model-cache", type=Path, default=Path(os.environ.get("POLICYKG_CACHE", REPO / "data" / "cache")),
                    help="a cache folder whose models/ holds the converted model (linked into both empty caches)")
    ap.add_argument("--work", type=Path, default=REPO / "bench" / ".work" / "cluster")
    ap.add_argument("--scale", type=Path, metavar="WORK",
                    help="the scale corpus instead, against the local cold build bench/scale_e2e.py made in WORK")
    ap.add_argument("--cache", type=Path, help="--scale: the cache of that local build (its embeddings)")
    ap.add_argument("--cold-share", type=float, default=0.1,
                    help="--scale: the share of the local build's embeddings the cluster build makes anew (default 0.1)")
    ap.add_argument("--record", action="store_true",
                    help=f'write "## {SECTION}" (--scale: "## {SCALE_SECTION}") in bench/RESULTS.md')
    ap.add_argument("--from-json", type=Path, help="no builds: the tables of a saved results.json")
    args = ap.parse_args(argv)
    if args.scale and not args.cache and not args.from_json:
        ap.error("--scale needs --cache, the cache folder of the local scale build")
    if not 0 < args.cold_share <= 1:
        ap.error("--cold-share is a share of the embeddings: above 0, at most 1")
    return args


def empty_cache(folder: Path, model_cache: Path) -> Path:
    """No embeddings, the model linked: the build embeds every text and downloads nothing."""
    folder.mkdir(parents=True)
    (folder / "models").symlink_to((model_cache / "models").resolve())
    return folder


def partly_cold_cache(folder: Path, source: Path, share: float) -> tuple[Path, dict]:
    """A copy of ``source``'s embeddings without ``share`` of them (the keys whose first byte is
    below 256 × share: sha256 keys, so an even, fixed sample of the texts), the model linked."""
    import sqlite3

    folder.mkdir(parents=True)
    (folder / "models").symlink_to((source / "models").resolve())
    (folder / "embeddings").mkdir()
    target = folder / "embeddings" / "embeddings.sqlite"
    with sqlite3.connect(source / "embeddings" / "embeddings.sqlite") as db:
        db.execute("VACUUM INTO ?", (str(target),))   # a consistent copy, whatever the source's journal holds
    with sqlite3.connect(target) as db:
        total = db.execute("SELECT COUNT(*) FROM emb").fetchone()[0]
        first_kept = round(256 * share)   # keys from this first byte on stay
        dropped = (db.execute("DELETE FROM emb").rowcount if first_kept > 255 else
                   db.execute("DELETE FROM emb WHERE substr(key, 1, 1) < ?", (bytes([first_kept]),)).rowcount)
    return folder, {"cached_before": total, "dropped": dropped, "share": share}


def timed_build(name: str, corpus: Path, work: Path, cache: Path, embedder: str, cluster: str = "") -> dict:
    """One build in a child process under the probe (``cache``: its POLICYKG_CACHE); its
    manifest, wall time and counts."""
    data, counts = work / f"{name}-data", work / f"{name}-counts.json"
    cli = ["build", "--corpus", str(corpus), "--data", str(data), "--embedder", embedder, "--json"]
    cli += ["--cluster", cluster] if cluster else []
    env = {**os.environ, "POLICYKG_CACHE": str(cache)}
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


def cluster_build(corpus: Path, work: Path, cache: Path, embedder: str) -> dict:
    from raynodes import LocalCluster

    cluster = LocalCluster()
    try:
        started = time.perf_counter()
        cluster.start()
        start_s = time.perf_counter() - started
        result = timed_build("cluster", corpus, work, cache, embedder, cluster=cluster.address)
        result["cluster_start_s"] = round(start_s, 1)
        result["object_store"] = object_store_stats(cluster.address)
        return result
    finally:
        cluster.stop()


def command_of(args: argparse.Namespace) -> str:
    corpus = (f"--scale WORK --cache CACHE --cold-share {args.cold_share:g}" if args.scale
              else f"--statutes {args.statutes}")
    return (f"nohup nice -n 10 .venv/bin/python bench/cluster_bench.py {corpus} "
            f"--embedder {args.embedder}{' --record' if args.record else ''} > bench/.work/cluster-bench.log 2>&1 &")


def local_scale_build(work: Path) -> dict:
    """The local cold build bench/scale_e2e.py made in ``work``, as timed_build reports one."""
    made = json.loads((work / "scale-build.json").read_text("utf-8"))
    manifest = json.loads(((work / "scale-data" / "current").resolve() / "manifest.json").read_text("utf-8"))
    return {"wall_s": made["wall_s"], "load_before": None, "load_after": made["load_average"],
            "measured": made["measured"], "peak_rss_mb": made["peak_rss_mb"], "manifest": manifest}


def run_scale(args: argparse.Namespace) -> dict:
    local = local_scale_build(args.scale)
    corpus = args.scale / "scale-corpus"   # the very folder the local build read
    cache, cold = partly_cold_cache(args.work / "cluster-cache", args.cache, args.cold_share)
    cluster = cluster_build(corpus, args.work, cache, args.embedder)
    cluster["cold_cache"] = cold
    return {"corpus": "scale", "embedder": args.embedder, "local": local, "cluster": cluster}


def run_statutes(args: argparse.Namespace) -> dict:
    (args.work / "corpus").mkdir(parents=True)
    corpus = corpus_with_statutes(args.work / "corpus", args.statutes)
    local = timed_build("local", corpus, args.work, empty_cache(args.work / "local-cache", args.model_cache),
                        args.embedder)
    cluster = cluster_build(corpus, args.work, empty_cache(args.work / "cluster-cache", args.model_cache),
                            args.embedder)
    return {"corpus": "statutes", "statutes": args.statutes, "embedder": args.embedder, "local": local,
            "cluster": cluster}


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text("utf-8"))
        return publish(results, results["command"], args.record)
    from measure import machine
    from search_api.model.embedder import ensure_engine

    # the int8 model made once, before and outside both builds
    ensure_engine(None, args.cache if args.scale else args.model_cache, args.embedder)
    if args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True)
    results = run_scale(args) if args.scale else run_statutes(args)
    results.update({"cores": os.cpu_count(), "machine": machine(), "command": command_of(args)})
    (args.work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    publish(results, results["command"], args.record)


def publish(results: dict, command: str, record: bool) -> None:
    text = report(results, command)
    print(text, flush=True)
    if record:
        from results import replace_section

        replace_section(SCALE_SECTION if results.get("corpus") == "scale" else SECTION, text)


if __name__ == "__main__":
    main()
