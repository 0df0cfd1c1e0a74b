"""A coverage report: every provision of the references with its verdict, the draft's best
clauses, and for targets and deadlines the comparison; plus what only the draft has."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Optional

from ingest.records import DocumentRecord
from search_api.coverage.compare import compare_deadlines, compare_indicators, counterpart, same_kind_of_deadline
from search_api.coverage.matching import EmbedFn, Match, Side, place_words
from search_api.coverage.provisions import Provision, UnitLookup, provisions_of
from search_api.index.units import units_of

# Verdict thresholds on the match score (0.7·dense + 0.3·lexical), chosen on the labelled
# pairs of tests/gold/coverage (see its NOTES.md and tests/search_api/test_coverage_quality.py).
COVERED = 0.82
PARTLY = 0.725
VERDICTS = ("covered", "partly", "missing")


def verdict_of(score: float, covered: float = COVERED, partly: float = PARTLY) -> str:
    return "covered" if score >= covered else "partly" if score >= partly else "missing"


@dataclass
class ProvisionResult:
    reference_id: str
    provision: Provision
    verdict: str
    score: float
    matches: list[Match]
    comparison: Optional[str] = None
    draft_value: Optional[str] = None

    def to_dict(self) -> dict:
        p = self.provision
        return {
            "reference": self.reference_id, "id": p.id, "kind": p.kind, "part": p.part,
            "clause_id": p.clause_id, "text": p.text, "verdict": self.verdict, "score": round(self.score, 4),
            "comparison": self.comparison, "reference_value": _value_text(p), "draft_value": self.draft_value,
            "matches": [{"clause_id": m.unit.id, "text": m.unit.text, "part": m.unit.section_path[0]
                         if m.unit.section_path else "", "score": round(m.score, 4),
                         "dense": round(m.dense, 4), "lexical": round(m.lexical, 4)} for m in self.matches],
        }


@dataclass
class CoverageReport:
    draft: dict
    references: list[dict]
    results: list[ProvisionResult] = field(default_factory=list)
    added: list[dict] = field(default_factory=list)
    thresholds: dict = field(default_factory=lambda: {"covered": COVERED, "partly": PARTLY})

    def summary(self) -> dict:
        counts = {v: sum(r.verdict == v for r in self.results) for v in VERDICTS}
        return {**counts, "provisions": len(self.results), "added": len(self.added)}

    def to_dict(self) -> dict:
        return {"draft": self.draft, "references": self.references, "thresholds": self.thresholds,
                "summary": self.summary(), "provisions": [r.to_dict() for r in self.results],
                "added": self.added}


def _value_text(p: Provision) -> Optional[str]:
    if p.indicator is not None:
        ind = p.indicator
        value = "" if ind.value is None else f"{ind.value:g}" + (f"–{ind.upper:g}" if ind.upper is not None else "")
        return " ".join(x for x in (ind.comparator, value, ind.unit or "", ind.attribute or "") if x)
    if p.deadline is not None:
        return p.deadline.date or p.deadline.recurrence or p.deadline.expression
    return None


def _doc(record: DocumentRecord) -> dict:
    return {"id": record.meta.id, "title": record.meta.title, "region": record.meta.region}


def coverage(draft: DocumentRecord, references: list[DocumentRecord], embed: EmbedFn,
             covered: float = COVERED, partly: float = PARTLY) -> CoverageReport:
    """Check ``draft`` against each of ``references`` (complete records)."""
    places = frozenset(place_words([n for r in (draft, *references) for n in (r.meta.region or "", r.meta.title)]))
    draft_units = units_of(draft)
    draft_side = Side.of(draft_units, embed, places)
    draft_lookup = UnitLookup(draft_side.units)
    draft_indicators = list(draft.facts.indicators)
    deadlines_by_unit: dict[str, list] = {}
    for dl in draft.facts.deadlines:
        unit = draft_lookup.holding(dl.clause_id)
        if unit is not None:
            deadlines_by_unit.setdefault(unit.id, []).append(dl)

    report = CoverageReport(draft=_doc(draft), references=[_doc(r) for r in references],
                            thresholds={"covered": covered, "partly": partly})
    reference_sides = []
    for ref in references:
        ref_units = units_of(ref)
        ref_side = Side.of(ref_units, embed, places)
        reference_sides.append(ref_side)
        for provision in provisions_of(ref, ref_units):
            matches = draft_side.best(provision.text, ref_side.vector_of(provision.clause_id),
                                      tokens=ref_side.tokens_of(provision.clause_id))
            score = matches[0].score if matches else 0.0
            result = ProvisionResult(ref.meta.id, provision, verdict_of(score, covered, partly), score, matches)
            _compare(result, draft_indicators, deadlines_by_unit)
            report.results.append(result)
    report.added = _draft_only(draft, draft_units, draft_side, reference_sides, partly)
    return report


def _compare(result: ProvisionResult, draft_indicators: list, deadlines_by_unit: dict) -> None:
    p = result.provision
    if p.indicator is not None:
        other = counterpart(p.indicator, draft_indicators)
        result.comparison = compare_indicators(p.indicator, other)
        if other is not None:
            result.draft_value = " ".join(x for x in (other.name, other.comparator, f"{other.value:g}",
                                                      other.unit or "") if x)
            if result.verdict == "missing":     # the same target, stated in other words
                result.verdict = "partly"
    elif p.deadline is not None:
        other = next((dl for m in result.matches for dl in deadlines_by_unit.get(m.unit.id, ())
                      if same_kind_of_deadline(p.deadline, dl)), None)
        result.comparison = compare_deadlines(p.deadline, other)
        if other is not None:
            result.draft_value = other.date or other.recurrence


def _draft_only(draft: DocumentRecord, draft_units, draft_side: Side, reference_sides: list[Side],
                partly: float) -> list[dict]:
    """The draft's tasks that no reference states even in part."""
    tasks = [p for p in provisions_of(draft, draft_units) if p.kind == "task"]
    if not any(len(s) for s in reference_sides):
        return []
    added = []
    for task in tasks:
        vector, tokens = draft_side.vector_of(task.clause_id), draft_side.tokens_of(task.clause_id)
        best = max((m for side in reference_sides for m in side.best(task.text, vector, top=1, tokens=tokens)),
                   key=lambda m: m.score, default=None)
        score = best.score if best else 0.0
        if score < partly:
            added.append({"clause_id": task.clause_id, "text": task.text, "part": task.part,
                          "score": round(score, 4), "closest": best.unit.id if best else None})
    return added


