"""The role a body plays in a clause, read from the words around it with the one duty-verb
lexicon of lexicon.py (plans and statutes alike).

lead       the body assigned to act or answerable: the subject of 负责/主管/牵头/承担/组织/指导/
           监督 … or of any commitment at the head of a clause part ("X要…", "X应当…", "由X负责"),
           the body helped ("A协助B做…" -> B), the guide of "在B的指导下", "发挥X…作用"
cooperate  the subject of 协助/配合/参与/参加/协同, the object of 会同/协同 ("A会同B" -> B), a
           partner "与B沟通/合作", a department or force another body 组织/协调/召集 to act
subject    an enterprise, unit or operator under an obligation ("生产经营单位应当…", "督促企业落实",
           "压实企业主体责任"); in plans also grassroots organisations told to act
mentioned  anything else: recipients ("向X报告", "报X备案"), sources, bodies set up, relied on,
           strengthened or encouraged, nominal phrases ("地震应急救援队伍建设。")

Statutes (``statute=True``) give a receiver that exercises a power the lead ("报X批准",
"经X同意"); plans list such receivers as mentioned.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ingest.extract.lexicon import (ACTIONS, ADVERBS, COOPERATE_VERBS, CREATED_BEFORE, DUTY_VERBS, ENCOURAGE_BEFORE,
                                    GOVERNING_BEFORE, GOVERNING_VERBAL_NOUNS, HELPED_BEFORE, MOBILISING_BEFORE, MODALS,
                                    OBLIGING_BEFORE, PARTNER_BEFORE, PERSON_ENDINGS, POWER_AFTER, PREPOSITIONS,
                                    RECIPIENT_BEFORE, VERBS)
from ingest.extract.nlp import Words
from ingest.extract.org_phrases import _pos, stops     # _pos: jieba's tags, loaded once there
from ingest.fields import RESPONSIBLE_FOR_WORDS_OF_PEOPLE, role_named_after
from ingest.literals import longest_of

FIRM_LEAD = "lead!"     # lead whatever the body's kind ("发挥主流媒体作用")
DUTY_LEAD = "lead?"     # 负责: a particular body leads, a class of enterprises is obliged
_PART_END = re.compile(r"[，。；：,;:！？]")
# Words that may stand before the acting body at the head of a clause part.
_FRAMING = tuple(sorted(set(ADVERBS) | set(MODALS) | {
    "必要时", "同时", "并", "另外", "此外", "其中", "特别是", "视情", "适时", "及时", "可", "由", "应", "并由", "再由",
    "然后", "之后", "随后", "最后", "首先", "一是", "二是", "三是", "四是", "五是", "六是", "对此", "为此", "据此",
    "各", "各级", "全", "其", "各自"}, key=len, reverse=True))
_STEP = tuple(sorted(set(ADVERBS) | set(MODALS) | set(PREPOSITIONS), key=len, reverse=True))
_ACTS = tuple(sorted(set(VERBS) | set(DUTY_VERBS) | set(COOPERATE_VERBS) | set(GOVERNING_BEFORE) | set(PARTNER_BEFORE)
                     | set(ACTIONS), key=len, reverse=True))
# A body that only qualifies a person, a post or a thing ("本级人民政府负责人", "X的指令").
_AFFILIATION = ("负责人", "负责同志", "主要负责人", "主要负责同志", "主要领导", "分管负责同志", "有关负责同志", "工作人员", "领导", "厅长", "局长", "主任", "书记", "干部", "职工", "组长", "副组长", "队长",
                "人员", "成员", "班子", "同志", "党委委员", "指挥长", "官兵", "党员", "队员", "分管领导", "分管副", "分管负责",
                "行政首长", "首长",
                "副县长", "副市长", "副区长", "副省长", "县长", "市长", "区长", "省长")
# the word for a body's duties ("主要职责"), after it or in a heading naming whose they are
DUTIES_WORD = r"(?:主要|工作|具体|应急)?职责"
# a body's duties announced after it: the body does them ("县应急指挥部的主要职责是：统一领导…")
_DUTIES_FOLLOW = re.compile(rf"的?{DUTIES_WORD}(?:是|为|如下|包括)?\s*[：:]|的?{DUTIES_WORD}(?:是(?!否)|为)")
# a body's make-up announced after it ("县指挥部组成：", "县减灾委组成人员如下：")
_MAKEUP_FOLLOWS = re.compile(r"(?:的)?(?:组成|构成|人员组成)(?:人员|单位|情况)?(?:如下|为)?\s*[：:]")
_NOMINAL_NEXT = ("的", "等", "建设", "数量", "人数", "比例", "比重", "覆盖率", "数", "总数", "水平", "作用", "职责", "责任", "工作", "日常", "体系", "能力", "机制", "制度", "名单",
                 "预案", "牌子", "网络", "系统", "平台", "数据", "信息", "要求", "意见", "规定", "决定")
_LEAD_AFTER = ("牵头", "负责", "统筹", "主导", "抓总", "牵头抓总", "主抓", "负总责", "主管", "统一领导", "领导",
               "承担")
# verbs by which one body sets others to work (their objects co-operate in a statute)
_ORGANISES = ("组织", "召集", "调动", "动员", "组织动员", "调度")
_A_TEAM_SET_UP = re.compile(r"(?:调查组|工作组|检查组|督查组|督导组|评估组|专家组|专班)$")
_PLACE_OF = re.compile(r"(?:所在地|当地|发生地|事发地|本级|同级)的?$")     # "在所在地的|乡（镇）人民政府…的指导下"
# "接受X的监督检查": X is the body that supervises (as "在X的指导下")
_SUPERVISED_BY = re.compile(r"^的(?:业务|日常)?(?:指导|监督|检查|监督检查|监督管理|审验|管理|领导|检验)")
# "服从X的统一指挥": X commands
_COMMANDS = re.compile(r"^的?(?:统一)?(?:指挥|决定|命令|领导|安排|调度|管理|调遣)")
# a government answers to its people's congress and its standing committee: no duty of theirs
_LEGISLATURE = re.compile(r"人大|人民代表大会|常委会|政协")
_LED_BY = re.compile(r"^(?:的)?(?:统一)?(?:领导|指挥)(?:和[^，。；下]{1,6})?下")
_UNDER = re.compile(r"^(?:的)?(?:统一)?(?:领导|指导|组织|指挥|监督|协调|统筹)(?:和[^，。；下]{1,6})?下")
# What may stand before "与X…协同": the plan's own partnership ("加强与苏州市…合作"), not a
# mechanism between two other bodies ("建立A内设机构与B协调联动机制").
_PARTNER_FRAMES = ("推动", "加强", "建立", "深化", "完善", "主动加强", "积极", "强化", "密切", "健全")
# ... or the modal of the body that acts with X ("建设单位应当|与燃气企业协商")
_MODALS = ("应当", "应", "须", "必须", "要", "可以")
# "落实X安全监管责任": X's own responsibility follows the body directly.
_OWN_RESPONSIBILITY = re.compile(r"^(?:的)?(?:安全生产|安全|主体|安全监管|监管|属地|管理|行业|领导|第一责任人)*(?:工作)?责任")
# the body's remit as the frame of what it does ("在各自职责范围内配合…")
_REMIT_FRAME = r"[^，。；]{0,10}?(?:职责|职权|权限)范围内[，,]?"
_WITHIN_REMIT = re.compile(rf"(?:在)?{_REMIT_FRAME}")   # (在 and 各自 may be stripped already)
# … and that help right after a comma that closes a list of bodies ("工商、…等行政管理部门，应在…配合文化和旅游主管部门…")
_HELPS_AFTER_COMMA = re.compile(rf"(?:应当|应|要|须|必须)?(?:在{_REMIT_FRAME})?(?:配合|协助)")
_PARTNER_CUE = re.compile(r"协同|合作|联动|协作|沟通|协调|会商|协商|签订|共同|联合|相互|衔接|对接|配合|互通|共享")


def _prefix_run(words) -> re.Pattern:
    """A run of ``words`` at the start of a text, each time the longest of them that the text
    starts with: what stripping them one by one, longest first, does, in one regex call."""
    return re.compile(f"(?:{longest_of(words)})*")


def _strip(text: str, run: re.Pattern) -> str:
    return text[run.match(text).end():]


_FRAMING_RUN, _STEP_RUN = _prefix_run(_FRAMING), _prefix_run(_STEP)


_SKIP = (frozenset(ADVERBS) - {"统筹", "探索", "研究", "鼓励", "支持", "引导", "督促", "指导", "推动", "确保"}) | frozenset(MODALS) | {"及时", "视情", "适时", "立即", "迅速", "尽快", "全力", "具体",
                                                 "分别", "共同", "各自", "统一", "主动", "积极", "认真", "切实",
                                                 "定期", "不定期", "第一时间", "必要时", "依职权", "依职责", "全方位",
                                                 "每年", "每月", "每季度", "每半年", "每周", "每日", "每天", "逐年", "综合",
                                                 "也", "还", "均", "都", "亦", "即", "再", "先", "后",
                                                 "全部", "全面", "普遍", "一律", "同步", "率先",
                                                 "不仅", "不但", "既",      # "X不仅要…，更要…": X's duty
                                                 "自动"}                    # "X立即自动按照…启动"
_DUTY_MODALS = frozenset({"应当", "应", "要", "必须", "须", "不得", "可以", "应该", "需", "需要", "严禁", "禁止", "务必"})
_SKIP_RUN = _prefix_run(sorted(_SKIP, key=len, reverse=True))
_ACT_SET = (frozenset(_ACTS) | frozenset(PREPOSITIONS)) - {"各自", "统一", "分别", "共同", "积极", "为", "以"}


_STRING_ACTS = tuple(a for a in _ACTS if len(a) > 1)


_A_DUTY_FOLLOWS = re.compile(r"^(?:都|均|也|还)?(?:(?:要|应当|应该|必须|须|不得|可以)(?!急|用)|负?有[^，。；]{0,30}?义务)")
_DOES_FOR = re.compile(r"^为[^，。；]{1,15}(?:提供|做好|开展|服务|创造|落实|办理)")


def _acts_text(rest: str) -> bool:
    """The same read on the text, for words jieba joins ("视情组织", "积极开展")."""
    if _A_DUTY_FOLLOWS.match(rest):
        return True                                          # "X要深刻领悟…": a duty whatever follows
    if rest.startswith(_NOMINAL_NEXT) or rest.startswith(_AFFILIATION) or rest.startswith(("应急", "应用")):
        return False
    text = _strip(rest, _SKIP_RUN)
    if text.startswith(("在", "对", "向", "由", "将", "与", "按", "经", "从", "于")) and not text.startswith(
            ("在内", "对象", "向社会", "由于", "将来")):
        return True                                          # "X在省委领导下统一领导…"
    if _DOES_FOR.match(text):
        return True                                          # "X为灾害救助提供…"
    return bool(text) and text.startswith(_STRING_ACTS) and not text.startswith(("应急", "应用", "是", "系"))




def _after_persons(w: Words, i: int) -> int:
    """Index after persons listed right after a body ("、农户和畜牧水产养殖户"), or i."""
    k, last = i, i
    while k < len(w) and w.words[k] in ("、", "和", "及", "以及"):
        j = k + 1
        while j < len(w) and j - k <= 4 and not _PART_END.match(w.words[j]) and w.words[j] not in ("、", "和", "及") \
                and not (stops(w.words[j]) and j > k + 1) and w.words[j] not in _SKIP:
            j += 1
        if not "".join(w.words[k + 1:j]).endswith(PERSON_ENDINGS):
            break
        k = last = j
    return last


@lru_cache(maxsize=1 << 16)
def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)     # memoised: asked for the same words again and again


_COPULAS = frozenset({"是", "是指", "系", "系指"})
_ASIDE = re.compile(r"(?:尤其是|特别是|包括)[^，。；：]{1,30}[，,]")
_IN_CHARGE = re.compile(r"(?:主管部门|主管机关|管理部门|管理机构|监管部门|监督管理部门|主管单位|责任主体|责任单位|责任人|"
                        r"领导机关|领导机构|执行机关|指挥机构|工作机构|办事机构|牵头部门|牵头单位|主责部门|责任部门)$")


def _acts_at(w: Words, i: int) -> bool:
    """The words from word i (adverbs and modals skipped) begin an action: a verb or a
    preposition opening the adverbial before one ("X按照…做好", "X向Y报告")."""
    if i < len(w) and (w.words[i].startswith(_NOMINAL_NEXT) or w.words[i].startswith(_AFFILIATION)):
        return False
    while i < len(w) and (w.words[i] in _SKIP or _pos().get(w.words[i]) in ("d", "ad", "t", "m", "mq", "tg")
                          or _has_digit(w.words[i])) and w.words[i] != "将":
        if w.words[i] in _DUTY_MODALS:
            return True                                      # "X应当…", "X要…", "X不得…"
        i += 1
    if i >= len(w):
        return False
    word = w.words[i]
    if word in ("：", ":"):
        return True
    if word in ("，", ",") and i + 1 < len(w) and w.words[i + 1] not in ("，", ","):
        aside = _ASIDE.match(w.text, w.starts[i + 1])
        if aside:                                            # "X，尤其是基层的县、乡（镇）、村，应…"
            return _acts_at(w, w.word_at(aside.end()))
        return _acts_at(w, i + 1)                            # "X，按照职责分工做好…"
    if word == "为" and _IN_CHARGE.search(_PART_END.split(w.slice(i, len(w)), maxsplit=1)[0]):
        return True                                          # "X为环境监测的牵头部门": 为 as 是
    if word in _COPULAS:
        # a copula defines or classes ("X，是指…", "X是依法成立的…组织"), or makes X the
        # body in charge ("X是其所管辖的大坝的主管部门"): only that is an assignment, or what
        # X does after it ("X是…领导机关，履行下列职责")
        part = _PART_END.split(w.slice(i, len(w)), maxsplit=1)[0]
        if word in ("是", "系") and _IN_CHARGE.search(part):
            return True
        comma = w.word_at(w.starts[i] + len(part))
        return word in ("是", "系") and comma < len(w) and w.words[comma] in ("，", ",") and _acts_at(w, comma)
    if _DUTIES_FOLLOW.match(w.text, w.starts[i]):
        return True                                          # "X的主要职责是：…", "X主要职责：…"
    if word.startswith(_NOMINAL_NEXT) or word.startswith(_AFFILIATION):
        return False
    if word in _ACT_SET or word.startswith(("负责", "牵头", "承担", "做好", "组织", "加强", "配合", "协助", "均有", "都有")):
        return True
    tag = _pos().get(word)
    if tag == "vn":                                          # "运用各种手段": a verbal noun that governs
        return (word in VERBS or word in GOVERNING_VERBAL_NOUNS) and i + 1 < len(w) \
            and not _PART_END.match(w.words[i + 1]) and w.words[i + 1] not in ("的", "和", "与")
    if word == "为":
        return bool(_DOES_FOR.match(w.text[w.starts[i]:]))     # "X等，为企业提供技术支撑"
    return tag in ("v", "p") and word not in ("以",)


_CUE_VERBS = tuple(sorted(set(GOVERNING_BEFORE) | set(ENCOURAGE_BEFORE) | set(CREATED_BEFORE) | set(HELPED_BEFORE)
                          | set(PARTNER_BEFORE) | set(RECIPIENT_BEFORE) | {"由", "与"}, key=len, reverse=True))


# persons listed before a body ("组织受灾群众和|有关单位", "劳动者和|用人单位"): no body; their
# verb governs the body too, and with none the body heads its clause
_PERSONS_AND = re.compile(r"(?P<item>[^，。；：、和及或与]*(?:" + "|".join(PERSON_ENDINGS) + r"))(?P<sep>或者|以及|和|及|与|、|或)$")


def _persons_and(lead_in: str) -> Optional[re.Match]:
    """The persons item a lead-in ends with ("…受灾群众和"), if any (searched only after a separator)."""
    return _PERSONS_AND.search(lead_in) if lead_in.endswith(("和", "及", "与", "、", "或", "者")) else None


@lru_cache(maxsize=1 << 14)     # a pure function of the lead-in, read for every body
def _drop_list(lead_in: str) -> str:
    """'推动各地、' -> '推动': items that are no bodies before a listed body do not hide its cue."""
    while True:
        persons = _persons_and(lead_in)
        if persons:
            body, start = lead_in[:persons.start("sep")], persons.start("item")
            # the verb may stand inside the item: "发挥公民、", "组织民兵预备役人员、"
            at, verb = max(((body.rfind(v, start), v) for v in _CUE_VERBS + ("发挥",) if v in body[start:]),
                           default=(-1, None))
        elif lead_in.endswith("、"):
            body = lead_in[:-1]
            start = re.search(r"[^，。；、]*$", body).start()
            at, verb = start, next((v for v in _CUE_VERBS if body.startswith(v, start)), None)
        else:
            return lead_in
        if verb:
            return body[:at] + verb
        lead_in = body[:start]


def _lead_in(before: str) -> str:
    return _PART_END.split(before)[-1]


_PLACED_BY = re.compile(r"^(?:(?!支持|帮助|指导|督促|要求|组织|协助|配合|通知|告知|向|对|由|与|经|报)[^，。；、]){0,12}?"
                        r"(?:所在地|发生地|事发地|范围内|区域内|辖区内)的?$")


# the place a body is named by, between a verb and it: "会同|水库所在地的|水行政主管部门", "由|事故发生地|…"
_PLACE_TAIL = re.compile(r"(?:(?<=会同)|(?<=协同)|(?<=配合)|(?<=协助)|(?<=由)|(?<=向)|(?<=报)|(?<=经))"
                         r"[^，。；、的]{1,10}?(?:所在地|发生地|事发地)的?$")
# scope words between a verb and the body it governs, cut off the body by jieba ("指导本|辖区公路
# 建设单位", "监督受影响|地区学校"): the verb still governs the body
_SCOPE_TAIL = re.compile(r"(?:本辖区|本行政区域内的?|本地区|本|受影响|受灾)$")
_NEIGHBOURING = re.compile(r"^(?:邻近|相邻|周边|毗邻|附近)的?")     # "邻近的|省（区、市）…人民政府"
_IN_CASE = re.compile(r"^[^，。；]{2,40}的(?:情况下?|情形)$")
# the government that owns the departments after it, written right before them: levels only, then 政府
_OWNER_GOVERNMENT = re.compile(r"(?:县级以上|设区的市|地方|各级|自治区|直辖市|自治州|自治县|(?<=[市区县镇乡省州])级|[市区县镇乡省州及和、（）()])+"
                               r"(?:人民)?政府的?$")
_LEVELS_ONLY = re.compile(r"[市区县镇乡省州及和、（）()各级全本]*")


def _without_owner(text: str) -> str:
    """``text`` without the government that ends it ("报县级以上人民政府|卫生健康部门批准",
    "市和区、县人民政府的|交通、规划等部门负责…")."""
    return _OWNER_GOVERNMENT.sub("", text) if text.endswith(("政府", "政府的")) else text


# an item's own label, kept in the text of a statute's listed item ("（六）市场监督管理部门应当…")
# (or an article's, where a plan quotes a rule's articles: "第十一条 人民防空行政主管部门负责…")
ITEM_LABEL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)"
                        r"|第[一二三四五六七八九十百零〇\d]{1,6}条)\s*")


# A body set up ("设立|成立|组建…X", "下设由…组成的8个|督查组") that the next clause part, with no
# subject of its own, makes act: "省减灾委设立专家委员会，对…提供咨询", "设立X指挥部（以下简称…），
# 在…领导下，组织指挥…". (Set up and left there, it is only mentioned: "成立现场指挥部，市应急局派员参加".)
_SETS_UP = re.compile(r"(?:设立|成立|组建|下设|组成|设置|增设)(?:由[^，。；]{1,40}?(?:组成|牵头)的)?"
                      r"(?:\d+|[一二两三四五六七八九十]+)?个?$")
_STANDING_BODY = re.compile(r"(?:指挥部|委员会|小组|组|专班|办公室|指挥中心)$")
# what the part after it says of a body's function (not the setter's next act: "设立指挥部，指定指挥长")
_ITS_FUNCTION_FOLLOWS = re.compile(r"^(?:主要|具体|统一)?(?:负责|承担|履行|作为|统筹|领导|组织指挥|指挥协调|协调指挥|(?:组织|协调|指挥|领导)[、和]"
                                   r"|指挥(?![长部员])"     # "设立市…应急指挥部，指挥…的应急处置": a command commands
                                   r"|(?:对|为)[^，。；]{1,40}?(?:提供|进行|开展|实施|实行|负责)|在[^，。；]{1,40}?(?:领导|指导)下)")
# who heads the body set up, between it and its function ("成立指挥部，由常务副县长担任总指挥，统一领导…")
_HEADED_BY = re.compile(r"^(?:由[^，。；]{1,24}?(?:担任|兼任)[^，。；]{1,12}[，,])+")
# a count of the bodies before them ("6个|联合督导组", "两支|救援队伍")
_COUNT_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)(?:个|支|家)$")


@lru_cache(maxsize=1 << 14)     # a pure function of the lead-in, read up to four times per body; lead-ins recur
def _at_head(lead_in: str) -> bool:
    # (an opening quote is no word before the body: an amendment quotes the article it writes,
    # "修改为：“市、区（市）人民政府应当…")
    text = _strip(ITEM_LABEL.sub("", lead_in.strip().lstrip("“‘「『\"")), _FRAMING_RUN)
    if text.endswith("居、") and _FRAMING_RUN.fullmatch(text[:-2]):
        return True                                   # "居、|村民委员会应当…": the residents' committee too
    text = _PLACED_BY.sub("", _NEIGHBOURING.sub("", text))   # "电梯所在地的|乡（镇）人民政府应当…": the body placed
    text = _IN_CASE.sub("", text)                     # "…的情况|灾区应急部门应…": comma lost
    text = _without_owner(text)                       # "县级以上人民政府|发展改革、公安等部门负责…"
    text = _COUNT_BEFORE.sub("", text)                # "6个|联合督导组继续…"
    return not text or bool(_LEVELS_ONLY.fullmatch(text))


# role_of's patterns built from the lexicon, compiled once rather than joined on every call
_ETC_BEFORE_COOPERATE = re.compile(r"^等[^，。；、]{0,6}?(?=" + "|".join(COOPERATE_VERBS) + ")")
_POWER = re.compile("^(?:的)?(?:" + "|".join(POWER_AFTER) + ")")
_CONSENTS = re.compile(r"^(?:的)?(?:书面|民主)?(?:同意|许可|批准|认可|审核|审批|审查|核准|评议|验收)")
_APPLIED_TO = re.compile(r"^(?:依法)?(?:提出|办理|重新)?申请")     # the body applied to decides
_OBLIGING = re.compile("(?:" + "|".join(OBLIGING_BEFORE) + ")")
# 监督 governs the body after it when it ends a list of verbs (org_phrases cuts the body's name
# there: "指导、监督|学校"); elsewhere it is a name word, which is why the lexicon leaves it out
_GOVERNS = GOVERNING_BEFORE + ("监督",)
_GOVERNING = frozenset(_GOVERNS)
_GOVERNING_LONGEST = max(map(len, _GOVERNS))


def _governing_verb(lead_tail: str) -> str:
    """The longest governing verb ``lead_tail`` ends in (督促 when none): a set look-up per
    length instead of an endswith per verb of the lexicon."""
    for n in range(min(_GOVERNING_LONGEST, len(lead_tail)), 0, -1):
        if lead_tail[-n:] in _GOVERNING:
            return lead_tail[-n:]
    return "督促"
# What may stand between a body and its verb, stripped from the text after the body in this order
# (each anchored at the start; compiled once: role_of runs for every body of every clause)
_DEFINITION = re.compile(r"^\s*[（(]\s*(?:以下简称|简称|以下统称|统称为?|合称|以下称|下称)[^）)]{1,16}[）)]\s*")   # "X（以下简称Y）负责…"
_BETWEEN_BODY_AND_VERB = (
    _DEFINITION,
    re.compile(r"^(?:[，,](?:以下同|下同))?[）)](?![，。；])"),                     # "X（包括Y，下同）负责…": Y's note closed
    re.compile(r"^在[^，。；]{1,20}?(?:的)?(?:统一)?领导下[，,]?"),                 # "X在省委、省政府领导下，统一领导…"
    re.compile(r"^(?:为|是)[^，。；]{2,30}(?:机构|机关|部门|组织)[，,](?=负责|统一|承担|主管|牵头)"),   # "X为…协调机构，负责…"
    re.compile(r"^[（(](?:设在|挂靠|依托)[^（()）]{1,24}[）)]"),                   # "市防指办公室（设在市应急管理局）承担…"
    re.compile(r"^[（(][^（()）0-9一二三四五六七八九十]{1,8}[）)](?=[^，。；]{0,4}(?:要|应|负责|牵头))"),  # "供水部门（单位）要…"
    re.compile(r"^(?:及其(?:工作人员|人员|负责人|主要负责人)|(?:及其|以及|或者|和|及|或)(?:其他)?[^，。；、]{0,8}?(?:"
               + "|".join(PERSON_ENDINGS) + r"|警察|管理人|责任人|成年人(?!的))(?=[^，。；、]{0,4}?(?:应|要|须|必须|负责|不得|可以|都有|均有|有义务)|"
               r"对[^，。；、]{1,12}负责))"),
    # "X及其工作人员进行…", and persons before a duty: "…部门及其交通警察应当", "…企业或者其他管理人应当"
    _ETC_BEFORE_COOPERATE,                                                          # "等社会力量参与"
    re.compile(r"^(?:和|及|以及|或者?)(?:其他)?(?:组织|个人|公民)"),               # "…等单位和组织应当…"
    _DEFINITION,                                                                    # "…及其他组织（以下统称单位）应当"
)


def _in_turn(anchored: tuple[re.Pattern, ...]) -> re.Pattern:
    """One pattern stripping what ``anchored`` strip one after the other ("^A", "^B" -> "(?:A)?(?:B)?"):
    every group after one is optional, so none backtracks into it, and each takes the match it
    would alone. One regex call where role_of made one per pattern."""
    assert all(p.pattern.startswith("^") and not p.flags & re.MULTILINE for p in anchored)
    return re.compile("".join(f"(?:{p.pattern[1:]})?" for p in anchored))


_BETWEEN_RUN = _in_turn(_BETWEEN_BODY_AND_VERB)
_ETC_ALONE = re.compile(r"等[^，。；]{0,8}")
# what may stand between a body and its people ("A等单位有关专业技术人员", "X的负责人", "X有关负责人",
# "X分管防汛工作的副市长")
_PEOPLE_OF = re.compile(r"(?:等[^，。；、]{0,6}?(?:单位|部门|机构))?的?(?:有关|相关|分管[^，。；、]{1,20}?的)?(?:专业技术|专业|技术)?")
# a body a plan's sentence acts according to ("按照省防指负责协调…", "根据市指挥部要求…")
_ACCORDING_TO = ("按照", "根据", "依照", "依据", "遵照")
# "牵头单位", "牵头部门": a lead's title, not 牵头 governing the body after it
_LEAD_COMPOUNDS = ("单位", "部门", "机构", "处室", "科室")
# a part led by a body named before it ("A牵头，"), then others doing the work with it
_LEAD_NAMED_BEFORE = re.compile(r"牵头[，,]$")
_JOINS_THE_LEAD = re.compile(r"^(?:等[^，。；]{0,8}?)?(?:共同|一起|一道)")
# role_of's first tests, read for every body (the later ones only on their branches)
_COOPERATION_WORK = re.compile(r"做好[^，。；]{0,14}配合工作|(?:协调|协作)、配合")
_LEADS_JOINTLY = re.compile(r"^(?:应当|应|要|须|必须)?(?:视情|适时|及时|积极|主动)?(?:会同|协同[^，。；]{1,14}?(?:部门|单位|机构|委员会|局|厅|委|办))")
_WITH_PARTNER = re.compile(r"^与[^，。；]{1,12}(?:协同|合作|联动)")
# (not whoever brings others to take part: "负责组织民兵参加抢险" leads them; 组织 right after the
# body is its noun: "工会组织参加")
# (not where the body has others take part: "组织有关部门参与…", "协调参加救灾的武警部队")
_TAKES_PART = re.compile(r"^(?:组织(?=[^，。；]{0,2}?(?:参与|参加)))?(?!协调|指挥|调度|调动|调集|指导)"
                         r"(?:(?!组织|动员|带领|率领|安排|调派|派出|发动|号召)[^，。；]){0,6}?(?:参与|参加)")
_TAKES_PART_AS_NOUN = re.compile(r"^[^，。；]{0,6}?(?:参与|参加)[^，。；]{0,4}(?:的|者)")
_PART_THEN_COMMA = re.compile(r"^[^，。；]*[，,]")


# role_of's later tests, compiled once (it runs for every body of every clause)
_ETC_BEFORE_VERB = re.compile(r"^等[^，。；]{0,12}?(?=指导|负责|要|应|组织|协调|做好|加强|开展|牵头|按照|根据)")
_ASSISTS = re.compile(r"^(?:负责|应当|要|应|必须)?(?:依法)?(?:互相|相互|密切|积极|主动)?(?:予以|给予)?(?:(?:支持|服从)[、和])?(?:协助|配合)")
_LEADS_BY_ORGANISING = re.compile(r"^负责(?:组织|指导)")
_WORKS_WITH = re.compile(r"^(?:协同|联动|协作|合作)")
_WITH_LIST = re.compile(r"(?:^|[^参])与(?:[^，。；与]{1,12}?[、和及])*$")
_BY_RULE_TAKES_PART = re.compile(r"^[^，。；]{0,16}[，,](?:积极|主动|及时)?(?:参与|参加|配合|协助|协同)")
_BY_RULE = re.compile(r"^(?:应当|应|要|须|必须)?(?:按照|根据|依照|依据|结合)")
# A description that opens the clause part (its name did not take it: "提供…的", "…和其他…的"),
# then the body and a modal or a lead verb; not a preposition's or a verb's object ("对违反…的|
# 单位，应当依法处罚", "委托依法成立的|…机构承担…"). 组织 and 指导 may describe the body itself
# ("组织撤离的|区人民政府应当…"); so may 委托 before a modal ("受委托的|…部门不得…").
_DESCRIBED = re.compile(r"(?!对|向|为|由|将|把|经|与|给|按照|根据|依照|依据|在|从(?!事)|自|凡|除|委托|支持|鼓励|引导|明确|"
                        r"协助|配合|通知)(?:(?!是)[^，。；：]){1,40}?的")     # (no copula: "X是…的|主管机关")


# ... and one with a preposition inside, where a statute binds the body right after it ("为学生提供住宿的
# |学校应当…", "将食堂委托经营的|学校应当…", "自办食堂的|学校，应当…"; not "为了…")
_DESCRIBED_WITH_A_PREPOSITION = re.compile(r"(?:为(?!了)|将|自(?=办|建|营|行))(?:(?!是)[^，。；：]){1,40}?的")


def _description(w: Words, start: int, end: int, lead_in: str) -> str:
    """The text that may describe the body of words [start, end): its lead-in, and the part of the
    body's own words up to their last 的 ("高速公路、隧道、|大型桥梁等设施的经营管理者", "从事|生产、
    销售、维修消防产品的单位": the phrase took the description's last items)."""
    own = w.slice(start, end)
    cut = own.rfind("的")
    return lead_in.strip() + own[:cut + 1] if cut > 0 else lead_in.strip()
