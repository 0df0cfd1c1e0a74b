"""How directly a clause assigns a matter to a body it names.

"县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作" assigns; "县级以上人民政府应当加强
对燃气工作的领导" states a general duty; "…报燃气管理部门备案" only mentions. The strength of a
body in a clause is read from the verb that follows its name (or that 由 puts before it) and
from the role extraction gave its mention (ingest.extract.roles): lead, cooperate, subject or
mentioned. A penalty ("违反本条例…由X责令改正") or a closing provision ("…同时废止") assigns
nothing. Generic bodies (有关部门, 主管部门) and parties that are not public bodies (使用单位,
村民委员会) are marked so that they never lead an answer where a named authority exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.elided import opening
from ingest.fields import PERSON_AFTER_RESPONSIBLE, field_role_before
from ingest.extract.names import STATE_GROUPS
from ingest.extract.lexicon import COOPERATE_VERBS, DUTY_VERBS, ENCOURAGE_BEFORE, GOVERNING_BEFORE, OBLIGING_BEFORE
from ingest.extract.roles import sanctioned
from ingest.segmenter import plain_words

ASSIGNING, DIRECT, GENERAL, MENTION = 3, 2, 1, 0
STRENGTH_LABEL = {ASSIGNING: "assigns", DIRECT: "duty", GENERAL: "general", MENTION: "mentioned"}

# The verbs by which a statute or plan gives a body a matter outright …
_ASSIGN = (r"主管(?!部门|机关|机构|单位)|具体负责|"
           # a statute's remit: "市人民防空主管部门管理本市的人民防空工作"
           r"(?:监督)?管理(?=(?:本|全)(?:市|省|区|县|州|盟|旗|自治区|行政区域|辖区))|负责(?!" + PERSON_AFTER_RESPONSIBLE + r"|制(?![定订])|同志)|统一领导|统一指挥|统一管理|领导和指挥|组织指挥|组织领导|统筹协调|牵头|实施(?:统一|综合)?监督管理|"
           r"具体(?:组织|承担|实施|管理)|"
           r"(?:依法)?(?:履行|承担)[^，。；]{0,24}(?:监督管理|综合监管|职责|职能)")
# … and those of a duty within it (组织, 发布, 核发, 下拨 …).
_DUTY = (r"组织|统筹|指导|协调|发布|核发|审批|许可|决定|下拨|调拨|接收|分配|报告|上报|报送|指挥|监督检查|监测|认定|调查|派出|派遣|"
         r"承担|实施|划定|确定|管理|做好|督促|开展|制定|编制|建立|落实|监督")
# General duties of governments: they frame the matter, they do not assign it.
_GENERAL = (r"加强[^，。；]{0,12}(?:领导|管理|建设)|纳入|鼓励|支持|建立健全|保障|将[^，。；]{0,10}纳入|重视|设立|"
            r"采取措施|在各自(?:的)?职责范围内|依照本|根据")
_LEAD_IN = (r"(?:、[^，。；]{1,20}?|(?:和|及|以及)[^，。；]{1,20}?(?:部门|机构|机关|单位|政府)|"
            # its alternative: "黄南州…领导小组或其办公室应在…派出"
            r"(?:或者|或)其?[^，。；]{0,12}?(?:办公室|机构|部门|机关|单位|政府))?"
            r"(?:应当|应|要|依法|按照[^，。；]{0,16}|(?:依照|依据|根据)[^，。；的]{0,12}|"
            r"(?:按照|依照|依据|根据)[^，。；的]{0,8}(?:职责(?:分工)?|本法|本条例|本办法|本规定)，|在[^，。；]{0,24}?(?:下|中|内|时|后)|"
            r"在[^。；]{0,48}?(?:领导|指挥)下，?|"
            r"会同[^，。；]{0,20}|共同|分别|具体|统一|集中|按规定|按程序|及时|立即|可以|"
            # a partner or a basis set off by a comma before the duty: "X应会同有关部门，根据…规划，编制…"
            r"(?:会同[^，。；]{1,20}|(?:根据|按照|依照|依据)[^，。；]{1,30})，(?=(?:根据|按照|依照|依据|" + _DUTY + r")))*")
# between a body and its verb: no other body's verb (报请国务院统一领导 is 国务院's)
# (not a circumstance: 消防救援机构在消防监督检查中发现…的，应当由应急管理部门报告 — the 监督检查 is
# inside 在…中, the duty is another's; nor a verb inside the title of a text the body issued:
# 根据国务院《人工影响天气管理条例》; nor what a body must not do: "规划行政管理部门不得签发…许可证")
_GAP = r"(?!在|不得|不准|严禁|禁止)[^，。；：:报请向由交委《]{0,10}?"
_AFTER_ASSIGN = re.compile(rf"^{_LEAD_IN}{_GAP}(?:{_ASSIGN})|^{_LEAD_IN}对[^，。；]{{0,30}}负(?:总)?责|"
                           rf"^(?:是|为)[^，。；]{{0,24}}(?:主管|综合管理|综合监督管理|监督管理)(?:部门|机关|机构)|"
                           # the subject a plan makes answerable: "各级政府是应对…森林火灾先期处置的行政主体"
                           rf"^(?:是|为)[^，。；]{{0,40}}的(?:行政|责任|工作)?主体|"
                           rf"^设(?:在|于)[^，。；]{{1,40}}，(?:并)?(?:{_ASSIGN})|"
                           rf"^，(?:在[^。；]{{0,40}}?下，)?(?:并|具体)?(?:{_ASSIGN})|"
                           rf"^{_LEAD_IN}对[^，。；]{{0,30}}(?:实施|进行)?(?:统一|综合)?监督管理")
# The body is the object of another's act: 向所在地人民政府报告, 报燃气管理部门备案, 协助燃气主管部门;
# or where another is housed: 办公室设在市应急管理局，负责… (the office's duty).
_OBJECT = re.compile(r"(?:向|对|报|报告|报请|请|经|通知|告知|协助|配合|接受|提请|送|交|抄送|会同|委托|授权|服从|听从|设在|设于|"
                     r"按照|依照|遵照|根据|"
                     r"(?:单位|企业|经营者|公司)的)$")
# … or the head of the object of 服从 / 听从 / 接受 (服从履行统一领导职责的人民政府), or placed by where
# the matter is (向场所所在地的…消防救援机构申请).
_OBJECT_OF = re.compile(r"(?:服从|听从|接受)[^，。；]{0,40}$|"
                        r"(?:向|报|报请|提请|抄送|通知|告知)[^，。；、]{0,10}?(?:所在地|发生地|当地|辖区)的$|"
                        r"(?:向|对|报|报请|抄送|通知|告知|协助|配合|会同|设在|设于|按照|依照|遵照|根据)[^，。；向对]{1,20}?"
                        r"(?:和|、|及|以及|或者|或)$")
# … or named in a phrase that is another's: 在X的领导下, X分配的任务, X的统一指挥.
_OWNED = re.compile(r"^(?:的)?(?:统一)?(?:领导|指挥|部署|调度)(?:下|之下)|^(?:分配|交办|下达|部署)的")
# The body only qualifies the next one: 县级以上人民政府|负责特种设备安全监督管理的部门,
# 市、区县（自治县）人民政府|防汛抗旱指挥机构.
_QUALIFIER = re.compile(r"^(?!是|为|主管|统一|设在|设于)(?:负责[^，。；]{0,16}的)?(?:(?!会同|负责|组织|协调|指导|配合|报告|应当|应(?!急)|和|及|与|或|向|对)"
                        r"[^，。；、])"r"{0,12}?(?:部门|机构|机关|指挥部|委员会|办公室)")
# 可以负责: a power the body may use
_MAY = re.compile(r"^[^，。；]{0,6}?可以")
# … with the act's object before it: 应当对机关、团体…遵守消防法律、法规的情况依法进行监督检查,
# 应当立即向本级人民政府和上一级人民政府应急管理部门报告 (a verb inside a name, 森林防灭火指挥机构, is none)
_AFTER_DUTY = re.compile(rf"^{_LEAD_IN}(?:{_GAP}|[对向][^，。；]{{1,40}}?(?:依法)?(?:进行|实施|开展|组织)?)(?:{_DUTY})(?!机构|部|中心|办公室|小组)")
_AFTER_GENERAL = re.compile(rf"^{_GAP}(?:{_GENERAL})")
# bodies listed to act each within its own remit ("发展计划、规划…等部门按照各自的职责依法做好人民防空工作",
# "有关部门在各自职责范围内负责…"): they frame the matter beside the body that has it
_WITHIN_OWN_REMITS = re.compile(r"^(?:、[^，。；]{1,40}?)?(?:等)?(?:有关|相关)?(?:部门|单位|机构|机关)?(?:应当|应|要)?(?:分别)?"
                                r"(?:按照|依照|根据|在)各自(?:的)?(?:职责|职能|职权)(?:分工|范围内)?+(?![，,]?分别)")
# (not a division: "上海海事局、市交通行政管理部门按照各自职责，分别负责A和B" gives each its own; nor the
# body named before "和有关部门": "市场监督管理部门和有关部门应当按照各自职责，加强对过度包装的监督管理" is its remit)
_BY = re.compile(r"由(?:当地|本级|同级|所在地)?$")
# A body set up for a purpose: "设立太原市城镇燃气事故应急指挥部（以下简称…），指挥协调全市燃气事故预防处置工作"
# (what follows the comma is its duty, as it would be right after its name).
_SET_UP = re.compile(r"(?:设立|成立|组建|设置)$")
_SET_UP_FOR = re.compile(rf"^，(?:{_DUTY})")
# A body asked to act is the one that acts: 提请X调解处理, 报请X批准 (X decides, mediates, approves).
_PIVOT_BEFORE = re.compile(r"(?:提请|报请)(?:当地|本级|同级|所在地|上级|上一级)?$")
_PIVOT_ACT = re.compile(r"^(?:及其[^，。；]{0,10}?)?(?:依法)?(?:调解|裁决|批准|审批|决定|协调解决|处理)")
# "…的安装、使用的监督管理，由建设行政主管部门依照…执行": the matter's supervision handed to a body
_BY_HANDED = re.compile(r"(?:监督管理|监督检查|管理工作)(?:工作)?，?由(?:当地|本级|同级|所在地)?$")
_HEAD_COLON = re.compile(r"^\s*[：:]")
_COPULA_BEFORE = re.compile(r"(?:是|为)[^，。；：]{0,30}$")
_LATER_ASSIGN = re.compile(rf"，(?:并|具体|统一|按照[^，。；]{{0,20}}，)?(?:{_ASSIGN})")
_PAREN = re.compile(r"^[（(][^）)]{0,30}[）)]")
# Provisions that assign nothing: penalties and closing articles.
_NOT_ASSIGNING = re.compile(r"^违反|同时废止|自[^，。；]{0,20}起施行|负责解释|本条例所称|本办法所称|本规定所称|"
                            r"依法追究|给予(?:警告|处分|罚款)|处[^，。；]{0,12}罚款|责令(?:限期)?改正")

# Bodies that name no one in particular.
GENERIC_CORES = ("有关部门", "相关部门", "其他有关部门", "主管部门", "有关主管部门", "行业主管部门", "有关单位",
                 "相关单位", "各有关部门", "各部门", "有关机关", "有关方面", "其他部门", "有关机构", "各级各部门",
                 "各有关单位", "成员单位", "各成员单位", "分级分部门", "有关地方", "部门", "政府部门", "机关", "团体",
                 "办事机构", "工作机构", "其他有关机关", "职能部门", "监管部门", "人民政府有关部门",
                 # a government of no level ("履行统一领导职责的人民政府"): which one is the question
                 "人民政府", "政府", "有关人民政府", "有关地方人民政府")
_GENERIC_PHRASE = re.compile(r"办事机构$|工作机构$|^(?:负有|有|承担|履行)[^，。；]*职责的(?:部门|机构)$|(?:有关|相关|其他)[^，。；]{0,4}(?:部门|机构|单位)$|"
                             r"的部门$")
_BY_FUNCTION = re.compile(r"^负责[^，。；]{2,30}的(?:部门|机构|主管部门|行政管理部门)$")
_LEVELS_GOVERNMENT = r"(?:人民政府|政府)?"      # (a level's government, in full or short: 县人民政府, 县政府)
_LEVEL_PREFIX = re.compile(
    rf"^(?:国务院|中央|国家|县级以上(?:地方)?(?:各级)?{_LEVELS_GOVERNMENT}|地方各级{_LEVELS_GOVERNMENT}|"
    rf"各级{_LEVELS_GOVERNMENT}|本级{_LEVELS_GOVERNMENT}|上级{_LEVELS_GOVERNMENT}|[省市区县](?:级)?{_LEVELS_GOVERNMENT}|"
    r"乡镇|其他)*")
# Parties a duty binds but that supervise nothing: the answer to "which department" is never one.
_NOT_AUTHORITY = re.compile(r"(?:单位|企业|公司|经营者|使用者|个人|公民|村民委员会|居民委员会|居（村）民委员会|"
                            r"村（居）民委员会|业主|物业服务人|所有人|管理人|人员|学校|医院|医疗机构|培训机构|组织|"
                            r"[^小]组|专班)$")     # (teams set up for an occasion: 工作组, 调查组, a plan's
                                                  # working groups 经费保障组, 治安警戒组 — their lead answers)
# … nor the organs of such a party (生产经营单位的安全生产管理机构).
_PARTY_ORGAN = re.compile(r"(?:单位|企业|公司|经营者)的")
NATIONAL_BODY = re.compile(r"^(?:国务院|国家|中央|全国)")
GOVERNMENT = re.compile(r"(?:人民政府|政府)$")


def _is_object(before: str) -> bool:
    """The body written after ``before`` is the object of another's act."""
    return bool(_OBJECT.search(before) or _OBJECT_OF.search(before))


