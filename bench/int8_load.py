"""How long the int8 engine takes to load in a fresh process, in two source trees side by side.

Each run is a new Python process started in the tree's folder (its packages win over the
installed ones) that imports search_api.model.embedder, finds the int8 model
(``ensure_engine``), loads it (``Embedder.load(..., engine="int8")``: onnxruntime session and
tokenizer) and embeds one query, reporting wall and CPU seconds of each step. Runs alternate
between the trees so both see the same load on a shared box; the model cache must already hold
the int8 model (``bench/embedder_bench.py`` or the test suite builds it).

    .venv/bin/python bench/int8_load.py --cache DIR --tree before=OLD_CHECKOUT --tree after=. [--runs 5]

Prints a markdown table (medians, ranges, the ratio to the first tree) to paste into
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import cpu_name  # noqa: E402

STEPS = ("import", "ensure_engine", "load", "first query")

LOAD_SCRIPT = r"""
import json, sys, time
marks = [(time.perf_counter(), time.process_time())]
def mark():
    marks.append((time.perf_counter(), time.process_time()))
from pathlib import Path
from search_api.model.embedder import Embedder, ensure_engine
mark()
ensure_engine(None, Path(sys.argv[1]), "int8")
mark()
emb = Embedder.load(None, Path(sys.argv[1]), engine="int8")
mark()
emb.embed_queries(["燃气安全归哪个部门管？"])
mark()
print(json.dumps([[b[0] - a[0], b[1] - a[1]] for a, b in zip(marks, marks[1:])]))
"""


def run_once(tree: Path, cache: Path) -> list[list[float]]:
    """[[wall, cpu] per step] of one fresh process in ``tree``."""
    out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, str(cache)], cwd=tree, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": str(tree)}).stdout
    return json.loads(out.strip().splitlines()[-1])


def _median_range(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def report(runs: dict[str, list[list[list[float]]]], load_before: float, command: str) -> str:
    names = list(runs)
    n = len(runs[names[0]])
    totals = {name: ([sum(s[0] for s in r) for r in rs], [sum(s[1] for s in r) for r in rs])
              for name, rs in runs.items()}
    base_wall, base_cpu = (statistics.median(v) for v in totals[names[0]])
    lines = [
        f"Command: `{command}`",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores ({cpu_name()}), "
        f"1-min load average before the run {load_before:.2f}; {n} fresh processes per tree, alternating; "
        "median (range), ratio to the first tree's median.",
        "",
        "| tree | wall (s) | CPU (s) | ratio wall | ratio CPU |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in names:
        wall, cpu = totals[name]
        lines.append(f"| {name} | {_median_range(wall)} | {_median_range(cpu)} | "
                     f"{statistics.median(wall) / base_wall:.2f} | {statistics.median(cpu) / base_cpu:.2f} |")
    lines += ["", "Per step, median wall / CPU (s):", "",
              "| step | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for i, step in enumerate(STEPS):
        cells = [f"{statistics.median(r[i][0] for r in runs[name]):.2f} / "
                 f"{statistics.median(r[i][1] for r in runs[name]):.2f}" for name in names]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="model cache holding the int8 model")
    ap.add_argument("--tree", action="append", required=True, metavar="NAME=PATH", help="a source tree")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in args.tree)}
    load_before = os.getloadavg()[0]
    for tree in trees.values():   # unmeasured: fills the file cache (and writes a missing pruned tokenizer)
        run_once(tree, args.cache.resolve())
    runs: dict[str, list] = {name: [] for name in trees}
    for r in range(args.runs):
        for name in (list(trees) if r % 2 == 0 else list(trees)[::-1]):
            runs[name].append(run_once(trees[name], args.cache.resolve()))
            print(f"{name}: {runs[name][-1]}", file=sys.stderr, flush=True)
    shown = (f"{name}={path}" if not os.path.isabs(path) else f"{name}={name.upper()}_CHECKOUT"
             for name, path in (t.split("=", 1) for t in args.tree))   # no machine paths in the record
    command = "bench/int8_load.py " + " ".join(f"--tree {t}" for t in shown) + f" --runs {args.runs}"
    print(report(runs, load_before, ".venv/bin/python " + command + " --cache CACHE"))


if __name__ == "__main__":
    main()
