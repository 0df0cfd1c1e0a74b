"""What one incremental change costs on a large build: `policykg ingest` of one more plan, then
`policykg remove` of it, timed end to end (wall time of the CLI process) and per stage (from
the manifest each change writes), against a baseline code tree in the same run.

    bench/incremental_bench.py --data DATA --cache CACHE [--baseline-code SRC] [--rounds 2] [--record]

DATA is a built data directory (it is changed: use a copy); CACHE the embedding cache it was
built with. With ``--baseline-code`` the cycle first runs with that source tree (e.g. main's,
exported by `git archive COMMIT | tar -x -C SRC`; this checkout's interpreter runs it through
PYTHONPATH), then ``--rounds`` times with this checkout. A build whose index predates
segments is rebuilt whole by the first change: the rounds after it are the steady state.
``--record`` writes "## Incremental change" in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from results import replace_section  # noqa: E402

PROBE_ID = "scale-probe"
SECTION = "Incremental change"


def run_cli(code: Path, args, *cli: str) -> tuple[float, dict]:
    """One `policykg` command run from the source tree ``code``; (wall seconds, the live manifest)."""
    env = {**os.environ, "POLICYKG_CACHE": str(args.cache.resolve()), "PYTHONPATH": str(code)}
    cmd = [sys.executable, "-m", "search_api.cli", *cli, "--data", str(args.data), "--json"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=code, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cli)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    manifest = json.loads((args.data / "current" / "manifest.json").read_text("utf-8"))
    return wall, manifest


def stages(manifest: dict) -> dict:
    """Where the time went, as far as the manifest says (older code records less)."""
    index = manifest.get("index", {})
    graph = manifest.get("graph", {})
    out = {k: v for k, v in manifest.get("stages", {}).items()}
    out.update({f"index.{k}": v for k, v in index.items() if k.endswith("_seconds")})
    out["index.seconds"] = index.get("seconds")
    out["graph.seconds"] = graph.get("seconds")
    return out


def cycle(code: Path, args, plan: Path) -> dict:
    add_s, add_manifest = run_cli(code, args, "ingest", str(plan), "--id", PROBE_ID, "--title", "规模测试规划")
    remove_s, remove_manifest = run_cli(code, args, "remove", PROBE_ID)
    return {"ingest_s": round(add_s, 1), "remove_s": round(remove_s, 1),
            "ingest_stages": stages(add_manifest), "remove_stages": stages(remove_manifest),
            "documents": len(remove_manifest["documents"]), "units": remove_manifest["index"].get("clauses"),
            "load_average": round(os.getloadavg()[0], 2)}


def record(result: dict) -> None:
    base = result.get("baseline")
    steady = result["rounds"][-1]
    lines = [f"Command: `{result['command']}`", "",
             f"Measured {result['measured']} on {steady['documents']:,} documents, {steady['units']:,} search units "
             f"({result['build']}). Wall time of each `policykg` process (start-up, model load, ingest, "
             "graph, index, manifest, commit), single runs on a shared 2-core machine; load average after "
             "each cycle in brackets.", "",
             "| code | ingest one plan, s | remove it, s | ratio to baseline (ingest / remove) |",
             "|---|---:|---:|---:|"]
    if base:
        lines.append(f"| baseline ({result['baseline_label']}) | {base['ingest_s']} | {base['remove_s']} | 1 / 1 "
                     f"(load {base['load_average']}) |")
    for i, r in enumerate(result["rounds"], 1):
        ratio = (f"{r['ingest_s'] / base['ingest_s']:.2f} / {r['remove_s'] / base['remove_s']:.2f}"
                 if base else "—")
        lines.append(f"| this branch, round {i} | {r['ingest_s']} | {r['remove_s']} | {ratio} "
                     f"(load {r['load_average']}) |")
    lines += ["", "Stages of the last round (seconds, from the manifests):", "", "```",
              json.dumps({"ingest": steady["ingest_stages"], "remove": steady["remove_stages"]},
                         ensure_ascii=False, indent=1), "```"]
    replace_section(SECTION, "\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--baseline-code", type=Path)
    ap.add_argument("--baseline-label", default="main")
    ap.add_argument("--build", default="", help="what DATA is, for the record")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--command", default="", help="the command line to quote in the record")
    args = ap.parse_args()
    plan = args.data.parent / "incremental-probe-plan.txt"
    # A real plan under another id: the ingest path a user takes when a new plan arrives.
    plan.write_text((REPO / "corpus" / "kunshan-14fyp-safety-development.txt").read_text("utf-8"), "utf-8")
    result = {"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "build": args.build,
              "baseline_label": args.baseline_label, "command": args.command, "rounds": []}
    if args.baseline_code:
        result["baseline"] = cycle(args.baseline_code.resolve(), args, plan)
        print(json.dumps({"baseline": result["baseline"]}, ensure_ascii=False), flush=True)
    for _ in range(args.rounds):
        result["rounds"].append(cycle(REPO, args, plan))
        print(json.dumps({"round": result["rounds"][-1]}, ensure_ascii=False), flush=True)
    (args.data.parent / "incremental-bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if args.record:
        record(result)


if __name__ == "__main__":
    main()
