"""Which generic organisation phrases name a body at all, and with how much of their words.

ingest.extract.org_phrases reads a body as the words before a head ("危险化学品生产|企业") and
gives an enumeration's head to its items ("卫生、农业等|部门"). Plans' running prose defeats that
in a few recurring ways, each a class of phrase that names nobody or names a body with words
that are not its name:

- a 4-character resultative verb opens it: "做强做实|区镇（街道）应急管理机构", "配齐配强|各级安全
  监管机构" (verb + result, twice) — the body is what follows;
- a government is qualified by no place: "数字政府", "评估政府职能", "专家团队、地方政府" (the list
  gave 政府 to 专家团队) — a government is named by its place or level, else it is the bare 政府;
- a list of places, facilities or teams ends with one body, whose head the others then took:
  "车站、商场、集贸市场、养老和社会福利机构" (商场机构), "地铁站、大型综合体、邻里中心" — an item
  takes an office's head (机构, 中心 …) only where no sibling is a body of that head itself;
- a standard's slogans: "有班子、有机制、有队伍", "安全宣传进企业、进学校" — no body at all;
- a "force" named by no work it does: "主要力量", "国家战略科技力量", "强大精神力量" — 力量 names
  a body only as the forces of a service (社会力量, 救援力量, 执法力量, 志愿服务力量 …); a centre
  likewise (应急联动中心, 疾病预防控制中心), not a place or a hub ("会展中心", "商业中心", "暴雨中心",
  and "车站、码头、会展中心": no 车站中心).

Gazetteer names are never touched: only phrases the generic heads made.
"""

from __future__ import annotations

import re
from typing import Iterable

from ingest.extract.gazetteer import load_gazetteer
from ingest.segmenter import plain_words, word_tags

# verb + result, twice: 做强做实, 配齐配强, 选优配强, 做大做强, 抓细抓实, 建好管好
_RESULTATIVE_PAIR = re.compile(r"^[\u4e00-\u9fff][强实齐好细优大精全牢紧深][\u4e00-\u9fff][强实齐好细优大精全牢紧深]")
_SLOGAN_VERBS = ("有", "进")   # "有队伍", "（安全宣传）进企业": the word itself, not 有关, 进口, 先进
_GOVERNMENT_HEADS = ("人民政府", "政府")
_GOVERNMENT = re.compile(r"(?:人民)?政府$")
# what the words before 政府 end with when they name a place or a level (or pair two governments)
_PLACE_ENDS = ("省", "市", "县", "区", "州", "镇", "乡", "旗", "盟", "村", "街道", "地方", "级", "以上", "地",
               "中央", "国家", "国", "全国", "自治区", "和", "及", "、", "委", "）", ")",
               "有关", "相关", "各", "该", "其他", "所指", "当地", "所在")   # (and scope words)
# the services a force (力量) is named by when it names a body
_FORCE_OF_A_SERVICE = re.compile(r"社会|救援|应急|救灾|抢险|消防|扑火|扑救|搜救|执法|监管|安全|志愿|专业|技术|专家|专职|"
                                 r"人员|队伍|军队|民兵|国防|后备|防汛|防灾|减灾|群防|巡逻|保障|监测|情报|研判|"
                                 r"服务|通信|运输|医疗|卫生|治安|警|救护|防控|调配|驻|武装|军事|抢修|常备")
# the services a centre (中心) is named by when it names a body
_CENTRE_OF_A_SERVICE = re.compile(r"指挥|调度|监测|监控|救援|救助|服务|信息|数据|应急|预警|培训|训练|检测|检验|鉴定|医疗|"
                                  r"医学|急救|联动|处置|保障|维修|控制|卫生|疾病|血液|广播|电视|气象|水文|地震|搜救|"
                                  r"考试|考核|评估|审核|受理|管理|研究|技术|储备|救灾|指导|宣传|发布|调解|仲裁|综治|"
                                  r"热线|值班|呼叫|通信|网络|安全|执法|防控|勘测|测绘|质检|计量|认证|就业|社保|政务|"
                                  # (a public institution named by the field it serves: 体育事业发展中心,
                                  # 农业技术推广中心, 不动产登记中心)
                                  r"事业发展|推广|登记|促进")
