"""How directly a clause assigns a matter to a body it names.

"县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作" assigns; "县级以上人民政府应当加强
对燃气工作的领导" states a general duty; "…报燃气管理部门备案" only mentions. The strength of a
body in a clause is read from the verb that follows its name (or that 由 puts before it) and
from the role extraction gave its mention (ingest.extract.roles): lead, cooperate, subject or
mentioned. Generic bodies (有关部门, 主管部门) are marked so that they never lead an answer where
a named body exists.
"""

from __future__ import annotations

import re

ASSIGNING, DIRECT, GENERAL, MENTION = 3, 2, 1, 0
STRENGTH_LABEL = {ASSIGNING: "assigns", DIRECT: "duty", GENERAL: "general", MENTION: "mentioned"}

# Verbs by which a text gives a body a matter: 主管, 负责, 统一领导, 牵头, 组织, 实施监督管理 …
_ASSIGN = (r"主管|负责|统一领导|统一指挥|领导和指挥|牵头|组织(?:实施|开展|协调|指导|领导|指挥|调查|编制|做好)?|"
           r"实施(?:统一)?监督管理|(?:依法)?(?:实施|履行|承担)[^，。；]{0,6}(?:监督管理|监管|职责)|监督管理|"
           r"统筹|指导|协调|发布|核发|审批|许可|决定|下拨|调拨|接收|分配|报告|指挥|监督检查|监测|认定|调查|"
           r"承担|具体实施|实施|划定|确定|管理|做好")
# General duties of governments: they frame the matter, they do not assign it.
_GENERAL = (r"加强[^，。；]{0,12}(?:领导|管理|建设)|纳入|鼓励|支持|建立健全|建立|保障|将[^，。；]{0,10}纳入|重视|"
            r"采取措施|按照职责|在各自(?:的)?职责范围内|依照本|根据")
_GAP = r"[^，。；：:]{0,14}?"
_AFTER = re.compile(rf"^(?:、[^，。；]{{1,20}}?)?(?:应当|应|要|依法|按照[^，。；]{{0,12}}|在[^，。；]{{0,12}}|"
                    rf"会同[^，。；]{{0,16}}|共同|分别|具体|统一|集中|按规定|按程序)*{_GAP}(?:{_ASSIGN})")
_AFTER_GENERAL = re.compile(rf"^{_GAP}(?:{_GENERAL})")
_BY = re.compile(r"由$")
_HEAD_COLON = re.compile(r"^\s*[：:]")

# Bodies that name no one in particular.
GENERIC_CORES = ("有关部门", "相关部门", "其他有关部门", "主管部门", "有关主管部门", "行业主管部门", "有关单位",
                 "相关单位", "各有关部门", "各部门", "有关机关", "有关方面", "其他部门", "有关机构", "各级各部门",
                 "各有关单位", "成员单位", "各成员单位", "分级分部门", "有关地方", "部门")
_LEVEL_PREFIX = re.compile(
    r"^(?:国务院|中央|国家|县级以上(?:地方)?(?:各级)?(?:人民政府)?|地方各级(?:人民政府)?|各级(?:人民政府)?|"
    r"本级(?:人民政府)?|上级(?:人民政府)?|省|市|区|县|乡镇|[省市区县](?:级)?(?:人民政府)?|其他)*")


def is_generic(name: str) -> bool:
    core = _LEVEL_PREFIX.sub("", name or "")
    return not core or core in GENERIC_CORES


def strength(text: str, surface: str, role: str) -> int:
    """How directly ``text`` assigns its matter to the body written ``surface`` (the strongest
    of its occurrences)."""
    best = MENTION
    start = text.find(surface) if surface else -1
    while start >= 0:
        before, after = text[:start], text[start + len(surface):]
        if _HEAD_COLON.match(after):                     # a duty list: "省民政厅：负责…"
            best = max(best, ASSIGNING)
        elif _AFTER.match(after) or _BY.search(before):
            best = max(best, ASSIGNING if role in ("lead", "cooperate") or _BY.search(before) else DIRECT)
        elif _AFTER_GENERAL.match(after):
            best = max(best, GENERAL)
        start = text.find(surface, start + 1)
    if best == MENTION and role == "lead":
        best = DIRECT
    elif best == MENTION and role in ("cooperate", "subject"):
        best = GENERAL
    return best
