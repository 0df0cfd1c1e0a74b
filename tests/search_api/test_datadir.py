"""The data directory's generations: atomic swap, crash safety, writer lock."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from search_api.datadir.generations import DataDir, DataDirBusy, DataDirError, write_json_atomic


def _write_gen(dd: DataDir, payload: str, copy: bool = False):
    with dd.lock(), dd.new_generation(copy_current=copy) as gen:
        (gen / "records").mkdir(exist_ok=True)
        (gen / "records" / f"{payload}.json").write_text(payload)
        write_json_atomic(gen / "manifest.json", {"payload": payload})


def test_nothing_built_gives_clear_error(tmp_path):
    dd = DataDir(tmp_path / "data")
    assert dd.current() is None
    with pytest.raises(DataDirError, match="policykg build"):
        dd.require_current()


def test_new_generation_becomes_current_and_old_ones_are_pruned(tmp_path):
    dd = DataDir(tmp_path / "data")
    for name in ("a", "b", "c"):
        _write_gen(dd, name)
    assert dd.manifest() == {"payload": "c"}
    gens = sorted(p.name for p in dd.root.glob("gen-*"))
    assert gens == ["gen-000002", "gen-000003"]  # two kept, the oldest pruned


def test_failed_writer_leaves_previous_generation_live(tmp_path):
    dd = DataDir(tmp_path / "data")
    _write_gen(dd, "good")
    with pytest.raises(RuntimeError):
        with dd.lock(), dd.new_generation() as gen:
            (gen / "manifest.json").write_text("{}")
            raise RuntimeError("stage failed")
    assert dd.manifest() == {"payload": "good"}
    assert not list(dd.root.glob("tmp-*"))


def test_copy_current_hard_links_records_and_keeps_old_generation_intact(tmp_path):
    dd = DataDir(tmp_path / "data")
    _write_gen(dd, "one")
    old = dd.current()
    _write_gen(dd, "two", copy=True)
    new = dd.current()
    assert sorted(p.name for p in (new / "records").iterdir()) == ["one.json", "two.json"]
    assert sorted(p.name for p in (old / "records").iterdir()) == ["one.json"]


def test_generations_get_the_mode_of_mkdir_not_mkdtemps_0700(tmp_path):
    """Replicas serving under another user (or with no right to write) must read a generation."""
    dd = DataDir(tmp_path / "data")
    old = os.umask(0o022)
    try:
        _write_gen(dd, "a")
        _write_gen(dd, "b", copy=True)   # a copy of a 0700 generation would be 0700 again
    finally:
        os.umask(old)
    assert (dd.require_current().stat().st_mode & 0o777) == 0o755
    assert not list(dd.require_current().glob(".mode-probe"))


def test_killed_writer_is_recovered_by_next_writer(tmp_path):
    dd = DataDir(tmp_path / "data")
    _write_gen(dd, "good")
    # A writer that dies (SIGKILL) half-way through a generation.
    script = textwrap.dedent(f"""
        import os, signal
        from search_api.datadir.generations import DataDir
        dd = DataDir({str(dd.root)!r})
        with dd.lock(), dd.new_generation() as gen:
            (gen / "half-written").write_text("x")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script])
    assert proc.returncode == -9
    assert list(dd.root.glob("tmp-*")), "the killed writer should leave its tmp dir behind"
    assert dd.manifest() == {"payload": "good"}
    _write_gen(dd, "next")
    assert dd.manifest() == {"payload": "next"}
    assert not list(dd.root.glob("tmp-*"))


def test_second_writer_is_refused_with_clear_message(tmp_path):
    dd = DataDir(tmp_path / "data")
    with dd.lock():
        with pytest.raises(DataDirBusy, match="another policykg build/ingest"):
            with DataDir(dd.root).lock():
                pass


def test_write_json_atomic_replaces_whole_file(tmp_path):
    path = tmp_path / "x.json"
    write_json_atomic(path, {"a": 1})
    write_json_atomic(path, {"a": 2})
    assert json.loads(path.read_text()) == {"a": 2}
    assert os.listdir(tmp_path) == ["x.json"]



def test_an_unreadable_generation_is_a_clear_error(tmp_path):
    """A server without read access to the live generation says so (root runs the check without
    the capabilities that let it read any file)."""
    dd = DataDir(tmp_path / "data")
    _write_gen(dd, "a")
    os.chmod(dd.require_current(), 0o300)   # enterable, not readable
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    if drop and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: every file is readable")
    code = ("from search_api.datadir.generations import DataDir, DataDirError\n"
            f"try:\n    DataDir({str(dd.root)!r}).pin_current()\n"
            "except DataDirError as exc:\n    print(exc)\n")
    proc = subprocess.run([*drop, sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    os.chmod(dd.require_current(), 0o755)
    assert "cannot read the generation gen-000001" in proc.stdout and "permission denied" in proc.stdout, \
        proc.stdout + proc.stderr
