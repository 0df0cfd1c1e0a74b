"""The units the search index holds, cut from ingest records.

A unit is one clause (a sentence), one row of a table (its cells joined:
"十万人火灾死亡率 <0.2 约束性"), because indicator rows answer questions such as
"管线入廊率目标是多少" that no running-text clause does, or one heading (the
names of projects and tasks, "应急指挥系统工程", are often only in a heading). Each unit carries what a
result needs to explain itself (plan title, section path) and what filters need
(document kind, sectors, section kind, whether it has a deadline).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Iterator

from ingest.records import DocumentRecord, Node

# Ancestors shown in a result's section path; paragraphs and the document are not.
PATH_KINDS = ("preface", "part", "section", "item", "topic", "chapter", "article", "table")
# Structure nodes whose heading is indexed as a unit of its own.
HEADING_KINDS = ("part", "section", "item", "topic", "chapter", "table")
# Headings can be whole sentences when a numbered item runs on: keep the path readable.
MAX_LABEL = 40

# Section kinds, decided from the headings above a unit (first match wins, innermost first).
SECTION_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("projects", ("重点工程", "重大工程", "重点项目", "专栏")),
    ("safeguards", ("保障措施", "保障机制", "规划实施", "实施保障", "组织实施", "组织领导")),
    ("goals", ("指导思想", "基本原则", "发展目标", "规划目标", "主要目标", "总体目标", "总体要求", "远景目标", "目标指标")),
    ("situation", ("现状", "形势", "回顾", "主要成效", "取得的", "面临的", "存在的问题", "发展基础")),
)

_BARE_NUMERAL = re.compile(r"^[一二三四五六七八九十百零〇\d]+$")


@dataclass
class Unit:
    id: str
    plan_id: str
    plan_title: str
    doc_kind: str                  # plan | law | regulation | report
    unit_kind: str                 # clause | row | heading
    text: str
    section_path: list[str] = field(default_factory=list)
    section_kind: str = "tasks"
    sectors: list[str] = field(default_factory=list)
    has_deadline: bool = False
    # What BM25 reads in place of ``text`` when it differs (built with the index, never stored or
    # shown): a table row with the column labels its cells carry, "耒阳 警戒水位 77.50".
    keywords: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        del d["keywords"]
        return d


def node_label(node: Node) -> str:
    """How a heading reads in a path: "三、主要任务", "（三）加强…", "第二章 总则"."""
    number = (node.number or "").strip()
    heading = (node.heading or "").strip()
    if len(heading) > MAX_LABEL:
        heading = heading[:MAX_LABEL] + "…"
    if number and _BARE_NUMERAL.match(number) and node.kind == "part":
        number += "、"
    sep = " " if number and heading and number[-1] in "章节条编" else ""
    label = f"{number}{sep}{heading}"
    if not label and node.kind == "preface":
        label = "前言"
    return label


def section_kind(doc_kind: str, path_nodes: list[Node]) -> str:
    if any(n.kind == "table" for n in path_nodes):
        return "table"
    if any(n.kind == "preface" for n in path_nodes):
        return "preface"
    if doc_kind in ("law", "regulation"):
        return "statute"
    for node in reversed(path_nodes):
        heading = node.heading or ""
        for kind, words in SECTION_KINDS:
            if any(w in heading for w in words):
                return kind
    return "tasks"


_NUMBERISH = re.compile(r"^[\s\d.,，、%‰±~～—–\-+<>≤≥＜＞()（）万亿千百]*\d[\s\d.,，、%‰±~～—–\-+<>≤≥＜＞()（）万亿千百]*$")
MAX_HEADER_ROWS = 3


def _cells(row: Node) -> list[str]:
    return [(c.text or "").strip() for c in row.children if c.kind == "cell"]


def header_rows(table: Node) -> list[Node]:
    """The rows heading a table's columns: the leading rows with no figure in any cell."""
    heads = []
    for row in (c for c in table.children if c.kind == "row"):
        cells = [c for c in _cells(row) if c]
        if not cells or any(_NUMBERISH.match(c) for c in cells) or len(heads) >= MAX_HEADER_ROWS:
            break
        heads.append(row)
    return heads


def column_labels(table: Node) -> list[str]:
    """Each column's label: its header cells top to bottom, repeats dropped (合计 / 数量（座）)."""
    columns: list[list[str]] = []
    for row in header_rows(table):
        for j, cell in enumerate(_cells(row)):
            while len(columns) <= j:
                columns.append([])
            if cell and cell not in columns[j]:
                columns[j].append(cell)
    return ["".join(parts) for parts in columns]


def row_text(row: Node, table: Node | None = None, labels: list[str] | None = None) -> str:
    """A table row as readable text: label cells as they are, each figure after its column's
    label ("华中华东地区 合计数量（座） 4428 合计总库容（万m） 304863 …"), so that a question naming
    the column finds the row; header rows and tables without headers read cell by cell.
    ``labels``: the table's column labels when already known."""
    cells = _cells(row)
    if labels is None:
        labels = column_labels(table) if table is not None and row not in header_rows(table) else []
    elif table is not None and row in header_rows(table):
        labels = []
    parts = []
    for j, cell in enumerate(cells):
        if not cell:
            continue
        label = labels[j] if j < len(labels) else ""
        parts.append(f"{label} {cell}" if label and label != cell and _NUMBERISH.match(cell) else cell)
    return " ".join(parts) or (row.text or "").strip()


