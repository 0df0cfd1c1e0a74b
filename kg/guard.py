"""The read-only guard: every SPARQL string is parsed here before any backend or endpoint sees it.

The text is split into the terminals of the SPARQL 1.1 grammar (IRIs, prefixed names,
variables, the four string forms, comments, numbers, keywords, punctuation), so that a
keyword inside a string, an IRI, a comment or a prefixed name (``ex:service``) is never
taken for one. The request's top level is then read by the grammar's first rules:
``Prologue`` (BASE / PREFIX declarations) followed by a query form (SELECT, CONSTRUCT,
DESCRIBE, ASK) or by an update operation (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY,
MOVE, ADD, WITH), and update operations chained after ``;``. What a read-only, offline
endpoint must never run is refused: SPARQL Update, and federated SERVICE calls (network
access). Everything else is left to the backend, which reports syntax errors in its own words.

That token pass is the quick first check. It reads the text after SPARQL's codepoint escape
processing (``\\u0053ERVICE`` is ``SERVICE``), with comments ending at a carriage return as
well as at a line feed (Oxigraph ends them at either). The decision itself is made from the
parsed query: ``check_parsed`` runs rdflib's SPARQL 1.1 parser (which processes the escapes
first, as the specification requires) and refuses anything that is not a query, or whose
parse tree holds a SERVICE pattern anywhere (nested, with a variable, prefixed-name or IRI
endpoint). A text rdflib cannot parse is refused too: what the guard cannot read is not run.
The embedded store runs ``check_parsed`` in its query worker (kg.worker), under the query's
time and memory limits, and that worker cannot open network connections anyway (kg.sandbox).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple, Optional

from kg.errors import QueryError

MAX_QUERY_CHARS = 100_000
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

# Terminals, longest forms first; anything else is one punctuation character.
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7-\uFFFF]+)
  | (?P<bnode>_:[\w\u00B7-\uFFFF.-]*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\u00B7-\uFFFF.-]*)?:(?:[\w\u00B7-\uFFFF.:%-]|\\.)*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)


class Token(NamedTuple):
    kind: str     # name | iri | pname | var | string | number | bnode | lang | punct
    text: str


@dataclass(frozen=True)
class Request:
    """What the top level of a SPARQL request is."""
    form: Optional[str] = None        # select | construct | describe | ask, for a query
    update: Optional[str] = None      # the first update operation's keyword (INSERT, DROP …)
    service: bool = False             # a SERVICE clause anywhere

    @property
    def is_update(self) -> bool:
        return self.update is not None


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    r"""SPARQL's codepoint escapes (\uXXXX, \UXXXXXXXX), processed before any parsing (SPARQL 1.1
    section 19.2). An escape naming no valid character is kept as written."""
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()
    return _CODEPOINT.sub(char, text)


def tokens(text: str) -> Iterator[Token]:
    """The request's terminals (after codepoint escapes), without white space and comments."""
    for m in _TOKEN.finditer(unescape_codepoints(text)):
        kind = m.lastgroup
        if kind != "space" and kind != "comment":
            yield Token(kind, m.group())


def parse_request(text: str) -> Request:
    """Read the prologue, the query form or update operation, and every SERVICE keyword."""
    toks = list(tokens(text))
    i = _skip_prologue(toks)
    first = toks[i].text.upper() if i < len(toks) and toks[i].kind == "name" else None
    form = first.lower() if first in QUERY_FORMS else None
    update = first if first in UPDATE_OPERATIONS else None
    depth = 0
    for j, tok in enumerate(toks[i:], start=i):
        if tok.kind != "punct":
            continue
        if tok.text in "{([":
            depth += 1
        elif tok.text in "})]":
            depth -= 1
        elif tok.text == ";" and depth == 0 and update is None:
            # "…; DROP ALL": an update operation chained to the request
            k = _skip_prologue(toks, j + 1)
            if k < len(toks) and toks[k].kind == "name" and toks[k].text.upper() in UPDATE_OPERATIONS:
                update = toks[k].text.upper()
    if form is None and update is None:
        # not a well-formed request: the backend's parser will say why; still note its form
        form = next((t.text.lower() for t in toks[i:] if t.kind == "name" and t.text.upper() in QUERY_FORMS),
                    None)
    service = any(t.kind == "name" and t.text.upper() == "SERVICE" for t in toks)
    return Request(form=form, update=update, service=service)


def _skip_prologue(toks: list[Token], i: int = 0) -> int:
    """Index of the first token after BASE <iri> / PREFIX p: <iri> declarations."""
    while i < len(toks) and toks[i].kind == "name":
        word = toks[i].text.upper()
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            i += 2
        elif (word == "PREFIX" and i + 2 < len(toks) and toks[i + 1].kind == "pname"
              and toks[i + 1].text.endswith(":") and toks[i + 2].kind == "iri"):
            i += 3
        else:
            break
    return i


def check_read_only(query: str) -> Request:
    """Raise QueryError for an empty/oversized query, an UPDATE, or a SERVICE clause."""
    if not query or not query.strip():
        raise QueryError("the SPARQL query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the SPARQL query is too long ({len(query)} characters, limit {MAX_QUERY_CHARS})")
    request = parse_request(query)
    if request.is_update:
        raise QueryError(f"SPARQL UPDATE ({request.update}) is not allowed: the store is read-only here")
    if request.service:
        raise QueryError("federated queries (SERVICE) are not allowed: the store answers from its own data only")
    return request


class UnreadableQuery(QueryError):
    """rdflib's SPARQL parser cannot read the text (a syntax error, an update, or a form it lacks)."""


def check_parsed(query: str) -> None:
    """Decide from rdflib's parse of the query: raise QueryError unless it is a SPARQL 1.1 query
    (not an update) without a SERVICE pattern anywhere. rdflib's grammar recurses per nesting
    level and per triple pattern, so long queries need a high recursion limit: kg.worker sets
    one; elsewhere such a query is refused as too complex rather than run unchecked."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        # Oxigraph ends a comment at a carriage return too: so does the text rdflib reads
        # (a raw CR can only stand in white space, comments and long strings, where it means the same)
        tree = parseQuery(query.replace("\r", "\n"))   # processes codepoint escapes first; updates fail
    except ParseBaseException as exc:
        raise UnreadableQuery(f"malformed SPARQL (or not a read-only query): {one_line(str(exc))[:300]}") from None
    except RecursionError:
        raise QueryError("the query is nested too deeply or is too long for the read-only check") from None
    except Exception as exc:  # rdflib raises plain exceptions for some bad terms (undeclared prefixes)
        raise UnreadableQuery(f"malformed SPARQL: {one_line(str(exc))[:300]}") from None
    if _has_service(tree):
        raise QueryError("federated queries (SERVICE) are not allowed: the store answers from its own data only")


def _has_service(tree) -> bool:
    """A ServiceGraphPattern anywhere in an rdflib parse tree (walked without recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)
    return False


def query_form(query: str) -> str:
    """select | ask | construct | describe — the request's query form (select when it has none)."""
    return parse_request(query).form or "select"


def one_line(message: str) -> str:
    """Parser messages span lines; users get one."""
    return " ".join(message.split())
