"""Scoring extracted facts against the hand-written gold files in tests/gold/.

Gold rows name their clause by a whitespace-free substring of the clause text; this
module resolves those to node ids of the real structure tree, matches gold rows to
extracted facts one to one, and returns precision / recall / F1 per fact type.

Formats (tab-separated, '#' lines are comments, an optional header row starts 'plan'):
  indicators.tsv  plan, source(table|text), name, comparator, value, unit, attribute, clause
  deadlines.tsv   plan, clause, expression, date, start, recurrence
  actors.tsv      plan, clause, actor, role, surface
  sectors.tsv     plan, clause, sectors (| separated)
  citations.tsv   plan, clause, title
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from ingest.extract.citations import link_key
from ingest.records import DocumentRecord

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold"
_WS = re.compile(r"\s+")
# Gold is written as the text reads; the product reads half-width punctuation in Chinese text as
# full-width (ingest.normalize): both sides are compared in full width.
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def squash(text: Optional[str]) -> str:
    return _WS.sub("", text or "").translate(_FULL_WIDTH)


def gold_rows(name: str, gold_dir: Path = GOLD_DIR) -> list[dict[str, str]]:
    """Rows of tests/gold/{name}.tsv as dicts keyed by the format's column names."""
    columns = {
        "indicators": ["plan", "source", "name", "comparator", "value", "unit", "attribute", "clause"],
        "deadlines": ["plan", "clause", "expression", "date", "start", "recurrence"],
        "actors": ["plan", "clause", "actor", "role", "surface"],
        "sectors": ["plan", "clause", "sectors"],
        "citations": ["plan", "clause", "title"],
    }[name]
    rows = []
    with open(gold_dir / f"{name}.tsv", encoding="utf-8", newline="") as fh:
        for raw in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not raw or not "".join(raw).strip() or raw[0].startswith("#"):
                continue
            if raw[0].strip().lower() == "plan":
                continue                                   # header row
            raw = [c.strip() for c in raw] + [""] * (len(columns) - len(raw))
            rows.append(dict(zip(columns, raw)))
    return rows


def gold_available(*names: str, gold_dir: Path = GOLD_DIR) -> bool:
    return all((gold_dir / f"{n}.tsv").exists() for n in names)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)     # gold rows not found (for the report)
    extras: list[str] = field(default_factory=list)     # extracted facts not in gold

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        return (f"{label:<28} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn})")


# -- clause resolution -------------------------------------------------------------

class ClauseIndex:
    """Finds the clause (or table row) whose whitespace-free text contains a gold snippet."""

    def __init__(self, record: DocumentRecord):
        self.units: list[tuple[str, str]] = []
        for node, topic in _with_topic(record.root, None):
            if node.kind == "clause" and node.text:
                self.units.append((node.id, squash(node.text)))
                if topic:   # a duty-list entry "市教育局：负责…" is read as topic 市教育局 + its clauses
                    self.units.append((node.id, squash(f"{topic}：{node.text}")))
            elif node.kind == "row":
                self.units.append((node.id, squash("".join(c.text or "" for c in node.walk() if c.kind == "cell")
                                                   or node.text)))

    def resolve(self, snippet: str) -> list[str]:
        s = squash(snippet)
        return [nid for nid, text in self.units if s and s in text]


def _with_topic(node, topic: Optional[str]):
    """Every node with the heading of the innermost topic (lead-in) around it."""
    yield node, topic
    inner = node.heading if node.kind == "topic" and node.heading else topic
    for child in node.children:
        yield from _with_topic(child, inner)


# -- one-to-one matching -------------------------------------------------------------

