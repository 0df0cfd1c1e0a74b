"""Fixtures for the reliability suite: real builds made by the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clitools import run_cli


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory) -> Path:
    """The shipped corpus built once; tests copy it before changing anything."""
    data = tmp_path_factory.mktemp("reliability") / "data"
    proc = run_cli("build", "--corpus", "corpus", "--json", data=data)
    assert proc.returncode == 0, proc.stderr
    return data


@pytest.fixture
def data_copy(built_corpus, tmp_path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(built_corpus, dst, symlinks=True)
    return dst
