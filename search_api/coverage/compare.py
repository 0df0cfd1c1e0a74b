"""How a draft's target or deadline compares with the reference's: stricter, looser, same.

Which way is stricter follows the reference's comparator: for ≥ / > (a rate to reach) a higher
value is stricter, for ≤ / < (a death rate, a time limit) a lower one. Values in different
units are not compared.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from ingest.records import Deadline, Indicator

HIGHER_IS_STRICTER = (">=", ">")
LOWER_IS_STRICTER = ("<=", "<")
_NAME_NOISE = re.compile(r"[（(].*?[）)]|[\s%％‰]")
MIN_NAME_LIKENESS = 0.4


def name_likeness(a: str, b: str) -> float:
    a, b = _NAME_NOISE.sub("", a or ""), _NAME_NOISE.sub("", b or "")
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def counterpart(ref: Indicator, candidates: list[Indicator]) -> Optional[Indicator]:
    """The draft indicator that states the same target: same unit (when both have one) and
    the most alike name, if alike enough."""
    best, best_score = None, MIN_NAME_LIKENESS
    for cand in candidates:
        if cand.value is None or (ref.unit and cand.unit and ref.unit != cand.unit):
            continue
        score = name_likeness(ref.name, cand.name)
        if score > best_score:
            best, best_score = cand, score
    return best


def compare_indicators(ref: Indicator, draft: Optional[Indicator]) -> str:
    """stricter | looser | same | different | absent (from the draft's point of view)."""
    if draft is None or draft.value is None or ref.value is None:
        return "absent"
    if ref.unit and draft.unit and ref.unit != draft.unit:
        return "different"
    direction = ref.comparator if ref.comparator in HIGHER_IS_STRICTER + LOWER_IS_STRICTER else draft.comparator
    if abs(draft.value - ref.value) < 1e-9:
        if draft.comparator == ref.comparator or direction not in HIGHER_IS_STRICTER + LOWER_IS_STRICTER:
            return "same"
        # same bound, but one excludes it: "> 20" is stricter than "≥ 20"
        strict = {">": ">=", "<": "<="}
        return "stricter" if strict.get(draft.comparator) == ref.comparator else "looser"
    if direction in HIGHER_IS_STRICTER:
        return "stricter" if draft.value > ref.value else "looser"
    if direction in LOWER_IS_STRICTER:
        return "stricter" if draft.value < ref.value else "looser"
    return "different"


def compare_deadlines(ref: Deadline, draft: Optional[Deadline]) -> str:
    """earlier | later | same | different | absent. Dates compare as ISO strings; a recurrence
    ("每10日", "每年9月下旬") is the same or different."""
    if draft is None:
        return "absent"
    if ref.date and draft.date:
        return "same" if draft.date == ref.date else "earlier" if draft.date < ref.date else "later"
    if ref.recurrence and draft.recurrence:
        return "same" if re.sub(r"\s", "", draft.recurrence) == re.sub(r"\s", "", ref.recurrence) else "different"
    return "absent"


def same_kind_of_deadline(ref: Deadline, draft: Deadline) -> bool:
    """A dated deadline is compared with a dated one, a recurrence with a recurrence."""
    return bool(draft.date) if ref.date else bool(draft.recurrence)
