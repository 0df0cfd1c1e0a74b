"""Fixtures of the security suite: the hostile-input campaign's classes, kept alive.

Every test records what it sent and what came back in ``outcomes``; the table of
input -> outcome is printed at the end of the run (pytest -s not needed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sectools import REPO, Listener, run_cli

_TABLE: list[tuple[str, str, str]] = []


class Outcomes:
    def add(self, case: str, sent: str, outcome: str) -> None:
        _TABLE.append((case, _short(sent), _short(outcome)))


def _short(text: str, width: int = 70) -> str:
    text = " ".join(repr(text)[1:-1].split()) if any(c in text for c in "\r\n\t") else " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


@pytest.fixture(scope="session")
def outcomes() -> Outcomes:
    return Outcomes()


def pytest_terminal_summary(terminalreporter):
    if not _TABLE:
        return
    terminalreporter.section("security cases: input -> outcome")
    width = max(len(c) for c, _, _ in _TABLE)
    for case, sent, outcome in _TABLE:
        terminalreporter.write_line(f"{case:<{width}}  {sent:<70}  -> {outcome}")


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="session")
def corpus_data(tmp_path_factory) -> Path:
    """The shipped corpus (two plans) built by the real CLI: small, quick to copy and change."""
    data = tmp_path_factory.mktemp("sec-corpus") / "data"
    proc = run_cli("build", "--corpus", str(REPO / "corpus"), "--json", data=data, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return data


@pytest.fixture
def data_copy(corpus_data, tmp_path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(corpus_data, dst, symlinks=True)
    return dst
