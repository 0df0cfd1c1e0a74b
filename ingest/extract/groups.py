"""Working groups and assigned tasks: the roles their fields give bodies, and the duty they go with.

A group's entry names its lead and members in role fields ("牵头单位：市应急管理局", "成员单位：…",
each the heading of its value once segmented, or inside one sentence: "医疗救治组：牵头单位：…；成员
单位：…") or in one sentence ("由市公安局牵头，市交通运输局、武警支队参加。"), then what the group does
in a duty field ("主要职责：负责现场治安警戒…"), which names no body: the group's lead and members are
its bodies. A plan's task says who carries it out in a note after it ("…完成老旧管网改造。（牵头单位：
市住房城乡建设局；配合单位：…）", "责任单位：市消防救援支队（牵头）、…"): the note's bodies are the task's
(ingest.fields for the labels).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ingest.extract.actors import METHOD_DUTY_LIST, UNDER_TOPIC, Found
from ingest.extract.org_phrases import WORKING_GROUP
from ingest.fields import (GROUP_LEAD, field_label, heading_field, is_assignment_note, is_duty_field, is_titled_note,
                           role_fields, role_mark, role_of_field)
from ingest.records import ActorMention, Facts, Provenance

METHOD_FIELD = "group-field:v1"      # a body read from a role field ("牵头单位：X") or marked "X（牵头）"
METHOD_NOTE = "assignment-note:v1"   # a task's body read from the note after it
_ACTING = ("lead", "cooperate")
# the group's duty written after its role fields with no label of its own ("牵头单位：…" / "负责…")
_DUTY_OPENING = re.compile(r"^\s*(?:主要|具体)?(?:负责|承担)")


def _entry(clause_id: str) -> str:
    """The group's entry a clause belongs to: its id up to the first field or paragraph under it."""
    return re.split(r"/(?:topic|para)_\d+", clause_id, maxsplit=1)[0]


class WorkingGroups:
    """The bodies of the group entry being read, in document order (one per document)."""

    def __init__(self) -> None:
        self._entry: Optional[str] = None
        self._bodies: list[Found] = []
        # paragraphs read so far, and the one whose sentence last gave the group bodies: in a document
        # read flat (every line a paragraph at its root) the "entry" is the whole document
        self._paragraph: Optional[str] = None
        self._paragraphs = 0
        self._written_in = 0

    def read(self, clause_id: str, text: str, heading: Optional[str], found: list[Found]) -> list[Found]:
        """``found`` with the roles a role field gives, plus the group's bodies for its duty field."""
        fields = role_fields(text)
        found = written_roles(text, found, fields)
        topic = UNDER_TOPIC.search(clause_id)
        label = heading_field(heading) if topic else None
        # (a topic headed by no field is an entry of its own: "--自然灾害专项应急委。" / "由…牵头，分别负责…")
        entry = _entry(clause_id) if label or not topic else clause_id.split("/para_", 1)[0]
        if entry != self._entry:
            self._entry, self._bodies = entry, []
        paragraph = clause_id.rsplit("/cl_", 1)[0]
        if paragraph != self._paragraph:
            self._paragraph, self._paragraphs = paragraph, self._paragraphs + 1
        near = self._paragraphs - self._written_in <= 1      # the same paragraph or the next
        role = role_of_field(label) if label else None
        if role is not None:
            found = [replace(f, role=role, method=METHOD_FIELD) for f in found]
            self._bodies += found
            self._written_in = self._paragraphs
            return found
        # the group's bodies written in a sentence: its fields ("成员单位：…" after "牵头单位：…" in the part
        # before), "由X牵头，Y参加", "X（牵头）、Y"
        if fields or (any(f.role == "lead" for f in found) and (
                GROUP_LEAD.search(text) or any(f.method == METHOD_FIELD for f in found))):
            if not near and not fields:
                self._bodies = []             # another group's sentence, paragraphs after the last one's
            known = {f.actor.id for f in self._bodies}
            self._bodies += [f for f in found if f.role in _ACTING and f.actor.id not in known]
            self._written_in = self._paragraphs
            return found
        own_label = label or field_label(text)
        unlabelled_duty = own_label is None and bool(self._bodies) and near and _DUTY_OPENING.match(text)
        # (the group itself, inherited as its entry's head, leaves its bodies theirs: "救护和防疫组：由卫健部门
        # 牵头…" / "负责…")
        if not (unlabelled_duty or (own_label and is_duty_field(own_label))) or any(
                f.role == "lead" and f.method != METHOD_DUTY_LIST for f in found):
            return found
        self._written_in = self._paragraphs   # (its duties may run on over the next paragraphs)
        named = {f.actor.id for f in found}
        if any(f.method == METHOD_DUTY_LIST and WORKING_GROUP.search(f.surface) for f in found):
            # a group named at the head of its entry ("（6）应急保障组" / "牵头部门：…" / "组成部门：…" /
            # "职责：…") does its duty itself, under its lead; its members' part is on their own line
            return found + [Found(f.actor, f.role, f.surface, (0, 0), METHOD_DUTY_LIST)
                            for f in self._bodies if f.role == "lead" and f.actor.id not in named]
        # a group named only by its members ("组成单位：市地震局、建设局、民政局" / "主要职责：…"): together
        # they are the group, and its duty is theirs to lead
        no_lead = not any(f.role == "lead" for f in self._bodies)
        return found + [Found(f.actor, "lead" if no_lead else f.role, f.surface, (0, 0), METHOD_DUTY_LIST)
                        for f in self._bodies if f.role in _ACTING and f.actor.id not in named]


