"""Quantified targets written in running text: a small grammar over the quantities of a clause.

Forms a target takes (each with the comparator it gives):
- comparator-led: "失业率控制在5.5%以内" (<=), "森林覆盖率达到24.1%" (>=), "增长6%以上" (>=),
  "不少于100人" (>=), "价格涨幅3%左右" / "约18000条" (~), "5%—5.5%" / "20～50年一遇" (range),
  "严守18亿亩耕地红线" (>=: a red line is a floor);
- rates: "能耗降低3%", "再降10%", "增长7.8%" (=); a parameter the government sets "起征点提高到15万元" (=);
- required time limits: "灾害发生后2小时内报告", "5个工作日内核定", "最迟不得晚于事件发生后30分钟" (<=),
  "届满前一个月提出" (>=), "提前6小时预报" (=), and in a standing rule "24小时值班/零报告/有效应答" (=);
- frequencies: "每年至少组织一次培训" (>= 1 次), "每日两次" (= 2 次), "每7天报送" (= 7 天);
- counts with their classifier and object, after a commitment verb ("完成2处隐患点勘查", "布设10处监测点",
  "配备一名专家", "设立5年过渡期"), before their noun where the text plans ("规划1087个站采用…",
  "对2999座小（1）型水库进行除险加固"), or closing a planned object ("新建自动气象站3886个");
- the next items of an enumeration take the form of the first ("分别降低13.5%、18%").

Not targets: thresholds and triggers ("死亡30人以上的", "…时", "受威胁人口在100人以上的…"),
definitions and grades, penalties, cost estimates and benefits, statistics and past results (已, 累计,
了, "占…的4%", "分别有212座"), forecasts and weather criteria ("未来24小时…"), numbers in titles,
quotations, table and figure numbers, ordinals, names ("三年行动"), durations ("经过50年"), dates and
clock times, counts that only describe ("六个方面"), and "一个" used as an article ("建设一个…场所").
Parts that look back are never read (sections.py); a report's sentences only where they commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.extract.deadlines import EVERY, DeadlineMatch
from ingest.extract.quantities import QUANTITY, TIME_UNITS, Quantity, find_quantities
from ingest.extract.sections import GOALS, REPORT, TASKS, has_modal
from ingest.extract.targets import WORD_AFTER
from ingest.numerals import to_halfwidth
from ingest.records import Indicator, Provenance

METHOD = "grammar:indicator-text:v2"

# Comparator words written before a number (longest first), and after it.
BEFORE = [
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少有", ">="), ("至少", ">="), ("不得少于", ">="),
    # a rule's floor or ceiling with its modal ("安全距离不得小于一千米", "不应低于"): not the descriptive 小于
    ("不得小于", ">="), ("不得低于", ">="), ("不应少于", ">="), ("不应低于", ">="), ("不应小于", ">="),
    ("不宜少于", ">="), ("不宜低于", ">="), ("不宜小于", ">="), ("不得大于", "<="), ("不得高于", "<="),
    ("不应超过", "<="), ("不应大于", "<="), ("不应高于", "<="), ("不宜超过", "<="), ("不宜大于", "<="),
    ("达到", ">="), ("提高到", ">="), ("提高至", ">="), ("提升到", ">="), ("提升至", ">="), ("增加到", ">="),
    ("增加至", ">="), ("增长到", ">="), ("扩大到", ">="), ("达", ">="),
    ("超过", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"),
    ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("不得超过", "<="), ("不得晚于", "<="), ("最迟", "<="),
    ("降至", "<="), ("降到", "<="), ("降低到", "<="), ("降低至", "<="), ("下降到", "<="), ("下降至", "<="),
    ("压减到", "<="), ("压减至", "<="), ("减少到", "<="), ("减少至", "<="), ("控制在", "<="), ("缩短到", "<="),
    ("缩短至", "<="), ("低于", "<"), ("小于", "<"), ("少于", "<"),
    ("优于", "<"),    # a precision or a time: less is better ("定位精度优于5千米"; see _classify)
    ("保持在", "="), ("稳定在", "="), ("拟按", "="), ("设定为", "="), ("确定为", "="),
    (">=", ">="), ("<=", "<="), ("≥", ">="), ("≤", "<="), ("≧", ">="), ("≦", "<="), (">", ">"), ("<", "<"),
]
_BEFORE_COMPARATOR = dict(BEFORE)
_BEFORE_LENGTHS = sorted({len(word) for word, _ in BEFORE}, reverse=True)     # "不得超过" before "超过"
assert len(_BEFORE_COMPARATOR) == len(BEFORE)
AFTER = {"以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "以外": ">=", "多": ">", "余": ">"}
_BOUNDS = dict(WORD_AFTER)     # a floor or a ceiling after a count (not 多/余: "1500多个" is a rough count)
# Comparators that also describe ("部分山脉海拔高于3000m"): a target only where the text commits.
_DESCRIPTIVE = ("超过", "高于", "大于", "多于", "低于", "小于", "少于", "达", ">", "<")
# A comparator word that governs a count or a limit across a verb or an event ("至少续报一次",
# "最迟不得晚于事件发生后30分钟").
_FAR_COMPARATOR = [("至少", ">="), ("不少于", ">="), ("不低于", ">="), ("不超过", "<="), ("不得超过", "<="),
                   ("不得晚于", "<="), ("不晚于", "<="), ("最迟", "<=")]
# A parameter the government sets is set to the value, not raised beyond it ("起征点提高到15万元").
_PARAMETER = re.compile(r"(?:起征点|扣除比例|税率|费率|利率|征收标准|补助标准|补贴标准|限额|门槛)$")
# Rate verbs: the change itself is the target ("降低3%", "再提高1岁", "增长7.8%").
_RATE = re.compile(r"(?:增长|下降|降低|减少|提高|增加|上涨|压减|削减|缩短|提升|扩大|增|降)(?:了)?$")
# Verbs that commit to making, doing or providing a counted thing.
_COMMIT = (r"完成|新建|新增|增建|建设|建成|建立|设立|组建|创建|打造|改扩建|改建|扩建|改造|新开工|开工|布设|布置|"
           r"设置|配置|配备|配齐|装备|部署|安装|购置|储备|修建|修复|加固|治理|整治|实施|开展|举办|举行|组织|"
           r"培训|培养|招聘|引进|选派|申请|连接|覆盖|搬迁|转移|安置|安排|采用")
_COMMIT_BEFORE = re.compile(rf"(?:{_COMMIT})(?:了)?(?:现有|全部|共|共计|总计)?$")
# Before a count that precedes its noun, where the text plans: "规划1087个站", "对2999座…水库进行",
# "加上规划的3886个气象站", "按30955个站（点）布设", "所需的87个中继站", "共计16521座病险水库".
_PLANNED_BEFORE = re.compile(r"(?:规划|计划|拟|需|所需的|规划的|按|将|把|共计|总计|其中|对[^，,；;。]{0,15})$")
# Where a plan plans: then "新建自动气象站3886个" (an object with its count) is a target in any part.
_PLANS = re.compile(r"规划|计划|拟|新建|新增|增建|需(?:要)?|建设|建成|布设|配置|完成|实施|新开工|安排|力争|确保|"
                    r"预期|目标")

# Whole clauses that set no target.
_ESTIMATE = re.compile(r"估算|概算|测算|投资(?:总)?需求|总投资|需(?:要)?投资|资金需求|造价|单价|经费需求")
_CLAUSE_OUT = re.compile(
    r"罚款|罚金|没收|拘留|有期徒刑|处以|吊销"                        # penalties
    r"|效益|可减少|可减免|减少损失|受益|得到有效保护|挽回"                 # expected benefits
    r"|预测|是指|系指|指的是|分为|划分为|分成|资料分析|调查到"       # forecasts, definitions, statistics
    r"|未来\d+小时|过去\d+小时|将出现|可能出现")                       # weather criteria of a warning
# ("比上年增加1.6万亿元" in a budget is the planned increment: parts that look back are not read at all)
_PAST = re.compile(r"已(?:经|建|有|完成|达)?|累计|现有|目前|原有|截至|截止|同比|同期|(?<![比较于])去年|过去|"
                   r"(?<![为除])了(?![解结])")
# the time ahead a sum is counted over ("五年内累计", "到2025年累计", "规划期内累计")
_AHEAD = re.compile(r"[一二三四五六七八九十两\d]年内|期内|期间|到(?:19|20)\d{2}年|力争|确保|争取")
_CONDITION_OPEN = re.compile(r"^(?:当(?![事地前年日天场期今])|如果|如(?![实期何下])|若|凡|对于|对造成|一旦|出现|发生|造成|"
                             r"因灾|因旱|因洪|遭受|受威胁|超过)")
_QUOTES = (("《", "》"), ("“", "”"), ("\"", "\""), ("「", "」"))
_BOUNDARY = "，,；;。：:！？!?"
# Counts that only describe or name: "六个方面", "三年行动", "两个至上", "四级".
_DESCRIBES_AFTER = re.compile(r"^(?:方面|领域|环节|原则|意识|自信|维护|至上|必须|坚持|类别|阶段|层次|特点|功能区|"
                              r"行动|规划|计划|方案|攻坚|周年|禁渔|中全会|大(?:攻坚|战略|任务|行动|工程|体系)|级|等|以来|间|之间|"
                              r"月|号|时|点|分|秒|届|批次|五|重点(?:工作|任务|领域|环节|方面|[，,。；;]|$))")
_NAME_AFTER = re.compile(r"^(?:[^，,。；;：:、（(“”\"]|[（(][^（()）]{0,8}[）)]){1,20}?"
                         r"(?=[，,。；;：:、（(]|$|进行|采用|实施|开展|的|和|及|并|纳入|兼)")
_LEAD = re.compile(
    r"^(?:确保|力争|争取|实现|使|推动|推进|要|其中|并|且|和|及|同时|全区|全市|全省|全国|全县|全州|全盟|全旗|"
    r"区内|市内|县内|本区|本市|本县|各级|"
    r"每年|年均|今年|明年|规划|计划|拟|将|使得|进一步|继续|持续|再|基本|总体|共|共计|并且|以及|把|将其|加上|"
    r"到(?:19|20)\d{2}年(?:底|末)?|(?:19|20)\d{2}年(?:底|末)?(?:前)?)")
_VERB_LEAD = re.compile(rf"^(?:{_COMMIT}|培养|创建|实现|达到)")
_DUTY_STANDARD = re.compile(r"^(?:应急|全天候)?(?:值班|值守|零报告|有效应答|应答|在岗|待命|服务|开放|监控|监测|畅通|运行)")
_TIME_LIMIT_AFTER = re.compile(r"^(?:内|之内|以内)")
# (有 of 有关 names no forecast: "在1小时内将有关情况报告…" is a time limit)
_FORECAST_AFTER = re.compile(r"^(?:内|之内|以内)?[，,]?(?:将有(?!关)|将出现|将达|将发生|有(?!关)|会|可能|预计|发生|出现|累计|连续|再次|"
                             r"[两二三四五六七八九十\d]+次)")
_FREQUENCY = re.compile(rf"{EVERY}|每小时")


@dataclass
class _Found:
    comparator: str
    name: str
    span: tuple[int, int]


@dataclass
class _Clause:
    """One clause as the grammar reads it."""
    text: str          # as written
    half: str          # half-width, same length
    sense: str
    committing: bool   # the clause, its paragraph's lead or its part commits (a modal, a plan word, 目标)
    standing: bool


def _inside(text: str, pos: int) -> bool:
    for open_, close in _QUOTES:
        if open_ == close:
            if text.count(open_, 0, pos) % 2:
                return True
        elif text.rfind(open_, 0, pos) > text.rfind(close, 0, pos):
            return True
    return False


_BOUNDARY_AT = re.compile(f"[{re.escape(_BOUNDARY)}]")
_UP_TO_LAST_BOUNDARY = re.compile(f".*[{re.escape(_BOUNDARY)}]", re.S)


def _segment(half: str, start: int, end: int) -> tuple[int, int]:
    """The clause part around [start, end): after the last boundary before ``start``, up to the
    first one from ``end`` on. One regex each way (a find per boundary character was slow);
    ``start`` and ``end`` read as str.rfind's end and str.find's start read them (negatives too)."""
    before = _UP_TO_LAST_BOUNDARY.match(half, 0, slice(0, start).indices(len(half))[1])
    after = _BOUNDARY_AT.search(half, slice(end, None).indices(len(half))[0])
    return (before.end() if before else 0), (after.start() if after else len(half))


_AT_OR_AS = re.compile(r"(?:在|为)$")
_A_NEW_LEVEL = re.compile(r"^[^，,；;。]{0,3}?(?:新|更高|崭新)")
_BASELINE = re.compile(r"(?:比|较|在)((?:19|20)\d{2})年(?:基础上)?")


def _comparator_before(before: str, committing: bool = True) -> tuple[Optional[str], int]:
    """The comparator word ending ``before`` (a 在/为 may stand between: "控制在", "保持在…为"), and
    the length it takes from the end of ``before``; a descriptive one only where the text commits."""
    for text in (before, _AT_OR_AS.sub("", before)):
        word = _comparator_ending(text)
        if word:
            if word in _DESCRIPTIVE and not committing:
                return None, 0
            return _BEFORE_COMPARATOR[word], len(before) - len(text) + len(word)
    return None, 0


def _comparator_ending(text: str) -> Optional[str]:
    """The longest comparator word ``text`` ends in: a look-up per length of word instead of an
    endswith per word (of ~60, for every quantity)."""
    for n in _BEFORE_LENGTHS:
        if n <= len(text) and text[-n:] in _BEFORE_COMPARATOR:
            return text[-n:]
    return None


def _far_comparator(head: str) -> Optional[str]:
    """至少/不少于/不超过 a few characters before, a verb between ("至少保存四年")."""
    near = head[-8:]
    return next((comp for word, comp in _FAR_COMPARATOR if word in near), None)


def _strip_lead(text: str) -> str:
    prev = None
    while prev != text:
        prev, text = text, _LEAD.sub("", text, count=1)
    return text


# the tests below run for every quantity of every clause: compiled once
_CONDITION_TAIL = re.compile(r"的$|时$|时候$|情况下$")
_DE_CLOSES = re.compile(r"^的(?:[，,；;。]|$)")
_CONDITION_SENTENCE = re.compile(r"的[。；;]?$|之一的|下列情形|下列情况")
_OR_BOUND = re.compile(r"或|以上|以下")
_BY_STATISTICS = re.compile(r"据[^，,；;。]{0,12}(?:统计|资料)[，,]$")
_FROM_FIGURE = re.compile(r"由[^，,；;。]{0,12}\d")
_SHARE_OR_EXISTENCE = re.compile(r"占[^，,；;。]*?的?$|(?:分别|还|尚)有[^，,；;。]*$|(?<![共具所拥持享没少])有$|"
                                 r"(?:经过|历时|(?<![采使应运利])用了?)$|(?:从|由)(?:(?!起)[^，,；;。]){0,8}$")
_YI_IN_A_WORD = re.compile(r"^(?:定|些|般|切|律|旦|直|致|样|起|共|同|体|度|并|时|道|经|举|带|流|线|系列|如既往)")
_TABLE_OR_FIGURE = re.compile(r"[表图]\s?$")
_DATE_GOES_ON = re.compile(r"^(?:年|月|日|号|时|点|:)\d")
_DATE_PART = re.compile(r"^[月日号时]")
_DAY_FOLLOWS = re.compile(r"^\d|^[日号]")
_MONTH_FOLLOWS = re.compile(r"^\d{1,2}月")
_BOUND_AFTER = re.compile(r"^(?:内|之内|以内|前|以上|以下|左右)")
# a name that goes on after a bound and reaches its own target ("特大事故起数比2020年下降20%")
_QUALIFIED_NAME_GOES_ON = re.compile(r"^[\u4e00-\u9fff](?!的)[^，。；、]{0,24}?(?:下降|降低|减少|控制在|达到|提高|增长|增加)"
                                     r"[^，。；、]{0,6}?\d")


# A rule requiring a thing of a size: the verb that provides it, then what is measured ("应当设置面积|不少于
# 十平方米的专用仓库", "配备容量|不低于…的储罐", "在距离加油站|一百米以外的地点燃放").
_PROVIDES_MEASURED = re.compile(r"(?:应当?|必须|须)(?:[^，,；;。]{0,6}?)(?:设置|配备|配置|建设|修建|设立|储备|划定|预留|留出|"
                                r"保留|具有|具备|使用|采用|保持|选择)[^，,；;。的]{0,4}?(?:面积|宽度|长度|高度|厚度|容量|容积|"
                                r"间距|距离|净高|数量|功率|规模)$|(?:应当?|必须|须|不得)[^，,；;。]{0,10}?(?:距离?|离)[^，,；;。的]{1,16}$")
_INCLUDING_NOTE = re.compile(r"^[（(](?:含|包括|不含)[^（()）]{1,10}[）)]")
# What withstands an earthquake of a magnitude ("城镇综合抗御6级左右地震", "具备抵御6.5级地震的能力").
_WITHSTANDS = re.compile(r"(?:抵御|抗御|抵抗|防御)$")
# … and the hazard a return period qualifies in a standard ("应对不低于50年一遇的暴雨"), no class of storms.
_HAZARD_AFTER = re.compile(r"^的(?:暴雨|洪水|降雨|降水|洪涝|风暴潮|潮位|台风|大风|干旱)")
# units whose smaller value is the better one (an error, a distance of precision, a time to report)
_LESS_IS_BETTER = frozenset(TIME_UNITS) | {"米", "千米", "公里", "毫米", "厘米", "km", "m", "mm"}
# a calendar date with dashes or slashes ("2017-03-29 11:26", a web page's time stamp): no quantity
_DASHED_DATE = re.compile(r"(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")
# the noun after 的 is the target itself, no class of things ("损失率控制在0.1‰的工作目标")
_TARGET_AFTER = re.compile(r"^(?:以内|以下|以上|左右)?的(?:工作|奋斗|控制|总体|年度)?(?:目标|指标|水平)(?:[，,；;。]|$)")
# A share of units that reach a state: "90%以上的乡镇（街道）建成标准化应急管理站", "城市50%以上的建筑实现抗震设防",
# "规模以上企业100%实现标准化达标" — the share is the target, the units and what they reach its name.
_REACH = r"实现|建成|达到|完成|具备|配备|建立|通过|纳入|落实|配齐|达标"
_SHARE_OF_UNITS = re.compile(rf"^(?:以上)?的?(?P<units>[^，,；;。、\d]{{0,12}}?)(?P<reach>{_REACH})(?P<what>[^，,；;。]{{0,16}})")


# a case closed later in its sentence by 的 and what follows from it ("…达到12分，…的，由…", "…的，可以申请")
_CONDITION_THEN = re.compile(r"(?:(?![，,](?:对|凡|因|经))[^。；;]){0,60}?的[，,](?:由|可以|可|应当|应|处|依法|责令|予以|给予|不予)")
_RULED_BEFORE = re.compile(r"应当|应|必须|须|要|不得|禁止|严禁|可以")


def _sentence_before(half: str, pos: int) -> str:
    """The text of ``pos``'s sentence before it (after the last 。 or ；)."""
    return half[max(half.rfind(end, 0, pos) for end in "。；;") + 1:pos]


