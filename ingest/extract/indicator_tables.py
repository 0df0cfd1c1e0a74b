"""Indicators from indicator tables (序号 | 指标名称 | 规划目标 | 指标属性).

Both table styles reach here as table -> row -> cell nodes, but PDF text breaks rows
across lines and pages ("5 道路运输生产安全事故死亡 ≥20 预期性" / "人数下降（%）"). So the
table is read as one stream of pieces (cell texts split on whitespace) and re-cut into
records by a small state machine: 序号 -> name pieces -> target pieces -> 属性, with any
pieces after the 属性 and before the next 序号 continuing the name (or a prose target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

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


def table_indicators(table: Node, category: Optional[str], deadline: Optional[str]) -> list[Indicator]:
    out = []
    for row in _rows(table):
        if not row.name or not row.target:
            continue
        name, unit = split_name_unit("".join(row.name))
        name, word_comp = name_comparator(name)
        target = parse_target("".join(row.target), unit_hint=unit)
        comparator = target.comparator
        if word_comp and comparator == "=" and target.comparator != "text":
            comparator = word_comp
        out.append(Indicator(
            id=f"{row.node_id}/ind", name=name, comparator=comparator, value=target.value,
            unit=target.unit, attribute=row.attribute, table=category, text=target.text,
            deadline=deadline, clause_id=row.node_id,
            provenance=Provenance(clause_id=row.node_id, span=None, method=METHOD)))
    return out