def match(gold: list, pred: list, same: Callable[[object, object], bool],
          correct: Callable[[object, object], bool], show: Callable[[object], str]) -> Score:
    """Greedy one-to-one: gold row g pairs with the first unused p where same(g, p); the
    pair is a true positive if correct(g, p), else it counts as both a miss and an extra."""
    score, used = Score(), set()
    for g in gold:
        partner = next((i for i, p in enumerate(pred) if i not in used and same(g, p) and correct(g, p)), None)
        if partner is None:
            partner = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if partner is not None and correct(g, pred[partner]):
            used.add(partner)
            score.tp += 1
            continue
        if partner is not None:
            used.add(partner)
            score.fp += 1
            score.extras.append(show(pred[partner]))
        score.fn += 1
        score.misses.append(str(g))
    for i, p in enumerate(pred):
        if i not in used:
            score.fp += 1
            score.extras.append(show(p))
    return score


def _num(text: str) -> Optional[float]:
    try:
        return float(text) if text not in ("", "null", "None") else None
    except ValueError:
        return None


def _opt(text: Optional[str]) -> Optional[str]:
    return None if text in (None, "", "null", "None", "-") else text


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _name_match(gold: str, pred: str) -> bool:
    """Same indicator name: equal or contained after dropping 的, or (gold names are
    sometimes paraphrased: 每个区镇安全教育主题阵地数量) most character bigrams shared."""
    g, p = squash(gold).replace("的", ""), squash(pred).replace("的", "")
    if not g or not p:
        return False
    if g == p or g in p or p in g:
        return True
    gb, pb = _bigrams(g), _bigrams(p)
    return bool(gb and pb) and len(gb & pb) / min(len(gb), len(pb)) >= 0.6   # (a one-character name: no bigram)


# -- per fact type ------------------------------------------------------------------

def score_indicators(record: DocumentRecord, rows: list[dict]) -> Score:
    index = ClauseIndex(record)
    gold = []
    for r in rows:
        r = dict(r)
        r["_ids"] = set(index.resolve(r["clause"])) if r.get("clause") else set()
        gold.append(r)

    def same(g, p):
        if g["source"] == "table":       # table rows: by clean name (gold's rule), among table facts
            return p.id.endswith("/ind") and squash(g["name"]) == squash(p.name)
        return p.clause_id in g["_ids"] and _name_match(g["name"], p.name)

    def correct(g, p):
        gv, pv = _num(g["value"]), p.value
        value_ok = (gv is None and pv is None) or (gv is not None and pv is not None and abs(gv - pv) < 1e-9)
        return (g["comparator"] == p.comparator and value_ok and _opt(g["unit"]) == _opt(p.unit)
                and _opt(g["attribute"]) == _opt(p.attribute))

    return match(gold, list(record.facts.indicators), same, correct,
                 lambda p: f"{p.clause_id} {p.name} {p.comparator} {p.value} {p.unit} {p.attribute}")


def score_deadlines(record: DocumentRecord, rows: list[dict], index_type=None) -> Score:
    """``index_type``: how gold clause snippets find clauses (ClauseIndex for the seeds)."""
    index = (index_type or ClauseIndex)(record)
    gold = [dict(r, _ids=set(index.resolve(r["clause"]))) for r in rows]

    def same(g, p):
        return p.clause_id in g["_ids"] and (squash(g["expression"]) in squash(p.expression)
                                             or squash(p.expression) in squash(g["expression"]))

    def correct(g, p):
        return (_opt(g["date"]) == _opt(p.date) and _opt(g["start"]) == _opt(p.start)
                and _opt(g["recurrence"]) == _opt(p.recurrence))

    return match(gold, list(record.facts.deadlines), same, correct,
                 lambda p: f"{p.clause_id} {p.expression} {p.date} {p.start} {p.recurrence}")


def score_actors(record: DocumentRecord, rows: list[dict]) -> Score:
    """Scored on the gold clauses only: extracted mentions elsewhere are not judged."""
    index = ClauseIndex(record)
    gold = [dict(r, _ids=set(index.resolve(r["clause"]))) for r in rows]
    judged = set().union(*(g["_ids"] for g in gold)) if gold else set()
    pred = [m for m in record.facts.mentions if m.clause_id in judged]

    def same(g, p):
        return p.clause_id in g["_ids"] and (squash(g["actor"]) == squash(p.actor_id)
                                             or (g["surface"] and squash(g["surface"]) == squash(p.surface)))

    return match(gold, pred, same, lambda g, p: g["role"] == p.role,
                 lambda p: f"{p.clause_id} {p.actor_id} {p.role} {p.surface}")