def is_generic(name: str) -> bool:
    if not name:
        return True
    core = _LEVEL_PREFIX.sub("", name)
    if not core:            # a government named by its level (县级以上地方各级人民政府) is no generic body
        return False
    if _BY_FUNCTION.match(core):
        return False        # "负责特种设备安全监督管理的部门": statutes name the department by its matter
    return core in GENERIC_CORES or bool(_GENERIC_PHRASE.search(core))


def is_authority(name: str, kind: str, named_place: bool = False) -> bool:
    """A public body that can be answered to "which department": not a company, a person or
    a party bound by the duty — unless the company is one the text names as itself
    (``named_enterprise``)."""
    if kind == "enterprise" and named_enterprise(name, named_place):
        return True
    return kind not in ("enterprise", "person") and not _NOT_AUTHORITY.search(name or "") \
        and not _PARTY_ORGAN.search(name or "")


# A company of the plan's own level: 省电力公司, 市燃气集团 (not 市场…); a group by its own name:
# 南航集团, 广铁集团 (a kind of company is written 企业, 公司: 供电企业, 保险公司).
_LEVEL_COMPANY = re.compile(r"^[省市县](?!场|政|辖)[^，。；、]{1,10}(?:公司|集团)$|^(?!企业)[^，。；、]{2,12}集团$")


