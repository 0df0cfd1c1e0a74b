"""Scoring owner answers and search hits against tests/gold/ask (questions.tsv, search.tsv).

Measures (issue 15 item 6), each reported for the odd-numbered questions (developed against)
and the even-numbered ones (held out until the end) separately:
- first body: the first body of the answer is one of the gold namings;
- legal basis: the gold body is in the answer and its first evidence is the gold provision
  (the statute's title and article, or the plan clause holding the gold snippet);
- abstention: a `-` row is answered with no body, and no answerable row is;
- search Recall@5: a gold clause among the first five hits of /search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from search_api.index.evaluate import is_gold, squash

GOLD = Path(__file__).resolve().parents[1] / "gold" / "ask"


@dataclass
class Question:
    id: str
    question: str
    place: str
    bodies: list[str]        # empty: abstention
    source: str
    basis: list[str]
    notes: str

    @property
    def abstain(self) -> bool:
        return not self.bodies

    @property
    def odd(self) -> bool:
        return int(re.sub(r"\D", "", self.id)) % 2 == 1


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "id":
            continue
        rows.append(cells)
    return rows


def questions(name: str = "questions.tsv") -> list[Question]:
    """The owner questions of one gold file: questions.tsv (blind) or questions_open.tsv."""
    out = []
    for cells in _rows(GOLD / name):
        cells += [""] * (7 - len(cells))
        qid, question, place, bodies, source, basis, notes = (c.strip() for c in cells[:7])
        alts = lambda cell: [] if cell == "-" else [a.strip() for a in cell.split("|") if a.strip()]  # noqa: E731
        out.append(Question(qid, question, place, alts(bodies), source, alts(basis), notes))
    return out


def search_questions() -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = []
    for qid, query, gold in _rows(GOLD / "search.tsv"):
        alts = []
        for alt in gold.split("|"):
            doc, _sep, text = alt.partition(":")
            alts.append((doc.strip(), squash(text)))
        out.append((qid, query, alts))
    return out


# gold written with half-width punctuation ("乡(镇)") reads as the product writes Chinese text ("乡（镇）")
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def _plain(text: str) -> str:
    return squash(text).translate(_FULL_WIDTH)


def body_matches(name: str, bodies: list[str]) -> bool:
    """The body as the answer names it is one of the gold namings (the answer may add a level
    or region prefix the gold leaves out: 县级以上地方人民政府燃气管理部门 for 燃气管理部门)."""
    name = _plain(name)
    return any(name == b or (len(b) >= 3 and name.endswith(b)) for b in map(_plain, bodies))


def provision_matches(detail: dict, q: Question) -> bool:
    """An evidence entry is the gold provision."""
    if detail.get("document_title") == q.source or detail.get("document_id") == q.source:
        article = detail.get("article")
        if article:
            return article in q.basis
        text = _plain(detail.get("text", ""))
        return any(_plain(b) in text for b in q.basis)
    return False


@dataclass
class Outcome:
    question: Question
    first: str
    first_ok: bool
    basis_ok: bool
    abstained: bool

    @property
    def abstention_ok(self) -> bool:
        return self.abstained == self.question.abstain


def judge(q: Question, answer: dict) -> Outcome:
    items = answer.get("answer", [])
    first = items[0]["actor"] if items else ""
    abstained = not items
    if q.abstain:
        return Outcome(q, first, abstained, abstained, abstained)
    first_ok = bool(items) and body_matches(first, q.bodies)
    right = [i for i in items if body_matches(i["actor"], q.bodies)]
    basis_ok = bool(right) and any(provision_matches(i["details"][0], q) for i in right[:1])
    return Outcome(q, first, first_ok, basis_ok, abstained)


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    answerable = [o for o in outcomes if not o.question.abstain]
    abstain = [o for o in outcomes if o.question.abstain]
    n = max(1, len(answerable))
    return {
        "questions": len(outcomes),
        "first_body": sum(o.first_ok for o in answerable) / n,
        "legal_basis": sum(o.basis_ok for o in answerable) / n,
        "abstentions_correct": sum(o.abstained for o in abstain) / max(1, len(abstain)),
        "false_abstentions": sum(o.abstained for o in answerable),
    }


def recall_at(hits: list[dict], gold: list[tuple[str, str]], k: int = 5) -> bool:
    return any(is_gold(h["plan_id"], h["text"], gold) for h in hits[:k])
