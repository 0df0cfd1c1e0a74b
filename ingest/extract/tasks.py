"""Tasks: clauses that commit someone to act, wherever a document states them.

A clause is a task by its commitment language, not by the heading of its part: it opens with
an action verb (after adverbs such as 持续/全面/进一步), or it assigns a body a duty (a lead,
co-operating or obliged body: "市应急管理局：负责…", "X要…", "由X组织…"), or it commits with a
modal ("应当", "要", "必须") before a verb. Clauses under 保障措施 are tasks of kind "measure".
Review parts and prefaces commit nobody (the caller skips them). The task carries its verb,
the clause's sectors, actors, deadline and running-text indicators, and key_project when it
sits under a 重点工程 heading.
"""

from __future__ import annotations

import re
from typing import Optional

from ingest.extract.lexicon import ADVERBS, DUTY_VERBS, VERBS
from ingest.records import ActorMention, Provenance, Task

METHOD = "commitment:v2"
METHOD_DUTY = "duty-pattern:v1"
_DUTY_VERB = re.compile("|".join(sorted(DUTY_VERBS + ("应当", "必须", "不得", "协助", "配合"), key=len, reverse=True)))
KEY_PROJECT = re.compile(r"重点工程|重大工程|重点项目")
MEASURE_PART = re.compile(r"保障措施|保障机制|实施保障|组织保障|政策保障|支撑保障|应急保障")
# A modal commitment before a verb ("各级政府要…", "应当在…前…").
_MODAL_COMMITMENT = re.compile(r"(?:要|应当|应|必须|须|务必|确保|力争|负责|牵头)(?!急|用|对|是)")
_ASSIGNING_ROLES = ("lead", "cooperate", "subject")

# How far into a clause the lead verb may stand ("在国土空间规划中统筹考虑…", "将…纳入…").
_VERB_WINDOW = 12
_LONG_VERBS = tuple(sorted((v for v in VERBS if len(v) >= 2), key=len, reverse=True))


def is_key_project(headings: list[str]) -> bool:
    return any(KEY_PROJECT.search(h) for h in headings if h)


def _verb_in(word: str) -> Optional[str]:
    """The verb a word is or holds: "推进", "全面推行" -> 推行, "建立健全" -> 建立."""
    if word in VERBS:
        return word
    if len(word) > 2:
        for verb in _LONG_VERBS:
            if word.endswith(verb) and word[: -len(verb)] in ADVERBS or word.startswith(verb):
                return verb
    return None


def lead_verb(words: list[str]) -> Optional[str]:
    """First action verb among the opening words; adverb-like verbs (推动, 加快, 严格 …)
    only when no stronger verb follows them directly."""
    fallback = None
    for word in words[:_VERB_WINDOW]:
        verb = _verb_in(word)
        if verb and verb not in ADVERBS:
            return verb
        if verb and fallback is None:
            fallback = verb
        elif fallback and word not in ADVERBS and not re.fullmatch(r"[，、“”\s]", word):
            return fallback
    return fallback


def task_kind(headings: list[str]) -> str:
    return "measure" if any(MEASURE_PART.search(h) for h in headings if h) else "task"


def commitment_verb(text: str, words: list[str], mentions: list[ActorMention]) -> Optional[str]:
    """The verb that makes a clause a commitment, or None when it commits nobody."""
    verb = lead_verb(words)
    if verb is not None:
        return verb
    assigned = any(m.role in _ASSIGNING_ROLES for m in mentions)
    modal = _MODAL_COMMITMENT.search(text)
    if not assigned and not modal:
        return None
    # the first action verb anywhere in the clause names the commitment
    for word in words:
        found = _verb_in(word)
        if found:
            return found
    if modal:
        return modal.group()
    # an assigned duty in words the lexicon lacks ("及时统计报告…"): its first verb by jieba's tags
    from ingest.extract.org_phrases import _pos
    return next((w for w in words if _pos().get(w) == "v" and w not in ADVERBS), None)


def make_task(clause_id: str, text: str, words: list[str], headings: list[str], sectors: list[str],
              mentions: list[ActorMention], deadline: Optional[str], indicator_ids: list[str]) -> Optional[Task]:
    verb = commitment_verb(text, words, mentions)
    if verb is None:
        return None
    start = text.find(verb)
    return Task(id=f"{clause_id}/task", clause_ids=[clause_id], text=text, verb=verb, sectors=list(sectors),
                actors=list(mentions), deadline=deadline, indicator_ids=list(indicator_ids),
                key_project=is_key_project(headings),
                provenance=Provenance(clause_id=clause_id, span=(start, start + len(verb)) if start >= 0 else None,
                                      method=METHOD),
                kind=task_kind(headings))


def duty_task(clause_id: str, text: str, sectors: list[str], mentions: list[ActorMention]) -> Optional[Task]:
    """A statute's duty assignment ("燃气管理部门负责…燃气管理工作") as a task of its bodies."""
    duty = [m for m in mentions if m.provenance and m.provenance.method == METHOD_DUTY]
    if not duty:
        return None                                                     # no verb search without a body
    after = min((m.provenance.span[1] for m in duty if m.provenance.span), default=0)
    verb = _DUTY_VERB.search(text, after) or _DUTY_VERB.search(text)    # the verb after its body
    if not verb:
        return None
    return Task(id=f"{clause_id}/task", clause_ids=[clause_id], text=text, verb=verb.group(),
                sectors=list(sectors), actors=list(mentions),
                provenance=Provenance(clause_id=clause_id, span=verb.span(), method=METHOD_DUTY), kind="duty")
