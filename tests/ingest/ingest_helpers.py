"""Paths and small tree helpers shared by the ingest tests (a uniquely named module:
every test folder has its own conftest, so constants do not live there)."""

from __future__ import annotations

from pathlib import Path

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
