"""Numbers as Chinese documents write them — the one converter for all of ingest.

Headings (三、 第二十五条), dates (二〇三五年) and targets (两个, 一万二千人, 三点五) all go
through ``cn_to_int`` / ``cn_to_number``; the arithmetic of Chinese numerals (十五, 一百零五,
两亿五千万, 二〇三五 digit by digit, 三点五) is cn2an's. Full-width digits are made ASCII.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Union

# Measure words and units written right after a number ("2023 年", "10 个"): a number
# followed by one of them is a quantity, not an outline number or serial.
MEASURE_WORDS = frozenset("年月日时分秒个人万亿元次家处座条项名户间亩吨米千百倍级天周期批所台辆艘架")

# Characters that make up a Chinese numeral (used by other modules' patterns).
CN_NUMERAL_CHARS = "〇零○一二两三四五六七八九十百千万"
_CN_ALL = set(CN_NUMERAL_CHARS + "亿点")
_LEADING_UNIT = set("十百千万亿")

# Full-width ASCII (！ … ～) -> ASCII, one character for one so spans stay valid.
_HALF_OF = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_HALF_OF["\u3000"] = " "
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


@lru_cache(maxsize=1 << 12)
def to_halfwidth(text: str) -> str:
    """Full-width digits, %, ＜ … become ASCII; same length, so spans carry over.
    (Memoised: extraction converts each clause several times; the section senses convert every
    clause of a document first, so the cache holds a document.) A clause holds a few distinct
    full-width characters (，（）：): one replace each, where translate looked up every character
    of the text (twice as slow on CJK text)."""
    for char in set(_FULL_WIDTH.findall(text)):
        text = text.replace(char, _HALF_OF[char])
    return text


@lru_cache(maxsize=4096)
def cn_to_number(text: str) -> Optional[Union[int, float]]:
    """'二〇三五' -> 2035, '十五' -> 15, '两' -> 2, '三点五' -> 3.5, '２０２５' -> 2025, '1.5' -> 1.5;
    None when ``text`` is not one number."""
    text = to_halfwidth(text.strip())
    if not text:
        return None
    if text.isascii():
        if text.isdigit():
            return int(text)
        try:
            return float(text) if re.fullmatch(r"\d+\.\d+", text) else None
        except ValueError:
            return None
    text = text.replace("○", "〇")          # a circle that OCR and old typesetting use for 〇
    if any(ch not in _CN_ALL for ch in text):
        return None
    if text[0] in _LEADING_UNIT and text[0] != "十":
        text = "一" + text                   # 百 / 千人 written without its 一
    import cn2an   # imported on first use: commands that never read numbers should not pay for it

    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else float(value)


def cn_to_int(text: str) -> Optional[int]:
    """An integer written in Chinese or Arabic digits, else None ('三点五' is no integer)."""
    value = cn_to_number(text)
    return value if isinstance(value, int) else None


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def parse_number(text: str) -> Optional[float]:
    """First number in ``text`` (ASCII or full-width) as a float, else None."""
    m = _NUMBER.search(to_halfwidth(text))
    return float(m.group()) if m else None


# a calendar year as written: "2022", "二〇二二" (what year_of reads)
CALENDAR_YEAR = r"(?:19|20)\d{2}|[一二][〇○零][一二三四五六七八九〇○零]{2}"


def year_of(text: str) -> Optional[int]:
    """A four-digit year written in Arabic or Chinese digits, else None."""
    value = cn_to_int(text)
    return value if value is not None and 1900 <= value <= 2100 else None
