"""Helpers of the security suite: a loopback listener, the real CLI, a small plan."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from clitools import REPO, run_cli  # noqa: F401  (re-exported for the security tests)


class Listener:
    """A TCP listener on loopback that records every connection it receives (and answers
    like a SPARQL endpoint, so a request that got through would show in the results)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(4096))
                    body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"literal","value":"LEAKED"}}]}}'
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


SMALL_PLAN = """测试市“十四五”安全生产规划

一、总体要求
（一）主要目标。到2025年，全市安全生产形势持续稳定向好，生产安全事故起数下降10%。

二、主要任务
（一）加强燃气安全管理。市应急管理局牵头，市住房城乡建设局配合，推进老旧燃气管网改造。
（二）强化危险化学品监管。各区人民政府负责，2024年底前完成危险化学品企业安全评估。
"""


def write_plan(path: Path, text: str = SMALL_PLAN) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def commit_generation(data, n: int) -> None:
    """Commit a tiny generation (a manifest numbered ``n``) the way a writer does: the next
    gen-N goes live and older unpinned ones are pruned."""
    from search_api.datadir.generations import write_json_atomic

    with data.lock(), data.new_generation() as gen:
        write_json_atomic(gen / "manifest.json", {"documents": [], "n": n})
