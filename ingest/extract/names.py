"""Canonical names of bodies: scope words dropped, local prefixes scoped to the document's region,
abbreviations the document defines resolved.

- 各/各级/其他/任何/所有 … are dropped ("各级应急管理部门" -> 应急管理部门); 有关/相关 only where a
  named body remains ("有关群团组织" -> 群团组织, but 有关部门 stays).
- Situational words name no other body ("灾区应急管理部门", "受灾地区人民政府" -> 人民政府).
- A local prefix (市/省/县/区/州/盟, 本市, 全省, 市级 …) is the document's own region when it is of the
  region's kind (市 in a 苏州市 document -> 苏州市应急管理局); a region is any name ending in
  省/市/县/区/州/盟/旗/镇/乡 given as the document's region, nothing is listed one by one.
- "X政府" with a region is its 人民政府 (市政府 -> 苏州市人民政府).
- "县级以上气象主管机构所属的气象台站" -> 气象台站.
"""

from __future__ import annotations

import re
from typing import Optional

from ingest.segmenter import word_tags

SCOPE = re.compile(r"^(?:及其|各级|各类|各个|各|其他|其它|任何|所有(?!者|权人|人)|全体|全部|一切|其|基层|现有|辖区内的?|辖区)")
RELATIVE = re.compile(r"^(?:有关|相关|相应)")
SITUATION = re.compile(r"^(?:受灾地区|受灾严重地区|受影响地区|受影响|灾区|受灾|预警范围内的?|属地|当地|重灾区)")
# Heads that name nobody without a qualifier: 有关部门 keeps its 有关.
BARE = ("部门", "单位", "机构", "组织", "机关", "企业", "地方", "方面", "主管部门", "成员单位", "行政管理部门",
        "政府", "人民政府", "团体")
_REGION_KIND = re.compile(r"(省|市|县|区|州|盟|旗|镇|乡)$")
# Words that start like a level but are none: 市场监督管理, 市政, 区域 (not 市政府)
LEVEL_LOOKALIKE = r"市场|市政(?!府)|市容|[县区市乡镇]域|省份|省辖"
# State groups whose local branches plans list by name (国网衡阳供电公司, 中石油衡阳分公司, 中铁沈阳局集团):
# a name that starts with one is a particular enterprise, not a class of them.
STATE_GROUPS = ("国网", "国家电网", "南方电网", "中石化", "中石油", "中海油", "中储粮", "中铁", "广铁", "中国铁塔",
                "中国移动", "中国联通", "中国电信", "中国石化", "中国石油", "中国铁路", "中国邮政",
                "人行", "人民银行", "中国人民银行", "农发行", "中国农业发展银行")   # (the banks plans task with credit)
LOCAL = {
    "省": ("本省", "全省", "省级", "省直", "省"),
    "市": ("本市", "全市", "市级", "市直", "市"),
    "县": ("本县", "全县", "县级", "县"),
    "区": ("本区", "全区", "区级", "区"),
    "州": ("本州", "全州", "州级", "州"),
    "盟": ("本盟", "全盟", "盟"),
    "旗": ("本旗", "全旗", "旗"),
    "镇": ("本镇", "全镇", "镇级", "镇"),     # a township's own plans ("镇安办", "镇防汛抗旱指挥部")
    "乡": ("本乡", "全乡", "乡级", "乡"),
}


def region_kind(region: Optional[str]) -> Optional[str]:
    m = _REGION_KIND.search(region or "")
    return m.group(1) if m and region not in ("全国",) else None


# districts whose own name opens with 市 (青岛市南区 and 市北区, 济南 and others' 市中区)
_DISTRICT_NAMED_BY_ITS_CITY = re.compile(r"^市[东西南北中]区")


def local_prefix(text: str, region: Optional[str]) -> Optional[str]:
    """The local prefix ``text`` starts with that stands for ``region`` ("市" in a 苏州市 document)."""
    kind = region_kind(region)
    if not kind:
        return None
    if region and text.startswith(region):
        return region
    short = region[:-1] if region and len(region) > 2 else None
    if short and text.startswith(short) and not text.startswith(short + kind):
        return None                                      # "广东金融监管局": kept as written
    for prefix in LOCAL[kind]:
        if text.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix):]
            if prefix == kind and rest[0] in "、和或（(":
                return None                                 # "市、县（区）人民政府": a list of levels
            if prefix == kind and (rest.startswith(("场", "区", "县", "镇", "州", "级以上", "辖区", "村", "街", "土", "域"))
                                   or rest in ("民", "民群众") or (rest.startswith("政") and not rest.startswith("政府"))):
                return None                                 # 市场…, 市区…, 市辖区 (the city's districts)
            if prefix == kind and _DISTRICT_NAMED_BY_ITS_CITY.match(text):
                return None                                 # 市南区, 市中区: a district's name, no local 市
            return prefix
    return None


COMPANY_ENDS = ("公司", "集团", "分行", "支行")   # a company (or bank branch) by its name; 企业 and 单位 are kinds of them


def regional_company(text: str, region: Optional[str]) -> Optional[str]:
    """The local prefix of a particular company of the region ("市电力公司", "县联通公司" in that
    city's or county's document): a plan tasks it by name, as it would 苏州供电公司. A class of
    enterprises ("市燃气企业", "全市化工企业") has none."""
    prefix = local_prefix(text, region)
    return prefix if prefix and prefix == region_kind(region) and text.endswith(COMPANY_ENDS) else None


