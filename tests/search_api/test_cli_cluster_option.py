"""`--cluster` is checked before anything is read or Ray is imported (the Ray cluster itself is
tested in tests/cluster, marker ``cluster``)."""

from __future__ import annotations

import pytest

from clitools import run_cli


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_a_cluster_address_that_is_not_ray_or_auto_is_refused(command, tmp_path):
    args = [command, "--cluster", "tcp://somewhere:1"] + ([str(tmp_path / "x.txt")] if command == "ingest" else [])
    proc = run_cli(*args, data=tmp_path / "data")
    assert proc.returncode == 2
    assert proc.stderr.startswith("policykg: error: --cluster takes ray://HOST:PORT or auto"), proc.stderr
    assert not (tmp_path / "data" / "current").exists()
