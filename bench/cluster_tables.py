"""The tables of bench/cluster_bench.py, from its results (a dict, also saved as results.json).

Per-worker rates are wall-based unless said otherwise: a stage's output divided by its wall
time and by the worker processes it ran on (idle and waiting included, so a floor), except the
graph's render + SHACL, which the build itself times per document inside the workers.
"""

from __future__ import annotations

PARALLEL_MIN_ITEMS = 16   # ingest.parallel: below this many documents a local stage runs in one process


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def _stage_rows(local: dict, cluster: dict) -> list[str]:
    rows = ["| stage | local s | cluster s | cluster / local |", "|---|---:|---:|---:|"]
    ls, cs = local["manifest"]["stages"], cluster["manifest"]["stages"]
    for key in ls:
        if key.endswith("_seconds"):
            rows.append(f"| {key[:-8]} | {ls[key]:.1f} | {cs.get(key, 0):.1f} | {_ratio(cs.get(key, 0), ls[key])} |")
    for part in ("embed", "bm25", "faiss"):   # inside the index stage
        a, b = local["manifest"]["index"].get(f"{part}_seconds", 0), cluster["manifest"]["index"].get(f"{part}_seconds", 0)
        rows.append(f"| index: {part} | {a:.1f} | {b:.1f} | {_ratio(b, a)} |")
    for part in ("load", "optimize"):   # the graph stage's driver-side part
        a = local["manifest"]["graph"]["phase_seconds"].get(part, 0)
        b = cluster["manifest"]["graph"]["phase_seconds"].get(part, 0)
        rows.append(f"| graph: {part} (driver) | {a:.1f} | {b:.1f} | {_ratio(b, a)} |")
    rows.append(f"| **whole command** | **{local['wall_s']:.1f}** | **{cluster['wall_s']:.1f}** | "
                f"**{_ratio(cluster['wall_s'], local['wall_s'])}** |")
    a, b = (build["wall_s"] - build["manifest"]["index"].get("embed_seconds", 0) for build in (local, cluster))
    rows.append(f"| whole command less embedding | {a:.1f} | {b:.1f} | {_ratio(b, a)} |")
    return rows


def _graph_worker_seconds(build: dict) -> float:
    phases = build["manifest"]["graph"]["phase_seconds"]
    return sum(phases.get(p, 0) for p in ("rdf", "shacl", "serialize"))


def _rate_rows(results: dict) -> list[str]:
    local, cluster = results["local"], results["cluster"]
    docs = len(local["manifest"]["documents"])
    chars = local["manifest"]["stages"]["characters"]
    cores = results["cores"]
    actors = cluster["counts"]["embedding"]["actors"] or 1
    files = cluster["counts"]["stages"][0]["items"] if cluster["counts"]["stages"] else 1
    local_workers = {"ingest": 1, "extract": min(cores, docs) if docs >= PARALLEL_MIN_ITEMS else 1}
    cluster_workers = {"ingest": min(actors, files), "extract": min(actors, docs)}
    rows = ["| stage | unit | local per worker | cluster per worker | workers local / cluster |",
            "|---|---|---:|---:|---|"]
    for stage, what in (("ingest", "read + structure"), ("extract", "extraction")):
        a = chars / local["manifest"]["stages"][f"{stage}_seconds"] / local_workers[stage]
        b = chars / cluster["manifest"]["stages"][f"{stage}_seconds"] / cluster_workers[stage]
        rows.append(f"| {stage} ({what}) | k chars/s, wall | {a / 1e3:.1f} | {b / 1e3:.1f} | "
                    f"{local_workers[stage]} / {cluster_workers[stage]} |")
    a, b = _graph_worker_seconds(local), _graph_worker_seconds(cluster)
    rows.append(f"| graph (RDF + SHACL + N-Quads, timed in the workers) | documents per worker-second | "
                f"{docs / a:.2f} ({a:.0f} worker-s) | {docs / b:.2f} ({b:.0f} worker-s) | {cores} / {actors} |")
    rows.append(f"| graph, same | k chars per worker-second | {chars / a / 1e3:.0f} | {chars / b / 1e3:.0f} | |")
    la, ca = local["manifest"]["index"], cluster["manifest"]["index"]
    local_rate = la["embedded"] / la["embed_seconds"]
    rows.append(f"| embedding | texts/s, wall | {local_rate:.1f} (one process on {cores} cores: "
                f"{local_rate / cores:.1f} per core) | {ca['embedded'] / ca['embed_seconds'] / actors:.1f} per actor | "
                f"1 process / {actors} actors |")
    calls = cluster["counts"]["embedding"]
    if calls["call_seconds"]:
        rows.append(f"| embedding, busy time | texts per actor-second in calls (transport included) | – | "
                    f"{calls['texts'] / calls['call_seconds']:.1f} | |")
    return rows


def _seconds(stage: dict) -> str:
    """From the first task sent to the last result taken (runs before the probe's fix lack it)."""
    return f"{stage['seconds']:.1f}" if "seconds" in stage else "–"


