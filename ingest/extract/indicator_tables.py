"""Indicators from indicator tables.

A table with a header is read by what its columns mean (ingest.extract.table_layout): any
column order, optional 序号/单位/属性/类别, the attribute and unit from the target's header or
the unit from the name's brackets; a row whose serial was lost still counts, a row holding
only more name (or more prose target) continues the row above (a page break split it), and
a row whose cells all say the same is a category heading. A table whose header names no
indicator and no target yields nothing.

A table without a header is read as one stream of pieces (cell texts split on whitespace)
re-cut into records by a small state machine: 序号 -> name pieces -> target pieces -> 属性,
with any pieces after the 属性 and before the next 序号 continuing the name (or a prose
target) — PDF text breaks rows across lines and pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ingest.extract.table_layout import Layout, headers, layout_of
from ingest.extract.targets import name_comparator, parse_target, split_name_unit
from ingest.records import Indicator, Node, Provenance

METHOD = "table:v1"
ATTRIBUTES = ("约束性", "预期性")
HEADER_WORDS = {"序号", "指标名称", "指标", "规划目标", "期末目标", "目标", "目标值", "指标属性", "属性", "单位"}
_NUMERIC_START = re.compile(r"^(?:>=|<=|[<>≥≤＜＞≧≦]|\d|不少于|不低于|不超过|降至)")
_NUMERIC_WHOLE = re.compile(r"^(?:>=|<=|[<>≥≤＜＞≧≦])?[\d０-９.．]+(?:%|％|‰|[个名家人处次])?(?:以内|以上|以下)?$")
_CATEGORY = re.compile(r"([\u4e00-\u9fff]{2,8}类)")


@dataclass
class _Row:
    seq: int
    node_id: str
    name: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    attribute: Optional[str] = None
    prose: bool = False
    unit: Optional[str] = None
    category: Optional[str] = None


def _pieces(table: Node) -> Iterator[tuple[str, str]]:
    """(piece, id of the row it sits in) in reading order."""
    for row in table.children:
        texts = [c.text for c in row.walk() if c.kind == "cell" and c.text] or ([row.text] if row.text else [])
        for text in texts:
            for piece in text.split():
                yield piece, row.id


def _starts_target(piece: str, row: _Row) -> bool:
    if _NUMERIC_WHOLE.match(piece):
        return True
    # a standard (…标准) is met by a prose description, however it is worded
    return "".join(row.name).endswith("标准") and bool(row.name)


def _rows(table: Node) -> list[_Row]:
    rows: list[_Row] = []
    current: Optional[_Row] = None
    for piece, row_id in _pieces(table):
        if piece in HEADER_WORDS and (current is None or current.attribute):
            continue
        expecting_seq = current is None or current.attribute is not None
        if expecting_seq and piece.isdigit() and int(piece) == (rows[-1].seq + 1 if rows else 1):
            current = _Row(seq=int(piece), node_id=row_id)
            rows.append(current)
            continue
        if current is None:
            continue
        if piece in ATTRIBUTES and current.attribute is None:
            current.attribute = piece
        elif current.attribute is not None:
            # after the 属性: a page break split the row; continue the prose target or the name
            (current.target if current.prose else current.name).append(piece)
        elif current.target or (current.name and _starts_target(piece, current)):
            current.target.append(piece)
            current.prose = current.prose or not _NUMERIC_START.match(current.target[0])
        else:
            current.name.append(piece)
    return rows


def table_category(table: Node, context_heading: Optional[str]) -> Optional[str]:
    """安全生产类 from the caption (表1 …安全生产主要指标) or the item before the table."""
    for text in (table.heading, context_heading):
        if text:
            m = _CATEGORY.search(text)
            if m:
                return re.sub(r"^.*?(?:期间|时期)", "", m.group(1))
    caption = re.sub(r"^表\s*\d+\s*", "", (table.heading or "").strip())
    m = re.search(r"期间(.+?)主要指标$", caption)     # 昆山市“十四五”期间安全生产主要指标
    if m:
        return m.group(1) + "类"
    return caption or None


def _header_rows(table: Node, layout: Layout) -> list[_Row]:
    rows: list[_Row] = []
    category = None
    for row in table.children:
        cells = [" ".join((c.text or "").split()) for c in row.children]

        def cell(j: Optional[int]) -> str:
            return cells[j] if j is not None and j < len(cells) else ""

        if len(set(filter(None, cells))) == 1 and len(cells) > 1:
            category = next(filter(None, cells))       # "一、安全生产类" across the table
            continue
        name, target = cell(layout.name), cell(layout.target)
        attribute = cell(layout.attribute) or layout.target_attribute
        if not cell(layout.serial) and rows and not (target and name) and (name or target):
            previous = rows[-1]                         # the rest of a row a page break split
            (previous.target if target else previous.name).append(target or name)
            continue
        rows.append(_Row(seq=len(rows) + 1, node_id=row.id, name=[name] if name else [],
                         target=[target] if target else [],
                         attribute=attribute if attribute in ATTRIBUTES else None,
                         unit=cell(layout.unit) or layout.target_unit,
                         category=cell(layout.category) or category))
    return rows


def table_rows(table: Node) -> list[_Row]:
    """The indicator rows of a table (none when its header says it is something else)."""
    columns = headers(table)
    if any(columns):
        layout = layout_of(columns)
        return _header_rows(table, layout) if layout is not None else []
    return _rows(table)


# a figure in a target: a table whose targets hold none lists tasks with their stage ("《…条例》 | 立法预备",
# "《…预案》 | 修订"), no indicators
_FIGURE = re.compile(r"[0-9０-９零]")


def table_indicators(table: Node, category: Optional[str], deadline: Optional[str]) -> list[Indicator]:
    out = []
    rows = table_rows(table)
    if not any(_FIGURE.search("".join(row.target)) for row in rows):
        return []
    for row in rows:
        if not row.name or not row.target:
            continue
        name, unit = split_name_unit("".join(row.name))
        name, word_comp = name_comparator(name)
        target = parse_target("".join(row.target), unit_hint=row.unit or unit)
        comparator = target.comparator
        if word_comp and comparator == "=" and target.comparator != "text":
            comparator = word_comp
        if target.change and target.change[-2:] not in name:
            name += target.change                 # "生产安全事故死亡人数" | "下降15%": the change is measured
        out.append(Indicator(
            id=f"{row.node_id}/ind", name=name, comparator=comparator, value=target.value,
            unit=target.unit, attribute=row.attribute, table=row.category or category, text=target.text,
            deadline=deadline, clause_id=row.node_id,
            provenance=Provenance(clause_id=row.node_id, span=None, method=METHOD)))
    return out
