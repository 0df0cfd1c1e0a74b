"""Quantified targets written in running text.

"确保到2025年老旧管网改造率达到80%", "化工（危化品）企业数量压减到100家以内",
"人均固定避难场所面积1.5平方米", "每年培养…不少于100人", "建成不少于一个市级应急物资储备库".
The name is the noun phrase before the quantity (cue words such as 确保/力争/全区 and a
leading verb stripped) or, when nothing nameable precedes it, the noun phrase after it.
"""

from __future__ import annotations

import re

from ingest.extract.deadlines import DeadlineMatch
from ingest.extract.numbers import CN_NUMERAL_CHARS, to_halfwidth
from ingest.extract.targets import SYMBOL_COMPARATOR, UNITS, WORD_AFTER, WORD_BEFORE, number_value
from ingest.records import Indicator, Provenance

METHOD = "regex:indicator-text:v1"

_VERBS = "|".join(w for w, _ in WORD_BEFORE)
_UNIT = "|".join(re.escape(u) for u in UNITS)
_QUANTITY = re.compile(
    rf"(?P<verb>{_VERBS})?(?P<sym>>=|<=|[<>≥≤])?"
    rf"(?P<num>(?<![\d.])\d+(?:\.\d+)?|(?:(?<=不少于)|(?<=不低于)|(?<=至少)|(?<=至少有))[{CN_NUMERAL_CHARS}]{{1,3}}(?=[个家人名处所座支]))"
    rf"(?P<unit>{_UNIT})?(?P<after>以内|以下|以上|之内)?"
)
_NOT_A_TARGET_AFTER = re.compile(r"^(?:年|月|日|-|—|～|~|\.|项目|大|条例|号|·|G)")
_BOUNDARY = re.compile(r"[，,。；;：:！？]")
_LEAD_WORDS = re.compile(
    r"^(?:确保|力争|争取|实现|使|推动|推进|要|其中|并|且|和|及|全区|全市|区内|市内|本区|本市|各级|每年|年均|"
    r"完成|建成|创建|培养|配备|组建|打造|建立|达到)")
# Durations are conditions ("24小时值班"), not targets, unless a comparator is written.
_DURATION_UNITS = {"小时", "分钟", "天", "次"}
_NAME_AFTER = re.compile(r"^(?P<name>[\u4e00-\u9fff][^，,。；;：:、（(“]{1,19}?)(?=[，,。；;：:、]|$|的|和)")
_ENDS_PHRASE = re.compile(r"^(?:$|[，,。；;：:、）)]|和|及|以上|以内)")


def _strip_lead(text: str) -> str:
    prev = None
    while prev != text:
        prev = text
        text = _LEAD_WORDS.sub("", text, count=1)
    return text


def _name_before(text: str, start: int, floor: int) -> str:
    left = text[floor:start]
    cut = max((m.end() for m in _BOUNDARY.finditer(left)), default=0)
    return _strip_lead(left[cut:].strip())


def _floor(spans: list[tuple[int, int]], pos: int) -> int:
    """Text before a deadline phrase belongs to another target: name search stops there."""
    return max((e for s, e in spans if e <= pos), default=0)


def text_indicators(clause_id: str, text: str, deadlines: list[DeadlineMatch],
                    start_index: int = 1) -> list[Indicator]:
    half = to_halfwidth(text)
    spans = [d.span for d in deadlines]
    dated = next((d.date for d in deadlines if d.date), None)
    baseline = re.search(r"比((?:19|20)\d{2})年", half)
    out: list[Indicator] = []
    for m in _QUANTITY.finditer(half):
        if any(s <= m.start("num") < e for s, e in spans):
            continue                                  # a year inside a deadline phrase
        unit, verb, sym, after = m.group("unit"), m.group("verb"), m.group("sym"), m.group("after")
        if not (unit or verb or sym) or (unit in _DURATION_UNITS and not (verb or sym)):
            continue
        if _NOT_A_TARGET_AFTER.match(half[m.end():]) or half[m.end():m.end() + 1].isdigit():
            continue
        floor = max(_floor(spans, m.start()), out[-1].provenance.span[1] if out else 0)
        name = _name_before(text, m.start(), floor)
        if not _ENDS_PHRASE.match(half[m.end():]):
            # "建成不少于一个市级应急物资储备库": what is counted follows the quantity; a bare
            # count before a noun ("4个独立核心功能区") describes, it does not set a target
            after_m = _NAME_AFTER.match(text[m.end():])
            if not (verb or sym) or not after_m:
                continue
            name += after_m.group("name")
        if len(name) < 2:
            continue
        comparator = "="
        if verb:
            comparator = dict(WORD_BEFORE)[verb]
        if sym:
            comparator = SYMBOL_COMPARATOR[sym]
        if after:
            comparator = dict(WORD_AFTER)[after]
        n = start_index + len(out)
        out.append(Indicator(
            id=f"{clause_id}/ind_{n}", name=name, comparator=comparator,
            value=number_value(m.group("num")), unit=unit, text=text[m.start():m.end()],
            deadline=dated, baseline=f"{baseline.group(1)}年" if baseline else None,
            clause_id=clause_id, provenance=Provenance(clause_id=clause_id, span=m.span(), method=METHOD)))
    return out
