"""Jurisdiction of a document: national, province, city or county, and the place it governs.

From the metadata when it is given (``level``, ``region``), else from the title ("青岛市燃气管理条例"
→ city 青岛; "深圳经济特区安全生产监督管理条例" → city 深圳; "浙江省…" → province 浙江) and,
for a local statute of the reference collection, from its category ("DLC/山东地方法规" → the
province 山东 it belongs to). A statute or plan with no place in its title is national.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.records import LAW_KINDS, DocumentMeta

NATIONAL, PROVINCE, CITY, COUNTY = "national", "province", "city", "county"
LEVEL_ORDER = {COUNTY: 0, CITY: 1, PROVINCE: 2, NATIONAL: 3}     # most specific first

# Province-level units (short names); their full names end in 省/市/自治区.
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
             "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_AUTONOMOUS = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区",
               "新疆": "新疆维吾尔自治区"}
_NATIONAL_WORDS = ("全国", "国家", "中华人民共和国", "国务院")
_LEVEL_ALIASES = {"national": NATIONAL, "province": PROVINCE, "city": CITY, "county": COUNTY,
                  "district": COUNTY, "county-level city": COUNTY, "town": COUNTY}
_PLACE_HEAD = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}?省)?([\u4e00-\u9fff]{1,4}?)(市|县|区|自治州|盟|地区|经济特区)")
_CATEGORY = re.compile(r"DLC/([\u4e00-\u9fff]{2,3})地方法规")
# a place written with the one above it ("六安市金安区", "山东省济南市", "恩施州利川市"): the place is the last
_COMPOUND = re.compile(r"^([\u4e00-\u9fff]{2,7}?(?:省|自治区|市|自治州|州|盟|地区))([\u4e00-\u9fff]{2,6}?(?:市|区|县|旗))$")
# a district or county named right after its city at a title's head ("济南市|历下区地震应急预案"); not a kind of
# area ("居民住宅区", "工业区"); only a plan's (a district makes no statutes: "新乡市居民住宅区…条例" is the city's)
_DISTRICT_HEAD = re.compile(r"^(?!居民|住宅|工业|商业|生活|行政|经济|开发|风景|旅游|保护|重点|城市|农村|山区|市区)"
                            r"([\u4e00-\u9fff]{2,3}?)(区|县|旗)(?![级域])")


@dataclass(frozen=True)
class Jurisdiction:
    level: str                      # national | province | city | county
    place: Optional[str] = None     # short name: 青岛, 山东, 吴江 (None: national)
    parent: Optional[str] = None    # the province of a city or county when known: 山东
    name: Optional[str] = None      # as written: 青岛市, 山东省, 吴江区

    @property
    def label(self) -> str:
        """How an answer labels it: 全国, 山东省, 青岛市（山东）."""
        if self.level == NATIONAL:
            return "全国"
        name = self.name or self.place or ""
        return f"{name}（{self.parent}）" if self.parent and self.parent not in name else name

    def covers(self, place: str) -> bool:
        """The document governs ``place`` itself (青岛 for a 青岛 text; 山东 for a 山东 text)."""
        return self.level != NATIONAL and place in (self.place, self.name)


def short_place(name: str) -> str:
    """青岛市 → 青岛, 山东省 → 山东, 吴江区 → 吴江, 广西壮族自治区 → 广西."""
    for short, full in _AUTONOMOUS.items():
        if name in (short, full):
            return short
    for suffix in ("经济特区", "自治州", "地区", "省", "市", "县", "区", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _province_of_title(title: str) -> Optional[tuple[str, str]]:
    for short in PROVINCES:
        full = _AUTONOMOUS.get(short) or (short + ("市" if short in _MUNICIPALITIES else "省"))
        if title.startswith(full) or (title.startswith(short) and short in _AUTONOMOUS):
            return short, full
    return None


def jurisdiction_of(meta: DocumentMeta) -> Jurisdiction:
    title = meta.title or ""
    category = meta.category or ""
    parent = None
    m = _CATEGORY.search(category)
    if m:
        parent = m.group(1)
    level = _LEVEL_ALIASES.get((meta.level or "").lower())
    region = (meta.region or "").strip()
    if region in ("全国", "国家", "中国"):
        return Jurisdiction(NATIONAL)
    if level == NATIONAL:
        return Jurisdiction(NATIONAL)
    if region:
        compound = _COMPOUND.match(region)
        if compound:                 # "六安市金安区": 金安区, in 六安
            own = compound.group(2)
            level = level or (COUNTY if own.endswith(("区", "县", "旗")) else CITY)
            return Jurisdiction(level, short_place(own), short_place(compound.group(1)), own)
        short = short_place(region)
        if level is None:
            level = PROVINCE if short in PROVINCES and short not in _MUNICIPALITIES else (
                PROVINCE if short in _MUNICIPALITIES else (COUNTY if region.endswith(("区", "县")) else CITY))
        return Jurisdiction(level, short, parent if parent != short else None, region)
    province = _province_of_title(title)
    if province:
        short, full = province
        rest = title[len(full):]
        m = _PLACE_HEAD.match(rest)
        if m and short not in _MUNICIPALITIES and not rest.startswith(("实施", "人民")):
            name = m.group(1) + m.group(2)
            return Jurisdiction(COUNTY if m.group(2) in ("县", "区") else CITY, short_place(name), short, name)
        return Jurisdiction(PROVINCE, short, None, full)
    if title.startswith(_NATIONAL_WORDS) or not category.startswith("DLC/"):
        m = _PLACE_HEAD.match(title)
        if not m or title.startswith(_NATIONAL_WORDS) or category:
            return Jurisdiction(NATIONAL)
    m = _PLACE_HEAD.match(title)
    if m:
        name = m.group(1) + m.group(2)
        district = _DISTRICT_HEAD.match(title[m.end():]) if m.group(2) in ("市", "自治州", "盟", "地区") and \
            meta.kind not in LAW_KINDS and not category else None
        if district:                 # "济南市历下区地震应急预案": 历下区's, in 济南
            own = district.group(1) + district.group(2)
            return Jurisdiction(COUNTY, short_place(own), short_place(name), own)
        level = COUNTY if m.group(2) in ("县", "区") else CITY
        return Jurisdiction(level, short_place(name), parent, name)
    if parent:
        return Jurisdiction(PROVINCE, parent, None, parent)
    return Jurisdiction(NATIONAL)
