"""Units named by the sectors a statute lists before a described head.

"矿山、危险化学品、烟花爆竹等国家规定的高危行业领域的生产经营单位" and "交通、通讯、电力和其他
提供公共服务的企业事业单位" bind the units of each sector listed: 矿山生产经营单位, 交通企业事业单位 …
The description between the list and the head ("国家规定的高危行业领域的") hides the list from the
enumeration reader, which joins items to a head only when they touch it. After 等 the head's category
is nobody new; after 其他 the described units are bodies of their own ("提供公共服务的企业事业单位").
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from ingest.extract.lexicon import ENCOURAGE_BEFORE, GOVERNING_BEFORE

# the clause part before the head: an optional local scope, the sectors, 等 or 和其他, the description
_SECTORS_THEN_DESCRIPTION = re.compile(
    r"(?P<scope>本市|本省|本区|本县|本行政区域内)?"
    r"(?P<items>(?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6}?)"
    r"(?P<marker>等|(?:和|及|以及)其他)"
    r"(?P<description>[\u4e00-\u9fff][\u4e00-\u9fff、]{1,15}的)$")     # ("高危行业、领域的")
# a description holds no body and no duty: else the list is another body's, earlier in the sentence
BODY_OR_DUTY = re.compile(r"单位|企业|部门|机构|机关|政府|应当|必须|可以|不得")
_PART_END = re.compile(r"[，。；：！？\n]")
# items that are bodies already (the enumeration reader's business), or persons
_NOT_A_SECTOR = re.compile(r"(?:单位|企业|公司|集团|协会|部门|机构|机关|学校|医院|组织|政府|人员|个人|者)$")
UNIT_HEADS = ("单位", "企业")
# a verb opening an item: the list is a description's objects ("从事婚庆、殡葬等服务的单位") or the
# units are governed ("鼓励矿山、…等…的生产经营单位"), not listed at the head of the clause part
_LEADING_VERBS = GOVERNING_BEFORE + ENCOURAGE_BEFORE + ("从事", "提供", "开展", "承担", "对", "由", "向", "与")


class SectorUnit(NamedTuple):
    surface: str            # the item as written
    name: str               # the item with the head ("矿山生产经营单位")
    span: tuple[int, int]   # char span of the item


class SectorList(NamedTuple):
    units: list[SectorUnit]
    first: int              # char where the list begins (the units share the role read after the head)
    described: Optional[str]    # after 其他: the described head's own name ("提供公共服务的企业事业单位")


def sector_units(text: str, description_end: int, head_name: str) -> Optional[SectorList]:
    """The sectors listed before the description that ends at char ``description_end`` (its 的
    included) of a unit named ``head_name``, or None."""
    if not head_name.endswith(UNIT_HEADS):
        return None
    before = text[:description_end]
    part_start = max((m.end() for m in _PART_END.finditer(before)), default=0)
    m = _SECTORS_THEN_DESCRIPTION.match(before, part_start)     # the list opens the clause part
    if m is None or BODY_OR_DUTY.search(m.group("description")):
        return None
    units, at = [], m.start("items")
    for item in m.group("items").split("、"):
        if _NOT_A_SECTOR.search(item) or item.startswith(_LEADING_VERBS):
            return None
        units.append(SectorUnit(item, item + head_name, (at, at + len(item))))
        at += len(item) + 1
    described = None
    if m.group("marker").endswith("其他"):
        described = m.group("description") + head_name
    return SectorList(units, m.start("items"), described)