def named_enterprise(name: str, named_place: bool) -> bool:
    """A company named as itself — 国网衡阳供电公司, 中铁沈阳局集团, 省电力公司 — not a kind of
    company (供电企业, 保险公司, 生产经营单位): the duties a plan gives it are its own, so it answers
    "who is responsible" like a department. ``named_place``: the name holds a place."""
    if not name or _PARTY_ORGAN.search(name):
        return False
    return named_place or name.startswith(STATE_GROUPS) or bool(_LEVEL_COMPANY.match(name))


def assigns_nothing(text: str) -> bool:
    """A penalty or closing provision: whoever it names, it assigns no matter."""
    return bool(_NOT_ASSIGNING.search(text))


_NAME_STOP = set("，。；：:、,;（）()《》“”\"' 由对向和及与或的在经将把被从按依同报请送交于是为并")


def written_name(text: str, start: int, end: int) -> tuple[str, int]:
    """The body's name as the clause writes it, from a mention's span: a fragment is extended to
    the left over the words that belong to it ("行政主管部门" → "县级以上地方人民政府建设行政主管部门",
    "区人民政府" → "受灾地区人民政府"), up to a punctuation mark or a function word."""
    if not _FRAGMENT.match(text[start:end]):
        return text[start:end], start
    begin = start
    while begin > 0 and text[begin - 1] not in _NAME_STOP and start - begin < 12:
        begin -= 1
    # (nor a verb that governs the body: "提高|政府应急指挥能力", "督促|地方人民政府")
    words = plain_words(text[begin:start])
    last = max((k for k, word in enumerate(words) if word in _GOVERNING_VERBS), default=-1)
    begin += sum(len(word) for word in words[:last + 1])
    return text[begin:end], begin


