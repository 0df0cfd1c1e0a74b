"""What ingest found in one document, and what a user should look at.

`policykg ingest` and `policykg check` print this per document, so that a plan that
yields nothing (a format the readers did not recognise, a table read as text) is noticed
at once instead of silently giving empty answers later. Warnings never fail an ingest:
a regulation has no indicators and a report may have no tasks.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ingest.records import DocumentRecord

# Markup that cleaning should have turned into text or structure: HTML tags and entities,
# LaTeX maths, markdown headings / pipe-table rules / emphasis, image links.
_LEFTOVER_MARKUP = re.compile(
    r"</?(?:html|body|head|table|thead|tbody|tr|td|th|div|span|p|br|img|sup|sub|font|center)\b[^<>]{0,200}>"
    r"|&(?:nbsp|lt|gt|amp|quot|#\d{2,5});"
    r"|\$[^$\n]{1,80}\$|\\(?:frac|mathrm|text|times|leq?|geq?|cdot)\b"
    r"|^#{1,6}\s|\|\s*:?-{3,}|\*\*|!\[",
    re.IGNORECASE | re.MULTILINE)

# Kinds of document expected to state measurable targets / commitments.
_TARGET_KINDS = ("plan", "report")
_SAMPLE_CHARS = 40


@dataclass
class DocumentReport:
    id: str
    title: str
    kind: str
    format: str
    parts: int
    tables: int
    clauses: int
    indicators: int
    deadlines: int
    tasks: int
    bodies: int
    period: str = ""          # "2021-2025": given, or read from the title (ingest.own_time)
    date: str = ""            # the document's own date: given, or read from its date line
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def document_report(record: DocumentRecord) -> DocumentReport:
    """Counts of structure and facts of a complete record, with warnings."""
    nodes = list(record.nodes())
    facts = record.facts
    report = DocumentReport(
        id=record.meta.id, title=record.meta.title, kind=record.meta.kind,
        format=record.meta.source_format or "",
        parts=sum(1 for n in nodes if n.kind in ("part", "chapter")),
        tables=sum(1 for n in nodes if n.kind == "table"),
        clauses=sum(1 for n in nodes if n.kind == "clause"),
        indicators=len(facts.indicators), deadlines=len(facts.deadlines),
        tasks=len(facts.tasks), bodies=len(facts.actors),
        period=f"{record.meta.period_start}-{record.meta.period_end}" if record.meta.period_start else "",
        date=record.meta.date or "")
    report.warnings = _warnings(record, report)
    return report


def _warnings(record: DocumentRecord, report: DocumentReport) -> list[str]:
    out = []
    if report.clauses == 0:
        out.append("no text was found")
    if report.kind in _TARGET_KINDS and report.clauses and report.indicators == 0:
        out.append("no indicators found (a target table read as text? targets in an unusual form?)")
    if report.clauses and report.tasks == 0:
        out.append("no tasks or duties found")
    leftovers = leftover_markup(record)
    if leftovers:
        out.append(f"markup left in {len(leftovers)} clause(s), e.g. {leftovers[0]!r}")
    return out


def leftover_markup(record: DocumentRecord) -> list[str]:
    """A short excerpt around each clause or cell text that still holds markup."""
    found = []
    for node in record.nodes():
        if node.kind not in ("clause", "cell") or not node.text:
            continue
        match = _LEFTOVER_MARKUP.search(node.text)
        if match:
            start = max(0, match.start() - _SAMPLE_CHARS // 2)
            found.append(node.text[start:start + _SAMPLE_CHARS])
    return found
