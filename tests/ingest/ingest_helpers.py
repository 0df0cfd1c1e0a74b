"""Paths and small tree helpers shared by the ingest tests (a uniquely named module:
every test folder has its own conftest, so constants do not live there)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"
WUJIANG = "wujiang-14fyp-emergency"
KUNSHAN = "kunshan-14fyp-safety"


def kids(node, kind):
    return [c for c in node.children if c.kind == kind]


def find(node, *numbers):
    """Descend by written numbers: find(root, "三、", "（三）") -> that section."""
    for number in numbers:
        matches = [c for c in node.children if c.number == number]
        assert matches, f"{number!r} not found under {node.id}: {[c.number for c in node.children]}"
        node = matches[0]
    return node


def shape(node):
    """The tree without spans: what must not change between formats of the same plan."""
    return (node.id, node.kind, node.number, node.heading, node.text,
            tuple(shape(c) for c in node.children))


def tables(record):
    return [n for n in record.nodes() if n.kind == "table"]


def extract_document(folder: Path, title: str, text: str, kind: str, region: str, level: str, **meta):
    """(record, facts) of a small document ingested and extracted as `policykg ingest` would:
    ``text`` is its whole markdown, written to ``folder/<title>.md``; ``meta``: more DocumentMeta
    fields (period_start, …)."""
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path
    from ingest.records import DocumentMeta

    path = folder / f"{title}.md"
    path.write_text(text, "utf-8")
    [record] = ingest_path(path, DocumentMeta(id=kind, title=title, kind=kind, region=region, level=level, **meta))
    record.facts = extract_facts(record)
    return record, record.facts


def mentions_by_article(folder: Path, title: str, articles: str, region: str, level: str) -> dict[str, set[tuple[str, str]]]:
    """Article ("art_5") -> {(body, role)} of a small regulation ingested and extracted as
    `policykg ingest` would: ``articles`` is its markdown text after the title."""
    _record, facts = extract_document(folder, title, f"# {title}\n\n{articles}", "regulation", region, level)
    by_article: dict[str, set[tuple[str, str]]] = {}
    for m in facts.mentions:
        article = next(part for part in m.clause_id.split("/") if part.startswith("art_"))
        by_article.setdefault(article, set()).add((m.actor_id, m.role))
    return by_article


def roles_by_opening(record, facts, opening: Optional[int] = None) -> set[tuple[str, str, str]]:
    """(the clause's first ``opening`` characters, or its whole text, body, role) of every mention."""
    clauses = {c.id: c.text[:opening] for c in record.clauses()}
    return {(clauses[m.clause_id], m.actor_id, m.role) for m in facts.mentions}


def mentions_by_clause(folder: Path, body: str, region: str, level: str, title: str, part: str,
                       opening: int = 8) -> dict[str, set[tuple[str, str]]]:
    """The opening of each clause (its first ``opening`` characters) -> {(body, role)} of a small plan:
    ``body`` is its markdown under ``part``."""
    record, facts = extract_document(folder, title, f"# {title}\n\n{part}{body}\n", "plan", region, level)
    out: dict[str, set[tuple[str, str]]] = {c.text[:opening]: set() for c in record.clauses()}
    for text, actor, role in roles_by_opening(record, facts, opening):
        out[text].add((actor, role))
    return out


def mentions_by_item(folder: Path, items: list[str], region: str, level: str, title: str = "某某自然灾害救助应急预案",
                     part: str = "一、职责分工") -> list[list[tuple[str, str, str]]]:
    """[(body, role, surface)] of each item of a small plan ("1.…" under ``part``), in order."""
    from ingest.normalize import normalize_line

    body = "\n\n".join(f"{i + 1}.{text}" for i, text in enumerate(items))
    record, facts = extract_document(folder, title, f"# {title}\n\n{part}\n\n{body}\n", "plan", region, level)
    nodes = {n.id: n for n in record.root.walk()}
    out: list[list[tuple[str, str, str]]] = [[] for _ in items]
    for m in facts.mentions:
        text = nodes[m.clause_id].text
        k = next(i for i, item in enumerate(items) if text.rstrip("。") in normalize_line(item))
        out[k].append((m.actor_id, m.role, m.surface))
    return out
