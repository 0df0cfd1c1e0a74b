"""Tables that assign duties: a column of bodies beside a column of duties or tasks.

Emergency plans list their members' duties as a table as often as in text ("成员单位 | 主要职责"),
and plans split their tasks in one ("重点任务 | 牵头单位 | 配合单位 | 完成时限"). A table is read as
one when a column's label names bodies (成员单位, 责任单位, 牵头部门 …) and another names duties or
tasks (职责, 任务, 工作内容 …); then each row gives the bodies of its cells the row's duty: the
leading columns' bodies lead, a partners' column (配合单位, 协办单位) cooperates, and so does a
group's members' column beside a column of its leads (牵头单位 | 成员单位). A column of units
of measure (主要任务 | 单位 | 目标值) names no body, and a list of contacts (单位 | 电话) assigns
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.extract.table_layout import cell_text, headers
from ingest.records import Node

METHOD = "duty-table:v1"     # the provenance of a body read from a duty table's cell

# Labels of the columns whose cells name bodies; a partners' column cooperates.
_BODY_COLUMN = re.compile(r"(?:牵头|责任|主责|负责|主办|承办|成员|组成|职能|实施|执行|配合|协办|协助|协同|参与)"
                          r"(?:单位|部门|机构|主体)|^(?:单位|部门|机构)名称$|^(?:单位|部门)[（(](?:单位|部门)[）)]$")
_PARTNER_COLUMN = re.compile(r"配合|协办|协助|协同|参与")
_LEAD_COLUMN = re.compile(r"牵头|主责|组长|主办")
_MEMBERS_COLUMN = re.compile(r"成员|组成")
# … and of the columns holding what they are to do.
_DUTY_COLUMN = re.compile(r"职责|职能|任务|工作内容|主要内容|具体内容|工作措施|措施|事项")
# A bare 单位 / 部门 is a body only beside duties (单位 | 职责); beside a task it is as often a unit
# of measure (主要任务 | 单位 | 目标值).
_BARE_BODY_COLUMN = re.compile(r"^(?:单位|部门|机构)$")
_DUTIES = re.compile(r"职责|职能")
# … or the things a row answers for, with their target
_THING_COLUMN = re.compile(r"^(?:名称|(?:主要)?指标(?:名称)?|(?:重点)?项目(?:名称)?|事项(?:名称)?)$")
_TARGET_COLUMN = re.compile(r"目标")


@dataclass(frozen=True)
class BodyColumn:
    index: int
    role: str          # lead | cooperate


@dataclass(frozen=True)
class DutyLayout:
    bodies: tuple[BodyColumn, ...]
    duties: tuple[int, ...]          # the columns of duties or tasks


def duty_layout(table: Node) -> Optional[DutyLayout]:
    """Where a table of duties has its bodies and its duties; None for any other table."""
    labels = headers(table)
    bare_ok = any(_DUTIES.search(label) for label in labels)

    def names_bodies(label: str) -> bool:
        return bool(_BODY_COLUMN.search(label) or (bare_ok and _BARE_BODY_COLUMN.match(label)))

    body_labels = [(j, label) for j, label in enumerate(labels) if label and names_bodies(label)]
    # a group's members take part beside a column of its leads ("牵头单位 | 成员单位"); alone
    # ("成员单位 | 主要职责") they are the bodies the duties are given to
    led = any(_LEAD_COLUMN.search(label) for _j, label in body_labels)
    bodies = tuple(BodyColumn(j, "cooperate" if _PARTNER_COLUMN.search(label) or (led and _MEMBERS_COLUMN.search(label))
                              else "lead") for j, label in body_labels)
    duties = tuple(j for j, label in enumerate(labels) if label and _DUTY_COLUMN.search(label)
                   and not names_bodies(label))
    if not duties and any(_BODY_COLUMN.search(label) for _j, label in body_labels):
        # a table of things with who answers for each ("名称 | 2025年目标 | 责任单位", "主要指标 | 目标值 |
        # 牵头单位"): the thing and its target are the row's task
        duties = tuple(j for j, label in enumerate(labels) if _THING_COLUMN.match(label) or _TARGET_COLUMN.search(label))
        if not any(_THING_COLUMN.match(labels[j]) for j in duties):
            duties = ()
    return DutyLayout(bodies, duties) if bodies and duties else None


def body_cells(table: Node, layout: DutyLayout) -> list[tuple[Node, str, str]]:
    """(row, the text of one of its body cells, the role its column gives) in order; a cell spread
    over two body columns (colspan) is read once, in the first."""
    out = []
    for row in _rows(table):
        seen = set()
        for col in layout.bodies:
            text = cell_text(_cells(row), col.index)
            if text and text not in seen:
                seen.add(text)
                out.append((row, text, col.role))
    return out


def row_duties(table: Node, layout: DutyLayout) -> list[tuple[Node, str]]:
    """(row, what it asks: the text of its duty or task cells) for each row that has one."""
    out = []
    for row in _rows(table):
        text = "；".join(t for j in layout.duties if (t := cell_text(_cells(row), j)))
        if text:
            out.append((row, text))
    return out


def _rows(table: Node) -> list[Node]:
    return [r for r in table.children if r.kind == "row"]


def _cells(row: Node) -> list[Node]:
    return [c for c in row.children if c.kind == "cell"]
