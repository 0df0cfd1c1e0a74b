"""Adding, replacing and removing a document equals a full rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clitools import REPO, check_consistent, manifest, run_cli, search_many_json

QUERIES = ["燃气管道老化更新改造", "危险化学品安全监管", "防汛抗旱", "应急指挥中心建设"]


def _corpus_with(tmp: Path, ids: list[str]) -> Path:
    """A copy of corpus/ whose plans.toml lists only ``ids``."""
    import tomllib

    entries = tomllib.loads((REPO / "corpus" / "plans.toml").read_text("utf-8"))["plan"]
    corpus = tmp / ("corpus-" + "-".join(ids))
    if corpus.exists():
        return corpus
    corpus.mkdir()
    lines = []
    for e in entries:
        if e["id"] not in ids:
            continue
        shutil.copy(REPO / "corpus" / e["file"], corpus / e["file"])
        lines.append("[[plan]]")
        for key, value in e.items():
            lines.append(f"{key} = {_toml_value(value)}")
    (corpus / "plans.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def _toml_value(v) -> str:
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return str(v)


def _quads(data: Path) -> set[str]:
    proc = run_cli("export", "--format", "nq", data=data)
    assert proc.returncode == 0, proc.stderr
    return {line for line in proc.stdout.splitlines() if line.strip()}


def _rankings(data: Path) -> dict[str, list[tuple[str, float]]]:
    return {q: [(h["clause_id"], round(h["score"], 4)) for h in answer["results"]]
            for q, answer in search_many_json(data, QUERIES).items()}


def _assert_same_build(a: Path, b: Path) -> None:
    docs_a = sorted(manifest(a)["documents"], key=lambda d: d["id"])
    docs_b = sorted(manifest(b)["documents"], key=lambda d: d["id"])
    assert docs_a == docs_b
    qa, qb = _quads(a), _quads(b)
    assert qa == qb, f"{len(qa - qb)} quads only in one build, {len(qb - qa)} only in the other: " \
                     f"{sorted(qa - qb)[:3]} / {sorted(qb - qa)[:3]}"
    assert _rankings(a) == _rankings(b)


@pytest.mark.slow
def test_add_then_remove_equals_full_rebuild(built_corpus, tmp_path):
    # Start from Wujiang alone, add Kunshan incrementally: must equal the full build.
    partial = tmp_path / "partial"
    proc = run_cli("build", "--corpus", str(_corpus_with(tmp_path, ["wujiang-14fyp-emergency"])),
                   data=partial)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("ingest", str(REPO / "corpus" / "kunshan-14fyp-safety-development.txt"), data=partial)
    assert proc.returncode == 0, proc.stderr
    check_consistent(partial)
    _assert_same_build(partial, built_corpus)

    # Ingesting it again is refused without --replace; replacing a document with itself changes nothing.
    proc = run_cli("ingest", str(REPO / "corpus" / "kunshan-14fyp-safety-development.txt"), data=partial)
    assert proc.returncode == 2 and "--replace" in proc.stderr, proc.stderr
    proc = run_cli("ingest", str(REPO / "corpus" / "kunshan-14fyp-safety-development.txt"), "--replace",
                   data=partial)
    assert proc.returncode == 0, proc.stderr
    _assert_same_build(partial, built_corpus)

    # Removing Kunshan again equals a full build of Wujiang alone.
    proc = run_cli("remove", "kunshan-14fyp-safety", data=partial)
    assert proc.returncode == 0, proc.stderr
    alone = tmp_path / "alone"
    proc = run_cli("build", "--corpus", str(_corpus_with(tmp_path, ["wujiang-14fyp-emergency"])),
                   data=alone)
    assert proc.returncode == 0, proc.stderr
    _assert_same_build(partial, alone)
