"""Retrieval evaluation: Recall@1/5/10 and MRR@10 per method, side by side.

Query files are TSV as in ../shared/eval/dev_queries.tsv: ``id <TAB> query <TAB> gold``,
lines starting with ``#`` are comments. Gold is ``PLAN:substring`` alternatives
separated by ``|``; PLAN is ``W`` / ``K`` (the two seed plans) or a document id.
A hit is gold when it comes from that plan and the substring occurs in its text
once all whitespace is removed from both.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from search_api.errors import UserError
from search_api.index.options import METHODS

PLAN_ALIASES = {"W": "wujiang-14fyp-emergency", "K": "kunshan-14fyp-safety"}
CUTOFFS = (1, 5, 10)
DEPTH = 10

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class EvalQuery:
    id: str
    query: str
    gold: list[tuple[str, str]]   # (plan id, whitespace-free substring)


def parse_queries(path: Path) -> list[EvalQuery]:
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise UserError(f"no such query file: {path}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text") from None
    queries: list[EvalQuery] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise UserError(f"{path}:{n}: expected three tab-separated columns: id, query, gold")
        qid, query, gold = (p.strip() for p in parts)
        queries.append(EvalQuery(qid, query, [_parse_gold(g, path, n) for g in gold.split("|")]))
    if not queries:
        raise UserError(f"{path} holds no queries")
    return queries


def _parse_gold(alt: str, path: Path, n: int) -> tuple[str, str]:
    plan, sep, text = alt.strip().partition(":")
    if not sep or not plan or not squash(text):
        raise UserError(f"{path}:{n}: gold {alt!r} is not PLAN:substring")
    return PLAN_ALIASES.get(plan, plan), squash(text)


def is_gold(plan_id: str, text: str, gold: list[tuple[str, str]]) -> bool:
    flat = squash(text)
    return any(plan_id == plan and sub in flat for plan, sub in gold)


def first_gold_rank(hits, gold: list[tuple[str, str]]) -> int | None:
    for rank, hit in enumerate(hits, 1):
        if is_gold(hit.plan_id, hit.text, gold):
            return rank
    return None


def metrics(ranks: Iterable[int | None]) -> dict[str, float]:
    ranks = list(ranks)
    n = len(ranks) or 1
    out = {f"R@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in CUTOFFS}
    out["MRR@10"] = sum(1.0 / r for r in ranks if r is not None and r <= DEPTH) / n
    return {k: round(v, 4) for k, v in out.items()}


def evaluate(index, queries: list[EvalQuery], methods: tuple[str, ...] = METHODS) -> dict:
    """Run every query through every method; metrics per method plus per-query ranks."""
    per_query = []
    ranks: dict[str, list[int | None]] = {m: [] for m in methods}
    seconds: dict[str, float] = {m: 0.0 for m in methods}
    for q in queries:
        row = {"id": q.id, "query": q.query}
        for method in methods:
            started = time.perf_counter()
            hits = index.search(q.query, k=DEPTH, method=method)
            seconds[method] += time.perf_counter() - started
            rank = first_gold_rank(hits, q.gold)
            ranks[method].append(rank)
            row[method] = rank
        per_query.append(row)
    return {
        "queries": len(queries),
        "methods": {m: metrics(ranks[m]) for m in methods},
        "ms_per_query": {m: round(1000 * seconds[m] / len(queries), 2) for m in methods},
        "per_query": per_query,
    }


def format_table(result: dict) -> str:
    cols = ["R@1", "R@5", "R@10", "MRR@10"]
    lines = [f"{'method':<8}" + "".join(f"{c:>8}" for c in cols) + f"{'ms/q':>8}"]
    for method, m in result["methods"].items():
        lines.append(f"{method:<8}" + "".join(f"{m[c]:>8.3f}" for c in cols)
                     + f"{result['ms_per_query'][method]:>8.1f}")
    lines.append(f"({result['queries']} queries)")
    return "\n".join(lines)
