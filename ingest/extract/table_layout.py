"""What the columns of a table mean, read from its header cells (any order, any subset).

An indicator table has a column naming what is measured (指标 / 指标名称 / 名称 / 项目) and a
column holding the target (目标 / 目标值 / 预期值 / 约束值 / 规划值 / 期末… / a future year);
序号, 单位, 属性 and 类别 columns are optional. The target's header may say the attribute
(预期值 -> 预期性, 约束值 -> 约束性) and the unit ("目标值（%）"). A table whose header has
no such pair (member lists, response levels, station statistics, investment estimates) is
no indicator table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.records import Node

_SERIAL = {"序号", "编号", "序"}
_NAME_EXACT = {"名称", "项目", "指标项", "内容", "主要指标", "具体指标"}
_NOT_NAME = ("属性", "性质", "类别", "类型", "单位", "值", "目标", "序号")
_TARGET = re.compile(r"目标|预期值|约束值|规划值|指标值|期末|预期|约束|20[2-9]\d年")
_BASELINE = re.compile(r"现状|基期|基准|基数|现值|完成|实际")
_ATTRIBUTE = re.compile(r"属性|性质")
_UNIT = {"单位", "计量单位"}
_CATEGORY = re.compile(r"^(?:类别|分类|领域|类型)$")
_HEADER_UNIT = re.compile(r"[（(]\s*(%|‰|[\u4e00-\u9fff]{1,4})\s*[）)]")


@dataclass
class Layout:
    name: int
    target: int
    serial: Optional[int] = None
    unit: Optional[int] = None
    attribute: Optional[int] = None
    category: Optional[int] = None
    target_attribute: Optional[str] = None   # the attribute the target's header states
    target_unit: Optional[str] = None        # the unit the target's header states


def cell_text(cells: list[Node], index: int) -> Optional[str]:
    """The text of a row's cell in column ``index``, None when it is empty or missing, or repeats
    the column's header (a header row repeated inside the table names its column, not a value)."""
    if index >= len(cells):
        return None
    text = (cells[index].text or "").strip()
    return text if text and text != (cells[index].heading or "").strip() else None


def headers(table: Node) -> list[str]:
    """The header cells of a table (the column names its cells carry), blank when none."""
    first = next((row for row in table.children if row.children), None)
    return [re.sub(r"\s+", "", c.heading or "") for c in first.children] if first else []


def layout_of(columns: list[str]) -> Optional[Layout]:
    """Column roles from the header, or None when this is no indicator table."""
    roles: dict[str, int] = {}
    for j, head in enumerate(columns):
        bare = _HEADER_UNIT.sub("", head)
        if not bare:
            continue
        if bare in _SERIAL:
            roles.setdefault("serial", j)
        elif _ATTRIBUTE.search(bare):
            roles.setdefault("attribute", j)
        elif bare in _UNIT:
            roles.setdefault("unit", j)
        elif _CATEGORY.match(bare):
            roles.setdefault("category", j)
        elif _TARGET.search(bare) and not _BASELINE.search(bare):
            roles["target"] = j                   # the last target column: a later year wins
        elif ("指标" in bare and not any(w in bare for w in _NOT_NAME)) or bare in _NAME_EXACT:
            roles.setdefault("name", j)
    if "name" not in roles or "target" not in roles:
        return None
    target_head = columns[roles["target"]]
    unit = _HEADER_UNIT.search(target_head)
    attribute = "预期性" if "预期" in target_head else "约束性" if "约束" in target_head else None
    return Layout(target_attribute=attribute, target_unit=unit.group(1) if unit else None, **roles)