_MODAL_FIRST = re.compile("^(?:" + "|".join(sorted(_DUTY_MODALS, key=len, reverse=True)) + ")")
# the bodies ending a part that says what something is made of (not "A、B组成联合调查组")
_LAST_MEMBERS = re.compile(r"(?:等[^，。；]{0,6})?组成\s*")
_MEMBERS = re.compile(r"^(?:[^，。；]{0,3}(?:组成|参加|参与)|(?:[、和及]|以及)[^，。；负牵主]{1,40}?组成)")   # (a list going on to 组成)
# Statutes: the body of a sanction's condition ("燃气企业违反本条例规定，有下列行为之一的，由…责令限期改正",
# "…，建设单位未会同施工单位…的，由…处…罚款"): no duty is assigned to it there, it is the one sanctioned
_SANCTION_VERBS = "责令|处以|没收|吊销|暂扣"
_PENALISED = re.compile(r"^(?:(?!应当|不得|必须|负责)[^。；：])*?的[，,](?:由[^，。；]{1,40}?)?(?:依法)?"
                        rf"(?:{_SANCTION_VERBS}|处[一二三四五六七八九十百千万\d]|给予|对)")
_CALLED = re.compile(r"^(?:以下)?(?:统称|合称|并称|简称)")
# A statute's body, an act of its own, then its duty ("燃气经营者|改动市政燃气设施，应当…") — not a body naming
# a person of its own ("政府|专职消防队员履行职责时，应当…": the person is bound), a part with a modal of its own
# ("学校|体育场地必须保障…"), the class the bodies are listed as ("…等公共场所…时"), nor a body of its own
# ("省级人民政府|防汛指挥部，可以…", "县级以上人民政府|科学技术部门和其他有关部门，应当…")
_ITS_PERSON = re.compile(r"^[^，。；、]{0,8}?(?:队员|人员|职工|员工|驾驶人|驾驶员)")
_NOT_ITS_OWN_ACT = re.compile(r"应当|必须|不得|可以|^等|^(?!未经|经|对|向|在|由|按照|依照|根据|和|及|或|决定)[\u4e00-\u9fff]{0,8}?"
                              r"(?:部门|机构|机关|指挥部|办公室|委员会)")
