"""The SPARQL query library (kg/queries/*.rq): find a query by name, @file or text.

Each file starts with comment lines stating the question it answers and its
parameters; ``describe`` returns that text for listings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
