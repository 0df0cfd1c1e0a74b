"""Start and stop a real `policykg serve` on a free loopback port (used by the API and browser tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
# A generous server time limit (library queries on a loaded CI box) and a small row cap so the
# row-cap test is quick; the time-limit test asks for a short limit with ?timeout=.
# Production defaults are 10 s / 10,000 rows.
SPARQL_TIMEOUT_S = 60.0
SPARQL_MAX_ROWS = 500


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, data: Path, log: Path, production_limits: bool = False, extra_env: dict | None = None,
                 args: tuple[str, ...] = (), host: str = "127.0.0.1", wrapper: tuple[str, ...] = ()):
        """``production_limits``: the server's own SPARQL time limit and row cap (benchmarks);
        ``extra_env``: more POLICYKG_* settings; ``args``: more `policykg serve` options;
        ``host``: the address to bind (an IPv6 one without brackets); ``wrapper``: a command the
        server runs under (e.g. setpriv dropping rights)."""
        self.port = free_port(host)
        self.url = f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"
        env = dict(os.environ)
        if not production_limits:
            env.update(POLICYKG_SPARQL_TIMEOUT=str(SPARQL_TIMEOUT_S), POLICYKG_SPARQL_MAX_ROWS=str(SPARQL_MAX_ROWS))
        env.update(extra_env or {})
        self.log = log
        self.proc = subprocess.Popen(
            [*wrapper, sys.executable, "-m", "search_api.cli", "serve", "--host", host, "--port", str(self.port), "--data", str(data),
             *args],
            cwd=REPO, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"policykg serve exited:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"policykg serve not ready after {timeout}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

