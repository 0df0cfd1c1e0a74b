"""Read-only checks on a SPARQL string before any backend sees it.

Backends parse the query themselves (and report syntax errors with their own
message); this only refuses what a read-only, offline endpoint must never run:
SPARQL Update operations and federated SERVICE calls (network access).
"""

from __future__ import annotations

import re

from kg.errors import QueryError

MAX_QUERY_CHARS = 100_000

# Strings, IRIs and comments are blanked out first so keywords inside them don't count.
_LEXICAL = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)<>\s*)*", re.IGNORECASE)
_UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _blank(query: str) -> str:
    def repl(m: re.Match) -> str:
        text = m.group(0)
        return "<>" if text.startswith("<") else ('""' if text[0] in "\"'" else " ")
    return _LEXICAL.sub(repl, query)


def check_read_only(query: str) -> None:
    """Raise QueryError for an empty/oversized query, an UPDATE, or a SERVICE clause."""
    if not query or not query.strip():
        raise QueryError("the SPARQL query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the SPARQL query is too long ({len(query)} characters, limit {MAX_QUERY_CHARS})")
    body = _PROLOGUE.sub("", _blank(query))
    m = _UPDATE.match(body)
    if m:
        raise QueryError(f"SPARQL UPDATE ({m.group(1).upper()}) is not allowed: the store is read-only here")
    if _SERVICE.search(body):
        raise QueryError("federated queries (SERVICE) are not allowed: the store answers from its own data only")


def one_line(message: str) -> str:
    """Parser messages span lines; users get one."""
    return " ".join(message.split())


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(query: str) -> str:
    """select | ask | construct | describe — the first query-form keyword outside strings and IRIs."""
    m = _FORM.search(_PROLOGUE.sub("", _blank(query)))
    return m.group(1).lower() if m else "select"
