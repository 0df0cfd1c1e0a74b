"""Extraction gives exactly the records it gave when tests/gold/extraction_digests.tsv was recorded.

A guard for work on extraction's speed: a handful of documents of every genre (the two seed
plans, two statutes, two real-world emergency plans, a government work report) are segmented
and extracted, and the sha256 of each part of each record (its structure tree, each kind of
fact) is compared with the recorded one, so a failure names the document and the part.

After a deliberate change of extraction (the gold tests say whether it is better), re-record
and commit the file with the change:

    .venv/bin/python tests/ingest/test_extract_records.py

For the whole fixed set (245 documents) and a diff per document: bench/extract_records.py dump.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ingest_helpers import CORPUS, REPO, SHARED  # noqa: E402

DIGESTS = REPO / "tests" / "gold" / "extraction_digests.tsv"
LAWS = ("上海市安全生产条例", "上海市实施《中华人民共和国突发事件应对法》办法")
REALWORLD = {"suzhou-disaster-relief-plan": ("苏州市自然灾害救助应急预案", "苏州市"),
             "hengyang-flood-drought-plan": ("衡阳市防汛抗旱应急预案", "衡阳市")}
REPORT = "2025年中华人民共和国国务院政府工作报告"


def _entries(path: Path, titles) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line for line in fh if json.loads(line)["title"] in titles]


def _records(scratch: Path):
    from ingest.documents import titles_of
    from ingest.extract import extract_facts
    from ingest.pipeline import ingest_path, load_corpus
    from ingest.records import DocumentMeta

    collection = scratch / "statutes.jsonl"
    collection.write_text("".join(_entries(SHARED / "reference" / "emergency_laws.jsonl", LAWS)
                                  + _entries(SHARED / "scale" / "government_work_reports.jsonl.gz", {REPORT})), "utf-8")
    items = load_corpus(CORPUS) + [(collection, None)]
    items += [(SHARED / "realworld" / f"{doc_id}.md", DocumentMeta(id=doc_id, title=title, kind="plan", region=region))
              for doc_id, (title, region) in REALWORLD.items()]
    records = [r for path, meta in items for r in ingest_path(path, meta)]
    titles = titles_of(records)
    for record in records:
        record.facts = extract_facts(record, titles)
    return records


def _digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digests(scratch: Path) -> dict[tuple[str, str], str]:
    """(document id, part) -> sha256 of its canonical JSON; parts: tree, then each kind of fact."""
    out = {}
    for record in _records(scratch):
        out[(record.meta.id, "tree")] = _digest(record.root.to_dict())
        for name, value in dataclasses.asdict(record.facts).items():
            out[(record.meta.id, name)] = _digest(value)
    return out


def _recorded() -> dict[tuple[str, str], str]:
    rows = [line.split("\t") for line in DIGESTS.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return {(doc, part): digest for doc, part, digest in rows}


@pytest.mark.skipif(not (SHARED / "scale").is_dir(), reason="needs ../shared")
def test_extraction_records_are_unchanged(tmp_path):
    got, want = digests(tmp_path), _recorded()
    assert set(got) == set(want), sorted(set(got) ^ set(want))
    changed = sorted(key for key in want if got[key] != want[key])
    assert not changed, f"extraction output changed for (document, part): {changed}; see this file's docstring"


def record() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        found = digests(Path(tmp))
    lines = ["# document\tpart\tsha256 of its canonical JSON — written by tests/ingest/test_extract_records.py"]
    lines += [f"{doc}\t{part}\t{digest}" for (doc, part), digest in sorted(found.items())]
    DIGESTS.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(found)} digests written to {DIGESTS.relative_to(REPO)}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    record()