def _is_condition(half: str, seg: tuple[int, int], q: Quantity) -> bool:
    """A trigger, threshold or class: "死亡30人以上的", "在1000万元以上的常发性泥石流", "当…时"."""
    if _share_of_units(half, seg, q):
        return False                 # "90%以上的乡镇建成…": the units reaching it, no class of them
    tail = _INCLUDING_NOTE.sub("", half[q.span[1]:seg[1]], count=1)     # "六层以下|（含六层）|的住宅"
    if _CONDITION_TAIL.search(tail) or _DE_CLOSES.match(tail):
        return True
    if tail.startswith("的") and not _DE_CLOSES.match(tail) and (q.after or _comparator_before(
            half[seg[0]:q.span[0]])[0]) and not (q.unit == "年一遇" and _HAZARD_AFTER.match(tail)) \
            and not _requires_measured(half[seg[0]:q.span[0]]) and not _TARGET_AFTER.match(tail):
        return True                  # a class: "身高低于1米的儿童", "树龄一百年以上的榧树"
                                     # (not a standard: "应对不低于50年一遇的暴雨"; not what a rule
                                     # requires: "应当设置面积不少于十平方米的专用仓库")
    if q.after in ("以上", "以下") and _QUALIFIED_NAME_GOES_ON.match(tail):
        return True                  # a class inside a name: "一次死亡10人以上|特大事故起数下降20%"
    if (_CONDITION_THEN.match(half, q.span[1]) and q.unit not in TIME_UNITS
            and not _RULED_BEFORE.search(_sentence_before(half, q.span[0]))):
        return True                  # "记分达到12分，拒不参加学习…的，由…公告": a case the rule is for (not
                                     # "应当…5个工作日内完成审查，符合条件的，予以登记": the rule's own
                                     # limit; nor the window "自事故发生之日起30日内，…变化的，应当补报")
    head = half[seg[0]:q.span[0]]
    sentence_end = _CONDITION_SENTENCE.search(half)
    return bool(_CONDITION_OPEN.match(head)) or bool(sentence_end and _OR_BOUND.search(half))