def strip_scope(text: str, head: str) -> str:
    while True:
        m = SCOPE.match(text)
        if not m or len(text) == m.end():
            break
        text = text[m.end():]
    m = SITUATION.match(text)
    if m and len(text) > m.end():
        text = text[m.end():]
    m = RELATIVE.match(text)
    if m and text[m.end():] not in BARE and len(text) > m.end() + 1:
        text = text[m.end():]
    return text


# canonical's patterns, compiled once (it runs for every body a document names)
_WHOLE_AREA = re.compile(r"^(?:全市|全区|全省|全县|本市|本区|本省|市内|区内|省内)")
_SAME_LEVEL = re.compile(r"^同级(?=有关|相关)")
# the term of a people's congress is no part of the body: 吉林省第八届人民代表大会常务委员会 is 吉林省人大常委会
SESSION = r"第[一二三四五六七八九十\d]{1,3}届"
_SESSION_OF_CONGRESS = re.compile(rf"{SESSION}(?=人民代表大会)")
_OWNED = re.compile(r"所属(?:的)?(.+)$")


_LEVEL_OR_ELSE = re.compile(r"^([省市区县乡镇])或者(?=[区县市乡镇])")
_VILLAGE_OR_RESIDENTS = re.compile(r"村[（(]居[）)](?=民委员会|委会|民小组)")


def canonical(core: str, head: str, region: Optional[str], abbreviations: dict[str, str],
              enterprise: bool = False) -> list[tuple[str, Optional[str]]]:
    """[(canonical name, region it is scoped to)] for one body as written (a level list
    "市、县（区）人民政府" gives two). Enterprises are not scoped to a region: "全市化工企业" are
    化工企业 wherever they are."""
    core = _LEVEL_OR_ELSE.sub(r"\1或", core)          # "市或者区县（自治县）…": a list of levels
    either = _VILLAGE_OR_RESIDENTS.search(core)
    if either:                                          # "村（居）民委员会": the village's and the residents'
        return [name for grassroots in ("村", "居") for name in canonical(
            core[:either.start()] + grassroots + core[either.end():], head, region, abbreviations, enterprise)]
    text = _SESSION_OF_CONGRESS.sub("", strip_scope(core, head))
    if enterprise:
        text = _WHOLE_AREA.sub("", text) or text
        own = regional_company(text, region)
        if own:                                         # "省电力公司": the province's own company
            return [(region + resolve_abbreviation(text[len(own):], abbreviations), region)]
        return [(resolve_abbreviation(text, abbreviations), None)]
    text = _SAME_LEVEL.sub("", text)
    owned = _OWNED.search(text)
    if owned and len(owned.group(1)) >= 2:
        text = owned.group(1)                           # "气象主管机构所属的气象台站" -> 气象台站
    kind = region_kind(region)
    if kind and re.match(rf"^{kind}[、和或]", text) and len(text) > 2:
        rest = text[2:]
        # (the levels, not the 市 of a field's name: "市、区|市场监督管理部门")
        own = re.sub(rf"^(?:(?!{LEVEL_LOOKALIKE})[县区市乡镇](?:[（(][^）)]*[）)])?[、和或]?)+", "", rest) or rest
        own = "人民政府" if own == "政府" else resolve_abbreviation(own, abbreviations)
        return [(region + own, region)] + canonical(rest, head, region, abbreviations)
    prefix = local_prefix(text, region)
    scoped_region = None
    if prefix:
        text = text[len(prefix):]
        text = strip_scope(text, head)
        scoped_region = region
    text = resolve_abbreviation(text, abbreviations)
    if scoped_region:
        if text == "政府" or text.startswith("政府"):
            text = "人民" + text                         # 市政府 -> 苏州市人民政府
        return [(region + text, region)]
    return [(_peoples_government(text), None)]


_PLACES_GOVERNMENT = re.compile(r"^([\u4e00-\u9fff]{2,6}[省市县区州盟旗镇乡])政府$")


def _peoples_government(text: str) -> str:
    """"呈贡县政府" -> 呈贡县人民政府: a named place's government by its full name (a place jieba knows,
    with its level or without: not 省委省政府, 特别行政区政府)."""
    m = _PLACES_GOVERNMENT.match(text)
    if not m:
        return text
    tags = word_tags()
    place = m.group(1)
    if tags.get(place) in _PLACE_TAGS or tags.get(place[:-1]) in _PLACE_TAGS:
        return place + "人民政府"
    return text


_PLACE_TAGS = ("ns", "nr", "nz")


def resolve_abbreviation(text: str, abbreviations: dict[str, str]) -> str:
    """Replace a short form the document defines ("减灾委", "三防指挥部") by its full form."""
    for short in sorted(abbreviations, key=len, reverse=True):
        full = abbreviations[short]
        i = text.find(short)
        j = full.find(short)        # (the long form written out ends in the short: "…工作领导小组")
        if i >= 0 and not text.startswith(full, i) and not (0 <= j <= i and text.startswith(full, i - j)):
            return text[:i] + full + text[i + len(short):]
    return text
