"""Extraction on the real-world development set (tests/gold/realworld), scored against the
hand-written gold: per document and pooled precision / recall / F1, printed, with the
thresholds of issue 11 asserted on the pooled figures. Structure (outline counts per level
and table counts) must match exactly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from gold_scoring import REALWORLD_SCORERS, UnitIndex, pooled  # noqa: E402
from realworld import documents, extracted, gold, ingested, shared_available  # noqa: E402

from ingest.outline import outline_counts  # noqa: E402

pytestmark = pytest.mark.skipif(not shared_available(), reason="../shared/realworld and ../shared/scale not present")

# (fact kind, pooled F1 threshold) — issue 11, item 9
THRESHOLDS = {"indicators": 0.85, "deadlines": 0.85, "responsibilities": 0.75, "duties": 0.75}


def test_outline_counts_match_gold():
    lines, wrong = [], []
    for doc in documents():
        rows = gold(doc["id"], "outline") or []
        expected = {r["level"]: int(r["count"]) for r in rows if int(r["count"])}
        # ingest's own count: numbered units per nesting depth, attachments apart, and tables
        actual = {str(k): v for k, v in outline_counts(ingested(doc["id"]).root).items() if v}
        ok = expected == actual
        lines.append(f"{'ok ' if ok else 'BAD'} {doc['id']:<42} gold {expected}  got {actual}")
        if not ok:
            wrong.append(doc["id"])
    print("\n" + "\n".join(lines))
    assert not wrong, f"outline differs from gold: {wrong}"


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_extraction_on_realworld_documents(kind):
    scores, lines, lost = {}, [], []
    for doc in documents():
        rows = gold(doc["id"], kind)
        if rows is None:
            continue
        record = extracted(doc["id"])
        index = UnitIndex(record)
        lost += [f"{doc['id']}: {r['clause']}" for r in rows if not index.resolve(r["clause"])]
        score = REALWORLD_SCORERS[kind](record, rows)
        scores[doc["id"]] = score
        lines.append(score.line(doc["id"]))
        lines += [f"     missed: {m[:150]}" for m in score.misses[:4]]
        lines += [f"     extra:  {e[:150]}" for e in score.extras[:4]]
    total = pooled(scores.values())
    print(f"\n== {kind} ==\n" + "\n".join(lines) + "\n" + total.line(f"POOLED {kind}"))
    if lost:
        print(f"{len(lost)} gold snippets match no clause of the tree, e.g. {lost[:5]}")
    assert total.f1 >= THRESHOLDS[kind], total.line(kind)