def _requires_measured(head: str) -> bool:
    """The head before a quantity (and its comparator word) requires a thing of that size."""
    return bool(_PROVIDES_MEASURED.search(head[:len(head) - _comparator_before(head)[1]]))


def _share_of_units(half: str, seg: tuple[int, int], q: Quantity) -> Optional[re.Match]:
    """The share a percentage gives of the units that reach a state (``_SHARE_OF_UNITS``), or None."""
    if q.unit != "%":
        return None
    tail = half[q.span[1]:seg[1]]
    if q.after != "以上" and not tail.startswith(("的", "以上的")) and not re.match(rf"(?:{_REACH})", tail):
        return None          # "…50%|的": the units follow; "100%|实现": the act follows at once
    m = _SHARE_OF_UNITS.match(tail)
    if m is None or m.group("units").startswith(("未", "不", "没")) or re.search(r"的[）)]?$", tail.rstrip("；;。，, ")):
        return None          # "…百分之五十以上未达到百分之百的": a class of cases, a condition
    return m


def _describes(half: str, seg: tuple[int, int], q: Quantity, first_year: Optional[int] = None,
               committing: bool = False) -> bool:
    """A statistic or a description, not a commitment: past results, shares, existence, durations,
    what follows "据统计，". ``committing``: the clause or its part commits (a goal's "由0.3%下降至0.2%")."""
    head = half[seg[0]:q.span[0]]
    if _BY_STATISTICS.search(half[:seg[0]]):
        return True
    if _COMMIT_BEFORE.search(head):
        return False                 # "改扩建现有12座…": the existing ones are what the work is on
    if _FROM_FIGURE.search(head) and not (committing or has_modal(half)):
        return True                  # "国民生产总值由3480亿元增加到9380亿元": a change that happened
    if first_year and any(int(y) < first_year for y in re.findall(r"(?<![比较与同在\d])((?:19|20)\d{2})年", head)):
        return True                  # "1955年本年收入增长…": a figure of a year gone by (a baseline 比2020年 is no such)
    past = _PAST.search(head)
    if past and past.group() == "累计" and _AHEAD.search(half[:q.span[0]]):
        past = None                  # "五年内累计下降50%": the sum to be reached
    if past or half.startswith("了", q.span[1]):
        return True
    share = _SHARE_OR_EXISTENCE.search(head)
    if share and share.group().startswith("占") and _comparator_before(head)[0]:
        return False                 # "直接经济损失占GDP比例控制在1%以内": a bound on a share
    if share and share.group().startswith(("由", "从")) and committing and _comparator_before(head)[0]:
        return False                 # a goal's "达标率由80%提高到95%": the figure to reach
    return bool(share)