# Statutes: "由其所在单位或者上级主管部门对责任人员依法给予处分" - whoever imposes a sanction
# exercises a power and leads, an employer (所在单位) as much as a department.
_SANCTIONS = re.compile(r"^(?:依法|按照管理权限)?(?:对[^，。；]{1,24}?)?(?:依法|按照管理权限)?"
                        rf"(?:给予(?!奖励|表彰|补偿|补助|资助|扶持|支持)|{_SANCTION_VERBS})")
_DUTY_OR_BUILDING = re.compile("责任|建设")
_A_THING = re.compile(r"(?:工程|建设|行动|体系|机制|水平|进程)$")
_BRINGS_INTO_PLAY = re.compile(r"发挥$|发挥好$|发挥出$")
_STRENGTHEN = re.compile(r"(?:加强|强化)$")
_ITS_FUNCTION = re.compile(r"作用|职能|对[^，。；]*领导")
_SAFETY_DUTY = re.compile(r"^[^，。；]{0,4}(?:安全生产|主体|全员安全生产)责任")
_IMPLEMENT = re.compile(r"(?:落实|压实|压紧压实|强化落实)$")
_A_DUTY = re.compile(r"^[^，。；、的]{1,6}?责任$")
_DEEPEN = re.compile(r"(?:强化|深化|加强)$")
_OWN_RISK_WORK = re.compile(r"风险辨识|辨识管控|风险管控|隐患排查|隐患自查")
_ENDS_IN_DE = re.compile(r"的$")
_COMMA = re.compile(r"[，,]")
_OWN_DUTY = re.compile(r"^(?:还|也|均|都|则)?(?:应当|应|不得|可以|须|必须)")
# The body is the agent of a relative clause on a thing ("X确定的其他事故", "X依法发布的禁燃时间",
# "X划定并公布的其他场所"): it qualifies the thing, its clause assigns nothing. (Not a body that
# authorises or entrusts another, often the alternative before it: "国务院或者国务院授权的|部门可以…")
_RELATIVE = re.compile(r"^(?:依法|依照规定)?(?!对|在|向|为|按|根据|按照|依照|于|从|与|将|把|由|经|授权|委托|指定)"
                       r"[\u4e00-\u9fff]{2}"
                       r"(?:(?:并|和|或者)[\u4e00-\u9fff]{2})?的(?!，)")