def score_sectors(record: DocumentRecord, rows: list[dict]) -> Score:
    """Tag-level precision/recall over the gold clauses."""
    index = ClauseIndex(record)
    tags: dict[str, set[str]] = {}
    for t in record.facts.sectors:
        tags.setdefault(t.clause_id, set()).add(t.sector)
    score = Score()
    for r in rows:
        ids = index.resolve(r["clause"])
        gold = {s.strip() for s in r["sectors"].split("|") if s.strip()}
        pred = set().union(*(tags.get(i, set()) for i in ids)) if ids else set()
        score.tp += len(gold & pred)
        score.fp += len(pred - gold)
        score.fn += len(gold - pred)
        if pred - gold:
            score.extras.append(f"{r['clause'][:20]} +{sorted(pred - gold)}")
        if gold - pred:
            score.misses.append(f"{r['clause'][:20]} -{sorted(gold - pred)}")
    return score


def score_citations(record: DocumentRecord, rows: list[dict]) -> Score:
    index = ClauseIndex(record)
    gold = [dict(r, _ids=set(index.resolve(r["clause"]))) for r in rows]
    return match(gold, list(record.facts.citations),
                 lambda g, p: p.clause_id in g["_ids"] and link_key(g["title"]) == link_key(p.title),
                 lambda g, p: True, lambda p: f"{p.clause_id} {p.title}")


SCORERS = {
    "indicators": score_indicators,
    "deadlines": score_deadlines,
    "actors": score_actors,
    "sectors": score_sectors,
    "citations": score_citations,
}


def score_plan(kind: str, record: DocumentRecord, rows: Iterable[dict]) -> Score:
    return SCORERS[kind](record, [r for r in rows if r["plan"] == record.meta.id])


def unresolved(record: DocumentRecord, rows: Iterable[dict]) -> list[str]:
    """Gold clause snippets that match no clause of the tree (gold or segmentation drift)."""
    index = ClauseIndex(record)
    return [r["clause"] for r in rows if r["plan"] == record.meta.id and r.get("clause")
            and not index.resolve(r["clause"])]


# -- the seed plans with their facts, extracted once per test process -------------------

_EXTRACTED: dict[str, DocumentRecord] = {}


def extracted(seeds: dict[str, DocumentRecord]) -> dict[str, DocumentRecord]:
    """The ``seeds`` fixture's records with facts filled in (cached: extraction takes seconds)."""
    from ingest.extract import extract_facts

    if not _EXTRACTED:
        titles = {r.meta.title: r.meta.id for r in seeds.values()}
        for doc_id, record in seeds.items():
            record.facts = extract_facts(record, titles)
            _EXTRACTED[doc_id] = record
    return _EXTRACTED


# -- the real-world development set (tests/gold/realworld) ------------------------------
# Same matching as the seed gold, with the conventions of tests/gold/realworld/README.md:
# an `upper` bound for ranges, headings as places of deadlines, clauses judged with no body
# (actor "-"), and regulation duties judged over the whole document.

_HEADING_KINDS = ("part", "section", "item", "topic", "chapter", "preface")


class UnitIndex(ClauseIndex):
    """ClauseIndex plus headings (a period written in a heading is a deadline of the heading)."""

    def __init__(self, record: DocumentRecord):
        super().__init__(record)
        self.units += [(n.id, squash(n.heading)) for n in record.nodes()
                       if n.kind in _HEADING_KINDS and n.heading]


def _same_value(gold: str, pred: Optional[float]) -> bool:
    gv = _num(gold)
    return (gv is None and pred is None) or (gv is not None and pred is not None
                                             and abs(gv - pred) <= 1e-9 * max(1.0, abs(gv)))