def _not_a_quantity(half: str, q: Quantity) -> bool:
    start, end = q.span
    before, after = half[max(0, start - 2):start], half[end:end + 6]
    if q.text.startswith("一") and _YI_IN_A_WORD.match(half[q.number_span[1]:]):
        return True                                  # words, not numbers: 一定规模, 一般, 一律
    if any(m.start() <= start < m.end() for m in _DASHED_DATE.finditer(half, max(0, start - 10), end + 10)):
        return True                                  # "2017-03-29": a date, not 2017 to 3
    if before.endswith("第") or _TABLE_OR_FIGURE.search(before) or "分之" in (before + after[:2]):
        return True                                  # ordinals, "详见表6.1-1", "见图6-1", fractions "三分之二"
    if q.unit == "年" and (1900 <= q.value <= 2100 or (q.upper and 1900 <= q.upper <= 2100)):
        return True                                  # a year or a range of years: deadlines' business
    if _DATE_GOES_ON.match(after) or _DATE_PART.match(after) and q.unit is None:
        return True                                  # dates and clock times
    if q.unit in ("月", "日") and _DAY_FOLLOWS.match(after):
        return True
    if q.unit == "年" and _MONTH_FOLLOWS.match(after):
        return True
    if _DESCRIBES_AFTER.match(after) and not _BOUND_AFTER.match(after):
        return True                                  # "三年行动", "六个方面", "四级"
    return _inside(half, start)


