"""Hostile and odd inputs through the real CLI: a clear error or a sensible result,
never a traceback, and never a loss of what was already built.

Prints a table of input -> outcome.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clitools import REPO, live_generation, manifest, run_cli
from hostile_files import EMPTY_PDF, PNG_MAGIC, docx_bytes, nested_headings_text, zip_without_document

PLAN_TEXT = (REPO / "corpus" / "kunshan-14fyp-safety-development.txt").read_text("utf-8")
SMALL_PLAN = (
    "某区安全生产“十四五”规划\n"
    "一、总体要求\n"
    "（一）指导思想\n"
    "坚持人民至上、生命至上，统筹发展和安全。到2025年，生产安全事故死亡人数下降15%。\n"
    "二、主要任务\n"
    "（一）强化燃气安全\n"
    "1.城镇燃气。区住房城乡建设局牵头开展燃气管道老化更新改造。\n"
)


# name, file name, bytes, expected ("error" | "ok")
CASES = [
    ("empty file", "empty.txt", b"", "error"),
    ("whitespace only", "blank.txt", " \n\t\n\u3000\n".encode("utf-8"), "error"),
    ("PNG renamed .txt", "image.txt", PNG_MAGIC, "error"),
    ("truncated .docx", "broken.docx", docx_bytes(SMALL_PLAN)[:700], "error"),
    ("truncated .pdf", "broken.pdf", EMPTY_PDF[:60], "error"),
    ("zip that is not a docx", "notdocx.docx", zip_without_document(), "error"),
    ("GBK text, no declaration", "gbk-plan.txt", SMALL_PLAN.encode("gbk"), "ok"),
    ("GB18030 full plan", "kunshan-gb18030.txt", PLAN_TEXT.encode("gb18030"), "ok"),
    ("mixed UTF-8 and GBK lines", "mixed.txt", SMALL_PLAN[:40].encode("utf-8") + SMALL_PLAN[40:].encode("gbk"), "ok"),
    ("20 MB single line", "huge.txt", ("安全生产责任必须落实到位" * 600_000).encode("utf-8")[:20_000_000], "error"),
    ("no recognisable structure", "noise.txt", ("%$#@!&*" * 200 + "\n") .encode("utf-8") * 10, "error"),
    ("deeply nested headings", "nested.txt", nested_headings_text().encode("utf-8"), "ok"),
    ("unbalanced quotes and brackets", "unbalanced.txt", (SMALL_PLAN.replace("统筹发展和安全。", "统筹《发展和“安全（。")).encode("utf-8"), "ok"),
    ("control characters", "control.txt", SMALL_PLAN.replace("坚持", "坚\x00持\x07\x1b").encode("utf-8"), "ok"),
    ("right-to-left marks", "rtl.txt", SMALL_PLAN.replace("统筹", "\u202e统\u200f筹\u202c").encode("utf-8"), "ok"),
]


def _outcome_line(proc) -> str:
    text = (proc.stderr.strip().splitlines() or [""])[-1] if proc.returncode else "ok"
    return text[:110]


@pytest.fixture(scope="module")
def shared_copy(built_corpus, tmp_path_factory):
    """One copy of the build that every case ingests into, in order."""
    import shutil

    dst = tmp_path_factory.mktemp("bad-inputs") / "data"
    shutil.copytree(built_corpus, dst, symlinks=True)
    return dst


def test_bad_inputs_table(shared_copy, tmp_path):
    rows = []
    failures = []
    for name, filename, payload, expected in CASES:
        path = tmp_path / filename
        path.write_bytes(payload)
        before_gen = live_generation(shared_copy)
        before_docs = {d["id"] for d in manifest(shared_copy)["documents"]}
        proc = run_cli("ingest", str(path), data=shared_copy)
        outcome = "ok" if proc.returncode == 0 else "error"
        rows.append((name, expected, outcome, _outcome_line(proc)))
        if "Traceback" in proc.stderr or "Traceback" in proc.stdout:
            failures.append(f"{name}: traceback reached the user:\n{proc.stderr[-2000:]}")
        if outcome != expected:
            failures.append(f"{name}: expected {expected}, got {outcome}: {proc.stderr[-500:]}")
        after_docs = {d["id"] for d in manifest(shared_copy)["documents"]}
        if outcome == "error":
            if proc.returncode != 2:
                failures.append(f"{name}: exit status {proc.returncode}, expected 2")
            if filename not in proc.stderr:
                failures.append(f"{name}: the error does not name the file: {proc.stderr!r}")
            if len(proc.stderr.strip().splitlines()) != 1:
                failures.append(f"{name}: the error is not one line: {proc.stderr!r}")
            if live_generation(shared_copy) != before_gen or after_docs != before_docs:
                failures.append(f"{name}: a failed ingest changed the live build")
        else:
            if not before_docs < after_docs:
                failures.append(f"{name}: ingested but no new document appeared")
            if not before_docs <= after_docs:
                failures.append(f"{name}: documents were lost: {before_docs - after_docs}")

    width = max(len(r[0]) for r in rows)
    print("\n\nbad input" + " " * (width - 9) + " | expected | outcome | message")
    for name, expected, outcome, line in rows:
        print(f"{name:<{width}} | {expected:<8} | {outcome:<7} | {line}")
    assert not failures, "\n".join(failures)


def test_id_collision_is_refused_without_replace(data_copy, tmp_path):
    other = tmp_path / "other-plan.txt"
    other.write_text(SMALL_PLAN, encoding="utf-8")
    before = live_generation(data_copy)
    proc = run_cli("ingest", str(other), "--id", "kunshan-14fyp-safety", data=data_copy)
    assert proc.returncode == 2, proc.stderr
    assert "kunshan-14fyp-safety" in proc.stderr and "--replace" in proc.stderr
    assert live_generation(data_copy) == before
    proc = run_cli("ingest", str(other), "--id", "kunshan-14fyp-safety", "--replace", "--json",
                   data=data_copy)
    assert proc.returncode == 0, proc.stderr
    docs = {d["id"]: d for d in manifest(data_copy)["documents"]}
    assert docs["kunshan-14fyp-safety"]["title"] == "某区安全生产“十四五”规划"


def test_corpus_with_unreadable_files_fails_cleanly(data_copy, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(SMALL_PLAN, encoding="utf-8")
    (corpus / "dangling.txt").symlink_to(tmp_path / "does-not-exist.txt")
    (corpus / "adir.txt").mkdir()
    (corpus / "plans.toml").write_text(
        '[[plan]]\nid = "p1"\ntitle = "某区规划"\nfile = "plan.txt"\n'
        '[[plan]]\nid = "p2"\ntitle = "坏文件"\nfile = "dangling.txt"\n'
        '[[plan]]\nid = "p3"\ntitle = "目录"\nfile = "adir.txt"\n', encoding="utf-8")
    before = live_generation(data_copy)
    proc = run_cli("build", "--corpus", str(corpus), data=data_copy)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "dangling.txt" in proc.stderr
    assert live_generation(data_copy) == before
    assert run_cli("plans", "--json", data=data_copy).returncode == 0


def test_malformed_manifest_is_a_clear_error(data_copy, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plans.toml").write_text("[[plan]\nid = ", encoding="utf-8")
    proc = run_cli("build", "--corpus", str(corpus), data=data_copy)
    assert proc.returncode == 2 and "plans.toml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_hundred_thousand_clauses_ingest(tmp_path):
    """100 k clauses segment in one pass (the library level: embedding them is a benchmark)."""
    from ingest.pipeline import ingest_path

    lines = ["十万条款测试规划", "一、主要任务"]
    for i in range(1000):
        lines.append(f"（{i + 1}）第{i + 1}节")
        lines.append("".join(f"第{i}节第{j}句要求加强安全监管。" for j in range(100)))
    path = tmp_path / "many.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    [record] = ingest_path(path)
    clauses = list(record.clauses())
    assert len(clauses) == 100_000
    assert len({c.id for c in clauses}) == 100_000
