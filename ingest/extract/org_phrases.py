"""Organisation phrases: the bodies a clause names, found by their head word.

A body ends in a head from the body-suffix lexicon (ontology/actors.toml [generic]: …部门, 局, 厅,
委员会, 指挥部, 中心, 队伍, 单位, 企业, 人民政府, 机构 …), in a gazetteer name, or in an
abbreviation the document defines; it extends left over the words that qualify it and stops at
verbs, prepositions, conjunctions, particles and numbers ("向|市应急管理局", "协调|有关部门").
Enumerations sharing one head are split, each item taking the head and the list's local prefix
("市自然资源和规划、住房和城乡建设、水务等部门" -> three bodies); "X和Y" inside a department's
name stays whole ("住房和城乡建设局", "发展和改革委员会"). Names are made canonical by names.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.level_lists import split_level_lists
from ingest.extract.names import LEVEL_LOOKALIKE, SESSION
from ingest.extract.lexicon import (ADVERBS, VERBS, DUTY_VERBS, COOPERATE_VERBS, GOVERNING_BEFORE, GOVERNING_VERBAL_NOUNS,
                                    MODALS, PARTNER_BEFORE, PERSON_ENDINGS)
from ingest.extract.nlp import Words
from ingest.extract.sector_units import BODY_OR_DUTY, SectorList, sector_units
from ingest.extract.org_plausible import plausible
from ingest.segmenter import plain_words, word_tags
from ingest.vocab import sector_labels

# Part-of-speech tags (jieba's dictionary) that cannot be inside an organisation's name.
_STOP_TAGS = {"p", "c", "u", "uj", "ud", "ul", "uz", "ug", "uv", "d", "ad", "vd", "r", "m", "q", "mq", "y", "e",
              "t", "tg", "z", "zg"}
# Words that end a phrase on its left whatever their tag.
_STOP_WORDS = ({v for v in VERBS if len(v) > 1} | set(DUTY_VERBS) | set(COOPERATE_VERBS) | set(GOVERNING_BEFORE)
               | {"向", "由", "对", "在", "与", "经", "报", "视", "视情", "情", "将", "把", "从", "为", "是", "让", "使", "请", "被", "给",
                  "按照", "根据", "依照", "依托", "依法", "依规", "依法依规", "发挥", "落实", "压实", "鼓励", "支持", "引导", "督促", "要求",
                  "会同", "配合", "协助", "参与", "参加", "动员", "召集", "通知", "报告", "通报", "报送", "上报", "报经", "报请", "提请",
                  "抽调", "委任", "指派", "包括", "含", "包含", "涉及", "纳入", "具有", "设在", "承担", "担任", "兼任", "任", "加挂", "下设",
                  "设", "及其", "及", "和", "到", "至", "给", "结合", "结合实际", "涉及的", "明确", "内向", "时向", "径向", "直接向",
                  "后向", "设在", "好", "商", "了", "与", "或", "或者", "以及", "并", "等", "的", "之", "了", "着", "后",
                  "前", "时", "中", "内", "外", "上", "下", "所", "其", "该", "此", "本预案", "我省", "我市",
                  "前期", "后期", "中期", "初期", "末期", "中后期", "前中期"})
# Words that are verbs or tagged oddly elsewhere but qualify bodies here.
_QUALIFIERS = {"重点", "保障", "服务", "培训", "管理", "监管", "执法", "救援", "宣传", "生产", "运输", "建设", "规划",
               "发展", "改革", "储备", "运营", "维护", "保养", "施工", "经营", "使用", "检验", "检测", "设计", "救助",
               "减灾", "防汛", "抗旱", "指挥", "应急", "出版", "监测", "预警", "发布", "评价", "管养", "承保", "治理",
               "防治", "防控", "防御", "勘查", "抢险", "救灾", "消防", "环保", "供电", "供水", "供气", "排水",
               "通信", "广播", "电视", "交通", "统计", "监察", "调查", "安全", "综合", "专业", "专职", "兼职",
               "涉灾", "涉", "驻", "突发", "防灾", "防震", "抗震", "地震", "卫生", "健康", "信息", "科技", "公共", "社会",
               "行政", "主管", "监督", "物资", "城乡", "住房", "慈善", "志愿", "维修", "监理", "质检", "运行",
               "登记", "从业", "处置", "制造", "安装", "改造", "修理", "销售", "维保", "受托", "承办", "编制", "检修",
               "物业", "养护", "营销", "储运", "装卸", "充装", "仓储", "托管", "处理", "回收", "利用", "储存", "运营", "营运", "评估", "鉴定", "认证", "咨询", "中介", "技术", "装备",
               "审计", "审批", "税务", "商务", "外事", "推广", "搜救", "勘察", "勘测", "拆除", "装修", "装饰", "租赁", "供应",
               "采购", "直"}
# Place and level words that may stand first in a body's name ("县（市、区）应急管理部门").
LEVEL_WORDS = ("县级以上地方", "县级以上", "设区的市级以上", "设区的市级", "设区的市", "地市级", "地（市）级", "市（州）",
               "县（市、区）", "县（市）", "县（区）", "乡（镇）", "乡镇（街道）", "镇（街道）", "乡、镇", "市、县",
               "省级", "市级", "县级", "乡级", "镇级", "区级", "镇级以上", "上一级", "上级", "本级", "同级", "下级",
               "地方各级", "地方", "所在地", "当地", "事发地", "属地", "中央", "国家", "国务院", "省", "市", "县",
               "区", "乡", "镇", "州", "盟", "旗", "村", "本市", "本省", "全市", "全省", "全区", "全县", "以上", "县级以上各级",
               "县区", "区县", "县市区", "县市", "市县", "市州")   # (one word to jieba: "县区财政部门")
_MAX_CHARS = 24
_CONJ = ("和", "及", "以及", "与", "或", "或者", "、")
_OPEN, _CLOSE = "（(", "）)"


@dataclass
class OrgPhrase:
    surface: str             # as written (scope words included)
    core: str                # the body without its enumeration siblings: what names.py makes canonical
    head: str                # the head that made it a body ("部门", or a gazetteer / abbreviation name)
    kind: str                # public | enterprise | grassroots
    span: tuple[int, int]    # char span in the clause of the surface
    tokens: tuple[int, int]  # token span [start, end) of the whole phrase (the list it is part of)
    gazetteer: Optional[str] = None   # the gazetteer surface it ends in, if any
    group: int = 0           # phrases split from one enumeration share a group number
    items: list = field(default_factory=list)


@lru_cache(maxsize=1)
def _generic() -> dict:
    return load_gazetteer().generic


@lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, str], ...]:
    """(head, kind), longest first."""
    g = _generic()
    pairs = [(h, "public") for h in g.get("heads", [])]
    pairs += [(h, "enterprise") for h in g.get("enterprise_heads", [])]
    pairs += [(h, "grassroots") for h in g.get("grassroots_heads", [])]
    return tuple(sorted(set(pairs), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _not_heads() -> frozenset[str]:
    """Common words that end in a one-character head but name no body (布局, 社会, 全部 …)."""
    return frozenset(_generic().get("not_head_words", []))


_pos = word_tags   # jieba's part-of-speech tag of each word


@lru_cache(maxsize=1)
def _name_pairs() -> tuple[str, ...]:
    """"X和Y" pairs that belong to one department's name (住房和城乡建设, 自然资源和规划 …)."""
    return tuple(_generic().get("name_pairs", []))


