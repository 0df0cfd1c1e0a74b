"""Plain records that ingest produces and every later stage consumes.

Nothing here knows about RDF, vectors or HTTP: these are dataclasses that
serialise to JSON (one file per document in the data directory).

Node ids follow the Akoma Ntoso eId style, e.g.
``kunshan-14fyp-safety/chp_3/sec_2/item_1/para_2/cl_3``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any, Iterator, Optional

# Document kinds whose text is a statute: duties, not plans (extraction reads them apart).
LAW_KINDS = ("law", "regulation")

# Structure node kinds, outermost first. Laws use chapter/article instead of part/section.
NODE_KINDS = (
    "document",
    "preface",   # text before the first numbered part (序言/前言)
    "part",      # 一、
    "section",   # （一）
    "item",      # 1. / 1、 / （1）
    "topic",     # lead-in: "化工及危险化学品安全：", "——国家政策层面。", "一是…"
    "chapter",   # 第X章 (laws)
    "article",   # 第X条 (laws)
    "paragraph",
    "clause",    # a sentence: split on 。；！？ outside 《》“”（）
    "table",
    "row",
    "cell",
    "annex",     # an attachment (附件) after the body: numbered afresh, not part of its outline
)

# eId segment prefix for each node kind.
EID_PREFIX = {
    "preface": "preface",
    "part": "chp",
    "section": "sec",
    "item": "item",
    "topic": "topic",
    "chapter": "chp",
    "article": "art",
    "paragraph": "para",
    "clause": "cl",
    "table": "table",
    "row": "row",
    "cell": "cell",
    "annex": "annex",
}


@dataclass
class Node:
    id: str
    kind: str
    number: Optional[str] = None      # as written: "三", "（一）", "1.", "第五条"
    heading: Optional[str] = None     # heading text without its number
    text: Optional[str] = None        # clauses and cells carry text; paragraphs carry their full text
    span: Optional[tuple[int, int]] = None          # [start, end) in Document.clean_text
    children: list["Node"] = field(default_factory=list)

    def walk(self) -> Iterator["Node"]:
        """This node and every node under it, in document order (depth first). A stack, not
        nested generators: each node was handed up through every level above it, and extraction
        walks each document several times."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Node":
        return cls(
            id=d["id"],
            kind=d["kind"],
            number=d.get("number"),
            heading=d.get("heading"),
            text=d.get("text"),
            span=tuple(d["span"]) if d.get("span") else None,
            children=[cls.from_dict(c) for c in d.get("children", [])],
        )


@dataclass
class DocumentMeta:
    id: str
    title: str
    kind: str = "plan"               # plan | law | regulation | report
    region: Optional[str] = None     # 吴江区, 昆山市 …
    level: Optional[str] = None      # district | county-level city | province | national
    issuer: Optional[str] = None
    period_start: Optional[int] = None
    period_end: Optional[int] = None
    date: Optional[str] = None       # the document's own date, ISO (for 今年 / 明年 / 年底前)
    vision_year: Optional[int] = None
    source_file: Optional[str] = None
    source_sha256: Optional[str] = None
    source_format: Optional[str] = None  # pdf-text | docx-text | docx | pdf | html | markdown | statute-md | txt
    format: Optional[str] = None     # the reader format asked for (readers.FORMATS); None: detected
    encoding: Optional[str] = None
    category: Optional[str] = None   # for laws: the reference file's category

    def __post_init__(self):
        # Callers of the Python API pass years as they have them ("2021" from a form or a TOML string):
        # digits are read as the year, anything else is refused here rather than deep in extraction.
        for name in ("period_start", "period_end", "vision_year"):
            value = getattr(self, name)
            if isinstance(value, str) and value.strip().isdigit():
                setattr(self, name, int(value.strip()))
            elif value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError(f"DocumentMeta.{name} must be a year (int), not {value!r}")
        if self.period_start is not None and self.period_end is not None and self.period_start > self.period_end:
            raise ValueError(f"DocumentMeta period {self.period_start}-{self.period_end} ends before it starts")


@dataclass
class Provenance:
    clause_id: str
    span: Optional[tuple[int, int]] = None   # char span inside the clause text
    method: str = ""                         # e.g. "table:v1", "regex:indicator-text:v1", "spacy-ruler:v1"


@dataclass
class Deadline:
    clause_id: str
    text: str                     # the clause text (for display)
    expression: str               # the phrase as written: "到2025年", "力争两年内"
    date: Optional[str] = None    # ISO end date "2025-12-31"
    start: Optional[str] = None   # for intervals ("十四五期间" → 2021-01-01/2025-12-31)
    recurrence: Optional[str] = None  # "每年" / "年均" / "常态化" — recurring, not dated
    provenance: Optional[Provenance] = None


# "~" an approximate target (左右, 约); "range" a target between value and upper; "text" a prose standard.
COMPARATORS = ("<", "<=", "=", ">=", ">", "~", "range", "text")


