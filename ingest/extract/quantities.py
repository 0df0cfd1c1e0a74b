"""Quantities in running text: a number with its multiplier, unit, range and approximation.

"1100万人" -> 11 000 000 人; "3.65万亿元" -> 3 650 000 000 000 元; "5%—5.5%" -> range 5 .. 5.5 %;
"20～50年一遇" -> range 20 .. 50 年一遇; "约18000条" / "3%左右" -> approximate; "三十分钟" -> 30 分钟;
"5个工作日" -> 5 个工作日. Chinese numerals go through ingest.numerals (cn2an). The text is
read half-width (same length), so spans index the clause as written.

This module only finds quantities; whether one is a target is indicator_text's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ingest.numerals import cn_to_number, to_halfwidth

# Units as written after a number, longest first where one is the start of another. A unit
# is kept without its multiplier ("万人" -> 人; "万千瓦" -> 千瓦).
UNITS = (
    "个百分点", "个工作日", "年一遇", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "千瓦", "公里", "千米", "公顷",
    "小时", "分钟", "个月", "周岁", "人次", "户次", "架次", "吨标准煤", "标准煤",
    "km²", "km2", "m³", "m3", "m²", "km", "mm", "kV", "MW", "GW", "%", "‰",
    "毫米", "厘米", "米", "毫升", "分贝", "公斤", "千克", "吨", "斤", "亩", "元", "岁", "人", "户", "倍",
    "次", "天", "日", "周", "年", "秒",
    "个", "家", "名", "处", "座", "条", "支", "所", "场", "项", "台", "套", "辆", "艘", "架", "张", "份", "种",
    "期", "起", "宗", "件", "间", "栋", "部", "段", "口", "眼", "只", "头", "株", "棵", "盏", "块", "层", "位",
    "床", "箱", "册", "门", "万", "m",
)
TIME_UNITS = ("个工作日", "小时", "分钟", "个月", "天", "日", "周", "年", "秒")
_UNIT = "|".join(re.escape(u) for u in UNITS if u != "万")
_CN_DIGITS = "〇零一二两三四五六七八九十百千"
# A Chinese numeral: digits and 十/百/千, with 万/亿 inside ("一万二千") or after ("十万").
_CN_NUMBER = rf"[{_CN_DIGITS}][{_CN_DIGITS}万亿]*(?:点[{_CN_DIGITS}]+)?"
_AR_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# (千 of a unit is no multiplier: "5千米" is 5 km, "10千瓦" 10 kW, not 5000 米 / 10000 of nothing)
_MULTIPLIER = r"万亿|千万|百万|亿|万|千(?!米|瓦|克|帕|伏|赫|焦|卡)"
_NUMBER = rf"(?:{_AR_NUMBER}(?:{_MULTIPLIER})?|{_CN_NUMBER})"
_APPROX_BEFORE = r"约|大约|(?<![最接临附将])近(?![\d一二两三四五六七八九十]+(?:年|个月))"
DASH = r"[-—–－~～至到]{1,2}"     # between the bounds of a range (also read by deadlines.py)

# an earthquake's magnitude ("抵御6级左右地震", "6.5级地震"): 级 is a unit there only ("四级响应" counts levels)
_MAGNITUDE = r"级(?=(?:左右|以上)?的?(?:地震|强震))"
# a ground acceleration of seismic design ("0.20g抗震设防标准"): lower-case g alone (5G is no unit)
_ACCELERATION = r"g(?![A-Za-z0-9])"
# a score ("满意度稳定在90分以上"): 分 only where a bound or the clause part's end follows and no hour
# goes before (no clock time "10时30分", no "分钟", no "三分之一"; "30分以内" is more likely minutes)
_SCORE = r"(?<![时点]\d)(?<![时点]\d\d)分(?=以上|以下|左右|[，,；;。、)）]|$)"
# a rate's denominator ("人/亿元", "人/万车", "(人/亿元)", "起/10万人")
_PER = rf"/(?:\d+)?(?:{_MULTIPLIER})?(?:{_UNIT}|车|GDP)"

# Every quantity starts with a digit, a Chinese numeral or 约/大约/近/百分之/千分之: the lookahead lets
# the regex engine skip to those characters (its optional groups hide them from it), 3× fewer steps
_STARTS = rf"(?=[\d{_CN_DIGITS}约大近])"
QUANTITY = re.compile(
    rf"{_STARTS}(?P<approx>{_APPROX_BEFORE})?(?P<per>百分之|千分之)?"
    rf"(?P<low>{_NUMBER})"
    rf"(?:(?P<low_unit>{_UNIT})?(?P<dash>{DASH})(?P<high>{_NUMBER}))?"
    rf"(?:(?P<more>多|余)?(?P<unit>[ ]?(?:{_UNIT}|{_MAGNITUDE}|{_ACCELERATION}|{_SCORE})(?:{_PER})?)|\((?P<rate>(?:{_UNIT}){_PER})\))?"
    rf"(?P<after>左右|上下|以上|以下|以内|之内|以外(?=的?(?:地点|地方|区域|范围|位置|处)))?"
)
_MULTIPLIERS = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3}


@dataclass
class Quantity:
    span: tuple[int, int]          # the whole quantity, approximation and 以上/左右 included
    number_span: tuple[int, int]   # the number itself (low bound)
    value: float
    upper: Optional[float]         # a range's upper bound
    unit: Optional[str]
    approx: bool                   # 约 … / … 左右 / 上下
    after: Optional[str]           # 以上 / 以下 / 以内 / 之内 / 以外 / 左右 / 多 / 余 written after it
    text: str

    @property
    def written_in_digits(self) -> bool:
        return bool(re.match(r"\d", self.text.lstrip("约大近")))

    @property
    def indefinite(self) -> bool:
        """"一个", "一处" written in words: as often the article "a" as a count of one."""
        return self.value == 1 and not self.written_in_digits and self.upper is None

    @property
    def is_range(self) -> bool:
        return self.upper is not None


# number() and find_quantities() run for every quantity of every clause: compiled once
_DIGITS_TIMES = re.compile(rf"({_AR_NUMBER})({_MULTIPLIER})?")
_WORDS_TIMES = re.compile(rf"(.+?)({_MULTIPLIER})")
_LETTER_OR_DOT = re.compile(r"[A-Za-z.]")
_LETTER = re.compile(r"[A-Za-z]")


def number(text: str) -> Optional[float]:
    """'1.3万亿' -> 1.3e12, '三十' -> 30, '12.5万' -> 125000, '1,300' -> 1300."""
    text = text.replace(",", "")
    m = _DIGITS_TIMES.fullmatch(text)
    if m:
        return round(float(m.group(1)) * _MULTIPLIERS.get(m.group(2) or "", 1), 6)
    value = cn_to_number(text)
    if value is None:
        # a trailing multiplier cn2an does not read in that position ("十万" is fine, "两百万" too)
        m = _WORDS_TIMES.fullmatch(text)
        inner = cn_to_number(m.group(1)) if m else None
        return float(inner) * _MULTIPLIERS[m.group(2)] if inner is not None else None
    return float(value)


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every quantity of ``text`` in reading order (a number glued to a letter or digit of a code
    such as "G20" or "5G" is none)."""
    half = to_halfwidth(text)
    for m in QUANTITY.finditer(half):
        low_text = m.group("low")
        start = m.start("low")
        if start and _LETTER_OR_DOT.match(half[start - 1]):
            continue
        if _LETTER.match(half[m.end():m.end() + 1] or " ") and not m.group("unit") and not m.group("low_unit"):
            continue
        low = number(low_text)
        if low is None:
            continue
        high = number(m.group("high")) if m.group("high") else None
        unit = (m.group("unit") or m.group("rate") or m.group("low_unit") or "").strip() or None
        if m.group("per"):                   # "百分之十" is 10 %, "千分之三" 3 ‰
            if unit:
                continue
            unit = "%" if m.group("per") == "百分之" else "‰"
        approx = bool(m.group("approx")) or m.group("after") in ("左右", "上下")
        after = m.group("after") or (m.group("more") if unit else None)     # "1500多个": more than 1500
        yield Quantity(span=(m.start(), m.end()), number_span=(start, m.end("low")), value=low, upper=high,
                       unit=unit, approx=approx, after=after, text=text[m.start():m.end()])

