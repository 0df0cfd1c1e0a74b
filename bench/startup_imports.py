"""What `policykg --help` and `policykg serve` import at start-up, in two source trees side by side.

Each run is `python -X importtime -m search_api.cli …` from the tree's folder (its packages win
over the installed ones): `--help` to the end, `serve --data DATA` until /healthz answers (then
it is stopped). Runs alternate between the trees so both see the same load on a shared box.
Reported per tree: wall time (median), the sum of the top-level import times, the number of
modules, and which of the heavy libraries and building modules were imported.

    .venv/bin/python bench/startup_imports.py --tree before=MAIN_CHECKOUT:DATA --tree after=.:DATA [--record]
    .venv/bin/python bench/startup_imports.py --help-only --tree before=MAIN_CHECKOUT --tree after=. [--record]

``--help-only`` times `policykg --help` and the query commands' `--help` (no data needed) and
records them in a section of their own ("Start-up: help").
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import replace_section  # noqa: E402

SECTION = "Start-up imports"
HELP_SECTION = "Start-up: help"
HELP_COMMANDS = ((), ("search",), ("ask",), ("similar",))
WATCHED = ("torch", "faiss", "pyshacl", "rdflib", "pyoxigraph", "bm25s", "jieba", "spacy",
           "kg.build", "kg.validate", "search_api.pipeline", "search_api.build.pipeline", "ingest.extract.walk")
MODEL_LIBRARIES = ("torch", "transformers", "sentence_transformers", "safetensors", "tokenizers", "huggingface_hub")
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)")


def parse(stderr: str) -> dict:
    """Top-level import seconds (all, and without the embedding model's libraries), modules, watched ones."""
    modules, total, model = set(), 0, 0
    for line in stderr.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        modules.add(m.group(4))
        if len(m.group(3)) == 1:
            total += int(m.group(2))
            if m.group(4).split(".")[0] in MODEL_LIBRARIES:
                model += int(m.group(2))
    return {"imports_s": total / 1e6, "without_model_s": (total - model) / 1e6, "modules": len(modules),
            "watched": [w for w in WATCHED if w in modules]}


def run_help(tree: Path, command: tuple[str, ...] = ()) -> dict:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "search_api.cli", *command, "--help"], cwd=tree,
                          capture_output=True, text=True, check=True)
    return {"wall_s": time.monotonic() - started, **parse(proc.stderr)}


def run_serve(tree: Path, data: Path) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "search_api.cli", "serve",
                                 "--port", str(port), "--data", str(data)], cwd=tree, stderr=err,
                                stdout=subprocess.DEVNULL)
        try:
            while True:
                if proc.poll() is not None:
                    err.seek(0)
                    sys.exit(f"policykg serve exited in {tree}:\n{err.read()[-2000:]}")
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
            wall = time.monotonic() - started
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        err.seek(0)
        return {"wall_s": wall, **parse(err.read())}


def median_row(runs: list[dict]) -> dict:
    row = {k: statistics.median(r[k] for r in runs) for k in ("wall_s", "imports_s", "without_model_s")}
    walls = [r["wall_s"] for r in runs]
    return {**row, "wall_range": (min(walls), max(walls)), "modules": runs[0]["modules"], "watched": runs[0]["watched"]}


def section(results: dict, runs: int, loads: list[float], command: str, note: str) -> str:
    lines = [f"Command: `{command}`", "", *([note, ""] if note else []),
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores, "
             f"{runs} alternating runs per tree and command (medians), 1-min load average "
             f"{min(loads):.1f}–{max(loads):.1f} from other jobs on the box, so the wall times are a ceiling. "
             "\"imports\" is the sum of `-X importtime`'s top-level entries; for `serve` most of it is the "
             "embedding model's libraries (torch, transformers, sentence-transformers), which serving needs, "
             "so the column without them shows what the layout changes.", "",
             "| command | tree | wall (s), median (range) | imports (s) | imports without the model's libraries (s) | modules | "
             "heavy or building modules imported |",
             "|---|---|---:|---:|---:|---:|---|"]
    for kind, label in (("help", "`policykg --help`"), ("serve", "`policykg serve` until /healthz")):
        for name, row in results[kind].items():
            low, high = row["wall_range"]
            lines.append(f"| {label} | {name} | {row['wall_s']:.2f} ({low:.2f}–{high:.2f}) | {row['imports_s']:.2f} | "
                         f"{row['without_model_s']:.2f} | {row['modules']} | {', '.join(row['watched']) or '—'} |")
    return "\n".join(lines)