# the figure a change starts from, between the name and the verb ("事故起数|从120起|下降到100起以内",
# "比率|由“十三五”期间的0.3%|下降至0.2%"): no part of the name
_FROM_BASELINE = re.compile(r"(?:由|从)[^，,；;。由从]{0,16}?[\d〇零一二两三四五六七八九十][^，,；;。由从]{0,6}$")


def _name_before(text: str, seg_start: int, end: int) -> str:
    name = _strip_lead(text[seg_start:end].strip(" 　"))
    return _FROM_BASELINE.sub("", name) or name


def _name_after(text: str, pos: int) -> str:
    m = _NAME_AFTER.match(text[pos:])
    return m.group() if m else ""


def _name_around(c: _Clause, seg_start: int, name_end: int, end: int) -> str:
    """The noun phrase before the comparator, or — when a verb leads it and the counted thing
    follows ("建成不少于一个市级应急物资储备库") — the thing after the quantity."""
    before = _name_before(c.text, seg_start, name_end)
    if not re.match(rf"^[{_BOUNDARY}]|^$|^(?:和|及|以上|以下|以内|之内)", c.half[end:end + 2]) \
            and not _TARGET_AFTER.match(c.half[end:]):
        after = _name_after(c.text, end)
        if after:
            verb = _VERB_LEAD.match(before)
            return (before[verb.end():] if verb else before) + after
    return before


def _frequency(c: _Clause, seg: tuple[int, int], q: Quantity) -> Optional[str]:
    """A count per period ("每年至少一次" >= 1 次, "每日两次" = 2 次) or an interval ("每7天报送" = 7 天)."""
    head = c.half[seg[0]:q.span[0]]
    freq = None
    for m in _FREQUENCY.finditer(head) if "每" in head else ():     # every match begins with 每
        freq = m
    if q.unit == "次" and freq:
        return next((comp for word, comp in _FAR_COMPARATOR if word in head[freq.end():]), "=")
    if q.unit in ("年", "天", "日", "月", "周", "小时") and head.endswith("每") and not re.match(
            r"^[^，,。；;]*?(?:\d+|[一两二三四五六七八九十]+)次", c.half[q.span[1]:seg[1]]):
        return "="
    return None