def _bytes_rows(results: dict) -> list[str]:
    counts = results["cluster"]["counts"]
    chars = results["local"]["manifest"]["stages"]["characters"]
    rows = ["| what the driver sent / got back | items | function MB | out MB | back MB | seconds |",
            "|---|---:|---:|---:|---:|---:|"]
    total = 0
    for stage in counts["stages"]:
        total += stage["function_bytes"] + stage["bytes_out"] + stage["bytes_back"]
        rows.append(f"| task stage `{stage['stage']}` | {stage['items']} | {_mb(stage['function_bytes'])} | "
                    f"{_mb(stage['bytes_out'])} | {_mb(stage['bytes_back'])} | {_seconds(stage)} |")
    e = counts["embedding"]
    total += e["bytes_out"] + e["bytes_back"]
    rows.append(f"| embedding actors ({e['calls']} batches) | {e['texts']} texts | – | {_mb(e['bytes_out'])} | "
                f"{_mb(e['bytes_back'])} | {e['call_seconds']:.1f} |")
    rows.append(f"| **all of it, out + back** | | | | **{_mb(total)}** | |")
    rows.append("")
    rows.append(f"That is {total / chars:.0f} bytes per character of the corpus ({chars:,} characters); "
                f"measuring it (serializing each object a second time) took {counts['probe_seconds']:.1f} s "
                f"of the cluster build's driver time.")
    stores = results["cluster"].get("object_store", [])
    if stores and "error" not in stores[0]:
        rows += ["", "| node (raylet) | object store took in, MB | objects | spilled MB |", "|---|---:|---:|---:|"]
        rows += [f"| {i + 1} | {_mb(s['created_bytes'])} | {s['created_objects']} | {_mb(s['spilled_bytes'])} |"
                 for i, s in enumerate(stores)]
    elif stores:
        rows.append(f"\nRay's node stats could not be read: {stores[0]['error']}")
    return rows


def _statutes_setting(results: dict) -> str:
    return ("Both builds cold: each had its own empty embedding cache with only the converted model linked in, "
            f"so each embedded every distinct text ({results['embedder']} engine, the model made before and "
            "outside both).")


def _scale_setting(results: dict) -> str:
    cold = results["cluster"]["cold_cache"]
    return ("The local build is the cold one `bench/scale_e2e.py build` made (an empty embedding cache with "
            f"only the converted model). The cluster build read a copy of that build's embedding cache with "
            f"{cold['share']:.0%} of it deleted ({cold['dropped']:,} of {cold['cached_before']:,} vectors, the keys "
            "below a fixed first byte: an even sample of the texts), so its actors embedded that share cold "
            "and it read the rest: a second cold embedding of the whole corpus would have added over half an hour "
            "on this box. Every other stage ran in full in both builds; compare the embedding by its rate per "
            f"worker, and the whole builds by the row without embedding ({results['embedder']} engine).")


def _corpus_line(results: dict) -> str:
    local, cluster = results["local"], results["cluster"]
    m = local["manifest"]
    index = m["index"]
    size = (f"{len(m['documents']):,} documents, {m['stages']['characters']:,} characters, "
            f"{index['clauses']:,} search units")
    if results.get("corpus") == "scale":
        return (f"Corpus: the scale corpus (corpus/ plus ../shared/scale/laws.jsonl.gz as a collection): {size}; "
                f"texts embedded: local {index['embedded']:,}, cluster {cluster['manifest']['index']['embedded']:,}. "
                f"Local build measured {local['measured']} (load average {local['load_after']} at its end, peak "
                f"memory {local['peak_rss_mb']:,} MB); cluster build load average (1 min) before / after "
                f"{cluster['load_before']} / {cluster['load_after']}. Starting the two nodes took "
                f"{cluster['cluster_start_s']} s (not in the table).")
    return (f"Corpus: corpus/ plus the first {results['statutes']} reference statutes (held-out ones excluded): "
            f"{size}, {index['embedded']:,} texts embedded. Load average (1 min) before / after: local "
            f"{local['load_before']} / {local['load_after']}, cluster {cluster['load_before']} / "
            f"{cluster['load_after']}. Starting the two nodes took {cluster['cluster_start_s']} s (not in the table).")


def report(results: dict, command: str) -> str:
    local, cluster = results["local"], results["cluster"]
    lines = [
        "Issue 17 item 6: the same corpus built locally and through a 2-node Ray cluster on loopback "
        "(`tests/cluster/raynodes.py`: a head and a second node, 1 CPU, 4 GB and a 300 MB object store each, "
        "the driver a `ray://` client) on the same machine, so the ratio is the cluster's overhead, not a "
        "speed-up. " + (_scale_setting(results) if results.get("corpus") == "scale" else _statutes_setting(results)),
        "",
        f"```\n{command}\n```",
        "",
        f"Measured {results['machine']}. " + _corpus_line(results),
        "",
        "Wall time per stage (the generations' manifests):",
        "",
        *_stage_rows(local, cluster),
        "",
        "Throughput per worker (wall-based rates include waiting, so they are floors; the local extraction and "
        "graph stages fork one process per core, the local reading runs in the driver):",
        "",
        *_rate_rows(results),
        "",
        "Bytes between the driver and the cluster, measured at the driver with Ray's serializer "
        "(`bench/cluster_probe.py`): what crosses the network when the driver is not on a node. Ray's own "
        "copies between the two nodes are not exposed per transfer; the node stats below count what each "
        "node's object store took in (objects put there or pulled from the other node; small objects ride "
        "inside task messages and are not counted).",
        "",
        *_bytes_rows(results),
    ]
    return "\n".join(lines)
