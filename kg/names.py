"""Normalised indicator names, computed at build time so queries can join plans.

Two plans name the same indicator differently: 吴江 年均十万人火灾死亡率 vs
昆山 年均十万人口火灾死亡率; 生产安全事故起数累计下降 vs 生产安全事故起数下降.
The rules are deliberately few and conservative: they only remove wording
that does not change what is measured.
"""

from __future__ import annotations

import re
import unicodedata

_UNIT_PARENS = re.compile(r"[（(][^（）()]*[）)]")
_SPACE = re.compile(r"\s+")
# Wording that says how the target is phrased, not what is measured.
_DROP = ("累计数", "累计")
_TRAILING = ("降至", "达到", "控制在")


def normalize_indicator_name(name: str) -> str:
    s = unicodedata.normalize("NFKC", name)
    s = _SPACE.sub("", s)
    s = _UNIT_PARENS.sub("", s)           # （%）, (‰), （含…）
    s = s.replace("人口", "人")            # 十万人口 = 十万人
    s = s.replace("地区生产总值", "GDP")   # 亿元地区生产总值 = 亿元GDP
    for word in _DROP:
        s = s.replace(word, "")
    for word in _TRAILING:
        if s.endswith(word):
            s = s[: -len(word)]
    return s
