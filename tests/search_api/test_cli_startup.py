"""`policykg --help` and every command's `--help` load no model, index, store or validator.

Each runs in a fresh interpreter, as the console script does, and the test reads which
modules it imported (sys.modules after the command exits): an import-based check, so it
holds on a busy machine; the times themselves are in bench/RESULTS.md ("Start-up imports").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# the embedding model, vector index, keyword index, graph store and validator, and the NLP
# stacks extraction loads, and Ray (only for --cluster): none of them is needed to print help
HEAVY = ("torch", "faiss", "sentence_transformers", "transformers", "pyoxigraph", "pyshacl", "bm25s",
         "rdflib", "jieba", "spacy", "ray")
MARKER = "--- modules ---"
WRAPPER = f"""
import sys
from search_api.cli import main
try:
    main()
except SystemExit:
    pass
print({MARKER!r})
print(' '.join(sys.modules))
"""


def _commands() -> list[str]:
    import typer.main

    from search_api.cli import app

    return sorted(typer.main.get_command(app).commands)


def _loaded_by(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    help_text, _, modules = out.stdout.partition(MARKER)
    assert "Usage" in help_text, out.stdout[:500]
    return {m.split(".")[0] for m in modules.split()}


def test_every_command_is_covered():
    assert {"build", "ingest", "search", "similar", "ask", "serve", "sparql", "coverage"} <= set(_commands())


@pytest.mark.parametrize("command", [None] + _commands())
def test_help_imports_nothing_heavy(command):
    loaded = _loaded_by(*([command] if command else []), "--help")
    assert not [m for m in HEAVY if m in loaded], [m for m in HEAVY if m in loaded]
