"""Metadata given on the command line: periods and dates are checked, nothing given is None."""

import pytest

from ingest.metadata import parse_period, user_meta


@pytest.mark.parametrize("text,years", [("2021-2025", (2021, 2025)), ("2021–2025", (2021, 2025)),
                                        ("2021至2025年", (2021, 2025)), (" 2026 - 2030 ", (2026, 2030))])
def test_periods_in_the_forms_people_write(text, years):
    assert parse_period(text) == years


@pytest.mark.parametrize("text", ["2025-2021", "2021", "十四五", "1800-1805", "2021-2025-2030"])
def test_bad_periods_are_refused(text):
    with pytest.raises(ValueError, match="period"):
        parse_period(text)


def test_user_meta():
    assert user_meta() is None
    meta = user_meta(period="2021-2025", date="2023-12-13", level="city", issuer="衡阳市人民政府")
    assert (meta.period_start, meta.period_end, meta.date, meta.level, meta.kind) == (2021, 2025, "2023-12-13", "city", "")
    with pytest.raises(ValueError, match="date"):
        user_meta(date="13/12/2023")
