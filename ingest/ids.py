"""Stable identifiers: document ids from file names or titles, eId path segments.

Same input -> same ids: nothing here depends on time, order of ingest or randomness.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ingest.records import EID_PREFIX

_SLUG_RUN = re.compile(r"[^a-z0-9]+")
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def short_hash(text: str, n: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def slugify(text: str) -> str:
    """ASCII slug of ``text``; empty when nothing ASCII survives (e.g. a Chinese name)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_RUN.sub("-", ascii_text.lower()).strip("-")[:80]


def doc_id_from_stem(stem: str) -> str:
    """Document id for a file: its slugified stem, or ``doc-<hash>`` for non-ASCII names."""
    slug = slugify(stem)
    # A slug that lost most of the name (Chinese stem with a year in it) would collide easily.
    if len(slug) < 3 or sum(ch.isascii() for ch in stem) < len(stem) / 2:
        return f"doc-{short_hash(stem)}" if not slug else f"{slug}-{short_hash(stem, 6)}"
    return slug


def statute_id(kind: str, title: str) -> str:
    """``law-<hash>`` / ``regulation-<hash>`` / ``report-<hash>`` from the title (stable, ASCII)."""
    return f"{kind}-{short_hash(title)}"


def is_valid_doc_id(doc_id: str) -> bool:
    """An id ingest gives a new document: ASCII (file names, IRIs, URLs stay plain)."""
    return bool(DOC_ID_RE.fullmatch(doc_id))   # fullmatch: `$` would let a final newline in


# What may name a stored document: letters and digits of any script, '.', '_', '-', starting
# with a letter or digit — never a path separator, a leading dot, NUL or white space.
SAFE_DOC_ID_RE = re.compile(r"^[^\W_][\w.-]{0,127}$")


def is_safe_doc_id(doc_id: str) -> bool:
    return bool(SAFE_DOC_ID_RE.fullmatch(doc_id)) and not doc_id.endswith(".")


class EIdAllocator:
    """Hands out child ids under one parent: ``{parent}/{prefix}_{n}``.

    Numbered headings keep their written number (三、 -> chp_3, 第五条 -> art_5) when it
    is free under this parent; otherwise, and for unnumbered nodes, the next free number.
    """

    __slots__ = ("parent", "_used", "_top")

    def __init__(self, parent: str):
        self.parent = parent
        self._used: dict[str, set[int]] = {}
        self._top: dict[str, int] = {}   # highest number handed out per prefix: next free is top + 1

    def next(self, kind: str, wanted: int | None = None) -> str:
        prefix = EID_PREFIX[kind]
        used = self._used.setdefault(prefix, set())
        top = self._top.get(prefix, 0)
        n = wanted if wanted is not None and wanted > 0 and wanted not in used else top + 1
        used.add(n)
        self._top[prefix] = max(top, n)
        return f"{self.parent}/{prefix}_{n}"