# A listed item that is a noun phrase, its head after the last 的 ("（四）活动场所管理者同意提供活动场所的证明。")
_NOMINAL_ITEM = re.compile(r"^(?:(?!应|负责|须|不得|可以|是)[^，；。：])*的[^，；。：的]{1,6}[；。]?$")
# A statute's body whose modal, after a frame ("…后，", "…时，"), is one of helping
_FRAMED_HELP = re.compile(r"^(?:[^，。；：]{0,20}?(?:后|时|期间))?[，,](?:还|也|均|都)?(?:(?:应当|应|须|必须)(?:依法)?|依法)"
                          r"(?:积极|主动|及时)?(?:配合|协助)")
# A statute's body, a comma, then conditions or exceptions each closed by a comma, then its modal
# ("…单位，从业人员超过一百人的，应当…", "…单位，除国家另有规定外，应当…", "…单位，发生事故后，应当…")
_FRAMED_DUTY = re.compile(r"^[，,](?:[^，。；：]{1,30}?(?:的|外|时|后|前|期间|以前|之前)[，,])+"
                          r"(?:还|也|均|都|则|仍)?(?:应当|应|不得|可以|须|必须)")


def _after_comma(after: str) -> str:
    """The part after a comma that ends the body's own part ("…的生产经营单位，|应当…"), else ""."""
    return after[1:] if after.startswith(("，", ",")) else ""