def score_realworld_indicators(record: DocumentRecord, rows: list[dict]) -> Score:
    """A gold target pairs with a fact of its clause (or table row) with the same value, or
    failing that the same name; it is right when comparator, value, upper, unit and 属性 agree."""
    index = ClauseIndex(record)
    gold = [dict(r, _ids=set(index.resolve(r["clause"]))) for r in rows]

    def same(g, p):
        if p.clause_id not in g["_ids"] and not any(p.clause_id.startswith(i + "/") for i in g["_ids"]):
            return False
        return _same_value(g["value"], p.value) or _name_match(g["name"], p.name)

    def correct(g, p):
        return (g["comparator"] == p.comparator and _same_value(g["value"], p.value)
                and _same_value(g["upper"], getattr(p, "upper", None))
                and _opt(g["unit"]) == _opt(p.unit) and _opt(g["attribute"]) == _opt(p.attribute))

    return match(gold, list(record.facts.indicators), same, correct,
                 lambda p: f"{p.clause_id} {p.name} {p.comparator} {p.value} {getattr(p, 'upper', None)} "
                           f"{p.unit} {p.attribute}")


def score_realworld_deadlines(record: DocumentRecord, rows: list[dict]) -> Score:
    return score_deadlines(record, rows, index_type=UnitIndex)


# A statute's department named with the generic level of its government ("县级以上人民政府财政部门"):
# gold keeps the level, the product names the department wherever the statute applies (财政部门;
# actors.law_body), so the item of a list ("县级以上人民政府发展和改革、财政…等部门") matches by that
# name. Places are never dropped ("受灾地区…", "浙江省…" stay), nor 国务院 (the national body).
_GENERIC_LEVEL_GOVERNMENT = re.compile(r"^(?:县级以上(?:地方)?(?:各级)?|设区的市级(?:以上)?(?:地方)?|县级|乡级|省级|市、县(?:级)?)"
                                       r"人民政府(?=.+(?:部门|机关|机构)$)")


def _same_body(g: dict, p) -> bool:
    actor = squash(g["actor"])
    return (actor == squash(p.actor_id) or bool(g["surface"]) and squash(g["surface"]) == squash(p.surface)
            or bool(actor) and _GENERIC_LEVEL_GOVERNMENT.sub("", actor) == squash(p.actor_id))


def score_responsibilities(record: DocumentRecord, rows: list[dict]) -> Score:
    """Bodies and roles on the sampled clauses only (a row with actor '-' judges a clause
    that names no body: anything extracted there is an extra)."""
    index = ClauseIndex(record)
    judged: set[str] = set()
    gold = []
    for r in rows:
        ids = set(index.resolve(r["clause"]))
        judged |= ids
        if r["actor"] not in ("-", ""):
            gold.append(dict(r, _ids=ids))
    pred = [m for m in record.facts.mentions if m.clause_id in judged]
    return match(gold, pred, lambda g, p: p.clause_id in g["_ids"] and _same_body(g, p),
                 lambda g, p: g["role"] == p.role, lambda p: f"{p.clause_id} {p.actor_id} {p.role} {p.surface}")


def score_duties(record: DocumentRecord, rows: list[dict]) -> Score:
    """Duty assignments of a regulation: every lead / cooperate / subject mention of the
    whole document against the gold rows (bodies merely mentioned are not judged)."""
    index = ClauseIndex(record)
    gold = [dict(r, _ids=set(index.resolve(r["clause"]))) for r in rows]
    pred = [m for m in record.facts.mentions if m.role in ("lead", "cooperate", "subject")]
    return match(gold, pred, lambda g, p: p.clause_id in g["_ids"] and _same_body(g, p),
                 lambda g, p: g["role"] == p.role, lambda p: f"{p.clause_id} {p.actor_id} {p.role} {p.surface}")


REALWORLD_SCORERS = {
    "indicators": score_realworld_indicators,
    "deadlines": score_realworld_deadlines,
    "responsibilities": score_responsibilities,
    "duties": score_duties,
}


def pooled(scores: Iterable[Score]) -> Score:
    total = Score()
    for s in scores:
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    return total