@dataclass
class Indicator:
    id: str                       # stable: {plan}/ind_{n} for tables, {clause_id}/ind_{n} for text
    name: str
    comparator: str               # one of COMPARATORS
    value: Optional[float] = None     # for "range": the lower bound
    upper: Optional[float] = None     # for "range": the upper bound ("5%—5.5%" -> 5, 5.5)
    unit: Optional[str] = None
    attribute: Optional[str] = None   # 约束性 | 预期性 | None
    table: Optional[str] = None       # table caption or category (安全生产类 …)
    text: Optional[str] = None        # the target as written ("＞15", "流域骨干工程按照…")
    deadline: Optional[str] = None    # ISO date it is tied to
    baseline: Optional[str] = None
    clause_id: Optional[str] = None   # the row/cell or clause it came from
    provenance: Optional[Provenance] = None


@dataclass
class Actor:
    id: str                       # normalised slug-free key: the canonical name, e.g. "吴江区应急管理局"
    name: str                     # canonical name
    aliases: list[str] = field(default_factory=list)
    kind: str = "organisation"    # organisation | role | enterprise | government
    region: Optional[str] = None
    level: Optional[str] = None   # national | province | city | district | town | village | any


@dataclass
class ActorMention:
    actor_id: str
    clause_id: str
    role: str                     # lead | cooperate | subject | mentioned
    surface: str                  # as written in the clause
    provenance: Optional[Provenance] = None


@dataclass
class Task:
    id: str                       # {clause_id}/task
    clause_ids: list[str]
    text: str
    verb: Optional[str] = None
    sectors: list[str] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    deadline: Optional[str] = None
    indicator_ids: list[str] = field(default_factory=list)
    key_project: bool = False
    provenance: Optional[Provenance] = None
    kind: str = "task"            # task | measure (保障措施) | duty (a statute's duty assignment)


@dataclass
class SectorTag:
    clause_id: str
    sector: str                   # SKOS concept notation/key, e.g. "城镇燃气"
    method: str = ""


@dataclass
class Citation:
    clause_id: str
    title: str                    # normalised title without 《》
    surface: str                  # as written
    target_doc: Optional[str] = None  # document id when the cited text is in the corpus
    provenance: Optional[Provenance] = None


@dataclass
class SectionSense:
    """What a part of a document is about (ingest.extract.sections): review, goals, tasks, measures,
    criteria, estimates, report, penalties, annex, preface or general. Stored where a node's sense
    differs from its parent's; a node without an entry has its nearest ancestor's."""
    node_id: str
    sense: str
    method: str = ""


@dataclass
class Facts:
    indicators: list[Indicator] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    sectors: list[SectorTag] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sections: list[SectionSense] = field(default_factory=list)


@dataclass
class DocumentRecord:
    meta: DocumentMeta
    root: Node
    clean_text: str = ""
    # line_map[i] = 1-based source line where cleaned line i starts (provenance back to the file)
    line_map: list[int] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)

    def nodes(self) -> Iterator[Node]:
        return self.root.walk()

    def clauses(self) -> Iterator[Node]:
        return (n for n in self.root.walk() if n.kind == "clause")

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": asdict(self.meta),
            "root": self.root.to_dict(),
            "clean_text": self.clean_text,
            "line_map": self.line_map,
            "facts": asdict(self.facts),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocumentRecord":
        return cls(
            meta=DocumentMeta(**d["meta"]),
            root=Node.from_dict(d["root"]),
            clean_text=d.get("clean_text", ""),
            line_map=d.get("line_map", []),
            facts=facts_from_dict(d.get("facts") or {}),
        )


def _prov(d: Optional[dict]) -> Optional[Provenance]:
    if not d:
        return None
    span = tuple(d["span"]) if d.get("span") else None
    return Provenance(clause_id=d["clause_id"], span=span, method=d.get("method", ""))


@lru_cache(maxsize=None)
def _field_names(cls) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))   # dataclasses.fields() per record was most of a read


def _with_prov(cls, d: dict):
    names = _field_names(cls)
    kw = {k: v for k, v in d.items() if k in names}
    if "provenance" in kw:
        kw["provenance"] = _prov(kw["provenance"])
    return cls(**kw)


def mention_from_dict(d: dict[str, Any]) -> ActorMention:
    return _with_prov(ActorMention, d)


def indicator_from_dict(d: dict[str, Any]) -> Indicator:
    return _with_prov(Indicator, d)


def task_from_dict(d: dict[str, Any]) -> Task:
    t = dict(d)
    t["actors"] = [mention_from_dict(m) for m in t.get("actors", [])]
    return _with_prov(Task, t)


def sections_from_list(items: list[dict[str, Any]]) -> list[SectionSense]:
    return [SectionSense(**x) for x in items]


def facts_from_dict(d: dict[str, Any]) -> Facts:
    return Facts(
        indicators=[indicator_from_dict(x) for x in d.get("indicators", [])],
        deadlines=[_with_prov(Deadline, x) for x in d.get("deadlines", [])],
        actors=[Actor(**x) for x in d.get("actors", [])],
        mentions=[mention_from_dict(x) for x in d.get("mentions", [])],
        tasks=[task_from_dict(x) for x in d.get("tasks", [])],
        sectors=[SectorTag(**x) for x in d.get("sectors", [])],
        citations=[_with_prov(Citation, x) for x in d.get("citations", [])],
        sections=sections_from_list(d.get("sections", [])),
    )
