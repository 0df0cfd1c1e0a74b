"""Structure: cleaned blocks -> a tree of Nodes with stable eIds.

Plans:    document → preface (text before the first heading) → part (一、) → section
          (（一）) → item (1. / 1、) → item (（1）) → topic lead-in → paragraph → clause;
          decimal outlines (1 → 1.1 → 1.1.1 …) as part → section → item, outside those;
          attachments (附件, ingest.annexes) → annex nodes after the body, numbered afresh;
          tables → row → cell (cells carry their text and their column name as heading).
Statutes: (part 第X编) → chapter (第X章) → (section 第X节) → article (第X条) → paragraph
          → clause. A document is read as a statute when at least two lines open with 第X条;
          inside an article, "(一)…" enumerations are paragraphs, not headings, that carry
          their marker as number.
Headings written inline with their body become heading + body paragraph. A topic
lead-in ("化工及危险化学品安全：…", "——国家政策层面。…", "一是…。…") holds the
paragraph it opens; the next unmarked paragraph belongs to the enclosing container.
The title line (a short first line without sentence end) becomes the document heading.
Ids: ``{doc}/chp_3/sec_2/item_1/para_2/cl_3`` (prefixes from records.EID_PREFIX); a
heading keeps its written number (三、 -> chp_3, 第五条 -> art_5) when free, other
nodes are numbered in document order under their parent. Same blocks -> same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ingest.annexes import annex_start, announced_titles
from ingest.clauses import split_clauses
from ingest.clean import CleanDocument, TextBlock
from ingest.errors import IngestError
from ingest.headings import (ARTICLE_RE, DECIMAL, SENTENCE_END, Heading, HeadingKind, is_preface_heading,
                             match_decimal, match_decimal_top, match_plan_heading,
                             match_statute_heading, match_topic)
from ingest.ids import EIdAllocator
from ingest.records import Node
from ingest.tables import TableBlock

MAX_TITLE = 60
MAX_UNBROKEN_PARAGRAPH = 20_000   # longer without any sentence end: not a real document
MIN_DECIMAL = 2                   # numbered lines like "1.1 …" that make a decimal outline
ANNEX_RANK = 0.5                  # an attachment holds every heading until the next one
_NUMBERED_PARTS = ("part", "section", "item")     # the nodes a plan's numbers open


@dataclass
class _Open:
    rank: float
    node: Node
    ids: EIdAllocator
    style: Optional[HeadingKind] = None   # the numbering style of the heading that opened it


class TreeBuilder:
    def __init__(self, doc_id: str, clean: CleanDocument, source: str, statute: Optional[bool] = None):
        self.clean = clean
        self.source = source
        self.root = Node(id=doc_id, kind="document", span=(0, len(clean.clean_text)))
        self.stack = [_Open(0, self.root, EIdAllocator(doc_id))]
        self.preface: Optional[_Open] = None
        self.statute = statute if statute is not None else sum(
            1 for b in clean.blocks[:4000] if isinstance(b, TextBlock) and ARTICLE_RE.match(b.text)) >= 2
        # a decimal outline (1 / 1.1 / 1.1.1): its bare top numbers are read in sequence
        self.decimal = not self.statute and sum(
            1 for b in clean.blocks if isinstance(b, TextBlock) and match_decimal(b.text)) >= MIN_DECIMAL
        self.last_top = 0
        self.announced: set[str] = set()     # attachment titles the body lists ("附件：1.…")
        self.last_heading: Optional[Heading] = None

    # -- nodes --------------------------------------------------------------------
    def _child(self, parent: _Open, kind: str, start: int, wanted: Optional[int] = None,
               **fields) -> Node:
        node = Node(id=parent.ids.next(kind, wanted), kind=kind, span=(start, start), **fields)
        parent.node.children.append(node)
        return node

    def _open(self, parent: _Open, rank: int, node: Node) -> _Open:
        entry = _Open(rank, node, EIdAllocator(node.id))
        self.stack.append(entry)
        return entry

    def paragraph(self, parent: _Open, text: str, start: int, line: int,
                  number: Optional[str] = None) -> None:
        spans = split_clauses(text)
        if len(text) > MAX_UNBROKEN_PARAGRAPH and len(spans) <= 1:
            raise IngestError(self.source, f"no recognisable structure: line {line} runs "
                                           f"{len(text):,} characters without a sentence end")
        para = self._child(parent, "paragraph", start, text=text, number=number)
        para.span = (start, start + len(text))
        ids = EIdAllocator(para.id)
        for s, e in spans:
            para.children.append(Node(id=ids.next("clause"), kind="clause", text=text[s:e],
                                       span=(start + s, start + e)))

    # -- blocks -------------------------------------------------------------------
    def add_text(self, block: TextBlock) -> None:
        text = block.text
        if self._annex(block):
            return
        heading = self._heading(text)
        if heading is not None:
            self._add_heading(heading, block)
            return
        container = self._container()
        if is_preface_heading(text) and container is self.preface:
            self.preface.node.heading = text.replace(" ", "")
            self.preface.node.span = (block.start, block.start + len(text))
            return
        topic = None if self.statute else match_topic(text)
        if topic is not None:
            node = self._child(container, "topic", block.start, number=topic.number,
                               heading=topic.title)
            node.span = (block.start, block.start + len(text))
            if topic.body:
                entry = _Open(99, node, EIdAllocator(node.id))
                self.paragraph(entry, topic.body, block.start + topic.body_offset, block.line)
            return
        self.paragraph(container, text, block.start, block.line, self._enumeration(container, text))

    def _enumeration(self, container: _Open, text: str) -> Optional[str]:
        """The marker of an enumerated paragraph of an article ("（一）…", "1．…"): a numbered
        unit of the statute that stays a paragraph of its article."""
        if not (self.statute and container.node.kind == "article"):
            return None
        heading = match_plan_heading(text)
        return heading.number if heading is not None and heading.value else None

    def _annex(self, block: TextBlock) -> bool:
        """An attachment starts here: everything after it belongs to it, numbered afresh."""
        if self.last_heading is None:
            return False      # no numbered heading of the body yet: this is no attachment
        self.announced.update(announced_titles(block.text))
        label = annex_start(block.text, self.announced)
        if label is None:
            return False
        current = self.stack[-1].node
        if current.kind == "annex" and not current.children:
            current.heading = f"{current.heading} {label}"     # "附件3" then its title: one attachment
            current.span = (current.span[0], block.start + len(block.text))
            return True
        del self.stack[1:]
        node = self._child(self.stack[0], "annex", block.start, heading=label)
        node.span = (block.start, block.start + len(block.text))
        self._open(self.stack[0], ANNEX_RANK, node)
        return True

    def _heading(self, text: str) -> Optional[Heading]:
        heading = match_statute_heading(text, articles=self.statute)
        if heading is None and self.decimal:
            heading = match_decimal_top(text, self.last_top + 1) or match_decimal(text)
        if heading is None and not self.statute:
            heading = match_plan_heading(text)
        return heading

    def _add_heading(self, heading: Heading, block: TextBlock) -> None:
        self.last_heading = heading
        if heading.kind is DECIMAL[0]:
            self.last_top = heading.value
        self._close_for(heading.kind)
        parent = self.stack[-1]
        node = self._child(parent, heading.kind.kind, block.start, heading.value,
                           number=heading.number, heading=heading.title)
        node.span = (block.start, block.start + len(block.text))
        entry = self._open(parent, heading.kind.rank, node)
        entry.style = heading.kind
        if heading.body:
            self.paragraph(entry, heading.body, block.start + heading.body_offset, block.line)

    def _close_for(self, kind: HeadingKind) -> None:
        """Close what a new heading of ``kind`` ends. Statute and decimal numbers say their
        level (第二章 closes 第一条; 5.2 closes 5.1.3). Plan numbering nests by what is open:
        a style already open is closed with everything inside it (the new one is its sibling),
        any other style nests inside the innermost heading — "1．" items written under "（1）"
        belong to it, whatever the usual order of the styles."""
        if kind.family == "plan" and any(e.style is kind for e in self.stack):
            while self.stack.pop().style is not kind:
                pass
            return
        if kind.family != "plan":
            while self.stack[-1].rank >= kind.rank:
                self.stack.pop()

    def _container(self) -> _Open:
        if len(self.stack) == 1 and self.preface is not None:
            return self.preface
        return self.stack[-1]

    def add_table(self, block: TableBlock) -> None:
        table = self._child(self._container(), "table", block.start, heading=block.caption)
        ids = EIdAllocator(table.id)
        end = block.start
        for row_cells, row_start in zip(block.rows, block.row_starts):
            row = Node(id=ids.next("row"), kind="row", number=str(len(table.children) + 1))
            table.children.append(row)
            cell_ids = EIdAllocator(row.id)
            pos = row_start
            for j, cell in enumerate(row_cells):
                column = block.columns[j] if block.columns and j < len(block.columns) else None
                row.children.append(Node(id=cell_ids.next("cell"), kind="cell", heading=column,
                                         text=cell, span=(pos, pos + len(cell))))
                pos += len(cell) + 1
            row.span = (row_start, pos - 1)
            end = pos - 1
        table.span = (block.start, end)

    # -- whole document -------------------------------------------------------------
    def build(self, title_hint: Optional[str]) -> tuple[Node, Optional[str]]:
        blocks = list(self.clean.blocks)
        title = None
        if blocks and isinstance(blocks[0], TextBlock) and self._is_title(blocks[0].text):
            title = blocks.pop(0).text
        if any(isinstance(b, TextBlock) and self._heading(b.text) for b in blocks):
            preface = Node(id=f"{self.root.id}/preface", kind="preface")
            self.preface = _Open(0, preface, EIdAllocator(preface.id))
            self.root.children.append(preface)
        for block in blocks:
            if isinstance(block, TableBlock):
                self.add_table(block)
            else:
                self.add_text(block)
        if self.preface is not None and not self.preface.node.children:
            self.root.children.remove(self.preface.node)
        if not self.statute:
            self._lone_sentences_as_text(self.root)
        self.root.heading = title or title_hint
        _close_spans(self.root)
        return self.root, title

    def _lone_sentences_as_text(self, node: Node) -> None:
        """A short numbered sentence alone on its line ("4.1.2 灾情初报。") reads as the heading of
        what follows; with nothing following inside it ("（1）做好防汛宣传。" then "（2）…") it was
        the part's text all along. So was a run of numbered lines none of which has anything under
        it, stop or no stop ("（一）新购置公交车200辆" "（二）新建改造100个公交站台"): a list, not an outline."""
        bare = {c.id for c in node.children if c.kind in _NUMBERED_PARTS and c.heading and c.span and not c.children}
        for child in node.children:
            if child.children:
                self._lone_sentences_as_text(child)
            elif child.id in bare:
                line = self.clean.clean_text[child.span[0]:child.span[1]]
                stop = "。" if line.endswith("。") else ""
                if line[:len(line) - len(stop)].endswith(child.heading) and (stop or len(bare) > 1):
                    start = child.span[0] + len(line) - len(child.heading) - len(stop)
                    self.paragraph(_Open(99, child, EIdAllocator(child.id)), child.heading + stop, start, 0)
                    child.heading = None

    def _is_title(self, text: str) -> bool:
        return (len(text) <= MAX_TITLE and not any(ch in text for ch in SENTENCE_END + "：:")
                and not is_preface_heading(text) and self._heading(text) is None)


def _close_spans(node: Node) -> tuple[int, int]:
    """A container spans from its own start (or its first child's) to its last descendant."""
    if not node.children:
        return node.span
    child_spans = [_close_spans(child) for child in node.children]
    start = node.span[0] if node.span else child_spans[0][0]
    end = max(e for _, e in child_spans)
    if node.span:
        end = max(end, node.span[1])
    node.span = (start, end)
    return node.span


def build_tree(clean: CleanDocument, doc_id: str, source: str, title_hint: Optional[str] = None,
               statute: Optional[bool] = None) -> tuple[Node, Optional[str]]:
    """(root node, title line found in the text or None); ``statute`` forces or forbids the
    statute reading (第X条 articles), None decides from the text."""
    if not has_words(clean):
        raise IngestError(source, "no recognisable structure: no headings and no sentences, "
                                  "only symbols or numbers")
    return TreeBuilder(doc_id, clean, source, statute).build(title_hint)


def has_words(clean: CleanDocument) -> bool:
    """At least one line that reads as language (letters/CJK at least 40% of it) or a table."""
    for block in clean.blocks:
        if isinstance(block, TableBlock):
            return True
        text = block.text[:2000].replace(" ", "")   # a sample is enough to tell words from noise
        letters = sum(1 for ch in text if ch.isalpha())
        if letters >= 2 and letters >= 0.4 * len(text):
            return True
    return False
