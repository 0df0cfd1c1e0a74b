"""The command line under hostile input: ids that name other files, silent replacement, input
that is not a regular file or is too big, compression bombs, deep JSON, undecodable text and
terminal markup. Every refusal is one line `policykg: error: …` with exit status 2, at once,
and leaves the data directory as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from sectools import REPO, run_cli, write_plan

MARKUP_TITLE = "[/bold][red]测试市[link=http://x]安全[/link]规划[/]"
MARKUP_ID = "markup-plan"


@pytest.fixture(scope="module")
def data(built_corpus, tmp_path_factory) -> Path:
    """The corpus build plus one small plan whose title is rich markup."""
    dst = tmp_path_factory.mktemp("sec-cli") / "data"
    shutil.copytree(built_corpus, dst, symlinks=True)
    plan = write_plan(tmp_path_factory.mktemp("plans-a") / "shared-name.txt")
    proc = run_cli("ingest", str(plan), "--id", MARKUP_ID, "--title", MARKUP_TITLE, data=dst)
    assert proc.returncode == 0, proc.stderr
    return dst


def live(data: Path) -> str:
    return os.readlink(data / "current")


def refused(proc: subprocess.CompletedProcess, *words: str) -> str:
    """The one-line error of a refusal (asserted)."""
    lines = proc.stderr.strip().splitlines()   # progress bars may come first
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert lines and lines[-1].startswith("policykg: error: "), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and sum("error" in line for line in lines) == 1, proc.stderr[-2000:]
    for word in words:
        assert word in lines[-1], lines[-1]
    return lines[-1][len("policykg: error: "):]


# -- ids: one check, nothing outside the data directory ------------------------------------

def test_remove_cannot_delete_a_file_outside_the_records(data, outcomes):
    victim = data / "x" / "victim.json"        # what records/../../x/victim.json names
    victim.parent.mkdir()
    victim.write_text('{"meta": {"id": "victim"}}', "utf-8")
    before = live(data)
    message = refused(run_cli("remove", "../../x/victim", data=data), "not a document id")
    outcomes.add("ids", "policykg remove '../../x/victim'", message[:60])
    assert victim.exists() and live(data) == before


@pytest.mark.parametrize("command", ["outline", "tasks", "deadlines", "indicators", "actors", "remove"])
def test_every_id_taking_command_checks_the_id(data, outcomes, command):
    for bad in ("../manifest", "/etc/passwd", "..", "a/b", "x" * 300, ".hidden", "plan\n"):
        message = refused(run_cli(command, bad, data=data), "not a document id")
        outcomes.add(f"ids/{command}", bad, message[:60])


def test_http_routes_refuse_ids_that_name_files(api, outcomes):
    for path in ("/plans/..%2Fmanifest", "/plans/..%2F..%2Fetc%2Fpasswd/outline", "/clauses/..%2F..%2Fx"):
        response = api.get(path)
        outcomes.add("ids/http", path, str(response.status_code))
        assert response.status_code in (400, 404), response.text


# -- no silent replacement -----------------------------------------------------------------

def test_same_file_name_from_another_folder_is_refused(data, tmp_path, outcomes):
    other = write_plan(tmp_path / "elsewhere" / "shared-name.txt", "另一个文件\n一、总则\n（一）内容。\n")
    before = live(data)
    message = refused(run_cli("ingest", str(other), "--id", MARKUP_ID, data=data), "already exists", "--replace")
    outcomes.add("replace", "ingest elsewhere/shared-name.txt (same base name)", message[:60])
    message = refused(run_cli("ingest", str(other), "--id", "kunshan-14fyp-safety", data=data), "--replace")
    outcomes.add("replace", "ingest 3-clause file --id kunshan-14fyp-safety", message[:60])
    assert live(data) == before


# -- terminal output ----------------------------------------------------------------------

def test_markup_in_titles_and_values_is_printed_as_written(data, outcomes):
    for args in (("plans",), ("tasks", MARKUP_ID), ("outline", MARKUP_ID)):
        proc = run_cli(*args, data=data, env={"COLUMNS": "400"})
        outcomes.add("markup", f"policykg {' '.join(args)} (title {MARKUP_TITLE[:12]}…)",
                     f"exit {proc.returncode}")
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "Traceback" not in proc.stderr
    assert "[/bold][red]测试市" in run_cli("plans", data=data, env={"COLUMNS": "400"}).stdout
    proc = run_cli("sparql", 'SELECT ?x WHERE { BIND("[/bold]x[red]" AS ?x) }', data=data)
    outcomes.add("markup", 'policykg sparql BIND("[/bold]x[red]")', f"exit {proc.returncode}")
    assert proc.returncode == 0 and "[/bold]x[red]" in proc.stdout, proc.stderr


# -- input limits -------------------------------------------------------------------------

def _ingest_refused(data: Path, path: Path, outcomes, case: str, *words: str, env=None, seconds: float = 60):
    before = live(data)
    start = time.monotonic()
    proc = run_cli("ingest", str(path), data=data, env=env, timeout=seconds)
    message = refused(proc, *words)
    outcomes.add(case, path.name, f"{time.monotonic() - start:.1f} s: {message[len(str(path)) + 2:][:55]}")
    assert live(data) == before
    return message


def test_a_named_pipe_is_refused_at_once(data, tmp_path, outcomes):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    _ingest_refused(data, fifo, outcomes, "input/fifo", "named pipe", seconds=60)


def test_a_symlink_to_a_device_is_refused_at_once(data, tmp_path, outcomes):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    _ingest_refused(data, link, outcomes, "input/device", "character device", seconds=60)


def test_a_file_over_the_size_limit_is_refused_before_reading(data, tmp_path, outcomes):
    big = tmp_path / "big.txt"
    big.write_bytes("安全生产。\n".encode() * 200_000)    # 3.2 MB
    _ingest_refused(data, big, outcomes, "input/size", "larger than the limit of 1 MB",
                    env={"POLICYKG_MAX_INPUT_MB": "1"})


def zip_bomb(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def test_a_zip_bomb_docx_is_refused_without_inflating_it(data, tmp_path, outcomes):
    bomb = zip_bomb(tmp_path / "bomb.docx", 300)   # 300 MB of zeros in ~0.3 MB
    assert bomb.stat().st_size < 2 * 1024 * 1024
    _ingest_refused(data, bomb, outcomes, "input/zip-bomb", "unpacks to", env={"POLICYKG_MAX_INPUT_MB": "10"})
    # the reader's own peak memory stays small: it never inflated the member
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over execve, so the child would report the
    # peak of the test process that forked it
    code = ("import sys\nfrom ingest import limits\nfrom ingest.errors import IngestError\n"
            "from ingest.readers import read_document\nlimits.configure(10)\n"
            "def peak():\n    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
            "    return int(status.split()[0]) // 1024\n"
            f"try:\n    read_document(__import__('pathlib').Path({str(bomb)!r}))\nexcept IngestError as e:\n"
            "    print(peak(), e)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    peak_mb = int(proc.stdout.split()[0])
    outcomes.add("input/zip-bomb", "read_document(bomb.docx), peak memory", f"{peak_mb} MB")
    assert peak_mb < 250, proc.stdout


def test_a_million_paragraph_docx_is_refused_before_parsing(data, tmp_path, outcomes):
    """50x the longest real plan: refused on the paragraph count (tests/ingest/test_structure_scaling.py
    shows documents under the limit read in linear time)."""
    from hostile_files import write_long_docx

    path = tmp_path / "million.docx"
    write_long_docx(path, (f"第{n}项工作按期完成。" for n in range(1_000_000)))
    _ingest_refused(data, path, outcomes, "input/paragraphs", "1000000 paragraphs", "POLICYKG_MAX_PARAGRAPHS")


def test_deeply_nested_json_lines_are_one_line_errors(data, tmp_path, outcomes):
    nested = tmp_path / "nested.jsonl"
    nested.write_text('{"title": "x", "content": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "utf-8")
    _ingest_refused(data, nested, outcomes, "input/json-depth", "nested deeper than")


def test_undecodable_text_names_the_encodings_tried(data, tmp_path, outcomes):
    mojibake = tmp_path / "cyrillic.txt"
    mojibake.write_bytes("Программа развития безопасности на пять лет. ".encode("cp1251") * 50)
    _ingest_refused(data, mojibake, outcomes, "input/encoding", "utf-8", "gb18030", "--encoding")
    proc = run_cli("ingest", str(mojibake), "--encoding", "no-such-codec", data=data)
    outcomes.add("input/encoding", "--encoding no-such-codec", refused(proc, "unknown encoding")[-40:])
    from ingest.readers import read_document
    text = read_document(mojibake, encoding="cp1251").text
    assert text.startswith("Программа развития")


def test_structure_building_is_linear_in_input_size(outcomes):
    """The campaign's 2 MB single line took 30 s (quadratic id allocation): 8 MB vs 1 MB."""
    from ingest.clean import clean
    from ingest.readers import RawDocument
    from ingest.structure import build_tree

    def seconds(megabytes: int) -> float:
        text, n, size = [], 0, 0
        while size < megabytes * 1024 * 1024:
            sentence = f"第{n}项工作按期完成；"
            text.append(sentence)
            size += len(sentence.encode())
            n += 1
        raw = RawDocument(text="".join(text), source_format="txt")
        start = time.perf_counter()
        build_tree(clean(raw), "big", source="big.txt")
        return time.perf_counter() - start

    # Best of a few runs each: a busy box slows single runs by half again, while quadratic
    # allocation would make 8x the input ~64x slower, far beyond the bound.
    small = min(seconds(1) for _ in range(3))
    large = min(seconds(8) for _ in range(2))
    outcomes.add("input/linear", "one line, 1 MB vs 8 MB", f"{small:.2f} s vs {large:.2f} s: x{large / small:.1f}")
    assert large / small <= 24, (small, large)


