"""Document metadata given by a user on the command line (`policykg ingest --period …`).

The plan period decides what 规划期内 / 十四五期间 mean and the document's date what
今年 / 明年 / 年底前 mean, so values are checked here rather than taken as free text.
"""

from __future__ import annotations

import datetime
import re
from typing import Optional

from ingest.pipeline import KINDS
from ingest.readers import FORMATS
from ingest.records import DocumentMeta

# The levels the graph and the jurisdiction ranking know (free text elsewhere is kept as is).
LEVELS = ("national", "province", "city", "county-level city", "county", "district", "town")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–—~～至到]\s*(\d{4})\s*年?\s*$")


def parse_period(text: str) -> tuple[int, int]:
    """"2021-2025" (or 2021–2025, 2021至2025年) -> (2021, 2025)."""
    match = _PERIOD.match(text or "")
    if not match:
        raise ValueError(f"period must be START-END years such as 2021-2025, not {text!r}")
    start, end = int(match.group(1)), int(match.group(2))
    if not 1949 <= start <= end <= 2100:
        raise ValueError(f"period {text!r} is not a span of years between 1949 and 2100")
    return start, end


def parse_date(text: str) -> str:
    """An ISO date (2021-03-05), as the record keeps it."""
    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(f"date must be an ISO date such as 2021-03-05, not {text!r}") from None


def user_meta(doc_id: Optional[str] = None, title: Optional[str] = None, kind: Optional[str] = None,
              region: Optional[str] = None, level: Optional[str] = None, issuer: Optional[str] = None,
              period: Optional[str] = None, date: Optional[str] = None,
              format: Optional[str] = None, encoding: Optional[str] = None) -> Optional[DocumentMeta]:
    """The metadata the user gave, or None when nothing was given (then it comes from the
    corpus manifest or the text). Raises ValueError with a one-line message."""
    given = (doc_id, title, kind, region, level, issuer, period, date, format, encoding)
    if not any(given):
        return None
    if kind and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if level and level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if format and format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    start, end = parse_period(period) if period else (None, None)
    # kind "" leaves the kind to the text (a statute is recognised by its articles)
    return DocumentMeta(id=doc_id or "", title=title or "", kind=kind or "", region=region, level=level,
                        issuer=issuer, period_start=start, period_end=end,
                        date=parse_date(date) if date else None, format=format, encoding=encoding)
