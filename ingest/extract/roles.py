"""The role a body plays in a clause, from the words around it.

lead       牵头/负责/统筹/主导 after it; the subject that acts at the head of the clause
           ("各有关部门要按照…"); "落实X…责任", "发挥/加强X…作用", "加强X对…的领导" for a
           public body; "督促/推动X + verb" for a public body
cooperate  配合/会同/协同/协助 before it, 参与/配合 after it; a partner "与X…协同/合作",
           or "A与B协同…" (both)
subject    an enterprise under an obligation: "压实X主体责任", "督促/推动/指导X + verb",
           an enterprise acting at the head of the clause
mentioned  anything else (an object of supervision, something created, 依托X)
"""

from __future__ import annotations

import re

from ingest.extract.nlp import Words
from ingest.extract.lexicon import ADVERBS, VERBS

LEAD_AFTER = {"牵头", "负责", "统筹", "主导", "抓总", "牵头抓总", "主抓"}
COOP_BEFORE = {"配合", "会同", "协同", "协助", "联同"}
COOP_AFTER = {"参与", "配合", "协助", "协办"}
PARTNER_CUES = re.compile(r"协同|合作|联动|协作|相互支持")
SUBJECT_CUES = ("主体责任", "第一责任人", "安全生产责任", "安全责任")
# What an enterprise is made to do itself when a plan 强化/深化 it ("强化X风险辨识管控").
SELF_ACTIONS = ("风险辨识", "辨识管控", "风险管控", "隐患排查")
DUTY_FRAMES = (("落实", "责任"), ("压实", "责任"), ("发挥", "作用"), ("加强", "作用"), ("强化", "作用"))
ACTION_WORDS = ("按照", "依法", "根据", "运用", "做好", "进园", "增强", "提取", "全部", "制定", "落实", "编制")
# Words that may come before the acting body at the head of a clause ("要充分发挥…", "进一步…").
_FRAMING = tuple(sorted(set(ADVERBS) | {"要", "并", "由", "均", "应", "应当", "必须", "同时", "有针对性"},
                        key=len, reverse=True))
_ACTIONS = tuple(sorted(set(VERBS) | set(ACTION_WORDS), key=len, reverse=True))
# "督促/推动 [qualifiers] X": the obliging verb may stand a few characters before the body.
_OBLIGED = re.compile("(?:" + "|".join(("督促", "推动", "推进", "指导", "鼓励", "引导", "要求", "支持", "帮助", "责令"))
                      + r")(?:和[\u4e00-\u9fff]{2})?[^，。；]{0,10}$")
# "区内危险化学品、建筑施工、道路运输等|重点行业企业": an enumeration qualifying the body.
_ENUMERATION = re.compile(r"^(?:区内|全区|全市|市内)?[^，。；]*等$")
# A lead-in made only of area words ("市及区（镇）财政部门…") still leaves the body at the head.
_AREA_ONLY = re.compile(r"^[市区县镇乡街道及和、（）各级全本]*$")
_PHRASE_END = re.compile(r"[，。；：,;:]")
# "与太仓市、嘉定区等…": the partner may be any item of a list after 与.
_AFTER_WITH = re.compile(r"与(?:[^，。；与]{1,12}?[、和及]|以及)*$")


def _phrase_after(w: Words, end: int) -> str:
    return _PHRASE_END.split(w.after(end), maxsplit=1)[0]


def _phrase_before(w: Words, start: int) -> str:
    return _PHRASE_END.split(w.before(start))[-1]


def _strip_framing(text: str) -> str:
    changed = True
    while text and changed:
        changed = False
        for word in _FRAMING:
            if text.startswith(word):
                text, changed = text[len(word):], True
                break
    return text


def _acts_next(w: Words, end: int) -> bool:
    """A verb (possibly after adverbs / 要 / 按照…) follows: the body does something."""
    return _strip_framing(_phrase_after(w, end)).startswith(_ACTIONS)


def _at_head(lead_in: str) -> bool:
    text = _strip_framing(lead_in.strip())
    return not text or bool(_AREA_ONLY.match(text)) or bool(_ENUMERATION.match(text))


_TRAILING_SCOPE = re.compile(r"(?:同级|各级|各|相关|全区|全市)$")


def role_of(w: Words, start: int, end: int, enterprise: bool) -> str:
    after = w.words[end:end + 3]
    before = w.words[max(0, start - 2):start]
    lead_in = _TRAILING_SCOPE.sub("", _phrase_before(w, start))
    rest = _phrase_after(w, end)
    if after and (after[0] in LEAD_AFTER or "".join(after[:2]) in LEAD_AFTER):
        return "lead"
    if any(w in COOP_BEFORE for w in before) or any(w in COOP_AFTER for w in after):
        return "cooperate"
    if re.match(r"^(?:协同|联动|协作|合作)", rest):
        return "cooperate"                              # "政府与社会力量协同…", "X协同联动作用"
    if _AFTER_WITH.search(lead_in) and PARTNER_CUES.search(rest):
        with_at = lead_in.rfind("与")
        before_with = lead_in[:with_at]
        if not before_with or _at_head(before_with) or before_with.endswith(("推动", "加强", "建立", "深化", "完善")):
            return "cooperate"                          # the plan's own partner: "加强与苏州市…合作"
    if rest.startswith("与") and PARTNER_CUES.search(rest) and re.search(r"与[^，。；]{1,12}(?:协同|合作|联动)", rest):
        return "cooperate"
    if enterprise and any(c in rest for c in SUBJECT_CUES):
        return "subject"
    obliged = bool(_OBLIGED.search(lead_in))
    if obliged and (_acts_next(w, end) or (enterprise and "责任" in rest)):
        return "subject" if enterprise else "lead"
    if enterprise and lead_in.endswith(("强化", "深化", "加强")) and any(a in rest for a in SELF_ACTIONS):
        return "subject"
    if _at_head(lead_in) and _acts_next(w, end):
        return "subject" if enterprise else "lead"
    rest_end = w.starts[end] + len(rest) if end < len(w) else 0
    rest_words = [w.words[i] for i in range(end, min(end + 12, len(w))) if w.starts[i] < rest_end]
    if not enterprise:
        if lead_in.endswith(("落实到", "分解到", "明确到")):
            return "lead"                               # tasks "分解落实到相关部门"
        for verb, noun in DUTY_FRAMES:
            if lead_in.endswith(verb) and any(w.endswith(noun) for w in rest_words):
                return "lead"
        if lead_in.endswith(("加强", "强化")) and rest.startswith("对") and "领导" in rest:
            return "lead"
    if enterprise and "责任" in rest and lead_in.endswith(("落实", "压实", "压紧压实", "强化落实")):
        return "subject"
    return "mentioned"
