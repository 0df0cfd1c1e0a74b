"""ingest.numerals: the one Chinese-numeral converter of ingest (headings, dates, targets)."""

from __future__ import annotations

import pytest

from ingest.numerals import cn_to_int, cn_to_number


@pytest.mark.parametrize("text,value", [
    ("三", 3), ("十", 10), ("十五", 15), ("二十三", 23), ("一百零五", 105), ("两百", 200),
    ("二〇三五", 2035), ("二○二五", 2025), ("一九五〇", 1950), ("一万二千", 12000),
    ("两亿五千万", 250_000_000), ("百", 100), ("２０２５", 2025), ("12", 12),
])
def test_integers(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text,value", [("三点五", 3.5), ("1.5", 1.5), ("十二", 12)])
def test_numbers(text, value):
    assert cn_to_number(text) == value


@pytest.mark.parametrize("text", ["", "总则", "三点五", "1.2.3", "第三", "十五条"])
def test_not_an_integer(text):
    assert cn_to_int(text) is None


def test_heading_numbers_use_it():
    from ingest.headings import match_plan_heading, match_statute_heading

    assert match_statute_heading("第一百零五条 本条例自公布之日起施行。", articles=True).value == 105
    assert match_plan_heading("十二、保障措施").value == 12
