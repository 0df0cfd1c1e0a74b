"""Suite-wide set-up shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# One model + embedding cache for the whole run (and across runs of a checkout), so the
# embedded model is converted once and clauses are embedded once. Tests that must prove
# conversion or caching from scratch point POLICYKG_CACHE at their own tmp dir.
os.environ.setdefault("POLICYKG_CACHE", str(REPO / ".pytest_cache" / "policykg-cache"))
# Nothing may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


# -- the shipped corpus plus the reference laws, built once per test session ----------
import subprocess  # noqa: E402
import sys  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

from liveserver import LiveServer  # noqa: E402

REFERENCE_LAWS = SHARED / "reference" / "emergency_laws.jsonl"


@pytest.fixture(scope="session")
def built_data(tmp_path_factory) -> Path:
    """`policykg build` of corpus/ then `policykg ingest` of the reference laws, into a temp data dir.

    Read-only for tests: copy it before changing anything. $POLICYKG_TEST_DATA names an
    existing build of the same inputs to reuse instead (saves minutes when iterating).
    """
    if os.environ.get("POLICYKG_TEST_DATA"):
        return Path(os.environ["POLICYKG_TEST_DATA"])
    data = tmp_path_factory.mktemp("built") / "data"
    for args in (["build", "--corpus", str(REPO / "corpus")], ["ingest", str(REFERENCE_LAWS)]):
        proc = subprocess.run([sys.executable, "-m", "search_api.cli", *args, "--json", "--data", str(data)],
                              cwd=REPO, capture_output=True, text=True, timeout=3600)
        assert proc.returncode == 0, f"policykg {args[0]} failed:\n{proc.stderr[-3000:]}"
    return data


# -- the shipped corpus alone (two plans), built once, for tests that change a build ----------

@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory) -> Path:
    """`policykg build` of corpus/ into a temp data dir; copy it (``data_copy``) before changing it."""
    from clitools import run_cli

    data = tmp_path_factory.mktemp("corpus-build") / "data"
    proc = run_cli("build", "--corpus", str(REPO / "corpus"), "--json", data=data, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return data


@pytest.fixture
def data_copy(built_corpus, tmp_path) -> Path:
    import shutil

    dst = tmp_path / "data"
    shutil.copytree(built_corpus, dst, symlinks=True)
    return dst


# -- a real `policykg serve` on that build, shared by the API, browser and regression tests ----

@pytest.fixture(scope="session")
def live_server(built_data, tmp_path_factory):
    server = LiveServer(built_data, tmp_path_factory.mktemp("server") / "serve.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def api(live_server):
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


# -- the same build plus the nine real-world documents (owner questions and search quality) ----

@pytest.fixture(scope="session")
def realworld_data(request, tmp_path_factory) -> Path:
    """`built_data` copied, with the real-world documents of tests/gold/realworld ingested with
    their metadata (tests/realworld_build.py). $POLICYKG_ASK_DATA names an existing one to reuse
    (then `built_data` is not built at all)."""
    if os.environ.get("POLICYKG_ASK_DATA"):
        return Path(os.environ["POLICYKG_ASK_DATA"])
    from realworld_build import build_realworld

    built_data = request.getfixturevalue("built_data")
    return build_realworld(built_data, tmp_path_factory.mktemp("realworld") / "data",
                           Path(os.environ["POLICYKG_CACHE"]))