def _body_acts(w: Words, end: int, rest: str) -> bool:
    """The body whose words end before word ``end`` acts: an action follows it (after 等, one of
    the next six words begins one; after the short name it is given, "（以下统称…），依照…，对…实施")."""
    if end < len(w) and w.words[end][:1] in "（(":
        defined = _DEFINITION.match(w.after(end))
        if defined:
            end = w.word_at(w.starts[end] + defined.end()) if w.starts[end] + defined.end() < len(w.text) else len(w)
    if w.words[end:end + 1] == ["等"]:
        return any(_acts_at(w, k) for k in range(end + 1, min(end + 7, len(w))) if not _PART_END.match(w.words[k - 1]))
    return _acts_at(w, end) or _acts_text(rest)


# what is done to a body a sentence opened with 对 ("对工作不力的区镇实施约谈"): it is sanctioned, not acting
_SANCTION_ACT = re.compile(r"^(?:实施|进行|予以|开展)?(?:约谈|问责|追责|通报批评|通报|警示|挂牌督办|督办|处罚|问效)")


def sanctioned(before: str, after: str) -> bool:
    """The body between ``before`` and ``after`` is what a sentence opened with 对 does something to
    ("对…未能及时整改的区镇（街道）|实施约谈"), not one acting ("…，由市环境保护主管部门|约谈…")."""
    return bool(_SANCTION_ACT.match(after)) and "对" in re.split(r"[。；;]", before)[-1] \
        and not before.endswith(("由", "经"))


