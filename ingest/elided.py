"""Bodies a clause gives a duty to without naming them again.

Statutes write a body once and let what follows continue its duties: every item of
"公安机关消防机构应当履行下列职责：…（五）依法实施消防监督检查…" is the body's, and the clause after
the semicolon of "住房城乡建设部门对物业服务企业…进行监督管理；负责居民住宅所用外墙保温材料的监督
管理。" keeps its subject. Extraction records a body where it is written (the real-world gold counts
it there); an owner answer needs it where the duty is, so the answer carries the lead over.

A rule over records alone: the build writes its result into the lookup tables (``duty_rows``,
search_api.datadir.lookups), and the owner questions of search_api.service read it there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Callable, Optional

from ingest.fields import without_field_label
from ingest.records import ActorMention, DocumentRecord, Facts

# The article number a statute clause is shown with ("第五条"), as law_article reads it too.
ARTICLE_NUMBER = re.compile(r"^第[〇零一二三四五六七八九十百千\d]+条")
_ITEM_NUMBER = re.compile(r"^(?:[（(][〇零一二三四五六七八九十\d]{1,3}[）)]|[〇零一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])\s*")
# "X应当履行下列职责：", "X具体负责以下安全事项："
_LIST_HEAD = re.compile(r"(?:下列|以下|如下)[^，。；：:]{0,10}[：:]\s*$")
# A clause that opens with the act, its subject left out.
_OPENS_WITH_ACT = re.compile(r"^(?:并|还|同时|具体|依法|负责|组织|指导|协调|监督|承担|做好|统筹|牵头|制定|编制|"
                             r"建立|参与|督促|开展|实施|审批|核发|发布|会同)")
_LEADS = ("lead",)
_SUBJECTS = ("lead", "subject")


def _without_article(text: str) -> str:
    return ARTICLE_NUMBER.sub("", text.strip()).lstrip()


def opening(text: str) -> str:
    """The clause without the article number, item number and duty field label it is shown with
    ("主要职责：负责…" of a working group, ingest.fields)."""
    return without_field_label(_ITEM_NUMBER.sub("", _without_article(text), count=1))


def _scope(clause_id: str) -> str:
    """The article (or section) a clause sits in: its id up to the paragraph."""
    return clause_id.split("/para_", 1)[0]


def _paragraph(clause_id: str) -> str:
    return clause_id.split("/cl_", 1)[0]


def carried_leads(clauses: list[tuple[str, str]], mentions: dict[str, list[ActorMention]]
                  ) -> dict[str, list[ActorMention]]:
    """clause id -> the lead mentions it inherits, for ``clauses`` (id, text) in document order:
    the items under a list heading take the heading's leads; a clause that opens with an act and
    names no subject takes the leads of the clause before it in the same paragraph."""
    carried: dict[str, list[ActorMention]] = {}
    head: tuple[str, list[ActorMention]] = ("", [])        # (scope, leads) of the open list
    previous: tuple[str, list[ActorMention]] = ("", [])    # (paragraph, leads) of the last clause
    for clause_id, text in clauses:
        own = mentions.get(clause_id, [])
        leads = [m for m in own if m.role in _LEADS]
        named = any(m.role in _SUBJECTS for m in own)
        inherit: list[ActorMention] = []
        if head[0] == _scope(clause_id) and _ITEM_NUMBER.match(_without_article(text)) and not leads:
            inherit = head[1]
        elif previous[0] == _paragraph(clause_id) and not named and _OPENS_WITH_ACT.match(opening(text)):
            inherit = previous[1]
        if inherit:
            carried[clause_id] = [replace(m, clause_id=clause_id, provenance=None) for m in inherit]
        if _LIST_HEAD.search(text) and leads:
            head = (_scope(clause_id), leads)
        elif head[0] != _scope(clause_id):
            head = ("", [])
        previous = (_paragraph(clause_id), leads or carried.get(clause_id, []))
    return carried


def duty_clauses(facts: Facts, clauses: list[tuple[str, str]], text_of: Callable[[str], Optional[str]]
                 ) -> dict[str, tuple[list[ActorMention], Optional[str]]]:
    """clause id -> (the body mentions in it, its text) for every clause of a document that names
    a body: its own mentions, then the bodies its tasks name and the leads it inherits
    (``carried_leads``), each body once. ``clauses``: (id, text) of the document's clauses in
    order; ``text_of``: the text of another unit (a table row, a heading), None for no unit."""
    by_clause: dict[str, list[ActorMention]] = defaultdict(list)

    def add_new(m: ActorMention) -> None:     # a body already named in the clause is not added twice
        if not any(x.actor_id == m.actor_id for x in by_clause[m.clause_id]):
            by_clause[m.clause_id].append(m)

    for m in facts.mentions:
        by_clause[m.clause_id].append(m)
    for task in facts.tasks:
        for m in task.actors:
            add_new(m)
    for leads in carried_leads(clauses, by_clause).values():
        for m in leads:
            add_new(m)
    texts = dict(clauses)
    return {clause_id: (mentions, texts[clause_id] if clause_id in texts else text_of(clause_id))
            for clause_id, mentions in by_clause.items()}


def duty_rows(record: DocumentRecord, units: list[dict]) -> list[tuple[str, Optional[str], list[dict]]]:
    """``duty_clauses`` of a record as the lookup tables store them (search_api.datadir.lookups):
    ``units`` are its units as dicts in order; a unit id written twice keeps its last place, as
    the units table keeps it."""
    last: dict[str, dict] = {}
    for unit in units:
        last.pop(unit["id"], None)
        last[unit["id"]] = unit
    clauses = [(unit_id, u["text"]) for unit_id, u in last.items() if u["unit_kind"] == "clause"]
    found = duty_clauses(record.facts, clauses, lambda unit_id: last[unit_id]["text"] if unit_id in last else None)
    return [(clause_id, text, [_as_dict(m) for m in mentions]) for clause_id, (mentions, text) in found.items()]


def _as_dict(m: ActorMention) -> dict:
    """What dataclasses.asdict gives (its deep copy costs seconds over a scale build's mentions)."""
    d = dict(vars(m))
    if m.provenance is not None:
        d["provenance"] = dict(vars(m.provenance))
    return d