def help_section(results: dict, runs: int, loads: list[float], command: str) -> str:
    names = list(next(iter(results.values())))
    base = names[0]
    lines = [f"Command: `{command}`", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores, "
             f"{runs} alternating runs per tree and command (medians), 1-min load average "
             f"{min(loads):.1f}–{max(loads):.1f}; the ratio is to the {base!r} tree in the same run.", "",
             "| command | tree | wall (s), median (range) | ratio | imports (s) | modules | heavy or building modules imported |",
             "|---|---|---:|---:|---:|---:|---|"]
    for label, by_tree in results.items():
        for name, row in by_tree.items():
            low, high = row["wall_range"]
            lines.append(f"| `{label}` | {name} | {row['wall_s']:.2f} ({low:.2f}–{high:.2f}) | "
                         f"{row['wall_s'] / by_tree[base]['wall_s']:.2f} | {row['imports_s']:.2f} | {row['modules']} | "
                         f"{', '.join(row['watched']) or '—'} |")
    return "\n".join(lines)


def help_only(trees: dict, runs_n: int, record: bool) -> None:
    runs = {c: {n: [] for n in trees} for c in HELP_COMMANDS}
    loads = []
    for _ in range(runs_n):
        for command in HELP_COMMANDS:
            for name, (folder, _) in trees.items():
                runs[command][name].append(run_help(folder, command))
            loads.append(os.getloadavg()[0])
    results = {" ".join(("policykg", *c, "--help")): {n: median_row(r) for n, r in by_tree.items()}
               for c, by_tree in runs.items()}
    command = ".venv/bin/python bench/startup_imports.py --help-only " + " ".join(
        f"--tree {n}={'MAIN_CHECKOUT' if n == 'before' else '.'}" for n in trees) + f" --runs {runs_n} --record"
    text = help_section(results, runs_n, loads, command)
    print(text)
    if record:
        replace_section(HELP_SECTION, text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", action="append", required=True, metavar="NAME=DIR:DATA",
                    help="a source tree and the data directory its `serve` opens (repeatable)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--note", default="", help="a sentence saying what the trees and the data are")
    ap.add_argument("--help-only", action="store_true", help="only the --help commands (no DATA needed)")
    ap.add_argument("--record", action="store_true", help=f'write the "{SECTION}" section of bench/RESULTS.md')
    args = ap.parse_args()
    trees = {}
    for spec in args.tree:
        name, _, rest = spec.partition("=")
        folder, _, data = rest.partition(":")
        trees[name] = (Path(folder).resolve(), Path(data).resolve() if data else None)
    if args.help_only:
        help_only(trees, args.runs, args.record)
        return
    runs: dict = {"help": {n: [] for n in trees}, "serve": {n: [] for n in trees}}
    loads = []
    for _ in range(args.runs):
        for name, (folder, data) in trees.items():
            runs["help"][name].append(run_help(folder))
            runs["serve"][name].append(run_serve(folder, data))
            loads.append(os.getloadavg()[0])
    results = {kind: {n: median_row(r) for n, r in by_tree.items()} for kind, by_tree in runs.items()}
    command = ".venv/bin/python bench/startup_imports.py " + " ".join(
        f"--tree {n}={'MAIN_CHECKOUT' if n == 'before' else '.'}:DATA" for n in trees) + f" --runs {args.runs} --record"
    text = section(results, args.runs, loads, command, args.note)
    print(text)
    if args.record:
        replace_section(SECTION, text)


if __name__ == "__main__":
    main()