def keyword_labels(row: Node, labels: list[str]) -> list[str]:
    """The column labels BM25 reads a row with: the header ingest split off the rows (each cell
    carries its column's name, as the table layout reads it) before the header rows still in the
    table (``labels``, which the row's text already shows)."""
    cells = [c for c in row.children if c.kind == "cell"]
    out = []
    for j in range(max(len(cells), len(labels))):
        carried = re.sub(r"\s+", "", cells[j].heading or "") if j < len(cells) else ""
        kept = labels[j] if j < len(labels) else ""
        out.append(kept if not carried or carried in kept else f"{carried}{kept}")
    return out


def row_keyword_text(row: Node, table: Node | None = None, labels: list[str] | None = None) -> str:
    """What BM25 reads for a table row: its text with every figure after its column's label,
    the label the header split off by ingest included ("未水 耒阳 … 警戒水位 77.50 …"), so that
    a question naming the column finds the row; the unit's text (what coverage, display and
    the golden outputs see) stays as :func:`row_text` reads it."""
    if labels is None:
        labels = column_labels(table) if table is not None and row not in header_rows(table) else []
    return row_text(row, table, keyword_labels(row, labels))


def _headings(unit: "Unit") -> list[str]:
    """The headings above a unit that say something (not a bare "（1）")."""
    return [lab for lab in unit.section_path if len(_NUMBERING.sub("", lab)) >= 2]


def keyword_text(unit: "Unit") -> str:
    """What BM25 reads for a unit: its text and the two innermost headings above it (a short
    clause "死亡或可能死亡30人以上" is found by its heading "Ⅰ级响应 启动条件")."""
    if unit.unit_kind == "heading":
        return unit.text
    return " ".join([unit.keywords or unit.text, *_headings(unit)[-2:]])


def context_label(unit: "Unit") -> str:
    """The two innermost headings above a unit, as one label ("5.1Ⅰ级响应 5.1.1启动条件")."""
    return " ".join(_headings(unit)[-2:])


_NUMBERING = re.compile(r"^[\s\d.、．（）()一二三四五六七八九十第章节条表附件\-—]+")


def _walk(node: Node, ancestors: list[Node]) -> Iterator[tuple[Node, list[Node]]]:
    yield node, ancestors
    if node.kind in ("clause", "row"):
        return   # a row's cells are indexed through the row
    for child in node.children:
        yield from _walk(child, ancestors + [node])


def _deadline_ids(record: DocumentRecord) -> set[str]:
    ids = {d.clause_id for d in record.facts.deadlines}
    ids |= {i.clause_id for i in record.facts.indicators if i.deadline and i.clause_id}
    return ids


def _sector_map(record: DocumentRecord) -> dict[str, set[str]]:
    sectors: dict[str, set[str]] = {}
    for tag in record.facts.sectors:
        sectors.setdefault(tag.clause_id, set()).add(tag.sector)
    for task in record.facts.tasks:
        for cid in task.clause_ids:
            sectors.setdefault(cid, set()).update(task.sectors)
    return sectors


def _row_ids_of_cells(record: DocumentRecord) -> dict[str, str]:
    """Facts about a table cell count for its row (the row is the indexed unit)."""
    owner: dict[str, str] = {}
    for node in record.nodes():
        if node.kind == "row":
            for cell in node.walk():
                owner[cell.id] = node.id
    return owner


def units_of(record: DocumentRecord) -> list[Unit]:
    meta = record.meta
    deadlines = _deadline_ids(record)
    sectors = _sector_map(record)
    cell_row = _row_ids_of_cells(record)
    for cell_id, row_id in cell_row.items():
        if cell_id in deadlines:
            deadlines.add(row_id)
        if cell_id in sectors:
            sectors.setdefault(row_id, set()).update(sectors[cell_id])
    units: list[Unit] = []
    labels_of: dict[str, list[str]] = {}       # table id -> its column labels
    for node, ancestors in _walk(record.root, []):
        own_path, keywords = False, ""
        if node.kind == "clause":
            text = (node.text or "").strip()
        elif node.kind == "row":
            table = ancestors[-1] if ancestors and ancestors[-1].kind == "table" else None
            if table is not None and table.id not in labels_of:
                labels_of[table.id] = column_labels(table)
            labels = labels_of.get(table.id) if table is not None else None
            text = row_text(node, table, labels)
            keywords = row_keyword_text(node, table, labels)
        elif node.kind in HEADING_KINDS:
            text, own_path = (node.heading or "").strip(" ：:。"), True
        else:
            continue
        if not text:
            continue
        path_nodes = [a for a in ancestors if a.kind in PATH_KINDS]
        kind_nodes = path_nodes + [node] if own_path else path_nodes
        units.append(Unit(
            id=node.id,
            plan_id=meta.id,
            plan_title=meta.title,
            doc_kind=meta.kind or "plan",
            unit_kind="heading" if own_path else node.kind,
            text=text,
            section_path=[label for label in map(node_label, path_nodes) if label],
            section_kind=section_kind(meta.kind or "plan", kind_nodes),
            sectors=sorted(sectors.get(node.id, ())),
            has_deadline=node.id in deadlines,
            keywords=keywords if keywords != text else "",
        ))
    return units


def collect_units(records: list[DocumentRecord]) -> list[Unit]:
    units: list[Unit] = []
    for record in records:
        units.extend(units_of(record))
    return units


def unit_dicts(record: DocumentRecord) -> list[dict]:
    """The record's units as stored outside the index (search_api.datadir.lookups): shallow
    dicts, serialised at once (asdict's deep copy is most of the cost over 400 k units)."""
    return [{k: v for k, v in vars(u).items() if k != "keywords"} for u in units_of(record)]
