"""How long `coverage` takes for a draft of about 50 000 characters against one reference.

The draft is made of real plan text (the Wujiang plan of corpus/, then real-world plans from
../shared/realworld, cut at --chars), written to a temporary file and read as `policykg
coverage FILE` reads it. Timed separately: reading and extracting the draft, the coverage
itself with a cold embedding cache for the draft (every line carries a marker no cached text
has), and again warm. Loading the build's Service (once per CLI run, once per server) is
reported apart. The issue's bound: ≤ 30 s on 2 cores.

On a shared box the wall time says as much about the neighbours as about the code (with the
kernel's autogroup scheduling, a session gets its share of the cores however many threads it
runs), so the CPU time of the process (all its threads) is reported too, and from it the
critical path on two otherwise idle cores: the process's CPU time less what the draft's
embedding calls on other threads overlapped (their CPU time but the busiest thread's). It
ignores what two busy cores cost each other (shared caches, memory bandwidth): an estimate.

    .venv/bin/python bench/coverage_bench.py DATA [--against kunshan-14fyp-safety] [--chars 50000] [--record]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import machine, peak_rss_mb  # noqa: E402
from results import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "corpus" / "wujiang-14fyp-emergency-management.txt",
           *sorted((REPO.parent / "shared" / "realworld").glob("*plan.md"))]


def draft_text(chars: int, marker: str) -> str:
    lines: list[str] = []
    total = 0
    for path in SOURCES:
        for line in path.read_text("utf-8").splitlines():
            # the marker makes every clause new to the embedding cache (a cold draft)
            lines.append(line + (f"（{marker}）" if line.strip() and marker else ""))
            total += len(line)
            if total >= chars:
                return "\n".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--against", default="kunshan-14fyp-safety")
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--record", action="store_true", help="write the figures to bench/RESULTS.md")
    args = parser.parse_args()

    from search_api.coverage.draft import read_draft
    from search_api.service.readmodel import Service
    from search_api.settings import Settings

    t0 = time.perf_counter()
    svc = Service(Settings.from_env(data=args.data).apply(), with_graph=False)
    load_s = time.perf_counter() - t0
    embedder = svc.embedder
    embed_passages = embedder.embed_passages
    cpu_by_thread: dict[str, float] = defaultdict(float)

    def timed_embed(*a, **kw):
        c = time.thread_time()
        try:
            return embed_passages(*a, **kw)
        finally:
            cpu_by_thread[threading.current_thread().name] += time.thread_time() - c

    embedder.embed_passages = timed_embed     # this instance only, for the bench's run
    main_thread = threading.current_thread().name
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(draft_text(args.chars, uuid.uuid4().hex[:6]), "utf-8")
        for label in ("cold", "warm"):
            cpu_by_thread.clear()
            t1, c1 = time.perf_counter(), time.process_time()
            record = read_draft(path)
            t2 = time.perf_counter()
            report = svc.coverage(record, [args.against])
            t3, c3 = time.perf_counter(), time.process_time()
            others = [v for k, v in cpu_by_thread.items() if k != main_thread]
            critical = (c3 - c1) - (sum(others) - max(others, default=0.0))
            rows.append((label, len(record.clean_text), t2 - t1, t3 - t2, t3 - t1, c3 - c1, critical,
                         report["summary"]))
    lines = [f"Measured {machine()}.", "",
             f"`.venv/bin/python bench/coverage_bench.py DATA --against {args.against} --chars {args.chars}`, DATA a "
             "build of corpus/ + the 159 reference laws. Loading the Service (once per CLI run or server): "
             f"{load_s:.1f} s; peak memory {peak_rss_mb():.0f} MB.", "",
             "| embedding cache | draft characters | read + extract (s) | coverage (s) | total (s) | total CPU (s) "
             "| critical path on 2 idle cores (s) | summary |",
             "|---|---|---|---|---|---|---|---|"]
    for label, n, read_s, cov_s, total_s, cpu_s, critical, summary in rows:
        lines.append(f"| {label} | {n} | {read_s:.1f} | {cov_s:.1f} | {total_s:.1f} | {cpu_s:.1f} | {critical:.1f} | "
                     f"{summary['covered']} covered, {summary['partly']} partly, {summary['missing']} missing, "
                     f"{summary['added']} added |")
    text = "\n".join(lines)
    print(text)
    if args.record:
        replace_section("Coverage of a draft", text)


if __name__ == "__main__":
    main()