_GOVERNING_VERBS = frozenset(DUTY_VERBS + COOPERATE_VERBS + OBLIGING_BEFORE + ENCOURAGE_BEFORE + GOVERNING_BEFORE
                             + ("提高", "提升", "增强", "发挥", "加强", "强化", "建立健全", "建立", "健全", "完善"))


# A name that is the tail of a longer one: extraction kept only the generic end of it.
_FRAGMENT = re.compile(r"^(?:行政|行业|主管|管理|监督|区人民政府|区政府|人民政府|政府|部门|机构)")


_COMPOSES = re.compile(r"[^，,。；;]{0,30}?(?:组成|构成)(?:[，,。；;]|$)")


def strength(text: str, surface: str, role: str, at: int | None = None, headed: bool = False,
             until: int | None = None) -> int:
    """How directly ``text`` assigns its matter to the body written ``surface`` (at ``at`` when
    the mention's position is known, else the strongest of its occurrences). ``headed``: the
    clause sits under a heading that is the body's name; ``until``: where the next body is named
    (the predicates before it are this body's)."""
    if assigns_nothing(text):
        return MENTION
    if role == "mentioned" and at is not None and _COPULA_BEFORE.search(text[:at]):
        return MENTION          # "X是本市…的综合监督管理部门": what X is, no body of its own
    best = MENTION
    not_subject = False          # named only as another's object or as a qualifier
    start = at if at is not None and text[at:at + len(surface)] == surface else (
        text.find(surface) if surface else -1)
    while start >= 0:
        before, after = text[:start], _PAREN.sub("", text[start + len(surface):])
        if _PIVOT_BEFORE.search(before) and _PIVOT_ACT.match(after):
            best = max(best, DIRECT)    # "提请当地县级人民政府及其指定的部门调解处理": asked, it acts
            start = -1 if at is not None else text.find(surface, start + 1)
            continue
        if _not_its_act(before, after):
            not_subject = True
            start = -1 if at is not None else text.find(surface, start + 1)
            continue
        if field_role_before(before) == "lead":
            best = max(best, DIRECT)    # a task's note, "（牵头单位：市公安局，…）": the task is its duty
        elif _WITHIN_OWN_REMITS.match(after):
            best = max(best, GENERAL)
        elif _HEAD_COLON.match(after) or _AFTER_ASSIGN.match(after) or _BY_HANDED.search(before) or (
                _BY.search(before) and _AFTER_ASSIGN.match(after.lstrip())):
            # 可以负责: a power it may use, not the matter given to it
            best = max(best, DIRECT if _MAY.match(after) else ASSIGNING)
        elif _BY.search(before) or _AFTER_DUTY.match(after) or (_SET_UP.search(before) and _SET_UP_FOR.match(after)):
            # the subject of a duty is the subject of the sentence's later predicates up to the next
            # body: "国务院铁路主管部门应当加强…，建立健全…，负责组织、指挥、协调事故的应急救援"
            own = text[start + len(surface):until if until is not None and until > start else len(text)]
            # (the members a group is made of do not take its duty: "由农业农村部门和红十字会组成，负责…")
            composes = _COMPOSES.match(own)
            best = max(best, ASSIGNING if not composes and _LATER_ASSIGN.search(own.split("。")[0].split("；")[0])
                       else DIRECT)
        elif _AFTER_GENERAL.match(after):
            best = max(best, GENERAL)
        start = -1 if at is not None else text.find(surface, start + 1)
    if best == MENTION and not_subject:
        return MENTION
    if best == MENTION and role in ("lead", "cooperate", "subject"):
        # no verb read after the name: trust the extracted role only where the name is not
        # written as such in the clause (an alias or a duty-list heading)
        # ("省民政厅：负责…" under its heading, an item of "X履行下列职责：" carried over by the answer)
        # (under a heading that is the body's name, a duty list's item is the body's own remit
        # whichever verb it opens with, as "X：…" on one line is: "市城管执法局" / "指导监督城市公共供水…")
        if role == "lead" and surface not in text:
            best = ASSIGNING if headed or _AFTER_ASSIGN.match(opening(text)) else DIRECT
        else:
            best = GENERAL
    return best


