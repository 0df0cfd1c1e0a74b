"""Working groups: the roles their fields give bodies, and the group's duty given to its lead.

A group's entry names its lead and members in role fields ("牵头单位：市应急管理局", "成员单位：…",
each the heading of its value once segmented) or in one sentence ("由市公安局牵头，市交通运输局、
武警支队参加。"), then what the group does in a duty field ("主要职责：负责现场治安警戒…"), which
names no body: the group's lead and members are its bodies (ingest.fields for the labels).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ingest.extract.actors import METHOD_DUTY_LIST, Found
from ingest.fields import GROUP_LEAD, field_label, heading_field, is_duty_field, role_of_field

METHOD_FIELD = "group-field:v1"      # a body read from a role field ("牵头单位：X")
_UNDER_TOPIC = re.compile(r"/topic_\d+/(?:para_\d+/)?cl_\d+$")
_ACTING = ("lead", "cooperate")


def _entry(clause_id: str) -> str:
    """The group's entry a clause belongs to: its id up to the first field or paragraph under it."""
    return re.split(r"/(?:topic|para)_\d+", clause_id, maxsplit=1)[0]


class WorkingGroups:
    """The bodies of the group entry being read, in document order (one per document)."""

    def __init__(self) -> None:
        self._entry: Optional[str] = None
        self._bodies: list[Found] = []

    def read(self, clause_id: str, text: str, heading: Optional[str], found: list[Found]) -> list[Found]:
        """``found`` with the roles a role field gives, plus the group's bodies for its duty field."""
        label = heading_field(heading) if _UNDER_TOPIC.search(clause_id) else None
        entry = _entry(clause_id)
        if entry != self._entry:
            self._entry, self._bodies = entry, []
        role = role_of_field(label) if label else None
        if role is not None:
            found = [replace(f, role=role, method=METHOD_FIELD) for f in found]
            self._bodies += found
            return found
        if GROUP_LEAD.search(text) and any(f.role == "lead" for f in found):
            self._bodies = [f for f in found if f.role in _ACTING]
            return found
        own_label = label or field_label(text)
        if not (own_label and is_duty_field(own_label)) or any(f.role == "lead" for f in found):
            return found
        named = {f.actor.id for f in found}
        return found + [Found(f.actor, f.role, f.surface, (0, 0), METHOD_DUTY_LIST)
                        for f in self._bodies if f.role in _ACTING and f.actor.id not in named]
