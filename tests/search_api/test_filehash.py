"""A model file's sha256 remembered across processes (search_api.model.filehash)."""

from __future__ import annotations

import hashlib
import json
import time

import pytest

from search_api.model import filehash


@pytest.fixture()
def fresh_process(monkeypatch):
    """Forget what this process knows, as a new process would."""
    monkeypatch.setattr(filehash, "_KNOWN", {})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_hash_is_remembered_and_a_changed_file_hashed_anew(tmp_path, monkeypatch, fresh_process):
    model = tmp_path / "model.bin"
    model.write_bytes(b"weights v1")
    memo = tmp_path / "models"
    assert filehash.file_sha256(model, memo) == _sha(b"weights v1")
    assert len(json.loads((memo / filehash.MEMO_FILE).read_text("utf-8"))) == 1

    monkeypatch.setattr(filehash, "_KNOWN", {})
    monkeypatch.setattr(filehash, "sha256_file", lambda path: pytest.fail("hashed again"))
    assert filehash.file_sha256(model, memo) == _sha(b"weights v1")        # from the memo

    monkeypatch.undo()
    monkeypatch.setattr(filehash, "_KNOWN", {})
    time.sleep(0.05)      # file times advance in clock ticks (a few ms), not per write
    model.write_bytes(b"weights v2")                                        # same size, new ctime
    assert filehash.file_sha256(model, memo) == _sha(b"weights v2")
    assert len(json.loads((memo / filehash.MEMO_FILE).read_text("utf-8"))) == 1   # one entry per path


def test_a_memo_that_cannot_be_written_or_read_costs_only_the_hash(tmp_path, fresh_process):
    model = tmp_path / "model.bin"
    model.write_bytes(b"weights")
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    assert filehash.file_sha256(model, not_a_dir) == _sha(b"weights")
    memo = tmp_path / "models"
    memo.mkdir()
    (memo / filehash.MEMO_FILE).write_text("not json")
    filehash._KNOWN.clear()
    assert filehash.file_sha256(model, memo) == _sha(b"weights")
    assert not [p for p in memo.iterdir() if p.name != filehash.MEMO_FILE]   # no temp file left