_SCOPE = re.compile(r"本行政区域|全国|本市|本省|本区|本县|辖区|全省|全市")
# a body named the one in charge: "是本市燃气主管部门", "是城市管线综合管理部门"
_IN_CHARGE_BY_COPULA = r"(?:是|为)[^，。；]{0,20}(?:主管|综合管理)(?:部门|机关|机构)"
_SCOPED_ASSIGN = re.compile(rf"(?:{_ASSIGN})[^。；]{{0,40}}(?:工作|监督管理|管理)|对[^。；]{{0,40}}(?:实施|进行)(?:统一|综合)?监督管理|"
                            + _IN_CHARGE_BY_COPULA)
# a sentence of the general provisions that opens with the body and gives it a field's management
# ("公安机关负责道路交通安全管理工作"; not "国务院建立…指挥机构", not a list of duties)
_WHO_DOES_WHAT = re.compile(r"^[^，。；]{2,24}?(?:(?:负责|主管)[^，。；]{2,30}?(?:监督管理|管理)工作[。；]?$|"
                            + _IN_CHARGE_BY_COPULA + r"(?:[，。；]|$))")
# a statute's general provisions (its first chapter, or its first articles when it has no chapters)
_GENERAL_PROVISIONS = re.compile(r"/chp_1/(?:sec_\d+/)?art_\d+/|^[^/]+/art_(?:[1-9]|10)/")


