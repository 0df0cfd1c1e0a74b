"""The corpus the cluster tests and bench/cluster_bench.py build: corpus/ plus a collection of
the first reference statutes (never a held-out document)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REFERENCE_LAWS = REPO.parent / "shared" / "reference" / "emergency_laws.jsonl"
HELD_OUT = {"上海市燃气管理条例", "山东省突发事件应急保障条例", "生产安全事故应急条例"}


def corpus_with_statutes(folder: Path, statutes: int) -> Path:
    """corpus/ copied into ``folder`` (which must exist) with a [[collection]] of the first
    ``statutes`` reference statutes."""
    for f in (REPO / "corpus").iterdir():
        shutil.copy(f, folder / f.name)
    laws = [line for line in REFERENCE_LAWS.read_text("utf-8").splitlines()
            if line.strip() and json.loads(line)["title"] not in HELD_OUT][:statutes]
    (folder / "laws.jsonl").write_text("\n".join(laws) + "\n", "utf-8")
    with open(folder / "plans.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[[collection]]\nfile = "laws.jsonl"\n')
    return folder
