"""The numbered outline of a structure tree: numbered units counted per nesting depth.

A numbered unit is a heading node with its written number (一、 （一） 1.1 第三章 第五条 …),
an enumerated paragraph of an article ("（一）…"), or an ordinal lead-in ("一是…"); its depth
is the number of numbered units above it plus one. Attachments (annex nodes) are documents
of their own and left out; tables are counted everywhere, as "table".
"""

from __future__ import annotations

from collections import Counter

from ingest.records import Node

HEADING_KINDS = ("part", "section", "item", "chapter", "article")


def is_numbered(node: Node) -> bool:
    if not node.number:
        return False
    if node.kind in HEADING_KINDS or node.kind == "paragraph":
        return True
    return node.kind == "topic" and node.number.endswith("是")


def outline_counts(root: Node) -> Counter:
    """Counter {1: n, 2: n, …, "table": n}."""
    counts: Counter = Counter()

    def walk(node: Node, depth: int, in_annex: bool) -> None:
        for child in node.children:
            if child.kind == "table":
                counts["table"] += 1
                continue
            annex = in_annex or child.kind == "annex"
            if is_numbered(child) and not annex:
                counts[depth + 1] += 1
                walk(child, depth + 1, annex)
            else:
                walk(child, depth, annex)

    walk(root, 0, False)
    return counts