def states_remit(text: str, clause_id: str = "") -> bool:
    """A clause that gives a body a whole matter in its area ("负责本行政区域内的燃气管理工作",
    "是本市燃气主管部门"), or in the general provisions that name who does what ("公安机关负责道路交通
    安全管理工作"): how statutes assign, as opposed to one act within the matter."""
    return bool(_SCOPE.search(text) and _SCOPED_ASSIGN.search(text)
                or _GENERAL_PROVISIONS.search(clause_id) and _WHO_DOES_WHAT.match(text))


# The acts an owner question asks about ("谁发布", "由谁组织调查", "谁负责发放"): a body that is
# itself the subject of that act in a clause answers it more directly than one that only builds
# its means ("建立…预警信息发布系统") or appoints others to it ("组织事故调查组").
_ACTIONS = ("发布", "公布", "调查", "调运", "调拨", "发放", "分配", "决定", "救治", "控制", "审批", "审查", "验收",
            "通知", "报告", "上报", "转移", "疏散", "安置", "救助", "监测", "检查", "处置", "撤离", "许可", "核发",
            "批准", "划定", "评估", "抢修", "重建", "储备", "调度", "接收", "宣布", "启动", "认定", "鉴定", "巡查",
            "排查", "抢险", "搜救", "隔离", "停课", "处罚", "查处", "罚款", "同意", "核准")