def _time_limit(c: _Clause, seg: tuple[int, int], q: Quantity) -> Optional[_Found]:
    half, text = c.half, c.text
    start, end = q.span
    head, after = half[seg[0]:start], half[end:seg[1]]
    far = next((comp for word, comp in _FAR_COMPARATOR if word in head and comp == "<="), None)
    if far and head.endswith("后"):
        return _Found(far, _name_before(text, seg[0], start), q.span)       # "最迟不得晚于事件发生后30分钟"
    if q.after in ("以内", "之内") or _TIME_LIMIT_AFTER.match(half[end:]):
        if (re.search(r"未来|过去|连续|累计|持续|预计$", head) or re.search(r"率|比例|达到", after)
                or _FORECAST_AFTER.match(half[end:])):
            return None          # a forecast window, or part of a measure's name ("12小时之内…救助率")
        skip = 0 if q.after else (2 if half[end:end + 2] in ("之内", "以内") else 1)
        name = _name_after(text, end + skip) or _name_before(text, seg[0], start)
        return _Found("<=", name, (start, end + skip))
    if _DUTY_STANDARD.match(after) and c.standing:
        return _Found("=", _name_after(text, end), q.span)
    if re.search(r"(?:届满|到期|期满|截止)前$", head):
        return _Found(">=", _name_before(text, seg[0], start - 1), q.span)
    if half[end:end + 1] == "前" and (re.search(r"(?:日|时|期)的$|在[^，,。；;]{1,24}的$", head) or (
            re.search(r"在[^，,。；;]{0,24}$", head) and not _MONTH_BEFORE.search(head)
            and _NOTICE_AFTER.match(half, end + 1))):
        # "在活动举办日的20日前提出", "在90个工作日前向…报告", "在举办大型活动的二十个工作日前向…申请":
        # no later than that long before the event
        return _Found(">=", _name_after(text, end + 1) + "提前时间", (start, end + 1))
    if _BEFORE_THE_EVENT.search(head) and _NOTICE_SOON_AFTER.match(half, end):
        # "在投放运营前三十日将投放方案报…备案": that long before the event at least
        return _Found(">=", _name_after(text, end) + "提前时间", q.span)
    if head.endswith("提前"):
        # a notice given ahead ("提前48小时予以公告", "提前三十日向…备案") is a minimum; a forecast's
        # lead ("提前6小时暴雨落区预报") is the time as stated
        return _Found(">=" if _NOTICE_AFTER.match(half, end) else "=", _name_after(text, end) + "提前时间", q.span)
    return None


_MONTH_BEFORE = re.compile(r"[\d一二三四五六七八九十]月$")     # "3月31日前": a date, no stretch of time
_BEFORE_THE_EVENT = re.compile(r"在[^，,。；;]{1,24}(?<!以)前$")
_NOTICE_VERBS = "公告|公示|通知|告知|报告|报送|申请|提出|备案"
_NOTICE_SOON_AFTER = re.compile(rf"[^，,。；;]{{0,20}}?(?:{_NOTICE_VERBS})")
_NOTICE_AFTER = re.compile(rf"(?:以书面形式|书面)?(?:予以)?(?:{_NOTICE_VERBS}|向)")


_ACTION = re.compile(r"采用|进行|实施|开展|纳入|布设|建设")     # "规划1087个站|采用…": the things counted act
_COMMIT_THEN_NAME = re.compile(rf"(?:{_COMMIT})(?=[^，,；;。]{{2,20}}$)")


# a prohibition before the figure in its clause part ("不得同时承担二个以上（含）工程", "禁止搭建四层以上活动
# 板房") is a rule, and what it forbids from the figure up (down) is the bound below (above) it
_PROHIBITION = re.compile(r"不得|禁止|严禁")
_FORBIDDEN_BOUND = {"以上": "<", "以下": ">", "以内": ">", "之内": ">"}
# how long a record is kept is a rule however it is worded ("记录…保存四年以上", no 应当 before it)
_KEPT_FOR = re.compile(r"(?:保存|保管|留存|存档)(?:期限)?(?:不少于|至少)?$")