def written_roles(text: str, found: list[Found], fields: list[tuple[int, int, int, str]]) -> list[Found]:
    """The roles a clause writes for its bodies: a role field's bodies take its role ("牵头单位：X；配合
    单位：Y"), a body marked "（牵头）" leads and one marked "（配合）" cooperates, and beside a marked lead
    the other bodies of its list take part; a field's label is no body ("责任单位", "单位"). ``fields``:
    the clause's ``role_fields``."""
    if not fields and "牵头" not in text and "配合" not in text:
        return found
    marks = {id(f): role_mark(text[f.span[1]:]) for f in found}
    marked_lead = any(m == "lead" for m in marks.values())
    out = []
    for f in found:
        if any(start <= f.span[0] < value for start, value, _end, _role in fields):
            continue                          # the label itself
        # (a role the clause writes with a verb stays: "责任单位：A牵头，B、C配合")
        field = next((r for _s, value, end, r in fields if value <= f.span[0] < end), None)
        # (but a "verb" that is the next field's label is none: "牵头单位：A配合单位：B")
        label_next = any(label_start == f.span[1] for label_start, _v, _e, _r in fields)
        role = marks[id(f)] or (field if f.role in ("mentioned", "subject") or label_next else None)
        if role is None and marked_lead and f.role == "mentioned":
            role = "cooperate"
        elif role == "lead" and marks[id(f)] is None and marked_lead:
            role = "cooperate"                # "责任单位：A（牵头）、B": B takes part
        out.append(replace(f, role=role, method=METHOD_FIELD) if role and role != f.role else f)
    return out