# Acts a statute's penalty articles assign ("由城市管理行政执法部门…给予处罚"): asked about, those
# articles answer; otherwise they assign nothing (the 法律责任 chapter restates who acts, for sanctions).
SANCTIONS = frozenset({"处罚", "查处", "罚款"})
# how a penalty article writes the sanction it gives a body
_SANCTIONING = re.compile(r"责令|处[^，。；;]{0,24}?罚款|予以处罚|给予[^，。；;]{0,8}处罚|没收|吊销|依法处理")
# … not the act as the head of a noun (发布系统, 调查组, 控制措施, 调查报告).
_NOUN_AFTER = re.compile(r"^(?:证|系统|平台|设施|制度|机制|体系|组|机构|机关|部门|单位|人员|规范|标准|队伍|网络|中心|办法|"
                         r"程序|结果|报告|措施|能力|渠道|方案|预案|计划|规划|目录|清单|责任|职责|资料|指令|工作机制)")
_COORDINATE = re.compile(r"^(?:[、和及与或]|以及|或者|及其|[（(][^）)]{0,30}[）)])*$")
_CLAUSE_END = re.compile(r"[。；;]")


_WHO = re.compile(r"谁|哪个|哪一个|哪些|哪家|什么部门|什么机构")

# what asks only who is in charge, not which act: 群众转移由谁负责, 归哪个部门管
_IN_CHARGE = re.compile(r"^[^，。？?]{0,4}(?:负责|负总责|管|监管|主管|牵头|来管|办|管理)")


def asks_who(question: str) -> bool:
    """The question asks who (谁负责, 归哪个部门管, 找什么部门), not what ("今年的工作重点是什么")."""
    return bool(_WHO.search(question))


def asked_topic(question: str) -> str:
    """The part of the question that names what is asked about: before its 谁 ("防汛抢险现场的医疗
    救护由哪个部门牵头"), or after it when nothing comes before ("谁负责衡阳的防汛物资")."""
    who = _WHO.search(question)
    if not who:
        return question
    before = question[:who.start()]
    return before if re.sub(r"[由归是找的\s]", "", before) else question[who.end():]


def _non_overlapping(text: str, verbs: list[str]) -> list[str]:
    """Of two acts written across each other, the one that ends later: 向上报告 is 报告, not 上报."""
    spans = sorted(((text.find(v), text.find(v) + len(v), v) for v in verbs), key=lambda x: (x[1], x[0]))
    keep: list[tuple[int, int, str]] = []
    for start, end, v in spans:
        while keep and keep[-1][1] > start:
            keep.pop()          # the earlier one overlaps this one, which ends later
        keep.append((start, end, v))
    kept = {v for _start, _end, v in keep}
    return [v for v in verbs if v in kept]


def action_verbs(question: str) -> list[str]:
    """The acts the question asks about: those its 谁 governs (由谁组织调查, 是谁发布的), or, where
    it asks only who is in charge (群众转移由谁负责), those of the topic's head before it. An act in
    the matter's name before another predicate (抗洪抢险由谁统一指挥) is none."""
    found = lambda text: _non_overlapping(text, [v for v in _ACTIONS if v in text])  # noqa: E731
    who = _WHO.search(question)
    if not who:
        return found(question)
    after = question[who.end():]
    if found(after):
        return found(after)
    if _IN_CHARGE.match(after) or not re.sub(r"[的了呢吗啊？?。！!\s]", "", after):
        # the topic's head, after its last 的: "防汛抢险现场的医疗救护" asks about 医疗救护, not 抢险
        return found(question[:who.start()].rsplit("的", 1)[-1])
    return []