def _classify(c: _Clause, q: Quantity) -> Optional[_Found]:
    half, text = c.half, c.text
    seg = _segment(half, q.span[0], q.span[1])
    start, end = q.span
    head = half[seg[0]:start]
    comp, comp_len = _comparator_before(head, c.committing)
    if comp == "<" and head.endswith("优于") and q.unit not in _LESS_IS_BETTER:
        comp = ">"               # "优于" a share or a count: more is better
    name_end = start - comp_len
    if q.indefinite and _A_NEW_LEVEL.match(half[end:]):
        return None              # "提高到一个新水平", "达到一个新的高度"
    if q.unit == "级":          # a magnitude: a target only as what a place withstands
        if not _WITHSTANDS.search(head):
            return None
        return _Found("~" if q.approx else ">=", _name_before(text, seg[0], start) + "地震能力", q.span)
    share = _share_of_units(half, seg, q)
    if share:
        at = end + share.start("units")          # (the match is on the half-width text: names are as written)
        units = text[at:end + share.end("units")] or _name_before(text, seg[0], name_end)
        name = units + text[end + share.start("reach"):end + share.end("what")]
        bound = ">=" if q.after == "以上" or comp == ">=" else "="
        return _Found(bound, f"{name}比例" if not name.endswith(("率", "比例")) else name, q.span)
    if q.is_range:
        if q.unit in TIME_UNITS and not comp:
            return None          # "未来五到十年": a stretch of time
        if comp or c.committing or q.unit == "年一遇":
            return _Found("range", _name_before(text, seg[0], name_end), q.span)
        return None
    if q.approx:
        if q.unit and (comp or c.committing or _RATE.search(head)):
            return _Found("~", _name_around(c, seg[0], name_end, end), q.span)
        return None
    freq = _frequency(c, seg, q)
    if freq:
        name = _name_after(text, end) or _name_before(text, seg[0], start)
        return _Found(freq, re.sub(r"^每\S{0,3}?(?:至少|不少于)?", "", name), q.span)
    if q.unit in TIME_UNITS and not comp:
        limit = _time_limit(c, seg, q)
        if limit or q.after in ("以内", "之内"):
            return limit         # "12小时之内…救助率": no time limit, and no other reading either
    if q.after in ("多", "余") and (q.unit in TIME_UNITS or not q.unit):
        return None              # "三十多年" a stretch of time, "二百余" a rough count
    if q.after == "以外":
        distance = re.search(r"(?:距离?|离)[^，,；;。]*$", head)     # "在距离加油站|一百米以外的地点燃放"
        return _Found(">=", text[seg[0] + distance.start():start], q.span) if distance and c.committing else None
    if not comp and q.after in _FORBIDDEN_BOUND and _PROHIBITION.search(head):
        # "禁止搭建四层以上活动板房": fewer than four allowed
        return _Found(_FORBIDDEN_BOUND[q.after], _name_around(c, seg[0], name_end, end), q.span)
    if q.after in AFTER and (comp or c.committing or _RATE.search(head) or _KEPT_FOR.search(head)):
        comparator = comp if comp in (">=", "<=") and q.after in ("以上", "以下") else AFTER[q.after]
        return _Found(comparator, _name_around(c, seg[0], name_end, end), q.span)
    if not comp and q.unit and _far_comparator(head) and re.search(rf"(?:{_COMMIT}|保存|保留|持续|参加|开展)$", head):
        return _Found(_far_comparator(head), _name_before(text, seg[0], start), q.span)    # "至少保存四年"
    if comp and q.indefinite and comp not in (">=",) :
        return None              # "提高到一个新水平"
    if comp and half.startswith("的", end) and _requires_measured(head):
        # "设置面积不少于十平方米的专用仓库": the thing required, measured ("专用仓库面积")
        return _Found(comp, _name_after(text, end + 1) + re.sub(r"^.*?(?=[^\W\d_]{2}$)", "", _name_before(text, seg[0], name_end)), q.span)
    if comp:
        written = _name_around(c, seg[0], name_end, end)
        name = re.sub(r"从[^从]*$", "", written) or written          # "起征点从月销售额10万元"
        if comp == ">=" and re.search(r"(?:提高|提升|增加|调整)(?:到|至)$", head) and _PARAMETER.search(name):
            comp = "="          # "起征点提高到15万元": a rule parameter set to the value
        return _Found(comp, name, q.span)
    if _RATE.search(head) and q.unit in ("%", "个百分点", "岁", "元", "倍", "年"):
        return _Found("=", _name_before(text, seg[0], start), q.span)
    if re.match(r"^[^，,。；;]{0,12}?(?:红线|底线)", half[end:]) and not q.indefinite:
        return _Found(">=", _name_after(text, end), q.span)      # "严守18亿亩耕地红线": a floor
    if q.unit in ("%", "元") and re.match(r"^的?(?:政策|标准)", half[end:]) and re.search(r"执行|实施|延续|落实", head):
        return _Found("=", _name_before(text, seg[0], start), q.span)   # "延续执行企业研发费用加计扣除75%政策"
    if not q.unit:
        return None
    if q.indefinite and not re.search(r"每|各个|各", half[:start]):
        return None              # "建设一个…场所": an article; "各个县级行政区建立一个平台" counts
    follows = _name_after(text, end)
    if q.unit in TIME_UNITS:
        # "设立5年过渡期": a period the commitment fixes
        if _COMMIT_BEFORE.search(head) and re.match(r"^\S{0,4}期", follows):
            return _Found("=", follows, q.span)
        return None
    if follows and _COMMIT_BEFORE.search(head):
        # "布设10处监测点"; "创建200个以上…示范社区": a floor
        return _Found(_BOUNDS.get(q.after, "="), follows, q.span)
    planned = c.committing or c.sense == GOALS
    if follows and planned and q.written_in_digits and (_PLANNED_BEFORE.search(head) or (
            not head.strip() and text.startswith(follows, end) and _ACTION.match(text, end + len(follows)))):
        return _Found("=", follows, q.span)                       # "规划1087个站采用超短波组网"
    closes = re.match(r"^(?:[，,、；;。）)]|$|和|及|以及|其中|兼|(?:进行|实施|开展|采用|支持|用于)\S)", half[end:])
    verb = _COMMIT_THEN_NAME.search(head)
    if closes and verb and q.written_in_digits and not re.search(r"[、]", head[verb.end():]):
        return _Found("=", head[verb.end():].strip(), q.span)     # "配备无线广播警报器125000套"
    if closes and planned and q.written_in_digits:
        name = _name_before(text, seg[0], start)
        name = re.split(r"[、]", name)[-1] if "、" in name else name
        if not name and seg[0] > 1:      # "…小（2）型病险水库，共16521座": the thing counted closes the segment before
            name = _name_before(text, _segment(half, seg[0] - 2, seg[0] - 1)[0], seg[0] - 1)[-20:]
        if len(name) >= 2 and not name.endswith("的"):
            return _Found("=", name, q.span)                      # "新建自动气象站3886个"
    return None


def _continues_list(c: _Clause, q: Quantity, found: list[Indicator]) -> Optional[_Found]:
    """The next item of an enumeration takes the form of the first: "提前6小时预报、3小时预警、1小时叫应",
    "分别降低13.5%、18%", "新建自动气象站3886个、多普勒天气雷达站44个"."""
    if not found or found[-1].unit != q.unit or found[-1].provenance.span is None:
        return None
    previous = found[-1]
    between = c.half[previous.provenance.span[1]:q.span[0]]
    if not re.search(r"、|^(?:和|及|与)", between) or re.search(rf"[{_BOUNDARY}]", between) or len(between) > 25:
        return None
    name = re.sub(r"^.*?(?:、|^和|^及|^与)", "", c.text[previous.provenance.span[1]:q.span[0]]).strip()
    # a range is what has an upper bound, whatever the item before it was ("二十米至五十米、一百米")
    comparator = "range" if q.is_range else ("=" if previous.comparator == "range" else previous.comparator)
    return _Found(comparator, name or _name_after(c.text, q.span[1]) or previous.name, q.span)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def restates(indicator: Indicator, prose_targets: list[str]) -> bool:
    """The target restates a table's prose target ("吴江城区…防洪标准达到100年一遇" under a table row
    城市防洪排涝标准 that reads the same): the table row is its home, it is not counted twice."""
    quantity = re.sub(r"\s+", "", to_halfwidth(indicator.text or ""))
    name = _bigrams(re.sub(r"\s+", "", indicator.name))
    for prose in prose_targets:
        prose = re.sub(r"\s+", "", to_halfwidth(prose))
        if quantity and quantity.rstrip("以上以下以内之内") in prose and (
                not name or len(name & _bigrams(prose)) >= 0.6 * len(name)):
            return True
    return False