# The word predicates below are pure functions of the word (and of lexicons fixed at import), asked
# for the same few thousand words hundreds of thousands of times per corpus: memoised.
@lru_cache(maxsize=1 << 16)
def _is_punct(word: str) -> bool:
    return not any("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in word)


_SCOPE_WORDS = {"各级", "各", "各类", "其他", "有关", "相关", "任何", "所有", "全体", "同级", "本级", "上级", "上一级",
                "相应", "全区", "全市", "全省", "区内", "市内", "省内", "省直", "市直"}
_VERB_ENDINGS = tuple(v for v in VERBS if len(v) >= 2) + ("通报", "报告", "上报", "报送", "负责", "牵头", "配合",
                                                           "协助", "参与", "组织", "指导", "协调", "分析",
                                                           "通知", "告知")    # jieba's noun "书面通知|燃气经营者"
_QUALIFIER_ENDINGS = tuple(_QUALIFIERS)
_VERB_SET = frozenset(v for v in VERBS if len(v) == 2)
_LEADING_VERBS = ("建设", "宣传", "保障", "支持", "推进", "加强", "完善")
_COLLECTIVE_BEFORE = ("多个", "若干", "一批", "多家", "多支", "各个")
_LEVEL_CHARS = ("市", "省", "区", "县", "乡", "镇", "州")
# verbs that are name words elsewhere (安全监督管理部门) but govern the body after them at the end of a
# list of verbs ("指导、协调和监督|受影响地区学校")
_GOVERNING_IN_A_LIST = ("监督", "指导", "协调", "组织")
# what follows one of them inside a name ("监督|管理部门", "协调|办公室")
_FUNCTION_AFTER_GOVERNING = frozenset({"管理", "检查", "检验", "检测", "执法", "服务", "管理局", "管理部门", "管理处",
                                       "办公室", "小组", "机构", "委员会", "指挥部", "部门", "中心"})
# the verbs that describe a level by what befell it ("受灾|县级人民政府"): part of the body's name
_AFFECTED = ("受灾", "受影响")
_PLACE_ENDINGS = ("园区", "开发区", "地区", "区域", "领域", "行业", "场所")
# the body that runs a zone (开发区, 园区, 风景区): items ending in a zone are its zones' committees
_ZONES = ("开发区", "园区", "风景区", "景区", "示范区", "高新区", "试验区", "新区", "保护区", "合作区")
_ZONE_COMMITTEES = frozenset({"管委会", "管理委员会"})
# the heads a sector word names a department with (建设 is a verb to jieba, a sector before these)
_SECTOR_DEPARTMENTS = ("行政主管部门", "主管部门", "行政管理部门", "管理部门")
_DEPARTMENT_HEADS = ("部门", "局", "厅", "委", "委员会", "办", "部", "署", "办公室", "主管部门", "管理局")


@lru_cache(maxsize=1 << 16)
def stops(word: str) -> bool:
    """A word that cannot be inside a body's name."""
    if word in _QUALIFIERS or word in LEVEL_WORDS or word in _SCOPE_WORDS:
        return False
    if len(word) == 2 and word[0] == "各" and word[1] in "省市县区乡镇州盟":
        return False                                  # jieba's "各县|（市、区）人民政府"
    if len(word) == 2 and word[0] in "和及与或" and word[1] in "区市县省镇乡":
        return True                                   # jieba's "和区" in "…和区安委会成员单位"
    if len(word) > 2 and word.startswith(("依法", "依规", "积极", "大力", "加快", "流向", "保护", "支持", "鼓励", "推动",
                                          "充分", "切实", "全面", "广泛", "有效", "进一步", "逐步")):
        return True                                   # "依法保护|外资企业"
    if word in ("流向", "影响", "持续影响", "受", "情况", "情形", "期间", "之后", "以后", "之前", "以前",
                "称", "叫", "即", "重建", "调集"):
        return True                                   # (a definition's "本法所|称|公司"; not 指, which 市防指 holds)
    if len(word) > 2 and word.endswith(_VERB_ENDINGS) and not word.endswith(_QUALIFIER_ENDINGS):
        return True                                   # "全面实施", "压紧压实", "建立健全"
    if word in _STOP_WORDS or word in ADVERBS:
        return True
    if _is_punct(word) or any(ch.isdigit() for ch in word):
        return True
    tag = _pos().get(word)
    if tag in _STOP_TAGS:
        return True
    if tag == "v" and len(word) >= 2:
        return True                                   # "具有", "开展"; one-character "v" are name pieces (住建)
    if word in ("调整", "厘清", "建强", "筑牢", "保障", "建立健全", "理顺", "关闭取缔", "实施", "压紧", "刁难", "为难"):
        return True
    return False


_NO_EXTRA: dict[str, str] = {}


# what follows the 所 of 所需/所属/所谓/所称/所述 (jieba may leave it on the word before: "管理所|需经费";
# not 在/有/以, which follow a station as often: "派出所|在接警后", "院所|以及")
_AFTER_SUO = frozenset("需属谓称述")


def head_at(w: Words, end: int, extra: dict[str, str]) -> Optional[tuple[int, str, str]]:
    """(first word, head, kind) of a head ending with word ``end-1``."""
    last = w.words[end - 1]
    # most words end in no head's last character: that look-up first, the rest only for candidates
    table = _heads_ending_in(tuple(extra.items())) if extra else _heads_ending_in(())
    candidates = table.get(last[-1]) if last else None
    if not candidates or _is_punct(last):
        return None
    text_end = w.end_char(end - 1)
    for head, kind in candidates:
        start_char = text_end - len(head)
        if start_char < 0 or not w.text.startswith(head, start_char):
            continue
        k = end - 1
        while w.starts[k] > start_char:
            k -= 1
        if w.starts[k] != start_char and head not in extra and len(head) == 1:
            # a one-character head inside a longer word: 布局, 社会, 全部 name nobody
            if last in _not_heads() or last[-2:] in _not_heads() or (
                    len(last) == 2 and _pos().get(last) in ("v", "d", "a", "vn")):      # "合理|布局" too
                continue
        if len(head) == 1 and (w.starts[k] == start_char and k > 0 and stops(w.words[k - 1])):
            continue                                  # "局" alone after a verb: no body
        if len(head) == 1 and last in _not_heads():
            continue
        if head.endswith("所") and end < len(w) and w.words[end][:1] in _AFTER_SUO:
            continue                                  # "管理所|需经费": 所 of a phrase
        if head == "组织" and last == "组织" and (k > 0 and w.words[k - 1] == "的" or not (
                (k > 0 and w.words[k - 1] in ("任何", "其他", "有关", "相关", "各类", "各")) or
                (end + 1 < len(w) and w.words[end] in ("和", "或", "或者", "、", "及") and "个人" in w.words[end + 1]))):
            continue                                  # "组织开展…", "组织和动员" are verbs
        return k, head, kind
    return None


@lru_cache(maxsize=64)
def _heads_ending_in(extra: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Last character -> the (head, kind) pairs ending in it, longest first, the document's own
    names (``extra``) before lexicon heads of the same length: head_at's order, sorted once per
    document instead of once per word (it was half of extraction's time)."""
    table: dict[str, list[tuple[str, str]]] = {}
    for head, kind in sorted(list(extra) + list(_heads()), key=lambda p: -len(p[0])):
        table.setdefault(head[-1], []).append((head, kind))
    return {char: tuple(pairs) for char, pairs in table.items()}


@lru_cache(maxsize=64)
def _head_end_chars(extra: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The characters some head ends in (the keys of ``_heads_ending_in(extra)``)."""
    return frozenset(_heads_ending_in(extra))


def head_end_chars(extra_heads: dict[str, str]) -> frozenset[str]:
    """The last characters of every head, the document's own names (``extra_heads``) included."""
    return _head_end_chars(tuple(extra_heads.items()))


# one character written as the alternative to the word before ("景区（点）", "站（所）"), no number
_ONE_ALTERNATIVE = re.compile(r"[^\W\d一二三四五六七八九十]")


def _bracket_start(w: Words, j: int) -> Optional[int]:
    """Index of the opening bracket matching the closing one at word j-1 (a short level list
    "县（市、区）", "村(社区)"), or None."""
    if any(ch in _OPEN for ch in w.words[j - 1]):
        return j - 1                                    # "村（社区）" is one word
    k, depth = j - 1, 0
    while k >= 0:
        word = w.words[k]
        if word and word[-1] in _CLOSE:
            depth += 1
        elif word and word[0] in _OPEN:
            depth -= 1
            if depth == 0:
                inner = w.slice(k + 1, j - 1)
                if len(inner) <= 8 and not any(stops(x) and x not in ("、",) for x in w.words[k + 1:j - 1]):
                    return k
                if _ONE_ALTERNATIVE.fullmatch(inner) and k > 0 and not _is_punct(w.words[k - 1]) \
                        and j < len(w) and not _is_punct(w.words[j]):
                    return k                            # "旅游景区（点）管理机构": 点 is a stop word alone
                                                        # (inside a name: "卫生室（所）、门诊部" shares no 部)
                return k if _ALTERNATIVES.match(inner) and k > 0 and not _is_punct(w.words[k - 1]) else None
        k -= 1
        if j - k > 16:
            return None
    return None


_QUOTED_NAME = re.compile(r"[\u4e00-\u9fff0-9]{2,10}")


def _quote_start(w: Words, j: int) -> Optional[int]:
    """Index of the opening quote matching the closing one at word j-1 when it quotes a short name
    (a campaign's, "“清剿火患”", "“三合一”") inside a body's name, or None."""
    for k in range(j - 2, max(j - 8, -1), -1):
        if w.words[k] == "“":
            before = w.words[k - 1] if k else "。"
            # (after a level, a place or where a phrase may start; not after another name: "诚信企业“一票否决”")
            opens = before in LEVEL_WORDS or _is_punct(before) or stops(before)
            return k if opens and _QUOTED_NAME.fullmatch(w.slice(k + 1, j - 1)) else None
    return None


# Alternatives inside a name: "城乡建设（或者城市管理、市政公用）主管部门", "住房和城乡建设（城市管理、
# 市政公用）管理部门" (whichever department the government makes responsible).
_ALTERNATIVES = re.compile(r"^(?:或者|或)?[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+$")


# a department's head within ten characters (no punctuation between): _internal_and's test
_DEPARTMENT_AHEAD = re.compile(r"[^，。；、]{0,10}(?:" + "|".join(_DEPARTMENT_HEADS) + ")")


def _internal_and(w: Words, j: int, public: bool, in_list: bool) -> bool:
    """Word j-1 is 和: does it join two words of one name ("住房和城乡建设", "城市管理和综合执法")?"""
    if j < 2 or j >= len(w) + 1:
        return False
    left, right = w.words[j - 2], w.words[j] if j < len(w) else ""
    if _pair_inside(left + "和" + right):
        return True
    if not public or in_list or stops(left) or head_at(w, j - 1, {}) or _listed_force(left) or left.endswith(_ZONES):
        return False                                  # (a zone ends an item: "…开发区|和|…风景区管委会")
    tail = w.slice(j, len(w))
    if not _DEPARTMENT_AHEAD.match(tail):
        return False                                  # "专职和兼职消防队伍": two teams
    return not (j >= 3 and w.words[j - 3] == "、")


def _listed_force(word: str) -> bool:
    """A listed body that is no government ("中国人民解放军|和|武装警察部队", "驻军|和|人民武装部": a body on
    each side; "国务院和地方各级人民政府有关部门" shares its head)."""
    entry = load_gazetteer().by_surface.get(word)
    return entry is not None and entry.kind != "government"


_SUBUNIT_HEADS = ("办", "办公室", "成员单位", "新闻办", "专家组", "工作组", "小组", "专班", "处", "科", "分局",
                  "分公司", "金融办", "外办")


_GOVERNMENT_ENDS = ("厅", "人民政府", "政府")
_OWNED_DEPARTMENT_HEADS = ("主管部门", "行政部门", "管理部门", "有关部门", "公安机关", "指挥机构")


def _ends_body(w: Words, j: int, start: int) -> bool:
    """Words up to j-1 end a complete body, and the phrase from j on is another one."""
    prev = w.words[j - 1]
    after_government = prev.endswith(_GOVERNMENT_ENDS) and len(prev) >= 2
    if not after_government and w.words[j][:1] not in ("省", "市"):
        return False                                    # neither reading below holds (most words): no slicing
    current = w.slice(j, start + 1)
    if current.endswith(_SUBUNIT_HEADS) or w.slice(start, len(w)).startswith(_SUBUNIT_HEADS):
        return False                                    # "省减灾委|办公室", "市政府|新闻办": one body
    if after_government:
        # "县级以上人民政府|生态环境主管部门": a government's department is named with it; a body
        # opening with its own place or level is another one ("市人民政府|区应急管理局")
        # (市场监督管理部门, 市容环境卫生主管部门: a level's character opening no level)
        return (current[:1] in _LEVEL_CHARS and not _LEVEL_LOOKALIKES.match(current)) or not current.endswith(
            _OWNED_DEPARTMENT_HEADS)
    if current[:1] in ("省", "市") and head_at(w, j, {}) is not None and (len(prev) >= 2 or (
            prev in ("厅", "局", "委", "办") and j >= 2 and not stops(w.words[j - 2]))):
        return True                                     # "省应急|厅|省财政厅"
    return False


# level words that follow what they place ("生产经营活动所在地|人民政府"), or another level word
_PLACE_OF_WORDS = ("以上", "所在地", "当地", "事发地", "属地")
# a legislature's term between its place and its name ("吉林省第八届人民代表大会常务委员会")
_SESSION = re.compile(SESSION)


def _counted(word: str) -> bool:
    """A count before a name ("6|个|联合督导组"): what follows it is the name, not a partner."""
    return word in ("个", "支", "家", "批") or _pos().get(word) in ("m", "mq", "q")


def _place_named(word: str) -> bool:
    """A place with no level ("中国", "北京") before 联合 names a company or school with it; a
    body or a level ("省应急管理厅", "市") before it is a partner's."""
    return _pos().get(word) == "ns" and not word.endswith(_LEVEL_CHARS)


def starts_with_a_place(name: str) -> bool:
    """"南昌铁路局", "广东海事局": a name opened by a place of its own, no level's."""
    return any(_place_named(name[:n]) for n in (2, 3) if len(name) > n)


def _lower_level_after(w: Words, j: int) -> bool:
    """'街道办事处|村民委员会': a grassroots body right after a complete one, the separator lost."""
    return w.words[j][:1] in ("村", "居", "社", "街") and w.words[j - 1].endswith(("办事处", "委员会", "政府"))


# verbs that take the body after them as their object ("按照各自职责做好|学校安全工作"), never a name word
_OBJECT_TAKING_VERBS = frozenset({"做好", "搞好", "抓好", "办好", "管好", "落实", "加强", "开展", "保障", "服务", "需要"})


def _inner_verb(w: Words, j: int, start: int) -> bool:
    """Word j-1, right before the head, is a verb the lexicons do not list, after a name word."""
    word = w.words[j - 1]
    if j == start and j >= 2 and len(word) == 2 and w.words[j - 2] == "”" and not _is_punct(word) \
            and len(w.words[start]) >= 2:
        return _quote_start(w, j - 1) is not None       # "省“打非”|协调|领导小组", "“三合一”|整治|办公室"
    if j != start or j < 2 or len(word) != 2 or word in _STOP_WORDS or word in ADVERBS or _pos().get(word) != "v" \
            or word in _OBJECT_TAKING_VERBS:
        return False
    before = w.words[j - 2]
    if head_at(w, j - 1, {}) is not None:
        return False                                    # "区防汛指挥部|作为|区委": a body before it, the verb between two
    return not stops(before) and not _is_punct(before) and _pos().get(before) in ("n", "vn", "nz", "l", "s", None)


def _product_verb(w: Words, j: int) -> bool:
    """Word j-1 is a verb inside a product's name, between two nouns, the first opening its
    clause part ("。燃气|燃烧|器具", "，消防|控制|设备"): the verb names the product, not an act."""
    if j < 2 or j >= len(w):
        return False
    word, before = w.words[j - 1], w.words[j - 2]
    return (w.words[j] in _PRODUCTS and len(word) == 2 and _pos().get(word) == "v" and word not in _OBJECT_TAKING_VERBS
            and word not in _STOP_WORDS and word not in ADVERBS and word not in VERBS
            and len(before) >= 2 and _pos().get(before) == "n" and not stops(before)
            and (j == 2 or w.words[j - 3] in _PART_OPENERS))


# the products a verb names ("燃烧|器具", "爆炸|物品", "报警|装置"), and what opens a clause part
_PRODUCTS = frozenset({"器具", "设备", "设施", "器材", "装置", "物品", "产品", "用具", "仪器", "器械", "用品"})
_PART_OPENERS = frozenset({"，", "。", "；", "：", ",", ";", ":"})


def _affected_area_cut(w: Words, j: int) -> bool:
    """Words j-2, j-1 are "受灾|地" before a name the gazetteer forced to open with 区 or 市
    ("受灾|地|区人民政府"): jieba's 地区 cut in two."""
    return (j >= 2 and w.words[j - 1] == "地" and w.words[j - 2] in _AFFECTED and j < len(w)
            and w.words[j][:1] in ("区", "市"))


_LEVEL_SEPARATORS = ("、", "和", "或", "或者")


def _level_list_separator(w: Words, j: int) -> bool:
    """Word j-1 separates a level from the next one: "区|、|县（市）", "各区|、|县", "市|和|区", "市|或|县",
    "市|或者|区" (not "设区的|市|或者|县": a described level, whose description may run far)."""
    return j >= 2 and w.words[j - 1] in _LEVEL_SEPARATORS and w.words[j - 2].lstrip("各本") in _LEVEL_CHARS \
        and not (w.words[j - 1] == "或者" and j >= 3 and w.words[j - 3] == "的")


_DUTY_VERB_SET = frozenset(DUTY_VERBS)
_INSTITUTIONS = frozenset({"学校", "中小学校", "幼儿园", "托儿所", "医院", "院校", "高校"})
_ACTS_ON_INSTITUTIONS = frozenset({"管理", "维护", "处置", "调解", "保障", "服务", "保护", "建设", "监督", "指导",
                                   "检查", "监管", "治理", "救援"})
_PUBLIC_BODY_ENDS = ("部门", "机关", "政府")


# the verbs that name an event ("停电事件", "爆炸事故"), inside the name of the body set up for it
_EVENT_VERBS = frozenset({"停电", "断电", "停水", "断水", "停气", "爆炸", "泄漏", "坍塌", "垮塌", "倒塌", "溃坝", "中毒",
                          "踩踏", "拥挤", "沉船", "漏油", "失火", "断航"})
_EVENT_NOUNS = ("事件", "事故")


def left_edge(w: Words, start: int, used: set[int], public: bool = True, in_list: bool = False,
              keep_and: bool = False, names: tuple[str, ...] = ()) -> int:
    """The first word of the phrase whose head starts at word ``start``; ``names``: the
    document's own names, taken whole wherever jieba cut them ("三|防|指挥部|成员单位")."""
    j = start
    brackets = 0        # characters of long brackets of alternatives passed: no part of the length limit
    while j > 0:
        word = w.words[j - 1]
        if (j - 1) in used:
            break
        if word in PARTNER_BEFORE and j - 1 > 0:
            if _counted(w.words[j - 2]):
                j -= 1                                  # "6个|联合督导组": a joint team counted, no partner
                break
            if _place_named(w.words[j - 2]):
                j -= 1                                  # "中国|联合|网络通信…公司": a name, no partner
                continue
            if len(w.words[j]) > 2:
                break                                   # "省应急管理厅联合|省公安厅", not "钢铁联合|企业"
        if names:
            k = _defined_name_start(w, j, names)
            if k is not None and not used.intersection(range(k, j)):
                j = k
                continue
        if word == "”":
            k = _quote_start(w, j)
            if k is None:
                break
            j = k                                       # "省“打非”协调领导小组": a campaign's name inside
            continue
        if word and word[-1] in _CLOSE:
            k = _bracket_start(w, j)
            if k is None:
                break
            if w.end_char(j - 1) - w.starts[k] > 10:
                brackets += w.end_char(j - 1) - w.starts[k]
            j = k
            continue
        if word == "和" and j < start + 1 and (_internal_and(w, j, public, in_list) or (
                keep_and and j >= 2 and not stops(w.words[j - 2]) and not head_at(w, j - 1, {}))):
            j -= 1
            continue
        # (each helper's first test inlined: most words fail it)
        if word in _LEVEL_SEPARATORS and j - 1 < start and _level_list_separator(w, j):
            j -= 2                                      # "市和区、县（市）人民政府", "市或县（市、区）…": a list of levels
            continue
        if j == start and w.words[start][:1] in _LEVEL_CHARS and not _is_punct(word):
            place = _place_cut_before(w, start, ("ns",))     # (a place jieba knows as one, no 辐射区)
            if place is not None and not used.intersection(range(place, j)):
                j = place                               # "呈贡|县政府": jieba's 呈贡县, cut by the forced name
                continue
        if (j < start and (word.endswith(_GOVERNMENT_ENDS) or w.words[j][:1] in ("省", "市"))
                and _ends_body(w, j, start)) or (j <= start and _lower_level_after(w, j)):
            break                                       # "省应急厅|省财政厅": two bodies, the separator lost
        if word in _ACTS_ON_INSTITUTIONS and w.words[start] in _INSTITUTIONS:
            break                                       # "维护|学校安全", "所管理|学校": a school is no unit of a trade
        if j == start and _inner_verb(w, j, start):
            j -= 1                                      # "应急|排涝|队伍": a verb between name words qualifies
            continue
        if _product_verb(w, j):
            j -= 2                                      # "。燃气|燃烧|器具销售单位": the clause part is the name
            break
        if _affected_area_cut(w, j):
            j -= 1                                      # "受灾|地|区人民政府": 地区 cut by a forced name
            continue
        if word in _AFFECTED and w.words[j][:1] in _LEVEL_CHARS + ("地",):
            j -= 1                                      # "受灾|县级人民政府": the affected level's body
            break
        if j == start and _SESSION.fullmatch(word) and j >= 2 and _pos().get(w.words[j - 2]) == "ns":
            j -= 2                                      # "吉林省|第八届|人民代表大会常务委员会": its session
            break
        if word in _GOVERNING_IN_A_LIST and j >= 2 and w.words[j - 2] in ("、", "和", "及", "并"):
            break                                       # "指导、监督|学校和幼儿园": the list's last verb
        if word == "在" and j >= 2 and w.words[j - 2] == "中央" and len(w.words[j]) == 1:
            j -= 2                                      # "中央在|吉|金融监管部门": the centre's body in a province
            break
        named = _construction_names(w, j - 1)
        if named == "department" or (named == "unit" and (j == 1 or _is_punct(w.words[j - 2]))):
            j -= 1                                      # "建设|行政主管部门", "。建设|管理单位应当…"
            continue
        if word in _DUTY_VERB_SET and j >= 2 and w.words[j - 2].endswith(_PUBLIC_BODY_ENDS):
            break                                       # "主管部门|监督|回收单位": the department acts on the unit
        if word in _EVENT_VERBS and w.words[j] in _EVENT_NOUNS:
            j -= 1                                      # "大面积|停电|事件应急指挥部": the event the body is for
            continue
        if stops(word) or (len(word) == 1 and j >= 2 and w.words[j - 2] + word in _VERB_SET):
            break                                       # "筑|牢|消防专业救援队伍"
        if w.words[j] in LEVEL_WORDS and w.words[j] not in _PLACE_OF_WORDS and _pos().get(word) in ("v", "vn") \
                and word not in _QUALIFIERS and word not in _AFFECTED and word not in _SCOPE_WORDS:
            break                                       # "消化|地方政府…": a level opens a name, no verb before it
        if word in _QUALIFIERS and (j - 2 < 0 or _is_punct(w.words[j - 2])) and word in ("保障", "服务", "宣传"):
            break                                       # "，保障社会力量…": a verb opening the phrase
        if word in _GOVERNING_IN_A_LIST and (j - 2 < 0 or _is_punct(w.words[j - 2])) \
                and w.words[j] not in _FUNCTION_AFTER_GOVERNING:
            break                                       # "，监督|燃气经营者落实…" (not "监督|管理部门")
        if (word.endswith("领域") or (word.endswith("行业") and not public and w.words[j] not in ("管理", "主管", "协会"))) \
                and j - 1 < start - 1:                  # but "通信行业|管理办公室" is one name
            break                                       # "工贸行业|危险化学品使用单位"
        if w.starts[start] - w.starts[j - 1] > _MAX_CHARS + brackets:
            break
        j -= 1
    # a phrase does not begin with a bracket, nor with a verb that governs it ("建设|省级骨干专业救援队伍")
    while j < start and w.words[j] and (w.words[j][0] in _OPEN + _CLOSE or (
            w.words[j] in _LEADING_VERBS and (j + 1 < start or w.words[j] != "建设") and _construction_names(w, j) is None)):
        j += 1
    return j


def _construction_names(w: Words, k: int) -> Optional[str]:
    """What word k names if it is 建设 before a head construction names: "department" ("建设|行政主管部门"),
    "unit" ("建设|管理单位", a verb governing the unit unless it opens its clause part or a description
    brought the phrase before it), else None."""
    if w.words[k] != "建设" or k + 1 >= len(w):
        return None
    after = w.starts[k + 1]
    if w.text.startswith(_SECTOR_DEPARTMENTS, after):
        return "department"
    return "unit" if w.text.startswith("管理单位", after) else None


def _defined_name_start(w: Words, j: int, names: tuple[str, ...]) -> Optional[int]:
    """The first word of one of ``names`` that ends with word ``j-1`` on word boundaries."""
    end_char = w.end_char(j - 1)
    for name in names:
        start_char = end_char - len(name)
        if start_char >= 0 and w.text.startswith(name, start_char):
            k = w.word_at(start_char)
            if w.starts[k] == start_char:
                return k
    return None


@lru_cache(maxsize=1)
def _document_nouns() -> tuple[str, ...]:
    return tuple(_generic().get("document_nouns", []))


_READ_ON, _NOT_A_DOCUMENT, _A_DOCUMENT, _UNLESS_A_HEAD = range(4)
# verbs of writing a document (jieba tags 编制 a noun too: a department's staffing)
_DRAFTING_VERBS = frozenset({"编制", "拟定", "起草", "修订", "修编", "编写", "审定", "印发"})


@lru_cache(maxsize=1 << 16)     # a pure function of the word: asked for the words after every body
def _document_word(word: str) -> int:
    """What word ``word`` after a body tells qualifies_document: read on, the body is no
    document's qualifier, it is one, or read on unless a head ends with the word."""
    if word == "和":
        return _READ_ON                                 # "企业安全生产技术和管理团队"
    if word.endswith("责任") or word in GOVERNING_VERBAL_NOUNS or word in _DRAFTING_VERBS:
        return _NOT_A_DOCUMENT                          # "企业全员安全生产责任体系": the body is answerable;
                                                        # "会同公安部门|编制|方案": the body drafts it
    if len(word) > 2 and _pos().get(word[:2]) == "v" and word[:2] not in _QUALIFIERS:
        return _NOT_A_DOCUMENT                          # "…队伍战勤人数|符合标准": a verb comes first
    if word.endswith(_document_nouns()):
        return _A_DOCUMENT
    if _is_punct(word) or word in _CONJ or word in ADVERBS or stops(word):
        return _NOT_A_DOCUMENT
    return _UNLESS_A_HEAD                               # another body ends here: no document's qualifier


def qualifies_document(w: Words, end: int) -> bool:
    """'企业预案', '化工企业安全管理信息平台', '…维修中心建设标准': the body only qualifies
    the document or system that follows (up to a verb, a conjunction or another body)."""
    for i in range(end, min(end + 5, len(w))):
        says = _document_word(w.words[i])
        if says == _UNLESS_A_HEAD:
            if head_at(w, i + 1, _NO_EXTRA) is not None:
                return False
        elif says != _READ_ON:
            return says == _A_DOCUMENT
    return False


def inside_title(w: Words, i: int) -> bool:
    if "《" not in w.text:
        return False                                    # most clauses: no slice, no search
    before = w.before(i)
    return before.rfind("《") > before.rfind("》")


def _pair_inside(text: str) -> bool:
    return any(p in text for p in _name_pairs())


def org_phrases(w: Words, gazetteer_spans: dict[int, tuple[int, str]], extra_heads: dict[str, str],
                candidates: Optional[list[int]] = None, statute: bool = False) -> list[OrgPhrase]:
    """Organisation phrases of one clause, right to left so that phrases do not overlap.

    ``gazetteer_spans`` maps the first token of each gazetteer entity to (end token, kind);
    ``extra_heads`` are names the document defines (abbreviations) with their kind;
    ``candidates``, when given, are the indexes (in order) of the words ending in some set of
    characters that includes every head's last character (``head_end_chars(extra_heads)``): the
    caller's one pass over the words, shared with its other rules. In a ``statute`` a list
    before a category names one body per item ("供水、供电等公用企业" -> 供水公用企业), as its
    duties bind each; a plan's names the category ("危险化学品等重点行业企业").
    """
    ents_by_end = {end: (start, kind) for start, (end, kind) in gazetteer_spans.items()}
    extra = tuple(extra_heads.items())
    found: list[OrgPhrase] = []
    used: set[int] = set()
    group = 0
    # a phrase can end only after a gazetteer name or a word ending in a head's last character
    # (head_at finds nothing elsewhere, and most words are not asked): those ends, right to left
    head_chars = _head_end_chars(extra)
    ending = w.ending_in(head_chars) if candidates is None else [
        i for i in candidates if w.words[i][-1:] in head_chars]
    ends = sorted(set(ents_by_end).union(i + 1 for i in ending), reverse=True)
    names = tuple(n for n in extra_heads if len(n) > 2)   # the document's names jieba may cut (left_edge)
    limit = len(w)                                     # ends after it lie inside a phrase already found
    for end in ends:
        if end > limit or (end - 1) in used:
            continue
        if end in ents_by_end:
            h, kind = ents_by_end[end]
            head, gaz = w.slice(h, end), w.slice(h, end)
        else:
            hit = head_at(w, end, extra_heads)
            if hit is None or not used.isdisjoint(range(hit[0], end)):
                continue
            h, head, kind = hit
            gaz = None
        if inside_title(w, h) or (end < len(w) and qualifies_document(w, end)):
            continue
        if w.text.endswith(_COLLECTIVE_BEFORE, 0, w.starts[h]):     # (the text before word h, unsliced)
            continue                                   # "…等多个专项应急指挥部" sums up bodies already named
        group += 1
        phrases = _phrase(w, h, end, head, kind, gaz, used, group, names, ents_by_end, statute)
        if not phrases:
            continue
        found += phrases
        first = min(p.tokens[0] for p in phrases)
        used.update(range(first, end))
        limit = first
    group_head = _working_group_head(w, found)
    if group_head is not None:
        found.append(group_head)
    return sorted((_named_for_its_task(w, _without_definitions_verb(w, p))
                   for p in plausible(split_level_lists(w, found))), key=lambda p: p.span)


# a plan's working group, named by its task (经费保障组, 综合调度组; not a 领导小组)
WORKING_GROUP = re.compile(r"[^小]组$")
# an emergency plan's working group at the head of its entry ("抢险救助组：负责…", "（3）医疗救护与卫生
# 防疫组：…", a heading "（一）综合调度组职责"): any task names a group there, where elsewhere only the usual
# ones do (工作组, 专家组 …)
_GROUP_ENTRY = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）.．、]\s*|(?:\d{1,2}[.．]){1,3}\d{1,2}[.．、]?\s*)?"
                          r"((?!第|[一二三四五六七八九十]+组)[\u4e00-\u9fff]{1,10}[^编分改班机词小\W]组)(?:[：:]|[。．]?\s*$)")


def _working_group_head(w: Words, found: list[OrgPhrase]) -> Optional[OrgPhrase]:
    m = _GROUP_ENTRY.match(w.text)
    if m is None or any(p.span[0] < m.end(1) and m.start(1) < p.span[1] for p in found):
        return None
    first, last = w.word_at(m.start(1)), w.word_at(m.end(1) - 1)
    if w.starts[first] != m.start(1) or w.starts[last] + len(w.words[last]) != m.end(1):
        return None                                   # (a word across the name's edge: no clean name)
    name = m.group(1)
    return OrgPhrase(name, name, "组", "public", (m.start(1), m.end(1)), (first, last + 1))


def _without_definitions_verb(w: Words, p: OrgPhrase) -> OrgPhrase:
    """"本法所称X，是|指|国务院…": 指 defines, it is no part of the name (as 称 is, but 指 is also
    the last character of 市防指, so it is cut only where a definition puts it)."""
    if not p.surface.startswith("指") or len(p.surface) < 3 or w.words[w.word_at(p.span[0])] != "指" \
            or not w.text[:p.span[0]].endswith(("是", "，", "系", "即")):
        return p                    # (指定, 指令 …: a verb of its own, which the name's scan took whole)
    core = p.core[1:] if p.core.startswith("指") else p.core
    return replace(p, surface=p.surface[1:], core=core, span=(p.span[0] + 1, p.span[1]),
                   tokens=(w.word_at(p.span[0] + 1), p.tokens[1]))


# A group set up for a task is named by its level and the task ("县|城镇燃气安全专项整治工作|领导小组",
# "县|安全生产专项整治三年行动|领导小组"): the verbs and years of the task stopped the name's words
_TASK_GROUP_HEADS = ("领导小组", "工作小组", "工作组", "专班", "指挥部")
# (each character of the task: not one of another body, a setter or a relation — 政府, 设立, 由, 的, 局 …)
_TASK_BEFORE = re.compile(r"(?:^|(?<=[，；：。、,;:])|(?<=成立|设立|组建|建立|组织))(全?[省市县区镇乡])"
                          r"((?:(?!政府|人民|以上|设立|成立|组建|建立|部门)"
                          r"[^，。；：、,;:（）()“”《》\s由在向对的和及与级局厅办委]){2,24})$")


def _named_for_its_task(w: Words, p: OrgPhrase) -> OrgPhrase:
    if p.gazetteer or not p.core.endswith(_TASK_GROUP_HEADS) or p.core != p.surface:
        return p
    m = _TASK_BEFORE.search(w.text, 0, p.span[0])
    if m is None or m.end() != p.span[0]:
        return p
    start = m.start(1)
    after_level = w.word_at(m.end(1))
    if after_level < len(w) and w.starts[after_level] == m.end(1) and _pos().get(w.words[after_level]) == "v":
        return p                                    # "区|开展|专项整治工作组…": the level acts
    surface = w.text[start:p.span[1]]
    return replace(p, surface=surface, core=surface, span=(start, p.span[1]),
                   tokens=(w.word_at(start), p.tokens[1]))


_OBJECT_BEFORE = frozenset({"对", "向", "将", "把", "给"})


def _description_start(w: Words, start: int) -> int:
    """'有防汛任务的|部门', '暴雨灾害发生地的|单位': a 的-description that opens its clause part
    belongs to the body; elsewhere 的 ends the phrase."""
    if start < 2 or w.words[start - 1] != "的":
        return start
    trade = _trade_description_start(w, start)
    if trade is not None:
        return trade
    listed = _listed_description_start(w, start)
    if listed is not None:
        return listed
    k = start - 1
    levels_listed = False
    while k > 0:
        word = w.words[k - 1]
        if word and word[-1] in _CLOSE and k - 1 < start - 1:
            opening = _bracket_start(w, k)              # "县（市）|人民政府确定的|管理部门": a level's bracket
            if opening is None or opening == 0 or "、" in w.slice(opening, k):
                break                                   # (a list of levels is split by level_lists)
            k = opening
            while k >= 3 and w.words[k - 2] == "、" and w.words[k - 3] in _LEVEL_CHARS:
                k -= 2                                  # "区、|县（市）人民政府确定的|部门": one body, levels listed
                levels_listed = True
            continue
        if word in GOVERNING_BEFORE and k >= 2 and w.words[k - 2] in ("其", "接受", "受"):
            k -= 2                                      # "或者其委托的|…", "接受委托的|…": passive, no governing
            continue
        if _is_punct(word) or word in ("由", "及其", "和") or word in GOVERNING_BEFORE or _body_or(w, k):
            break
        if word in _OBJECT_BEFORE:
            return start                                # "有权对|负有…职责的|人民政府": an object, not a subject's description
        k -= 1
    if w.words[k] == "他" and k > 0 and w.words[k - 1].endswith("其"):
        k += 1                                          # "及其|他|有防汛任务的单位": jieba's cut of 其他
    desc = w.slice(k, start - 1)
    described = desc.rsplit("、", 1)[1] if levels_listed else desc   # (its 、 lists levels)
    if not 2 <= len(desc) <= 16 or any(x in described for x in _DESCRIPTION_STOPS) or desc.startswith(_OPENS_ADVERBIAL):
        return start
    if w.words[k] in VERBS and w.words[k] not in ("承担", "参与") and not (
            "的" not in desc and (_body_or(w, k) or (w.words[k - 1] == "和" and head_at(w, k - 1, {})))) \
            and not _bare_subject_described(w, k, start):
        return start            # but "建设单位或者|从事施工作业的单位": a list's item described
    return k


_LISTED_BODIES = re.compile(r"等|公司|集团|协会|学校|医院")     # bodies listed before: the enumeration reader's
# a preposition opens an adverbial, not a description ("对|…的单位")
_OPENS_ADVERBIAL = ("对", "向", "在", "为", "将", "按", "依", "根据", "经")
_BARE_HEADS = ("机构", "单位", "部门", "机关")


def _bare_head_bound(w: Words, start: int) -> bool:
    """Word ``start`` is a bare head a modal binds ("…的|机构应当…", "…的|单位，应当…")."""
    return w.words[start] in _BARE_HEADS and _modal_after(w, start + 1)


def _listed_description_start(w: Words, start: int) -> Optional[int]:
    """"受到自然灾害危害或者发生事故灾难、公共卫生事件的|单位，应当…", "收到检举、控告的|机关，应当…":
    a description with a list in it, opening its clause part, of a bare head bound by a modal
    after it: the part's first word, or None."""
    if not _bare_head_bound(w, start):
        return None
    j = start - 1
    while j > 0 and not (_is_punct(w.words[j - 1]) and w.words[j - 1] != "、"):
        j -= 1
    while j < start - 1 and w.words[j] in ("以及", "和", "及", "并", "或者", "其他"):
        j += 1                                          # "，以及|发生火灾可能造成…的单位"
    text = w.slice(j, start - 1)
    if "、" not in text or not 4 <= len(text) <= 30 or "的" in text or BODY_OR_DUTY.search(text) \
            or _LISTED_BODIES.search(text) \
            or text.startswith(_OPENS_ADVERBIAL + ("由",)):
        return None
    return j


def _bare_subject_described(w: Words, k: int, start: int) -> bool:
    """"实施安全技术检验的|机构应当…": a bare head named only by what it does, opening its clause
    part and bound by a modal, is described by the verb phrase before it."""
    return (k == 0 or _is_punct(w.words[k - 1])) and _bare_head_bound(w, start)


# a unit described by the trade it carries on, its objects listed ("从事安全评价、检测、审计等业务的|单位",
# "出租起重机械、…等架设设施和盾构机械的|单位"): the whole clause part before the 的 describes it
_TRADE_DESCRIPTION = re.compile(r"^(?:从事|出租|承租|承接)[^，。；：！？]{2,40}的$")


def _trade_description_start(w: Words, start: int) -> Optional[int]:
    """The first word of a trade description with listed objects ending at word ``start-1`` (its
    的), or None."""
    j = start - 1
    while j > 0 and not (_is_punct(w.words[j - 1]) and w.words[j - 1] != "、"):
        j -= 1
    text = w.slice(j, start)
    if "、" in text and _TRADE_DESCRIPTION.match(text) and not BODY_OR_DUTY.search(text):
        return j
    return None


_ROLE_NOUN_HEADS = ("单位", "部门", "机构", "机关")
_NOT_ROLE_VERBS = frozenset(GOVERNING_BEFORE) | frozenset(COOPERATE_VERBS) | {
    "组织", "督促", "要求", "指导", "通知", "责令", "委托", "告知", "支持", "鼓励", "引导", "帮助", "协调", "动员", "发现",
    "检查", "监督", "处罚", "向", "对", "下列", "上述"}


_AGENT_MARKERS = frozenset({"由", "经"})     # what names the one who acts: "由|任免机关…给予处分"


def _role_noun_start(w: Words, start: int, h: int, end: int, head: str, gaz: Optional[str]) -> int:
    """A bare unit named by what it does in the matter, the subject of a modal: "报送|单位应当续报…",
    "应急预案制定|单位应当…", "专职消防队的组建|单位应当…", "审查|部门及其…人员对…负责" -> the verb
    is the name's (报送单位); a verb that governs the unit ("通知|单位") is not."""
    if gaz or start != h or head not in _ROLE_NOUN_HEADS or w.slice(h, end) != head or h < 1:
        return start
    verb = w.words[h - 1]
    if len(verb) != 2 or verb in _NOT_ROLE_VERBS or _pos().get(verb) != "v":
        return start
    before = w.words[h - 2] if h >= 2 else "，"
    if before in _AGENT_MARKERS:
        return h - 1                                    # "由|任免|机关或者监察机关给予处分", "经|发证|机关…"
    if not (_is_punct(before) or before == "的" or _pos().get(before) in ("n", "vn", "nz", "l")
            or (before not in _pos() and len(before) > 2 and not stops(before))):     # ("应急预案|制定|单位")
        return start
    k = end + 2 if end + 1 < len(w) and w.words[end] in ("及其", "和", "以及") else end
    if not (_modal_after(w, end) or (k > end and _modal_after(w, k))):
        return start
    return h - 1 if _is_punct(before) or before == "的" else h - 2      # ("应急预案制定单位": the matter's noun too)


def _modal_after(w: Words, end: int) -> bool:
    """A modal follows word ``end`` (after a comma): the list is a subject, so a governing verb
    before its description is the description's ("组织|处置突发事件的人民政府和有关部门，应当…")."""
    if end < len(w) and w.words[end] in ("，", ","):
        end += 1
    return end < len(w) and w.words[end] in MODALS


def _body_or(w: Words, k: int) -> bool:
    """Word k-1 is 或/或者 after a body ("所在单位或|有管理权的部门"), not between two
    attributes of one ("不具备安全生产条件或者|相应资质的单位")."""
    return k >= 2 and w.words[k - 1] in ("或", "或者") and head_at(w, k - 1, {}) is not None


# "负责X的部门": X is the matter; a body that takes an object is no matter ("负责指导各地的部门").
_FUNCTION_HEADS = ("部门", "机构", "机关", "主管部门", "行政管理部门", "人民政府", "单位")
_NO_MATTER = re.compile(r"^(?:组织|指导|协调|督促|监督指导|召集|联系|通知|配合|协助|会同|向|对|与|将|把|为|在)")
_OWNER_HEADS = ("人民政府", "政府", "国务院")


def _function_start(w: Words, start: int, head: str, used: set[int]) -> int:
    """Statutes name a department by its matter: "（国务院|县级以上地方各级人民政府）负责特种设备安全
    监督管理的|部门". The matter and the government that owns the department are its name (the
    government gives its level); a 负责 elsewhere is a verb and ends the phrase as before."""
    if head not in _FUNCTION_HEADS or start < 3 or w.words[start - 1] != "的":
        return start
    k = start - 2
    while k >= 0 and w.words[k] != "负责":
        word = w.words[k]
        if (k in used or (_is_punct(word) and word != "、") or word in ("应当", "可以", "负责人", "的")
                or w.starts[start] - w.starts[k] > 32):
            return start
        k -= 1
    matter = w.slice(k + 1, start - 1)
    if k < 0 or not 2 <= len(matter) <= 30 or _NO_MATTER.match(matter):
        return start
    if k == 0 or (k - 1) in used:
        return k
    owner = head_at(w, k, {})
    if owner and owner[1] in _OWNER_HEADS:
        return left_edge(w, owner[0], used)
    return k - 1 if w.words[k - 1] == "国务院" else k


_DESCRIPTION_STOPS = ("及其", "以及", "及", "或", "应当", "负责", "发布", "制定", "批准", "提供", "要求", "规定", "组织", "按照", "根据", "依照",
                      "需要", "可以", "必须", "和", "、", "是", "为")


def _place_cut_before(w: Words, h: int, tags: tuple[str, ...] = ("ns", "n", "nr")) -> Optional[int]:
    """The first of the words before word ``h`` (a name opening with a level: "区人民政府") that spell,
    with that level, a place in jieba's dictionary ("李|沧" + 区: 李沧区, "市南" + 区, "浦东|新" + 区):
    the place the forced name cut off. None when none does."""
    level = w.words[h][0]
    spelled = ""
    for k in range(h - 1, max(h - 4, 0) - 1, -1):
        spelled = w.words[k] + spelled
        if len(spelled) > 4 or _is_punct(w.words[k]):
            return None
        if len(spelled) >= 2 and _pos().get(spelled + level) in tags and spelled + level not in _NOT_PLACES:
            return k
    return None


# dictionary words ending in a level character that are no place ("地区", "城区", "市区" …)
_NOT_PLACES = frozenset({"地区", "城区", "市区", "郊区", "山区", "灾区", "辖区", "园区", "社区", "小区", "景区", "矿区", "库区",
                         "老城区", "新城区", "主城区", "中心城区", "开发区", "保护区", "风景区", "示范区", "试验区",
                         "片区", "街区", "校区", "牧区", "林区", "湖区", "港区", "市县", "城市", "都市", "省市", "县市",
                         # levels, not places ("省、自治区、直辖|市人民政府" is a list of levels)
                         "直辖市", "自治区", "自治州", "自治县", "自治旗", "县级市", "地级市", "省辖市", "副省级市",
                         "计划单列市", "地市", "市辖区", "行政区", "特别行政区", "经济特区", "新区"})


def _modifies_a_trade(w: Words, k: int) -> bool:
    """Word k is a noun that opens its sentence right before an enterprise's name ("。管道|燃气经营企业")."""
    word = w.words[k]
    return (len(word) >= 2 and _pos().get(word) in ("n", "nz", "vn") and not stops(word)
            and word not in LEVEL_WORDS and word not in _SCOPE_WORDS and word not in _SITUATION_WORDS
            and (k == 0 or w.words[k - 1] in ("。", "；", "：")))   # (not "，助力|市场主体")


_OWNED_BODY_ENDS = _DEPARTMENT_HEADS + ("机构", "机关", "指挥部", "中心")


def _gazetteer_edge(w: Words, h: int, used: set[int], enterprise: bool = False) -> int:
    """A gazetteer name is whole: only level, scope and situation words join it on the left
    ("县（市、区）|应急管理部门", "灾区|应急管理部门"), never other words ("列入|各级党委和政府")."""
    j = h
    while j > 0 and (j - 1) not in used:
        word = w.words[j - 1]
        if word == "”":
            k = _quote_start(w, j)
            if k is None:
                break
            j = k                                       # "省“打非”协调领导小组": a campaign's name inside
            continue
        if word and word[-1] in _CLOSE:
            k = _bracket_start(w, j)
            if k is None:
                break
            before = w.words[k - 1] if k > 0 else ""
            if not (before in LEVEL_WORDS or before.endswith(_LEVEL_CHARS) or before in _SITUATION_WORDS):
                break                                   # "受灾县（市、区）" belongs together or not at all
            j = k
            continue
        if word.endswith(_LEVEL_CHARS) and re.sub("^(?:受灾|灾区|各)", "", word) in LEVEL_WORDS:
            j -= 1                                      # "受灾县", "各县|（市、区）"
            continue
        if _level_list_separator(w, j) and (j < h or level_then_name(w.text, w.starts[h])):
            j -= 2                                      # "各区、县（市）|市场监督管理部门": a list of levels
                                                        # ("市、|区安全生产委员会": the name holds the last)
            continue
        if (word in LEVEL_WORDS or word in _SCOPE_WORDS or word in _SITUATION_WORDS or word in load_gazetteer().places
                or word in ("人民政府", "人民", "政府", "地方")):    # its owner: "县级以上地方人民政府|燃气管理部门"
            j -= 1
            continue
        if j == h and word.endswith("人民政府") and word[:-4] in _LEVEL_CHARS \
                and w.words[h].endswith(_OWNED_BODY_ENDS):
            # "省人民政府|应急管理部门": the level's government owns the department (the forced name
            # "区人民政府" may have cut "受灾|地|区": the affected area's)
            j -= 3 if _affected_area_cut(w, j - 1) else 1
            continue
        if j == h and w.words[h][:1] in _LEVEL_CHARS:
            place = _place_cut_before(w, h)
            if place is not None:
                j = place                               # "李|沧|区人民政府": jieba's 李沧区, cut by the forced name
                continue
        if j == h and w.words[h][:1] in _LEVEL_CHARS and _pos().get(word) == "ns":
            j -= 1                                      # "河南|省人民政府": any place the gazetteer does not list
            continue
        if j == h and enterprise and _modifies_a_trade(w, j - 1):
            j -= 1                                      # "管道|燃气经营企业", "瓶装|燃气经营企业": a narrower class
        break
    while j < h and w.words[j] and w.words[j][0] in _OPEN + _CLOSE:
        j += 1
    return j


def level_then_name(text: str, at: int = 0) -> bool:
    """"区|安全生产委员会": a level before a body's name (not "区镇（街道）", a level itself)."""
    return text[at:at + 1] in _LEVEL_CHARS and text[at + 1:at + 2] not in "省市区县乡镇村街（("


def _whole_name(gaz: str) -> bool:
    """A specific gazetteer name (应急管理部门, 各级党委和政府), not a generic head (政府, 企业)."""
    return len(gaz) >= 4 and gaz not in ("人民政府", "各级政府")


# persons and their titles ("受灾群众", "副市长", "司令员"): never an item of a list of bodies
_PERSONS = PERSON_ENDINGS + ("长", "主任", "书记", "政委")
_SITUATION_WORDS = {"灾区", "受灾", "受灾地区", "受影响地区", "重灾区", "当地", "属地", "所在地", "事发地", "各地"}


def _phrase(w: Words, h: int, end: int, head: str, kind: str, gaz: Optional[str], used: set[int], group: int,
            names: tuple[str, ...], ents_by_end: dict, statute: bool = False) -> list[OrgPhrase]:
    if gaz and _whole_name(gaz):
        start = _gazetteer_edge(w, h, used, kind == "enterprise")
    else:
        start = left_edge(w, h, used, kind == "public", names=names)
    start = _role_noun_start(w, start, h, end, head, gaz)
    own_start = start
    if gaz is None:
        by_function = _function_start(w, start, head, used)
        start = by_function if by_function < start else _description_start(w, start)
    elif gaz in _OWNER_HEADS[:2]:
        # "有关区域的|人民政府": the bare head described, where no list runs into the description;
        # "负责事故调查的|人民政府": a government named by its matter, as a department is
        by_function = _function_start(w, start, "人民政府" if w.slice(start, end).endswith("人民政府") else gaz, used)
        described = by_function if by_function < start else _description_start(w, start)
        if described == 0 or w.words[described - 1] not in ("、", "和", "及其"):
            start = described
    text = w.slice(start, end)
    if not text:
        return []
    main = OrgPhrase(text, text, head, kind, (w.starts[start], w.end_char(end - 1)), (start, end), gaz, group)
    own = w.slice(own_start, end)
    if start < own_start and own not in _generic().get("needs_qualifier", []) and own not in ("单位",):
        main.core = own                                 # "非本市登记的|电梯维护保养单位": the body is its name
    token = w.words[h]
    if start == h and gaz is None and len(token) > len(head) and token.endswith(head):
        lead = token[:-len(head)]
        # (but a department named by what it does keeps it: "建设部门", "宣传部门" are one word to jieba)
        named_by_work = head == "部门" and lead in _LEADING_VERBS
        if (lead in _STOP_WORDS or lead in VERBS or _pos().get(lead) in ("v", "p", "d")) and not named_by_work:
            main.core = main.surface = text[len(lead):]      # "委托|企业"
            main.span = (main.span[0] + len(lead), main.span[1])
    # "市及区（镇）财政部门": a list of levels before the body
    if start >= 2 and w.words[start - 1] in ("及", "和") and w.words[start - 2] in ("市", "区", "县", "省", "镇"):
        start -= 2
        main.core = main.surface = w.slice(start, end)
        main.span, main.tokens = (w.starts[start], main.span[1]), (start, end)
    if gaz and start == h and start > 0 and w.words[start - 1] == "、" and len(gaz) > 2 and gaz.endswith("部门"):
        head = "部门"           # "财政、应急管理部门": the sectors before a named department share its 部门
    elif start == h and start > 0 and w.words[start - 1] == "、" and _named_by_activity(head) \
            and w.slice(start, end) == head:
        head = main.head = head[-2:]    # "检验、检测机构": activities before an activity's body share its 机构
    items = _items_before(w, start, used, head, kind, ents_by_end, statute)
    if not items and statute and own_start > 0 and w.words[own_start - 1] == "的":
        listed = sector_units(w.text, w.starts[own_start], own)
        if listed is not None:
            return _sector_phrases(w, listed, main, head, group)
    if items and items[0] == (-1, -1, False):
        main.tokens = (_list_start(w, start, used), end)   # the list qualifies the category: one role
        ents_by = {s_: (e_, k_) for e_, (s_, k_) in ents_by_end.items()}
        bodies = [it for it in items[1:]]
        if not bodies:
            return [main]
        out = _split_items(w, OrgPhrase(main.surface, main.core, head, kind, main.span, main.tokens, gaz, group),
                           bodies, head, kind, group, ents_by)
        return [p for p in out if p.core != main.core] + [main]
    if not items:
        return [main]
    ents_by = {start: (end, kind) for end, (start, kind) in ents_by_end.items()}
    return _split_items(w, main, items, head, kind, group, ents_by)


def _sector_phrases(w: Words, listed: SectorList, main: OrgPhrase, head: str, group: int) -> list[OrgPhrase]:
    """The units of each sector listed before a described head, sharing the role read after it;
    the described head itself only after 其他 (after 等 it is their category)."""
    first = w.word_at(listed.first)
    tokens = (first, main.tokens[1])
    out = [OrgPhrase(u.surface, u.name, head, "enterprise", u.span, tokens, None, group) for u in listed.units]
    if listed.described:
        main.core, main.tokens, main.kind = listed.described, tokens, "enterprise"
        out.append(main)
    return out


_COUNT = re.compile(r"^[一二三四五六七八九十两几百\d]+(?:[家个支类大所项])?$")
_CLASSIFIER = ("家", "个", "支", "类", "大", "所", "项")


def _etc_end(w: Words, start: int) -> int:
    """Where the enumeration before word ``start`` ends: before the count that follows its 等
    ("A、B等|四家|通信企业", "等|5|个|部门"), else ``start``."""
    k = start
    if k > 0 and w.words[k - 1] in _CLASSIFIER and k > 1 and _COUNT.match(w.words[k - 2]):
        k -= 2
    elif k > 0 and _COUNT.match(w.words[k - 1]):
        k -= 1
    return k if k < start and k > 0 and w.words[k - 1] == "等" else start


def _list_start(w: Words, start: int, used: set[int]) -> int:
    """First word of the enumeration "A、B等" that ends at word ``start`` (its 等)."""
    j = _etc_end(w, start) - 1
    while j > 0:
        k = left_edge(w, j, used, False, True)
        if k >= j:
            break
        j = k
        if j > 0 and w.words[j - 1] in ("、", "和", "及"):
            j -= 1
            continue
        break
    return j


# the departments directly under one level's government ("县直有关部门", "市直各单位"), which
# share their head with no level listed before them; a level, with its alternatives
_DIRECTLY_UNDER = re.compile(r"[省市县区]直")
# an office's head as the last character of a list item (not 厅: "餐厅、厨房", "指挥大厅" are rooms)
_OFFICE_ENDS = ("办", "局", "委")
_COMPANY_THEN_MORE = re.compile(r"(?:公司|集团)(?![\u4e00-\u9fff]*(?:公司|集团|分行|支行)$)[\u4e00-\u9fff]")
_A_LEVEL = re.compile(r"各?(?:[省市县区乡镇]|乡镇|县市区|区县|县区)(?:（[^（）]{1,8}）)?")


# what an enumeration of duties, measures or documents ends its items with
# (not the words a department's field may end in: 经济信息, 市政基础设施, 计划, 电力系统)
_ABSTRACT_ITEMS = ("责任", "措施", "意见", "举措", "机制", "要求", "职责", "能力", "任务", "精神", "部署",
                   "预案", "平台", "制度", "体系", "方案", "清单", "标准", "规范")


def _items_before(w: Words, start: int, used: set[int], head: str, kind: str, ents_by_end: dict,
                  statute: bool = False) -> list[tuple[int, int, bool]]:
    """Enumeration items left of a phrase: [(first word, end word, is_body)], leftmost first."""
    if start == 0:
        return []
    list_end = _etc_end(w, start)
    etc = w.words[list_end - 1] == "等"
    if not etc and w.words[start - 1] not in ("、", "和", "及", "以及"):
        return []
    items: list[tuple[int, int, bool]] = []
    main_text = "".join(w.words[start:])
    main_mod = main_text[:main_text.find(head)] if head in main_text else ""   # the words before the head
    # what an etc-list's category says of its items ("…等人员密集场所经营单位": places of that kind)
    category = main_mod if etc else ""

    def _of_the_category(place: str) -> bool:
        return bool(category) and (place in category or place[-1] == "区" and "区" in category)

    # zones listed before their committee share it ("东湖高新技术开发区、…和东湖风景区管委会")
    zones_committee = not etc and head in _ZONE_COMMITTEES and main_mod.endswith(_ZONES)

    def item_ending_at(e: int) -> Optional[tuple[int, int, bool]]:
        if e <= 0 or (e - 1) in used:
            return None
        if e in ents_by_end:
            g = ents_by_end[e][0]
            edge = _gazetteer_edge(w, g, used) if _whole_name(w.slice(g, e)) else left_edge(w, g, used, kind == "public",
                                                                                          in_list=True)
            return edge, e, True
        hit = head_at(w, e, {})
        if hit and _closes_an_etc_list(w, hit[0]):
            return None                                 # "A、B等单位|和新闻媒体", "A、B等（有关）部门|和单位",
                                                        # "A、B等部门|和消防救援机构": 部门 closes its own list
        # inside a list "和" joins one item's words ("住房保障和房产管理、经济和信息化等部门") unless it
        # is the list's last separator
        keep_and = (etc and list_end == start) or (e < len(w) and w.words[e] == "、")   # (counted: items)
        s = left_edge(w, hit[0] if hit else e, used, kind == "public", in_list=True, keep_and=keep_and)
        if hit:
            s = min(s, _function_start(w, s, hit[1], used))   # "负责X的部门和有关部门": no bare 部门 item
            if s == hit[0] and w.slice(s, e) == hit[1]:
                s = _description_start(w, s)            # "有防汛任务的部门和单位": both described
        if s >= e and w.words[e - 1] in _LEADING_VERBS and w.words[e] in ("、", "等"):
            s = e - 1                                   # "宣传、网信等部门": a sector, not a verb governing the list
        own = s                                         # where the item's own words start
        if head.endswith("部门") and not hit and s < e:
            s = _owning_government_start(w, s, used)   # "县级以上人民政府|教育、公安等部门": its departments
        text = w.slice(s, e)
        if _DIRECTLY_UNDER.match(main_text) and _A_LEVEL.fullmatch(text):
            return None                                 # "各乡镇（街道）、|县直有关部门": the level's governments
        if _COMPANY_THEN_MORE.search(text):
            return None                                 # "桓仁矿业有限公司出资、|县政府": a whole name and its verb
        place = next((x for x in _PLACE_ENDINGS if text.endswith(x)), None)
        if s >= e or len(w.slice(own, e)) > 14 or len(text) < 2 or (
                place and not _of_the_category(place) and not (zones_committee and text.endswith(_ZONES))) or (
                not hit and text.endswith(_PERSONS) and not etc):
            return None                                 # "受灾群众和有关单位", "副市长、…": persons are no body's item
        if not hit and text.endswith(_ABSTRACT_ITEMS):
            return None                                 # "企业主体责任、部门监管责任和|地方党委政府…": a list of
                                                        # duties or measures, no bodies sharing a head
        # (an item ending in an office's head is one of its own, whatever jieba made of it:
        # "市民|防办、市地震局" is no 民防办局)
        return s, e, bool(hit) or text.endswith(_OFFICE_ENDS)

    j = list_end
    descriptive = False
    if etc:
        # (a count says the items are that many bodies: "电信、移动、联通和铁塔等四家通信企业")
        descriptive = main_mod and list_end == start and not re.fullmatch(
            r"(?:有关|相关|其他|各|各类|职能|主管|行政主管|行政管理|专业|有关主管|相关主管|等|(?:人民)?政府|行政)*", main_mod)
        item = item_ending_at(j - 1)
        if item is None:
            return []
        items.append(item)
        j = item[0]
    while j > 1 and w.words[j - 1] in ("、", "和", "及", "以及"):
        item = item_ending_at(j - 1)
        if item is None:
            break
        if item[2] and items and w.words[j - 1] == "和" and head in _ACTIVITY_HEAD_TAILS and not any(
                b for _, _, b in items):
            break               # "…维护保养单位|和|检验、检测机构": two lists of activities, each its own head
        items.append(item)
        j = item[0]
    if etc and descriptive and not (statute and not head.endswith("政府")) and not all(b for _, _, b in items):
        # "危险化学品、建筑施工等重点行业企业": one kind of body; bodies in such a list stay bodies
        return [(-1, -1, False)] + [it for it in items if it[2]]
    if not etc and items:
        if "的" in main_mod and all(_is_activity(w.slice(s, e), False) for s, e, b in items if not b):
            # "从事生产、销售、维修消防产品的单位": the items are the description's verbs, not bodies
            # (nouns share the head: "公路、…通信等建设工程的主管部门" -> 公路主管部门)
            items = [it for it in items if it[2]]
            if not items:
                return []
        # (单位/企业 lists, and 机构 ones whose body is named by an activity: "检验、检测机构")
        named_by_activity = head in _ACTIVITY_HEAD_TAILS and _named_by_activity(main_mod + head)
        activities = (head in _DUTY_LIST_HEADS or named_by_activity) and _activity_list(
            [w.slice(s, e) for s, e, b in reversed(items) if not b], main_mod)
        if main_text.startswith(head) or (kind == "enterprise" and not activities and any(
                len(w.slice(s, e)) > 2 for s, e, b in items if not b) and (w.words[start - 1] == "、" or j > 0 and w.words[j - 1] == "、")
                and ("的" in main_mod or not _field_list([w.slice(s, e) for s, e, b in items if not b] + [main_mod]))):
            items = [it for it in items if it[2]]        # a bare head has no siblings ("业务培训、政府…")
            if not items:
                return []
    if not etc and items and w.words[start - 1] != "、" and not (j > 0 and w.words[j - 1] == "、") \
            and not _fields_before_and(w, items, main_mod):
        # "A和B<head>" with no list: a pair of bodies only when A is one itself or the head is
        # not a department's ("专职和兼职消防队伍"); department pairs were kept whole by left_edge
        if not items[0][2] and kind == "public" and head.endswith(_DEPARTMENT_HEADS):
            return []
    return list(reversed(items))


# what a department's field is not: a rule or a document ("依照法律、行政法规和国务院财政部门的规定"),
# an owner or a scope ("中央和国家机关有关部门")
_NOT_A_FIELD = ("法律", "法规", "规章", "规定", "措施", "负责人")
_OWNER_OR_SCOPE = re.compile(r"国务院|政府|中央|国家|上级|本级|有关|相关|其他|各|的")


def _fields_before_and(w: Words, items: list[tuple[int, int, bool]], main_mod: str) -> bool:
    """"发展改革、财政和民政部门", "工信、供销和粮食部门": fields listed with 、 and the last joined by
    和 share the department's head, as they do in "A、B、C部门"."""
    if not main_mod or len(main_mod) > 8 or _OWNER_OR_SCOPE.search(main_mod):
        return False
    fields = [w.slice(s, e) for s, e, _ in items]
    # (fields named with 和 themselves, "发展和改革、经济和信息化主管部门", leave the last 和 unread)
    return (any(s > 0 and w.words[s - 1] == "、" for s, _, _ in items[:-1])
            and all(not body and 2 <= len(x) <= 6 and "和" not in x and not x.endswith(_NOT_A_FIELD + _document_nouns())
                    for x, (_, _, body) in zip(fields, items)))


def _object_of_activities(w: Words, described: int, items: list[tuple[int, int, bool]], phrases: list[OrgPhrase],
                          main: OrgPhrase, head: str, tail_mod: str) -> None:
    """"危险物品的|生产、经营、储存、装卸单位": the thing the activities are done to names each unit
    (危险物品生产单位), as the first item's own object does ("电梯制造、经营、使用等单位"). The
    activities run to the first unit the list names ("…、储存单位以及矿山、…单位")."""
    start = items[0][0]
    if described >= start or head not in _DUTY_LIST_HEADS or w.words[start - 1] != "的":
        return
    if described > 0 and w.words[described - 1][-1:] in _CLOSE:
        return                              # (the thing's name begins before: "场（厂）|内专用机动车辆的…")
    thing = _REFERRING.sub("", w.slice(described, start - 1))
    if not thing or len(thing) > 8 or not all(_pos().get(x) in _NOUN_TAGS for x in plain_words(thing)):
        return                              # (a thing, not "合同中列明的|施工、监理单位")
    run = next((k + 1 for k, (_, _, body) in enumerate(items) if body), None)
    named = phrases[:run] if run else phrases + [main]
    mods = [p.core[:-len(head)] if p.core.endswith(head) else p.core for p in named]
    if len(named) < 2 or not all(_is_activity(m) for m in mods):
        return
    for p in named:
        if p.core.endswith(head) and not p.gazetteer and not p.core.startswith(thing):
            p.core = thing + p.core


_NOUN_TAGS = ("n", "nz", "ns", "l", "b", "j")
_REFERRING = re.compile(r"^(?:前款|本款|本条|前述|上述|所述)")


def _field_list(items: list[str]) -> bool:
    """"矿山、金属冶炼、建筑施工、运输|单位": sectors or trades (a thing and what is done with
    it), each naming the units working in it."""
    labels = sector_labels()

    def trade(x: str) -> bool:
        words = plain_words(x)
        return len(words) <= 3 and _is_activity(words[-1], False) and all(_pos().get(y) in _NOUN_TAGS for y in words[:-1])
    return all(x in labels or trade(x) for x in items)


# the words a statute's government is qualified by ("县级|以上|地方|人民政府")
_GOVERNMENT_LEVEL_WORDS = frozenset({"人民", "以上", "地方", "各级", "本级", "同级", "上级", "县级", "市级", "省级", "设区", "的"})


def _owning_government_start(w: Words, s: int, used: set[int]) -> int:
    """A list of departments whose first item follows a government with no separator belongs to
    it ("县级以上人民政府|教育、公安等部门"): the government's first word, else ``s``."""
    if s == 0 or (s - 1) in used or not w.words[s - 1].endswith(("人民政府", "政府")) or w.words[s][:1] in _LEVEL_CHARS:
        return s
    k = s - 1
    while k > 0 and (k - 1) not in used and (w.words[k - 1] in LEVEL_WORDS or w.words[k - 1] in _GOVERNMENT_LEVEL_WORDS):
        k -= 1
    if _affected_area_cut(w, k):
        k -= 2                                          # "受灾|地|区人民政府|应急管理、财政等部门"
    if k > 0 and (w.words[k - 1] in ("和", "、", "及", "或", "或者") or w.words[k - 1][-1:] in _CLOSE):
        return s            # a list of levels ("县级和设区的市级…", "市、县（市、区）人民政府…"): level_lists' business
    return k


def _closes_an_etc_list(w: Words, h: int) -> bool:
    """The head at word h follows 等 (scope words between: "A、B等有关|部门")."""
    while h > 0 and w.words[h - 1] in ("有关", "相关", "其他"):
        h -= 1
    return h > 0 and w.words[h - 1] == "等"


_TOWNSHIPS = frozenset({"乡镇", "乡（镇）", "乡", "镇"})


def _a_levels_government(w: Words, level: str, head: str, items: list[tuple[int, int, bool]]) -> bool:
    """A level listed bare stands for its government: before a government ("县（市、区）、|乡（镇）人民政府
    以及国有林场"), or a township beside a street office ("（有…任务的）乡镇、街道办事处")."""
    return (level in LEVEL_WORDS and any(listed and w.slice(s, e).endswith("人民政府") for s, e, listed in items)
            or head == "办事处" and level in _TOWNSHIPS)


def _split_items(w: Words, main: OrgPhrase, items: list[tuple[int, int, bool]], head: str, kind: str,
                 group: int, ents_by: Optional[dict] = None) -> list[OrgPhrase]:
    """One phrase per item: an item that is a body itself stays as it is; the others take the
    head (after 等: the category without its scope words; "专职|和兼职消防队伍": the item takes
    the place of the tail's first word)."""
    out: list[OrgPhrase] = []
    start = main.tokens[0]
    etc = start > 0 and w.words[_etc_end(w, start) - 1] == "等"
    tail_words = w.words[start:main.tokens[1]]
    tail_text = "".join(tail_words)
    tail_mod = tail_text[:-len(head)] if tail_text.endswith(head) else ""
    if etc:
        # ("等两个|以上单位"; "等政府有关部门": the government's departments, 商务部门)
        # ("等各有关部门", "等各政府职能部门": scope words in any order, each dropped)
        share = re.sub(r"^(?:以上|以下)?(?:(?:人民)?政府|有关|相关|其他|各类|各|职能)*", "", tail_mod) + head
    else:
        # "专职|和兼职消防队伍": an attribute pair shares what follows the attribute
        pair = start > 0 and w.words[start - 1] in ("和", "及") and len(items) == 1 \
            and len(re.sub(r"^基层", "", w.slice(items[0][0], items[0][1]))) <= 3
        mod_words = plain_words(tail_mod) if pair and tail_mod else []     # jieba's cut only where it is read
        shared_mod = "".join(mod_words[1:])
        # (nothing shared unless it has two words or more, nor a description's tail: "省级和|设区的市级…")
        share = ("" if shared_mod.startswith("的") else shared_mod) + head
        if not pair and head in ("单位", "企业") and tail_mod:
            # "森林、林木、|林地经营单位", "危险化学品、|烟花爆竹生产企业": the things listed share the
            # activity the units are named by (森林经营单位, not 森林单位)
            mod_words = plain_words(tail_mod)
            activity = "".join(mod_words[1:])
            if len(mod_words) >= 2 and activity.endswith(_ACTIVITY_CATEGORIES) and _is_activity(activity) \
                    and not any(is_body for _, _, is_body in items):
                share = activity + head
    # "电力、供水、…、通信等服务的|单位": the list's last item and its category took the description;
    # each item is a unit of that category ("电力服务单位", "通信服务单位")
    category = _ETC_CATEGORY.match(main.core)
    if category and not etc and category.group(3) == head and head in ("单位", "企业") \
            and category.group(2).endswith(_ACTIVITY_CATEGORIES):   # (not "…等建设工程的主管部门": its field)
        share = category.group(2) + head
        main.core = category.group(1) + share
    # "燃气器具的|生产企业、销售企业应当…": a description before the list is the list's (its role
    # is read before it), as it is a single body's ("有防汛任务的|单位")
    described = _description_start(w, items[0][0])
    first = described if described == 0 or not (
        w.words[described - 1] == "、"                                        # "销毁、|处置没收的…"
        or (w.words[described - 1] in GOVERNING_BEFORE and _modal_after(w, main.tokens[1]))) else items[0][0]
    previous_body: Optional[str] = None
    sharing = []                            # the items named by the list's head, not bodies of their own
    for s, e, is_body in items:
        text = w.slice(s, e)
        span = (w.starts[s], w.end_char(e - 1))
        if is_body:
            gaz_start = next((g for g, (ge, _) in ents_by.items() if ge == e), None) if ents_by else None
            if gaz_start is not None:
                gaz = w.slice(gaz_start, e)
                out.append(OrgPhrase(text, text, gaz, ents_by[gaz_start][1], span, (s, e), gaz, group))
                previous_body = None
                continue
            hit = head_at(w, e, {})
            item_head = hit[1] if hit else text
            out.append(OrgPhrase(text, text, item_head, hit[2] if hit else kind, span, (s, e), None, group))
            previous_body = text[:-len(item_head)] if text.endswith(item_head) else None
        elif _a_levels_government(w, text.lstrip("各"), head, items):
            name = text.lstrip("各") + "人民政府"
            out.append(OrgPhrase(text, name, "人民政府", "public", span, (first, main.tokens[1]), None, group))
        else:
            name = _instance_of(text, share) if etc else _joined(text, share)
            out.append(OrgPhrase(text, name, head, kind, span, (first, main.tokens[1]), None, group))
            sharing.append(out[-1])
    for p in out:
        p.tokens = (first, main.tokens[1])  # the list shares one role, read after its last word
        if etc and main.kind == "enterprise" and not (p.kind == "public" and p.head.endswith(_DEPARTMENT_HEADS + ("机构",))):
            p.kind = "enterprise"           # "机关、团体、学校等单位…应当": all under the obligation
            # (but "水行政主管部门、流域管理机构等有关单位": departments listed as 单位 stay departments)
    _object_of_activities(w, described, items, out[:len(items)], main, head, tail_mod)
    # (after 等 the category is nobody new: "气象等部门", "红十字会等社会力量")
    if not etc:
        if main.core == head and previous_body is not None and head in ("单位", "部门", "机构", "组织", "企业"):
            main.core = previous_body + head   # "有关部门和单位" -> 有关单位
        out.append(main)
    # the list's local prefix scopes every item ("市自然资源和规划、住房和城乡建设…等部门"), a list
    # of levels too ("市、区应急管理、公安等部门": each department at both levels)
    shared = [p for p in out if p.head == head and not p.gazetteer]
    prefix = _level_prefix(out[0].core)
    # (a body of its own keeps its name: "省应急管理厅、应急管理部", "省有关部门和灾区政府"; a
    # department named by its field takes it: "国务院财政部门、发展改革部门", "市水利局和供水部门")
    if not etc and out[0] in sharing:
        sharing.append(main)
    receivers = [p for p in shared if any(p is x for x in sharing) or (
        p.head.endswith(_ROLE_NOUN_HEADS) and not p.core.endswith("政府"))]
    # (a body opens the list too: "市应急管理局、公安、交通等部门"; a government or a national
    # body does not: "市或者区人民政府以及安全生产监管部门", "国家综合性消防救援队、专职消防队")
    if prefix and prefix not in _NOT_SHARED_PREFIXES and (out[0] in shared or not out[0].core.endswith("政府")):
        for p in receivers:
            if p is not out[0] and not _level_prefix(p.core) and not _LEVELS_LISTED.match(p.core) \
                    and p.kind != "enterprise":
                p.core = prefix + re.sub(r"^其他(?=有关|相关)", "", p.core)   # (国务院…和其他有关部门)
    _share_object(w, items, shared, head, [tail_text[:-len(head)]] if tail_text.endswith(head) and not etc else [])
    return out


# the nation's and "地方" name no one government whose departments a list would share
# ("国家医学中心和区域医疗中心", "国家防总、…、省防指和市防指")
_NOT_SHARED_PREFIXES = frozenset({"国家", "中央", "地方", "地方各级"})


_ACTIVITY_CATEGORIES = ("服务", "经营", "生产", "运营", "作业", "施工", "供应", "维护", "维修", "检测", "检验")
_ETC_CATEGORY = re.compile(r"^([\u4e00-\u9fff]{1,6})等([\u4e00-\u9fff]{1,4})的([\u4e00-\u9fff]{1,4})$")


def _instance_of(item: str, share: str) -> str:
    """An item of an etc-list named as an instance of the category's place ("宾馆" of
    "人员密集场所经营单位" -> 宾馆经营单位, "开发区" of "功能区管理机构" -> 开发区管理机构)."""
    place = next((x for x in _PLACE_ENDINGS if item.endswith(x)), None) or (
        "区" if item.endswith("区") else None)
    if place is None and not _PLACE_ITEM.search(item):
        return _joined(item, share)
    word = next((x for x in (place, "场所", "区") if x and x in share), None)
    if word is None or share.endswith(word):
        return _joined(item, share)
    return item + share[share.index(word) + len(word):]


# items that are places without a place word: "宾馆、商场、…等人员密集场所"
_PLACE_ITEM = re.compile(r"(?:宾馆|酒店|饭店|商场|超市|市场|车站|码头|机场|景区|景点|医院|学校|剧院|影院|体育场馆|广场)$")


def _joined(item: str, share: str) -> str:
    """An item with the words its list shares, written once where they overlap ("司法行政" +
    "行政管理部门" -> 司法行政管理部门)."""
    overlap = next((k for k in range(min(len(item), len(share) - 1), 1, -1) if item.endswith(share[:k])), 0)
    if not overlap and item[-1:] == share[:1] and share[:1] in _LEVEL_CHARS:
        overlap = 1                                     # "崂山区" + "区人民政府" -> 崂山区人民政府
    return item + share[overlap:]


_DUTY_LIST_HEADS = ("单位", "企业")
_ACTIVITY_HEAD_TAILS = ("单位", "机构")      # of heads named by an activity: 使用单位, 检测机构


def _named_by_activity(name: str) -> bool:
    """"检测机构", "使用单位": an activity (a verb) and the unit or body that does it."""
    return name.endswith(_ACTIVITY_HEAD_TAILS) and _pos().get(name[:-2]) in ("v", "vn")


def _activity_run(words: list[str], compound: bool = True) -> bool:
    """"电梯制造|经营|使用": the first ends in an activity, the others are activities."""
    first = plain_words(words[0]) if words else []
    return bool(first) and _pos().get(first[-1]) in ("v", "vn") and all(
        _is_activity(x, compound) for x in words[1:] if x)


def _activity_list(items: list[str], main_mod: str) -> bool:
    """"电梯使用、维护保养|单位": activities of one object, each naming a body with the head
    (only ever asked for 单位/企业 lists)."""
    return _is_activity(main_mod) and _activity_run(items)


@lru_cache(maxsize=1 << 14)      # a pure function of its arguments, asked for the same modifiers again and again
def _is_activity(text: str, compound: bool = True) -> bool:
    """An activity word ("使用", "经营"); with ``compound``, also a run of them ("维护保养"),
    which only the 单位/企业 of statutes' duty lists are named by ("抢险救援|力量" is no list)."""
    def one(x: str) -> bool:
        return _pos().get(x) in ("v", "vn") or x in _QUALIFIERS
    return bool(text) and (one(text) or compound and all(one(x) for x in plain_words(text)))


def _share_object(w: Words, items: list[tuple[int, int, bool]], shared: list[OrgPhrase], head: str,
                  tail: list[str]) -> None:
    """"电梯制造、经营、使用等单位": the object of the first activity is every activity's."""
    words = [w.slice(s, e) for s, e, b in items if not b]
    if not words or not shared or shared[0].gazetteer:
        return
    first = plain_words(words[0])
    compound = head in _DUTY_LIST_HEADS
    later = [x for x in words[1:] + tail if x]
    # (one item of another kind may stand in the list: "轨道交通设计、施工、监理、设备设施供应等单位")
    others = [x for x in later if not _is_activity(x, compound)]
    if len(first) >= 2 and later and len(others) <= (1 if len(later) >= 3 and compound else 0) \
            and _activity_run([words[0]] + [x for x in later if x not in others], compound):
        noun = "".join(first[:-1])
        for p in shared[1:]:
            mod = p.core[:-len(head)] if p.core.endswith(head) else p.core
            if mod and not p.core.startswith(noun) and _is_activity(mod, compound):
                p.core = noun + p.core


_LEVEL_WORDS_LONGEST = sorted(LEVEL_WORDS, key=len, reverse=True)


# a list of levels before a department's name ("市、区", "市和区县（自治县）", "省、市、县")
_LEVEL_LIST_PREFIX = re.compile(r"^[省市](?:(?:[、和]|或者?)(?:区县|[市县区乡镇])(?:[（(][^（()）]{1,8}[）)])?)+")


_LEVELS_LISTED = re.compile(r"^[省市区县州乡镇](?:、|和|或)")     # "区、县（市）人民政府确定的部门": levels of its own


def _level_prefix(text: str) -> Optional[str]:
    """The level or place words a body's name starts with ("市", "市、区", "国务院"), not a
    word that only starts like one (市场监督管理, 市政, 区域)."""
    listed = _LEVEL_LIST_PREFIX.match(text)
    if listed and len(text) > listed.end() + 1 and _NAME_GOES_ON.match(text, listed.end()):
        return listed.group(0)
    if _LEVEL_LOOKALIKES.match(text):
        return None
    for word in _LEVEL_WORDS_LONGEST:
        if text.startswith(word) and len(text) > len(word) + 1 and text[len(word)] not in "镇乡县区市街道（(、和级":
            return word
    return None


_LEVEL_LOOKALIKES = re.compile(LEVEL_LOOKALIKE)
_NAME_GOES_ON = re.compile(r"(?![镇乡县区市街道级人政])[\u4e00-\u9fff]")