# A body that another sets to work: "A组织B做好…" — the work is A's as much as B's.
_PIVOT = re.compile(r"(?:组织|指导|督促|指挥|带领|动员|责成|要求)$")


def next_body(text: str, end: int, later: Iterable[tuple[int, int]]) -> int | None:
    """Where the next body not listed with the one ending at ``end`` is named: the predicates
    of "由市指挥部（以下简称…）及事发地指挥机构，负责…" are both bodies'."""
    prev = end
    for s, e in sorted(later):
        if s < prev:
            continue
        if not _COORDINATE.match(text[prev:s]):
            return s
        prev = e
    return None


def own_predicate(text: str, start: int | None, end: int,
                  others: Iterable[tuple[int, int]] = ()) -> tuple[int, int]:
    """Where the predicates of the body written at text[start:end] lie: from its name to the end
    of the clause or to where another body (not one listed with it, A、B和C, nor one it acts on,
    向本级人民政府…报告) takes over. A body not written in the clause (a duty list under its
    heading, ``start`` None) owns what is written before any other body."""
    if start is None:
        start = end = 0
    stop = _CLAUSE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    prev = end
    for s, e in sorted(others):
        if s < prev:
            continue
        if s >= limit:
            break
        if _is_object(text[:s]) or _PIVOT.search(text[:s]):
            continue        # 向本级人民政府…报告: the one reported to does not take the act over,
                            # nor the one organised to do it (市卫健委组织医疗卫生部门做好…)
        if _COORDINATE.match(text[prev:s]):
            prev = e
            continue
        limit = s
        break
    return prev, limit


def _not_its_act(before: str, after: str) -> bool:
    """The body written between ``before`` and ``after`` is another's object, named in another's phrase
    (在X的领导下) or only qualifies the next body: what follows is not its act."""
    return (_is_object(before) or bool(_OWNED.match(after))
            or bool(_QUALIFIER.match(after) and not _HEAD_COLON.match(after))
            or sanctioned(before, after))


# Consents one body asks of another, and how the text asks it ("报经县级以上人民政府批准", "取得…部门的同意")
APPROVALS = frozenset({"批准", "同意", "许可", "审批", "核准"})
_APPROVAL_ASKED_OF = re.compile(r"(?:经|取得|征得|报请|报送)$")
_APPROVAL_AFTER = re.compile(r"的?(批准|同意|许可|审批|核准)")


def _is_subject_at(text: str, start: int, end: int) -> bool:
    after = text[end:]
    return not (after.startswith("的") or _not_its_act(text[:start], after))


def performs(text: str, start: int | None, end: int, verbs: list[str],
             others: Iterable[tuple[int, int]] = ()) -> bool:
    """Whether the body written at text[start:end] is the subject of one of ``verbs`` in the
    clause: the act follows it within its own predicates (``own_predicate``) and is not the head
    of a noun (发布系统)."""
    if not verbs:
        return False
    if start is not None and not APPROVALS.isdisjoint(verbs) and _APPROVAL_ASKED_OF.search(text, 0, start):
        # a consent asked for: "应当取得生态环境主管部门同意", "须经省人民政府批准" — the body consents
        after = _APPROVAL_AFTER.match(text, end)
        if after and after.group(1) in verbs:
            return True
    if start is not None and not _is_subject_at(text, start, end):
        return False
    span = text[slice(*own_predicate(text, start, end, others))]
    if not SANCTIONS.isdisjoint(verbs) and _SANCTIONING.search(span):
        return True             # a sanction asked for: a penalty article's "责令改正，…处…罚款" is it
    for v in verbs:
        i = span.find(v)
        while i >= 0:
            if not _NOUN_AFTER.match(span[i + len(v):]):
                return True
            i = span.find(v, i + 1)
    return False
