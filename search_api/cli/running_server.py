"""A `policykg serve` of the same data directory, answering the CLI's queries.

`policykg search` and `policykg ask` run alone load the embedding model first (seconds, ~10 s
for the fp32 engine); a server has it loaded already. While a server runs it says where it
listens in a file of the user's own runtime folder (``$XDG_RUNTIME_DIR/policykg``, else
``policykg-UID`` in the temporary folder; mode 0700, never in the data directory, which a
server only reads). A query command finds the file of its data directory there, checks that
the process lives, that it answers on loopback, and that it serves the data directory's live
build (the same generation, built at the same time), and then asks it over HTTP. Anything
else (no file, a stale one, a folder another user could write to, a server on another build,
a refused or failed request) and the command answers in its own process, as before.

Only the standard library is imported here: a command that finds no server pays nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import sys
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

HEALTH_TIMEOUT_S = 1.0
ANSWER_TIMEOUT_S = 120.0
MAX_ANSWER_BYTES = 64 * 2**20


def folder() -> Path:
    """Where this user's servers say where they listen."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return Path(runtime) / "policykg"
    return Path(tempfile.gettempdir()) / f"policykg-{os.getuid()}"


def _private(path: Path) -> bool:
    """A folder (not a link) that only this user can write to: nobody else can plant a file."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _prefix(root: Path) -> str:
    """The file-name prefix of a data directory's servers."""
    return hashlib.sha256(str(Path(root).resolve()).encode("utf-8")).hexdigest()[:16]


def loopback_url(host: str, port: int) -> str:
    """The URL a client on this machine reaches a server bound to ``host`` at: a wildcard bind
    is reached on loopback."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


@contextmanager
def announced(root: Path, url: str) -> Iterator[None]:
    """While the block runs, a file of the user's runtime folder says a server of the data
    directory ``root`` listens at ``url``. Nothing is announced when that folder cannot be
    made private to this user."""
    base = folder()
    path = base / f"{_prefix(root)}-{os.getpid()}.json"
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(base):
            raise PermissionError(f"{base} is not this user's alone")
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"url": url, "pid": os.getpid(), "data": str(Path(root).resolve())}), "utf-8")
        os.replace(tmp, path)
    except OSError:
        yield
        return
    previous = _remove_on_termination(path)
    try:
        yield
    finally:
        _remove(path)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _remove_on_termination(path: Path):
    """Remove ``path`` when SIGTERM ends the process, then end it as the signal does. uvicorn
    shuts down on SIGTERM, puts back the handler it found and raises the signal again, so the
    default handler would end the process before the ``finally`` of ``announced`` ran. Returns
    the handler replaced (None when none was: not the main thread, or one was set already)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return None

    def remove_then_terminate(signum, _frame) -> None:
        _remove(path)
        signal.signal(signum, signal.SIG_DFL)
        signal.raise_signal(signum)
    return signal.signal(signal.SIGTERM, remove_then_terminate)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def find(root: Path, generation: Optional[str], built_at: Optional[str]) -> Optional[str]:
    """The URL of a running server of ``root`` serving the build ``generation`` made at
    ``built_at``, or None."""
    base = folder()
    if not _private(base):
        return None
    try:
        entries = sorted(base.glob(f"{_prefix(root)}-*.json"))
    except OSError:
        return None
    for entry in entries:
        try:
            if not stat.S_ISREG(os.lstat(entry).st_mode):
                continue
            found = json.loads(entry.read_text("utf-8"))
            url, pid, data = str(found["url"]), int(found["pid"]), str(found["data"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not _alive(pid):
            _remove(entry)   # a server killed outright (SIGKILL) left it
            continue
        if data != str(Path(root).resolve()) or not _is_loopback(url):
            continue
        health = _get_json(url, "/healthz", {}, HEALTH_TIMEOUT_S)
        if health and health.get("generation") == generation and health.get("built_at") == built_at:
            return url
    return None


def ask_server(url: str, path: str, params: dict) -> Optional[dict]:
    """GET ``path`` with ``params`` (None values left out) from the server: its JSON answer, or
    None when it gives none (the caller then answers itself)."""
    return _get_json(url, path, {k: v for k, v in params.items() if v is not None}, ANSWER_TIMEOUT_S)


def _get_json(url: str, path: str, params: dict, timeout: float) -> Optional[dict]:
    query = "?" + urllib.parse.urlencode(params) if params else ""
    # no proxy: an http_proxy of the environment would take loopback requests elsewhere
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url + path + query, timeout=timeout) as response:
            if response.status != 200:
                return None
            body = response.read(MAX_ANSWER_BYTES + 1)
    except (OSError, ValueError, urllib.error.URLError):
        return None
    if len(body) > MAX_ANSWER_BYTES:
        return None
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def _alive(pid: int) -> bool:
    if pid <= 0:   # 0 and negative numbers name process groups
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # another user's server (a replica): alive
        return True
    except (OSError, OverflowError, ValueError):
        return False
    return True


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def answer(config, path: str, params: dict, local: bool = False) -> Optional[dict]:
    """The answer of a running server of ``config``'s data directory and live build to GET
    ``path``, or None: asked for an answer in this process (``local``), a model or engine chosen
    (the server answers with the build's), no such server, or it gave no answer."""
    if local or config.model is not None or config.embedder is not None:
        return None
    from search_api.datadir.generations import DataDir
    from search_api.datadir.manifest import read_manifest

    data = DataDir.of(config)
    live = data.current()
    if live is None:
        return None
    url = find(data.root, live.name, read_manifest(live).get("built_at"))
    if url is None:
        return None
    got = ask_server(url, path, params)
    if got is not None:
        print(f"policykg: answered by the server at {url} (--local: answer in this process)", file=sys.stderr)
    return got
