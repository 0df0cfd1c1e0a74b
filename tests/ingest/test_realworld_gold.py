"""Extraction on the real-world development set (tests/gold/realworld), scored against the
hand-written gold: per document and pooled precision / recall / F1, printed, with the
thresholds of issue 11 asserted on the pooled figures. Structure (outline counts per level
and table counts) must match exactly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from realworld import documents, outline_report, score_kind, shared_available  # noqa: E402

pytestmark = pytest.mark.skipif(not shared_available(), reason="../shared/realworld and ../shared/scale not present")

# (fact kind, pooled F1 threshold) — issue 11, item 9
THRESHOLDS = {"indicators": 0.85, "deadlines": 0.85, "responsibilities": 0.78, "duties": 0.85}


def test_outline_counts_match_gold():
    lines, wrong = outline_report(documents())
    print("\n" + "\n".join(lines))
    assert not wrong, f"outline differs from gold: {wrong}"


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_extraction_on_realworld_documents(kind):
    total, report = score_kind(documents(), kind)
    print(report)
    assert total.f1 >= THRESHOLDS[kind], total.line(kind)
