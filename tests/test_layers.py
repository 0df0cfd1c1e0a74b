"""The import rules of ARCHITECTURE.md, checked on the source: no cycles among the project's
modules, and no import that points up a layer.

Every ``import`` and ``from … import`` of every module counts, at module level or inside a
function (a deferred import is still a dependency); only imports under ``if TYPE_CHECKING:``
(annotations) are left out, and so is a package's ``__init__`` importing its own submodules
(ingest.readers dispatches to its readers so: that is the package's own structure). Layers, lowest first: ingest <- kg <- search_api; inside
search_api, each sub-package may import only those listed for it in ALLOWED.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "kg", "search_api")
RANK = {"ingest": 0, "kg": 1, "search_api": 2}

# search_api's parts and what each may import (besides itself, ingest and kg). The foundation
# modules (errors, limits, settings) may be imported by every part.
FOUNDATION = {"search_api.errors", "search_api.limits", "search_api.settings"}
ALLOWED = {
    "foundation": set(),
    "datadir": set(),
    "model": set(),
    "index": {"datadir", "model"},
    "coverage": {"index"},
    "service": {"coverage", "index", "datadir", "model"},
    "build": {"index", "datadir", "model"},
    "cluster": {"model"},
    "api": {"service", "coverage", "index"},
    "cli": {"api", "service", "coverage", "build", "cluster", "index", "datadir", "model"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports (the module itself when an attribute of a package is imported)."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node)
            for child in node.body for n in ast.walk(child)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        targets = imports_of(path, name, modules)
        if path.name == "__init__.py":
            targets = {t for t in targets if not t.startswith(name + ".")}
        graph[name] = targets
    return graph


def part_of(module: str) -> str:
    """search_api.<part>… -> part ("foundation" for the top-level modules)."""
    if module in FOUNDATION or module == "search_api":
        return "foundation"
    return module.split(".")[1]


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (as a list of modules), or [] when there is none."""
    state: dict[str, int] = {}   # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_the_walker_sees_deferred_imports_and_finds_cycles():
    graph = import_graph()
    assert "search_api.build.pipeline" in graph["search_api.cli.commands.corpus"]   # imported inside a command
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    cycle = find_cycle(import_graph())
    assert not cycle, " -> ".join(cycle)


def test_no_package_imports_a_higher_layer():
    upward = [(m, t) for m, targets in import_graph().items() for t in targets
              if RANK[t.split(".")[0]] > RANK[m.split(".")[0]]]
    assert not upward, upward


def test_search_api_parts_import_only_what_their_rule_allows():
    bad = []
    for module, targets in import_graph().items():
        if not module.startswith("search_api"):
            continue
        mine = part_of(module)
        assert mine in ALLOWED, f"{module}: a part of search_api without a rule"
        for target in targets:
            if not target.startswith("search_api"):
                continue
            theirs = part_of(target)
            if theirs not in (mine, "foundation") and theirs not in ALLOWED[mine]:
                bad.append(f"{module} -> {target}")
            if mine == "foundation" and theirs != "foundation":
                bad.append(f"{module} -> {target}")
    assert not bad, bad


# -- what a process actually loads ------------------------------------------------------

def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


HEAVY = ("torch", "faiss", "pyshacl", "rdflib")


def test_help_loads_no_model_index_or_graph_library():
    loaded = _loaded_after(
        "import sys\nfrom search_api.cli import app\nsys.argv = ['policykg', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass")
    assert not [m for m in HEAVY if m in loaded], [m for m in HEAVY if m in loaded]


def test_a_local_build_does_not_import_ray():
    """Ray is imported only for --cluster (search_api.cluster), never by the build path itself."""
    loaded = _loaded_after("import search_api.build.pipeline, search_api.cli.commands.corpus, ingest.documents, kg.build")
    assert "ray" not in loaded and "search_api.cluster.session" not in loaded


BUILDING = ("pyshacl", "kg.build", "kg.render", "kg.validate", "kg.shacl_sparql", "kg.shacl_reference", "kg.rdf",
            "search_api.build", "search_api.index.builder", "ingest.documents", "ingest.pipeline", "ingest.extract.walk")


@pytest.mark.parametrize("entry", ["search_api.api.app", "search_api.service.readmodel"])
def test_serving_imports_neither_building_nor_validation(entry):
    loaded = _loaded_after(f"import {entry}")
    assert not [m for m in BUILDING if m in loaded], [m for m in BUILDING if m in loaded]
