"""Start a throwaway Virtuoso (Debian's virtuoso-opensource) on loopback ports for a test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {db}, {vad}
VADInstallDir = {vad}/
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 500M
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""

# Anonymous SPARQL users may write graphs (Graph Store Protocol) on this throwaway instance.
GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7); "
          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('SPARQL', 7);")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def virtuoso(workdir: Path, start_timeout: float = 120) -> Iterator[str]:
    """Yield the sparql+http:// URL of a fresh Virtuoso; stop it and delete its files after."""
    db = workdir / "virtuoso-db"
    db.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, vad=VAD_DIR, sql_port=sql_port, http_port=http_port))
    log = open(db / "stdout.log", "wb")
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(db / "virtuoso.ini")],
                            cwd=db, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_http(f"http://127.0.0.1:{http_port}/sparql", proc, start_timeout, db)
        subprocess.run([ISQL, str(sql_port), "dba", "dba", f"exec={GRANTS}"], check=True,
                       capture_output=True, timeout=60)
        yield f"sparql+http://127.0.0.1:{http_port}/sparql"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_http(url: str, proc: subprocess.Popen, timeout: float, db: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"virtuoso exited with {proc.returncode}: "
                               + (db / "virtuoso.log").read_text(errors="replace")[-2000:])
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"virtuoso did not answer on {url} within {timeout:.0f} s")