# -- export ---------------------------------------------------------------------------

CSV_COLUMNS = ("reference", "part", "kind", "clause_id", "text", "verdict", "score", "comparison",
               "reference_value", "draft_value", "draft_clause_id", "draft_text")


def to_csv(report: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for row in report["provisions"]:
        best = row["matches"][0] if row["matches"] else {}
        writer.writerow([row["reference"], row["part"], row["kind"], row["clause_id"], row["text"],
                         row["verdict"], row["score"], row["comparison"] or "", row["reference_value"] or "",
                         row["draft_value"] or "", best.get("clause_id", ""), best.get("text", "")])
    return buf.getvalue()


def _cell(text) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def to_markdown(report: dict) -> str:
    s = report["summary"]
    refs = "、".join(f"《{r['title']}》" for r in report["references"])
    lines = [f"# 《{report['draft']['title']}》对照 {refs}", "",
             f"covered {s['covered']} · partly {s['partly']} · missing {s['missing']} "
             f"of {s['provisions']} provisions; {s['added']} draft tasks not in the references", ""]
    part = None
    for row in report["provisions"]:
        if (row["reference"], row["part"]) != part:
            part = (row["reference"], row["part"])
            lines += ["", f"## {row['reference']} · {row['part'] or '—'}", "",
                      "| verdict | kind | reference | draft | score | comparison |", "|---|---|---|---|---|---|"]
        best = row["matches"][0]["text"] if row["matches"] and row["verdict"] != "missing" else ""
        comparison = row["comparison"] or ""
        if row["reference_value"] or row["draft_value"]:
            comparison = f"{comparison} ({_cell(row['reference_value'])} → {_cell(row['draft_value'])})"
        lines.append(f"| {row['verdict']} | {row['kind']} | {_cell(row['text'])} | {_cell(best)} | "
                     f"{row['score']:.2f} | {comparison} |")
    if report["added"]:
        lines += ["", "## Only in the draft", ""] + [f"- {_cell(a['text'])} ({a['clause_id']})" for a in report["added"]]
    return "\n".join(lines) + "\n"