def _encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose password is not empty."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
               "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + "11" * 32 + "> /U <" + "22" * 32 + "> >>"]
    out, offsets = "%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>] >>\n"
            f"startxref\n{xref}\n%%EOF\n")
    return out.encode("latin-1")


def test_an_encrypted_pdf_says_it_is_encrypted(tmp_path, outcomes):
    from ingest.errors import IngestError
    from ingest.pipeline import ingest_path

    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())
    with pytest.raises(IngestError) as err:
        ingest_path(path)
    outcomes.add("input/pdf", "password-protected PDF", str(err.value)[len(str(path)) + 2:][:60])
    assert "encrypted" in str(err.value) and "\n" not in str(err.value)


def _entity_docx() -> bytes:
    """A .docx whose paragraph holds an entity reference declared in an internal DTD."""
    import io

    from hostile_files import docx_bytes

    source = zipfile.ZipFile(io.BytesIO(docx_bytes("第一条 占位。")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, rest = data.decode().split("?>", 1)
                data = (head + '?><!DOCTYPE w:document [<!ENTITY org "应急管理局">]>'
                        + rest.replace("第一条 占位。", "第一条 由&org;牵头，&amp;各部门配合。")).encode()
            archive.writestr(item, data)
    return out.getvalue()


def test_docx_text_after_an_entity_reference_is_kept(tmp_path, outcomes):
    from ingest.readers import read_document

    path = tmp_path / "entity.docx"
    path.write_bytes(_entity_docx())
    text = read_document(path).text
    outcomes.add("input/docx", "第一条 由&org;牵头，&amp;各部门配合。", text)
    assert text.endswith("牵头，&各部门配合。"), text
    assert "应急管理局" not in text   # entities are never expanded (no billion laughs)
