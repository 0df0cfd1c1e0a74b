"""A quantified target as written ("＞15", "＜0.15%", "≥1名", "100家以内", "降至0.0112")
-> comparator, value, unit. Shared by the table and running-text indicator extractors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.extract.numbers import CN_NUMERAL_CHARS, cn_to_int, to_halfwidth

# Symbols and words, mapped explicitly (checked on half-width text).
SYMBOL_COMPARATOR = {">": ">", "<": "<", "≥": ">=", "≤": "<=", "≧": ">=", "≦": "<=",
                     ">=": ">=", "<=": "<="}
WORD_BEFORE = [  # word written before the number
    ("不少于", ">="), ("至少有", ">="), ("至少", ">="), ("不低于", ">="), ("不小于", ">="), ("达到", ">="), ("提高到", ">="),
    ("提升到", ">="), ("超过", ">"), ("高于", ">"), ("大于", ">"),
    ("不超过", "<="), ("不高于", "<="), ("降至", "<="), ("降到", "<="), ("下降到", "<="),
    ("压减到", "<="), ("压减至", "<="), ("减少到", "<="), ("控制在", "<="), ("低于", "<"), ("小于", "<"),
]
WORD_AFTER = [("以内", "<="), ("以下", "<="), ("之内", "<="), ("以上", ">=")]
# a change by a rate or amount written before it ("下降15%", "累计降低20%", "增长6%"): the target is
# the change (=), and the word belongs to what is measured ("生产安全事故死亡人数下降")
CHANGE_BEFORE = ("累计下降", "累计降低", "累计减少", "累计增长", "年均增长", "年均下降", "下降", "降低", "减少", "压减",
                 "增长", "提高", "提升", "增加", "再降", "再降低", "再下降")

UNITS = ("平方米", "万人次", "人次", "亿元", "万元", "公里", "分钟", "小时", "%", "‰",
         "家", "个", "人", "名", "处", "支", "座", "次", "辆", "艘", "所", "场", "项", "台", "套", "米", "天")
_UNIT = "|".join(re.escape(u) for u in UNITS)
NUMBER = rf"(?:\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]{{1,4}})"
_NO_UNIT = re.compile(r"[/／—－\-–无]*")
_NUMERIC_TARGET = re.compile(
    rf"^(?P<sym>>=|<=|[<>≥≤≧≦])?\s*(?P<num>{NUMBER})\s*(?P<unit>{_UNIT})?\s*(?P<after>以内|以下|之内|以上)?$")


@dataclass
class Target:
    comparator: str
    value: Optional[float]
    unit: Optional[str]
    text: str
    upper: Optional[float] = None       # a range's upper bound ("5%—5.5%")
    change: Optional[str] = None        # the change word before the number ("下降"), for the name


def number_value(token: str) -> Optional[float]:
    token = to_halfwidth(token)
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    n = cn_to_int(token)
    return float(n) if n is not None else None


def parse_target(text: str, unit_hint: Optional[str] = None) -> Target:
    """Parse a table cell target. Prose (standards, no single number) becomes 'text'."""
    raw = re.sub(r"\s+", "", text)
    half = to_halfwidth(raw)
    if unit_hint and _NO_UNIT.fullmatch(unit_hint.strip()):
        unit_hint = None                        # a unit column's placeholder ("/", "—"): no unit
    comparator = "="
    for word, comp in WORD_BEFORE:
        if half.startswith(word):
            half, comparator = half[len(word):], comp
            break
    change = next((w for w in sorted(CHANGE_BEFORE, key=len, reverse=True) if half.startswith(w)), None) \
        if comparator == "=" else None
    if change and _NUMERIC_TARGET.match(half[len(change):]):
        half = half[len(change):]
    else:
        change = None
    m = _NUMERIC_TARGET.match(half)
    if not m:
        return _one_quantity(half, raw, comparator, unit_hint) or Target("text", None, None, raw)
    if m.group("sym"):
        comparator = SYMBOL_COMPARATOR[m.group("sym")]
    if m.group("after"):
        comparator = dict(WORD_AFTER)[m.group("after")]
    return Target(comparator, number_value(m.group("num")), m.group("unit") or unit_hint, raw, change=change)


def _one_quantity(half: str, raw: str, comparator: str, unit_hint: Optional[str]) -> Optional[Target]:
    """A cell that is one quantity of another shape: a range ("5%—5.5%", "20～50年一遇"), an
    approximation ("约18000", "3%左右"), a multiplier ("1.3万亿斤" -> 1.3e12 斤)."""
    from ingest.extract.quantities import find_quantities      # the running-text lexer, one for both

    found = list(find_quantities(half))
    if len(found) != 1 or found[0].span != (0, len(half.rstrip("。；;"))):
        return None
    q = found[0]
    if q.is_range:
        comparator = "range"
    elif q.approx:
        comparator = "~"
    elif q.after in dict(WORD_AFTER):
        comparator = dict(WORD_AFTER)[q.after]
    return Target(comparator, q.value, q.unit or unit_hint, raw, q.upper)


_NAME_UNIT = re.compile(r"[（(](?P<unit>%|‰|[\u4e00-\u9fff]{1,3})[）)]$")


def split_name_unit(name: str) -> tuple[str, Optional[str]]:
    """'森林火灾受害率（‰）' -> ('森林火灾受害率', '‰'); the unit moves out of the name."""
    name = re.sub(r"\s+", "", name)
    m = _NAME_UNIT.search(to_halfwidth(name))
    if m and m.group("unit") in UNITS:
        return name[: m.start()], m.group("unit")
    return name, None


def name_comparator(name: str) -> tuple[str, Optional[str]]:
    """A comparator word left at the end of an indicator name ('…死亡率降至') moves out."""
    for word, comp in WORD_BEFORE:
        if name.endswith(word):
            return name[: -len(word)], comp
    return name, None
