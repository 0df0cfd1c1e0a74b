"""Coverage verdicts against the hand-labelled pairs (tests/gold/coverage): precision / recall
of "covered", "partly" and "missing", per pair and pooled, printed, with floors asserted; and
how often the draft's value is compared the way the label says (stricter / looser / same).

Real model, real documents: the 吉林 disaster-relief emergency plan against those of 苏州 and
广东, the Kunshan plan against the Wujiang plan."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from coverage_gold import document, labelled, score_labels, squash  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from realworld import shared_available  # noqa: E402

from search_api.coverage.report import VERDICTS, coverage, verdict_of  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not shared_available(), reason="../shared not present")]

FLOORS = {"covered": 0.70, "missing": 0.45}     # F1, pooled
MACRO_FLOOR = 0.55


@pytest.fixture(scope="module")
def embed():
    from search_api.model.embcache import EmbeddingCache, embed_with_cache
    from search_api.model.embedder import Embedder

    cache_dir = Path(os.environ["POLICYKG_CACHE"])
    model = Embedder.load(None, cache_dir)
    cache = EmbeddingCache(cache_dir)
    yield lambda texts: embed_with_cache(list(texts), model.model_id, model.dim, model.embed_passages, cache)[0]
    cache.close()


def _prf(rows, verdict):
    tp = sum(1 for g, p in rows if g == verdict and p == verdict)
    fp = sum(1 for g, p in rows if g != verdict and p == verdict)
    fn = sum(1 for g, p in rows if g == verdict and p != verdict)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_verdicts_against_labelled_pairs(embed):
    scored = score_labels(embed)
    lost = [s.row["reference_clause"] for s in scored if math.isnan(s.score)]
    kept = [s for s in scored if not math.isnan(s.score)]
    lines = [f"{len(kept)} labelled provisions scored, {len(lost)} whose snippet spans two units of the tree"]
    pooled = [(s.row["verdict"], verdict_of(s.score)) for s in kept]
    for pair in sorted({s.row["pair"] for s in kept}):
        rows = [(s.row["verdict"], verdict_of(s.score)) for s in kept if s.row["pair"] == pair]
        figures = "  ".join(f"{v} P {p:.2f} R {r:.2f} F1 {f:.2f}" for v in VERDICTS for p, r, f in [_prf(rows, v)])
        lines.append(f"pair {pair} ({len(rows)}): {figures}")
    f1 = {}
    for v in VERDICTS:
        p, r, f1[v] = _prf(pooled, v)
        lines.append(f"POOLED {v:<8} P {p:.3f} R {r:.3f} F1 {f1[v]:.3f}")
    macro = sum(f1.values()) / len(f1)
    right = sum(s.right_clause for s in kept if s.row["verdict"] != "missing")
    lines.append(f"macro F1 {macro:.3f}; the draft clause the label names is the best match for "
                 f"{right} of {sum(s.row['verdict'] != 'missing' for s in kept)} covered/partly provisions")
    print("\n" + "\n".join(lines))
    assert len(lost) <= 15
    assert all(f1[v] >= floor for v, floor in FLOORS.items()), f1
    assert macro >= MACRO_FLOOR


def test_values_compared_as_labelled(embed):
    """Indicator and deadline rows whose label gives a comparison: the report's comparison agrees."""
    agree, total, lines = 0, 0, []
    for pair in ("1", "3"):
        rows = [r for r in labelled() if r["pair"] == pair and r["comparison"] in ("stricter", "looser", "same")]
        report = coverage(document(rows[0]["draft"]), [document(rows[0]["reference"])], embed).to_dict()
        for row in rows:
            results = [p for p in report["provisions"] if p["kind"] == row["kind"]
                       and squash(row["reference_clause"]) in squash(p["text"])]
            if not results:
                continue
            want = {"stricter": ("stricter", "earlier"), "looser": ("looser", "later"), "same": ("same",)}[row["comparison"]]
            ok = any(p["comparison"] in want for p in results)
            agree += ok
            total += 1
            lines.append(f"{'ok ' if ok else 'BAD'} pair {pair} {row['kind']:<9} {row['comparison']:<8} "
                         f"got {[p['comparison'] for p in results]} {row['reference_clause'][:24]}")
    print("\n" + "\n".join(lines) + f"\n{agree} of {total} comparisons as labelled")
    assert total >= 10 and agree / total >= 0.5