def states_an_estimate(text: str) -> bool:
    """A cost or investment estimate ("经初步估算，…投资总需求为1870亿元"): no target, no deadline."""
    return bool(_ESTIMATE.search(text))


def commits(text: str) -> bool:
    """The text commits: a modal word, a plan word or a target word (used for a paragraph's lead)."""
    return has_modal(text) or bool(_PLANS.search(to_halfwidth(text)))


# attribute_of's patterns (lead-in or not), compiled once: read for every clause
_EXPECTED = {lead: re.compile(r"预期目标(?:是|为|设定为|确定为)" + ("?" if lead else "") + r"|预期性(?:指标|目标)|预期值")
             for lead in (False, True)}
_BINDING = re.compile(r"约束性(?:指标|目标)")


def attribute_of(text: str, lead: bool = False) -> Optional[str]:
    """约束性 / 预期性 when the text names its targets so ("今年发展主要预期目标是：…"); a lead-in
    ("提出上述预期目标，…") names those of the sentences it introduces."""
    if _EXPECTED[bool(lead)].search(text):
        return "预期性"
    if _BINDING.search(text):
        return "约束性"
    return None


def text_indicators(clause_id: str, text: str, deadlines: list[DeadlineMatch], sense: str = TASKS,
                    standing: bool = False, lead: str = "", first_year: Optional[int] = None,
                    start_index: int = 1) -> list[Indicator]:
    """The targets a clause sets. ``sense``: the section sense of the clause (sections.py);
    ``standing``: the document is a standing rule (an emergency plan, a statute), where an operating
    standard such as "24小时值班" is the rule itself — in a development plan it names a system;
    ``lead``: the lead-in its paragraph opens with ("今年发展主要预期目标是："); ``first_year``: the
    document's first year (its period's or its date's): figures of earlier years are results."""
    half = to_halfwidth(text)
    if not QUANTITY.search(half):
        return []                        # no number at all (most clauses): nothing below can find a target
    if _CLAUSE_OUT.search(half) or states_an_estimate(half) or (sense == REPORT and not has_modal(half)):
        return []
    clause = _Clause(text, half, sense, committing=commits(text) or commits(lead) or sense == GOALS,
                     standing=standing)
    spans = [d.span for d in deadlines if not d.recurrence]      # "每7天报送": the 7 天 is a target
    dated = next((d.date for d in deadlines if d.date), None)
    baseline = _BASELINE.search(half)
    attribute = attribute_of(text) or attribute_of(lead, lead=True)
    # (a change "由千分之二十九降到千分之六点一" is a goal where its own part, its lead-in, its section
    # or a deadline ahead commits, not a modal elsewhere in a report's sentence)
    changes_committed = sense == GOALS or commits(lead) or (
        dated is not None and (first_year is None or int(dated[:4]) >= first_year))
    out: list[Indicator] = []
    for q in find_quantities(text):
        if any(s <= q.number_span[0] < e for s, e in spans) or _not_a_quantity(half, q):
            continue
        seg = _segment(half, q.span[0], q.span[1])
        change_committed = changes_committed or commits(text[seg[0]:seg[1]])
        if _is_condition(half, seg, q) or _describes(half, seg, q, first_year, change_committed):
            continue
        found = _classify(clause, q) or _continues_list(clause, q, out)
        if not found:
            continue
        # (no name of its own: the one the sentence gave before, "死亡率…下降50%，到2013年下降到0.22以下")
        name = found.name.strip() or (out[-1].name if out else text[q.span[1]:q.span[1] + 10])
        n = start_index + len(out)
        out.append(Indicator(
            id=f"{clause_id}/ind_{n}", name=name, comparator=found.comparator, value=q.value,
            upper=q.upper, unit=q.unit, attribute=attribute, text=text[found.span[0]:found.span[1]], deadline=dated,
            baseline=f"{baseline.group(1)}年" if baseline else None, clause_id=clause_id,
            provenance=Provenance(clause_id=clause_id, span=found.span, method=METHOD)))
    _respectively(out)
    for ind in out:
        # ("（四）生产绿地面积…": the item's number is no name, nor the "（含）" of the bound)
        ind.name = _INCLUSIVE.sub("", _ITEM_LABEL.sub("", ind.name))[:30]
    return out


_ITEM_LABEL = re.compile(r"^\s*[（(][一二三四五六七八九十\d]{1,3}[）)]\s*")
_INCLUSIVE = re.compile(r"[（(]含[）)]")


_RESPECTIVELY = re.compile(r"^(?P<items>[^，,；;。]+?)分别(?P<verb>[^，,；;。\d]*)")


def _respectively(found: list[Indicator]) -> None:
    """"A和B分别下降10%和15%", "A、B分别降低13.5%、18%": the values go to the items in turn, each
    named by its item and the change ("A下降", "B下降"); in place."""
    i = 0
    while i < len(found):
        m = _RESPECTIVELY.match(found[i].name)
        run = [f for f in found[i:] if m and f.name.startswith(m.group("items") + "分别")] if m else []
        items = re.split(r"和|及|与|、", m.group("items")) if m else []
        if len(run) >= 2 and len(items) == len(run) and all(items):
            for ind, item in zip(run, items):
                ind.name = item + m.group("verb")
        i += max(1, len(run))
