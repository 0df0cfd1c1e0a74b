"""Numbers as Chinese plans write them: full-width digits, 二〇三五, 两, 十五, 三百."""

from __future__ import annotations

import re
from typing import Optional

_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

# Characters that make up a Chinese numeral (used by other modules' patterns).
CN_NUMERAL_CHARS = "〇零○一二两三四五六七八九十百千万"


# Full-width ASCII (！ … ～) -> ASCII, one character for one so spans stay valid.
_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """Full-width digits, %, ＜ … become ASCII; same length, so spans carry over."""
    return text.translate(_HALFWIDTH)


def cn_to_int(text: str) -> Optional[int]:
    """'二〇三五' -> 2035, '十五' -> 15, '两' -> 2, '三百' -> 300, '2025' -> 2025."""
    text = to_halfwidth(text.strip())
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):      # digit by digit: 二〇三五
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch == "万":
            section = (section + (digit or 0)) * 10000
            total += section
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + section + (digit or 0)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def parse_number(text: str) -> Optional[float]:
    """First number in ``text`` (ASCII or full-width) as a float, else None."""
    m = _NUMBER.search(to_halfwidth(text))
    return float(m.group()) if m else None


def year_of(text: str) -> Optional[int]:
    """A four-digit year written in Arabic or Chinese digits, else None."""
    value = cn_to_int(text)
    return value if value is not None and 1900 <= value <= 2100 else None