_SERVICE_NAMED = {"力量": _FORCE_OF_A_SERVICE, "中心": _CENTRE_OF_A_SERVICE}
# levels that act as their governments when named with 各 (ingest.extract.actors.acting_level)
_BARE_LEVELS = ("乡镇", "镇街", "街道", "区县", "县区", "市州", "区", "县", "市", "镇", "乡")
# heads of one office or body: given to a list's items only when no item is such a body itself
_OFFICE_HEADS = ("机构", "中心", "部", "委", "办公室", "指挥部", "政府", "人民政府")


def plausible(phrases: Iterable) -> list:
    """The phrases (ingest.extract.org_phrases.OrgPhrase) that name a body, trimmed to its name."""
    phrases = list(phrases)
    # heads of the bodies a list names besides its last item (whose head the others take)
    last: dict[int, object] = {}
    for p in phrases:
        if p.group not in last or p.span[1] > last[p.group].span[1]:
            last[p.group] = p
    bodies_by_group: dict[int, set[str]] = {}
    for p in phrases:
        if p.core == p.surface and p is not last[p.group]:
            bodies_by_group.setdefault(p.group, set()).add(p.head)
    out = []
    for p in phrases:
        generic_government = p.gazetteer in _GOVERNMENT_HEADS   # the bare head, not a name
        if p.gazetteer and not generic_government:
            out.append(p)
            continue
        service = _SERVICE_NAMED.get(p.head)
        if _slogan(p.surface) or (service is not None and not service.search(p.core[:-len(p.head)])):
            continue
        distributed = p.core != p.surface and p.core.endswith(p.head) and not p.surface.endswith(p.head)
        if distributed and p.head in _OFFICE_HEADS and p.head in bodies_by_group.get(p.group, ()):
            continue                               # "商场、…、养老和社会福利机构": 商场 is no 机构
        if distributed and p.surface[:1] == "各" and p.surface[1:] in _BARE_LEVELS:
            continue                               # "各乡镇、县直有关部门": the townships themselves
        modifier = _GOVERNMENT.sub("", p.core) if p.head in _GOVERNMENT_HEADS else ""
        if modifier and not _names_a_place(modifier) and not modifier.endswith("的"):   # "有关区域的人民政府"
            if distributed or modifier.endswith("非"):
                continue                           # "专家团队、地方政府": 专家团队 is no government; 非政府
            _keep_last(p, len(p.head))             # "数字政府", "评估政府职能": 政府 at most
        elif _RESULTATIVE_PAIR.match(p.surface):
            if distributed or len(p.surface) <= 4 + len(p.head):
                continue                           # "做强做优做大国有资本、…企业": no body left
            _keep_last(p, len(p.surface) - 4)      # "做强做实|区镇（街道）应急管理机构"
        out.append(p)
    # a list's role is read from its first word (ingest.extract.actors): the items kept still
    # span the whole list when some were dropped
    kept = {id(p) for p in out}
    list_start: dict[int, int] = {}
    for p in phrases:
        if id(p) not in kept:
            list_start[p.group] = min(list_start.get(p.group, p.tokens[0]), p.tokens[0])
    for p in out:
        if p.group in list_start and p.tokens[0] > list_start[p.group]:
            p.tokens = (list_start[p.group], p.tokens[1])
    return out


def _slogan(surface: str) -> bool:
    """"有班子", "安全宣传进企业": 有 or 进 as a word of its own, one or two characters from the end."""
    if not any(v in surface[-3:-1] for v in _SLOGAN_VERBS):
        return False                              # (most phrases: no segmentation)
    words = plain_words(surface)
    return len(words) >= 2 and words[-2] in _SLOGAN_VERBS and len(words[-1]) <= 2 or \
        len(words) >= 3 and words[-3] in _SLOGAN_VERBS and len(words[-2] + words[-1]) <= 2


def _names_a_place(modifier: str) -> bool:
    if modifier.endswith(_PLACE_ENDS) or modifier in load_gazetteer().places:
        return True
    words = plain_words(modifier)            # "苏联|政府", "河北|省政府": a place name jieba knows
    return bool(words) and word_tags().get(words[-1]) == "ns"


def _keep_last(p, n: int) -> None:
    """Keep the last ``n`` characters of the phrase's surface (and as much of its core)."""
    cut = len(p.surface) - n
    p.span = (p.span[0] + cut, p.span[1])
    p.surface = p.surface[cut:]
    p.core = p.core[len(p.core) - n:] if p.core.endswith(p.surface) else p.surface
