"""Fixtures of the security suite: the hostile-input campaign's classes, kept alive.

Every test records what it sent and what came back in ``outcomes``; the table of
input -> outcome is printed at the end of the run (pytest -s not needed).
"""

from __future__ import annotations


import pytest

from sectools import Listener

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