def spread_notes(facts: Facts, clauses: list[tuple[str, str]]) -> None:
    """Give the bodies of a task's assignment note to the clauses of its paragraph that name no lead
    (and to their tasks), and its deadline ("完成时限：2022年12月底前") to those tasks without one, in
    place; a note that gave its bodies to a task is no task of its own. ``clauses``: (id, text) of
    the document's clauses in order."""
    by_clause: dict[str, list[ActorMention]] = {}
    for m in facts.mentions:
        by_clause.setdefault(m.clause_id, []).append(m)
    tasks = {t.clause_ids[0]: t for t in facts.tasks}
    by_paragraph: dict[str, list[str]] = {}
    for clause_id, _text in clauses:
        by_paragraph.setdefault(clause_id.rsplit("/cl_", 1)[0], []).append(clause_id)
    before = _paragraph_before(list(by_paragraph))
    lists: Optional[dict[str, dict[int, list[tuple[str, str]]]]] = None     # read once, at the first note
    for clause_id, text in clauses:
        note = [m for m in by_clause.get(clause_id, []) if m.role in _ACTING]
        # (a part's title with its note, opening the part: its items are the note's tasks)
        titled = clause_id.endswith("/para_1/cl_1") and is_titled_note(text)
        if not note or not (is_assignment_note(text) or _field_line(clause_id, note) or titled):
            continue
        due = next((d.date for d in facts.deadlines if d.clause_id == clause_id and d.date and not d.recurrence), None)
        given = False
        paragraph = clause_id.rsplit("/cl_", 1)[0]
        # a note on a line of its own is the task's on the line before it, in the same part
        # ("1.2009年底前，完成…。" / "责任单位及责任人：盘龙区政府主要领导。")
        task_lines = by_paragraph[before[paragraph]] if clause_id.endswith("/cl_1") and paragraph in before else []
        lists = _items_of_lists(clauses) if lists is None else lists
        part = lists.get(clause_id[:-len("/para_1/cl_1")], {}) if titled else {}
        items = [c for item in part.values() for c, _ in item]
        for other in by_paragraph[paragraph] + task_lines + _list_closed_by(clause_id, lists) + items:
            own = by_clause.get(other, [])
            if other == clause_id or any(m.role == "lead" for m in own):
                continue
            named = {m.actor_id for m in own}
            added = [ActorMention(m.actor_id, other, m.role, m.surface, Provenance(other, None, METHOD_NOTE))
                     for m in note if m.actor_id not in named]
            facts.mentions += added
            task = tasks.get(other)
            if task is not None:
                task.actors += added
                task.deadline = task.deadline or due
                given = True
        if given and clause_id in tasks:
            facts.tasks.remove(tasks.pop(clause_id))


_LAST_ITEM = re.compile(r"^(?P<list>.+)/item_(?P<n>\d+)/para_\d+/cl_\d+$")
_ITEM_AT = re.compile(r"/item_(\d+)(?=/)")


def _items_of_lists(clauses: list[tuple[str, str]]) -> dict[str, dict[int, list[tuple[str, str]]]]:
    """Each list of the document (the id its items hang under) -> item number -> (id, text) of its
    clauses, nested items' included, in document order."""
    lists: dict[str, dict[int, list[tuple[str, str]]]] = {}
    for clause_id, text in clauses:
        for m in _ITEM_AT.finditer(clause_id):
            lists.setdefault(clause_id[:m.start()], {}).setdefault(int(m.group(1)), []).append((clause_id, text))
    return lists


def _list_closed_by(clause_id: str, lists: dict[str, dict[int, list[tuple[str, str]]]]) -> list[str]:
    """The clauses of the other items of a list whose last item ends with the note, when no other
    item has a note of its own: a task breakdown's note after "（4）…" is the whole list's ("1.完善应急预案
    体系" / "（1）…（4）…" / "（责任单位：…）")."""
    m = _LAST_ITEM.match(clause_id)
    if m is None:
        return []
    items = lists.get(m.group("list"), {})
    if len(items) < 2 or max(items) != int(m.group("n")):
        return []
    others = [c for n, item in items.items() if n != int(m.group("n")) for c in item]
    if any(is_assignment_note(text) for _, text in others):
        return []
    return [c for c, _ in others]


def _field_line(clause_id: str, note: list[ActorMention]) -> bool:
    """A role field set as the heading of its value ("责任单位：" over "盘龙区政府主要领导。"): the first
    clause under a topic, every body of it given its role by the field."""
    return bool(UNDER_TOPIC.search(clause_id)) and clause_id.endswith("/cl_1") and all(
        m.provenance is not None and m.provenance.method == METHOD_FIELD for m in note)


_PARAGRAPH_OF_PART = re.compile(r"(?P<topic>/topic_\d+)?/para_\d+$")


def _paragraph_before(paragraphs: list[str]) -> dict[str, str]:
    """Each paragraph -> the part's own paragraph right before it (a field's paragraph under its
    topic heading is in the part too, but is no task: "责任领导：" / "责任单位："), where there is one."""
    def part(paragraph: str) -> tuple[str, bool]:
        m = _PARAGRAPH_OF_PART.search(paragraph)
        return paragraph[:m.start()], m.group("topic") is not None

    out = {}
    for a, b in zip(paragraphs, paragraphs[1:]):
        (part_a, a_is_field), (part_b, _) = part(a), part(b)
        if part_a == part_b and not a_is_field:
            out[b] = a
    return out