def role_of(w: Words, start: int, end: int, kind: str, statute: bool = False) -> str:
    """Role of the body (or list of bodies) spanning words [start, end)."""
    lead_in = _lead_in(w.before(start))      # its sentence's last part (every sentence end is a part end)
    if _persons_and(lead_in):
        lead_in = _drop_list(lead_in)
    after = _strip(w.after(end), _BETWEEN_RUN)
    part = rest = _PART_END.split(after, maxsplit=1)[0]       # the part after the body
    rest_text = after                                        # the text ``rest`` opens
    if _ETC_ALONE.fullmatch(rest) and _PART_THEN_COMMA.match(after):
        rest_text = after[len(rest) + 1:]
        rest = _PART_END.split(rest_text, maxsplit=1)[0]     # "X、Y等，要协助…"
    first_rest = rest           # what the adverbs and modals are stripped from, where a test needs it
    if _CALLED.match(rest):
        return "mentioned"                                   # "A和B统称燃气主管部门": a definition
    if sanctioned(w.before(start), rest):
        return "mentioned"                                   # "对…未能及时整改的区镇（街道）实施约谈": sanctioned
    named_role = role_named_after(rest) if not statute else None
    if named_role:
        return named_role                                    # "省民政厅牵头，省财政厅为成员单位"
    if statute and ("的，" in after or "的," in after) and _PENALISED.match(after) \
            and not lead_in.endswith(("由", "经")) and not _SANCTIONS.match(after):
        return "mentioned"                                   # "X违反…的，由Y责令…": X is the one sanctioned
    enterprise = kind == "enterprise" or (kind == "grassroots" and not statute)
    if _JOINS_THE_LEAD.match(after) and _LEAD_NAMED_BEFORE.search(w.before(start)):
        return "cooperate"                                   # "A牵头，B、C等单位共同做好…": under A's lead
    if _COOPERATION_WORK.search(rest):
        return "cooperate"                                   # "做好相关行业领域协调、配合工作"
    if _LEADS_JOINTLY.match(rest):
        return "subject" if enterprise else "lead"           # "A视情会同B…", "A协同B单位制定…": A leads
    if _WITH_PARTNER.match(rest):
        return "cooperate"                                   # "政府与社会力量协同…"
    if rest.startswith("会同") or (rest.startswith("协同") and rest[2:3] in ("市", "省", "区", "县", "各", "有", "相")) or (rest.startswith("与") and _PARTNER_CUE.search(rest) and _at_head(lead_in)):
        return "subject" if enterprise else "lead"           # "A会同B…": A leads
    if _TAKES_PART.match(after) and not _TAKES_PART_AS_NOUN.match(after):
        return "cooperate"                                   # "鼓励社会力量全方位参与…"

    if rest.startswith(_AFFILIATION) and not rest.startswith(RESPONSIBLE_FOR_WORDS_OF_PEOPLE) \
            and not (statute and _UNDER.match(rest) and lead_in.endswith("在")):
        return "mentioned"                                   # "本级人民政府负责人担任" (a statute's "在X领导下": X leads)
    people = _PEOPLE_OF.match(rest)
    if people and rest[people.end():].startswith(_AFFILIATION) and not rest[people.end():].startswith(
            ("领导",) + RESPONSIBLE_FOR_WORDS_OF_PEOPLE):
        return "mentioned"                                   # "由A、B的负责人组成", "由X有关负责人担任": its people
    if _DUTIES_FOLLOW.match(after) and _at_head(lead_in):
        return "subject" if enterprise else "lead"          # "县应急指挥部的主要职责是：…"
    if _MAKEUP_FOLLOWS.match(after):
        return "mentioned"                                   # "县指挥部组成：指挥长：…": who it is made of
    acts = None                 # whether the body acts: read where a test needs it (most roles are settled before)
    if w.words[end:end + 1] in (["、"], ["和"]):
        acts = _body_acts(w, end, rest)
        if not acts:
            acts = _acts_at(w, _after_persons(w, end))       # "农业生产单位、农户和养殖户采取…"
            rest = _ETC_BEFORE_VERB.sub("", rest)
    if lead_in.endswith(_ACCORDING_TO) and not statute:
        return "mentioned"                                   # "太原铁路局：按照省防指|负责协调…": whose instruction
    a_person = rest.startswith(("负责人", "负责同志")) and not rest.startswith(RESPONSIBLE_FOR_WORDS_OF_PEOPLE)
    if rest.startswith(("牵头", "负责", "统筹", "主导", "抓总", "主抓", "负总责")) and not a_person \
            and not lead_in.endswith(RECIPIENT_BEFORE + PARTNER_BEFORE + ("由其",)) \
            and not (_ASSISTS.match(rest) and not _LEADS_BY_ORGANISING.match(rest)):     # ("负责协助…": below)
        # plans make an enterprise that 负责 a matter its lead (苏州供电公司负责恢复…); statutes its subject
        return "subject" if statute and kind == "enterprise" and not rest.startswith("牵头") else DUTY_LEAD
    if _ASSISTS.match(rest) and not _LEADS_BY_ORGANISING.match(rest):
        return "cooperate"                                   # "负责协助…", "X配合"
    if statute and _FRAMED_HELP.match(after) and _at_head(lead_in):
        return "cooperate"                                   # "X、Y、公民接到预警信息后，应当配合…"
    # "推动各地、|各职能部门", "指导本|辖区…单位", "报县级以上人民政府|卫生健康部门批准"
    lead_tail = _without_owner(_PLACE_TAIL.sub("", _SCOPE_TAIL.sub("", _drop_list(lead_in))))
    if _WORKS_WITH.match(rest):
        return "cooperate"                                   # "X协同联动作用"
    if lead_tail.endswith(("落实到", "分解到", "明确到", "分解落实到")):
        return "lead"                                        # tasks "分解落实到相关部门"
    if (lead_tail.endswith(PARTNER_BEFORE) or (lead_tail.endswith("牵头") and w.words[start] not in _LEAD_COMPOUNDS)) \
            and not lead_tail.endswith(("共同", "不同", "如同", "连同")):
        return "cooperate"                                   # "A会同B", "A协同B", "A负责牵头有关部门制定…"
    with_at = _WITH_LIST.search(lead_in)
    before_with = lead_in[:with_at.start() + (0 if lead_in[with_at.start()] == "与" else 1)] if with_at else ""
    if with_at and _PARTNER_CUE.search(after[:40]) and (
            not before_with or _at_head(before_with) or before_with.endswith(_PARTNER_FRAMES + _MODALS)):
        return "cooperate"                                   # "加强与X沟通", "与X建立联动机制"
    if lead_tail.endswith(HELPED_BEFORE):
        return "lead"                                        # "协助有关部门做好…": the body helped
    stepped = _strip(first_rest, _STEP_RUN)
    within = _WITHIN_REMIT.match(stepped)
    if within:
        stepped = _strip(stepped[within.end():], _STEP_RUN)    # "X应在各自职责范围内配合Y…"
    if stepped.startswith(COOPERATE_VERBS) or rest.startswith(COOPERATE_VERBS) or (
            not first_rest and _at_head(lead_in) and _HELPS_AFTER_COMMA.match(_after_comma(after))):
        return "cooperate"
    framed = rest_text if rest else _after_comma(after)     # ("X、Y等组织，|应当结合…，协助…")
    if _BY_RULE.match(rest or framed) and _at_head(lead_in) and _BY_RULE_TAKES_PART.match(framed):
        return "cooperate"                                   # "X按照有关规定，参与…"
    if lead_tail.endswith("由") or lead_tail.endswith(("由其", "并由")):
        if _MEMBERS.match(rest):
            return "cooperate"                               # "由X、Y组成": members
        return FIRM_LEAD if statute and _SANCTIONS.match(rest) else "lead"
    if _LAST_MEMBERS.fullmatch(rest):
        return "cooperate"                                   # "由X、Y和Z及相关企事业单位组成", "X组由A牵头，B、C等单位组成"
    if _PLACE_OF.sub("", lead_tail).endswith("在") and _UNDER.match(rest):
        # "在X的指导下": X guides; a plan's "在X的统一领导下，负责…" names whom the work answers to
        return "mentioned" if not statute and _LED_BY.match(rest) else "lead"
    if lead_tail.endswith(("服从", "听从")) and _COMMANDS.match(rest):
        return "lead"                                        # "服从X的统一指挥": X commands
    if lead_tail.endswith("接受") and _SUPERVISED_BY.match(rest) and not _LEGISLATURE.search(w.slice(start, end)):
        return "lead"                                        # "接受X的监督检查" (not the people's congress's)
    if statute and lead_tail.endswith(("经", "征得")) and not lead_tail.endswith("未经") and _CONSENTS.match(rest):
        return FIRM_LEAD                                     # "经建设单位和监理单位同意": whoever consents decides
    if lead_tail.endswith(RECIPIENT_BEFORE) and not lead_tail.endswith(("负责", "组织")):
        if statute and (_POWER.match(rest) or (lead_tail.endswith("向") and _APPLIED_TO.match(rest))):
            return "lead"                                    # "报X批准", "经X同意", "提请X划定", "向X申请验收"
        return "mentioned"
    if lead_tail.endswith(_GOVERNS) or (lead_tail.endswith(ENCOURAGE_BEFORE)
                                                and _OBLIGING.search(lead_tail[-6:])):
        verb = _governing_verb(lead_tail)
        if verb in OBLIGING_BEFORE and enterprise and _DUTY_OR_BUILDING.search(rest):
            return "subject"                                 # "推动企业全员安全生产责任体系建设"
        acting = _body_acts(w, end, rest) if acts is None else acts
        if not acting and statute and verb in _ORGANISES and not rest and after.startswith("，") \
                and w.before(start).endswith(verb) and "的" not in w.slice(start, end):
            acting = _acts_text(_strip(after[1:], _BETWEEN_RUN))   # "组织有关部门和单位，采取…"
        if not acting:
            return "mentioned"
        if verb in OBLIGING_BEFORE:
            if _A_THING.search(rest):
                return "mentioned"                           # "推进X减量提质工程": a thing, not X acting
            return "subject" if enterprise or statute else "lead"
        if verb == "委托":
            return "cooperate"
        if verb == "组织" and _A_TEAM_SET_UP.search(w.slice(start, end)):
            return "mentioned"                               # "组织事故调查组进行调查": the team is set up
        if statute:
            return "cooperate" if verb in _ORGANISES else "subject"
        if verb in MOBILISING_BEFORE:
            return "cooperate"                               # "动员评价机构、培训机构等，为企业提供…"
        return "subject" if enterprise else "cooperate"
    if lead_tail.endswith(ENCOURAGE_BEFORE):
        return "mentioned"
    if _BRINGS_INTO_PLAY.search(lead_tail) and "作用" in rest:
        return FIRM_LEAD                                     # "发挥主流媒体作用": whoever it is
    if _STRENGTHEN.search(lead_tail) and _ITS_FUNCTION.search(rest):
        return "lead"
    if enterprise and _SAFETY_DUTY.match(rest):
        return "subject"                                     # "建立健全区城镇燃气企业安全生产责任…"
    if _IMPLEMENT.search(lead_tail) and (_OWN_RESPONSIBILITY.match(rest) or _A_DUTY.match(rest)):   # "…防汛责任"
        return "subject" if enterprise or "主体责任" in rest else "lead"
    if enterprise and _DEEPEN.search(lead_tail) and _OWN_RISK_WORK.search(rest):
        return "subject"                                     # what an enterprise is made to do itself
    if not rest and _SETS_UP.search(lead_in) and _STANDING_BODY.search(w.slice(start, end)) \
            and _ITS_FUNCTION_FOLLOWS.match(_strip(_HEADED_BY.sub("", _after_comma(after)), _BETWEEN_RUN)):
        return "lead"                                        # "A设立专家委员会，对…提供咨询": the body set up acts
    if lead_tail.endswith(CREATED_BEFORE):
        return "mentioned"
    if _ENDS_IN_DE.search(part) and not _COMMA.search(lead_in):
        main = after[len(part) + 1:]
        if not (statute and _at_head(lead_in) and _OWN_DUTY.match(main)):
            return "mentioned"                               # "省减灾委发生调整更名的，": a condition
        return "subject" if enterprise else "lead"           # "承办者变更…的，应当…": its own duty
    if _RELATIVE.match(rest) or (ITEM_LABEL.match(lead_in) and _NOMINAL_ITEM.match(after)):
        return "mentioned"                                   # "（六）市人民政府确定的其他重大灾害事故": X qualifies a thing
    if statute and not rest and _FRAMED_DUTY.match(after) and _at_head(lead_in):
        return "subject" if enterprise else "lead"           # "X，从业人员超过一百人的，应当…", "X，除…外，应当…"
    if statute and rest and len(rest) <= 20 and "的" not in rest and _at_head(lead_in) \
            and not _ITS_PERSON.match(rest) and not _NOT_ITS_OWN_ACT.search(rest) \
            and _OWN_DUTY.match(_after_comma(after[len(part):])):
        return "subject" if enterprise else "lead"           # "燃气经营者改动市政燃气设施，应当…": when it acts so
    if _at_head(lead_in) and (rest.startswith(_LEAD_AFTER) or (_body_acts(w, end, rest) if acts is None else acts)):
        if rest.startswith(_LEAD_AFTER) and kind != "enterprise":
            return "lead"
        return "subject" if enterprise else "lead"
    main = first_rest or _after_comma(after)
    described = _description(w, start, end, lead_in)
    bound = statute and (_MODAL_FIRST.match(main) or (not rest and _FRAMED_DUTY.match(after)))
    if (_DESCRIBED.fullmatch(described) or (bound and _DESCRIBED_WITH_A_PREPOSITION.fullmatch(described))) and (
            bound or (main.startswith(_LEAD_AFTER) and "委托" not in lead_in)):     # (an entrusted body co-operates)
        # "其他提供公共服务的|企业事业单位应当…", "灾区涉及的|市、县级人民政府承担…"
        return "lead" if main.startswith(_LEAD_AFTER) and kind != "enterprise" else (
            "subject" if enterprise else "lead")
    return "mentioned"
