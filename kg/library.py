"""The SPARQL query library (kg/queries/*.rq): find a query by name, @file or text.

Each file starts with comment lines stating the question it answers and its
parameters; ``description`` returns that text for listings. A parameter is a
``VALUES ?name { … }`` line: analysts edit it in a copy of the file, code sets it
with ``LibraryQuery.bind`` (the service's owner questions run who_is_responsible so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from kg.errors import QueryError

QUERIES_DIR = Path(__file__).resolve().parent / "queries"


@dataclass
class LibraryQuery:
    name: str
    path: Path
    text: str

    @property
    def description(self) -> str:
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line.lstrip("# ").rstrip())
        return " ".join(lines).removeprefix("Question: ")

    def bind(self, name: str, *terms: str) -> "LibraryQuery":
        """This query with its parameter ``?name`` set to ``terms`` (SPARQL terms, see ``literal``)."""
        line = re.compile(r"(VALUES\s+\?" + re.escape(name) + r"\s*\{)[^}]*(\})")
        if not line.search(self.text):
            raise QueryError(f"library query {self.name!r} has no parameter ?{name}")
        text = line.sub(lambda m: f"{m.group(1)} {' '.join(terms)} {m.group(2)}", self.text, count=1)
        return replace(self, text=text)


def literal(text: str, lang: Optional[str] = None) -> str:
    """A SPARQL string literal (with a language tag when given) for ``LibraryQuery.bind``."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def list_queries() -> list[LibraryQuery]:
    return [LibraryQuery(p.stem, p, p.read_text("utf-8")) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def get_query(name: str) -> LibraryQuery:
    path = QUERIES_DIR / f"{name}.rq"
    if "/" in name or not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no library query named {name!r} (known: {known})")
    return LibraryQuery(name, path, path.read_text("utf-8"))


def resolve(arg: str) -> str:
    """``@path/to/file.rq`` -> its text; a library name -> its text; anything else is SPARQL."""
    if arg.startswith("@"):
        path = Path(arg[1:])
        if not path.is_file():
            raise QueryError(f"no such query file: {path}")
        try:
            return path.read_text("utf-8")
        except UnicodeDecodeError:
            raise QueryError(f"{path}: not UTF-8 text") from None
    stripped = arg.strip()
    if stripped and all(c.isalnum() or c in "_-" for c in stripped):
        return get_query(stripped).text
    return arg
