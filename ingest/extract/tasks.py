"""Tasks: clauses in 主要任务 / 重点工程 / 专项整治 parts that commit someone to act.

A clause is a task when its first verb (after adverbs such as 持续/全面/进一步) is an
action verb; the task carries that verb, the clause's sectors, actors, deadline and
running-text indicators, and key_project when it sits under a 重点工程 heading.
"""

from __future__ import annotations

import re
from typing import Optional

from ingest.extract.lexicon import ADVERBS, VERBS
from ingest.records import ActorMention, Provenance, Task

METHOD = "verb-lead:v1"
METHOD_DUTY = "duty-pattern:v1"
_DUTY_VERB = re.compile(r"负责|应当|牵头")
TASK_PART = re.compile(r"主要任务|重点任务|重点工程|专项整治|重大工程|重点项目")
KEY_PROJECT = re.compile(r"重点工程|重大工程|重点项目")

# How far into a clause the lead verb may stand ("在国土空间规划中统筹考虑…", "将…纳入…").
_VERB_WINDOW = 12
_LONG_VERBS = tuple(sorted((v for v in VERBS if len(v) >= 2), key=len, reverse=True))


def in_task_part(headings: list[str]) -> bool:
    return any(TASK_PART.search(h) for h in headings if h)


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


def make_task(clause_id: str, text: str, words: list[str], headings: list[str], sectors: list[str],
              mentions: list[ActorMention], deadline: Optional[str], indicator_ids: list[str]) -> Optional[Task]:
    verb = lead_verb(words)
    if verb is None:
        return None
    start = text.find(verb)
    return Task(id=f"{clause_id}/task", clause_ids=[clause_id], text=text, verb=verb, sectors=list(sectors),
                actors=list(mentions), deadline=deadline, indicator_ids=list(indicator_ids),
                key_project=is_key_project(headings),
                provenance=Provenance(clause_id=clause_id, span=(start, start + len(verb)) if start >= 0 else None,
                                      method=METHOD))


def duty_task(clause_id: str, text: str, sectors: list[str], mentions: list[ActorMention]) -> Optional[Task]:
    """A statute's duty assignment ("燃气管理部门负责…燃气管理工作") as a task of its bodies."""
    duty = [m for m in mentions if m.provenance and m.provenance.method == METHOD_DUTY]
    verb = _DUTY_VERB.search(text)
    if not duty or not verb:
        return None
    return Task(id=f"{clause_id}/task", clause_ids=[clause_id], text=text, verb=verb.group(),
                sectors=list(sectors), actors=list(mentions),
                provenance=Provenance(clause_id=clause_id, span=verb.span(), method=METHOD_DUTY))
