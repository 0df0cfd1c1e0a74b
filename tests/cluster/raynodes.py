"""A real two-node Ray cluster on loopback for the cluster tests: a head and a second node,
each `ray start --block` in its own process group (so teardown stops exactly these processes,
never another Ray on the machine), each limited to 1 CPU, a few GB of memory and a small
object store, so that both fit a 2-core box beside the driver."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAY = str(Path(sys.executable).with_name("ray"))
NODE_LIMITS = ["--num-cpus", "1", "--memory", str(4 * 1024 ** 3), "--object-store-memory", str(300 * 1024 ** 2)]
START_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ports(first: int) -> list[str]:
    """A node's own ports: Ray's defaults are fixed numbers, which two nodes on one machine
    (or another test run) would share."""
    return ["--node-manager-port", str(free_port()), "--object-manager-port", str(free_port()),
            "--min-worker-port", str(first), "--max-worker-port", str(first + 99)]


class LocalCluster:
    def __init__(self):
        # Ray's unix sockets live under the temp dir: a short path keeps them under 107 bytes
        self.temp = Path(tempfile.mkdtemp(prefix="pkray", dir="/tmp"))
        self.gcs_port, self.client_port = free_port(), free_port()
        self.nodes: list[subprocess.Popen] = []
        self._auth_mode: "str | None" = None

    @property
    def address(self) -> str:
        return f"ray://127.0.0.1:{self.client_port}"

    def _start(self, args: list[str], log: str) -> None:
        out = open(self.temp / log, "wb")
        self.nodes.append(subprocess.Popen(
            ["nice", "-n", "10", RAY, "start", "--block", "--node-ip-address", "127.0.0.1", "--disable-usage-stats",
             *NODE_LIMITS, *args], stdout=out, stderr=subprocess.STDOUT, start_new_session=True))

    def start(self) -> "LocalCluster":
        # Without Ray's token authentication, whatever ~/.ray holds (Ray turns it on for every
        # later cluster once a token exists there, e.g. after a `ray.init()` that started a local
        # Ray); the nodes, the probes and the CLI under test inherit it until ``stop``.
        self._auth_mode = os.environ.get("RAY_AUTH_MODE")
        os.environ["RAY_AUTH_MODE"] = "disabled"
        self._start(["--head", "--port", str(self.gcs_port), "--ray-client-server-port", str(self.client_port),
                     "--include-dashboard", "false", "--temp-dir", str(self.temp), *_ports(47000)], "head.log")
        self._wait_for_nodes(1)
        self._start(["--address", f"127.0.0.1:{self.gcs_port}", *_ports(47200)], "node2.log")
        self._wait_for_nodes(2)
        return self

    def _wait_for_nodes(self, n: int) -> None:
        probe = ("import ray, sys; ray.init(sys.argv[1], logging_level='ERROR'); "
                 "print(sum(1 for x in ray.nodes() if x['Alive']))")
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            for node in self.nodes:
                if node.poll() is not None:
                    raise RuntimeError(f"a Ray node exited: {self.logs()}")
            proc = subprocess.run([sys.executable, "-c", probe, self.address], capture_output=True, text=True,
                                  timeout=60)
            if proc.returncode == 0 and proc.stdout.strip() == str(n):
                return
            time.sleep(2)
        raise RuntimeError(f"the Ray cluster did not reach {n} nodes: {self.logs()}")

    def logs(self) -> str:
        return "\n".join(p.read_text("utf-8", "replace")[-2000:] for p in sorted(self.temp.glob("*.log")))

    def worker_pids(self, title: str) -> list[int]:
        """Processes of this cluster whose title starts with ``title`` (Ray names a worker after
        the task or actor method it runs: "ray::_apply", "ray::EmbedActor.embed")."""
        ours = {node.pid for node in self.nodes}
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                if cmdline.startswith(title) and ours & _ancestors(int(entry.name)):
                    pids.append(int(entry.name))
            except OSError:
                continue
        return pids

    def stop(self) -> None:
        """SIGTERM to each node's process group (ray start --block stops its node), then SIGKILL."""
        for node in self.nodes:
            _signal_group(node.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for node in self.nodes:   # `ray start --block` exits once it has stopped its node
            try:
                node.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for node in self.nodes:   # whatever is left of the groups
            _signal_group(node.pid, signal.SIGKILL)
            node.wait(timeout=10)
        shutil.rmtree(self.temp, ignore_errors=True)
        if self._auth_mode is None:
            os.environ.pop("RAY_AUTH_MODE", None)
        else:
            os.environ["RAY_AUTH_MODE"] = self._auth_mode


def _ancestors(pid: int) -> set[int]:
    """The process's parents up to init (Ray may put its workers in process groups of their own,
    but they stay children of their node's raylet)."""
    found = set()
    while pid > 1:
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rpartition(")")[2].split()[1])
        found.add(pid)
    return found


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass
